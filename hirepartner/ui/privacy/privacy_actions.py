"""The privacy actions: Candidate → Export personal data…, Erase…, Consent to keep…;
View → Audit log; File → Run retention now… and Privacy and security…; and the retention
runner, which checks at start and daily while the app is open, off the UI thread, and asks once
per batch (or runs without asking when an administrator chose that)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog

from hirepartner.database_key import stored_key
from hirepartner.ui.encryption.encryption_actions import EncryptFlow
from hirepartner.ui.export_folder import export_folder, remember_export_folder
from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.ops import TaskState
from hirepartner.ui.privacy.privacy_settings import (
    PrivacySettings,
    PrivacySettingsDialog,
    SecurityState,
)
from hirepartner.ui.review.review_actions import make_action
from hirepartner.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.retention import RetentionPlan, RetentionPolicy
    from hirepartner.ui.privacy.audit_window import AuditWindow

DAY_MS = 24 * 60 * 60 * 1000


class PrivacyActions(QObject):
    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.context = context
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
        self.retention_action = make_action(window, "Run &retention now…", self.run_retention_now)
        self.settings_action = make_action(
            window,
            "Privacy and &security…",
            self.show_settings,
            tip="The retention policy, this database's encryption and the keyring",
        )
        self.candidate_actions = [self.export_action, self.consent_action, self.erase_action]
        self.encrypting = EncryptFlow(window, self.holder, self.ops, self.say, self.on_error)
        self.encrypting.encrypted.connect(self.on_encrypted)
        self.timer = QTimer(self)
        self.timer.setInterval(DAY_MS)
        self.timer.timeout.connect(self.run_retention)

    def start(self) -> None:
        """Check retention now and then daily while the app is open."""
        self.run_retention()
        self.timer.start()

    # Retention ---------------------------------------------------------------------------

    def run_retention_now(self) -> None:
        """File → Run retention now…: like the daily check, but it answers when nobody is due."""
        self.run_retention(asked=True)

    def run_retention(self, asked: bool = False) -> None:
        if not self.holder.ready or self.dialog is not None:
            return
        retention = self.holder.services.retention

        def plan(_state: TaskState) -> Any:
            return retention.policy(), retention.plan()

        self.ops.run(plan, label="retention plan").on_success(
            lambda result: self.on_plan(result, asked)
        ).on_failure(self.on_error).start()

    def on_plan(self, result: Any, asked: bool = False) -> None:
        policy, plan = result
        if plan.empty:
            if asked:
                self.say(_nobody_due(policy, plan))
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
            self.context.say_after_reload(
                f"Retention anonymised {plural(len(run.anonymised), 'candidate')}."
            )

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
            from hirepartner.ui.privacy.privacy_dialogs import SubjectExportDialog

            # Where packets and the comparison's CSV went last, else Documents.
            folder = export_folder(self.context.settings)
            dialog = SubjectExportDialog(preview, folder, self.window)
            self._open(dialog, lambda: self._export(preview.candidate_id, dialog.path))

        self.ops.run(
            lambda _s: services.subject_export.preview(chosen[0]), label="personal data"
        ).on_success(show).on_failure(self.on_error).start()

    def _export(self, candidate_id: int, path: Any) -> None:
        services = self.holder.services

        def done(result: Any) -> None:
            remember_export_folder(self.context.settings, path)
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
            self.context.say_after_reload(f"Candidate erased{where}.")

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

        def done(change: Any) -> None:  # a ConsentChange
            self.say(change.text)

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

    # Privacy and security ----------------------------------------------------------------

    def _security(self) -> SecurityState:
        """Read off the UI thread: the keyring may take a moment to answer."""
        services = self.holder.services
        status = services.encryption.status()
        keyring = services.secrets.backend_available()
        path = services.encryption.file
        kept = status.encrypted and path is not None and stored_key(path, services.secrets)
        return SecurityState(status, keyring, services.secrets.describe(), bool(kept))

    def show_settings(self) -> None:
        if not self.holder.ready or self.dialog is not None:
            return
        retention = self.holder.services.retention

        def state(_s: TaskState) -> tuple[Any, SecurityState]:
            return retention.policy(), self._security()

        self.ops.run(state, label="privacy settings").on_success(self._show_settings).on_failure(
            self.on_error
        ).start()

    def _show_settings(self, found: tuple[Any, SecurityState]) -> None:
        policy, security = found
        dialog = PrivacySettingsDialog(
            policy,
            security,
            self.selection.requisitions,
            self.selection.requisition_id,
            lambda: self.encrypting.ask(dialog),
            self.window,
        )
        self._open(dialog, lambda: self._save_settings(dialog.settings))

    def on_encrypted(self) -> None:
        """The database was just encrypted: the settings, if open, show it."""
        if not isinstance(self.dialog, PrivacySettingsDialog):
            return
        dialog = self.dialog
        self.ops.run(lambda _s: self._security(), label="encryption status").on_success(
            dialog.show_security
        ).on_failure(self.on_error).start()

    def _save_settings(self, chosen: PrivacySettings) -> None:
        retention = self.holder.services.retention

        def done(policy: Any) -> None:
            period = plural(policy.months, "month") if policy.months else "off"
            self.say(
                f"Privacy settings saved: retention {period}. It applies at the next check "
                "(at start, daily, or File → Run retention now…)."
            )

        self.ops.run(
            lambda _s: retention.save_policy(chosen.months, chosen.unattended, chosen.overrides),
            write=True,
            label="privacy settings",
        ).on_success(done).on_failure(self.on_error).start()

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


def _nobody_due(policy: RetentionPolicy, plan: RetentionPlan) -> str:
    if policy.months is None and not policy.overrides:
        return "Retention is off: choose a period in File → Privacy and security…"
    kept = (
        f" ({plural(plan.kept_by_consent, 'candidate')} kept by their consent)"
        if plan.kept_by_consent
        else ""
    )
    return f"Nobody is due for anonymising today{kept}."
