"""The privacy screens in the window: export personal data, erase with a reason and a
confirmation, consent to keep, the retention question at start, and the audit log."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from hirepartner.ui.privacy.audit_window import AuditWindow
from hirepartner.ui.privacy.privacy_dialogs import (
    ConsentDialog,
    EraseDialog,
    RetentionDialog,
    SubjectExportDialog,
)

SHOTS = Path("/tmp/privacy-scratch")


def _shot(widget, name):
    """Looked at by a person at a small laptop's size (1024×700)."""
    if SHOTS.is_dir():
        widget.grab().save(str(SHOTS / f"{name}.png"))


def _select_first(qtbot, window):
    target = window.listing.rows[0]
    window.slate.select_application(target.application_id)
    qtbot.waitUntil(
        lambda: (
            window.panel.detail is not None
            and window.panel.detail.application_id == target.application_id
        )
    )
    return target


def _dialog(qtbot, window, kind):
    qtbot.waitUntil(lambda: isinstance(window.privacy.dialog, kind), timeout=10000)
    dialog = window.privacy.dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _fits(dialog):
    """The dialog fits a 1024×700 screen and its buttons are inside it, not clipped."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QPushButton

    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    return (
        dialog.width() <= 1024
        and dialog.height() <= 700
        and all(
            dialog.rect().contains(QRect(b.mapTo(dialog, QPoint(0, 0)), b.size())) for b in buttons
        )
    )


def test_export_personal_data_says_private_notes_are_included(qtbot, window, wait_idle, tmp_path):
    target = _select_first(qtbot, window)
    window.privacy.export_action.trigger()
    dialog = _dialog(qtbot, window, SubjectExportDialog)
    _shot(dialog, "export-personal-data")
    assert _fits(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.error)))
    assert "Private notes are included" in texts
    assert "1 profile" in texts  # counted in words, not "Profile: 1"
    assert "envelope" not in texts.lower()
    # Named after the person, made safe as a file name; no empty band under the form.
    assert Path(dialog.destination.text()).name == f"personal-data-{target.full_name}.zip"
    assert dialog.height() <= dialog.sizeHint().height() + 10
    dialog.destination.setText(str(tmp_path / "person.zip"))
    dialog.accept()
    qtbot.waitUntil(lambda: (tmp_path / "person.zip").exists(), timeout=20000)
    wait_idle(window)
    # The next export starts where this one went, as packets and the comparison's CSV do.
    window.privacy.export_action.trigger()
    qtbot.waitUntil(lambda: window.privacy.dialog is not dialog, timeout=10000)
    again = _dialog(qtbot, window, SubjectExportDialog)
    assert Path(again.destination.text()).parent == tmp_path
    again.reject()
    with zipfile.ZipFile(tmp_path / "person.zip") as archive:
        assert {"records.json", "summary.pdf"} <= set(archive.namelist())
    events = window.holder.services.audit.events(candidate_id=target.candidate_id)
    assert events[0].action == "export_subject"


def test_erase_needs_a_reason_and_a_confirmation(qtbot, window, wait_idle):
    target = _select_first(qtbot, window)
    window.privacy.erase_action.trigger()
    dialog = _dialog(qtbot, window, EraseDialog)
    _shot(dialog, "erase")
    assert _fits(dialog)
    said = " ".join(label.text() for label in dialog.findChildren(type(dialog.error)))
    for jargon in ("outbox", "exchange target", "envelope"):
        assert jargon not in said.lower()
    dialog.accept()
    assert dialog.error.text() == "Say why this candidate is erased."
    dialog.reason.setPlainText("The candidate asked to be erased")
    dialog.accept()
    assert dialog.error.text() == "Tick the confirmation to erase."
    assert dialog.isVisible()
    dialog.confirm.setChecked(True)
    dialog.accept()
    wait_idle(window)
    qtbot.waitUntil(
        lambda: all(r.candidate_id != target.candidate_id for r in window.listing.rows),
        timeout=10000,
    )
    ids = {c.id for c in window.holder.services.pipeline.list_candidates()}
    assert target.candidate_id not in ids
    erased = window.holder.services.audit.events()[0]
    assert (erased.action, erased.detail["reason"]) == ("erase", "The candidate asked to be erased")
    wait_idle(window)  # the slate reloaded: what the erasure did is still what the bar says
    assert window.status_message.text().startswith("Candidate erased")


def test_consent_to_keep_is_recorded_with_its_day(qtbot, window, wait_idle):
    target = _select_first(qtbot, window)
    window.privacy.consent_action.trigger()
    dialog = _dialog(qtbot, window, ConsentDialog)
    assert not dialog.given.isChecked()
    assert not dialog.until.isEnabled()
    dialog.given.setChecked(True)
    dialog.until.setDate(QDate(2027, 6, 30))
    _shot(dialog, "consent")
    dialog.accept()
    wait_idle(window)
    assert window.holder.services.retention.consent(target.candidate_id) == date(2027, 6, 30)


@pytest.fixture
def due_services(demo_services, clock):
    demo_services.retention.set_months(1)
    clock.now = datetime(2031, 1, 1, 9, 0)
    return demo_services


def test_retention_asks_at_start_and_anonymises_who_it_named(
    qtbot, due_services, make_window, wait_loaded, wait_idle
):
    plan = due_services.retention.plan()
    assert plan.due
    window = make_window(due_services)
    dialog = _dialog(qtbot, window, RetentionDialog)
    _shot(dialog, "retention")
    assert _fits(dialog)
    shown = [dialog.names.item(i).text() for i in range(dialog.names.count())]
    assert [s.split(" — ")[0] for s in shown] == [d.name for d in plan.due]
    assert dialog.anonymise_button.text() == f"Anonymise {len(plan.due)} candidates"
    dialog.accept()
    wait_loaded(window)
    wait_idle(window)
    qtbot.waitUntil(lambda: due_services.retention.plan().empty, timeout=10000)
    window.ops.wait_idle()


def test_retention_not_now_changes_nothing_and_runs_unattended_when_chosen(
    qtbot, due_services, make_window, wait_loaded, wait_idle
):
    window = make_window(due_services)
    dialog = _dialog(qtbot, window, RetentionDialog)
    dialog.reject()
    wait_loaded(window)
    assert not due_services.retention.plan().empty
    window.ops.wait_idle()
    due_services.retention.set_unattended(True)
    window.privacy.run_retention()
    qtbot.waitUntil(lambda: due_services.retention.plan().empty, timeout=10000)
    assert window.privacy.dialog is None
    window.ops.wait_idle()


def test_the_audit_log_lists_and_filters(qtbot, window, wait_idle):
    target = _select_first(qtbot, window)
    services = window.holder.services
    services.subject_export.export(
        target.candidate_id, Path(services.database.location.path).parent / "x.zip"
    )
    window.privacy.audit_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.privacy.audit_window, AuditWindow), timeout=10000)
    audit = window.privacy.audit_window
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0 and "holds" in audit.chain.text())
    audit.resize(1000, 640)
    _shot(audit, "audit-log")
    assert "Exported personal data" in audit.model.index(0, 2).data()
    audit.candidate.setCurrentIndex(audit.candidate.findData(target.candidate_id))
    qtbot.waitUntil(
        lambda: (
            audit.model.rowCount() > 0
            and all(
                audit.model.index(r, 3).data() == target.full_name
                for r in range(audit.model.rowCount())
            )
        )
    )
    audit.person.setCurrentIndex(1)
    wait_idle(window)
    audit.close()


def test_enter_in_the_retention_question_does_not_anonymise(qtbot):
    from hirepartner.services.retention import DueCandidate, RetentionPlan

    due = DueCandidate(7, "Ada Lovelace", date(2026, 1, 2), date(2026, 2, 2))
    dialog = RetentionDialog(RetentionPlan(date(2026, 12, 1), (due,), 0), 1)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.later_button.isDefault()
    assert not dialog.anonymise_button.isDefault()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Rejected


def test_an_export_into_a_missing_folder_is_refused_with_the_dialog_open(qtbot, window, tmp_path):
    _select_first(qtbot, window)
    window.privacy.export_action.trigger()
    dialog = _dialog(qtbot, window, SubjectExportDialog)
    missing = tmp_path / "nope" / "deeper"
    dialog.destination.setText(str(missing / "person.zip"))
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == f"The folder {missing} does not exist; choose another place."
    dialog.destination.setText(str(tmp_path / "person.zip"))
    dialog.accept()
    qtbot.waitUntil(lambda: (tmp_path / "person.zip").exists(), timeout=20000)
    window.ops.wait_idle()


def test_enter_in_the_erase_dialog_cancels_even_when_ticked(qtbot, window):
    target = _select_first(qtbot, window)
    window.privacy.erase_action.trigger()
    dialog = _dialog(qtbot, window, EraseDialog)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).isDefault()
    assert not dialog.erase_button.isDefault()
    dialog.reason.setPlainText("Asked to be erased")
    dialog.confirm.setChecked(True)
    dialog.confirm.setFocus()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.privacy.dialog is None)
    window.ops.wait_idle()
    names = {c.full_name for c in window.holder.services.pipeline.list_candidates()}
    assert target.full_name in names


def test_the_personal_data_file_is_named_safely_after_the_candidate(qtbot, tmp_path):
    from hirepartner.services.subject_export import SubjectPreview

    preview = SubjectPreview(7, 'Ana "AJ" de Souza/Lima: ', (("Profile", 1),), 0, ("1 profile",))
    dialog = SubjectExportDialog(preview, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.path == tmp_path / "personal-data-Ana AJ de Souza Lima.zip"
    nameless = SubjectExportDialog(SubjectPreview(7, "/:", (), 0), tmp_path)
    qtbot.addWidget(nameless)
    assert nameless.path == tmp_path / "personal-data-7.zip"
