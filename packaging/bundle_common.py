"""What every HirePartner bundle holds, shared by the Linux, Windows and macOS spec files.

Robust to dependencies added later: the package itself is collected whole (modules, migrations,
fonts, icons), every third-party package goes through PyInstaller's own hooks (and those of
pyinstaller-hooks-contrib), and what the app never uses is cut by name (Qt modules, test suites,
GUI toolkits, developer tools) so that a new dependency cannot drag them in unnoticed.
"""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = str(ROOT / "packaging" / "launcher.py")
APP_NAME = "HirePartner"
EXECUTABLE = "hirepartner"

# The Qt modules the app imports (QtWidgets, QtGui, QtCore, QtSvg for the icons, QtPdf and
# QtPdfWidgets for the resume viewer) and what they need; every other binding is excluded,
# so that neither a hook nor a library pulls in QML, WebEngine, Multimedia, 3D and the rest.
QT_MODULES_USED = {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPdf", "QtPdfWidgets", "QtNetwork"}
QT_MODULES_UNUSED = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPositioning",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
    "QtDBus",
]

# Never used at run time, whatever a library imports optionally.
EXCLUDED_MODULES = [
    *(f"PySide6.{name}" for name in QT_MODULES_UNUSED),
    "tkinter",
    "_tkinter",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "IPython",
    "matplotlib",
    "pandas",
    "pytest",
    "pytestqt",
    "_pytest",
    "mypy",
    "ruff",
    "setuptools",
    "pip",
    "wheel",
    "pydoc",
    "doctest",
    "lib2to3",
    "idlelib",
    "test",
    "unittest",
    "psycopg",
    "psycopg2",  # the shared-server mode is for pip installs (extra "postgres")
    "krippendorff",
    "pingouin",
    "wsgidav",
    "cheroot",
    "aiosmtpd",  # test-only references
    "PyInstaller",
    # scipy, when a statistic needs it: the parts the app has no use for.
    "scipy.io",
    "scipy.ndimage",
    "scipy.signal",
    "scipy.datasets",
    "scipy.misc",
    "scipy.odr",
    "scipy.cluster",
    "scipy.fft._pocketfft.tests",
    # Pillow is there because reportlab imports PIL.Image; packets draw no raster images, so
    # its codecs beyond the core ones (AVIF alone is 5 MB), colour management, FreeType fonts
    # and Tk are left out. Their plugins import them lazily and report "not supported".
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingft",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
]

# Runtime hooks (packaging/rthooks/) that replace PyInstaller's: see their docstrings. The
# multiprocessing hook goes too: the app starts no processes through multiprocessing, and the
# hook imported it (pickle, sockets, subprocess) before every start.
RUNTIME_HOOKS = [str(ROOT / "packaging" / "rthooks" / "pyi_rth_hirepartner_qt.py")]
REPLACED_RUNTIME_HOOKS = {"pyi_rth_pyside6", "pyi_rth_multiprocessing"}

# Shared libraries and data that Qt's hooks collect but the app never loads.
PRUNED_PATH_PARTS = (
    "/Qt/qml/",
    "/Qt/translations/qtwebengine",
    "/Qt/resources/qtwebengine",
    "/Qt/plugins/sqldrivers/",
    "/Qt/plugins/multimedia/",
    "/Qt/plugins/qmltooling/",
    "/Qt/plugins/webview/",
    "/Qt/plugins/position/",
    "/Qt/plugins/sensors/",
    "/Qt/plugins/texttospeech/",
    "/Qt/plugins/designer/",
    "/Qt/plugins/renderers/",
    "/Qt/plugins/assetimporters/",
    "/Qt/plugins/geoservices/",
    "/Qt/plugins/canbus/",
    # The app speaks English only: Qt's own translations would make a mixed-language UI.
    "/Qt/translations/",
    # Embedded-device platforms and input (framebuffer, EGLFS, VNC, evdev): not a desktop's.
    "/Qt/plugins/egldeviceintegrations/",
    "/Qt/plugins/generic/",
    "/Qt/plugins/networkinformation/",
    "/platforms/libqeglfs",
    "/platforms/libqlinuxfb",
    "/platforms/libqvnc",
    "/platforms/libqvkkhrdisplay",
    "/platforms/libqminimalegl",
    # GTK's theme plugin drags GTK 3, GDK, Cairo, Pango and ATK in (~15 MB); without it Qt
    # uses the XDG portal theme (native file dialogs through the portal) or its own.
    "/platformthemes/libqgtk3",
)
# The libraries only the GTK theme plugin needs (pruned with it above).
GTK_LIBRARY_PREFIXES = (
    "libgtk-3",
    "libgdk-3",
    "libgdk_pixbuf",
    "libatk-1.0",
    "libatk-bridge",
    "libatspi",
    "libepoxy",
    "libcairo",
    "libpango",
    "libpixman",
    "libthai",
    "libdatrie",
    "libfribidi",
    "libXcomposite",
    "libXdamage",
    "libXcursor",
    "libXinerama",
    "libXrandr",
    "libwayland-egl",
    "libcloudproviders",
    "libtracker",
    "libcolord",
)
PRUNED_LIBRARY_PREFIXES = (
    # (QtDBus's library stays: QtGui links it on Linux for the portal and accessibility.)
    *(f"libQt6{name[2:]}" for name in QT_MODULES_UNUSED if name not in {"QtDBus"}),
    *("libQt6Quick", "libQt6Qml", "libQt6WebEngine", "libQt6Multimedia", "libQt6Designer"),
)


def _test_packages(package: str) -> list[str]:
    """Dotted names of every `tests` subpackage of an installed package (numpy, scipy…)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(next(iter(spec.submodule_search_locations)))
    return [
        ".".join((package, *found.relative_to(root).parts))
        for found in root.rglob("tests")
        if found.is_dir() and (found / "__init__.py").exists()
    ]


def excluded_modules() -> list[str]:
    names = list(EXCLUDED_MODULES)
    for package in ("numpy", "scipy", "openpyxl", "reportlab", "cryptography", "sqlalchemy"):
        names.extend(_test_packages(package))
    return names


def hidden_imports() -> list[str]:
    """The app's own modules (the services are imported lazily; Alembic loads the migrations
    by path, and they import the models), Alembic's runtime, keyring's backends."""
    return [
        *collect_submodules("hirepartner", filter=lambda name: ".tests" not in name),
        *collect_submodules("alembic", filter=lambda name: "testing" not in name),
        *collect_submodules("keyring.backends"),
        "sqlalchemy.dialects.sqlite",
        "PySide6.QtSvg",  # the SVG icon engine and image format plugins load it
    ]


def data_files() -> list[tuple[str, str]]:
    """Migrations (as sources: Alembic reads the folder), fonts with their licences, icons,
    and the metadata keyring (entry points) and importlib.metadata users read."""
    datas = collect_data_files("hirepartner", include_py_files=False)
    migrations = ROOT / "hirepartner" / "data" / "migrations"
    datas += [
        (str(path), str(Path("hirepartner/data/migrations") / path.parent.relative_to(migrations)))
        for path in migrations.rglob("*")
        if path.is_file() and path.suffix in {".py", ".mako"} and "__pycache__" not in path.parts
    ]
    datas += [(str(ROOT / "LICENSE"), ".")]
    for dist in ("keyring", "hirepartner", "reportlab", "alembic", "SQLAlchemy"):
        with contextlib.suppress(Exception):  # an editable install may lack some metadata
            datas += copy_metadata(dist)
    return datas


def startup_scripts(scripts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The scripts run at start without the runtime hooks RUNTIME_HOOKS replace."""
    return [entry for entry in scripts if entry[0] not in REPLACED_RUNTIME_HOOKS]


def pruned(toc: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The TOC without Qt parts the app never loads (see PRUNED_*)."""
    kept = []
    for entry in toc:
        dest, source = entry[0], str(entry[1])
        probe = "/" + dest.replace("\\", "/")
        if any(part in probe for part in PRUNED_PATH_PARTS):
            continue
        name = Path(dest).name
        if name.startswith(PRUNED_LIBRARY_PREFIXES) and "PySide6" in probe + source:
            continue
        if name.startswith(GTK_LIBRARY_PREFIXES) and "/" not in dest.replace("\\", "/"):
            continue
        kept.append(entry)
    return kept
