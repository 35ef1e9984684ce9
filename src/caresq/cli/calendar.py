"""``caresq calendar --care-type K --year Y``: the procurement calendar of a policy."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from caresq.calendar import calendar_ics, calendar_json, calendar_text
from caresq.cli._common import EXIT_OK, add_set_argument, engine_with_sets
from caresq.engine import Engine


def add_parser(commands: Any) -> None:
    """Declare ``calendar`` and its arguments."""
    calendar = commands.add_parser("calendar", help="the procurement calendar of a policy")
    calendar.add_argument("--care-type", required=True, help="e.g. fysio")
    calendar.add_argument("--year", type=int, required=True, help="contract year")
    calendar.add_argument("--format", choices=("text", "json", "ics"), default="text")
    calendar.add_argument("--output", metavar="FILE", help="write here instead of stdout")
    add_set_argument(calendar)
    calendar.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Print (or write) the dated lines of one policy as text, JSON or iCalendar."""
    engine = engine_with_sets(engine, args)
    events = engine.calendar_events(args.care_type, args.year)
    if args.format == "ics":
        policy = engine.policy(args.care_type, args.year)
        data = calendar_ics(events, name=policy.document)
    elif args.format == "json":
        data = (json.dumps(calendar_json(events), ensure_ascii=False, indent=2) + "\n").encode()
    else:
        data = calendar_text(events).encode()
    if args.output:
        with open(args.output, "wb") as handle:
            handle.write(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return EXIT_OK
