"""The Import dialog: preview in the background, mapping for other layouts (remembered),
problems shown by row, possible duplicates kept or merged, and an import that refreshes the slate,
says what it did and selects what it brought."""

import json
from pathlib import Path

from hirepartner.ui.exchange.import_dialog import ACTION, DUPLICATE, NOTE
from hirepartner.ui.settings import IMPORT_MAPPINGS

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _open(qtbot, window):
    window.packets.show_import()
    dialog = window.packets.import_dialog
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
    imported = {row.full_name for row in dialog.preview.rows}
    code = window.listing.requisition_code
    dialog.import_button.click()
    qtbot.waitUntil(lambda: len(window.slate.rows()) == before + 20, timeout=10000)
    qtbot.waitUntil(lambda: len(window.slate.selected_rows()) == 20, timeout=10000)
    assert (
        window.status_message.text() == f"Imported 20 candidates into {code} (20 resumes matched)."
    )
    assert {row.full_name for row in window.slate.selected_rows()} == imported
    assert window.panel.application_id in {r.application_id for r in window.slate.selected_rows()}
    window.resize(1024, 700)
    qtbot.wait(50)
    window.grab().save(str(artifacts_dir / "import-done-window.png"))


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
    problem_row = [r for r in range(dialog.table.rowCount()) if dialog.table.item(r, NOTE).text()]
    assert dialog.table.item(problem_row[0], NOTE).text() == (
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


def test_a_possible_duplicate_is_flagged_and_merged(qtbot, window, tmp_path, artifacts_dir):
    rows = window.slate.rows()
    names = [row.full_name for row in rows]
    known = next(row for row in rows if names.count(row.full_name) == 1)
    code = window.listing.requisition_code
    before = len(window.slate.rows())
    path = tmp_path / "agency.csv"
    path.write_text(
        "Full name,Email,Current company\n"
        f"{known.full_name.upper()},someone.new@example.org,Initech\n"
        "Zebedee Quillfeather,zq@example.org,Navy\n",
        encoding="utf-8",
    )
    dialog = _open(qtbot, window)
    dialog.resize(1024, 620)
    dialog.file.setText(str(path))
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert (
        dialog.table.item(0, NOTE)
        .text()
        .startswith(f"possible duplicate of {known.full_name} <{known.email}>")
    )
    assert dialog.table.item(1, NOTE).text() == ""
    assert "1 possible duplicate of a candidate you have" in dialog.summary.text()
    assert "2 to create" in dialog.summary.text()
    choice = dialog.table.cellWidget(0, DUPLICATE)
    assert choice.currentText() == "Keep both"
    assert dialog.table.cellWidget(1, DUPLICATE) is None
    choice.setCurrentText("Merge")
    assert dialog.table.item(0, ACTION).text() == "update"
    assert "1 to create, 1 to update" in dialog.summary.text()
    assert dialog.import_button.isEnabled()  # a warning, not a problem
    qtbot.wait(50)  # let the layout settle before the picture
    dialog.grab().save(str(artifacts_dir / "import-duplicate.png"))
    dialog.import_button.click()
    qtbot.waitUntil(
        lambda: (
            window.status_message.text()
            == f"Imported 2 candidates into {code} (1 merged with an existing candidate)."
        ),
        timeout=10000,
    )
    qtbot.waitUntil(
        lambda: len(window.slate.rows()) == before + 1, timeout=10000
    )  # the new one only
    names = [row.full_name for row in window.slate.rows()]
    assert names.count(known.full_name) == 1
    assert known.full_name.upper() not in names
    selected = {row.application_id for row in window.slate.selected_rows()}
    assert known.application_id in selected
    assert len(selected) == 2


def test_skip_rows_with_problems_imports_the_rest(qtbot, window, tmp_path, artifacts_dir):
    before = len(window.slate.rows())
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Full name,Email\nAna Alves,ana@example.com\nBen Broken,broken\n"
        "Cid Costa,cid@example.com\n",
        encoding="utf-8",
    )
    dialog = _open(qtbot, window)
    dialog.file.setText(str(path))
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert "nothing will be imported until they are fixed or skipped" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.skip_invalid.setChecked(True)
    assert "1 row with problems will be skipped" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    dialog.resize(1024, 620)
    qtbot.wait(50)
    dialog.grab().save(str(artifacts_dir / "import-skip-invalid.png"))
    dialog.skip_invalid.setChecked(False)
    assert not dialog.import_button.isEnabled()  # unticked: all or nothing again
    dialog.skip_invalid.setChecked(True)
    code = window.listing.requisition_code
    dialog.import_button.click()
    qtbot.waitUntil(lambda: len(window.slate.rows()) == before + 2, timeout=10000)
    assert window.status_message.text() == (
        f"Imported 2 candidates into {code}; skipped 1 row with problems (3)."
    )
    names = {row.full_name for row in window.slate.rows()}
    assert {"Ana Alves", "Cid Costa"} <= names
    assert "Ben Broken" not in names
