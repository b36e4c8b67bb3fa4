"""The packet actions: import the recruiter's slate, export a feedback packet, a slate packet
or an interview kit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.review.review_actions import make_action

if TYPE_CHECKING:
    from hirepartner.ui.exchange.export_dialog import ExportDialog
    from hirepartner.ui.exchange.import_dialog import ImportDialog


class PacketActions(QObject):
    """Owns the Import slate and Export actions and the dialogs they open."""

    def __init__(self, context: FeatureContext, say_after_reload: Callable[[str], None]) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.selection, self.settings = context.selection, context.settings
        self.say = context.say
        self.say_after_reload = say_after_reload
        window = context.window
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.export_packet_action = make_action(
            window,
            "E&xport feedback packet…",
            lambda: self.show_export("candidate"),
            "Ctrl+Shift+E",
            "",
            "A PDF feedback packet for this candidate, with its JSON summary",
        )
        self.export_kit_action = make_action(
            window,
            "Export interview &kit…",
            lambda: self.show_export("kit"),
            "",
            "",
            "The brief, anchors and questions for one stage, to print",
        )
        self.import_action = make_action(
            window,
            "&Import slate…",
            self.show_import,
            "Ctrl+Shift+O",
            "",
            "Import the recruiter's candidates: Greenhouse, Lever, CSV, XLSX or JSON",
        )
        self.export_slate_action = make_action(
            window,
            "Export &slate packet…",
            lambda: self.show_export("slate"),
            "",
            "",
            "Every candidate compared, the slate feedback and a page per candidate",
        )

    def show_export(self, kind: str = "candidate") -> None:
        """The Export dialog for the current candidate (or the requisition's slate)."""
        summary = self.selection.requisition
        if summary is None or not self.holder.ready:
            self.say("Choose a requisition first.")
            return
        from hirepartner.packets.content import PacketKind
        from hirepartner.ui import settings as opt
        from hirepartner.ui.exchange.export_dialog import ExportContext, ExportDialog

        row = self.selection.current
        context = ExportContext(
            requisition_id=summary.id,
            requisition=summary.ref,
            stages=tuple(stage.name for stage in summary.stages),
            application_id=row.application_id if row else None,
            candidate=row.full_name if row else "",
            candidate_stage=row.stage if row else "",
        )
        packet_kind = PacketKind(kind)
        if row is None and packet_kind is not PacketKind.SLATE:
            packet_kind = PacketKind.SLATE
        dialog = ExportDialog(
            self.holder.services.export,
            self.ops,
            context,
            packet_kind,
            self.settings.get(opt.EXPORT_FOLDER),
            self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda _r: self.settings.set(opt.EXPORT_FOLDER, dialog.folder))
        self.export_dialog = dialog
        dialog.show()

    def show_import(self) -> None:
        """Import a recruiter's slate into the current requisition."""
        summary = self.selection.requisition
        if summary is None or not self.holder.ready:
            self.say("Choose a requisition first.")
            return
        from hirepartner.ui.exchange.import_dialog import ImportDialog

        requisition_id = summary.id
        dialog = ImportDialog(
            self.holder.services.imports,
            self.ops,
            requisition_id,
            summary.label,
            self.settings,
            self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(result: Any) -> None:  # an ImportResult: say what it did, select its rows
            self.selection.select_after_reload(result.application_ids)
            self.say_after_reload(f"{result.summary}.")  # ops announced what it changed

        dialog.imported.connect(done)
        self.import_dialog = dialog
        dialog.show()
