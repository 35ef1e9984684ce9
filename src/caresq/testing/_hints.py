"""What the rules of a contract reveal about interesting values: thresholds, choices, dates.

The generated profiles of :mod:`caresq.testing.strategies` aim at the values where a rule turns:
the limit of a bound (0.15 exactly for "maximaal 15%"), the items a list must hold, the window a
schedule must cover, the dates of deadlines. Nothing here is declared by a plugin for testing:
it is read from the conditions the plugin already declares, by walking their rule objects. The
core rule builders are recognised by type; any other attrs rule is searched for nested rules and
dates, so a plugin's own rule shapes still contribute their deadlines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, cast

import attrs
from attrs import frozen

from caresq.calendar import CalendarEvent, within_months
from caresq.facts import Fact, FactType, FactValueError
from caresq.model import Condition
from caresq.rules import (
    Above,
    AgbPrefix,
    AtLeast,
    AtMost,
    Complete,
    Covers,
    CoversTogether,
    Holds,
    IncludesAll,
    IncludesAny,
    NoRecord,
    OneOf,
    OnOrBefore,
    WithinMonthsAfter,
)
from caresq.schedule import DAYS, Window

#: How far the walk goes into nested attrs objects; rules are shallow, this only stops cycles.
_MAX_DEPTH = 8
#: The step beside a fraction threshold: 0.15 gives 0.14 and 0.16.
_FRACTION_STEP = 0.01


@frozen
class Hints:
    """Values worth trying for the facts and applications of some contracts."""

    #: JSON values at and beside the limits the rules use, by fact id.
    boundaries: Mapping[str, tuple[object, ...]]
    #: JSON values that meet a rule reading the fact, by fact id.
    meeting: Mapping[str, tuple[object, ...]]
    #: Windows a schedule fact must cover, by fact id.
    windows: Mapping[str, tuple[Window, ...]]
    #: AGB-code prefixes a rule requires (a care-type code).
    agb_prefixes: tuple[str, ...]
    #: Dates the policy names, each with the day after it, ascending: for application dates.
    dates: tuple[date, ...]


class _Collector:
    def __init__(self, year: int) -> None:
        self.year = year
        self.boundaries: dict[str, list[object]] = {}
        self.meeting: dict[str, list[object]] = {}
        self.windows: dict[str, list[Window]] = {}
        self.prefixes: list[str] = []
        self.dates: set[date] = set()

    def add(self, table: dict[str, list[Any]], fact: Fact, *values: object) -> None:
        bucket = table.setdefault(fact.id, [])
        bucket.extend(value for value in values if value not in bucket and _fits(fact, value))

    def add_date(self, day: date) -> None:
        self.dates.update((day, day + timedelta(days=1)))

    def walk(self, obj: object, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(obj, date):
            self.add_date(obj)
        elif isinstance(obj, tuple | list | frozenset | set):
            for item in obj:
                self.walk(item, depth + 1)
        elif not self.known(obj) and attrs.has(type(obj)):
            # Given, Deadline, a plugin's own rule: search its fields for rules and dates.
            for attribute in attrs.fields(cast(Any, type(obj))):
                self.walk(getattr(obj, attribute.name), depth + 1)

    def known(self, rule: object) -> bool:
        """Record what a core rule builder reveals; False for any other object."""
        if isinstance(rule, AtMost | AtLeast | Above):
            self.threshold(rule)
        elif isinstance(rule, Holds):
            self.add(self.meeting, rule.fact, True)
            self.add(self.boundaries, rule.fact, True, False)
        elif isinstance(rule, OneOf):
            self.add(self.meeting, rule.fact, *rule.allowed)
            self.add(self.boundaries, rule.fact, *rule.fact.choices)
        elif isinstance(rule, IncludesAll | Complete):
            required = list(rule.required)
            self.add(self.meeting, rule.fact, required)
            self.add(self.boundaries, rule.fact, required,
                     *(required[:i] + required[i + 1:] for i in range(len(required))))
        elif isinstance(rule, IncludesAny):
            self.add(self.meeting, rule.fact, *([option] for option in rule.options))
            rest = [choice for choice in rule.fact.choices if choice not in rule.options]
            self.add(self.boundaries, rule.fact, [], rest)
        elif isinstance(rule, Covers):
            self.windows.setdefault(rule.fact.id, []).append(rule.window)
        elif isinstance(rule, CoversTogether):
            # Either schedule may cover the window alone: each is drawn around it.
            for fact in rule.facts:
                self.windows.setdefault(fact.id, []).append(rule.window)
        elif isinstance(rule, OnOrBefore):
            self.add(self.meeting, rule.fact, rule.last.isoformat())
            self.add(self.boundaries, rule.fact, rule.last.isoformat(),
                     (rule.last + timedelta(days=1)).isoformat())
            self.add_date(rule.last)
        elif isinstance(rule, WithinMonthsAfter):
            self.within_months(rule)
        elif isinstance(rule, NoRecord):
            self.add(self.meeting, rule.fact, False)
        elif isinstance(rule, AgbPrefix):
            if rule.prefix not in self.prefixes:
                self.prefixes.append(rule.prefix)
        else:
            return False
        return True

    def threshold(self, rule: AtMost | AtLeast | Above) -> None:
        fact, limit = rule.fact, rule.limit
        if fact.type is FactType.INTEGER:
            whole = int(limit)
            near = [n for n in (whole - 1, whole, whole + 1) if n >= 0]
            met = whole + 1 if isinstance(rule, Above) else whole
            self.add(self.boundaries, fact, *near)
            self.add(self.meeting, fact, met)
        elif fact.type is FactType.FRACTION:
            steps = (-_FRACTION_STEP, 0.0, _FRACTION_STEP)
            beside = [round(limit + step, 10) for step in steps]
            self.add(self.boundaries, fact, *(x for x in beside if 0.0 <= x <= 1.0))
            above = min(1.0, round(limit + _FRACTION_STEP, 10))
            meets: float = above if isinstance(rule, Above) else limit
            self.add(self.meeting, fact, meets)

    def within_months(self, rule: WithinMonthsAfter) -> None:
        # Both dates on one day meet "within n months after"; the window's last day and the
        # day after it are where it turns.
        anchor = date(self.year - 1, 11, 30)
        last = within_months(anchor, rule.months)
        self.add(self.meeting, rule.anchor, anchor.isoformat())
        self.add(self.meeting, rule.fact, anchor.isoformat())
        self.add(self.boundaries, rule.anchor, anchor.isoformat())
        self.add(self.boundaries, rule.fact, last.isoformat(),
                 (last + timedelta(days=1)).isoformat(),
                 (anchor - timedelta(days=1)).isoformat())
        self.add_date(anchor)

    def finish(self, facts: Mapping[str, Fact]) -> Hints:
        for fact_id, windows in self.windows.items():
            fact = facts.get(fact_id)
            if fact is not None:
                self.add(self.meeting, fact, covering(windows))
                self.add(self.boundaries, fact, *boundary_schedules(windows))
        return Hints(
            boundaries={k: tuple(v) for k, v in self.boundaries.items()},
            meeting={k: tuple(v) for k, v in self.meeting.items()},
            windows={k: tuple(v) for k, v in self.windows.items()},
            agb_prefixes=tuple(self.prefixes),
            dates=tuple(sorted(self.dates)),
        )


def _fits(fact: Fact, value: object) -> bool:
    # A rule may be used on a fact of another type (Holds on a fraction): only valid values
    # are worth trying, since every generated profile must read without a ProfileError.
    try:
        fact.check(value)
    except FactValueError:
        return False
    return True


def collect(conditions: Iterable[Condition], facts: Mapping[str, Fact], year: int,
            events: Iterable[CalendarEvent] = ()) -> Hints:
    """The hints the rules of ``conditions`` and the dated lines ``events`` give."""
    collector = _Collector(year)
    for condition in conditions:
        collector.walk(condition.rule)
    for event in events:
        collector.add_date(event.span.first)
        collector.add_date(event.span.last)
    return collector.finish(facts)


# -- schedules around a window ----------------------------------------------------------------


def clock(minute: int) -> str:
    """Minutes after midnight as ``HH:MM``; 1440 is ``24:00``."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def span(start: int, end: int) -> str:
    """An interval as a profile writes it, e.g. ``09:00-17:00``."""
    return f"{clock(start)}-{clock(end)}"


def covering(windows: Iterable[Window]) -> dict[str, list[str]]:
    """A schedule that covers every window exactly, each day its union of required hours."""
    days: dict[str, list[str]] = {}
    for window in windows:
        for day in window.days:
            days.setdefault(day, []).append(span(window.start, window.end))
    return {day: days[day] for day in DAYS if day in days}


def boundary_schedules(windows: Iterable[Window]) -> list[dict[str, list[str]]]:
    """Schedules where coverage turns: split at noon (met), a gap, a minute short, a day off."""
    schedules: list[dict[str, list[str]]] = []
    for window in windows:
        middle = (window.start + window.end) // 2
        if middle <= window.start:  # a one-minute window cannot be split
            continue
        split = {day: [span(window.start, middle), span(middle, window.end)]
                 for day in window.days}
        gap = {day: [span(window.start, middle)]
               + ([span(middle + 30, window.end)] if middle + 30 < window.end else [])
               for day in window.days}
        short = {day: [span(window.start + 1, window.end)] for day in window.days}
        day_off = {day: [span(window.start, window.end)] for day in window.days[1:]}
        schedules += [split, gap, short, day_off]
    return schedules
