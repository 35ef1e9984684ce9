"""``caresq assess FILE|-`` and ``caresq assess --batch IN.jsonl``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from caresq.cli._common import (
    EXIT_OK,
    UsageError,
    add_max_bytes_argument,
    add_set_argument,
    date_argument,
    engine_with_sets,
    format_argument,
    jobs_argument,
    output_argument,
    plugins_speak_on_stderr,
    print_json,
    read_text,
)
from caresq.render import DETAILS, assessment_to_json, render_text

if TYPE_CHECKING:
    from caresq.engine import Engine


def add_parser(commands: Any) -> None:
    """Declare ``assess`` and its arguments."""
    assess = commands.add_parser(
        "assess", help="assess a provider profile (JSON)",
        description="Assess a provider profile: status, variant, period and every finding.",
        epilog="example: caresq questionnaire %(contract)s --format template > p.json, fill in "
               "the AGB code and the facts you know, then: caresq assess p.json --on "
               "%(year)s-01-01 --format json")
    assess.add_argument("file", nargs="?", metavar="FILE",
                        help="profile JSON file (as `caresq questionnaire CONTRACT --format "
                             "template` writes it), or - for standard input")
    assess.add_argument("--batch", metavar="IN.jsonl",
                        help="assess one profile per line of a JSON Lines file; writes one JSON "
                             "assessment (or error record) per line, e.g. --batch in.jsonl")
    assess.add_argument("--output", type=output_argument, metavar="OUT.jsonl",
                        help="with --batch: the JSON Lines file to write (default: standard "
                             "output), e.g. --output out.jsonl")
    assess.add_argument("--jobs", type=jobs_argument, default=1, metavar="N",
                        help="with --batch: assess in N processes, a whole number >= 1 "
                             "(default 1; the output is the same), e.g. --jobs 2")
    assess.add_argument("--detail", choices=DETAILS, default="full",
                        help="with --batch: full (default) writes every finding with its "
                             "citation, Dutch text and reading; compact keeps condition, kind, "
                             "outcome and reason (the policy's part is in `caresq "
                             "questionnaire`), e.g. --detail compact")
    assess.add_argument("--on", type=date_argument, metavar="YYYY-MM-DD",
                        help="the date the assessment speaks from (default: today in "
                             "Europe/Amsterdam), e.g. --on %(year)s-01-01")
    assess.add_argument("--year", type=int, metavar="YYYY",
                        help="the contract year (default: the latest year that has the "
                             "applied-for contracts), e.g. --year %(year)s")
    format_argument(assess, ("text", "json"),
                    "text is readable, json the assessment as JSON; with --batch only json "
                    "(JSON Lines) applies")
    add_max_bytes_argument(assess)
    add_set_argument(assess)
    assess.add_argument("--record", action="store_true",
                        help="add the decision record (versions, policy fingerprints, "
                             "overrides, the profile) to the JSON; 'caresq replay' checks it")
    assess.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Assess one profile, or a batch of them."""
    engine = engine_with_sets(engine, args)
    if args.batch:
        if args.file:
            raise UsageError("give either a FILE or --batch, not both")
        if args.format not in (None, "json"):
            raise UsageError(f"--batch writes JSON Lines; --format {args.format} does not "
                             "apply (leave it out, or give --format json)")
        from caresq.cli import batch  # a batch's own machinery: only for --batch

        return batch.run(args, engine)
    if not args.file:
        raise UsageError("assess needs a FILE (or - for standard input) or --batch IN.jsonl")
    if args.output:
        raise UsageError("--output goes with --batch")
    if args.jobs != 1:
        raise UsageError("--jobs goes with --batch")
    if args.detail != "full":
        raise UsageError("--detail goes with --batch")
    if args.record and args.format != "json":
        raise UsageError("--record goes with --format json (or --batch)")
    text = read_text(args.file, args.max_bytes)
    profile = engine.read_profile_json(text, args.max_bytes)
    with plugins_speak_on_stderr():
        assessment = engine.assess(profile, on=args.on, year=args.year)
    if args.record:
        from caresq.records import with_record

        print_json(with_record(engine, assessment, json.loads(text)))
    elif args.format == "json":
        print_json(assessment_to_json(assessment))
    else:
        sys.stdout.write(render_text(assessment))
    return EXIT_OK
