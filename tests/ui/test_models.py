"""Every item model passes pytest-qt's model tester, with real data."""

from PySide6.QtCore import Qt

from hirepartner.ui.review.navigator import RequisitionIdRole, RequisitionTreeModel, StageIdRole
from hirepartner.ui.review.slate_table import (
    ApplicationIdRole,
    Column,
    SlateFilter,
    SlateProxyModel,
    SlateTableModel,
)


def test_slate_table_and_proxy_pass_the_model_tester(qtmodeltester, demo_services):
    rows = demo_services.slates.list_slate(1).rows
    model = SlateTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = SlateProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    model.set_filter(SlateFilter(text="a"))
    proxy.sort(Column.SCORE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    assert proxy.index(0, 0).data(ApplicationIdRole) in {r.application_id for r in rows}


def test_navigator_passes_the_model_tester(qtmodeltester, demo_services):
    model = RequisitionTreeModel()
    model.set_requisitions(demo_services.requisitions.list_requisitions())
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert first.data() == "REQ-1042  Senior Backend Engineer"
    stage = model.index(1, 0, first)
    assert stage.data() == "2. Recruiter screen"
    assert stage.data(StageIdRole) is not None
    assert model.stage_id_at(stage) == stage.data(StageIdRole)
    assert model.stage_id_at(first) is None
    assert (
        model.requisition_id_at(stage)
        == model.requisition_id_at(first)
        == first.data(RequisitionIdRole)
    )
    assert model.parent(stage) == first


def test_search_matches_every_word_in_name_company_title_tags_and_notes(demo_services):
    rows = demo_services.slates.list_slate(1).rows
    model = SlateTableModel()
    model.set_rows(rows)
    target = rows[5]
    company_word = target.current_company.split()[0]
    model.set_filter(SlateFilter(text=f"{target.full_name.split()[0].upper()} {company_word}"))
    shown = [model.row_at(i) for i in range(model.rowCount())]
    assert target in shown
    assert all(company_word.casefold() in r.current_company.casefold() for r in shown)
    tagged = next(r for r in rows if r.tags)
    model.set_filter(SlateFilter(text=tagged.tags[0]))
    assert tagged in [model.row_at(i) for i in range(model.rowCount())]
    model.set_filter(SlateFilter(text="zzzz-no-such-person"))
    assert model.rowCount() == 0


def test_sorting_keeps_missing_scores_last_both_ways(demo_services):
    model = SlateTableModel()
    model.set_rows(demo_services.slates.list_slate(1).rows)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort_rows(Column.SCORE, order)
        scores = [model.row_at(i).average_score for i in range(model.rowCount())]
        known = [s for s in scores if s is not None]
        assert known == sorted(known, reverse=order == Qt.SortOrder.DescendingOrder)
        assert None in scores
        assert scores[scores.index(None) :] == [None] * (len(scores) - len(known))


def test_comparison_and_calibration_models_pass_the_model_tester(qtmodeltester, demo_services):
    from hirepartner.ui.compare.calibration_dialog import AgreementModel, RaterModel
    from hirepartner.ui.compare.comparison import ComparisonModel

    rows = [r for r in demo_services.slates.list_slate(1).rows if r.scorecards_submitted][:3]
    comparison = demo_services.compare.compare([r.application_id for r in rows])
    qtmodeltester.check(ComparisonModel(comparison))
    view = demo_services.calibration.calibration(1)
    qtmodeltester.check(RaterModel(view))
    qtmodeltester.check(AgreementModel(view))
