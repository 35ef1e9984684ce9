"""``caresq compare --batch IN.jsonl (--set ID=VALUE ... | --year Y --against Y2)``: what-if."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from contextlib import ExitStack
from typing import Any

from caresq.cli._common import (
    EXIT_BAD_RECORDS,
    EXIT_OK,
    UsageError,
    add_max_bytes_argument,
    add_set_argument,
    check_output_path,
    date_argument,
    engine_with_sets,
    jobs_argument,
    output_argument,
    overrides_of,
    plugins_speak_on_stderr,
    refuse_same_file,
    write_output,
)
from caresq.cli.batch import _bounded_lines
from caresq.compare import Comparison
from caresq.compare_report import render_csv, render_html, render_text
from caresq.engine import Engine, today


def add_parser(commands: Any) -> None:
    """Declare ``compare`` and its arguments."""
    parser = commands.add_parser(
        "compare", help="what-if: a batch under the policy in force and under a change",
        description="Assess every profile of a batch under the policy in force and under a "
                    "change, in one pass, and report what changes. Examples: caresq compare "
                    "--batch round.jsonl --set %(set)s --format html "
                    "--output impact.html; caresq compare --batch round.jsonl --year 2025 "
                    "--against 2024")
    parser.add_argument("--batch", metavar="IN.jsonl", required=True,
                        help="one profile (JSON) per line; - for standard input")
    add_set_argument(parser)
    parser.add_argument("--year", type=int, metavar="Y",
                        help="contract year (YYYY); with --against, the year of the change")
    parser.add_argument("--against", type=int, metavar="Y2",
                        help="with --year: the contract year (YYYY) the change is compared to")
    parser.add_argument("--on", type=date_argument, metavar="YYYY-MM-DD",
                        help="reference date (default: today)")
    parser.add_argument("--format", choices=("text", "json", "csv", "html"), default="text",
                        help="text (default), json, csv (the changed results) or html (one "
                             "self-contained page)")
    parser.add_argument("--output", type=output_argument, metavar="FILE",
                        help="write the report here (default: standard output)")
    parser.add_argument("--jobs", type=jobs_argument, default=1, metavar="N",
                        help="assess in N processes (the report is the same)")
    add_max_bytes_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Compare, render the report, and exit 1 when some lines could not be assessed."""
    overrides = overrides_of(args)
    if args.against is not None and (args.year is None or overrides):
        raise UsageError("--against Y2 goes with --year Y and without --set")
    if args.against is None and not overrides:
        raise UsageError("compare needs a change: --set ID=VALUE ... or --year Y --against Y2")
    refuse_same_file(args.batch, args.output)
    check_output_path(args.output)  # before the work, not after it
    changed = engine_with_sets(engine, args)
    before_year, after_year = ((args.against, args.year) if args.against is not None
                               else (args.year, args.year))
    with ExitStack() as stack:
        stack.enter_context(plugins_speak_on_stderr())
        lines = _bounded_lines(_lines(args.batch, stack), args.max_bytes)
        comparison = engine.compare(lines, changed, on=args.on or today(), year=before_year,
                                    changed_year=after_year, jobs=args.jobs)
    # A lone surrogate left in the JSON is written as its JSON escape (UTF-8 cannot carry it);
    # the reports a person reads have none left (escape_control).
    write_output(_render(comparison, args.format).encode("utf-8", "backslashreplace"),
                 args.output)
    return EXIT_BAD_RECORDS if comparison.bad_lines else EXIT_OK


def _render(comparison: Comparison, form: str) -> str:
    if form == "json":
        return json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"
    if form == "csv":
        return render_csv(comparison)
    if form == "html":
        return render_html(comparison)
    return render_text(comparison)


def _lines(path: str, stack: ExitStack) -> Iterable[bytes | str]:
    if path == "-":
        source: Iterable[bytes | str] = getattr(sys.stdin, "buffer", sys.stdin)
        return source
    try:
        return stack.enter_context(open(path, "rb"))
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None

