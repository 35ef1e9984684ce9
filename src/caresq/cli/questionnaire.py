"""``caresq questionnaire CONTRACT [CONTRACT ...]``: the facts the contracts ask."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from caresq.cli._common import EXIT_OK, format_argument, print_json
from caresq.errors import PolicyNotFound
from caresq.questionnaire import questionnaire_json, template
from caresq.text import escape_control

if TYPE_CHECKING:
    from caresq.engine import Engine
    from caresq.registry import ContractSpec


def add_parser(commands: Any) -> None:
    """Declare ``questionnaire`` and its arguments."""
    questionnaire = commands.add_parser(
        "questionnaire", help="the facts one or more contracts ask",
        epilog="example: caresq questionnaire %(contracts)s --format template > profile.json")
    questionnaire.add_argument("contracts", nargs="+", metavar="CONTRACT",
                               help="a contract id, as `caresq plugins` lists it (several: one "
                                    "questionnaire asking each fact once), e.g. %(contract)s")
    questionnaire.add_argument("--year", type=int, metavar="YYYY",
                               help="the contract year (default: each contract's latest), "
                                    "e.g. --year %(year)s")
    format_argument(questionnaire, ("text", "json", "template"),
                    "text is readable, json a list of facts (id, type, label, question, "
                    "choices, optional, contracts), template a blank profile applying for "
                    "the contracts")
    questionnaire.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Print the questionnaire of the contracts as text, JSON or a blank profile."""
    specs = [engine.contract(contract_id, args.year)
             for contract_id in dict.fromkeys(args.contracts)]
    if args.format == "json":
        print_json(questionnaire_json(specs))
    elif args.format == "template":
        print_json(_template(specs, engine))
    else:
        shown: set[str] = set()
        for spec in specs:
            print(escape_control(f"{spec.contract.id} - {spec.contract.title} "
                                 f"({spec.policy.document})"))
            for fact in spec.questionnaire:
                if fact.id in shown:
                    print(escape_control(f"  {fact.id} (asked above)"))
                    continue
                shown.add(fact.id)
                optional = ", optional: an expectation or note" if spec.is_optional(fact) else ""
                print(escape_control(f"  {fact.id} ({fact.describe_type()}{optional})"))
                print(escape_control(f"      {fact.question}"))
    return EXIT_OK


def _template(specs: list[ContractSpec], engine: Engine) -> dict[str, Any]:
    """The blank profile; contracts of different years get a hint at what would work."""
    try:
        return template(specs)
    except PolicyNotFound as error:
        ids = [spec.contract.id for spec in specs]
        shared = [year for year, by_id in sorted(engine.catalogue.contracts.items())
                  if all(contract_id in by_id for contract_id in ids)]
        error.add_note(f"all of them are offered in {', '.join(map(str, shared))}: choose "
                       "one with --year" if shared
                       else "ask for the contracts of one contract year at a time")
        raise
