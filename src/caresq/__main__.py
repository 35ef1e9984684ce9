"""``python -m caresq`` runs the command line."""

from caresq.cli import console

console()
