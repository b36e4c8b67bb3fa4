"""The main window: for now the requisitions and their pipelines, loaded in the background."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QTreeWidget, QTreeWidgetItem

from hirepartner import APP_NAME
from hirepartner.app import AppServices
from hirepartner.services.requisitions import RequisitionSummary
from hirepartner.ui.ops import BackgroundOps


class MainWindow(QMainWindow):
    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.ops = BackgroundOps(self)
        self.setWindowTitle(f"{APP_NAME} — {services.maintenance.location_display}")
        self.resize(1000, 640)
        self.requisitions = QTreeWidget()
        self.requisitions.setHeaderLabels(["Requisition", "In process", "Overdue feedback"])
        self.requisitions.setAccessibleName("Requisitions")
        self.setCentralWidget(self.requisitions)
        self.status = QLabel("Loading…")
        self.statusBar().addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        self.ops.run(
            lambda _state: self.services.requisitions.list_requisitions(), label="requisitions"
        ).on_success(self.on_requisitions_loaded).on_failure(self.on_load_failed).start()

    def on_requisitions_loaded(self, requisitions: tuple[RequisitionSummary, ...]) -> None:
        self.requisitions.clear()
        for req in requisitions:
            item = QTreeWidgetItem(
                [f"{req.code}  {req.title}", str(req.candidates_in_process),
                 str(req.overdue_feedback)]
            )  # fmt: skip
            for stage in req.stages:
                item.addChild(QTreeWidgetItem([stage.name, str(stage.candidates), ""]))
            self.requisitions.addTopLevelItem(item)
        self.requisitions.expandAll()
        self.requisitions.resizeColumnToContents(0)
        self.status.setText(f"{len(requisitions)} requisitions")

    def on_load_failed(self, error: BaseException) -> None:
        self.status.setText(f"Could not load requisitions: {error}")
