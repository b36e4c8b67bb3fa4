"""The comparison's and the dashboard's Export CSV… open on the folder of the last export
(else Documents), not on whatever folder the app was started from, and remember where the
file went."""

from pathlib import Path

from PySide6.QtCore import Qt

from hirepartner.ui import export_folder
from hirepartner.ui.settings import EXPORT_FOLDER
from tests.ui.test_comparison import _select_rows


def _fake_save_dialog(monkeypatch, answer: Path) -> list[str]:
    offered: list[str] = []

    def save(_parent, _title, suggested, _kinds):
        offered.append(suggested)
        return str(answer), ""

    monkeypatch.setattr(export_folder.QFileDialog, "getSaveFileName", save)
    return offered


def test_comparison_export_opens_in_documents_then_the_last_export_folder(
    qtbot, window, tmp_path, monkeypatch
):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(export_folder, "documents_folder", lambda: documents)
    chosen = tmp_path / "exports"
    chosen.mkdir()
    offered = _fake_save_dialog(monkeypatch, chosen / "round.csv")

    _select_rows(window, 2)
    qtbot.keyClick(window.slate.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: getattr(window.compare, "comparison_dialog", None) is not None, timeout=5000
    )
    dialog = window.compare.comparison_dialog
    dialog.export.click()
    qtbot.waitUntil(lambda: (chosen / "round.csv").exists(), timeout=5000)
    assert offered == [str(documents / "comparison.csv")]
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Exported"), timeout=5000)
    assert window.settings.get(EXPORT_FOLDER) == str(chosen)

    dialog.export.click()
    assert offered[-1] == str(chosen / "comparison.csv")


def test_dashboard_export_opens_in_the_last_export_folder(qtbot, window, tmp_path, monkeypatch):
    earlier = tmp_path / "packets"
    earlier.mkdir()
    window.settings.set(EXPORT_FOLDER, str(earlier))
    offered = _fake_save_dialog(monkeypatch, tmp_path / "figures.csv")
    window.partnership.dashboard_action.trigger()
    dialog = window.partnership.dashboard_dialog
    qtbot.waitUntil(lambda: dialog.board is not None, timeout=10000)
    dialog.export_button.click()
    assert offered == [str(earlier / "metrics.csv")]
    qtbot.waitUntil(lambda: (tmp_path / "figures.csv").exists(), timeout=5000)
    qtbot.waitUntil(lambda: window.settings.get(EXPORT_FOLDER) == str(tmp_path), timeout=5000)
