"""Builds the Linux bundle (dist/HirePartner/) with PyInstaller and its tar.gz with install.sh,
then prints the sizes against their targets with a per-top-level breakdown.

    python packaging/build_bundle.py          (what `scripts/dev package` runs)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "HirePartner"
MAX_UNPACKED_MB = 250
MAX_TARBALL_MB = 110
MB = 1024 * 1024
APP_ID = "org.hirepartner.HirePartner"


def version() -> str:
    namespace: dict[str, str] = {}
    source = (ROOT / "hirepartner" / "__init__.py").read_text(encoding="utf-8")
    exec(compile(source, "hirepartner/__init__.py", "exec"), namespace)
    return namespace["__version__"]


def tarball_path() -> Path:
    return DIST / f"HirePartner-{version()}-linux-x86_64.tar.gz"


def build_bundle() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "packaging" / "linux" / "hirepartner.spec"),
        ],
        check=True,
        cwd=ROOT,
    )


def build_tarball() -> Path:
    """HirePartner-<version>/ holding the bundle, install.sh, uninstall.sh and share/."""
    top = f"HirePartner-{version()}"
    resources = ROOT / "resources"
    extra = {
        "install.sh": ROOT / "packaging" / "linux" / "install.sh",
        "uninstall.sh": ROOT / "packaging" / "linux" / "uninstall.sh",
        f"share/{APP_ID}.desktop": resources / f"{APP_ID}.desktop",
        f"share/{APP_ID}.metainfo.xml": resources / f"{APP_ID}.metainfo.xml",
        **{
            f"share/icons/{path.name}": path
            for path in sorted((resources / "icons").iterdir())
            if path.suffix in {".png", ".svg"}
        },
    }
    path = tarball_path()
    with tarfile.open(path, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=f"{top}/HirePartner")
        for name, source in extra.items():
            tar.add(source, arcname=f"{top}/{name}")
    return path


def tree_size(path: Path) -> int:
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def size_report(bundle: Path, tarball: Path | None, top: int = 25) -> bool:
    """Prints the sizes and what takes the room (per top-level entry of _internal/ and of
    PySide6/Qt), so a new dependency's weight shows after a merge; True when within targets."""
    internal = bundle / "_internal"
    parts = sorted(((tree_size(p), p.name) for p in internal.iterdir()), reverse=True)
    unpacked = tree_size(bundle)
    print(f"Bundle {bundle}: {unpacked / MB:.1f} MB unpacked (target ≤ {MAX_UNPACKED_MB} MB)")
    shown = parts[:top]
    for size, name in shown:
        print(f"  {size / MB:8.1f} MB  {name}")
    rest = sum(size for size, _name in parts[top:])
    print(f"  {rest / MB:8.1f} MB  {len(parts) - len(shown)} smaller entries")
    qt = internal / "PySide6" / "Qt"
    if qt.is_dir():
        qt_parts = sorted(
            ((tree_size(p), p.name) for p in qt.rglob("*") if p.is_file()), reverse=True
        )[:8]
        print("  largest Qt files: " + ", ".join(f"{n} {s / MB:.1f}" for s, n in qt_parts))
    ok = unpacked <= MAX_UNPACKED_MB * MB
    if tarball is not None:
        packed = tarball.stat().st_size
        print(f"Archive {tarball.name}: {packed / MB:.1f} MB (target ≤ {MAX_TARBALL_MB} MB)")
        ok = ok and packed <= MAX_TARBALL_MB * MB
    if not ok:
        print("The bundle is over its size target: see what grew above.", file=sys.stderr)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-only", action="store_true", help="report on an existing build")
    args = parser.parse_args()
    started = time.monotonic()
    if not args.sizes_only:
        shutil.rmtree(BUNDLE, ignore_errors=True)
        build_bundle()
        print(f"Bundle built in {time.monotonic() - started:.0f} s")
        tarball = build_tarball()
        print(f"Archive written in {time.monotonic() - started:.0f} s in all: {tarball}")
    else:
        tarball = tarball_path() if tarball_path().exists() else None
    return 0 if size_report(BUNDLE, tarball) else 1


if __name__ == "__main__":
    sys.exit(main())
