"""Small rule builders: each decides one condition and says which values decided it.

A rule is any object with a ``facts`` tuple and a ``__call__(situation) -> Verdict``
(:class:`caresq.model.Rule`). The builders here cover the shapes policies use: a statement that
must hold, a bound, a choice, a list that must contain items, phone-hour coverage, the arrow
"b only matters when a" (docs/concepts.md), and "and", "or", "not" (:class:`All`, :class:`AnyOf`,
:class:`Not`). A missing fact always gives ``unknown``, never a guess.

Each builder's docstring says what it reads, what an unknown fact gives, and shows it at work
(the examples run as doctests, on the facts of :mod:`caresq.testing.situations`);
``docs/rules-reference.md`` is generated from them.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar, Final

from attrs import frozen

from caresq.calendar import add_months, within_months
from caresq.facts import Fact, FactType
from caresq.model import Outcome, Rule, Situation, Verdict
from caresq.schedule import DAYS, WeeklySchedule, Window, covered_by

MET: Final = Outcome.MET
UNMET: Final = Outcome.UNMET
UNKNOWN: Final = Outcome.UNKNOWN
NOT_APPLICABLE: Final = Outcome.NOT_APPLICABLE


def number(value: float) -> str:
    """Render a fraction or count the way a person writes it: 0.15, 3, 0.00001, 9007199254740992.

    Zero is "0" (never "-0"), a whole number is written whole (2**53 as its digits, not
    "9.0072e+15"), and any other number with the fewest digits that read back to it, without
    an exponent while it fits in 2^53 and is not tinier than 1e-15.

    >>> number(0.15), number(100.0), number(-0.0)
    ('0.15', '100', '0')
    """
    if value == 0:
        return "0"
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return repr(value)
    if value.is_integer() and abs(value) <= 2**53:
        return str(int(value))
    if 1e-15 <= abs(value) <= 2**53:
        return format(Decimal(repr(value)), "f")
    return repr(value)


def unknown(fact: Fact) -> Verdict:
    """The verdict for a fact the profile does not give: ``unknown``, naming the fact.

    >>> unknown(SCORE).reason
    'patient score is not stated (fysio.score)'
    """
    return Verdict(UNKNOWN, f"{fact.label} is not stated ({fact.id})")


@frozen
class FactRule:
    """Base of the rules that judge one fact: unknown when the profile does not give it.

    Subclasses implement :meth:`judge` on the checked value; the unknown case is handled here,
    once, so no rule can forget it.

    Reads: ``fact`` (the one fact; ``facts`` is ``(fact,)``).

    Unknown: when the fact is not stated; :meth:`judge` is not called then.

    Example, a rule of your own:

    >>> @frozen
    ... class Positive(FactRule):
    ...     def judge(self, value):
    ...         return Verdict(MET if value > 0 else UNMET, f"{self.fact.label} {value}")
    >>> Positive(FTE)(situation({"fysio.fte": 3})).reason
    'fte 3'
    >>> Positive(FTE)(situation({})).outcome
    <Outcome.UNKNOWN: 'unknown'>
    """

    fact: Fact

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact,)

    def __call__(self, situation: Situation) -> Verdict:
        value = situation.facts.get(self.fact.id)
        return unknown(self.fact) if value is None else self.judge(value)

    def judge(self, value: Any) -> Verdict:
        """The verdict for a stated value."""
        raise NotImplementedError

    def answers(self, situation: Situation) -> Answers | None:
        """Values of the fact where the verdict turns; None: cannot say (probed as a box)."""
        values = self.turning_values()
        return None if values is None else {self.fact.id: values}

    def turning_values(self) -> Sequence[object] | None:
        """The values of :meth:`answers`, for rules that need no situation."""
        return None

    def repairs(self, situation: Situation) -> Repairs | None:
        """Assignments that would make the rule met; None: cannot say."""
        return None

    def wants(self) -> str:
        """What would make the rule met, in words."""
        return "met"


@frozen
class Holds(FactRule):
    """Met when a yes/no fact is true, unmet when it is false.

    Reads: one ``bool`` fact.

    Unknown: when the fact is not stated.

    Example:

    >>> Holds(REGISTERED)(situation({"fysio.registered": False})).reason
    'KNGF registration: no'
    """

    def judge(self, value: Any) -> Verdict:
        return Verdict(MET if value else UNMET, f"{self.fact.label}: {'yes' if value else 'no'}")

    def turning_values(self) -> Sequence[object]:
        return (True, False)

    def repairs(self, situation: Situation) -> Repairs:
        return ({self.fact.id: True},)

    def wants(self) -> str:
        return "yes"


@frozen
class _Threshold(FactRule):
    """A number compared with a limit from the policy; subclasses fix the comparison."""

    limit: float
    passes: ClassVar[Callable[[float, float], bool]]
    met_words: ClassVar[str]
    unmet_words: ClassVar[str]

    def judge(self, value: Any) -> Verdict:
        shown = f"{self.fact.label} {number(value)}"
        if type(self).passes(value, self.limit):
            return Verdict(MET, f"{shown} {self.met_words} {number(self.limit)}")
        return Verdict(UNMET, f"{shown} {self.unmet_words} {number(self.limit)}")

    #: Steps from the limit to the nearest value that meets it: 0 for inclusive bounds.
    cut_offset: ClassVar[int] = 0

    def _step(self) -> float:
        return 1 if self.fact.type is FactType.INTEGER else 0.01

    def _valid(self, value: float) -> bool:
        upper = 1.0 if self.fact.type is FactType.FRACTION else float("inf")
        return 0 <= value <= upper

    def cut_point(self) -> float:
        """The value a repair moves to: the limit, or one step past it for a strict bound."""
        value = self.limit + self.cut_offset * self._step()
        return int(value) if self.fact.type is FactType.INTEGER else round(value, 10)

    def turning_values(self) -> Sequence[object]:
        cut, step = self.cut_point(), self._step()
        near = (cut, round(cut - step, 10), round(cut + step, 10))
        values = [int(v) if self.fact.type is FactType.INTEGER else v for v in near]
        return tuple(v for v in values if self._valid(v))

    def repairs(self, situation: Situation) -> Repairs:
        return ({self.fact.id: self.cut_point()},) if self._valid(self.cut_point()) else ()

    def wants(self) -> str:
        return f"{self.met_words.removeprefix('is ')} {number(self.limit)}"


@frozen
class AtMost(_Threshold):
    """Met when a number is at most ``limit`` (inclusive: "maximaal 15%" meets at 0.15).

    Reads: one ``fraction`` or ``integer`` fact; ``limit`` is in the fact's own unit (a
    fraction 0-1 for a fraction fact: 15% is 0.15).

    Unknown: when the fact is not stated.

    Example:

    >>> AtMost(SCORE, 0.15)(situation({"fysio.score": 0.15})).reason
    'patient score 0.15 is at most 0.15'
    """

    passes = operator.le
    met_words = "is at most"
    unmet_words = "is above the maximum"


@frozen
class AtLeast(_Threshold):
    """Met when a number is at least ``limit`` (inclusive: "minimaal 85%" meets at 0.85).

    Reads: one ``fraction`` or ``integer`` fact; ``limit`` in the fact's unit (85% is 0.85).

    Unknown: when the fact is not stated.

    Example:

    >>> AtLeast(SCORE, 0.8)(situation({"fysio.score": 0.79})).reason
    'patient score 0.79 is below the minimum 0.8'
    """

    passes = operator.ge
    met_words = "is at least"
    unmet_words = "is below the minimum"


@frozen
class Above(_Threshold):
    """Met when a number is strictly above ``limit`` ("meer dan 100 fte" means fte > 100).

    Reads: one ``fraction`` or ``integer`` fact; ``limit`` in the fact's unit.

    Unknown: when the fact is not stated.

    Example:

    >>> Above(FTE, 100)(situation({"fysio.fte": 100})).reason
    'fte 100 is not more than 100'
    """

    passes = operator.gt
    met_words = "is more than"
    unmet_words = "is not more than"
    cut_offset = 1


@frozen
class OneOf(FactRule):
    """Met when an enum fact is one of ``allowed`` (strings from the fact's choices).

    Reads: one ``enum`` fact.

    Unknown: when the fact is not stated.

    Example:

    >>> OneOf(CERTIFICATE, ("HKZ", "ISO"))(situation({"fysio.certificate": "ISO"})).reason
    'certificate ISO is one of HKZ, ISO'
    """

    allowed: tuple[str, ...]

    def judge(self, value: Any) -> Verdict:
        verb = "is" if value in self.allowed else "is not"
        return Verdict(MET if value in self.allowed else UNMET,
                       f"{self.fact.label} {value} {verb} one of {', '.join(self.allowed)}")

    def turning_values(self) -> Sequence[object]:
        return self.fact.choices

    def repairs(self, situation: Situation) -> Repairs:
        return tuple({self.fact.id: choice} for choice in self.allowed)

    def wants(self) -> str:
        return f"one of {', '.join(self.allowed)}"


@frozen
class _EveryItem(FactRule):
    """What the rules that want every item of ``required`` in an enum-list fact share: the
    value that turns them, their repair (add the missing items) and what they want."""

    required: tuple[str, ...]

    def missing(self, value: Any) -> list[str]:
        """The items of ``required`` that ``value`` lacks, in their order."""
        return [item for item in self.required if item not in value]

    def turning_values(self) -> Sequence[object]:
        return ((), self.required)

    def repairs(self, situation: Situation) -> Repairs:
        return ({self.fact.id: _with_items(self.fact, situation, self.required)},)

    def wants(self) -> str:
        return f"include all of {', '.join(self.required)}"


@frozen
class IncludesAll(_EveryItem):
    """Met when an enum-list fact holds every item of ``required``; the reason names the lack.

    Reads: one ``enum list`` fact.

    Unknown: when the fact is not stated (an empty list is stated: it lacks everything).

    Example:

    >>> rule = IncludesAll(SERVICES, ("bekken", "kinder"))
    >>> rule(situation({"fysio.services": ["kinder"]})).reason
    'services lack bekken'
    """

    def judge(self, value: Any) -> Verdict:
        missing = self.missing(value)
        if missing:
            return Verdict(UNMET, f"{self.fact.label} lack {', '.join(missing)}")
        return Verdict(MET, f"{self.fact.label} include all of {', '.join(self.required)}")


@frozen
class IncludesAny(FactRule):
    """Met when an enum-list fact holds at least one item of ``options``.

    Reads: one ``enum list`` fact.

    Unknown: when the fact is not stated.

    Example:

    >>> rule = IncludesAny(SERVICES, ("bekken", "oedeem"))
    >>> rule(situation({"fysio.services": ["oedeem", "kinder"]})).reason
    'services include oedeem'
    """

    options: tuple[str, ...]

    def judge(self, value: Any) -> Verdict:
        present = [item for item in self.options if item in value]
        if present:
            return Verdict(MET, f"{self.fact.label} include {', '.join(present)}")
        return Verdict(UNMET, f"{self.fact.label} include none of {', '.join(self.options)}")

    def turning_values(self) -> Sequence[object]:
        return ((), self.options[:1])

    def repairs(self, situation: Situation) -> Repairs:
        return tuple({self.fact.id: _with_items(self.fact, situation, (option,))}
                     for option in self.options)

    def wants(self) -> str:
        return f"include at least one of {', '.join(self.options)}"


@frozen
class Covers(FactRule):
    """Met when a weekly schedule covers a required window (R8.2: the union counts).

    Reads: one ``schedule`` fact. ``window`` is a :class:`caresq.schedule.Window`, whose
    ``start`` and ``end`` count **minutes** after midnight (09:00 is 540, 24:00 is 1440);
    ``window_label`` is how the window reads in the reason.

    Unknown: when the fact is not stated (an empty schedule is stated: it covers nothing).

    Example:

    >>> from caresq.schedule import WORKING_DAYS_9_TO_17
    >>> rule = Covers(PHONE_HOURS, WORKING_DAYS_9_TO_17, "working days 09:00-17:00")
    >>> hours = {day: ["09:00-12:00", "12:00-17:00"] for day in ("mon", "tue", "wed", "thu")}
    >>> rule(situation({"fysio.phone_hours": hours})).reason
    'phone hours do not cover working days 09:00-17:00 (missing fri 09:00-17:00)'
    """

    window: Window
    #: How the window reads in a reason, e.g. "working days 09:00-17:00".
    window_label: str

    def judge(self, value: Any) -> Verdict:
        coverage = value.covers(self.window)
        if coverage.covered:
            return Verdict(MET, f"{self.fact.label} cover {self.window_label}")
        missing = coverage.describe().removeprefix("not covered: ")
        return Verdict(UNMET, f"{self.fact.label} do not cover {self.window_label} "
                              f"(missing {missing})")

    def turning_values(self) -> Sequence[object]:
        return (WeeklySchedule(), _adding(WeeklySchedule(), self.window))

    def repairs(self, situation: Situation) -> Repairs:
        current = situation.facts.get(self.fact.id)
        base = current if isinstance(current, WeeklySchedule) else WeeklySchedule()
        return ({self.fact.id: _adding(base, self.window)},)

    def wants(self) -> str:
        return f"cover {self.window_label}"


@frozen
class CoversTogether:
    """Met when two weekly schedules together cover a window (R8.8).

    E.g. 24/7 reachability from the regular line and the emergency line: a regular line open
    24/7 serves emergencies too. Unknown only when what is stated does not cover the window and
    a schedule is missing; unmet when both are stated and their union leaves a gap.

    Reads: two ``schedule`` facts, ``first`` and ``second``. ``window`` counts **minutes**
    after midnight, as in :class:`Covers`.

    Unknown: when a schedule is not stated and the one stated does not cover the window alone.

    Example:

    >>> from caresq.schedule import ALWAYS
    >>> rule = CoversTogether(PHONE_HOURS, EMERGENCY_HOURS, ALWAYS, "every day 00:00-24:00")
    >>> days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    >>> rule(situation({"fysio.phone_hours": {d: ["08:00-20:00"] for d in days},
    ...                 "fysio.emergency_hours": {d: ["00:00-08:00", "20:00-24:00"]
    ...                                           for d in days}})).reason
    'phone hours and emergency hours together cover every day 00:00-24:00'
    """

    first: Fact
    second: Fact
    window: Window
    #: How the window reads in a reason, e.g. "every day 00:00-24:00".
    window_label: str

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.first, self.second)

    def __call__(self, situation: Situation) -> Verdict:
        known: list[tuple[Fact, WeeklySchedule]] = []
        missing: list[Fact] = []
        for fact in self.facts:
            value = situation.facts.get(fact.id)
            if value is None:
                missing.append(fact)
            else:
                assert isinstance(value, WeeklySchedule)
                known.append((fact, value))
        names = " and ".join(fact.label for fact, _ in known)
        coverage = covered_by([schedule for _, schedule in known], self.window) if known else None
        if coverage is not None and coverage.covered:
            together = " together" if len(known) > 1 else ""
            return Verdict(MET, f"{names}{together} cover {self.window_label}")
        if missing:
            lacking = ", ".join(f"{fact.label} ({fact.id})" for fact in missing)
            shown = f"{names} alone do not cover {self.window_label}; " if known else ""
            return Verdict(UNKNOWN, f"{shown}{lacking} not stated")
        assert coverage is not None
        gaps = coverage.describe().removeprefix("not covered: ")
        return Verdict(UNMET, f"{names} together do not cover {self.window_label} "
                              f"(missing {gaps})")

    def answers(self, situation: Situation) -> Answers:
        turning = (WeeklySchedule(), _adding(WeeklySchedule(), self.window))
        return {self.first.id: turning, self.second.id: turning}

    def repairs(self, situation: Situation) -> Repairs:
        """The window added to the second schedule (e.g. the emergency line), else the first."""
        repairs: list[Mapping[str, object]] = []
        for fact in (self.second, self.first):
            current = situation.facts.get(fact.id)
            base = current if isinstance(current, WeeklySchedule) else WeeklySchedule()
            repairs.append({fact.id: _adding(base, self.window)})
        return repairs

    def wants(self) -> str:
        return f"together cover {self.window_label}"


@frozen
class Given:
    """The arrow ``guard → rule``: ``rule`` binds only providers the guard holds for.

    Reads: the guard's facts, then the rule's. Not applicable when the guard is unmet (or not
    applicable); the rule's outcome when the guard is met. Build it with :func:`given`.

    Unknown: when the guard is unknown and the rule is not met; when the guard is unknown and
    the rule is met anyway, it is met (the obligation is fulfilled whichever way the guard
    goes).

    Example:

    >>> rule = Given(Holds(REGISTERED), AtLeast(SCORE, 0.8))
    >>> rule(situation({"fysio.registered": False})).outcome
    <Outcome.NOT_APPLICABLE: 'not_applicable'>
    >>> rule(situation({"fysio.score": 0.9})).reason
    'patient score 0.9 is at least 0.8 (whether or not KNGF registration)'
    """

    guard: Rule
    rule: Rule

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(dict.fromkeys((*self.guard.facts, *self.rule.facts)))

    def __call__(self, situation: Situation) -> Verdict:
        applies = self.guard(situation)
        if applies.outcome in (UNMET, NOT_APPLICABLE):
            return Verdict(NOT_APPLICABLE, applies.reason)
        inner = self.rule(situation)
        if applies.outcome is MET:
            return Verdict(inner.outcome, f"{applies.reason}; {inner.reason}")
        if inner.outcome is MET:
            labels = " and ".join(fact.label for fact in self.guard.facts)
            return Verdict(MET, f"{inner.reason} (whether or not {labels})")
        return Verdict(UNKNOWN, f"{applies.reason}: it decides whether this applies")

    def answers(self, situation: Situation) -> Answers | None:
        guard, inner = answers_of(self.guard, situation), answers_of(self.rule, situation)
        return None if guard is None or inner is None else {**inner, **guard}

    def repairs(self, situation: Situation) -> Repairs | None:
        """Meeting the inner rule meets the arrow whatever the guard (no guard is unsaid)."""
        return repairs_of(self.rule, situation)

    def wants(self) -> str:
        return wants_of(self.rule)


def given(guard: Fact | Rule, rule: Rule) -> Given:
    """``guard → rule`` (:class:`Given`); a yes/no fact as guard means "when it holds".

    Reads: the guard's facts and the rule's. Unknown: as :class:`Given`.

    >>> rule = given(REGISTERED, AtLeast(SCORE, 0.8))
    >>> rule(situation({"fysio.registered": True, "fysio.score": 0.7})).reason
    'KNGF registration: yes; patient score 0.7 is below the minimum 0.8'
    """
    return Given(Holds(guard) if isinstance(guard, Fact) else guard, rule)


@frozen
class Explains(FactRule):
    """A note for the providers a yes/no fact concerns: states ``consequence`` when it holds.

    Reads: one ``bool`` fact. Met (with the consequence) when true, not applicable when false;
    use it for :attr:`caresq.Kind.NOTE` conditions, which never decide.

    Unknown: when the fact is not stated.

    Example:

    >>> rule = Explains(REGISTERED, "a follow-up treatment needs authorisation")
    >>> rule(situation({"fysio.registered": True})).reason
    'KNGF registration: yes; a follow-up treatment needs authorisation'
    """

    #: What the policy means for such a provider, e.g. "a follow-up DBC needs authorisation".
    consequence: str

    def judge(self, value: Any) -> Verdict:
        if value:
            return Verdict(MET, f"{self.fact.label}: yes; {self.consequence}")
        return Verdict(NOT_APPLICABLE, f"{self.fact.label}: no")

    def turning_values(self) -> Sequence[object]:
        return (True, False)

    def repairs(self, situation: Situation) -> Repairs:
        return ()  # a note never decides: nothing to repair


@frozen
class Complete(_EveryItem):
    """A submission that must hold every item of ``required``; unknown while one is missing.

    For a request the process waits for, a missing item is not a refusal: the request is not
    complete yet (e.g. "Inkoopproces start nadat wij uw complete aanvraag hebben ontvangen").

    Reads: one ``enum list`` fact. Met when every item is there; never unmet.

    Unknown: when the fact is not stated, or an item is missing (the reason names it and
    ``pending``).

    Example:

    >>> rule = Complete(SERVICES, ("bekken", "kinder"), "the request waits for them")
    >>> rule(situation({"fysio.services": ["bekken"]})).reason
    'services lack kinder: the request waits for them'
    """

    #: What a missing item means, for the reason, e.g. "the process starts once ... is in".
    pending: str

    def judge(self, value: Any) -> Verdict:
        missing = self.missing(value)
        if missing:
            return Verdict(UNKNOWN, f"{self.fact.label} lack {', '.join(missing)}: "
                                    f"{self.pending}")
        return Verdict(MET, f"{self.fact.label} include all of {', '.join(self.required)}")


@frozen
class OnOrBefore(FactRule):
    """Met when a date fact falls on or before ``last`` (inclusive, a calendar date).

    Reads: one ``date`` fact; ``too_late`` says in the reason what a later date means.

    Unknown: when the fact is not stated.

    Example:

    >>> rule = OnOrBefore(STARTED_ON, date(2029, 12, 31), "too late for 2030")
    >>> rule(situation({"fysio.started_on": "2030-01-02"})).reason
    'practice start on 2030-01-02, after 2029-12-31: too late for 2030'
    """

    last: date
    #: Why a later date fails, e.g. "too late to be taken over in 2024".
    too_late: str

    def judge(self, value: Any) -> Verdict:
        shown = f"{self.fact.label} on {value.isoformat()}"
        if value <= self.last:
            return Verdict(MET, f"{shown}, by {self.last.isoformat()}")
        return Verdict(UNMET, f"{shown}, after {self.last.isoformat()}: {self.too_late}")

    def turning_values(self) -> Sequence[object]:
        return (self.last, self.last + _DAY)

    def repairs(self, situation: Situation) -> Repairs:
        """The reference date when it is in time (do it now), else the last day."""
        days = (situation.on, self.last) if situation.on <= self.last else (self.last,)
        return tuple({self.fact.id: day} for day in days)

    def wants(self) -> str:
        return f"on or before {self.last.isoformat()}"


@frozen
class WithinMonthsAfter:
    """Met when ``fact`` falls on or after ``anchor`` and at most ``months`` months after it.

    "Binnen een maand, nadat ..." is inclusive and clips at the month's end (R6.2): an anchor
    of 31 January 2024 makes 29 February 2024 the last day.

    Reads: two ``date`` facts, ``anchor`` then ``fact``; ``months`` counts calendar months.

    Unknown: when either date is missing, or when ``fact`` is before ``anchor`` (the two dates
    contradict each other, so we ask).

    Example:

    >>> rule = WithinMonthsAfter(REGISTERED_ON, STARTED_ON, 1)
    >>> rule(situation({"fysio.started_on": "2024-01-31",
    ...                 "fysio.registered_on": "2024-02-29"})).reason
    'registration on 2024-02-29, practice start on 2024-01-31: within 1 month, by 2024-02-29'
    """

    fact: Fact
    anchor: Fact
    months: int

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.anchor, self.fact)

    def __call__(self, situation: Situation) -> Verdict:
        value = situation.facts.get(self.fact.id)
        start = situation.facts.get(self.anchor.id)
        if start is None:
            return Verdict(UNKNOWN, f"{self.anchor.label} has no date ({self.anchor.id}), "
                                    f"so the {self.months}-month window is open")
        if value is None:
            return unknown(self.fact)
        assert isinstance(value, date)
        assert isinstance(start, date)
        due = within_months(start, self.months)
        span = f"{self.months} month{'s' if self.months != 1 else ''}"
        shown = f"{self.fact.label} on {value.isoformat()}, {self.anchor.label} on {start}"
        if value < start:
            return Verdict(UNKNOWN, f"{shown}: the first is before the second, so the dates "
                                    "contradict each other")
        if value <= due:
            return Verdict(MET, f"{shown}: within {span}, by {due.isoformat()}")
        return Verdict(UNMET, f"{shown}: after {due.isoformat()}, more than {span} later")

    def answers(self, situation: Situation) -> Answers:
        value = situation.facts.get(self.fact.id)
        start = situation.facts.get(self.anchor.id)
        if isinstance(start, date):
            due = within_months(start, self.months)
            return {self.fact.id: (start, due, start - _DAY, due + _DAY)}
        if isinstance(value, date):
            return {self.anchor.id: (value, value + _DAY, add_months(value, -self.months) - _DAY)}
        return {}

    def repairs(self, situation: Situation) -> Repairs:
        """The earliest meeting day from the reference date on, else the last one."""
        start = situation.facts.get(self.anchor.id)
        if not isinstance(start, date):
            value = situation.facts.get(self.fact.id)
            if isinstance(value, date):
                return ({self.anchor.id: value},)
            return ({self.anchor.id: situation.on, self.fact.id: situation.on},)
        due = within_months(start, self.months)
        days = [day for day in (start, situation.on, due) if start <= day <= due]
        return tuple({self.fact.id: day} for day in dict.fromkeys(days))

    def wants(self) -> str:
        plural = "s" if self.months != 1 else ""
        return f"within {self.months} month{plural} after {self.anchor.label}"


@frozen
class NoRecord:
    """Met unless the insurer's own record says true; absent means nothing on record (R3.1).

    Reads: one ``bool`` fact the insurer keeps (e.g. a fraud suspicion), not the provider.

    Unknown: never. An absent record is no record, so the rule is met; this is the one
    builder where a missing fact is not unknown, because the fact is not a question.

    Example:

    >>> rule = NoRecord(FRAUD, "fraud suspicion on record")
    >>> rule(situation({})).reason
    'no fraud suspicion on record'
    """

    fact: Fact
    #: The reason when the record says true, e.g. "fraud suspicion on record".
    on_record: str

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact,)

    def __call__(self, situation: Situation) -> Verdict:
        if situation.facts.get(self.fact.id) is True:
            return Verdict(UNMET, self.on_record)
        return Verdict(MET, f"no {self.fact.label} on record")

    def answers(self, situation: Situation) -> Answers:
        return {self.fact.id: (False, True)}

    def repairs(self, situation: Situation) -> Repairs:
        return ({self.fact.id: False},)

    def wants(self) -> str:
        return f"no {self.fact.label} on record"


@frozen
class AgbPrefix:
    """Met when the provider's AGB code starts with ``prefix``, the care-type code (Vektis).

    Reads: no fact, the AGB code of the situation. ``prefix`` is the leading digits (the
    two-digit zorgverlenerssoort, e.g. "04"); ``care`` is what the code stands for, shown in
    the reason.

    Unknown: when the profile leaves the AGB code unknown (``null``), like a fact.

    Example:

    >>> AgbPrefix("04", "fysiotherapie")(situation(agb_code="03012345")).reason
    'AGB code 03012345 does not start with 04 (fysiotherapie)'
    """

    prefix: str
    #: What the code stands for, e.g. "fysiotherapie".
    care: str

    @property
    def facts(self) -> tuple[Fact, ...]:
        return ()

    def __call__(self, situation: Situation) -> Verdict:
        code = situation.agb_code
        if code is None:
            return Verdict(UNKNOWN, "the AGB code is not stated (agb_code)")
        if code.startswith(self.prefix):
            return Verdict(MET, f"AGB code {code} starts with {self.prefix} ({self.care})")
        return Verdict(UNMET, f"AGB code {code} does not start with {self.prefix} ({self.care})")

    def answers(self, situation: Situation) -> Answers:
        return {}

    def repairs(self, situation: Situation) -> Repairs:
        return ()  # the AGB code is the Vektis registration, not a fact of the profile

    def wants(self) -> str:
        return f"an AGB code starting with {self.prefix}"


@frozen
class Always:
    """A note or expectation that holds for everyone the contract concerns: a fixed verdict.

    Reads: nothing. Gives ``outcome`` with ``reason`` for every provider.

    Unknown: only when ``outcome`` is :attr:`caresq.Outcome.UNKNOWN`.

    Example:

    >>> Always(MET, "every provider is told this")(situation()).reason
    'every provider is told this'
    """

    outcome: Outcome
    reason: str

    @property
    def facts(self) -> tuple[Fact, ...]:
        return ()

    def __call__(self, situation: Situation) -> Verdict:
        return Verdict(self.outcome, self.reason)

    def answers(self, situation: Situation) -> Answers:
        return {}

    def repairs(self, situation: Situation) -> Repairs:
        return ()


def _with_items(fact: Fact, situation: Situation, items: Sequence[str]) -> tuple[str, ...]:
    """The list ``fact`` states, plus ``items``, in the order of its choices."""
    current = situation.facts.get(fact.id)
    have = set(current) if isinstance(current, tuple) else set()
    return tuple(choice for choice in fact.choices if choice in have or choice in items)


def _adding(schedule: WeeklySchedule, window: Window) -> WeeklySchedule:
    """``schedule`` with ``window``'s hours added on each of its days."""
    hours = {day: (*schedule.on(day), *(((window.start, window.end),)
                                        if day in window.days else ()))
             for day in DAYS}
    return WeeklySchedule(**hours)


# -- what would make a rule met (for advice) ---------------------------------------------------

#: Fact values to try, by fact id: what :meth:`answers` gives (see :func:`answers_of`).
Answers = Mapping[str, Sequence[object]]
#: Fact assignments that would each make a rule met: what :meth:`repairs` gives.
Repairs = Sequence[Mapping[str, object]]
_DAY: Final = timedelta(days=1)


def answers_of(rule: Rule, situation: Situation) -> Answers | None:
    """The values worth trying for the facts ``rule`` reads: where its verdict turns.

    Asks the rule's ``answers(situation)``; ``None`` when the rule cannot say (a black box).

    >>> answers_of(AtMost(SCORE, 0.15), situation({}))
    {'fysio.score': (0.15, 0.14, 0.16)}
    """
    method = getattr(rule, "answers", None)
    return None if method is None else method(situation)


def repairs_of(rule: Rule, situation: Situation) -> Repairs | None:
    """Fact assignments that would each make ``rule`` met, its preferred one first.

    Asks the rule's ``repairs(situation)``; ``None`` when the rule cannot say (a black box,
    which advice probes instead). An empty sequence: no fact change can make it met.

    >>> repairs_of(OneOf(CERTIFICATE, ("HKZ", "ISO")), situation({"fysio.certificate": "none"}))
    ({'fysio.certificate': 'HKZ'}, {'fysio.certificate': 'ISO'})
    """
    method = getattr(rule, "repairs", None)
    return None if method is None else method(situation)


def wants_of(rule: Rule) -> str:
    """What would make ``rule`` met, in words ("at most 0.15"); "met" when it cannot say.

    >>> wants_of(AtLeast(SCORE, 0.8))
    'at least 0.8'
    """
    method = getattr(rule, "wants", None)
    return "met" if method is None else str(method())

# -- combinators ---------------------------------------------------------------------------------


def _rule(part: Fact | Rule) -> Rule:
    """A yes/no fact as a part means "it holds" (:class:`Holds`)."""
    return Holds(part) if isinstance(part, Fact) else part


def _facts_of(parts: tuple[Rule, ...]) -> tuple[Fact, ...]:
    return tuple(dict.fromkeys(fact for part in parts for fact in part.facts))


def _verdicts(parts: tuple[Rule, ...], situation: Situation) -> dict[Outcome, list[str]]:
    """The parts' reasons grouped by outcome, in the parts' order."""
    grouped: dict[Outcome, list[str]] = {outcome: [] for outcome in Outcome}
    for part in parts:
        verdict = part(situation)
        grouped[verdict.outcome].append(verdict.reason)
    return grouped


@frozen(init=False)
class _Combination:
    """What :class:`All` and :class:`AnyOf` share: one or more parts, read together."""

    parts: tuple[Rule, ...]

    def __init__(self, *parts: Fact | Rule) -> None:
        if not parts:
            raise ValueError(f"{type(self).__name__}() needs at least one part")
        self.__attrs_init__(tuple(_rule(part) for part in parts))

    @property
    def facts(self) -> tuple[Fact, ...]:
        return _facts_of(self.parts)


@frozen(init=False)
class All(_Combination):
    """Met when every part is met: "A and B" by Kleene's rules (three-valued).

    Reads: the facts of every part. Unmet when any part is unmet (the reason names the unmet
    parts); else unknown when any part is unknown (naming those); else met (naming every met
    part). A part that is ``not_applicable`` is left out, as a condition that does not bind;
    when every part is not applicable, so is the whole. A yes/no fact as a part means
    :class:`Holds`.

    Unknown: when no part is unmet and at least one part is unknown.

    Example:

    >>> rule = All(REGISTERED, AtLeast(SCORE, 0.8))
    >>> rule(situation({"fysio.registered": True, "fysio.score": 0.9})).reason
    'KNGF registration: yes; and patient score 0.9 is at least 0.8'
    >>> rule(situation({"fysio.registered": False})).outcome
    <Outcome.UNMET: 'unmet'>
    >>> rule(situation({"fysio.registered": True})).reason
    'patient score is not stated (fysio.score)'
    """

    def __call__(self, situation: Situation) -> Verdict:
        grouped = _verdicts(self.parts, situation)
        for outcome in (UNMET, UNKNOWN, MET):
            if grouped[outcome]:
                return Verdict(outcome, "; and ".join(grouped[outcome]))
        return Verdict(NOT_APPLICABLE, "; ".join(grouped[NOT_APPLICABLE]))


@frozen(init=False)
class AnyOf(_Combination):
    """Met when at least one part is met: "A or B" by Kleene's rules (three-valued).

    Reads: the facts of every part. Met when any part is met (the reason names the met
    parts); else unknown when any part is unknown (naming the unknown and the unmet parts);
    else unmet (naming every unmet part). A ``not_applicable`` part is left out; when every
    part is not applicable, so is the whole. A yes/no fact as a part means :class:`Holds`.

    Unknown: when no part is met and at least one part is unknown.

    Example:

    >>> rule = AnyOf(OneOf(CERTIFICATE, ("HKZ", "ISO")), REGISTERED)
    >>> rule(situation({"fysio.certificate": "none", "fysio.registered": True})).reason
    'KNGF registration: yes'
    >>> rule(situation({"fysio.certificate": "none"})).reason
    'KNGF registration is not stated (fysio.registered); certificate none is not one of HKZ, ISO'
    """

    def __call__(self, situation: Situation) -> Verdict:
        grouped = _verdicts(self.parts, situation)
        if grouped[MET]:
            return Verdict(MET, "; or ".join(grouped[MET]))
        if grouped[UNKNOWN]:
            return Verdict(UNKNOWN, "; ".join([*grouped[UNKNOWN], *grouped[UNMET]]))
        if grouped[UNMET]:
            return Verdict(UNMET, "; nor ".join(grouped[UNMET]))
        return Verdict(NOT_APPLICABLE, "; ".join(grouped[NOT_APPLICABLE]))


@frozen(init=False)
class Not:
    """Met when the part is unmet, unmet when it is met: "not A".

    Reads: the part's facts. Unknown stays unknown and ``not_applicable`` stays not
    applicable (a negated condition that does not bind still does not bind). The reason is
    the part's, prefixed "not: " when the outcome turned. A yes/no fact means :class:`Holds`.

    Unknown: when the part is unknown.

    Example:

    >>> Not(REGISTERED)(situation({"fysio.registered": False})).reason
    'not: KNGF registration: no'
    >>> Not(REGISTERED)(situation({})).outcome
    <Outcome.UNKNOWN: 'unknown'>
    """

    part: Rule

    def __init__(self, part: Fact | Rule) -> None:
        self.__attrs_init__(_rule(part))

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.part.facts

    def __call__(self, situation: Situation) -> Verdict:
        verdict = self.part(situation)
        turned = {MET: UNMET, UNMET: MET}.get(verdict.outcome)
        if turned is None:
            return verdict
        return Verdict(turned, f"not: {verdict.reason}")
