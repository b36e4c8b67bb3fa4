"""The Export dialog: choices, validation, background export with progress, cancel, open."""

import io
from pathlib import Path

import pypdf
from pdf_reading import pdf_text
from PySide6.QtCore import Qt

from hirepartner.packets.content import PacketKind, Redaction, Section
from hirepartner.ui.settings import EXPORT_FOLDER


def _open(qtbot, window, kind="candidate"):
    window.slate.table.setFocus()
    window.slate.step(1)
    qtbot.waitUntil(lambda: window.review.current is not None, timeout=5000)
    window.packets.show_export(kind)
    dialog = window.packets.export_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_export_a_candidate_packet_in_the_background(qtbot, window, tmp_path, artifacts_dir):
    dialog = _open(qtbot, window)
    row = window.review.current
    assert dialog.packet_kind is PacketKind.CANDIDATE
    assert row.full_name in dialog.about.text()
    assert row.full_name in dialog.destination.text()
    dialog.grab().save(str(artifacts_dir / "export-dialog.png"))
    target = tmp_path / "packet.pdf"
    dialog.destination.setText(str(target))
    dialog.section_checks[Section.HISTORY].setChecked(False)
    dialog.protect.setChecked(True)
    dialog.password.setText("open sesame")
    dialog.confirm.setText("open sesame")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported_result is not None, timeout=20000)
    assert target.exists()
    assert target.with_suffix(".json").exists()
    assert dialog.open_pdf.isVisible()
    assert "Exported" in dialog.status.text()
    assert pypdf.PdfReader(io.BytesIO(target.read_bytes())).is_encrypted
    text = pdf_text(target.read_bytes(), password="open sesame")
    assert row.full_name in text
    assert "Stage history" not in text
    dialog.grab().save(str(artifacts_dir / "export-dialog-done.png"))
    assert Path(window.settings.get(EXPORT_FOLDER)) == tmp_path


def test_problems_are_named_before_anything_runs(qtbot, window, tmp_path):
    dialog = _open(qtbot, window)
    dialog.destination.setText(str(tmp_path / "missing" / "p.pdf"))
    dialog.on_export()
    assert "does not exist" in dialog.path_error.text()
    assert dialog.path_error.isVisible()
    dialog.destination.setText(str(tmp_path / "p.pdf"))
    dialog.protect.setChecked(True)
    dialog.password.setText("one")
    dialog.confirm.setText("two")
    dialog.on_export()
    assert "differ" in dialog.error.text()
    dialog.protect.setChecked(False)
    for box in dialog.section_checks.values():
        box.setChecked(False)
    dialog.on_export()
    assert "at least one section" in dialog.error.text()
    assert list(tmp_path.glob("*.pdf")) == []


def test_slate_packet_anonymous_and_cancel_leaves_nothing(qtbot, window, tmp_path):
    dialog = _open(qtbot, window, "slate")
    assert dialog.packet_kind is PacketKind.SLATE
    dialog.redaction_buttons[Redaction.ANONYMOUS].setChecked(True)
    assert "slate packet" in dialog.destination.text()
    out = tmp_path / "out"
    out.mkdir()
    dialog.destination.setText(str(out / "slate.pdf"))
    dialog.on_export()
    dialog.on_close_clicked()  # Cancel while it runs
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)
    qtbot.waitUntil(lambda: "Cancelled" in dialog.status.text(), timeout=5000)
    assert list(out.iterdir()) == []
    assert dialog.export_button.isEnabled()
    dialog.on_export()  # and a second try goes through
    qtbot.waitUntil(lambda: dialog.exported_result is not None, timeout=20000)
    assert "Candidate A" in pdf_text((out / "slate.pdf").read_bytes())


def test_interview_kit_for_a_chosen_stage(qtbot, window, tmp_path):
    dialog = _open(qtbot, window, "kit")
    assert dialog.packet_kind is PacketKind.KIT
    assert not dialog.redaction_box.isEnabled()
    dialog.stage.setCurrentIndex(dialog.stage.count() - 1)
    stage = dialog.stage.currentText()
    assert stage in dialog.destination.text()
    dialog.destination.setText(str(tmp_path / "kit.pdf"))
    dialog.on_export()
    qtbot.waitUntil(lambda: dialog.exported_result is not None, timeout=20000)
    assert f"Interview kit: {stage}" in pdf_text((tmp_path / "kit.pdf").read_bytes())


def test_a_new_path_forgets_the_last_export_and_an_existing_file_is_replaced_only_if_asked(
    qtbot, window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    dialog = _open(qtbot, window)
    target = tmp_path / "packet.pdf"
    dialog.destination.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported_result is not None, timeout=20000)
    first = target.read_bytes()
    assert dialog.open_pdf.isVisible()

    # Seen: a wrong new path showed its error beside "Exported … to" the old file.
    dialog.destination.setText(str(tmp_path / "nope" / "packet.pdf"))
    assert not dialog.open_pdf.isVisible()
    assert "Exported" not in dialog.status.text()

    asked: list[str] = []

    def answer(choice):
        def exec_(box):
            asked.append(box.text())
            next(b for b in box.buttons() if b.text().replace("&", "") == choice).click()
            return 0

        return exec_

    dialog.destination.setText(str(target))
    target.write_bytes(b"%PDF- the recruiter's copy")
    monkeypatch.setattr(QMessageBox, "exec", answer("Cancel"))
    dialog.exported_result = None
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "packet.pdf" in asked[0]
    assert target.read_bytes() == b"%PDF- the recruiter's copy"  # kept: nothing ran
    assert dialog.exported_result is None
    monkeypatch.setattr(QMessageBox, "exec", answer("Replace"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported_result is not None, timeout=20000)
    assert target.read_bytes() != b"%PDF- the recruiter's copy"
    assert target.read_bytes()[:5] == first[:5] == b"%PDF-"
    assert len(asked) == 2
