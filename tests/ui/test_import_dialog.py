"""The Import dialog: preview in the background, mapping for other layouts (remembered),
problems shown by row, and an import that refreshes the slate."""

import json
from pathlib import Path

from hirepartner.ui.settings import IMPORT_MAPPINGS

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _open(qtbot, window):
    window.show_import()
    dialog = window.import_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_preview_then_import_greenhouse(qtbot, window, artifacts_dir):
    dialog = _open(qtbot, window)
    before = len(window.slate.rows())
    dialog.file.setText(str(SAMPLES / "greenhouse_bulk_import.csv"))
    dialog.resumes.setText(str(SAMPLES / "resumes.zip"))
    dialog.refresh()
    qtbot.waitUntil(
        lambda: (
            dialog.preview is not None
            and dialog.preview.resumes_refused == ()
            and dialog.table.rowCount() == 20
        ),
        timeout=10000,
    )
    assert "Greenhouse bulk import" in dialog.summary.text()
    assert "20 resumes matched" in dialog.summary.text()
    assert not dialog.mapping_box.isVisible()
    assert dialog.import_button.isEnabled()
    dialog.grab().save(str(artifacts_dir / "import-preview.png"))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: len(window.slate.rows()) == before + 20, timeout=10000)


def test_other_layout_shows_mapping_and_remembers_it(qtbot, window, tmp_path, artifacts_dir):
    path = tmp_path / "agency.csv"
    path.write_text("Kandidat;Mail\nJosé Núñez;jose@example.com\nBroken;nope\n", encoding="utf-8")
    dialog = _open(qtbot, window)
    dialog.file.setText(str(path))
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.mapping_box.isVisible()
    assert "no column is mapped to the name" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.columns["full_name"].setCurrentText("Kandidat")
    qtbot.waitUntil(lambda: dialog.preview.mapping.get("full_name") == ("Kandidat",), timeout=10000)
    dialog.columns["email"].setCurrentText("Mail")
    qtbot.waitUntil(lambda: dialog.preview.mapping.get("email") == ("Mail",), timeout=10000)
    assert not dialog.import_button.isEnabled()  # row 3's email is wrong
    problem_row = [r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 5).text()]
    assert dialog.table.item(problem_row[0], 5).text() == (
        "agency.csv, row 3, column 'Mail': 'nope' is not an email address"
    )
    dialog.grab().save(str(artifacts_dir / "import-mapping.png"))
    path.write_text("Kandidat;Mail\nJosé Núñez;jose@example.com\n", encoding="utf-8")
    dialog.refresh(use_mapping=True)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10000)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    stored = json.loads(window.settings.get(IMPORT_MAPPINGS))
    assert stored == {"kandidat|mail": {"full_name": ["Kandidat"], "email": ["Mail"]}}


def test_an_unreadable_file_is_named(qtbot, window, tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("a,b\n1,2,3\n", encoding="utf-8")
    dialog = _open(qtbot, window)
    dialog.file.setText(str(path))
    dialog.refresh()
    qtbot.waitUntil(lambda: "ragged.csv, row 2" in dialog.summary.text(), timeout=10000)
    assert not dialog.import_button.isEnabled()
