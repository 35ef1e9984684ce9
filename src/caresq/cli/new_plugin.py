"""``caresq new-plugin NAME``: write a new care-type plugin package, ready to install."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from caresq.cli._common import EXIT_OK, UsageError
from caresq.scaffold import ScaffoldError, new_plugin

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
                              "underscores (e.g. fietszorg)")
    command.add_argument("--directory", metavar="DIR",
                         help="where to write the package (default: ./caresq-NAME); must not "
                              "exist or be empty, e.g. --directory plugins/fietszorg")
    command.add_argument("--year", type=int, metavar="YYYY",
                         help="the contract year of its policy (default: next year), "
                              "e.g. --year 2030")
    command.set_defaults(run=run, engine_free=True)


def run(args: argparse.Namespace, engine: Engine | None) -> int:
    """Write the package and list its files."""
    try:
        written = new_plugin(args.name, args.directory, year=args.year)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK
