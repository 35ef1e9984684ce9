"""``caresq advise FILE|-``: what blocks each contract, what would reach a target, what to ask."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from caresq.advice import Target, advice_to_json, parse_target, render_advice_text
from caresq.cli._common import (
    EXIT_OK,
    add_max_bytes_argument,
    add_set_argument,
    date_argument,
    engine_with_sets,
    plugins_speak_on_stderr,
    print_json,
    read_text,
)

if TYPE_CHECKING:
    from caresq.engine import Engine


def target_argument(text: str) -> Target:
    """A ``--target`` value: eligible, review or variant=X."""
    try:
        return parse_target(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def changes_argument(text: str) -> int:
    """A ``--max-changes`` count of at least 0."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if count < 0:
        raise argparse.ArgumentTypeError(f"{count} is negative")
    return count


def add_parser(commands: Any) -> None:
    """Declare ``advise`` and its arguments."""
    advise = commands.add_parser(
        "advise", help="what blocks each contract, the smallest changes that reach a target, "
                       "and the questions that still matter",
        epilog="example: caresq advise profile.json --on 2023-10-05 --target eligible")
    advise.add_argument("file", help="profile JSON file, or - for standard input")
    advise.add_argument("--on", type=date_argument, metavar="YYYY-MM-DD",
                        help="reference date (default: today)")
    advise.add_argument("--year", type=int, metavar="YYYY",
                        help="contract year (default: from the contracts)")
    advise.add_argument("--target", type=target_argument, action="append", metavar="TARGET",
                        help="what to reach: eligible, review or variant=X (repeatable; "
                             "default: the best status the route allows and each better "
                             "variant)")
    advise.add_argument("--max-changes", type=changes_argument, default=3, metavar="N",
                        help="the most fact changes in one repair (a whole number, default 3)")
    advise.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default) or json")
    add_max_bytes_argument(advise)
    add_set_argument(advise)
    advise.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Advise on one profile."""
    engine = engine_with_sets(engine, args)
    profile = engine.read_profile_json(read_text(args.file, args.max_bytes), args.max_bytes)
    with plugins_speak_on_stderr():
        advice = engine.advise(profile, on=args.on, year=args.year, targets=args.target,
                               max_changes=args.max_changes)
    if args.format == "json":
        print_json(advice_to_json(advice))
    else:
        sys.stdout.write(render_advice_text(advice))
    return EXIT_OK
