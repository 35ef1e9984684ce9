"""``caresq questionnaire CONTRACT``: the facts a contract asks."""

from __future__ import annotations

import argparse
from typing import Any

from caresq.cli._common import EXIT_OK, print_json
from caresq.engine import Engine
from caresq.text import escape_control


def add_parser(commands: Any) -> None:
    """Declare ``questionnaire`` and its arguments."""
    questionnaire = commands.add_parser("questionnaire", help="the facts a contract asks")
    questionnaire.add_argument("contract", help="contract id, e.g. fysio.basis")
    questionnaire.add_argument("--year", type=int)
    questionnaire.add_argument("--format", choices=("text", "json", "template"), default="text")
    questionnaire.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Print the questionnaire of one contract as text, JSON or a blank profile."""
    spec = engine.contract(args.contract, args.year)
    facts = spec.questionnaire
    if args.format == "json":
        print_json([{"id": f.id, "type": f.type.value, "label": f.label, "question": f.question,
                     "choices": list(f.choices) or None, "optional": spec.is_optional(f)}
                    for f in facts])
    elif args.format == "template":
        # Every value null, the AGB code too: it reads back and assesses as incomplete.
        print_json({
            "agb_code": None, "name": None,
            "applications": [{"contract": spec.contract.id, "submitted_on": None,
                              "signed_on": None, "existing_contract": False}],
            "facts": {f.id: None for f in facts}})
    else:
        print(escape_control(f"{spec.contract.id} - {spec.contract.title} "
                             f"({spec.policy.document})"))
        for fact in facts:
            optional = ", optional: an expectation or note" if spec.is_optional(fact) else ""
            print(escape_control(f"  {fact.id} ({fact.describe_type()}{optional})"))
            print(escape_control(f"      {fact.question}"))
    return EXIT_OK
