"""The demo world tells one story: takeaways agree with the recommendation, an offer goes to
a candidate the panel leaned yes on, and slates are named in the order they arrived."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from hirepartner.data.models import Application, Offer, Scorecard, Slate
from hirepartner.demo import vocabulary as words


def test_the_demo_world_is_consistent(services):
    services.fill_demo(candidates=300, seed=7)
    with services.database.unit_of_work() as uow:
        cards = uow.session.execute(
            select(
                Scorecard.application_id, Scorecard.recommendation, Scorecard.key_takeaways
            ).where(Scorecard.status == "submitted")
        ).all()
        offered = set(uow.session.scalars(select(Offer.application_id)))
        offered |= set(
            uow.session.scalars(
                select(Application.id).where(Application.status.in_(("offer", "hired")))
            )
        )
        slates = uow.session.execute(
            select(Slate.requisition_id, Slate.name, Slate.presented_at).order_by(
                Slate.requisition_id, Slate.presented_at, Slate.id
            )
        ).all()

    for _app, recommendation, takeaway in cards:
        sign = {"strong_yes": "yes", "strong_no": "no"}.get(recommendation, recommendation)
        assert takeaway in words.TAKEAWAYS[sign], (recommendation, takeaway)

    assert len(offered) >= 10
    leaning: dict[int, list[str]] = defaultdict(list)
    for app, recommendation, _takeaway in cards:
        if app in offered and recommendation != "no_decision":
            leaning[app].append(recommendation)
    for app, given in leaning.items():
        yes = sum(1 for r in given if r in ("yes", "strong_yes"))
        assert yes > len(given) / 2, (app, given)
        assert "strong_no" not in given

    per_requisition: dict[int, list[str]] = defaultdict(list)
    for requisition, name, _at in slates:
        per_requisition[requisition].append(name)
    for names in per_requisition.values():
        assert names == [f"Slate {n}" for n in range(1, len(names) + 1)]


def test_the_same_seed_gives_the_same_world(tmp_path, clock):
    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location

    worlds = []
    for name in ("a", "b"):
        services = build_services(sqlite_location(tmp_path / f"{name}.db"), clock=clock)
        try:
            services.fill_demo(candidates=60, seed=3)
            with services.database.unit_of_work() as uow:
                worlds.append(
                    uow.session.execute(
                        select(Scorecard.recommendation, Scorecard.key_takeaways).order_by(
                            Scorecard.id
                        )
                    ).all()
                )
        finally:
            services.close()
    assert worlds[0] == worlds[1]
