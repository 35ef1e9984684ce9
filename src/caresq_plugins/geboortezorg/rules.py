"""Rule shapes the birth-care policy needs that :mod:`caresq.rules` does not have (yet).

Each is a frozen attrs object with a ``facts`` tuple and ``__call__(situation) -> Verdict``, the
:class:`caresq.model.Rule` protocol, so they could move to the core unchanged:

- :class:`Complete`: a list that must hold every item, where a missing item means "not yet
  complete" (unknown) rather than "refused" (SPEC §8.4);
- :class:`DatedNoLaterThan`: a dated statement that must exist and not fall after a day;
- :class:`WithinMonthsAfter`: a date due within n months after another date (month-end clips).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from attrs import frozen

from caresq import Fact, Outcome, Situation, Verdict
from caresq.calendar import within_months
from caresq.rules import FactRule, unknown


@frozen
class Complete(FactRule):
    """Met when an enum-list fact holds every item of ``required``; unknown while one is missing.

    For a submission the process waits for: an incomplete list is not a refusal, the request is
    simply not complete yet ("Inkoopproces start nadat wij uw complete aanvraag hebben
    ontvangen").
    """

    required: tuple[str, ...]
    #: What a missing item means, for the reason, e.g. "the process starts once ... is in".
    pending: str

    def judge(self, value: Any) -> Verdict:
        missing = [item for item in self.required if item not in value]
        if missing:
            return Verdict(Outcome.UNKNOWN,
                           f"{self.fact.label} lack {', '.join(missing)}: {self.pending}")
        return Verdict(Outcome.MET, f"{self.fact.label} include all of {', '.join(self.required)}")


@frozen
class DatedNoLaterThan(FactRule):
    """Met when a date fact is given and falls on or before ``last``; unknown when not given."""

    last: date
    #: Why a later date fails, e.g. "too late to be taken over in 2024".
    too_late: str

    def judge(self, value: Any) -> Verdict:
        shown = f"{self.fact.label} on {value.isoformat()}"
        if value <= self.last:
            return Verdict(Outcome.MET, f"{shown}, by {self.last.isoformat()}")
        return Verdict(Outcome.UNMET, f"{shown}, after {self.last.isoformat()}: {self.too_late}")


@frozen
class WithinMonthsAfter:
    """Met when ``fact`` falls on or after ``anchor`` and at most ``months`` months after it.

    Unknown when either date is missing, or when ``fact`` is before ``anchor`` (contradictory).

    "Binnen een maand, nadat ..." is inclusive and clips at the month's end (SPEC §6): an anchor
    of 31 January 2024 makes 29 February 2024 the last day.
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
            return Verdict(Outcome.UNKNOWN, f"{self.anchor.label} has no date ({self.anchor.id}), "
                                            f"so the {self.months}-month window is open")
        if value is None:
            return unknown(self.fact)
        assert isinstance(value, date)
        assert isinstance(start, date)
        due = within_months(start, self.months)
        span = f"{self.months} month{'s' if self.months != 1 else ''}"
        shown = (f"{self.fact.label} on {value.isoformat()}, {self.anchor.label} on "
                 f"{start.isoformat()}")
        if value < start:
            # Nothing can be sent before it exists: the two dates contradict each other, so ask.
            return Verdict(Outcome.UNKNOWN, f"{shown}: the first is before the second, so the "
                                            "dates contradict each other")
        if value <= due:
            return Verdict(Outcome.MET, f"{shown}: within {span}, by {due.isoformat()}")
        return Verdict(Outcome.UNMET, f"{shown}: after {due.isoformat()}, more than {span} later")
