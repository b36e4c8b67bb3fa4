"""A 50-candidate slate packet, against a plain reportlab platypus document with the same text
and tables (standard fonts, plain Paragraphs and Tables with the same cells, no page furniture,
no charts) built in the same run. Prints the ratio of the medians (target: at most 1.5x) and
pages per second."""

from __future__ import annotations

import statistics
import time
from xml.sax.saxutils import escape

from benchmarks.worlds import demo_database

CANDIDATES = 50
ROUNDS = 5


def _packet() -> object:
    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location

    services = build_services(sqlite_location(demo_database(CANDIDATES, one_requisition=True)))
    try:
        started = time.perf_counter()
        packet = services.export.slate_packet(1)
        gathered = time.perf_counter() - started
    finally:
        services.close()
    print(f"  gathering the slate from the database: {gathered * 1000:.0f} ms")
    return packet


def _plain(packet: object) -> tuple[bytes, int]:
    """The floor: the same words and tables, as a plain platypus document."""
    import io

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    from hirepartner.packets.content import SlatePacket

    assert isinstance(packet, SlatePacket)
    sheet = getSampleStyleSheet()
    body, cell = sheet["BodyText"], sheet["BodyText"]

    def p(text: str) -> Paragraph:
        return Paragraph(escape(text), cell)

    story: list[object] = [Paragraph(escape(packet.meta.requisition), sheet["Title"])]
    story.append(PageBreak())
    header = ["#", "Candidate", "Weighted", *[name for name, _w in packet.competencies]]
    rows = [[p(h) for h in header]]
    for c in packet.candidates:
        by_name = {line.name: line for line in c.competencies}
        rows.append(
            [
                p(str(c.rank)),
                p(f"{c.label} {c.stage} {c.status}"),
                p(f"{c.weighted or 0:.2f} {c.competencies_rated}/{c.competencies_total}"),
                *[
                    p(f"{line.mean or 0:.1f} {line.low}-{line.high} n={line.n}")
                    for line in (by_name[name] for name, _w in packet.competencies)
                ],
            ]
        )
    story.append(Table(rows, repeatRows=1))
    story.append(
        Table(
            [[p(r.candidate), p(r.reason), p(r.note)] for r in packet.rejections] or [[p("none")]]
        )
    )
    story.append(PageBreak())
    for c in packet.candidates:
        story.append(Paragraph(escape(f"#{c.rank} {c.label}"), sheet["Heading1"]))
        story.append(p(f"{c.title} at {c.employer} {c.location}"))
        story.append(p(f"{c.stage} {c.status}"))
        summary = [
            ("Decision", c.decision or "No debrief decision yet."),
            ("Recommendations", str(c.recommendations)),
            ("Weighted score", f"{c.weighted} over {c.competencies_rated} rated"),
            ("Strongest", ", ".join(c.strongest)),
            ("Weakest", ", ".join(c.weakest)),
        ]
        if c.decision_rationale:
            summary.append(("Why", c.decision_rationale))
        if c.rejection_reason:
            summary.append(("Rejected", f"{c.rejection_reason}: {c.rejection_note}"))
        story.append(Table([[p(k), p(v)] for k, v in summary]))
        story.append(
            Table(
                [[p("Competency"), p(""), p("Mean (n), range")]]
                + [
                    [p(line.name), p(""), p(f"{line.mean} (n={line.n}), {line.low}-{line.high}")]
                    for line in c.competencies
                ]
            )
        )
        if c.takeaways:
            story.append(Paragraph("Key takeaways", sheet["Heading2"]))
        for t in c.takeaways:
            story += [
                Paragraph(escape(f"{t.interviewer} {t.stage}"), sheet["Heading3"]),
                Paragraph(escape(t.text), body),
            ]
        story.append(PageBreak())
    target = io.BytesIO()
    document = SimpleDocTemplate(target, invariant=1)
    document.build(story)
    return target.getvalue(), document.page


def _timed(build: object) -> float:
    started = time.perf_counter()
    build()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    from hirepartner.packets.build import build_pdf

    print(f"Slate packet, {CANDIDATES} candidates")
    packet = _packet()
    built = build_pdf(packet)  # warm: fonts registered and parsed once per process
    floor_pdf, floor_pages = _plain(packet)
    ours, floor = [], []
    for _ in range(ROUNDS):
        floor.append(_timed(lambda: _plain(packet)))
        ours.append(_timed(lambda: build_pdf(packet)))
    ours_s, floor_s = statistics.median(ours), statistics.median(floor)
    print(
        f"  packet: {ours_s * 1000:.0f} ms for {built.pages} pages "
        f"({len(built.content) // 1024} KB)"
        f"; plain platypus: {floor_s * 1000:.0f} ms for {floor_pages} pages "
        f"({len(floor_pdf) // 1024} KB)"
    )
    print(f"  ratio: {ours_s / floor_s:.2f}x the plain document (target <= 1.5x)")
    print(f"  pages per second: {built.pages / ours_s:.0f} (plain: {floor_pages / floor_s:.0f})")


if __name__ == "__main__":
    from benchmarks.qt_warnings import run_checked

    run_checked([main])
