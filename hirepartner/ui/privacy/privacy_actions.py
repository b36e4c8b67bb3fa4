"""The privacy actions: Candidate → Export personal data…, Erase…, Consent to keep…;
View → Audit log; File → Run retention now; and the retention runner, which checks at start
and daily while the app is open, off the UI thread, and asks once per batch (or runs without
asking when an administrator chose that)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog

from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.ops import TaskState
from hirepartner.ui.review.review_actions import make_action
from hirepartner.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.retention import RetentionPlan
    from hirepartner.ui.privacy.audit_window import AuditWindow

DAY_MS = 24 * 60 * 60 * 1000


class PrivacyActions(QObject):
    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.selection, self.say = context.selection, context.say
        self.on_error = context.on_error
        window = context.window
        self.audit_window: AuditWindow | None = None
        self.dialog: QDialog | None = None  # the one open now, for tests and screenshots
        self.export_action = make_action(
            window,
            "Export &personal data…",
            self.export_personal_data,
            tip="Everything held about this candidate, for an access request",
        )
        self.erase_action = make_action(
            window, "&Erase…", self.erase, tip="Erase this candidate here and across the exchange"
        )
        self.consent_action = make_action(
            window,
            "Consent to &keep…",
            self.consent,
            tip="The candidate agreed to be kept beyond the retention period",
        )
        self.audit_action = make_action(window, "&Audit log", self.show_audit)
        self.retention_action = make_action(window, "Run &retention now…", self.run_retention)
        self.candidate_actions = [self.export_action, self.consent_action, self.erase_action]
        self.timer = QTimer(self)
        self.timer.setInterval(DAY_MS)
        self.timer.timeout.connect(self.run_retention)

    def start(self) -> None:
        """Check retention now and then daily while the app is open."""
        self.run_retention()
        self.timer.start()

    # Retention ---------------------------------------------------------------------------

    def run_retention(self) -> None:
        if not self.holder.ready or self.dialog is not None:
            return
        retention = self.holder.services.retention

        def plan(_state: TaskState) -> Any:
            return retention.policy(), retention.plan()

        self.ops.run(plan, label="retention plan").on_success(self.on_plan).on_failure(
            self.on_error
        ).start()

    def on_plan(self, result: Any) -> None:
        policy, plan = result
        if plan.empty:
            return
        if policy.unattended:
            self.apply_retention(plan, None)
            return
        from hirepartner.ui.privacy.privacy_dialogs import RetentionDialog

        dialog = RetentionDialog(plan, policy.months, self.window)
        self.dialog = dialog
        dialog.finished.connect(lambda code: self.on_retention_answer(dialog, plan, code))
        dialog.open()

    def on_retention_answer(self, dialog: QDialog, plan: RetentionPlan, code: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        if code == QDialog.DialogCode.Accepted:
            self.apply_retention(plan, tuple(d.candidate_id for d in plan.due))

    def apply_retention(self, plan: RetentionPlan, shown: tuple[int, ...] | None) -> None:
        retention = self.holder.services.retention

        def done(run: Any) -> None:
            self.say(f"Retention anonymised {plural(len(run.anonymised), 'candidate')}.")

        self.ops.run(lambda _s: retention.apply(shown), write=True, label="retention").on_success(
            done
        ).on_failure(self.on_error).start()

    # One candidate -----------------------------------------------------------------------

    def _current(self) -> tuple[int, str] | None:
        current = self.selection.current
        if current is None or not self.holder.ready:
            self.say("Choose a candidate first.")
            return None
        return current.candidate_id, current.full_name

    def export_personal_data(self) -> None:
        chosen = self._current()
        if chosen is None:
            return
        services = self.holder.services

        def show(preview: Any) -> None:
            from hirepartner.ui.exchange.export_dialog import documents_folder
            from hirepartner.ui.privacy.privacy_dialogs import SubjectExportDialog

            dialog = SubjectExportDialog(preview, documents_folder(), self.window)
            self._open(dialog, lambda: self._export(preview.candidate_id, dialog.path))

        self.ops.run(
            lambda _s: services.subject_export.preview(chosen[0]), label="personal data"
        ).on_success(show).on_failure(self.on_error).start()

    def _export(self, candidate_id: int, path: Any) -> None:
        services = self.holder.services

        def done(result: Any) -> None:
            self.say(
                f"Personal data exported to {result.path} "
                f"({plural(result.records, 'record')}, private notes included)."
            )

        self.ops.run(
            lambda _s: services.subject_export.export(candidate_id, path),
            write=True,
            label="export personal data",
        ).on_success(done).on_failure(self.on_error).start()

    def erase(self) -> None:
        chosen = self._current()
        if chosen is None:
            return
        services = self.holder.services

        def show(preview: Any) -> None:
            from hirepartner.ui.privacy.privacy_dialogs import EraseDialog

            dialog = EraseDialog(preview, self.window)
            self._open(dialog, lambda: self._erase(preview.candidate_id, dialog.reason_text))

        self.ops.run(
            lambda _s: services.privacy.erasure_preview(chosen[0]), label="erasure preview"
        ).on_success(show).on_failure(self.on_error).start()

    def _erase(self, candidate_id: int, reason: str) -> None:
        services = self.holder.services

        def done(result: Any) -> None:
            where = "; the erasure goes out with the next sync" if result.queued else ""
            self.say(f"Candidate erased{where}.")

        self.ops.run(
            lambda _s: services.privacy.erase(candidate_id, reason), write=True, label="erase"
        ).on_success(done).on_failure(self.on_error).start()

    def consent(self) -> None:
        chosen = self._current()
        if chosen is None:
            return
        services = self.holder.services
        candidate_id, name = chosen

        def show(until: Any) -> None:
            from hirepartner.ui.privacy.privacy_dialogs import ConsentDialog

            dialog = ConsentDialog(name, until, services.clock().date(), self.window)
            self._open(dialog, lambda: self._consent(candidate_id, dialog.keep_until))

        self.ops.run(
            lambda _s: services.retention.consent(candidate_id), label="consent"
        ).on_success(show).on_failure(self.on_error).start()

    def _consent(self, candidate_id: int, until: Any) -> None:
        services = self.holder.services

        def done(kept: Any) -> None:
            self.say(
                f"Consent to keep recorded until {kept:%d %b %Y}." if kept else "Consent removed."
            )

        self.ops.run(
            lambda _s: services.retention.set_consent(candidate_id, until),
            write=True,
            label="consent",
        ).on_success(done).on_failure(self.on_error).start()

    def _open(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog

        def finished(code: int) -> None:
            self.dialog = None
            if code == QDialog.DialogCode.Accepted:
                on_accept()

        dialog.finished.connect(finished)
        dialog.open()

    # The audit log -----------------------------------------------------------------------

    def show_audit(self) -> None:
        if not self.holder.ready:
            return
        services = self.holder.services

        def show(result: Any) -> None:
            from hirepartner.ui.privacy.audit_window import AuditWindow

            people, candidates = result
            window = AuditWindow(services.audit, self.ops, people, candidates, self.window)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.audit_window = window
            window.show()

        self.ops.run(
            lambda _s: (services.audit.people(), services.audit.candidates()), label="audit"
        ).on_success(show).on_failure(self.on_error).start()
