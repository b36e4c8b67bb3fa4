"""Words the demo world is made of: names in many scripts, companies, roles, evidence."""

# (name as written, Latin transliteration used on the generated resume)
NAMES: tuple[tuple[str, str], ...] = (
    ("Amelia Schneider", "Amelia Schneider"),
    ("Jonas Weber", "Jonas Weber"),
    ("Priya Natarajan", "Priya Natarajan"),
    ("Mateus Oliveira", "Mateus Oliveira"),
    ("Zoë Brontë-Smith", "Zoë Brontë-Smith"),
    ("Łukasz Wiśniewski", "Lukasz Wisniewski"),
    ("Søren Kierkegård", "Søren Kierkegård"),
    ("Chloé D'Arcy", "Chloé D'Arcy"),
    ("渡辺 健二", "Kenji Watanabe"),
    ("فاطمة السيد", "Fatima Al-Sayed"),
    ("Ольга Иванова", "Olga Ivanova"),
    ("Νίκος Παπαδόπουλος", "Nikos Papadopoulos"),
    ("Liam O'Connor", "Liam O'Connor"),
    ("Grace Hopper", "Grace Hopper"),
    ("张伟", "Zhang Wei"),
    ("נועה כהן", "Noa Cohen"),
    ("Ana García-Márquez", "Ana García-Márquez"),
    ("김민준", "Kim Min-jun"),
    ("प्रिया शर्मा", "Priya Sharma"),
    ("สมชาย ใจดี", "Somchai Jaidee"),
    ("Tobias Krüger", "Tobias Krüger"),
    ("Aisha Bello", "Aisha Bello"),
    ("Mehmet Yılmaz", "Mehmet Yilmaz"),
    ("Dmitri Sokolov", "Dmitri Sokolov"),
    ("Camille Lefèvre", "Camille Lefèvre"),
    ("Lars Johansson", "Lars Johansson"),
    ("Isabella Rossi", "Isabella Rossi"),
    ("Nguyễn Thị Lan", "Nguyen Thi Lan"),
    ("Oluwaseun Adeyemi", "Oluwaseun Adeyemi"),
    ("Sofía Hernández", "Sofía Hernández"),
    ("Hiroshi Tanaka", "Hiroshi Tanaka"),
    ("Emma Van den Berg", "Emma Van den Berg"),
)
FIRST_NAMES = (
    "Alex", "Sam", "Maya", "Noah", "Lea", "Ravi", "Elif", "Marta", "Jan", "Ines", "Tomás",
    "Yuki", "Omar", "Hanna", "Kofi", "Lina", "Mateo", "Freya", "Arjun", "Nora", "Emil", "Zara",
)  # fmt: skip
LAST_NAMES = (
    "Novak", "Fischer", "Kowalski", "Silva", "Haddad", "Mensah", "Andersen", "Moreau", "Costa",
    "Ivanović", "Kaya", "Nakamura", "Okafor", "Petrov", "Lindqvist", "Duarte", "Brennan",
    "Horvat", "Rahman", "Schmitt", "Jensen", "Varga",
)  # fmt: skip
COMPANIES = (
    "Initech", "Hooli", "Acme GmbH", "Globex", "Stark Industries", "Umbrella Ltd", "Vandelay",
    "Wayne Enterprises", "Soylent", "Tyrell Corp", "Cyberdyne", "Massive Dynamic", "Aperture",
)  # fmt: skip
CITIES = (
    "Berlin, DE", "Warsaw, PL", "Lisbon, PT", "Amsterdam, NL", "London, UK", "Munich, DE",
    "Prague, CZ", "Madrid, ES", "Stockholm, SE", "Remote (EU)", "Vienna, AT", "Zurich, CH",
)  # fmt: skip
SOURCES = ("Referral", "LinkedIn", "Agency", "Careers page", "Sourced", "Event")
TAGS = ("senior", "remote", "relocation", "visa", "referral", "returner", "fast-track", "silver")
PITCHES = (
    "Built the payment ledger at a scale-up; calm under incident pressure.",
    "Strong systems thinker who mentors; wants a bigger scope.",
    "Led a migration to Kubernetes with zero downtime.",
    "Excellent communicator, ships steadily; light on distributed systems.",
    "Ex-founder, broad skills, looking for a team to grow with.",
    "Deep PostgreSQL expertise; ran the performance guild.",
    "Open-source maintainer with a strong public track record.",
    "Promoted twice in three years; hiring manager at current company calls her a multiplier.",
)  # fmt: skip
EVIDENCE = {
    4: (
        "Designed the system end to end, named the trade-offs unprompted and tested them.",
        "Gave two concrete examples with measurable outcomes and owned the mistakes.",
        "Drove the exercise, asked sharp clarifying questions, reached a clean solution early.",
    ),
    3: (
        "Solid answer with a working solution; needed one hint on edge cases.",
        "Clear examples from recent work; impact described, if not measured.",
        "Good structure; covered the main risks when asked.",
    ),
    2: (
        "Reached a partial solution; struggled to reason about failure modes.",
        "Examples were vague and mostly about the team, not their own part.",
        "Needed several hints; trade-offs stated only when prompted.",
    ),
    1: (
        "Could not describe a system they built in any depth.",
        "Blamed others for the project's failure; no reflection.",
        "Did not reach a working approach despite hints.",
    ),
}
# Key takeaways that agree with the recommendation's sign. Four of each, so that drawing one
# takes the same random numbers whichever sign it is (the rest of the world stays the same).
TAKEAWAYS = {
    "yes": (
        "Would raise the bar on the team.",
        "Good fit for the level; some gaps in depth.",
        "Strong on delivery, weaker on collaboration.",
        "Clear thinker; would trust them with the hard parts.",
    ),
    "no": (
        "Not ready for this level yet; revisit in a year.",
        "Gaps in depth that the role cannot carry.",
        "Struggled to explain their own decisions.",
        "Solid basics, but below the bar on the focus areas.",
    ),
    "no_decision": (
        "Mixed signals; another interviewer should probe the focus areas.",
        "Too little time on the focus areas to judge.",
        "Strong in parts, weak in others; cannot call it.",
        "Interview ran short; no clear read.",
    ),
}
