"""Turning one application into a result: findings, status, variant, period, warnings.

This is the per-profile hot path. Everything that depends only on the policy was prepared in
:class:`~caresq.registry.ContractSpec`; here only the profile's values are looked at.
:func:`assess_contract` is the plain statement of what an assessment is; the engine runs
:class:`PreparedContract`, which gives the same results faster (tests hold them together).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial
from typing import Final

from caresq.model import (
    Condition,
    Finding,
    Kind,
    Offer,
    OfferSummary,
    Outcome,
    Result,
    Rule,
    Situation,
    Status,
    Tier,
    Verdict,
)
from caresq.registry import ContractSpec
from caresq.rules import (
    Above,
    All,
    Always,
    AnyOf,
    AtLeast,
    AtMost,
    Complete,
    Covers,
    CoversTogether,
    Explains,
    Given,
    Holds,
    IncludesAll,
    IncludesAny,
    NoRecord,
    Not,
    OneOf,
    OnOrBefore,
    WithinMonthsAfter,
)


def assess_contract(spec: ContractSpec, situation: Situation) -> Result:
    """Assess one application against its prepared contract."""
    findings = tuple(_finding(condition, situation) for condition in spec.conditions)
    offer = spec.contract.terms(situation)
    status = decide_status(findings, offer)
    variant = best_case = None
    if status is not Status.INELIGIBLE and spec.contract.variants is not None:
        variant, best_case = decide_variant(spec.contract.variants, findings)
    elif status is not Status.INELIGIBLE and spec.contract.tiers is not None:
        variant, best_case = decide_tier(spec.contract.tiers, findings)
    return Result(
        contract=spec.contract.id,
        status=status,
        variant=variant,
        variant_best_case=best_case,
        period=None if status is Status.INELIGIBLE else offer.period,
        offer=OfferSummary(offer.route, offer.review, offer.citation, offer.text),
        findings=findings,
        deadlines=offer.deadlines,
        warnings=warnings(offer, situation.on),
    )


def warnings(offer: Offer, on: date) -> tuple[str, ...]:
    """What the reader should know that changes no outcome (R8.6).

    A reference date after the end of the contract period: the dates of the profile still
    decide, but the contract period the result speaks of is over.
    """
    period = offer.period
    if period is None or on <= period.end:
        return ()
    return (f"the reference date {on.isoformat()} lies after the end of the contract period "
            f"({period.end.isoformat()}); the status is still judged on the dates the profile "
            "gives (R8.6)",)


def _finding(condition: Condition, situation: Situation) -> Finding:
    return _make_finding(condition, condition.rule(situation))


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

    Unknown factors count as not met: the provider gets what it has shown.
    """
    met = unknown = 0
    for finding in findings:
        if finding.kind is Kind.FACTOR:
            met += finding.outcome is Outcome.MET
            unknown += finding.outcome is Outcome.UNKNOWN
    top = len(variants) - 1
    return variants[min(met, top)], variants[min(met + unknown, top)]


def decide_tier(tiers: Sequence[Tier], findings: Sequence[Finding]) -> tuple[str, str]:
    """The last declared tier the met factors reach, and the last one they could reach.

    A tier is reached when each factor it requires is met and enough factors are met; for
    the best case an unknown factor counts as met. Unknown factors count as not met for the
    variant itself (docs/concepts.md): the provider gets what it has shown.
    """
    factors = {f.condition: f.outcome for f in findings if f.kind is Kind.FACTOR}
    return (_last_reached(tiers, factors, (Outcome.MET,)),
            _last_reached(tiers, factors, (Outcome.MET, Outcome.UNKNOWN)))


def _last_reached(tiers: Sequence[Tier], factors: Mapping[str, Outcome],
                  counted: tuple[Outcome, ...]) -> str:
    count = sum(outcome in counted for outcome in factors.values())
    reached = tiers[0].name  # the base tier, which every provider reaches
    for tier in tiers[1:]:
        if count >= tier.at_least and all(factors.get(f) in counted for f in tier.requires):
            reached = tier.name
    return reached


# -- the prepared hot path ----------------------------------------------------------------------

#: The rule types whose verdict depends on nothing but the values of the facts they read (their
#: ``facts``): the same values give the same verdict, so their findings can be remembered.
#: Exact types only: a subclass may look at more of the situation.
_PURE_FACT_RULES: Final[frozenset[type]] = frozenset({
    Holds, AtMost, AtLeast, Above, OneOf, IncludesAll, IncludesAny, Covers, CoversTogether,
    Explains, Complete, OnOrBefore, NoRecord, WithinMonthsAfter})
#: How many findings one condition remembers before it forgets them all and starts again.
_MEMO_LIMIT: Final = 1024


def _decided_by(rule: Rule) -> tuple[str, ...] | None:
    """The ids of the facts whose values alone decide ``rule``; None when more decides it."""
    kind = type(rule)
    if kind in _PURE_FACT_RULES:
        return tuple(fact.id for fact in rule.facts)
    if kind is Given:
        assert isinstance(rule, Given)
        guard, inner = _decided_by(rule.guard), _decided_by(rule.rule)
        return None if guard is None or inner is None else guard + inner
    if kind is All or kind is AnyOf:  # pure when every part is
        assert isinstance(rule, All | AnyOf)
        parts = [_decided_by(part) for part in rule.parts]
        return None if any(p is None for p in parts) else tuple(
            fact_id for part in parts for fact_id in part or ())
    if kind is Not:
        assert isinstance(rule, Not)
        return _decided_by(rule.part)
    return None


def _memo_key(value: object) -> object:
    # The type is part of the key, so that True and 1 (which a hand-built Profile might hold)
    # stay apart; -0.0 equals 0.0 yet reads "-0", so a zero float is never remembered.
    # (Inlined in _OneFactMemo.__call__, the hottest line of a batch.)
    if value.__class__ is float and value == 0.0:
        raise TypeError("not remembered")
    return (value.__class__, value)


class PreparedContract:
    """A contract made ready for many profiles: the same results as :func:`assess_contract`.

    Prepared once per engine and contract. A condition whose rule depends only on fact values
    (:data:`_PURE_FACT_RULES`, :class:`Always`, and arrows between them) remembers the finding
    for each combination of values it has seen, so a batch builds and judges each distinct
    finding once; the memory is bounded per condition. Other rules are asked every time.
    """

    def __init__(self, spec: ContractSpec) -> None:
        self.spec = spec
        self._id = spec.contract.id
        self._terms = spec.contract.terms
        self._variants = spec.contract.variants
        self._tiers = spec.contract.tiers
        self._finders = tuple(_finder(condition) for condition in spec.conditions)
        self._deciding = tuple(i for i, c in enumerate(spec.conditions) if c.kind.decides)
        self._factors = tuple(i for i, c in enumerate(spec.conditions) if c.kind is Kind.FACTOR)

    def assess(self, situation: Situation) -> Result:
        """Assess one application: findings, status, variant, period."""
        findings = tuple([find(situation) for find in self._finders])
        offer = self._terms(situation)
        status = self._status(findings, offer)
        variant = best_case = None
        if status is not Status.INELIGIBLE and self._variants is not None:
            variant, best_case = self._variant(findings, self._variants)
        elif status is not Status.INELIGIBLE and self._tiers is not None:
            variant, best_case = decide_tier(self._tiers, findings)
        return Result(self._id, status, variant, best_case,
                      None if status is Status.INELIGIBLE else offer.period,
                      OfferSummary(offer.route, offer.review, offer.citation, offer.text),
                      findings, offer.deadlines, warnings(offer, situation.on))

    def _status(self, findings: tuple[Finding, ...], offer: Offer) -> Status:
        # decide_status, over the requirements and procedures found once in __init__.
        unknown = False
        for index in self._deciding:
            outcome = findings[index].outcome
            if outcome is Outcome.UNMET:
                return Status.INELIGIBLE
            unknown = unknown or outcome is Outcome.UNKNOWN
        if unknown:
            return Status.INCOMPLETE
        return Status.ELIGIBLE if offer.review is None else Status.REVIEW

    def _variant(self, findings: tuple[Finding, ...],
                 variants: Sequence[str]) -> tuple[str, str]:
        # decide_variant, over the factors found once in __init__.
        met = unknown = 0
        for index in self._factors:
            outcome = findings[index].outcome
            met += outcome is Outcome.MET
            unknown += outcome is Outcome.UNKNOWN
        top = len(variants) - 1
        return variants[min(met, top)], variants[min(met + unknown, top)]


def _finder(condition: Condition) -> Callable[[Situation], Finding]:
    """How to find ``condition``'s finding for a situation, as quickly as its rule allows."""
    rule = condition.rule
    if type(rule) is Always:
        assert isinstance(rule, Always)
        constant = _make_finding(condition, Verdict(rule.outcome, rule.reason))
        return lambda situation: constant
    fact_ids = _decided_by(rule)
    if fact_ids is None:
        return partial(_finding, condition)
    if len(fact_ids) == 1:
        return _OneFactMemo(condition, fact_ids[0])
    return _FactsMemo(condition, fact_ids)


def _make_finding(condition: Condition, verdict: Verdict) -> Finding:
    return Finding(condition.id, condition.kind, verdict.outcome, condition.citation,
                   condition.text, verdict.reason, condition.reading)


class _OneFactMemo:
    """The finding of a condition decided by one fact, remembered per value of that fact."""

    __slots__ = ("_condition", "_fact_id", "_memo")

    def __init__(self, condition: Condition, fact_id: str) -> None:
        self._condition = condition
        self._fact_id = fact_id
        self._memo: dict[object, Finding] = {}

    def __call__(self, situation: Situation) -> Finding:
        value = situation.facts.get(self._fact_id)
        kind = value.__class__
        key = (kind, value)
        try:
            if kind is float and value == 0.0:
                raise TypeError("not remembered")  # see _memo_key
            return self._memo[key]
        except KeyError:
            return _remember(self._memo, key, self._condition, situation)
        except TypeError:  # a value that is not remembered (unhashable, or a zero float)
            return _finding(self._condition, situation)


def _remember(memo: dict[object, Finding], key: object, condition: Condition,
              situation: Situation) -> Finding:
    """Decide ``condition`` and remember the finding under ``key``; the memo stays bounded."""
    found = _finding(condition, situation)
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = found
    return found


class _FactsMemo:
    """The finding of a condition decided by several facts, remembered per combination."""

    __slots__ = ("_condition", "_fact_ids", "_memo")

    def __init__(self, condition: Condition, fact_ids: tuple[str, ...]) -> None:
        self._condition = condition
        self._fact_ids = fact_ids
        self._memo: dict[object, Finding] = {}

    def __call__(self, situation: Situation) -> Finding:
        facts = situation.facts
        try:
            key = tuple([_memo_key(facts.get(fact_id)) for fact_id in self._fact_ids])
            return self._memo[key]
        except KeyError:
            return _remember(self._memo, key, self._condition, situation)
        except TypeError:
            return _finding(self._condition, situation)
