"""A demo candidate's resume: a one-page PDF drawn from the seed, stored as a Resume row."""

from __future__ import annotations

import hashlib
import random
import unicodedata
from datetime import datetime, timedelta

from hirepartner.data.models import Resume
from hirepartner.demo import vocabulary as words
from hirepartner.demo.plans import RequisitionPlan
from hirepartner.demo.resume_pdf import resume_pdf
from hirepartner.demo.rows import DemoRows


def ascii_slug(text: str) -> str:
    """A name in plain ASCII, words joined by dots ("Zoë Ångström" gives "Zoe.Angstrom")."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ".".join(part for part in "".join(c if c.isalnum() else " " for c in flat).split())


def add_resume(
    tables: DemoRows,
    rng: random.Random,
    now: datetime,
    candidate_id: int,
    latin: str,
    email: str,
    title: str,
    company: str,
    city: str,
    plan: RequisitionPlan,
) -> None:
    years = rng.randint(3, 15)
    content = resume_pdf(
        latin,
        f"{title} at {company}  |  {city}  |  {email}",
        (
            ("Summary", (f"{years} years of experience. " + rng.choice(words.PITCHES),)),
            (
                "Experience",
                (
                    f"{title}, {company} ({2026 - min(years, 4)}-present)",
                    "  - " + rng.choice(words.EVIDENCE[4]),
                    "  - " + rng.choice(words.EVIDENCE[3]),
                    f"Engineer, {rng.choice(words.COMPANIES)} ({2026 - years}-{2026 - 4})",
                    "  - " + rng.choice(words.PITCHES),
                ),
            ),
            ("Skills", (", ".join(plan.must_haves),)),
            ("Education", ("MSc Computer Science",)),
        ),
        document_title=f"Resume - {latin}",
    )
    tables.add(
        Resume,
        id=tables.next_id(Resume),
        candidate_id=candidate_id,
        filename=f"{ascii_slug(latin) or 'resume'}.pdf",
        media_type="application/pdf",
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        added_at=now - timedelta(days=30),
    )
