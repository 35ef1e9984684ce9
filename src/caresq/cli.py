"""The ``caresq`` command line (SPEC §7). Exit codes: 0 done, 1 a batch had bad records,
2 usage or input error. Bad input prints what is wrong and where, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import IO, Any, Final, NoReturn

from caresq.calendar import calendar_ics, calendar_json, calendar_text
from caresq.engine import Engine
from caresq.errors import CaresqError, Problem, ProfileError
from caresq.facts import parse_date
from caresq.render import assessment_to_json, render_text

EXIT_OK: Final = 0
EXIT_BAD_RECORDS: Final = 1
EXIT_USAGE: Final = 2


class UsageError(CaresqError):
    """A command line that cannot be carried out as given."""


def _date_argument(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="caresq", description="Which care contracts a provider qualifies for, and why.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    assess = commands.add_parser("assess", help="assess a provider profile (JSON)")
    assess.add_argument("file", nargs="?", help="profile JSON file, or - for standard input")
    assess.add_argument("--batch", metavar="IN.jsonl", help="assess one profile per line")
    assess.add_argument("--output", metavar="OUT.jsonl", help="with --batch: where to write")
    assess.add_argument("--on", type=_date_argument, help="reference date (default: today)")
    assess.add_argument("--year", type=int, help="contract year (default: from the contracts)")
    assess.add_argument("--format", choices=("text", "json"), default="text")
    assess.set_defaults(run=_assess)

    questionnaire = commands.add_parser("questionnaire", help="the facts a contract asks")
    questionnaire.add_argument("contract", help="contract id, e.g. fysio.basis")
    questionnaire.add_argument("--year", type=int)
    questionnaire.add_argument("--format", choices=("text", "json", "template"), default="text")
    questionnaire.set_defaults(run=_questionnaire)

    calendar = commands.add_parser("calendar", help="the procurement calendar of a policy")
    calendar.add_argument("--care-type", required=True, help="e.g. fysio")
    calendar.add_argument("--year", type=int, required=True, help="contract year")
    calendar.add_argument("--format", choices=("text", "json", "ics"), default="text")
    calendar.add_argument("--output", metavar="FILE", help="write here instead of stdout")
    calendar.set_defaults(run=_calendar)

    plugins = commands.add_parser("plugins", help="the installed care-type plugins")
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    plugins.set_defaults(run=_plugins)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace, Engine], int] = args.run
    try:
        return run(args, Engine.default())
    except ProfileError as error:
        source = getattr(args, "file", None) or "profile"
        _fail([f"invalid profile {source}:", *(f"  {line}" for line in error.errors)])
    except (CaresqError, OSError) as error:
        _fail([str(error)])


def _fail(lines: Iterable[str]) -> NoReturn:
    for line in lines:
        print(f"caresq: {line}" if not line.startswith(" ") else line, file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def _print_json(data: Any, stream: IO[str] | None = None) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2), file=stream or sys.stdout)


# -- assess -------------------------------------------------------------------------------------


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise ProfileError([Problem("", "not UTF-8 text")]) from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory, not a profile") from None


def _assess(args: argparse.Namespace, engine: Engine) -> int:
    if args.batch:
        if args.file:
            raise UsageError("give either a FILE or --batch, not both")
        return _assess_batch(args, engine)
    if not args.file:
        raise UsageError("assess needs a FILE (or - for standard input) or --batch IN.jsonl")
    if args.output:
        raise UsageError("--output goes with --batch")
    profile = engine.read_profile_json(_read_text(args.file))
    assessment = engine.assess(profile, on=args.on, year=args.year)
    if args.format == "json":
        _print_json(assessment_to_json(assessment))
    else:
        sys.stdout.write(render_text(assessment))
    return EXIT_OK


def _assess_batch(args: argparse.Namespace, engine: Engine) -> int:
    source = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")  # noqa: SIM115
    target = sys.stdout if args.output in (None, "-") else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    statuses: Counter[tuple[str, str]] = Counter()
    bad = 0
    try:
        for number, line in enumerate(source, start=1):
            record = _batch_record(engine, number, line, args)
            if "error" in record:
                bad += 1
            else:
                statuses.update((r["contract"], r["status"]) for r in record["results"])
            target.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if source is not sys.stdin:
            source.close()
        if target is not sys.stdout:
            target.close()
    for (contract, status), count in sorted(statuses.items()):
        print(f"{contract}: {status} {count}", file=sys.stderr)
    print(f"bad lines: {bad}", file=sys.stderr)
    return EXIT_BAD_RECORDS if bad else EXIT_OK


def _batch_record(engine: Engine, number: int, line: str,
                  args: argparse.Namespace) -> dict[str, Any]:
    try:
        profile = engine.read_profile_json(line)
        return assessment_to_json(engine.assess(profile, on=args.on, year=args.year))
    except ProfileError as error:
        return {"line": number, "error": {"type": "ProfileError", "errors": list(error.errors)}}
    except CaresqError as error:
        return {"line": number, "error": {"type": type(error).__name__, "errors": [str(error)]}}


# -- questionnaire and plugins ------------------------------------------------------------------


def _questionnaire(args: argparse.Namespace, engine: Engine) -> int:
    spec = engine.contract(args.contract, args.year)
    facts = spec.questionnaire
    if args.format == "json":
        _print_json([{"id": f.id, "type": f.type.value, "label": f.label, "question": f.question,
                      "choices": list(f.choices) or None} for f in facts])
    elif args.format == "template":
        _print_json({
            "agb_code": "", "name": None,
            "applications": [{"contract": spec.contract.id, "submitted_on": None,
                              "signed_on": None, "existing_contract": False}],
            "facts": {f.id: None for f in facts}})
    else:
        print(f"{spec.contract.id} - {spec.contract.title} ({spec.policy.document})")
        for fact in facts:
            print(f"  {fact.id} ({fact.describe_type()})\n      {fact.question}")
    return EXIT_OK


def _calendar(args: argparse.Namespace, engine: Engine) -> int:
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


def _plugins(args: argparse.Namespace, engine: Engine) -> int:
    infos = engine.plugins()
    if args.format == "json":
        _print_json([{"name": i.name, "version": i.version, "hooks": list(i.hooks),
                      "error": i.error} for i in infos])
        return EXIT_OK
    for info in infos:
        version = f" {info.version}" if info.version else ""
        state = f"FAILED: {info.error}" if info.error else ", ".join(info.hooks)
        print(f"{info.name}{version}: {state}")
    for policy in engine.catalogue.policies:
        contracts = sorted(engine.catalogue.contracts[policy.contract_year])
        mine = [c for c in contracts if c.startswith(policy.care_type + ".")]
        print(f"policy {policy.document} ({policy.contract_year}): {', '.join(mine)}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
