"""`python -m hirepartner` runs the same command line as the `hirepartner` script."""

import sys

from hirepartner.cli import main

sys.exit(main())
