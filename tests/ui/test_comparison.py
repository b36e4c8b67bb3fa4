"""The comparison view opened from the slate, its anonymous mode, chart and CSV export."""

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QWidget


def _select_rows(window, count):
    rows = [r for r in window.slate.rows() if r.scorecards_submitted][:count]
    selection = window.slate.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        index = window.slate.proxy.index(
            window.slate.table_model.visible_row_of(row.application_id), 0
        )
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    return rows


def _all_text(dialog):
    model = dialog.model
    texts = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            texts.append(str(model.data(model.index(r, c))))
            texts.append(str(model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole)))
    texts += [label.text() for label in dialog.findChildren(QLabel)]
    texts += [w.accessibleName() for w in dialog.findChildren(QWidget)]
    return "\n".join(texts)


def test_compare_opens_anonymous_and_reveals_on_request(qtbot, window, tmp_path, artifacts_dir):
    rows = _select_rows(window, 3)
    qtbot.keyClick(window.slate.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: getattr(window.compare, "comparison_dialog", None) is not None, timeout=5000
    )
    dialog = window.compare.comparison_dialog
    qtbot.waitExposed(dialog)
    text = _all_text(dialog)
    for row in rows:
        assert row.full_name not in text
        assert row.current_company not in text
    assert "Candidate A" in text
    dialog.grab().save(str(artifacts_dir / "comparison-anonymous.png"))
    dialog.export_to(tmp_path / "comparison.csv")
    qtbot.waitUntil(lambda: (tmp_path / "comparison.csv").exists(), timeout=5000)
    assert "Candidate B" in (tmp_path / "comparison.csv").read_text(encoding="utf-8")
    dialog.reveal.click()
    qtbot.waitUntil(lambda: not dialog.model.comparison.anonymous, timeout=5000)
    assert rows[0].full_name in _all_text(dialog)
    dialog.grab().save(str(artifacts_dir / "comparison.png"))
    dialog.close()


def test_compare_needs_two_to_six_says_how_many_and_goes_when_the_selection_changes(qtbot, window):
    _select_rows(window, 1)
    window.compare.compare_action.trigger()
    assert "Select 2 to 6" in window.status_message.text()
    assert window.status_message.text().endswith("then compare. 1 is selected.")
    _select_rows(window, 7)
    assert "Select 2 to 6" not in window.status_message.text()  # old news: it goes
    window.compare.compare_action.trigger()
    assert window.status_message.text().endswith("7 are selected.")
    window.compare.say("Something else worth saying.")
    _select_rows(window, 2)
    assert window.status_message.text() == "Something else worth saying."  # not wiped
