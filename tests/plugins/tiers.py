"""A plugin "fz" whose contract can be declared with tiers or variants that do not step up.

``plugin(tiers=..., variants=...)`` gives a plugin object (for ``check_plugin``) with one
contract, ``fz.basis``, one requirement and two factors, ``fz.a`` and ``fz.b``.
"""

from __future__ import annotations

import types
from collections.abc import Sequence

import caresq
from caresq.calendar import Period
from caresq.rules import Holds

POLICY = caresq.Policy("fz", 2027, "Inkoopbeleid Fz 2027")
SECTION = caresq.Citation(POLICY.document, "3", "Voorwaarden")
FACTS = (caresq.Fact("fz.registered", caresq.FactType.BOOL, "registration", "Registered?"),
         caresq.Fact("fz.a", caresq.FactType.BOOL, "a", "A?"),
         caresq.Fact("fz.b", caresq.FactType.BOOL, "b", "B?"))


def plugin(*, tiers: tuple[caresq.Tier, ...] | None = None,
           variants: tuple[str, ...] | None = None) -> types.SimpleNamespace:
    contract = caresq.Contract("fz.basis", "Basiscontract", lambda situation: caresq.Offer(
        "regular round", Period.calendar_year(2027), None, SECTION, "Een jaar."),
        variants, tiers=tiers)

    def conditions(policy: caresq.Policy,
                   contract: caresq.Contract) -> Sequence[caresq.Condition]:
        kinds = (caresq.Kind.REQUIREMENT, caresq.Kind.FACTOR, caresq.Kind.FACTOR)
        return [caresq.Condition(fact.id, kind, SECTION, f"Voorwaarde {fact.label}.",
                                 Holds(fact)) for fact, kind in zip(FACTS, kinds, strict=True)]

    return types.SimpleNamespace(
        caresq_policies=caresq.hookimpl(lambda: [POLICY]),
        caresq_facts=caresq.hookimpl(lambda: list(FACTS)),
        caresq_contracts=caresq.hookimpl(lambda policy: [contract]),
        caresq_conditions=caresq.hookimpl(conditions))
