"""A care type with two contract years whose threshold differs, declared as a parameter.

Fictional "Inkoopbeleid Wijkzorg 2030" and "2031": one contract with variants C-A, a
requirement and two factors; the minimum client score is 0.80 in 2030 and 0.70 in 2031.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import caresq
from caresq.calendar import Period
from caresq.parameters import number
from caresq.rules import AtLeast, Holds

POLICIES = {year: caresq.Policy("wijk", year, f"Inkoopbeleid Wijkzorg {year}")
            for year in (2030, 2031)}
MIN_SCORE = "wijk.min_client_score"

REGISTERED = caresq.Fact("wijk.registered", caresq.FactType.BOOL, "registration",
                         "Are you registered?")
SCORE = caresq.Fact("wijk.client_score", caresq.FactType.FRACTION, "client score",
                    "Your client score (fraction 0-1)")
TRAINS = caresq.Fact("wijk.trains_staff", caresq.FactType.BOOL, "trains staff",
                     "Do you train new staff?")


def _section(policy: caresq.Policy) -> caresq.Citation:
    return caresq.Citation(policy.document, "3", "Wijkzorg - voorwaarden")


def _terms(situation: caresq.Situation) -> caresq.Offer:
    year = situation.on.year
    return caresq.Offer("regular round", Period.calendar_year(year), None,
                        caresq.Citation("Inkoopbeleid Wijkzorg", "4", "Planning"),
                        "Wij contracteren voor een jaar.")


def _contract() -> caresq.Contract:
    return caresq.Contract("wijk.basis", "Wijkzorg", _terms, ("C", "B", "A"))


@caresq.hookimpl
def caresq_policies() -> Sequence[caresq.Policy]:
    return list(POLICIES.values())


@caresq.hookimpl
def caresq_facts() -> Sequence[caresq.Fact]:
    return [REGISTERED, SCORE, TRAINS]


@caresq.hookimpl
def caresq_parameters(policy: caresq.Policy) -> Sequence[caresq.Parameter]:
    if policy not in POLICIES.values():
        return []
    value = 0.8 if policy.contract_year == 2030 else 0.7
    return [caresq.Parameter(MIN_SCORE, "fraction", value, _section(policy),
                             f"Een cliëntscore van minimaal {round(value * 100)}%.",
                             "minimum client score")]


@caresq.hookimpl
def caresq_contracts(policy: caresq.Policy) -> Sequence[caresq.Contract]:
    return [_contract()] if policy in POLICIES.values() else []


@caresq.hookimpl
def caresq_conditions(policy: caresq.Policy, contract: caresq.Contract,
                      parameters: Mapping[str, object]) -> Sequence[caresq.Condition]:
    if contract.id != "wijk.basis":
        return []
    section = _section(policy)
    return [
        caresq.Condition(REGISTERED.id, caresq.Kind.REQUIREMENT, section,
                         "De aanbieder is geregistreerd.", Holds(REGISTERED)),
        caresq.Condition(SCORE.id, caresq.Kind.FACTOR, section, "Een goede cliëntscore.",
                         AtLeast(SCORE, number(parameters, MIN_SCORE))),
        caresq.Condition(TRAINS.id, caresq.Kind.FACTOR, section, "Leidt nieuw personeel op.",
                         Holds(TRAINS)),
    ]
