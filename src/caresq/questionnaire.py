"""The questionnaire of contracts as data: the facts they ask, and a blank profile to fill in.

What ``caresq questionnaire --format json|template`` prints and ``GET
/v1/contracts/{id}/questionnaire`` answers, from one place.
"""

from __future__ import annotations

from typing import Any

from caresq.errors import PolicyNotFound
from caresq.facts import Fact
from caresq.registry import ContractSpec


def questionnaire_json(specs: list[ContractSpec]) -> list[dict[str, Any]]:
    """Every fact the contracts ask, once, in order, with the contracts that ask it.

    A fact is optional (only expectations or notes read it) when it is optional for every
    contract that asks it.
    """
    asking: dict[str, list[ContractSpec]] = {}
    facts: dict[str, Fact] = {}
    for spec in specs:
        for fact in spec.questionnaire:
            facts.setdefault(fact.id, fact)
            asking.setdefault(fact.id, []).append(spec)
    return [{"id": f.id, "type": f.type.value, "label": f.label, "question": f.question,
             "choices": list(f.choices) or None,
             "optional": all(spec.is_optional(f) for spec in asking[f.id]),
             "contracts": [spec.contract.id for spec in asking[f.id]]}
            for f in facts.values()]


def template(specs: list[ContractSpec]) -> dict[str, Any]:
    """A profile applying for every contract, with every fact they ask unknown.

    Raises PolicyNotFound when the contracts are of different contract years: a profile is
    assessed in one contract year, so no year would assess such a template.
    """
    years = {spec.policy.contract_year for spec in specs}
    if len(years) > 1:
        each = ", ".join(f"{spec.contract.id} {spec.policy.contract_year}" for spec in specs)
        raise PolicyNotFound(f"the contracts are of different contract years ({each}): a "
                             "profile applies for the contracts of one year", years)
    # Every value null, the AGB code too: it reads back and assesses as incomplete.
    return {
        "agb_code": None, "name": None,
        "applications": [{"contract": spec.contract.id, "submitted_on": None,
                          "signed_on": None, "existing_contract": False} for spec in specs],
        "facts": {fact["id"]: None for fact in questionnaire_json(specs)}}
