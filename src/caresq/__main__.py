"""``python -m caresq`` runs the command line."""

import sys

from caresq.cli import main

sys.exit(main())
