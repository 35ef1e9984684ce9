"""``caresq parameters [--care-type K]``: the numbers and dates of the policies, in force."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from caresq.cli._common import EXIT_OK, add_set_argument, engine_with_sets, print_json
from caresq.parameters import parameter_to_json, show
from caresq.text import escape_control

if TYPE_CHECKING:
    from caresq.engine import Engine


def add_parser(commands: Any) -> None:
    """Declare ``parameters`` and its arguments."""
    parser = commands.add_parser(
        "parameters", help="the policy parameters (thresholds, deadlines) and their values",
        description="List every policy parameter with its value in force, where it stands in "
                    "the policy and the Dutch sentence it comes from. Example: caresq "
                    "parameters --care-type %(set_care_type)s --set %(set)s (see "
                    "'caresq plugins' for the care types)")
    parser.add_argument("--care-type", metavar="K",
                        help="only this care type (the prefix of its contract ids)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default) or json (a list of objects)")
    add_set_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Print the parameters of every policy (or one care type's) as text or JSON."""
    engine = engine_with_sets(engine, args)
    overridden = set(engine.overrides)
    rows = [(policy, parameter) for policy in engine.catalogue.policies
            if args.care_type in (None, policy.care_type)
            for parameter in engine.policy_parameters(policy)]
    if args.care_type is not None and not rows:
        engine.parameters(args.care_type)  # raises PolicyNotFound naming the care types
    if args.format == "json":
        print_json([parameter_to_json(parameter, policy, parameter.id in overridden)
                    for policy, parameter in rows])
        return EXIT_OK
    shown = None
    for policy, parameter in rows:
        if policy != shown:
            print(escape_control(f"{policy.document} ({policy.contract_year}):"))
            shown = policy
        mark = " (set)" if parameter.id in overridden else ""
        lines = [f"  {parameter.id} = {show(parameter.value)}{mark} ({parameter.type})",
                 f"      {parameter.label} - {parameter.citation}",
                 f"      \"{parameter.text}\""]
        if parameter.reading:
            lines.append(f"      reading: {parameter.reading}")
        for line in lines:
            print(escape_control(line))
    return EXIT_OK
