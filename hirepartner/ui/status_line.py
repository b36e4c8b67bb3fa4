"""The status bar's words: what was just done (with Undo while it still applies), what a write
did once the slate has reloaded, else the slate's summary; and the busy bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStatusBar, QWidget

from hirepartner.ui.undo_controls import UndoControls
from hirepartner.ui.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.slates import SlateListing


class StatusLine(QObject):
    """Owns the message label and the busy bar; the window adds its permanent widgets."""

    def __init__(self, bar: QStatusBar, undo_controls: UndoControls) -> None:
        super().__init__(bar)
        self.undo_controls = undo_controls
        self._after_reload = ""
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setAccessibleName("Working")
        self.busy.setVisible(False)
        self.message = QLabel()
        self.words = QWidget()  # the message and its Undo, hidden together under a tip
        row = QHBoxLayout(self.words)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.message)
        row.addWidget(undo_controls.status_undo)
        bar.addWidget(self.words)
        bar.addWidget(QWidget(), 1)
        undo_controls.stepped.connect(self.show_after_reload)
        # Qt draws a hovered action's tip over these words ("obscured", its docs say): hide
        # them while a tip is on show, so the two never overlap, and bring them back after.
        bar.messageChanged.connect(self._tip_shown)

    def _tip_shown(self, tip: str) -> None:
        self.words.setVisible(not tip)

    def show(self, text: str) -> None:
        """A line in the status bar (a new one takes the Undo of the last action away)."""
        self.message.setText(text)
        self.undo_controls.withdraw()

    def show_after_reload(self, text: str) -> None:
        """Show `text` now and again once the slate reloaded (instead of its summary)."""
        self._after_reload = text
        self.show(text)

    def offer_undo(self, text: str, application_id: int) -> None:
        """An action on a candidate: say what it did, with Undo while they are on screen."""
        self.show(text)
        self.undo_controls.offer(application_id)

    def show_summary(self, listing: SlateListing) -> None:
        """The slate's summary, unless something more worth saying is on show or waiting."""
        summary = listing.summary
        if self.undo_controls.offered:
            return  # "Moved Ada to Onsite [Undo]" stays until the next thing worth saying
        if self._after_reload:  # what a write just did says more than the summary
            self.show(self._after_reload)
            self._after_reload = ""
            return
        if not listing.complete:
            self.show(
                f"{listing.requisition_code} {listing.requisition_title}: listing candidates "
                f"(the first {len(listing.rows)} are shown)…"
            )
            return
        self.show(
            f"{listing.requisition.label}: "
            f"{plural(summary.candidates, 'candidate')}, {summary.scored} scored, "
            f"{plural(summary.overdue_scorecards, 'scorecard')} overdue"
        )
