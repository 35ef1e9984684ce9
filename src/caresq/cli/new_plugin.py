"""``caresq new-plugin NAME``: write a new care-type plugin package, ready to install."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from caresq.cli._common import EXIT_OK, UsageError
from caresq.scaffold import EARLIEST_YEAR, LATEST_YEAR, ScaffoldError, new_plugin

if TYPE_CHECKING:
    from caresq.engine import Engine


def add_parser(commands: Any) -> None:
    """Declare ``new-plugin`` and its arguments."""
    command = commands.add_parser(
        "new-plugin", help="write a new care-type plugin package (installs and passes its tests)",
        epilog="example: caresq new-plugin fietszorg && pip install -e "
               "'./caresq-fietszorg[test]' && (cd caresq-fietszorg && pytest)")
    command.add_argument("name", metavar="NAME",
                         help="the care type and entry-point name: lower case letters, digits, "
                              "underscores (e.g. fietszorg), and no name an installed plugin, "
                              "care type or fact namespace uses")
    command.add_argument("--directory", metavar="DIR",
                         help="where to write the package (default: ./caresq-NAME); must not "
                              "exist or be empty, e.g. --directory plugins/fietszorg")
    command.add_argument("--year", type=contract_year, metavar="YYYY",
                         help=f"the contract year of its policy, {EARLIEST_YEAR} to "
                              f"{LATEST_YEAR} (default: next year), e.g. --year 2030")
    command.set_defaults(run=run, engine_free=True)


def contract_year(text: str) -> int:
    """``--year``: checked by the parser, so a bad year is a usage error before anything is
    written."""
    try:
        year = int(text)
    except ValueError:
        year = None
    if year is None or not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a contract year from {EARLIEST_YEAR} to {LATEST_YEAR}")
    return year


def run(args: argparse.Namespace, engine: Engine | None) -> int:
    """Write the package and list its files."""
    try:
        written = new_plugin(args.name, args.directory, year=args.year)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK
