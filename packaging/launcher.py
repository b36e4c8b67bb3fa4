"""The bundle's entry point: the same command line as the `hirepartner` script."""

import sys

from hirepartner.cli import main

if __name__ == "__main__":
    sys.exit(main())
