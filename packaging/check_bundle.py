"""Smoke checks of the built Linux bundle, run as a user would: a clean environment
(`env -i HOME=<temp> PATH=/usr/bin:/bin`), no virtual environment, no source tree on the path.

    python packaging/check_bundle.py          (what `scripts/dev package --check` runs)

Checks the command line (version, demo, list, check, import of the Greenhouse sample with its
resumes, a slate packet whose every name survives pdftotext), the calibration report (numpy's
bootstrap, the same numbers as from the virtual environment), a subject-access export (its PDF
summary), an encrypted database (SQLCipher: opened with the passphrase, refused in one line with
a wrong one), the window offscreen (a slate, a resume drawn by QtPdf, a screenshot), the
one-line answer without a display, that nothing is written beside the executable, and
install.sh twice (an upgrade keeps data and settings)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_bundle

ROOT = build_bundle.ROOT
BUNDLE = build_bundle.BUNDLE
SAMPLES = ROOT / "tests" / "samples"  # the Greenhouse sample and its resume ZIP, in the tree
ARTIFACTS = ROOT / "dist" / "bundle-check"
NO_DISPLAY = "hirepartner: no display: set QT_QPA_PLATFORM or use the command line"
WRONG_PASSPHRASE = "hirepartner: wrong passphrase or not a HirePartner database"


class CheckFailed(Exception):
    pass


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", **extra}


def run(exe: Path, *args: str, home: Path, expect: int = 0, **extra: str) -> str:
    done = subprocess.run(
        [str(exe), *args],
        env=clean_env(home, **extra),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != expect:
        raise CheckFailed(
            f"`hirepartner {' '.join(args)}` exited {done.returncode}, expected {expect}:\n"
            f"{done.stdout[-2000:]}{done.stderr[-4000:]}"
        )
    return done.stdout + done.stderr


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its content hash: a write beside the executable shows."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def squeeze(text: str) -> str:
    """NFKC (Arabic presentation forms back to letters), no bidi controls, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS).split())


def name_in(name: str, text: str) -> bool:
    """pdftotext gives right-to-left words in visual order (each word's letters reversed);
    that counts as round-tripped, as a reader's copy and paste gives the name back."""
    visual = [word[::-1] if _right_to_left(word) else word for word in name.split()]
    return any(squeeze(form) in text for form in (name, " ".join(visual), name[::-1]))


def _right_to_left(word: str) -> bool:
    return any(unicodedata.bidirectional(char) in {"R", "AL"} for char in word)


def check_command_line(exe: Path, home: Path) -> None:
    out = run(exe, "--version", home=home)
    assert out.strip() == f"hirepartner {build_bundle.version()}", out
    out = run(exe, "demo", "--candidates", "40", home=home)
    print("  " + out.strip())
    candidates = json.loads(run(exe, "list", "candidates", "--json", home=home))
    if len(candidates) != 40:
        raise CheckFailed(f"list candidates --json gave {len(candidates)} candidates, not 40")
    out = run(exe, "check", home=home)
    if "Integrity:     ok" not in out or "newest" not in out:
        raise CheckFailed(f"check:\n{out}")
    out = run(
        exe,
        "import",
        str(SAMPLES / "greenhouse_bulk_import.csv"),
        "--requisition",
        "2",
        "--resumes",
        str(SAMPLES / "resumes.zip"),
        home=home,
    )
    if "Imported 20 candidates" not in out or "20 resumes matched" not in out:
        raise CheckFailed(f"import of the Greenhouse sample:\n{out}")
    print("  " + out.strip().splitlines()[0])
    for requisition in ("1", "2"):
        pdf = home / f"slate-{requisition}.pdf"
        run(exe, "export", "packet", "--requisition", requisition, "-o", str(pdf), home=home)
        text = squeeze(pdf_text(pdf))
        rows = json.loads(
            run(exe, "list", "candidates", "--requisition", requisition, "--json", home=home)
        )
        missing = [row["full_name"] for row in rows if not name_in(row["full_name"], text)]
        if not rows or missing:
            raise CheckFailed(f"slate packet {requisition}: names lost in the PDF: {missing}")
        scripts = sorted({_script(row["full_name"]) for row in rows})
        print(
            f"  slate packet {requisition}: {len(rows)} names round-trip through pdftotext "
            f"({', '.join(scripts)})"
        )


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def check_numbers_and_privacy(exe: Path, home: Path) -> None:
    """The calibration report (its alpha intervals are numpy's seeded bootstrap) gives the same
    numbers as the virtual environment on the same database; a subject-access export holds the
    candidate's records and a PDF summary naming them."""
    database = next(
        line.split(":", 1)[1].strip()
        for line in run(exe, "check", home=home).splitlines()
        if line.startswith("Database:")
    )
    report = json.loads(run(exe, "calibration", "--json", home=home))
    alphas = [row["alpha"] for row in report["competencies"] if row.get("alpha")]
    if not any(isinstance(alpha.get("ci_low"), float) for alpha in alphas):
        raise CheckFailed(f"calibration --json gave no bootstrapped interval:\n{report}")
    venv = subprocess.run(
        [sys.executable, "-m", "hirepartner", "--db", database, "calibration", "--json"],
        cwd=ROOT,
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    if json.loads(venv.stdout) != report:
        raise CheckFailed("calibration --json: the bundle's numbers differ from the venv's")
    print(
        f"  calibration: {len(report['competencies'])} competencies, numpy's bootstrap "
        "intervals equal to the virtual environment's"
    )
    (candidate,) = [
        row
        for row in json.loads(run(exe, "list", "candidates", "--json", home=home))
        if row["id"] == 1
    ]
    archive = home / "subject.zip"
    run(exe, "export", "subject", "--candidate", "1", "-o", str(archive), home=home)
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        records = json.loads(bundle.read("records.json"))
        (home / "summary.pdf").write_bytes(bundle.read("summary.pdf"))
    if not records or not any(name.startswith("resumes/") for name in names):
        raise CheckFailed(f"export subject: records or resume missing ({names})")
    if not name_in(candidate["full_name"], squeeze(pdf_text(home / "summary.pdf"))):
        raise CheckFailed("export subject: the PDF summary does not name the candidate")
    print(f"  subject export: {', '.join(sorted(names))}; the summary names the candidate")


def check_encrypted_database(exe: Path, home: Path) -> None:
    """SQLCipher is inside: a database encrypted in place opens with its passphrase only."""
    db = str(home / "encrypted.sqlite3")
    run(exe, "--db", db, "demo", "--candidates", "5", home=home)
    passphrase = "correct horse battery staple"
    out = run(exe, "--db", db, "encrypt", home=home, HIREPARTNER_PASSPHRASE=passphrase)
    if Path(db).read_bytes()[:16] == b"SQLite format 3\x00":
        raise CheckFailed(f"encrypt left a plain SQLite file:\n{out}")
    rows = json.loads(
        run(
            exe,
            "--db",
            db,
            "list",
            "candidates",
            "--json",
            home=home,
            HIREPARTNER_PASSPHRASE=passphrase,
        )
    )
    if len(rows) != 5:
        raise CheckFailed(f"the encrypted database gave {len(rows)} candidates, not 5")
    refused = run(
        exe,
        "--db",
        db,
        "list",
        "candidates",
        "--json",
        home=home,
        expect=2,
        HIREPARTNER_PASSPHRASE="not the passphrase",
    )
    if refused.strip() != WRONG_PASSPHRASE:
        raise CheckFailed(f"a wrong passphrase gave:\n{refused}")
    out = run(
        exe,
        "--db",
        db,
        "self-test",
        home=home,
        HIREPARTNER_PASSPHRASE=passphrase,
        QT_QPA_PLATFORM="offscreen",
    )
    if "Resume rendered by QtPdf" not in out:
        raise CheckFailed(f"self-test on the encrypted database:\n{out}")
    print(
        "  encrypted database: the command line and the window open it with its passphrase; "
        f"a wrong one: {refused.strip()!r}"
    )


def _script(name: str) -> str:
    for char in name:
        if char.isalpha() and ord(char) > 0x24F:
            return unicodedata.name(char, "?").split()[0].title()
    return "Latin"


def check_window(exe: Path, home: Path) -> None:
    shot = ARTIFACTS / "bundle-window.png"
    out = run(exe, "self-test", "--screenshot", str(shot), home=home, QT_QPA_PLATFORM="offscreen")
    print("  " + out.strip().replace("\n", "\n  "))
    if not shot.is_file() or shot.stat().st_size < 10_000:
        raise CheckFailed("the window's screenshot was not saved")
    out = run(exe, home=home, expect=2)
    if out.strip() != NO_DISPLAY:
        raise CheckFailed(f"without a display it said:\n{out}")
    print(f"  without a display: {out.strip()!r}")


def check_install(tarball: Path, home: Path) -> None:
    with tarfile.open(tarball) as tar:
        tar.extractall(home / "unpacked", filter="tar")
    (installer,) = (home / "unpacked").glob("HirePartner-*/install.sh")
    env = clean_env(home)
    for attempt in ("first", "second"):
        done = subprocess.run(
            ["sh", str(installer)], env=env, cwd=home, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise CheckFailed(f"install.sh ({attempt} time) failed:\n{done.stdout}{done.stderr}")
        exe = home / ".local" / "opt" / "HirePartner" / "hirepartner"
        if attempt == "first":
            run(exe, "demo", "--candidates", "5", home=home)
            settings = home / ".config" / "HirePartner" / "HirePartner.ini"
            settings.parent.mkdir(parents=True, exist_ok=True)
            settings.write_text("[window]\nkept=yes\n", encoding="utf-8")
    rows = json.loads(run(exe, "list", "candidates", "--json", home=home))
    if len(rows) != 5 or "kept=yes" not in settings.read_text(encoding="utf-8"):
        raise CheckFailed("installing again lost the user's database or settings")
    desktop = home / ".local/share/applications/org.hirepartner.HirePartner.desktop"
    icon = home / ".local/share/icons/hicolor/256x256/apps/org.hirepartner.HirePartner.png"
    if not (desktop.is_file() and icon.is_file() and (home / ".local/bin/hirepartner").exists()):
        raise CheckFailed("install.sh did not install the menu entry, icons and command")
    subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    print("  installed twice: upgraded in place, database and settings kept")
    subprocess.run(
        ["sh", str(exe.parent / "uninstall.sh")], env=env, check=True, capture_output=True
    )
    if (
        exe.exists()
        or desktop.exists()
        or len(list((home / ".local/share/HirePartner").glob("*.sqlite3"))) != 1
    ):
        raise CheckFailed("uninstall.sh left the app behind or removed the user's database")
    print("  uninstalled: app, menu entry and icons gone, the database kept")


def main() -> int:
    if not BUNDLE.is_dir():
        print("No bundle: run `scripts/dev package` first.", file=sys.stderr)
        return 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    exe = BUNDLE / "hirepartner"
    before = fingerprint(BUNDLE)
    modes = {p: p.stat().st_mode for p in [BUNDLE, *BUNDLE.rglob("*")] if not p.is_symlink()}
    for path in modes:  # read-only, as an admin's install or a mounted image would be
        path.chmod(modes[path] & ~0o222)
    try:
        with tempfile.TemporaryDirectory(prefix="hirepartner-check-") as temp:
            home = Path(temp)
            print("Command line, in a clean environment:")
            check_command_line(exe, home)
            print("Numbers, privacy and encryption at rest:")
            check_numbers_and_privacy(exe, home)
            check_encrypted_database(exe, home)
            print("The window, offscreen:")
            check_window(exe, home)
        if fingerprint(BUNDLE) != before:
            raise CheckFailed("something was written inside the bundle folder")
        print("Nothing was written inside the (read-only) bundle folder.")
        tarball = build_bundle.tarball_path()
        with tempfile.TemporaryDirectory(prefix="hirepartner-install-") as temp:
            print("install.sh and uninstall.sh:")
            check_install(tarball, Path(temp))
    except CheckFailed as failure:
        print(f"Bundle check FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        for path, mode in sorted(modes.items(), reverse=True):
            path.chmod(mode)
    print(f"Bundle checks passed; screenshot in {ARTIFACTS / 'bundle-window.png'}.")
    return 0 if build_bundle.size_report(BUNDLE, build_bundle.tarball_path(), top=12) else 1


if __name__ == "__main__":
    sys.exit(main())
