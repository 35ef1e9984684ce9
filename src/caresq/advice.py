"""Advice: which unknown answers still matter, and the smallest changes that reach a target.

Everything here is found by evaluation, never by a score: a candidate answer or a change is
applied to the profile and the application is assessed again through the same
:class:`~caresq.assessment.PreparedContract` the engine uses. The rules only propose what to
try (``answers``, ``repairs`` and ``wants`` on the shapes of :mod:`caresq.rules`); a rule that
cannot say is a black box whose facts are probed with values of their type.

- **questions**: the unknown facts whose answer changes the status or the variant, each with
  the outcome every distinct answer gives, ranked: those that decide the status first, then by
  how many contracts they can change, then by how far they move the variant, then in
  questionnaire order. A settled outcome asks nothing.
- **targets**: per target, the subset-minimal sets of fact changes that reach it (no repair's
  facts contain another's), smallest first, each verified by a real assessment. A repair never
  changes what the provider cannot (a fact declared ``changeable=False``, such as the insurer's
  own records), never moves a date that lies before the reference date and never moves a date
  there; application dates are never moved.

The search is bounded (``max_evaluations`` assessments per call; ``truncated`` says when the
bound was hit) and deterministic: the same input gives the same advice in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, Final

from attrs import frozen

from caresq.assessment import PreparedContract
from caresq.errors import PLUGIN_FAULTS, CaresqError
from caresq.facts import Fact, FactType, json_value
from caresq.model import Assessment, Condition, Finding, Kind, Outcome, Result, Situation, Status
from caresq.profile import Profile
from caresq.render import assessment_to_json, deadline_state, heading, headline
from caresq.rules import answers_of, repairs_of, wants_of
from caresq.schedule import ALWAYS, WORKING_DAYS_9_TO_17, WeeklySchedule, Window
from caresq.text import escape_control

__all__ = [
    "DEFAULT_MAX_EVALUATIONS",
    "Advice",
    "Answer",
    "Blocker",
    "Change",
    "ProbeFailure",
    "Question",
    "Repair",
    "ResultAdvice",
    "Target",
    "TargetAdvice",
    "TargetError",
    "advice_to_json",
    "advise",
    "answer_text",
    "parse_target",
    "render_advice_text",
]

#: How many assessments one call may run before it stops and says ``truncated``.
DEFAULT_MAX_EVALUATIONS: Final = 5000
#: How many candidate repairs one target may consider before it stops.
_MAX_CANDIDATES: Final = 2000
_RANK: Final = {Status.INELIGIBLE: 0, Status.INCOMPLETE: 1, Status.REVIEW: 2,
                Status.ELIGIBLE: 3}
_OPEN: Final = (Outcome.UNMET, Outcome.UNKNOWN)
_FINE: Final = (Outcome.MET, Outcome.NOT_APPLICABLE)


# -- what advice says -----------------------------------------------------------------------------


class TargetError(CaresqError, ValueError):
    """A target that no applied-for contract can have, e.g. a variant none of them offers."""


class ProbeFailure(Exception):
    """A rule failed on a situation advice built; the engine turns it into a RuleError.

    The original exception is the ``__cause__``.
    """

    def __init__(self, contract: str, situation: Situation) -> None:
        super().__init__(f"a rule of {contract} failed while advice probed it")
        #: The contract whose rule failed.
        self.contract = contract
        #: The (changed) situation the failing rule was asked about, as far as known.
        self.situation = situation


@frozen
class Target:
    """What a provider wants to reach: a status, and for contracts with variants a variant.

    ``status`` None means the best status the application's route allows (``eligible``, or
    ``review`` where the insurer judges the offer); ``variant`` None means any variant.
    """

    status: Status | None = None
    variant: str | None = None


def parse_target(text: str) -> Target:
    """``eligible``, ``review`` or ``variant=X`` as a :class:`Target`; TargetError otherwise."""
    if text.startswith("variant="):
        variant = text.removeprefix("variant=").strip()
        if not variant:
            raise TargetError("variant= needs a variant name, e.g. variant=A")
        return Target(None, variant)
    if text in ("eligible", "review"):
        return Target(Status(text), None)
    raise TargetError(f"{text!r} is not a target: use eligible, review or variant=X")


@frozen
class Answer:
    """One answer to a question and the outcome it gives, other unknowns left unknown."""

    #: The answer in its checked form (bool, float, date, tuple of str, schedule, ...).
    value: object
    status: Status
    variant: str | None
    #: Other unknown facts this outcome assumes, for a fact that decides only jointly with
    #: them (e.g. a date counted from another date): ``((fact id, value), ...)``.
    given: tuple[tuple[str, object], ...] = ()


@frozen
class Question:
    """An unknown fact whose answer can still change the outcome of a contract."""

    fact: str
    #: The question as the questionnaire asks it.
    question: str
    #: What its answers can change: ``"status"``, ``"variant"`` or both.
    decides: tuple[str, ...]
    #: One answer per distinct outcome (the first value giving it), in the order tried.
    answers: tuple[Answer, ...]
    #: The deciding conditions and factors that read the fact, in policy order.
    conditions: tuple[str, ...]
    #: How many of the profile's applications the answer can change.
    contracts: int


@frozen
class Change:
    """One fact change of a repair."""

    fact: str
    #: The stated value, None when the profile does not state it.
    before: object | None
    after: object
    #: The condition the change makes met.
    condition: str
    #: What that condition asks, e.g. "at most 0.15".
    says: str


@frozen
class Repair:
    """A set of changes that reaches a target, and the outcome it gives (assessed)."""

    changes: tuple[Change, ...]
    status: Status
    variant: str | None


@frozen
class TargetAdvice:
    """The repairs that reach one target, or why none does."""

    status: Status
    variant: str | None
    reachable: bool
    repairs: tuple[Repair, ...]
    #: Why it is unreachable (or that it is reached already); None when repairs were found.
    reason: str | None = None
    #: The search hit its bound: more (or smaller) repairs may exist.
    truncated: bool = False


@frozen
class Blocker:
    """A deciding condition that keeps a contract from its best status."""

    condition: str
    outcome: Outcome
    #: What would make it met, in words, e.g. "one of NEN-EN, ISO, HKZ".
    wants: str


@frozen
class ResultAdvice:
    """The advice for one application."""

    contract: str
    #: Unmet deciding conditions, then unknown ones, in policy order.
    blocking: tuple[Blocker, ...]
    questions: tuple[Question, ...]
    targets: tuple[TargetAdvice, ...]
    truncated: bool = False


@frozen
class Advice:
    """The assessment of a profile with, per application, its questions and targets."""

    assessment: Assessment
    results: tuple[ResultAdvice, ...]
    #: Some search hit the bound on evaluations.
    truncated: bool = False
    #: How many assessments the advice ran (each distinct probe once).
    evaluations: int = 0


# -- evaluation -----------------------------------------------------------------------------------


class _Budget:
    """The assessments one advice call may still run."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit
        self.hit = False

    def take(self) -> bool:
        if self.left <= 0:
            self.hit = True
            return False
        self.left -= 1
        return True


_Key = tuple[tuple[str, type, object], ...]


def _key(assignment: Mapping[str, object]) -> _Key:
    """A hashable key of fact values, with the type (True and 1 stay apart)."""
    return tuple(sorted((fid, value.__class__, value) for fid, value in assignment.items()))


class _Probe:
    """Re-assesses one application with some facts changed, remembering each answer."""

    def __init__(self, prepared: PreparedContract, situation: Situation, budget: _Budget) -> None:
        self.prepared = prepared
        self.situation = situation
        self.budget = budget
        #: The last situation built, for naming a rule that fails on it.
        self.last = situation
        self._seen: dict[_Key, Result] = {}

    def with_facts(self, changes: Mapping[str, object]) -> Situation:
        base = self.situation
        self.last = Situation(base.agb_code, {**base.facts, **changes}, base.application,
                              base.on)
        return self.last

    def result(self, changes: Mapping[str, object]) -> Result | None:
        """The result with ``changes`` applied; None when the budget is spent."""
        key = _key(changes)
        known = self._seen.get(key)
        if known is not None:
            return known
        if not self.budget.take():
            return None
        found = self.prepared.assess(self.with_facts(changes))
        self._seen[key] = found
        return found


def _outcome(result: Result) -> tuple[Status, str | None]:
    return result.status, result.variant


#: The ids of the facts each condition reads, by ``id`` (kept with the condition itself, so the
#: id stays its own); conditions live as long as their engine, so this stays small.
_READS: dict[int, tuple[Condition, frozenset[str]]] = {}


def _reads(condition: Condition, fact_id: str) -> bool:
    known = _READS.get(id(condition))
    if known is None or known[0] is not condition:
        if len(_READS) >= 4096:
            _READS.clear()
        known = _READS[id(condition)] = (condition,
                                         frozenset(fact.id for fact in condition.rule.facts))
    return fact_id in known[1]


def generic_values(fact: Fact, on: date) -> tuple[object, ...]:
    """Values of ``fact``'s type to probe a rule with that cannot say where it turns."""
    kind = fact.type
    if kind is FactType.BOOL:
        return (True, False)
    if kind is FactType.FRACTION:
        return (0.0, 1.0)
    if kind is FactType.INTEGER:
        return (0,)
    if kind is FactType.DATE:
        return (on,)
    if kind is FactType.ENUM:
        return fact.choices
    if kind is FactType.ENUM_LIST:
        return ((), fact.choices)
    if kind is FactType.SCHEDULE:
        return (WeeklySchedule(), _covering(WORKING_DAYS_9_TO_17), _covering(ALWAYS))
    return ()


def _covering(window: Window) -> WeeklySchedule:
    return WeeklySchedule(**dict.fromkeys(window.days, ((window.start, window.end),)))


def _candidates(fact: Fact, conditions: Sequence[Condition], situation: Situation
                ) -> list[object]:
    """The values worth trying for ``fact``: where its rules turn, as they say.

    Values of the fact's type are added when a rule reading it cannot say (a black box), or
    when no rule proposes any value.
    """
    values: dict[tuple[type, object], object] = {}
    black_box = False
    for condition in conditions:
        if not _reads(condition, fact.id):
            continue
        proposed = answers_of(condition.rule, situation)
        black_box = black_box or proposed is None
        for value in (proposed or {}).get(fact.id, ()):
            values.setdefault((value.__class__, value), value)
    if black_box or not values:
        for value in generic_values(fact, situation.on):
            values.setdefault((value.__class__, value), value)
    return list(values.values())


# -- questions ------------------------------------------------------------------------------------


@frozen
class _Asked:
    question: Question
    span: int
    order: int


def _questions(probe: _Probe, spec_conditions: Sequence[Condition],
               questionnaire: Sequence[Fact], result: Result,
               variants: Sequence[str] | None, order: Mapping[str, int]) -> list[_Asked]:
    """The unknown facts of one application whose answer changes its outcome."""
    current = _outcome(result)
    stated = probe.situation.facts
    unknown = [f for f in questionnaire if f.id not in stated and f.changeable]
    asked: list[_Asked] = []
    for fact in unknown:
        by_outcome = _alone(probe, fact, spec_conditions)
        if not _changes(by_outcome, current):
            by_outcome = _jointly(probe, fact, spec_conditions, unknown)
        if not _changes(by_outcome, current):
            continue
        answers = tuple(by_outcome.values())
        decides = tuple(name for name, index in (("status", 0), ("variant", 1))
                        if len({key[index] for key in by_outcome} | {current[index]}) > 1)
        reading = tuple(c.id for c in spec_conditions
                        if _reads(c, fact.id) and (c.kind.decides or c.kind is Kind.FACTOR))
        asked.append(_Asked(Question(fact.id, fact.question, decides, answers, reading, 1),
                            _span(answers, variants), order.get(fact.id, len(order))))
    return asked


_Outcomes = dict[tuple[Status, str | None], Answer]


def _changes(by_outcome: _Outcomes, current: tuple[Status, str | None]) -> bool:
    """Whether answering can change the outcome: the answers differ, or all differ from now.

    The second case is a fact every answer of which refuses a contract that is incomplete
    while the fact is unknown: answering it changes the outcome, so it is asked.
    """
    return len(by_outcome) >= 2 or (len(by_outcome) == 1 and current not in by_outcome)


def _alone(probe: _Probe, fact: Fact, conditions: Sequence[Condition]) -> _Outcomes:
    """One answer per distinct outcome of ``fact``'s candidate values, other unknowns unknown."""
    by_outcome: _Outcomes = {}
    for value in _candidates(fact, conditions, probe.situation):
        found = probe.result({fact.id: value})
        if found is None:
            break
        by_outcome.setdefault(_outcome(found), Answer(value, found.status, found.variant))
    return by_outcome


def _jointly(probe: _Probe, fact: Fact, conditions: Sequence[Condition],
             unknown: Sequence[Fact]) -> _Outcomes:
    """For a condition that reads ``fact`` and another unknown: the first value of the other
    for which ``fact``'s answers give different outcomes (each answer says that value)."""
    reading = [c for c in conditions if _reads(c, fact.id)]
    partners = [other for other in unknown if other.id != fact.id
                and any(_reads(c, other.id) for c in reading)]
    for partner in partners:
        for other in _candidates(partner, conditions, probe.situation):
            given = probe.with_facts({partner.id: other})
            by_outcome: _Outcomes = {}
            for answer in _candidates(fact, conditions, given):
                found = probe.result({fact.id: answer, partner.id: other})
                if found is None:
                    return {}
                by_outcome.setdefault(_outcome(found), Answer(
                    answer, found.status, found.variant, ((partner.id, other),)))
            if len(by_outcome) >= 2:
                return by_outcome
    return {}


def _span(answers: Sequence[Answer], variants: Sequence[str] | None) -> int:
    if not variants:
        return 0
    places = [variants.index(a.variant) for a in answers if a.variant in variants]
    return max(places) - min(places) if places else 0


def _ranked(asked: Sequence[_Asked], contracts: Mapping[str, int]) -> tuple[Question, ...]:
    def key(item: _Asked) -> tuple[int, int, int, int]:
        fact = item.question.fact
        return ("status" not in item.question.decides, -contracts[fact], -item.span, item.order)

    return tuple(_with_contracts(item.question, contracts[item.question.fact])
                 for item in sorted(asked, key=key))


def _with_contracts(question: Question, contracts: int) -> Question:
    return Question(question.fact, question.question, question.decides, question.answers,
                    question.conditions, contracts)


# -- targets and repairs ----------------------------------------------------------------------


@frozen
class _Move:
    """One proposed change: facts set together to make one condition met."""

    assignment: tuple[tuple[str, object], ...]
    condition: str
    says: str

    @property
    def fact_ids(self) -> frozenset[str]:
        return frozenset(fact_id for fact_id, _ in self.assignment)


class _Search:
    """The repair search for one application."""

    def __init__(self, probe: _Probe, conditions: Sequence[Condition], result: Result,
                 facts: Mapping[str, Fact], variants: Sequence[str] | None,
                 max_changes: int) -> None:
        self.probe = probe
        self.conditions = conditions
        self.result = result
        self.facts = facts
        self.variants = variants
        self.max_changes = max_changes
        self.moves: list[_Move] = []
        self._index: dict[_Key, int] = {}
        self._by_condition: dict[tuple[int, _Key], list[int]] = {}

    # the moves each condition offers

    def moves_of(self, position: int, given: Mapping[str, object] | None = None) -> list[int]:
        """The moves that make condition ``position`` met once ``given`` is set, computed once.

        A move never sets a fact ``given`` sets already.
        """
        given = given or {}
        key = (position, _key(given))
        known = self._by_condition.get(key)
        if known is None:
            known = self._by_condition[key] = list(dict.fromkeys(self._propose(position, given)))
        return known

    def _propose(self, position: int, given: Mapping[str, object]) -> Iterator[int]:
        condition = self.conditions[position]
        situation = self.probe.with_facts(given)
        assignments = repairs_of(condition.rule, situation)
        if assignments is None:  # a black box: probe each fact it reads with its values
            assignments = [{fact.id: value} for fact in condition.rule.facts
                           for value in _candidates(fact, self.conditions, situation)]
        wanted = (Outcome.MET,) if condition.kind is Kind.FACTOR else _FINE
        says = wants_of(condition.rule)
        for assignment in assignments:
            if any(fid in given or not self._may_set(fid, value)
                   for fid, value in assignment.items()):
                continue
            changed = self.probe.with_facts({**given, **assignment})
            if condition.rule(changed).outcome not in wanted:
                continue
            key = _key(assignment)
            if key not in self._index:
                self._index[key] = len(self.moves)
                self.moves.append(_Move(tuple(sorted(assignment.items())), condition.id, says))
            yield self._index[key]

    def _may_set(self, fact_id: str, value: object) -> bool:
        """Whether a repair may set ``fact_id`` to ``value``: only what the provider can."""
        fact = self.facts.get(fact_id)
        if fact is None or not fact.changeable:
            return False
        current = self.probe.situation.facts.get(fact_id)
        on = self.probe.situation.on
        if isinstance(current, date) and current < on:
            return False  # what was done before the reference date cannot be redone
        if isinstance(value, date) and value < on:
            return False
        return current.__class__ is not value.__class__ or current != value

    # reaching one target

    def reach(self, target: Status, variant: str | None) -> TargetAdvice:
        """The minimal repairs that bring the result to ``target`` (and ``variant``)."""
        result, findings = self.result, self.result.findings
        if _reaches(result, target, variant, self.variants):
            return TargetAdvice(target, variant, True, (), "reached already")
        blocking = ([i for i, f in enumerate(findings) if f.kind.decides and f.outcome in _OPEN]
                    if _RANK[result.status] < _RANK[target] else [])
        for position in blocking:
            if not self.moves_of(position) and not self._shares_moves(position, blocking):
                return self._cannot(target, variant, findings[position])
        factors, need = self._factor_need(variant)
        for position in factors:
            self.moves_of(position)
        if need > sum(1 for position in factors if self.moves_of(position)):
            return TargetAdvice(target, variant, False, (),
                                f"{need} more factor(s) needed, and only "
                                f"{sum(1 for p in factors if self.moves_of(p))} can be met "
                                "by a change")
        candidates, cut = self._candidates(blocking, factors, need)
        return self._verify(target, variant, candidates, cut, len(blocking))

    def _shares_moves(self, position: int, blocking: Sequence[int]) -> bool:
        reads = {fact.id for fact in self.conditions[position].rule.facts}
        return any(reads & self.moves[m].fact_ids for other in blocking if other != position
                   for m in self.moves_of(other))

    def _factor_need(self, variant: str | None) -> tuple[list[int], int]:
        """The factors not met, and how many more must be met for ``variant``."""
        if variant is None or not self.variants:
            return [], 0
        findings = self.result.findings
        factors = [i for i, f in enumerate(findings)
                   if f.kind is Kind.FACTOR and f.outcome is not Outcome.MET]
        met = sum(1 for f in findings if f.kind is Kind.FACTOR and f.outcome is Outcome.MET)
        return factors, self.variants.index(variant) - met

    def _cannot(self, target: Status, variant: str | None, finding: Finding) -> TargetAdvice:
        condition = next(c for c in self.conditions if c.id == finding.condition)
        fixed = [fact for fact in condition.rule.facts if not fact.changeable]
        if fixed:
            why = f"{', '.join(f.id for f in fixed)} is not the provider's to change"
        elif condition.rule.facts:
            why = "no change from the reference date on can make it met"
        elif finding.outcome is Outcome.UNKNOWN:
            why = ("the application decides it, not a fact: the profile should give the "
                   "application's date")
        else:
            why = "the application's dates and the AGB code decide it, and a repair moves neither"
        return TargetAdvice(target, variant, False, (),
                            f"{finding.condition} is {finding.outcome.value} "
                            f"({finding.reason}): {why}")

    def _candidates(self, blocking: Sequence[int], factors: Sequence[int], need: int
                    ) -> tuple[list[tuple[int, ...]], bool]:
        """Every set of moves under which each blocking condition and ``need`` more factors
        are met, by their own rules; each is verified by an assessment afterwards."""
        found: set[tuple[int, ...]] = set()
        cut = False

        def fine(position: int, situation: Situation) -> bool:
            condition = self.conditions[position]
            wanted = (Outcome.MET,) if condition.kind is Kind.FACTOR else _FINE
            return condition.rule(situation).outcome in wanted

        def extend(chosen: tuple[int, ...], given: dict[str, object]) -> None:
            nonlocal cut
            if len(found) >= _MAX_CANDIDATES:
                cut = True
                return
            situation = self.probe.with_facts(given)
            open_ = next((p for p in blocking if not fine(p, situation)), None)
            if open_ is not None:
                options = self.moves_of(open_, given)
            else:
                unmet = [p for p in factors if not fine(p, situation)]
                if len(factors) - len(unmet) >= need:
                    found.add(tuple(sorted(chosen)))
                    return
                options = [m for p in unmet for m in self.moves_of(p, given)]
            for move in options:
                assignment = dict(self.moves[move].assignment)
                if len(given) + len(assignment) <= self.max_changes:
                    extend((*chosen, move), {**given, **assignment})

        extend((), {})
        return sorted(found, key=lambda moves: (self._size(moves), moves)), cut

    def _size(self, moves: Sequence[int]) -> int:
        return len(frozenset().union(*(self.moves[m].fact_ids for m in moves)))

    def _verify(self, target: Status, variant: str | None,
                candidates: Sequence[tuple[int, ...]], cut: bool, blocking: int
                ) -> TargetAdvice:
        reached: list[frozenset[str]] = []
        repairs: list[Repair] = []
        for moves in candidates:
            ids = frozenset().union(*(self.moves[m].fact_ids for m in moves))
            if any(done <= ids for done in reached):
                continue  # a smaller (or equal) set of facts reaches it already
            assignment = {fid: value for m in moves for fid, value in self.moves[m].assignment}
            found = self.probe.result(assignment)
            if found is None:
                cut = True
                break
            if _reaches(found, target, variant, self.variants):
                reached.append(ids)
                repairs.append(Repair(self._changes(moves), found.status, found.variant))
        if repairs:
            return TargetAdvice(target, variant, True, tuple(repairs), None, cut)
        if cut:
            reason = "the search stopped at its bound before it found a repair"
        elif not candidates:
            reason = (f"no set of at most {self.max_changes} changes reaches it "
                      f"({blocking} condition(s) block it)")
        else:
            reason = f"none of the {len(candidates)} sets of changes tried reaches it"
        return TargetAdvice(target, variant, False, (), reason, cut)

    def _changes(self, moves: Sequence[int]) -> tuple[Change, ...]:
        stated = self.probe.situation.facts
        order = {c.id: i for i, c in enumerate(self.conditions)}
        chosen = sorted((self.moves[m] for m in moves), key=lambda mv: order[mv.condition])
        return tuple(Change(fid, stated.get(fid), value, move.condition, move.says)
                     for move in chosen for fid, value in move.assignment)


def _reaches(result: Result, target: Status, variant: str | None,
             variants: Sequence[str] | None) -> bool:
    if _RANK[result.status] < _RANK[target]:
        return False
    if variant is None:
        return True
    if not variants or result.variant is None:
        return False
    return variants.index(result.variant) >= variants.index(variant)


def _best_status(result: Result) -> Status:
    """The best status the route allows: review when the insurer judges the offer."""
    return Status.REVIEW if result.offer is not None and result.offer.review else Status.ELIGIBLE


def _default_targets(result: Result, variants: Sequence[str] | None) -> list[Target]:
    best = _best_status(result)
    chosen = [Target(best, None)] if _RANK[result.status] < _RANK[best] else []
    if variants:
        met = sum(1 for f in result.findings if f.kind is Kind.FACTOR and f.outcome is Outcome.MET)
        chosen += [Target(best, name) for name in variants[met + 1:]]
    return chosen


def _target_advice(search: _Search, result: Result, target: Target,
                   variants: Sequence[str] | None) -> TargetAdvice | None:
    best = _best_status(result)
    status = target.status or best
    if target.variant is not None and (not variants or target.variant not in variants):
        return None  # a variant target does not concern a contract without that variant
    if _RANK[status] > _RANK[best]:
        route = result.offer.route if result.offer else "this route"
        return TargetAdvice(status, target.variant, False, (),
                            f"the route ({route}) leaves the offer to the insurer's judgement: "
                            f"{best.value} is the best status it allows")
    return search.reach(status, target.variant)


# -- the whole advice ---------------------------------------------------------------------------


def advise(assessment: Assessment, profile: Profile, prepared: Sequence[PreparedContract], *,
           targets: Sequence[Target] | None = None, max_changes: int = 3,
           max_evaluations: int = DEFAULT_MAX_EVALUATIONS) -> Advice:
    """Advice for each application of ``profile``, whose ``assessment`` is given.

    :param prepared: the prepared contract of each application, in the same order: the engine's
        own, so that every probe is a real assessment.
    :param targets: what to reach; default: the best status each route allows and, for
        contracts with variants, each better variant than the current one.
    :param max_changes: the most fact changes in one repair.
    :param max_evaluations: the most assessments this call may run (``truncated`` when hit).
    """
    if max_changes < 0:
        raise TargetError(f"max_changes={max_changes} must be at least 0")
    _check_variants(targets or (), prepared)
    budget = _Budget(max_evaluations)
    order = {fact_id: index for index, fact_id in
             enumerate(dict.fromkeys(f.id for p in prepared for f in p.spec.questionnaire))}
    asked: list[list[_Asked]] = []
    searches: list[_Search] = []
    for contract, result, application in zip(prepared, assessment.results,
                                             profile.applications, strict=True):
        spec = contract.spec
        situation = Situation(profile.agb_code, profile.facts, application,
                              assessment.reference_date)
        probe = _Probe(contract, situation, budget)
        variants = spec.contract.variants
        # Facts only expectations and notes read never change the outcome: not probed.
        deciding = [fact for fact in spec.questionnaire if not spec.is_optional(fact)]
        with _naming_failures(probe):
            asked.append(_questions(probe, spec.conditions, deciding, result, variants, order))
        searches.append(_Search(probe, spec.conditions, result,
                                {fact.id: fact for fact in spec.questionnaire}, variants,
                                max_changes))
    contracts: dict[str, int] = {}
    for items in asked:
        for item in items:
            contracts[item.question.fact] = contracts.get(item.question.fact, 0) + 1
    results = []
    for items, search, result in zip(asked, searches, assessment.results, strict=True):
        wanted = _default_targets(result, search.variants) if targets is None else targets
        with _naming_failures(search.probe):
            reached = [advice for target in wanted
                       if (advice := _target_advice(search, result, target, search.variants))
                       is not None]
        results.append(ResultAdvice(
            result.contract, _blockers(search), _ranked(items, contracts), tuple(reached),
            budget.hit))
    return Advice(assessment, tuple(results), budget.hit, budget.limit - budget.left)


@contextmanager
def _naming_failures(probe: _Probe) -> Iterator[None]:
    """Turn a rule's failure into a :class:`ProbeFailure` naming the situation it failed on."""
    try:
        yield
    except CaresqError:
        raise
    except PLUGIN_FAULTS as error:
        raise ProbeFailure(probe.prepared.spec.contract.id, probe.last) from error


def _check_variants(targets: Sequence[Target], prepared: Sequence[PreparedContract]) -> None:
    offered = {name for contract in prepared for name in contract.spec.contract.variants or ()}
    for target in targets:
        if target.variant is not None and target.variant not in offered:
            known = ", ".join(sorted(offered)) or "none"
            raise TargetError(f"no applied-for contract has variant {target.variant!r} "
                              f"(variants: {known})")


def _blockers(search: _Search) -> tuple[Blocker, ...]:
    findings = search.result.findings
    return tuple(Blocker(finding.condition, finding.outcome, wants_of(condition.rule))
                 for outcome in _OPEN
                 for condition, finding in zip(search.conditions, findings, strict=True)
                 if finding.kind.decides and finding.outcome is outcome)


# -- JSON ---------------------------------------------------------------------------------------


def advice_to_json(advice: Advice) -> dict[str, Any]:
    """The assessment's JSON with, per result, ``questions`` and ``targets``."""
    data = assessment_to_json(advice.assessment)
    for result, extra in zip(data["results"], advice.results, strict=True):
        result["questions"] = [_question_json(q) for q in extra.questions]
        result["targets"] = [_target_json(t) for t in extra.targets]
    if advice.truncated:
        data["truncated"] = True
    return data


def _question_json(question: Question) -> dict[str, Any]:
    return {"fact": question.fact, "question": question.question,
            "decides": list(question.decides),
            "answers": [_answer_json(a) for a in question.answers],
            "conditions": list(question.conditions), "contracts": question.contracts}


def _answer_json(answer: Answer) -> dict[str, Any]:
    data: dict[str, Any] = {"value": json_value(answer.value), "status": answer.status.value,
                            "variant": answer.variant}
    if answer.given:
        data["with"] = {fact_id: json_value(value) for fact_id, value in answer.given}
    return data


def _target_json(target: TargetAdvice) -> dict[str, Any]:
    data: dict[str, Any] = {
        "status": target.status.value, "variant": target.variant,
        "reachable": target.reachable,
        "repairs": [{"changes": [_change_json(c) for c in repair.changes],
                     "status": repair.status.value, "variant": repair.variant}
                    for repair in target.repairs]}
    if target.reason is not None:
        data["reason"] = target.reason
    data["truncated"] = target.truncated
    return data


def _change_json(change: Change) -> dict[str, Any]:
    return {"fact": change.fact,
            "from": None if change.before is None else json_value(change.before),
            "to": json_value(change.after), "condition": change.condition, "says": change.says}


# -- text ---------------------------------------------------------------------------------------


def show(value: object) -> str:
    """A value as a person reads it: yes/no, 0.15, 2024-01-31, a list, a schedule."""
    shown = json_value(value)
    if isinstance(shown, bool):
        return "yes" if shown else "no"
    if isinstance(shown, float):
        return f"{shown:g}"
    if isinstance(shown, list):
        return "[" + ", ".join(map(str, shown)) + "]"
    if isinstance(shown, dict):
        return _show_schedule(shown)
    return str(shown)


def _show_schedule(days: Mapping[str, list[str]]) -> str:
    """A schedule in short, runs of days with the same hours joined: "mon-fri 09:00-17:00"."""
    runs: list[tuple[list[str], list[str]]] = []
    for day, hours in days.items():
        if runs and runs[-1][1] == hours:
            runs[-1][0].append(day)
        else:
            runs.append(([day], hours))
    parts = [f"{names[0]}{'-' + names[-1] if len(names) > 1 else ''} {', '.join(hours)}"
             for names, hours in runs if hours]
    return "; ".join(parts) or "no hours"


def answer_text(answer: Answer) -> str:
    """An answer and what it gives: "yes -> incomplete", "0.15 -> eligible, variant A"."""
    given = "".join(f" (with {fact_id} {show(value)})" for fact_id, value in answer.given)
    return f"{show(answer.value)}{given} -> {_outcome_text(answer.status, answer.variant)}"


def _outcome_text(status: Status, variant: str | None) -> str:
    return status.value + (f", variant {variant}" if variant else "")


def render_advice_text(advice: Advice) -> str:
    """Per contract: what blocks it, how to reach each target, the questions, then the rest.

    Control characters from the input are shown escaped (:func:`caresq.text.escape_control`).
    """
    assessment = advice.assessment
    lines = [heading(assessment)]
    for result, extra in zip(assessment.results, advice.results, strict=True):
        lines += ["", *_advice_lines(result, extra)]
    # One line of the report stays one line: control characters from the input are escaped.
    return "\n".join(map(escape_control, lines)) + "\n"


def _advice_lines(result: Result, extra: ResultAdvice) -> list[str]:
    lines = [headline(result)]
    if result.offer:
        lines.append(f"  route: {result.offer.route}"
                     + (f" - review: {result.offer.review}" if result.offer.review else ""))
    lines += [f"  deadline {d.name}: {d.due.isoformat()} {deadline_state(d)}"
              for d in result.deadlines]
    lines += [f"  warning: {warning}" for warning in result.warnings]
    findings = {finding.condition: finding for finding in result.findings}
    if extra.blocking:
        lines.append("  What blocks it:")
        for blocker in extra.blocking:
            finding = findings[blocker.condition]
            mark = "x" if blocker.outcome is Outcome.UNMET else "?"
            lines += [f"    {mark} {blocker.condition}: {finding.reason}",
                      f"        needs: {blocker.wants}",
                      f"        {finding.citation}: \"{finding.text}\""]
    else:
        lines.append("  Nothing blocks it.")
    for group in _same_reason(extra.targets):
        lines += _target_lines(group)
    if extra.questions:
        lines.append("  Questions that still matter (most decisive first):")
        for number, question in enumerate(extra.questions, start=1):
            answers = "; ".join(answer_text(a) for a in question.answers)
            lines += [f"    {number}. {question.fact}: {question.question}",
                      f"        {answers}"]
    elif extra.truncated:  # the bound stopped the search: "settled" would be a guess
        lines.append("  No question found before the search stopped at its bound "
                     "(max_evaluations): some may still matter.")
    elif result.status is Status.INCOMPLETE:
        lines.append("  No fact left to ask: what is still unknown is not a fact of the "
                     "profile (see what blocks it).")
    else:
        lines.append("  No question left: the outcome is settled.")
    factors = [f for f in result.findings if f.kind is Kind.FACTOR]
    if factors:
        lines.append("  Factors:")
        lines += [f"    {_mark(f)} {f.condition}: {f.reason}" for f in factors]
    info = [f for f in result.findings if f.kind in (Kind.EXPECTATION, Kind.NOTE)]
    if info:
        lines.append("  For information (expectations and notes, never deciding):")
        lines += [f"    {_mark(f)} {f.condition} [{f.kind.value}]: {f.reason}" for f in info]
    return lines


def _mark(finding: Finding) -> str:
    return {Outcome.MET: "+", Outcome.UNMET: "x", Outcome.UNKNOWN: "?",
            Outcome.NOT_APPLICABLE: "-"}[finding.outcome]


def _same_reason(targets: Sequence[TargetAdvice]) -> list[list[TargetAdvice]]:
    """Targets in order, those unreachable for the same reason in one group (said once)."""
    groups: list[list[TargetAdvice]] = []
    for target in targets:
        last = groups[-1][-1] if groups else None
        if (last is not None and not last.reachable and not target.reachable
                and last.reason == target.reason and last.status is target.status):
            groups[-1].append(target)
        else:
            groups.append([target])
    return groups


def _target_lines(group: Sequence[TargetAdvice]) -> list[str]:
    target = group[0]
    others = [t.variant for t in group[1:] if t.variant]
    title = (f"  To reach {_outcome_text(target.status, target.variant)}"
             + (f" (or variant {', '.join(others)})" if others else "") + ":")
    if not target.reachable:
        return [f"{title} not reachable - {target.reason}"]
    if not target.repairs:
        return [f"{title} {target.reason}"]
    lines = [title]
    for number, repair in enumerate(target.repairs, start=1):
        changes = "; ".join(
            f"{c.fact} {'unstated' if c.before is None else show(c.before)} -> {show(c.after)}"
            f" ({c.says})" for c in repair.changes)
        lines.append(f"    {'or ' if number > 1 else ''}{changes}"
                     f" => {_outcome_text(repair.status, repair.variant)}")
    if target.truncated:
        lines.append("    (the search stopped at its bound: there may be more)")
    return lines
