"""Packets rendered to images (pdftoppm) for a person to look at: long names, long evidence,
every script, 6 and 60 candidates. Saved under artifacts/packets/."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pytest
from packet_fixtures import candidate, meta

from hirepartner.packets.build import build_pdf
from hirepartner.packets.content import (
    SLATE_SECTIONS,
    PacketKind,
    RejectionLine,
    SlatePacket,
    Takeaway,
)

NAMES = [
    "Maria-Fernanda de los Ángeles Rodríguez-Villanueva y Castillo",
    "渡辺 健二",
    "محمد عبد الرحمن العلي",
    "נועה כהן-לוי",
    "Наталья Александровна Кузнецова-Воронцова",
    "अनन्या शर्मा",
    "สมชาย ใจดี",
    "김민준",
    "Γιώργος Παπαδόπουλος",
    "Zoë <b>Brontë</b> & [[[Šťastná]]]",
]
LONG = (
    "Walked through the migration of a payments ledger from a monolith to an event-sourced "
    "service, including the dual-write period, the reconciliation job and the rollback plan. "
) * 12


def _slate(count: int) -> SlatePacket:
    people = []
    for n in range(count):
        name = NAMES[n % len(NAMES)] + ("" if n < len(NAMES) else f" {n}")
        person = candidate(
            label=name,
            rank=n + 1,
            weighted=4 - 3 * n / max(1, count),
            evidence={
                "System design and architecture of distributed systems": LONG if n == 0 else "Ok.",
                "Coding": "تصميم جيد للنظام" if n % 3 == 0 else "Clean code.",
                "Collaboration": "Good.",
                "Ownership": "Owns outcomes.",
                "Communication": "Clear.",
            },
        )
        person = replace(
            person,
            takeaways=(Takeaway("Rater One", LONG[:400], "Onsite"),),
            status="rejected" if n % 4 == 3 else "active",
            rejection_reason="Missing a must-have" if n % 4 == 3 else "",
        )
        people.append(person)
    rejections = tuple(
        RejectionLine(p.label, p.rejection_reason, "No production Kubernetes experience.")
        for p in people
        if p.status == "rejected"
    )
    return SlatePacket(
        meta(PacketKind.SLATE, SLATE_SECTIONS),
        tuple((line.name, 1.0) for line in people[0].competencies),
        tuple(people),
        rejections,
        (("Missing a must-have", len(rejections)),),
    )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("count", [6, 60])
def test_slate_pages_render(count, artifacts_dir):
    folder = artifacts_dir / "packets"
    folder.mkdir(exist_ok=True)
    pdf = folder / f"slate-{count}.pdf"
    built = build_pdf(_slate(count))
    pdf.write_bytes(built.content)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "4",
            str(pdf),
            str(folder / f"slate-{count}"),
        ],
        check=True,
        capture_output=True,
    )
    images = sorted(folder.glob(f"slate-{count}-*.png"))
    assert len(images) == min(4, built.pages)
    assert all(image.stat().st_size > 5_000 for image in images)
    assert built.pages >= count + 2
