"""The `hirepartner` command line: `main` parses, opens the services and runs one command."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from hirepartner import __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command. `hirepartner --version` answers before the commands' modules (the
    services, keyring, the exchange formats) are imported: scripts call it to probe the install."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args == ["--version"]:
        print(f"hirepartner {__version__}")
        return 0
    from hirepartner.cli.core import main as run

    return run(argv)


__all__ = ["main"]
