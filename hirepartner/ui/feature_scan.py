"""Stops PySide6 reading the source of every module imported after it.

Once PySide6 is imported, shiboken's import hook reads the whole source text of each newly
imported module (through `inspect.getsource`, so into `linecache`, where it stays) to learn
whether that module might say `from __feature__ import snake_case`. HirePartner never selects a
PySide feature, and the modules imported after Qt at start (SQLAlchemy, the models, the
services) number in the hundreds: the scan cost about a tenth of the start-up CPU time and kept
some 14 MiB of source text alive for the life of the process. A module that does import
`__feature__` is still handled: shiboken records the choice of the module importing it.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (loads shiboken's feature support, patched below)


def _uses_no_feature(_module: object) -> bool:
    return False


def skip_feature_scan() -> bool:
    """Answer shiboken's "might this module use PySide features?" with no, without reading
    the module's source; returns whether this PySide6 has the scan to skip."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False  # a PySide6 without the scan (or with another shape of it): nothing to do
    feature._mod_uses_pyside = _uses_no_feature  # type: ignore[attr-defined]
    return True
