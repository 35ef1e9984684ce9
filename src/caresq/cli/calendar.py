"""``caresq calendar``: the procurement calendar of a policy, or a provider's own dates."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from caresq.calendar import calendar_ics, calendar_json, calendar_text
from caresq.cli._common import (
    EXIT_OK,
    UsageError,
    add_set_argument,
    check_output_path,
    date_argument,
    engine_with_sets,
    format_argument,
    json_bytes,
    output_argument,
    plugins_speak_on_stderr,
    read_text,
    refuse_same_file,
    write_output,
)
from caresq.reminders import provider_calendar_ics, provider_calendar_json, provider_calendar_text

if TYPE_CHECKING:
    from caresq.engine import Engine


def add_parser(commands: Any) -> None:
    """Declare ``calendar`` and its arguments."""
    calendar = commands.add_parser(
        "calendar", help="the procurement calendar of a policy, or a provider's own dates",
        epilog="example: caresq calendar --care-type %(care_type)s --year %(year)s "
               "--format ics --output calendar.ics")
    calendar.add_argument("--care-type", metavar="CARE_TYPE",
                          help="the care type, as `caresq plugins` lists it, e.g. "
                               "--care-type %(care_type)s")
    calendar.add_argument("--year", type=int, metavar="YYYY",
                          help="the contract year of the policy, e.g. --year %(year)s")
    calendar.add_argument("--profile", metavar="FILE",
                          help="a profile JSON file (or - for standard input): list the dates "
                               "of its applications, with reminders, e.g. --profile profile.json")
    calendar.add_argument("--on", type=date_argument, metavar="YYYY-MM-DD",
                          help="with --profile: the reference date (default: today)")
    format_argument(calendar, ("text", "json", "ics"),
                    "text is readable, json a list of events, ics an iCalendar file")
    calendar.add_argument("--output", type=output_argument, metavar="FILE",
                          help="write to FILE instead of standard output, e.g. "
                               "--output calendar.ics")
    add_set_argument(calendar)
    calendar.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Print (or write) the dated lines as text, JSON or iCalendar."""
    if args.profile:
        refuse_same_file(args.profile, args.output)
    check_output_path(args.output)
    engine = engine_with_sets(engine, args)
    data = _provider(args, engine) if args.profile else _policy(args, engine)
    write_output(data, args.output)
    return EXIT_OK


def _policy(args: argparse.Namespace, engine: Engine) -> bytes:
    if args.care_type is None or args.year is None:
        raise UsageError("calendar needs --care-type and --year, or --profile FILE")
    if args.on is not None:
        raise UsageError("--on goes with --profile")
    events = engine.calendar_events(args.care_type, args.year)
    if args.format == "ics":
        return calendar_ics(events, name=engine.policy(args.care_type, args.year).document)
    if args.format == "json":
        return json_bytes(calendar_json(events))
    return calendar_text(events).encode()


def _provider(args: argparse.Namespace, engine: Engine) -> bytes:
    if args.care_type is not None:
        raise UsageError("give either --profile or --care-type, not both")
    profile = engine.read_profile_json(read_text(args.profile))
    with plugins_speak_on_stderr():
        entries = engine.provider_calendar(profile, on=args.on, year=args.year)
    if args.format == "ics":
        who = profile.name or profile.agb_code
        return provider_calendar_ics(entries, name=f"caresq - {who}")
    if args.format == "json":
        return json_bytes(provider_calendar_json(entries))
    return provider_calendar_text(entries).encode()
