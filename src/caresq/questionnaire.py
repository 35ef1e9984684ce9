"""The questionnaire of a contract as data: the facts it asks, and a blank profile to fill in.

What ``caresq questionnaire --format json|template`` prints and ``GET
/v1/contracts/{id}/questionnaire`` answers, from one place.
"""

from __future__ import annotations

from typing import Any

from caresq.registry import ContractSpec


def questionnaire_to_json(spec: ContractSpec) -> list[dict[str, Any]]:
    """Every fact the contract's conditions read, in questionnaire order: id, type, question,
    and whether it is optional (asked only by expectations and notes)."""
    return [{"id": f.id, "type": f.type.value, "label": f.label, "question": f.question,
             "choices": list(f.choices) or None, "optional": spec.is_optional(f)}
            for f in spec.questionnaire]


def profile_template(spec: ContractSpec) -> dict[str, Any]:
    """A blank profile applying for the contract, every value null, the AGB code too.

    It reads back, and assesses as incomplete.
    """
    return {
        "agb_code": None, "name": None,
        "applications": [{"contract": spec.contract.id, "submitted_on": None,
                          "signed_on": None, "existing_contract": False}],
        "facts": {f.id: None for f in spec.questionnaire}}
