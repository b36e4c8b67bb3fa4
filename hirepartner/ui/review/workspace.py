"""The review workspace: the requisition navigator, the slate and the candidate panel side by
side, with the sizes, column order and tab the user left them in."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QTreeView

from hirepartner.ui import settings as opt
from hirepartner.ui.changes import ChangeBus
from hirepartner.ui.ops import BackgroundOps
from hirepartner.ui.review.candidate_panel import CandidatePanel
from hirepartner.ui.review.navigator import RequisitionTreeModel
from hirepartner.ui.review.slate_panel import SlatePanel
from hirepartner.ui.review.slate_table import Column
from hirepartner.ui.services_holder import ServicesHolder
from hirepartner.ui.settings import Settings


class Workspace(QSplitter):
    """Navigator | slate | candidate panel; the navigator can be dragged away on small screens."""

    def __init__(self, holder: ServicesHolder, ops: BackgroundOps, bus: ChangeBus) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.navigator_model = RequisitionTreeModel(self)
        self.navigator = QTreeView()
        self.navigator.setModel(self.navigator_model)
        self.navigator.setAccessibleName("Requisitions")
        self.navigator.setUniformRowHeights(True)
        header = self.navigator.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.navigator.setMinimumWidth(200)

        self.slate = SlatePanel()
        self.panel = CandidatePanel(holder, ops, bus)
        self.panel.setMinimumWidth(340)  # its four tabs side by side
        self.setChildrenCollapsible(False)
        for widget in (self.navigator, self.slate, self.panel):
            self.addWidget(widget)
        self.setCollapsible(0, True)  # small screens: drag the navigator away
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 2)

    def restore(self, settings: Settings) -> None:
        """The slate's columns and sort, and the panel's tab, as the user left them."""
        header = self.slate.table.horizontalHeader()
        state = settings.get(opt.SLATE_HEADER)
        if not state.isEmpty() and header.restoreState(state):
            self.slate.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        else:
            header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.panel.tabs.setCurrentIndex(settings.get(opt.PANEL_TAB))
        self.panel.tabs.currentChanged.connect(lambda i: settings.set(opt.PANEL_TAB, i))

    def restore_sizes(self, settings: Settings) -> None:
        """Once the window has its real size: else the extra width would be shared out by
        stretch factors instead of kept as saved."""
        sizes = settings.get(opt.MAIN_SPLITTER)
        if not sizes.isEmpty():
            QTimer.singleShot(0, lambda: self.restoreState(sizes))
        else:
            QTimer.singleShot(0, self._default_sizes)

    def _default_sizes(self) -> None:
        width = self.width()
        navigator = max(self.navigator.minimumWidth(), min(320, int(width * 0.2)))
        panel = max(self.panel.minimumWidth(), min(560, int(width * 0.3)))
        self.setSizes([navigator, width - navigator - panel, panel])

    def save(self, settings: Settings) -> None:
        settings.set(opt.MAIN_SPLITTER, self.saveState())
        settings.set(opt.SLATE_HEADER, self.slate.table.horizontalHeader().saveState())
        settings.set(opt.LAST_APPLICATION, self.panel.application_id or 0)
