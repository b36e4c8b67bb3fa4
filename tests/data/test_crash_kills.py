"""SIGKILL at random moments during import, export and sync: no damage, no half-written output."""

import json
import os
import sqlite3
import subprocess
import sys
import time

from hirepartner.cli import main
from hirepartner.exchange import signing

KILLS = 30
TEAM_KEY = {  # the shared team key and this install's own signing key, as a script sets them
    "HIREPARTNER_TEAM_KEY": "a team key long enough for HMAC",
    "HIREPARTNER_SIGNING_KEY": signing.new_private_key(),
}
ROWS_PER_SLATE = 5

# A parent that loads HirePartner once, then forks a child per round: the child repeats one
# kind of write (import, export --send, sync) as whole CLI commands until the parent kills it
# with SIGKILL after a random delay. Forking spares each round the interpreter's start-up.
KILLER = """
import json, os, random, signal, sys, time
from pathlib import Path
from hirepartner.cli import main
db, work, kills, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
kinds = ("import", "export", "sync")
done = work / "done.log"

def child(round_no, kind):
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    for n in range(10**6):
        name = f"r{round_no}n{n}"
        if kind == "import":
            slate = work / f"slate-{name}.csv"
            slate.write_text("First Name,Last Name,Email\\n" + "".join(
                f"K{name},C{k},{name}c{k}@example.com\\n" for k in range(ROWS)))
            args = ["import", str(slate), "--requisition", "1"]
        elif kind == "export":
            args = ["export", "packet", "--candidate", "1", "-o", str(work / f"{name}.pdf"),
                    "--send"]
        else:
            args = ["sync"]
        code = main(["--db", db, *args])
        with open(done, "a") as log:
            log.write(f"{kind} {name} {code}\\n")

# Warm up: one run of each kind loads every lazily imported module before the first fork.
devnull = os.open(os.devnull, os.O_WRONLY)
saved = os.dup(1)
os.dup2(devnull, 1)
main(["--db", db, "export", "packet", "--candidate", "1", "-o", str(work / "warm.pdf")])
(work / "warm.csv").write_text("First Name,Last Name,Email\\nW,U,warm@example.com\\n")
main(["--db", db, "import", str(work / "warm.csv"), "--requisition", "1", "--dry-run"])
main(["--db", db, "sync"])
os.dup2(saved, 1)
started = time.monotonic()
for round_no in range(kills):
    kind = kinds[round_no % len(kinds)]
    pid = os.fork()
    if pid == 0:
        try:
            child(round_no, kind)
        finally:
            os._exit(0)
    time.sleep(rng.uniform(0.05, 1.2))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
print(json.dumps({"kills": kills, "seconds": round(time.monotonic() - started, 1)}))
""".replace("ROWS", str(ROWS_PER_SLATE))


def _complete_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]


def test_random_sigkills_during_writes_leave_a_sound_database_and_whole_files(tmp_path):
    db = tmp_path / "hp.sqlite3"
    exchange = tmp_path / "exchange"
    work = tmp_path / "work"
    exchange.mkdir()
    work.mkdir()
    assert main(["--db", str(db), "demo", "--candidates", "10"]) == 0
    target = ["targets", "add", "team", "--kind", "folder", "--path", str(exchange)]
    assert main(["--db", str(db), *target]) == 0
    started = time.monotonic()
    killer = subprocess.run(
        [sys.executable, "-c", KILLER, str(db), str(work), str(KILLS), "13"],
        capture_output=True,
        text=True,
        timeout=170,
        env={**os.environ, **TEAM_KEY},
    )
    assert killer.returncode == 0, killer.stderr
    figures = json.loads(killer.stdout)
    assert figures["kills"] == KILLS
    completed = (work / "done.log").read_text().splitlines() if (work / "done.log").exists() else []
    assert all(line.endswith(" 0") for line in completed), completed

    check = subprocess.run(
        [sys.executable, "-m", "hirepartner", "--db", str(db), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        imported = connection.execute(
            "SELECT substr(email, 1, instr(email, 'c') - 1), count(*) FROM candidate "
            "WHERE email LIKE 'r%n%c%@example.com' GROUP BY 1"
        ).fetchall()
        attachments = connection.execute(
            "SELECT e.uuid, count(a.name) FROM outbox_envelope e "
            "LEFT JOIN outbox_attachment a ON a.envelope_id = e.id "
            "WHERE e.kind = 'packet' GROUP BY e.id"
        ).fetchall()
        undelivered = connection.execute(
            "SELECT count(*) FROM outbox_envelope e WHERE NOT EXISTS "
            "(SELECT 1 FROM outbox_delivery d WHERE d.envelope_id = e.id)"
        ).fetchone()[0]
    finally:
        connection.close()
    # An import is all or nothing: every slate's candidates are there, or none of them.
    assert all(count == ROWS_PER_SLATE for _prefix, count in imported), imported
    # A queued packet always has its PDF and JSON, and a delivery to the target.
    assert all(count == 2 for _uuid, count in attachments), attachments
    assert undelivered == 0
    # No output is ever half-written under its final name, here or in the exchange folder.
    pdfs = list(work.glob("*.pdf")) + list(exchange.glob("*.pdf"))
    assert all(_complete_pdf(path.read_bytes()) for path in pdfs)
    for envelope in exchange.glob("*.json"):
        json.loads(envelope.read_text())
    for summary in work.glob("*.json"):
        json.loads(summary.read_text())
    elapsed = time.monotonic() - started
    print(
        f"{KILLS} kills in {figures['seconds']} s ({elapsed:.1f} s with checks); "
        f"{len(completed)} commands completed between kills; {len(imported)} slates imported "
        f"whole; {len(attachments)} packets queued; {len(pdfs)} PDFs whole; 0 damaged"
    )
