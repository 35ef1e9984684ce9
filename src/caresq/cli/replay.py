"""``caresq replay FILE``: re-assess every decision record and say whether it is reproduced."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from caresq.cli._common import (
    EXIT_BAD_RECORDS,
    EXIT_OK,
    plugins_speak_on_stderr,
    print_json,
    read_text,
)
from caresq.records import (
    DIFFERS,
    POLICY_CHANGED,
    REPRODUCED,
    SKIPPED,
    read_documents,
    replay,
    summary,
)
from caresq.text import escape_control

if TYPE_CHECKING:
    from caresq.engine import Engine


def add_parser(commands: Any) -> None:
    """Declare ``replay`` and its arguments."""
    parser = commands.add_parser(
        "replay", help="re-assess decision records (from assess --record) and check them",
        description="Re-assess every record of FILE (the JSON of 'caresq assess --record', or "
                    "the JSONL of 'caresq assess --batch --record') with the installed policy. "
                    "Exit 0 when every result is reproduced; 1 when one differs or its policy "
                    "changed. Example: caresq replay decisions.jsonl")
    parser.add_argument("file", help="a JSON result or a JSONL batch output; - for standard "
                                     "input")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default) or json (one object per record and a summary)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Replay each record; print what differs; exit 1 unless every record is reproduced."""
    documents = read_documents(read_text(args.file))
    with plugins_speak_on_stderr():
        outcomes = list(replay(engine, documents))
    counts = summary(outcomes)
    if args.format == "json":
        print_json({"records": [{"line": o.line, "agb_code": o.agb_code, "state": o.state,
                                 "details": list(o.details)} for o in outcomes],
                    "summary": counts})
    else:
        for outcome in outcomes:
            if outcome.state in (REPRODUCED, SKIPPED):
                continue
            who = f" ({outcome.agb_code})" if outcome.agb_code else ""
            print(escape_control(f"line {outcome.line}{who}: {outcome.state}"))
            for detail in outcome.details:
                print(escape_control(f"  {detail}"))
        print(f"records: {len(outcomes)}, reproduced: {counts[REPRODUCED]}, differ: "
              f"{counts[DIFFERS]}, policy changed: {counts[POLICY_CHANGED]}, skipped (error "
              f"records): {counts[SKIPPED]}", file=sys.stderr if args.format == "json" else None)
    return EXIT_OK if counts[DIFFERS] == counts[POLICY_CHANGED] == 0 else EXIT_BAD_RECORDS
