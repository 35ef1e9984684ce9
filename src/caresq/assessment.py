"""Turning one application into a result: findings, status, variant, period (SPEC §5).

This is the per-profile hot path. Everything that depends only on the policy was prepared in
:class:`~caresq.registry.ContractSpec`; here only the profile's values are looked at.
"""

from __future__ import annotations

from collections.abc import Sequence

from caresq.model import (
    Condition,
    Finding,
    Kind,
    Offer,
    OfferSummary,
    Outcome,
    Result,
    Situation,
    Status,
)
from caresq.registry import ContractSpec


def assess_contract(spec: ContractSpec, situation: Situation) -> Result:
    """Assess one application against its prepared contract."""
    findings = tuple(_finding(condition, situation) for condition in spec.conditions)
    offer = spec.contract.terms(situation)
    status = decide_status(findings, offer)
    variant = best_case = None
    if status is not Status.INELIGIBLE and spec.contract.variants is not None:
        variant, best_case = decide_variant(spec.contract.variants, findings)
    return Result(
        contract=spec.contract.id,
        status=status,
        variant=variant,
        variant_best_case=best_case,
        period=None if status is Status.INELIGIBLE else offer.period,
        offer=OfferSummary(offer.route, offer.review, offer.citation, offer.text),
        findings=findings,
        deadlines=offer.deadlines,
    )


def _finding(condition: Condition, situation: Situation) -> Finding:
    verdict = condition.rule(situation)
    return Finding(condition.id, condition.kind, verdict.outcome, condition.citation,
                   condition.text, verdict.reason, condition.reading)


def decide_status(findings: Sequence[Finding], offer: Offer) -> Status:
    """Ineligible > incomplete > review > eligible; only requirements and procedures decide."""
    outcomes = {finding.outcome for finding in findings if finding.kind.decides}
    if Outcome.UNMET in outcomes:
        return Status.INELIGIBLE
    if Outcome.UNKNOWN in outcomes:
        return Status.INCOMPLETE
    if offer.review is not None:
        return Status.REVIEW
    return Status.ELIGIBLE


def decide_variant(variants: Sequence[str], findings: Sequence[Finding]) -> tuple[str, str]:
    """The variant for the factors met, and the best case if every unknown factor were met.

    Unknown factors count as not met (SPEC §5): the provider gets what it has shown.
    """
    met = unknown = 0
    for finding in findings:
        if finding.kind is Kind.FACTOR:
            met += finding.outcome is Outcome.MET
            unknown += finding.outcome is Outcome.UNKNOWN
    top = len(variants) - 1
    return variants[min(met, top)], variants[min(met + unknown, top)]
