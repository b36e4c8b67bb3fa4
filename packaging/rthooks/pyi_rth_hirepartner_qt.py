"""Runtime hook of the HirePartner bundles, in place of PyInstaller's `pyi_rth_pyside6`.

The same environment (Qt's plugin path; on Windows and macOS the library search paths), but the
embedded qt.conf that makes the bundled Qt relocatable is registered when `PySide6.QtCore` is
first imported, not at every start: the stock hook imports QtCore (and ICU's 30 MB of data)
before `main` runs, which cost every command line start ~0.1 s, `--version` included."""


def _hirepartner_qt_hook() -> None:
    import importlib.util
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")
    if sys.platform.startswith("win"):
        qt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    if sys.platform.startswith("win"):  # QtNetwork finds the OpenSSL DLLs collected there
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")

    class _ThenRegisterQtConf:
        """Loads QtCore with its own loader, then registers the embedded qt.conf (as the stock
        hook does), before anything can create a QApplication."""

        def __init__(self, loader: object) -> None:
            self.loader = loader

        def create_module(self, spec: object) -> object:
            return self.loader.create_module(spec)

        def exec_module(self, module: object) -> None:
            self.loader.exec_module(module)
            qt_rth_utils.create_embedded_qt_conf("PySide6", qt_path)

    class _OnQtCoreImport:
        def find_spec(self, name: str, path: object = None, target: object = None) -> object:
            if name != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)  # once; the real finders answer from here on
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.loader is not None:
                spec.loader = _ThenRegisterQtConf(spec.loader)
            return spec

    sys.meta_path.insert(0, _OnQtCoreImport())


_hirepartner_qt_hook()
del _hirepartner_qt_hook
