"""Several HirePartner processes writing one file wait their turn; none fails, nothing is lost."""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from hirepartner.app import build_services
from hirepartner.cli import main
from hirepartner.config import sqlite_location
from hirepartner.data.models import Application, InterviewStage, Person
from hirepartner.exchange import signing

TEAM_KEY = {  # the shared team key and this install's own signing key, as a script sets them
    "HIREPARTNER_TEAM_KEY": "a team key long enough for HMAC",
    "HIREPARTNER_SIGNING_KEY": signing.new_private_key(),
}
ROUNDS = 4
HEADER = "First Name,Last Name,Company,Title,Email,Source\n"

# One writer process: waits for the starting gun, then runs its kind of write ROUNDS times,
# each a whole CLI command (own database open, own unit of work) or a scorecard save.
WORKER = """
import sys, time
from pathlib import Path
role, db, work, rounds = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
from hirepartner.cli import main
if role == "scorecard":
    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location
    from hirepartner.services.scorecards import DraftValues
    card, editor, competency = (int(x) for x in sys.argv[5:8])
while not (work / "go").exists():
    time.sleep(0.01)
for n in range(rounds):
    if role == "scorecard":
        services = build_services(sqlite_location(db))
        form = services.scorecards.form(card, editor)
        text = (form.values.evidence.get(competency) or "") + f"word{n} "
        services.scorecards.save_draft(
            card, editor, form.revision, form.values, DraftValues(evidence={competency: text})
        )
        services.close()
        code = 0
    elif role == "import":
        code = main(["--db", db, "import", str(work / f"slate{n}.csv"), "--requisition", "1"])
    elif role == "export":
        out = str(work / f"packet{n}.pdf")
        code = main(["--db", db, "export", "packet", "--candidate", "1", "-o", out, "--send"])
    else:
        code = main(["--db", db, "sync"])
    print(role, n, code, flush=True)
    if code:
        sys.exit(code)
"""


def _slate_file(path: Path, n: int) -> None:
    rows = "".join(
        f"Writer{n},Candidate{k},Initech,Engineer,w{n}c{k}@example.com,Referral\n" for k in range(5)
    )
    path.write_text(HEADER + rows)


def _draft_card(db: Path) -> tuple[int, int, int]:
    services = build_services(sqlite_location(db))
    try:
        with services.database.unit_of_work(write=False) as uow:
            application = uow.session.scalars(
                select(Application).where(Application.requisition_id == 1)
            ).first()
            stage = uow.session.scalars(
                select(InterviewStage).where(InterviewStage.requisition_id == 1)
            ).first()
            person = uow.session.scalars(select(Person).where(Person.role == "interviewer")).first()
            assert application is not None
            assert stage is not None
            assert person is not None
            ids = application.id, stage.id, person.id
        card = services.scorecards.open_or_create(*ids)
        competency = services.scorecards.form(card, ids[2]).items[0].competency_id
        return card, ids[2], competency
    finally:
        services.close()


def test_four_processes_writing_one_file_all_succeed_and_nothing_is_lost(tmp_path, capsys):
    db = tmp_path / "hp.sqlite3"
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    assert main(["--db", str(db), "demo", "--candidates", "10"]) == 0
    target = ["targets", "add", "team", "--kind", "folder", "--path", str(exchange)]
    assert main(["--db", str(db), *target]) == 0
    for n in range(ROUNDS):
        _slate_file(tmp_path / f"slate{n}.csv", n)
    card, editor, competency = _draft_card(db)
    env = {**os.environ, **TEAM_KEY}
    roles = {
        "import": [],
        "scorecard": [str(card), str(editor), str(competency)],
        "export": [],
        "sync": [],
    }
    workers = {
        role: subprocess.Popen(
            [sys.executable, "-c", WORKER, role, str(db), str(tmp_path), str(ROUNDS), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for role, extra in roles.items()
    }
    time.sleep(1.0)  # let them import their modules, so that they start writing together
    started = time.monotonic()
    (tmp_path / "go").touch()
    results = {role: worker.communicate(timeout=240) for role, worker in workers.items()}
    elapsed = time.monotonic() - started
    for role, (out, err) in results.items():
        assert workers[role].returncode == 0, f"{role}: {err}"
        assert "Traceback" not in err, err
        assert out.split().count(role) == ROUNDS
    # Everything sent before or during the run is in the folder after one more sync.
    synced = subprocess.run(
        [sys.executable, "-m", "hirepartner", "--db", str(db), "sync"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert synced.returncode == 0, synced.stderr
    connection = sqlite3.connect(db)
    try:
        emails = {row[0] for row in connection.execute("SELECT email FROM candidate")}
        packets = connection.execute(
            "SELECT uuid FROM outbox_envelope WHERE kind = 'packet'"
        ).fetchall()
        pending = connection.execute(
            "SELECT count(*) FROM outbox_delivery WHERE state != 'sent'"
        ).fetchone()[0]
        evidence = connection.execute(
            "SELECT evidence FROM rating WHERE scorecard_id = ? AND competency_id = ?",
            (card, competency),
        ).fetchone()
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    assert {f"w{n}c{k}@example.com" for n in range(ROUNDS) for k in range(5)} <= emails
    assert len(packets) == ROUNDS
    assert pending == 0
    for (uuid,) in packets:
        envelope = json.loads((exchange / f"{uuid}.envelope.json").read_text())
        assert envelope["kind"] == "packet"
    assert evidence is not None
    assert evidence[0].split() == [f"word{n}" for n in range(ROUNDS)]
    assert integrity == "ok"
    assert all((tmp_path / f"packet{n}.pdf").read_bytes().startswith(b"%PDF") for n in range(4))
    print(f"4 writers x {ROUNDS} rounds in {elapsed:.1f} s")  # shown with -s, for the figures


def test_two_demo_runs_on_one_new_file_the_second_waits_then_says_not_empty(tmp_path):
    db = tmp_path / "new.sqlite3"
    command = [sys.executable, "-m", "hirepartner", "--db", str(db), "demo", "--candidates", "40"]
    first, second = (
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    )
    outcomes = sorted(
        (process.wait(timeout=180), *process.communicate()) for process in (first, second)
    )
    (ok, ok_out, ok_err), (refused, _out, refused_err) = outcomes
    assert ok == 0, ok_err
    assert "Demo world written" in ok_out
    assert refused == 2
    assert "already holds requisitions" in refused_err
    assert len(refused_err.strip().splitlines()) == 1
