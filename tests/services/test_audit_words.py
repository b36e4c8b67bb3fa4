"""The audit log reads as a person would say it: stage names and status labels, not ids and
stored codes; a candidate packet's export names its candidate."""

from __future__ import annotations

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.services.audit import ACTION_WORDS


def test_moves_statuses_and_exports_read_in_words(tmp_path, clock):
    services = build_services(sqlite_location(tmp_path / "hp.db"), clock=clock)
    try:
        services.fill_demo(12, 3)
        row = next(r for r in services.slates.list_slate(1).rows if r.status == "active")
        stages = services.requisitions.get_requisition(1).stages
        target = next(s for s in stages if s.name != row.stage)
        services.pipeline.move_stage(row.application_id, target.stage_id)
        services.pipeline.set_status(row.application_id, "on_hold")
        packet = services.export.candidate_packet(row.application_id)
        services.export.write(packet, tmp_path / "packet.pdf")

        events = services.audit.events(candidate_id=row.candidate_id)
        by_action = {event.action: event for event in events}
        assert by_action["move_stage"].detail_text == f"from {row.stage} to {target.name}"
        assert by_action["set_status"].detail_text == "from active to on hold"
        exported = by_action["export_packet"]
        assert exported.candidate == row.full_name  # not an empty Candidate column
        assert exported.about_text == "application"
        for event in services.audit.events():
            assert event.action in ACTION_WORDS, f"no words for {event.action!r}"
        for event in events:
            assert "_" not in event.detail_text, event.detail_text
            assert "None" not in event.detail_text
    finally:
        services.close()
