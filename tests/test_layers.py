"""The layers point down: PySide6 lives only in hirepartner/ui, and the CLI starts without Qt."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hirepartner"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_pyside6_is_imported_only_inside_the_ui_package():
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.split(".")[0] == "PySide6" for name in _imported_modules(path))
    ]
    assert offenders == []


def test_lower_layers_do_not_import_services_or_ui():
    lower = [PACKAGE / "data", PACKAGE / "domain.py", PACKAGE / "packets", PACKAGE / "scoring"]
    offenders = []
    for root in lower:
        for path in [root] if root.is_file() else root.rglob("*.py"):
            for name in _imported_modules(path):
                if name.startswith(("hirepartner.services", "hirepartner.ui", "hirepartner.app")):
                    offenders.append(f"{path.name} imports {name}")
    assert offenders == []


def test_command_line_runs_without_loading_qt(tmp_path):
    code = (
        "import sys; from hirepartner.cli import main; "
        f"rc = main(['--db', {str(tmp_path / 'x.db')!r}, 'list', 'requisitions']); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; "
        "assert 'reportlab' not in sys.modules, 'reportlab was imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path):
    db = str(tmp_path / "x.db")
    assert (
        subprocess.run([sys.executable, "-m", "hirepartner", "--db", db, "check"]).returncode == 0
    )
    code = (
        "import sys; from hirepartner.app import build_services; "
        "from hirepartner.config import sqlite_location; "
        f"s = build_services(sqlite_location({db!r})); s.requisitions.list_requisitions(); "
        "assert 'alembic' not in sys.modules, 'alembic was imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
