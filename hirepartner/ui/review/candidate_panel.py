"""The candidate panel: profile, pitch, tags, notes, stage history, scorecards and resume."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import ApplicationStatus, Recommendation, label_of, rejection_label
from hirepartner.ui.changes import Change, ChangeBus, ChangeKind
from hirepartner.ui.icons import icon
from hirepartner.ui.ops import BackgroundOps
from hirepartner.ui.services_holder import ServicesHolder
from hirepartner.wording import moment

if TYPE_CHECKING:
    from hirepartner.app import AppServices
    from hirepartner.services.review import ApplicationDetail, ResumeFile, ScorecardLine
    from hirepartner.services.scorecard_reading import ScorecardReading
    from hirepartner.ui.review.resume_viewer import ResumeViewer
    from hirepartner.ui.scorecards.scorecard_viewer import ScorecardViewer


def _short_link(url: str, limit: int = 38) -> str:
    """A link as a person reads it: no scheme or www, shortened to fit a narrow panel."""
    text = url.split("://", 1)[-1].removeprefix("www.").rstrip("/")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrapping_label(text: str = "") -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _OneLineLabel(QLabel):
    """A header line that never wraps: too long for the panel, it ends in "…" and the whole
    text is in its tooltip, so the header keeps its height and the tabs below never jump."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:
        """The whole text, not what fits."""
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        elided = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, self.width()
        )
        super().setText(elided)


class CandidatePanel(QWidget):
    """Shows one application; loads its data in the background and refreshes on changes."""

    loaded = Signal(object)  # ApplicationDetail, for the window's actions

    TABS = ("Profile", "Timeline", "Scorecards", "Resume")

    def __init__(self, holder: ServicesHolder, ops: BackgroundOps, bus: ChangeBus) -> None:
        super().__init__()
        self.holder, self.ops, self.bus = holder, ops, bus
        self.detail: ApplicationDetail | None = None
        self._application_id: int | None = None
        self._resume_for: int | None = None

        self.name = _OneLineLabel()
        self.name.setObjectName("candidateName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline = _OneLineLabel()
        self.state = _OneLineLabel()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(False)  # four short tabs always fit the panel
        self.tabs.addTab(self._profile_tab(), "Profile")
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels(["When", "What", "Who"])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAccessibleName("Stage history")
        self.tabs.addTab(self.timeline, "Timeline")
        self.tabs.addTab(self._scorecards_tab(), "Scorecards")
        self.resume: ResumeViewer | None = None  # QtPdf loads when the tab is first shown
        self.resume_tab = QWidget()
        QVBoxLayout(self.resume_tab).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.resume_tab, "Resume")

        self.placeholder = QLabel(
            "Select a candidate to see their profile, history, scorecards and resume.",
            alignment=Qt.AlignmentFlag.AlignCenter,
            wordWrap=True,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        for widget in (self.name, self.headline, self.state):
            layout.addWidget(widget)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.placeholder, 1)
        self._connect_signals()
        self.show_detail(None)

    def _profile_tab(self) -> QWidget:
        self.contacts = _wrapping_label()
        self.contacts.setOpenExternalLinks(False)
        self.contacts.setTextFormat(Qt.TextFormat.RichText)
        self.contacts.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.pitch = _wrapping_label()
        self.tags = _wrapping_label()
        self.candidate_notes = _wrapping_label()
        self.notes = QListWidget()
        self.notes.setAccessibleName("Notes")
        self.notes.setWordWrap(True)
        self.notes.setMinimumHeight(60)
        self.notes.setMaximumHeight(180)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # -- The offer step (issue 12): its state, shown only once an offer was made. --
        self.offer_form = form
        self.offer = _wrapping_label()
        self.offer.setAccessibleName("Offer")
        form.addRow("Offer:", self.offer)
        # -- end of the offer step --
        form.addRow("Contact:", self.contacts)
        form.addRow("Pitch:", self.pitch)
        form.addRow("Tags:", self.tags)
        form.addRow("Recruiter notes:", self.candidate_notes)
        form.addRow("My notes:", self.notes)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.addLayout(form)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        return scroll

    def _scorecards_tab(self) -> QWidget:
        self.scorecards = QTreeWidget()
        self.scorecards.setHeaderLabels(
            ["Interviewer", "Stage", "Status", "Recommendation", "Interview"]
        )
        self.scorecards.setRootIsDecorated(False)
        self.scorecards.setAccessibleName("Scorecards")
        self.scorecards.header().setStretchLastSection(False)
        self.scorecards.header().setSectionResizeMode(
            0, self.scorecards.header().ResizeMode.Stretch
        )
        for column in range(1, 5):
            self.scorecards.header().setSectionResizeMode(
                column, self.scorecards.header().ResizeMode.ResizeToContents
            )
        self.open_scorecard_button = QPushButton("Open")
        self.open_scorecard_button.setToolTip("Read the selected scorecard (double-click, Enter)")
        self.open_scorecard_button.setEnabled(False)
        self.scorecard_hint = _wrapping_label()
        self.scorecard_viewer: ScorecardViewer | None = None
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scorecards, 1)
        row = QHBoxLayout()
        row.addWidget(self.scorecard_hint, 1)
        row.addWidget(self.open_scorecard_button)
        layout.addLayout(row)
        return tab

    def _connect_signals(self) -> None:
        self.bus.changed.connect(self.on_changed)
        self.tabs.currentChanged.connect(self.on_tab_changed)
        # Selection, not the current item: a click makes a row current before it is selected.
        self.scorecards.itemSelectionChanged.connect(self.on_scorecard_selected)
        self.scorecards.itemActivated.connect(self.open_scorecard)
        self.open_scorecard_button.clicked.connect(self.open_scorecard)

    # Loading ------------------------------------------------------------------------------------

    @property
    def services(self) -> AppServices:
        return self.holder.services

    @property
    def application_id(self) -> int | None:
        return self._application_id

    def set_application(self, application_id: int | None) -> None:
        self._application_id = application_id
        if application_id is None:
            self.show_detail(None)
            return
        self.reload()

    def reload(self) -> None:
        wanted = self._application_id
        if wanted is None:
            return
        self.ops.run(
            lambda _s: self.services.review.application_detail(wanted), label="candidate"
        ).on_success(
            lambda detail: self.show_detail(detail) if wanted == self._application_id else None
        ).on_failure(lambda error: self.on_reload_failed(wanted, error)).start()

    def on_reload_failed(self, wanted: int, error: BaseException) -> None:
        """The application went meanwhile (an erasure, here or from the exchange): show
        nothing; the slate's reload moves the selection on. Anything else is reported."""
        from hirepartner.errors import NotFoundError

        if not isinstance(error, NotFoundError):
            self.ops.unhandled_failure.emit(error)
        elif wanted == self._application_id:
            self.set_application(None)

    def on_changed(self, change: Change) -> None:
        if self._application_id is not None and change.kind in (
            ChangeKind.APPLICATION,
            ChangeKind.ALL,
        ):
            self.reload()

    def on_tab_changed(self, index: int) -> None:
        if self.tabs.tabText(index) == "Resume":
            self._load_resume()

    def resume_viewer(self) -> ResumeViewer:
        if self.resume is None:
            from hirepartner.ui.review.resume_viewer import ResumeViewer

            self.resume = ResumeViewer()
            layout = self.resume_tab.layout()
            assert layout is not None
            layout.addWidget(self.resume)
        return self.resume

    def _load_resume(self) -> None:
        detail = self.detail
        if detail is None or self._resume_for == detail.application_id:
            return
        self._resume_for = detail.application_id
        if not detail.resumes:
            self.resume_viewer().show_resume(None)
            return
        resume_id, wanted = detail.resumes[0].id, detail.application_id
        self.ops.run(
            lambda _s: self.services.review.resume_file(resume_id), label="resume"
        ).on_success(lambda f: self._show_resume(f, wanted)).start()

    def _show_resume(self, resume: ResumeFile, application_id: int) -> None:
        if self.detail is not None and self.detail.application_id == application_id:
            self.resume_viewer().show_resume(resume)

    # Scorecards ---------------------------------------------------------------------------------

    @staticmethod
    def readable(card: ScorecardLine) -> bool:
        """Submitted and not hidden from this reader by independent scoring (own drafts are
        edited in the scorecard form, not read here)."""
        return card.status == "submitted" and not card.hidden

    def selected_scorecard(self) -> int | None:
        """The id of the selected scorecard, if this reader may open it."""
        item = self.scorecards.currentItem()
        if item is None or not item.isSelected():
            return None
        value = item.data(0, Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def on_scorecard_selected(self) -> None:
        item = self.scorecards.currentItem()
        readable = self.selected_scorecard() is not None
        self.open_scorecard_button.setEnabled(readable)
        if item is None or readable:
            self.scorecard_hint.clear()
        elif item.text(2) in ("draft", "overdue"):
            self.scorecard_hint.setText("A draft can be read once it is submitted.")
        else:
            self.scorecard_hint.setText("Hidden until your own scorecard is submitted.")

    def open_scorecard(self) -> None:
        scorecard_id = self.selected_scorecard()
        if scorecard_id is None:
            return
        services = self.services

        def read(_state: object) -> ScorecardReading:
            me = services.profile.current()
            return services.scorecards.read(scorecard_id, me.id if me else None)

        self.ops.run(read, label="scorecard").on_success(self._show_scorecard).on_failure(
            lambda error: self.scorecard_hint.setText(str(error))
        ).start()

    def _show_scorecard(self, reading: ScorecardReading) -> None:
        from hirepartner.ui.scorecards.scorecard_viewer import ScorecardViewer

        viewer = ScorecardViewer(reading, self.window())
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.finished.connect(lambda _result: self._forget_viewer(viewer))
        self.scorecard_viewer = viewer
        viewer.show()

    def _forget_viewer(self, viewer: ScorecardViewer) -> None:
        if self.scorecard_viewer is viewer:
            self.scorecard_viewer = None

    # Showing ------------------------------------------------------------------------------------

    # -- The offer step (issue 12) -------------------------------------------------------------

    def _show_offer(self, detail: ApplicationDetail) -> None:
        """Extended on X, expires Y / accepted, starts Z / declined: reason; and its notes."""
        offer = detail.offer
        self.offer_form.setRowVisible(self.offer, offer is not None)
        if offer is None:
            self.offer.clear()
            return
        self.offer.setText(f"{offer.summary}\n{offer.notes}" if offer.notes else offer.summary)

    # -- end of the offer step -------------------------------------------------------------

    def show_detail(self, detail: ApplicationDetail | None) -> None:
        same_candidate = (
            detail is not None
            and self.detail is not None
            and detail.application_id == self.detail.application_id
        )
        self.detail = detail
        for widget in (self.name, self.headline, self.state, self.tabs):
            widget.setVisible(detail is not None)
        self.placeholder.setVisible(detail is None)
        if detail is None:
            self._resume_for = None
            return
        self.name.setText(detail.full_name)
        self.name.setAccessibleName(f"Candidate {detail.full_name}")
        self.headline.setText(
            " · ".join(
                p for p in (detail.current_title, detail.current_company, detail.location) if p
            )
        )
        state = f"{detail.stage} — {label_of(ApplicationStatus, detail.status).lower()}"
        if detail.rejection_reason:
            state += f" ({rejection_label(detail.rejection_reason)})"
            if detail.rejection_note:
                state += f": {detail.rejection_note}"
        self.state.setText(f"{detail.requisition} · {state} · source: {detail.source or '–'}")
        lines = [html.escape(x) for x in (detail.email or "", detail.phone) if x]
        lines += [
            f'<a href="{html.escape(u)}">{html.escape(_short_link(u))}</a>' for u in detail.links
        ]
        self.contacts.setText("<br>".join(lines) or "–")
        self._show_offer(detail)
        self.pitch.setText(detail.pitch or "–")
        self.tags.setText(", ".join(detail.tags) or "–")
        self.candidate_notes.setText(detail.candidate_notes or "–")
        self.notes.clear()
        for note in detail.notes:
            self.notes.addItem(f"{moment(note.at)} · {note.author}\n{note.text}")
        if not detail.notes:
            self.notes.addItem("No notes yet (Candidate → Add note…).")
        self.timeline.clear()
        for entry in detail.history:
            self.timeline.addTopLevelItem(
                QTreeWidgetItem([moment(entry.at), entry.text, entry.actor])
            )
        self.scorecards.clear()
        for card in detail.scorecards:
            status = "overdue" if card.overdue else card.status
            item = QTreeWidgetItem(
                [
                    card.interviewer,
                    card.stage,
                    status,
                    "hidden until yours is submitted"
                    if card.hidden and card.status == "submitted"
                    else label_of(Recommendation, card.recommendation, "–"),
                    moment(card.interview_at),
                ]
            )
            if card.overdue:
                item.setIcon(2, icon("overdue"))
            if self.readable(card):
                item.setData(0, Qt.ItemDataRole.UserRole, card.id)
            self.scorecards.addTopLevelItem(item)
        self.on_scorecard_selected()
        for tree in (self.timeline, self.scorecards):
            for column in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(column)
        if not same_candidate:
            self._resume_for = None
        if self.tabs.tabText(self.tabs.currentIndex()) == "Resume":
            self._load_resume()
        self.loaded.emit(detail)
