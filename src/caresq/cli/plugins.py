"""``caresq plugins``: the installed care-type plugins, their policies and contracts."""

from __future__ import annotations

import argparse
from typing import Any

from caresq.cli._common import EXIT_OK, print_json
from caresq.engine import Engine
from caresq.text import escape_control


def add_parser(commands: Any) -> None:
    """Declare ``plugins`` and its arguments."""
    plugins = commands.add_parser("plugins", help="the installed care-type plugins")
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    plugins.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """List every plugin (and those that failed to load), then the policies and contracts."""
    infos = engine.plugins()
    if args.format == "json":
        print_json([{"name": i.name, "version": i.version, "hooks": list(i.hooks),
                     "error": i.error} for i in infos])
        return EXIT_OK
    for info in infos:
        version = f" {info.version}" if info.version else ""
        state = f"FAILED: {info.error}" if info.error else ", ".join(info.hooks)
        print(escape_control(f"{info.name}{version}: {state}"))
    for policy in engine.catalogue.policies:
        contracts = sorted(engine.catalogue.contracts[policy.contract_year])
        mine = [c for c in contracts if c.startswith(policy.care_type + ".")]
        print(escape_control(f"policy {policy.document} ({policy.contract_year}): "
                             f"{', '.join(mine)}"))
    return EXIT_OK
