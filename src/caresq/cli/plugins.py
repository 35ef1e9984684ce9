"""``caresq plugins``: the installed care-type plugins, their policies and contracts."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from caresq.cli._common import EXIT_OK, format_argument, print_json
from caresq.text import escape_control

if TYPE_CHECKING:
    from caresq.engine import Engine


def add_parser(commands: Any) -> None:
    """Declare ``plugins`` and its arguments."""
    plugins = commands.add_parser(
        "plugins", help="the installed care-type plugins, their policies and contracts",
        epilog="example: caresq plugins --format json")
    format_argument(plugins, ("text", "json"),
                    "json is an object with \"plugins\" (name, version, hooks, error) and "
                    "\"policies\" (care type, year, document, version, plugin, contracts)")
    plugins.set_defaults(run=run)


def plugins_json(engine: Engine) -> dict[str, Any]:
    """Every plugin and every policy with its contracts, as ``--format json`` writes them."""
    catalogue = engine.catalogue
    policies = []
    for policy in catalogue.policies:
        specs = sorted((spec for spec in catalogue.contracts[policy.contract_year].values()
                        if spec.policy == policy), key=lambda spec: spec.contract.id)
        policies.append({
            "care_type": policy.care_type, "contract_year": policy.contract_year,
            "document": policy.document, "version": policy.version,
            "plugin": catalogue.owners.get(f"care type {policy.care_type}"),
            "contracts": [{"id": spec.contract.id, "title": spec.contract.title,
                           "variants": (list(spec.contract.variant_names)
                                        if spec.contract.variant_names else None)}
                          for spec in specs]})
    return {"plugins": [{"name": i.name, "version": i.version, "hooks": list(i.hooks),
                         "error": i.error} for i in engine.plugins()],
            "policies": policies}


def run(args: argparse.Namespace, engine: Engine) -> int:
    """List every plugin (and those that failed to load), then the policies and contracts."""
    infos = engine.plugins()
    if args.format == "json":
        print_json(plugins_json(engine))
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
