"""A submitted scorecard, read-only: each rating with its anchor and evidence, the takeaways,
the recommendation, and every earlier version of it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import Recommendation, label_of
from hirepartner.ui.dialogs import fit_to_screen, list_and_detail
from hirepartner.wording import moment

if TYPE_CHECKING:
    from hirepartner.services.scorecard_reading import ScorecardReading, VersionReading


def _text(value: str) -> str:
    """Typed text as HTML, line breaks kept."""
    return html.escape(value.strip()).replace("\n", "<br>") if value.strip() else "<i>–</i>"


def version_html(reading: ScorecardReading, version: VersionReading) -> str:
    """One version of the scorecard as a document: a block per competency, then the rest."""
    parts = []
    if not version.current:
        parts.append(
            f"<p style='color:#92400e'><b>Version {version.version}</b>, replaced later; "
            "choose the current version on the left to see what stands now.</p>"
        )
    recommendation = label_of(Recommendation, version.recommendation, "not given")
    parts.append(f"<p><b>Recommendation:</b> {html.escape(recommendation)}</p>")
    for rating in version.ratings:
        level = (
            f"{rating.level} · {html.escape(rating.level_label)}"
            if rating.level is not None
            else "Not assessed"
        )
        focus = " <span style='color:#6b7280'>(focus of this stage)</span>" if rating.focus else ""
        parts.append(f"<h3 style='margin-bottom:2px'>{html.escape(rating.competency)}{focus}</h3>")
        parts.append(f"<p style='margin:0'><b>Rating:</b> {level}</p>")
        if rating.anchor:
            parts.append(
                f"<p style='margin:0; color:#4b5563'><i>What a {rating.level} looks like:</i> "
                f"{html.escape(rating.anchor)}</p>"
            )
        parts.append(f"<p style='margin-top:4px'><b>Evidence:</b><br>{_text(rating.evidence)}</p>")
    if not version.ratings:
        parts.append("<p><i>No competency was rated.</i></p>")
    parts.append("<h3 style='margin-bottom:2px'>Key takeaways</h3>")
    parts.append(f"<p>{_text(version.key_takeaways)}</p>")
    if reading.mine:
        parts.append("<h3 style='margin-bottom:2px'>My private notes (only on this machine)</h3>")
        parts.append(f"<p>{_text(version.private_notes)}</p>")
    return "\n".join(parts)


def version_title(version: VersionReading) -> str:
    """ "Version 2 (current) · amended 01 Dec 2026 15:23" and the reason below it."""
    current = " (current)" if version.current else ""
    if version.version == 1:
        return f"Version 1{current} · submitted {moment(version.at)}"
    title = f"Version {version.version}{current} · amended {moment(version.at)}"
    return title + (f"\n“{version.reason}”" if version.reason else "")


class ScorecardViewer(QDialog):
    """Opens at the current version; choosing an earlier one in the list shows that one."""

    def __init__(self, reading: ScorecardReading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setWindowTitle(f"Scorecard: {reading.interviewer} on {reading.candidate}")
        current = reading.current
        self.header = QLabel(
            f"<b>{html.escape(reading.candidate)}</b> · {html.escape(reading.stage)} · "
            f"{html.escape(reading.requisition)}<br>"
            f"Interviewer: {html.escape(reading.interviewer)} · "
            f"Recommendation: "
            f"<b>{label_of(Recommendation, current.recommendation, 'not given')}</b> · "
            f"{self._status_text()}"
        )
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.versions = QListWidget()
        self.versions.setAccessibleName("Versions")
        self.versions.setWordWrap(True)
        self.versions.setSpacing(3)
        for version in reading.versions:
            item = QListWidgetItem(version_title(version))
            item.setData(Qt.ItemDataRole.UserRole, version.version)
            self.versions.addItem(item)
        self.body = QTextBrowser()
        self.body.setAccessibleName("Scorecard")
        self.body.setOpenLinks(False)
        splitter = list_and_detail("<b>Versions</b>", self.versions, self.body, [220, 700])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.versions.currentRowChanged.connect(self.on_version_chosen)
        self.versions.setCurrentRow(len(reading.versions) - 1)
        self.body.setFocus()
        fit_to_screen(self, 940, 640)

    def _status_text(self) -> str:
        reading = self.reading
        if reading.status != "submitted":
            return "Draft, not submitted yet"
        text = f"Submitted {moment(reading.submitted_at)}"
        if len(reading.versions) > 1:
            text += f", amended {len(reading.versions) - 1}×"
        return text

    def on_version_chosen(self, row: int) -> None:
        if 0 <= row < len(self.reading.versions):
            self.body.setHtml(version_html(self.reading, self.reading.versions[row]))
