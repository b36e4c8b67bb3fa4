"""The success summary of an accepted offer is saved with its JSON summary: the start date
(a date, not a datetime) is written as an ISO date."""

from __future__ import annotations

import json
from datetime import date

from pdf_reading import pdf_text


def test_the_success_summary_and_its_json_carry_the_start_date(services, tmp_path):
    req = services.requisitions.create_requisition(
        "Backend Engineer", stages=["Screen", "Onsite"], code="REQ-8"
    )
    candidate = services.pipeline.add_candidate("Ada Lovelace")
    app = services.pipeline.add_application(candidate.id, req.id)
    services.pipeline.move_stage(app.id, req.stages[-1].stage_id)
    services.offers.make_offer(app.id, date(2026, 11, 2))
    services.offers.accept_offer(app.id, date(2027, 1, 4))
    summary = services.updates.success_summary(app.id)
    pdf, sidecar = tmp_path / "Ada Lovelace - hired.pdf", tmp_path / "Ada Lovelace - hired.json"
    result = services.export.write(summary, pdf, sidecar, send=True)
    assert result.pages > 0
    assert "Starts on\n04 Jan 2027" in pdf_text(pdf.read_bytes())
    content = json.loads(sidecar.read_text(encoding="utf-8"))["content"]
    assert content["start_on"] == "2027-01-04"
