"""`hirepartner team`: the fingerprint to read out, enrolling by fingerprint (a mismatch is one
line, exit 2, nothing enrolled), the list, revoking, and a key printed for scripts."""

import json

from hirepartner.cli import main
from hirepartner.exchange import signing


def run(db, capsys, *args) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_enroll_list_and_revoke_from_the_command_line(tmp_path, capsys):
    db = tmp_path / "hp.db"
    assert main(["--db", str(db), "demo", "--candidates", "5"]) == 0
    capsys.readouterr()
    code, out, _ = run(db, capsys, "team", "key")
    assert code == 0
    mine = out.split()[2]
    assert signing.normal_fingerprint(mine) == mine
    assert "enroll each with `hirepartner team enroll`" in out  # the demo's user manages

    ivy = signing.new_private_key()
    ivy_public = signing.public_key_of(ivy)
    wrong = signing.fingerprint(signing.public_key_of(signing.new_private_key()))
    code, out, err = run(
        db,
        capsys,
        "team",
        "enroll",
        "ivy@example.com",
        "--fingerprint",
        wrong,
        "--public-key",
        ivy_public,
    )
    assert code == 2
    assert "does not match the key received for ivy@example.com" in err
    assert len(err.strip().splitlines()) == 1

    typed = signing.fingerprint(ivy_public).lower().replace("-", " ")  # as heard on a call
    code, out, _ = run(
        db,
        capsys,
        "team",
        "enroll",
        "ivy@example.com",
        "--fingerprint",
        typed,
        "--public-key",
        ivy_public,
        "--role",
        "interviewer",
        "--name",
        "Ivy",
    )
    assert code == 0
    assert "Enrolled Ivy <ivy@example.com> as interviewer" in out

    code, out, _ = run(db, capsys, "team", "list", "--json")
    states = {m["email"]: (m["state"], m["source"]) for m in json.loads(out)}
    assert states["ivy@example.com"] == ("active", "enrolled")

    code, out, _ = run(db, capsys, "team", "revoke", "ivy@example.com")
    assert code == 0
    assert "Revoked 1 key of ivy@example.com" in out
    code, out, err = run(db, capsys, "team", "revoke", "ivy@example.com")
    assert code == 2
    assert "No active key of ivy@example.com" in err


def test_a_key_printed_for_scripts_is_a_private_key_with_its_fingerprint(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "hp.db"), "demo", "--candidates", "1"]) == 0
    capsys.readouterr()
    code, out, _ = run(tmp_path / "hp.db", capsys, "team", "new-key", "--print")
    assert code == 0
    private, comment = out.splitlines()
    assert comment == f"# fingerprint {signing.fingerprint(signing.public_key_of(private))}"
