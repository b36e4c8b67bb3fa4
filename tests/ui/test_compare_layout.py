"""The comparison and calibration dialogs use the room they have: candidates share the width,
wrapped readings get the height they need, and perfect agreement says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hirepartner.services.calibration import CalibrationView, _agreement
from hirepartner.ui.compare.calibration_dialog import CalibrationDialog
from hirepartner.ui.compare.comparison import COLUMN_WIDTH, ComparisonDialog


def test_candidates_share_a_wide_screen_evenly(qtbot, demo_services):
    rows = [r for r in demo_services.slates.list_slate(1).rows if r.scorecards_submitted][:3]
    ids = [r.application_id for r in rows]
    dialog = ComparisonDialog(demo_services.compare, None, ids, demo_services.compare.compare(ids))
    qtbot.addWidget(dialog)
    dialog.resize(1800, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(0) > COLUMN_WIDTH)
    widths = [header.sectionSize(c) for c in range(3)]
    assert max(widths) - min(widths) <= 1  # not the last one taking all that is left
    assert sum(widths) <= dialog.table.viewport().width()
    dialog.close()


def test_perfect_agreement_is_named_and_every_reading_fits(qtbot):
    perfect = {n: {"Pedro Alves": n % 4 + 1, "Hannah Schulz": n % 4 + 1} for n in range(6)}
    row = _agreement("Coding", perfect, 12, 0)
    view = CalibrationView("REQ-1 Engineer", (), (row,))
    dialog = CalibrationDialog(view)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    model, table = dialog.agreement.model(), dialog.agreement
    cells = [model.index(0, c).data(Qt.ItemDataRole.DisplayRole) for c in range(6)]
    assert "1.00 (95%: 0.71 to 1.00)" in cells[2]  # bounded, not 1.00 to 1.00
    assert "perfect agreement on 6 candidates" in cells[2]
    assert "between" in cells[2]  # no band on 6 candidates that merely agree

    qtbot.waitUntil(lambda: table.rowHeight(0) >= table.sizeHintForRow(0))  # nothing elided
    dialog.close()
