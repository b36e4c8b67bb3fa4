"""The `hirepartner` command line: `main` parses, opens the services and runs one command."""

from hirepartner.cli.core import main

__all__ = ["main"]
