"""Turning one application into a result: findings, status, variant, period, warnings.

This is the per-profile hot path. Everything that depends only on the policy was prepared in
:class:`~caresq.registry.ContractSpec`; here only the profile's values are looked at.
:func:`assess_contract` is the plain statement of what an assessment is; the engine runs
:class:`PreparedContract`, which gives the same results faster (tests hold them together).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Final

import attrs
from attrs import frozen

from caresq._memo import bounded
from caresq.facts import CHECKED_TYPES, Fact
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
    application_fields,
    declared_by_application,
)
from caresq.procedure import DoneBy
from caresq.profile import Application
from caresq.registry import ContractSpec
from caresq.render import (
    DETAILS,
    STATUS_JSON,
    deadlines_json,
    finding_json,
    finding_parts,
    offer_json,
    optional_json,
    period_json,
    string_json,
    warnings_json,
)
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
    return tiers_reached(tiers, {f.condition: f.outcome for f in findings
                                 if f.kind is Kind.FACTOR})


def tiers_reached(tiers: Sequence[Tier], factors: Mapping[str, Outcome]) -> tuple[str, str]:
    """:func:`decide_tier` from each factor's outcome by condition id.

    The one statement of the tier decision: the batch's encoder, which holds outcomes and no
    findings, decides through it too.
    """
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
#: How many findings one condition remembers (then it forgets the older half: _memo.bounded).
_MEMO_LIMIT: Final = 1024
#: The same for what depends on the application: its dates take many more values than facts.
#: (8,192 saved ~3% of a line on 100,000 generated profiles, which hold ~11,000 distinct
#: applications, but took a 1,000,000-line batch 23 MiB over a 10,000-line one.)
_APPLICATION_MEMO_LIMIT: Final = 4096
#: An application's fields, as a tuple: with the reference date, the key of what depends only
#: on the application (rules and terms declared :func:`~caresq.model.by_application`).
_APPLICATION_FIELDS: Final = operator.attrgetter(*(a.name for a in attrs.fields(Application)))
#: A finding's tally (see :func:`_tally`): what it adds towards the status and the variant,
#: in one number so that a result sums its findings' tallies. A met factor adds 1, an unknown
#: factor _FACTOR_UNKNOWN, an unknown requirement or procedure _UNKNOWN, an unmet one _UNMET;
#: each place holds up to 1,023, more than any contract has conditions.
_FACTOR_UNKNOWN: Final = 1 << 10
_UNKNOWN: Final = 1 << 20
_UNMET: Final = 1 << 30


def _tally(kind: Kind, outcome: Outcome) -> int:
    """What a finding of ``kind`` with ``outcome`` adds to its result's tally."""
    if kind.decides:
        return _UNMET if outcome is Outcome.UNMET else _UNKNOWN if outcome is Outcome.UNKNOWN else 0
    if kind is Kind.FACTOR:
        return 1 if outcome is Outcome.MET else _FACTOR_UNKNOWN if outcome is Outcome.UNKNOWN else 0
    return 0


#: The index of each shape of :data:`caresq.render.DETAILS`.
_DETAIL_INDEX: Final = {detail: index for index, detail in enumerate(DETAILS)}


def detail_index(detail: str) -> int:
    """The index of a ``--detail`` shape; ValueError names the shapes for any other word."""
    try:
        return _DETAIL_INDEX[detail]
    except KeyError:
        raise ValueError(f"{detail!r} is not a detail; details: {', '.join(DETAILS)}") from None


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


def _by_application(rule: object) -> bool:
    """Whether ``rule`` decides from the application and the reference date alone."""
    if type(rule) is Given:
        assert isinstance(rule, Given)
        return _by_application(rule.guard) and _by_application(rule.rule)
    if type(rule) is DoneBy:
        assert isinstance(rule, DoneBy)  # its step reads an application; ask what applies it
        return declared_by_application(rule.applies)
    return declared_by_application(rule)


def _application_reads(rule: object) -> tuple[str, ...] | None:
    """The application fields a rule decided by the application alone reads; None: any."""
    if type(rule) is Given:
        assert isinstance(rule, Given)
        return _union(_application_reads(rule.guard), _application_reads(rule.rule))
    if type(rule) is DoneBy:
        assert isinstance(rule, DoneBy)
        return _union(application_fields(rule.step), application_fields(rule.applies))
    return application_fields(rule)


def _union(first: tuple[str, ...] | None,
           second: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if first is None or second is None:
        return None
    return tuple(dict.fromkeys(first + second))


class PreparedContract:
    """A contract made ready for many profiles: the same results as :func:`assess_contract`.

    Prepared once per engine and contract, for both roads out of an assessment: :meth:`assess`
    builds the :class:`Result` (``Engine.assess``, advice, comparisons) and :meth:`encode`
    writes its JSON straight away (the batch), each condition decided by the same rule.

    A condition whose rule depends only on fact values (:data:`_PURE_FACT_RULES`, and arrows
    between them) remembers what it found for each combination of values it has seen; one
    declared :func:`~caresq.model.by_application` remembers it per application; so do the
    terms, when declared so. The policy's part of each finding (condition, kind, citation,
    sentence, reading) is encoded once here. Every memory is bounded. Other rules are asked
    every time.
    """

    def __init__(self, spec: ContractSpec) -> None:
        self.spec = spec
        contract = spec.contract
        self._id = contract.id
        self._terms = contract.terms
        self._variants = contract.variants
        self._tiers = contract.tiers
        self._finders = tuple(_finder(condition) for condition in spec.conditions)
        self._deciding = tuple(i for i, c in enumerate(spec.conditions) if c.kind.decides)
        self._factors = tuple(i for i, c in enumerate(spec.conditions) if c.kind is Kind.FACTOR)
        self._terms_by_application = declared_by_application(contract.terms)
        self._offers: dict[object, Offer] = {}
        self._encoded_offers: tuple[dict[object, _EncodedOffer], ...] = tuple(
            {} for _ in DETAILS)
        self._offer_lines: tuple[dict[tuple[Offer, date], _EncodedOffer], ...] = tuple(
            {} for _ in DETAILS)
        self._head = b'{"contract": ' + string_json(contract.id) + b', "status": '
        self._factor_ids = tuple(spec.conditions[i].id for i in self._factors)
        self._variant_json = {variant: optional_json(variant)
                              for variant in (None, *(contract.variants or ()),
                                              *(tier.name for tier in contract.tiers or ()))}
        # For encode: per finder the fact whose value keys its memory (a condition decided by
        # one fact, or the same for everyone), and those memories per shape of output; the
        # others (decided by several facts, by the application, or asked) are asked in turn.
        inline = [isinstance(finder, _OneFact | _Constant) for finder in self._finders]
        self._inline_facts = tuple(finder.fact_id if keyed and finder.fact_id else _NO_FACT
                                   for finder, keyed in zip(self._finders, inline, strict=True))
        self._inline_memos = tuple(
            tuple(finder.lines[detail] if keyed else _NEVER
                  for finder, keyed in zip(self._finders, inline, strict=True))
            for detail in range(len(DETAILS)))
        self._others = tuple(index for index, keyed in enumerate(inline) if not keyed)

    def assess(self, situation: Situation) -> Result:
        """Assess one application: findings, status, variant, period."""
        application = _APPLICATION_FIELDS(situation.application), situation.on
        findings = tuple([finder.find(situation, application) for finder in self._finders])
        offer = self._offer(situation, application)
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

    def encode(self, situation: Situation, detail: int, parts: list[bytes],
               checked: bool = False) -> Status:
        """Append the JSON of :meth:`assess`'s result to ``parts`` and return its status.

        The same bytes as :func:`caresq.render.assessment_json_line` writes for that result,
        without building it. ``detail`` is an index into :data:`caresq.render.DETAILS`.
        ``checked``: the situation's facts are those of a profile the reader made, each value
        of its fact's checked type (:data:`~caresq.facts.CHECKED_TYPES`).
        """
        # The hottest code of a batch, so in C where it can be: every condition decided by one
        # fact looks up its remembered line by the value of that fact, all in one map. Only for
        # checked facts: in a hand-built profile True might stand where 1 was remembered.
        found: list[_Line | None] = (
            list(map(dict.get, self._inline_memos[detail],
                     map(situation.facts.get, self._inline_facts)))
            if checked else [None] * len(self._finders))
        application = _APPLICATION_FIELDS(situation.application), situation.on
        finders = self._finders
        for index in self._others:
            found[index] = finders[index].encode(situation, application, detail)
        if None in found:  # values not seen yet (or not remembered): ask those conditions
            for index, line in enumerate(found):
                if line is None:
                    found[index] = finders[index].encode(situation, application, detail)
        lines: list[_Line] = found  # type: ignore[assignment]  # every None was filled
        findings = b", ".join(map(_LINE_JSON, lines))
        tally = sum(map(_LINE_TALLY, lines))
        offer = self._encoded_offer(situation, application, detail)
        status, variant, best = self._decided(tally, offer.review, lines)
        parts += (self._head, STATUS_JSON[status], b', "variant": ', variant,
                  b', "variant_best_case": ', best,
                  b', "period": ', b"null" if status is Status.INELIGIBLE else offer.period,
                  b', "offer": ', offer.summary, b', "findings": [', findings,
                  b'], "deadlines": [', offer.deadlines, b'], "warnings": [', offer.warnings,
                  b"]}")
        return status

    def _decided(self, tally: int, review: str | None,
                 lines: Sequence[_Line]) -> tuple[Status, bytes, bytes]:
        """Status, variant and best case as JSON, from the sum of the findings' tallies (and,
        for declared tiers, which factors were met: :func:`tiers_reached` decides)."""
        status = (Status.INELIGIBLE if tally >= _UNMET else Status.INCOMPLETE if tally >= _UNKNOWN
                  else Status.ELIGIBLE if review is None else Status.REVIEW)
        if status is Status.INELIGIBLE:
            return status, b"null", b"null"
        variants = self._variants
        if variants is None:
            if self._tiers is None:
                return status, b"null", b"null"
            variant, best = tiers_reached(self._tiers, {
                condition: lines[index][0]
                for condition, index in zip(self._factor_ids, self._factors, strict=True)})
            return status, self._variant_json[variant], self._variant_json[best]
        met, maybe = tally % _FACTOR_UNKNOWN, tally // _FACTOR_UNKNOWN % _FACTOR_UNKNOWN
        top = len(variants) - 1
        return (status, self._variant_json[variants[min(met, top)]],
                self._variant_json[variants[min(met + maybe, top)]])

    def _offer(self, situation: Situation, application: object) -> Offer:
        if not self._terms_by_application:
            return self._terms(situation)
        offer = self._offers.get(application)
        if offer is None:
            offer = self._terms(situation)
            bounded(self._offers, _APPLICATION_MEMO_LIMIT)[application] = offer
        return offer

    def _encoded_offer(self, situation: Situation, application: object,
                       detail: int) -> _EncodedOffer:
        known = self._encoded_offers[detail]
        offer = known.get(application) if self._terms_by_application else None
        if offer is None:
            offer = self._encoded_terms(self._terms(situation), situation.on, detail)
            if self._terms_by_application:
                bounded(known, _APPLICATION_MEMO_LIMIT)[application] = offer
        return offer

    def _encoded_terms(self, terms: Offer, on: date, detail: int) -> _EncodedOffer:
        # Many applications get an equal offer (the same route, period and deadline checks),
        # so its JSON is remembered by the offer too: written once, looked up by the others.
        known = self._offer_lines[detail]
        key = (terms, on)
        try:
            return known[key]
        except KeyError:
            pass
        except TypeError:  # a plugin's offer holding something unhashable: written each time
            return _encode_offer(terms, on, detail)
        offer = bounded(known, _MEMO_LIMIT)[key] = _encode_offer(terms, on, detail)
        return offer

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


@frozen
class _EncodedOffer:
    """What the terms gave, as JSON: the parts of a result line that come from the offer."""

    review: str | None
    period: bytes
    summary: bytes
    deadlines: bytes
    warnings: bytes


def _encode_offer(terms: Offer, on: date, detail: int) -> _EncodedOffer:
    summary = OfferSummary(terms.route, terms.review, terms.citation, terms.text)
    return _EncodedOffer(terms.review, period_json(terms.period),
                         offer_json(summary, DETAILS[detail]), deadlines_json(terms.deadlines),
                         warnings_json(warnings(terms, on)))


#: What :meth:`_Finder.encode` gives: the outcome, the finding's JSON, and its tally.
_Line = tuple[Outcome, bytes, int]
_LINE_JSON: Final = operator.itemgetter(1)
_LINE_TALLY: Final = operator.itemgetter(2)
#: A fact id no profile has (so its value is None), and a memory that stays empty: the
#: look-up of :meth:`PreparedContract.encode` for a condition it does not look up itself.
_NO_FACT: Final = "\x00 no fact"
_NEVER: Final[dict[object, _Line]] = {}


class _NotRemembered(Exception):
    """A value whose finding is not remembered (unhashable, or a zero float)."""


class _Finder:
    """How one condition is found for a situation: asked every time, unless a subclass says
    what the finding depends on (:meth:`key`), and remembered by that key.

    Two memories, one per road out: findings for :meth:`find`, and (outcome, JSON) per
    :data:`~caresq.render.DETAILS` for :meth:`encode`; both hold what the rule said.
    """

    __slots__ = ("_condition", "_found", "_parts", "_tallies", "fact_id", "lines")
    #: How many findings (and lines) it remembers at most.
    limit = _MEMO_LIMIT

    def __init__(self, condition: Condition, fact_id: str | None = None) -> None:
        self._condition = condition
        #: The one fact that decides the condition, when :meth:`key` is ``(type, value)`` of it.
        self.fact_id = fact_id
        self._parts = tuple(finding_parts(condition.id, condition.kind, condition.citation,
                                          condition.text, condition.reading, detail)
                            for detail in DETAILS)
        self._found: dict[object, Finding] = {}
        self._tallies = {outcome: _tally(condition.kind, outcome) for outcome in Outcome}
        #: Per shape of output: (outcome, JSON, tally) by key.
        self.lines: tuple[dict[object, _Line], ...] = tuple({} for _ in DETAILS)

    def key(self, situation: Situation, application: object) -> object:
        """What the finding depends on; :class:`_NotRemembered` when it is not remembered."""
        raise _NotRemembered

    def find(self, situation: Situation, application: object) -> Finding:
        """The finding for ``situation``; ``application`` is its application's key."""
        try:
            key = self.key(situation, application)
            return self._found[key]
        except KeyError:
            found = _finding(self._condition, situation)
            bounded(self._found, self.limit)[key] = found
            return found
        except (_NotRemembered, TypeError):  # TypeError: an unhashable value
            return _finding(self._condition, situation)

    def encode(self, situation: Situation, application: object, detail: int) -> _Line:
        """The finding's outcome, JSON (shape ``detail``) and tally, without building it."""
        try:
            key = self.key(situation, application)
            return self.lines[detail][key]
        except KeyError:
            line = self._encoded(situation, detail)
            bounded(self.lines[detail], self.limit)[key] = line
            return line
        except (_NotRemembered, TypeError):
            return self._encoded(situation, detail)

    def _encoded(self, situation: Situation, detail: int) -> _Line:
        verdict = self._condition.rule(situation)
        outcome = verdict.outcome
        return (outcome, finding_json(self._parts[detail], outcome, verdict.reason),
                self._tallies[outcome])


class _Asked(_Finder):
    """A condition whose rule is asked every time: nothing says what it depends on."""

    __slots__ = ()

    def find(self, situation: Situation, application: object) -> Finding:
        return _finding(self._condition, situation)

    def encode(self, situation: Situation, application: object, detail: int) -> _Line:
        return self._encoded(situation, detail)


class _ByApplication(_Finder):
    """A condition declared :func:`~caresq.model.by_application`: remembered per application,
    or per value of the application fields it declared it reads
    (:func:`~caresq.model.reads_application`) and the reference date."""

    __slots__ = ("_fields",)
    limit = _APPLICATION_MEMO_LIMIT

    def __init__(self, condition: Condition, fields: tuple[str, ...] | None) -> None:
        super().__init__(condition)
        self._fields: Callable[[Application], object] | None = (
            None if fields is None else operator.attrgetter(*fields) if fields else _nothing)

    def key(self, situation: Situation, application: object) -> object:
        if self._fields is None:
            return application
        return self._fields(situation.application), situation.on


def _nothing(application: Application) -> tuple[()]:
    # The key of a rule that reads no field (attrgetter needs at least one): the date alone.
    return ()


class _OneFact(_Finder):
    """A condition decided by one fact, remembered per value of that fact."""

    __slots__ = ("_fact", "_type")

    def __init__(self, condition: Condition, fact: Fact) -> None:
        super().__init__(condition, fact.id)
        self._fact = fact.id
        self._type = CHECKED_TYPES[fact.type]

    def key(self, situation: Situation, application: object) -> object:
        # The value alone, which PreparedContract.encode looks up for every one-fact condition
        # at once when the reader made the profile (each value then of its fact's checked
        # type). So only a value of that type is remembered, or None: True and 1 (which a
        # hand-built Profile might hold) are equal keys yet read differently. Nor is a zero
        # float: -0.0 equals 0.0 yet reads "-0".
        value = situation.facts.get(self._fact)
        if value is None:
            return None
        kind = type(value)
        if kind is not self._type or (kind is float and value == 0.0):
            raise _NotRemembered
        return value


class _Facts(_Finder):
    """A condition decided by several facts, remembered per combination of their values."""

    __slots__ = ("_fact_ids",)

    def __init__(self, condition: Condition, fact_ids: tuple[str, ...]) -> None:
        super().__init__(condition)
        self._fact_ids = fact_ids

    def key(self, situation: Situation, application: object) -> object:
        # The values and then their types: True and 1 stay apart (see _OneFact.key).
        values = tuple(map(situation.facts.get, self._fact_ids))
        kinds = tuple(map(type, values))
        if float in kinds and any(kind is float and value == 0.0
                                  for kind, value in zip(kinds, values, strict=True)):
            raise _NotRemembered  # as in _OneFact.key
        return values + kinds


class _Constant(_Finder):
    """A condition that says the same for everyone (:class:`~caresq.rules.Always`)."""

    __slots__ = ()

    def key(self, situation: Situation, application: object) -> object:
        return None  # the value of _NO_FACT, which PreparedContract.encode looks up for it


def _finder(condition: Condition) -> _Finder:
    """How to find ``condition``'s finding for a situation, as quickly as its rule allows."""
    rule = condition.rule
    if type(rule) is Always:
        return _Constant(condition)
    if _by_application(rule):
        return _ByApplication(condition, _application_reads(rule))
    fact_ids = _decided_by(rule)
    if fact_ids is None:
        return _Asked(condition)
    if len(fact_ids) == 1:
        return _OneFact(condition, next(f for f in rule.facts if f.id == fact_ids[0]))
    return _Facts(condition, fact_ids)


def _make_finding(condition: Condition, verdict: Verdict) -> Finding:
    outcome = verdict.outcome
    if outcome.__class__ is not Outcome:  # "unmet" as text would count as nothing: as met
        raise TypeError(f"the outcome {outcome!r} is not an Outcome")  # the engine says whose
    return Finding(condition.id, condition.kind, outcome, condition.citation,
                   condition.text, verdict.reason, condition.reading)
