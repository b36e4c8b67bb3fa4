"""The bundle's Qt runtime hook (packaging/rthooks/): the command line starts without loading Qt,
and Qt, once imported, still finds its plugins and its embedded qt.conf, as with PyInstaller's."""

import json
import subprocess
import sys
from pathlib import Path

HOOK = Path(__file__).resolve().parents[2] / "packaging" / "rthooks" / "pyi_rth_hirepartner_qt.py"

# Stands in for PyInstaller's `_pyi_rth_utils` (a module only frozen programs have): records
# what the hook asks for, and whether QtCore was importable when qt.conf was registered.
STUB_UTILS = "is_macos_app_bundle = False\ndef prepend_path_to_environment_variable(p, v): pass\n"
STUB_QT = """import sys
calls = []
def ensure_single_qt_bindings_package(name):
    calls.append(["single", name])
def create_embedded_qt_conf(name, prefix):
    core = sys.modules.get(name + ".QtCore")
    calls.append(["qt.conf", name, prefix, hasattr(core, "QLibraryInfo")])
"""

PROBE = """import json, os, runpy, sys
sys._MEIPASS = "/opt/HirePartner/_internal"
runpy.run_path(sys.argv[1])
from _pyi_rth_utils import qt
at_start = {"qt_loaded": "PySide6.QtCore" in sys.modules, "calls": list(qt.calls)}
from PySide6.QtCore import QLibraryInfo  # what the window does first
print(json.dumps({
    "at_start": at_start,
    "after_import": qt.calls,
    "plugin_path": os.environ["QT_PLUGIN_PATH"],
    "hooks_left": [type(f).__name__ for f in sys.meta_path if "QtCore" in type(f).__name__],
}))
"""


def test_qt_loads_only_when_imported_then_registers_its_qt_conf(tmp_path):
    utils = tmp_path / "_pyi_rth_utils"
    utils.mkdir()
    (utils / "__init__.py").write_text(STUB_UTILS, encoding="utf-8")
    (utils / "qt.py").write_text(STUB_QT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(HOOK)],
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(done.stdout)
    prefix = "/opt/HirePartner/_internal/PySide6/Qt"
    assert seen["at_start"] == {"qt_loaded": False, "calls": [["single", "PySide6"]]}
    assert seen["after_import"] == [["single", "PySide6"], ["qt.conf", "PySide6", prefix, True]]
    assert seen["plugin_path"] == f"{prefix}/plugins"
    assert seen["hooks_left"] == []  # a one-shot hook: later imports go the usual way
