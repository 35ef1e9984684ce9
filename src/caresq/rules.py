"""Small rule builders: each decides one condition and says which values decided it.

A rule is any object with a ``facts`` tuple and a ``__call__(situation) -> Verdict``
(:class:`caresq.model.Rule`). The builders here cover the shapes policies use: a statement that
must hold, a bound, a choice, a list that must contain items, phone-hour coverage, and the
arrow "b only matters when a" (docs/concepts.md). A missing fact always gives ``unknown``,
never a guess.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Final

from attrs import frozen

from caresq.calendar import within_months
from caresq.facts import Fact
from caresq.model import Outcome, Rule, Situation, Verdict
from caresq.schedule import WeeklySchedule, Window

MET: Final = Outcome.MET
UNMET: Final = Outcome.UNMET
UNKNOWN: Final = Outcome.UNKNOWN
NOT_APPLICABLE: Final = Outcome.NOT_APPLICABLE


def number(value: float) -> str:
    """Render a fraction or count the way a person writes it: 0.15, 3, 0.00001, 9007199254740992.

    Zero is "0" (never "-0"), a whole number is written whole (2**53 as its digits, not
    "9.0072e+15"), and any other number with the fewest digits that read back to it, without
    an exponent while it fits in 2^53 and is not tinier than 1e-15.
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
    """The verdict for a fact the profile does not give."""
    return Verdict(UNKNOWN, f"{fact.label} is not stated ({fact.id})")


@frozen
class FactRule:
    """Base of the rules that judge one fact: unknown when the profile does not give it.

    Subclasses implement :meth:`judge` on the checked value; the unknown case is handled here,
    once, so no rule can forget it.
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


@frozen
class Holds(FactRule):
    """Met when a yes/no fact is true."""

    def judge(self, value: Any) -> Verdict:
        return Verdict(MET if value else UNMET, f"{self.fact.label}: {'yes' if value else 'no'}")


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


@frozen
class AtMost(_Threshold):
    """Met when a number is at most ``limit`` (inclusive: "maximaal 15%" meets at 0.15)."""

    passes = operator.le
    met_words = "is at most"
    unmet_words = "is above the maximum"


@frozen
class AtLeast(_Threshold):
    """Met when a number is at least ``limit`` (inclusive: "minimaal 85%" meets at 0.85)."""

    passes = operator.ge
    met_words = "is at least"
    unmet_words = "is below the minimum"


@frozen
class Above(_Threshold):
    """Met when a number is strictly above ``limit`` ("meer dan 100 fte" means fte > 100)."""

    passes = operator.gt
    met_words = "is more than"
    unmet_words = "is not more than"


@frozen
class OneOf(FactRule):
    """Met when an enum fact is one of ``allowed``."""

    allowed: tuple[str, ...]

    def judge(self, value: Any) -> Verdict:
        verb = "is" if value in self.allowed else "is not"
        return Verdict(MET if value in self.allowed else UNMET,
                       f"{self.fact.label} {value} {verb} one of {', '.join(self.allowed)}")


@frozen
class IncludesAll(FactRule):
    """Met when an enum-list fact holds every item of ``required``."""

    required: tuple[str, ...]

    def judge(self, value: Any) -> Verdict:
        missing = [item for item in self.required if item not in value]
        if missing:
            return Verdict(UNMET, f"{self.fact.label} lack {', '.join(missing)}")
        return Verdict(MET, f"{self.fact.label} include all of {', '.join(self.required)}")


@frozen
class IncludesAny(FactRule):
    """Met when an enum-list fact holds at least one item of ``options``."""

    options: tuple[str, ...]

    def judge(self, value: Any) -> Verdict:
        present = [item for item in self.options if item in value]
        if present:
            return Verdict(MET, f"{self.fact.label} include {', '.join(present)}")
        return Verdict(UNMET, f"{self.fact.label} include none of {', '.join(self.options)}")


@frozen
class Covers(FactRule):
    """Met when a weekly schedule covers a required window (R8.2: the union counts)."""

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


@frozen
class CoversTogether:
    """Met when two weekly schedules together cover a window (R8.8).

    E.g. 24/7 reachability from the regular line and the emergency line: a regular line open
    24/7 serves emergencies too. Unknown only when what is stated does not cover the window and
    a schedule is missing; unmet when both are stated and their union leaves a gap.
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
        union: WeeklySchedule | None = None
        for _, schedule in known:
            union = schedule if union is None else union.union(schedule)
        coverage = union.covers(self.window) if union is not None else None
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


@frozen
class Given:
    """The arrow ``guard → rule``: ``rule`` binds only providers the guard holds for.

    Not applicable when the guard is unmet; when the guard is unknown, met if ``rule`` is met
    anyway (the obligation is fulfilled whichever way the guard goes), else unknown.
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


def given(guard: Fact | Rule, rule: Rule) -> Given:
    """``guard → rule``; a yes/no fact as guard means "when it holds" (:class:`Holds`)."""
    return Given(Holds(guard) if isinstance(guard, Fact) else guard, rule)


@frozen
class Explains(FactRule):
    """A note for the providers a yes/no fact concerns: states ``consequence`` when it holds.

    Not applicable when the fact is false, unknown when it is not stated; a note never decides.
    """

    #: What the policy means for such a provider, e.g. "a follow-up DBC needs authorisation".
    consequence: str

    def judge(self, value: Any) -> Verdict:
        if value:
            return Verdict(MET, f"{self.fact.label}: yes; {self.consequence}")
        return Verdict(NOT_APPLICABLE, f"{self.fact.label}: no")


@frozen
class Complete(FactRule):
    """A submission that must hold every item of ``required``; unknown while one is missing.

    For a request the process waits for, a missing item is not a refusal: the request is not
    complete yet (e.g. "Inkoopproces start nadat wij uw complete aanvraag hebben ontvangen").
    """

    required: tuple[str, ...]
    #: What a missing item means, for the reason, e.g. "the process starts once ... is in".
    pending: str

    def judge(self, value: Any) -> Verdict:
        missing = [item for item in self.required if item not in value]
        if missing:
            return Verdict(UNKNOWN, f"{self.fact.label} lack {', '.join(missing)}: "
                                    f"{self.pending}")
        return Verdict(MET, f"{self.fact.label} include all of {', '.join(self.required)}")


@frozen
class OnOrBefore(FactRule):
    """Met when a date fact falls on or before ``last``."""

    last: date
    #: Why a later date fails, e.g. "too late to be taken over in 2024".
    too_late: str

    def judge(self, value: Any) -> Verdict:
        shown = f"{self.fact.label} on {value.isoformat()}"
        if value <= self.last:
            return Verdict(MET, f"{shown}, by {self.last.isoformat()}")
        return Verdict(UNMET, f"{shown}, after {self.last.isoformat()}: {self.too_late}")


@frozen
class WithinMonthsAfter:
    """Met when ``fact`` falls on or after ``anchor`` and at most ``months`` months after it.

    "Binnen een maand, nadat ..." is inclusive and clips at the month's end: an anchor
    of 31 January 2024 makes 29 February 2024 the last day. Unknown when either date is missing,
    or when ``fact`` is before ``anchor``: the two dates contradict each other, so we ask.
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


@frozen
class NoRecord:
    """Met unless the insurer's own record says true; absent means nothing on record."""

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


@frozen
class AgbPrefix:
    """Met when the provider's AGB code starts with the care-type code (Vektis registration).

    Unknown when the profile leaves the AGB code unknown (``null``), like a fact.
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


@frozen
class Always:
    """A note or expectation that holds for everyone the contract concerns."""

    outcome: Outcome
    reason: str

    @property
    def facts(self) -> tuple[Fact, ...]:
        return ()

    def __call__(self, situation: Situation) -> Verdict:
        return Verdict(self.outcome, self.reason)
