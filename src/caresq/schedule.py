"""Weekly phone-hour schedules and whether they cover a required window.

A profile states phone hours as ``{"mon": ["09:00-17:00"], ..., "sun": []}`` in Europe/Amsterdam
wall-clock time; :func:`parse_schedule` reads that strictly into a :class:`WeeklySchedule` of
merged minute intervals, and :meth:`WeeklySchedule.covers` checks a :class:`Window` such as
"op werkdagen van 09:00 tot 17:00 uur". A weekly schedule has no dates, so holidays are not part
of it: "werkdagen" in a weekly window means Monday to Friday.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain
from typing import Final

import orjson
from attrs import field, frozen

from caresq._memo import bounded
from caresq.calendar import amsterdam

__all__ = [
    "ALWAYS",
    "DAYS",
    "WORKING_DAYS_9_TO_17",
    "Coverage",
    "Interval",
    "ScheduleError",
    "WeeklySchedule",
    "Window",
    "covered_by",
    "parse_schedule",
]

#: Day names in schedule order, Monday first (``date.weekday()`` indexes it).
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MINUTES_PER_DAY = 24 * 60

#: A half-open wall-clock interval ``(start, end)`` in minutes after midnight,
#: 0 <= start < end <= 1440.
Interval = tuple[int, int]


def _merge(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    # Touching intervals merge too: 09:00-12:30 and 12:30-17:00 leave no gap (R8.2).
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _subtract(wanted: Interval, have: Iterable[Interval]) -> list[Interval]:
    """The parts of ``wanted`` outside the sorted, merged intervals ``have``."""
    gaps = []
    cursor, stop = wanted
    for start, end in have:
        if end <= cursor:
            continue
        if start >= stop:
            break
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < stop:
        gaps.append((cursor, stop))
    return gaps


def _check_intervals(instance: object, attribute: object, value: tuple[Interval, ...]) -> None:
    for start, end in value:
        if not 0 <= start < end <= _MINUTES_PER_DAY:
            raise ValueError(f"interval ({start}, {end}) is not within 0 <= start < end <= 1440")


def _hours() -> tuple[Interval, ...]:
    # Seven identical day fields: one definition keeps them from drifting apart.
    return field(default=(), converter=_merge, validator=_check_intervals)


def _clock(minute: int) -> str:
    return _CLOCKS[minute]


#: "HH:MM" of every minute of a day, 00:00 to 24:00: each reason of a gap names four.
_CLOCKS: Final = tuple(f"{minute // 60:02d}:{minute % 60:02d}"
                       for minute in range(_MINUTES_PER_DAY + 1))


@frozen(cache_hash=True)
class Window:
    """Hours something must be available: the same wall-clock interval on each of ``days``.

    Units: ``start`` and ``end`` count **minutes after midnight** (09:00 is 540, 17:00 is
    1020, 24:00 is 1440), not hours; ``end`` is exclusive.

    >>> str(Window(("mon", "tue"), 9 * 60, 17 * 60))
    'mon,tue 09:00-17:00'
    """

    #: Day names from :data:`DAYS`; "werkdagen" is mon-fri, since a weekly window has no dates.
    days: tuple[str, ...]
    #: First required minute after midnight.
    start: int
    #: End (exclusive) in minutes after midnight; 1440 is 24:00.
    end: int

    def __attrs_post_init__(self) -> None:
        unknown = [day for day in self.days if day not in DAYS]
        if unknown:
            raise ValueError(f"unknown day(s) {', '.join(unknown)}; days are {', '.join(DAYS)}")
        if not 0 <= self.start < self.end <= _MINUTES_PER_DAY:
            raise ValueError(f"window {self.start}-{self.end} is not within 0..1440 minutes")

    def __str__(self) -> str:
        return f"{','.join(self.days)} {_clock(self.start)}-{_clock(self.end)}"


#: "op werkdagen telefonisch bereikbaar van 09:00 tot 17:00 uur": Monday-Friday 09:00-17:00.
WORKING_DAYS_9_TO_17 = Window(DAYS[:5], 9 * 60, 17 * 60)
#: 24/7: every day 00:00-24:00.
ALWAYS = Window(DAYS, 0, _MINUTES_PER_DAY)


@frozen
class Coverage:
    """What a schedule leaves uncovered of a window: nothing (covered) or a list of gaps.

    >>> parse_schedule({"mon": ["09:00-12:00"]}).covers(Window(("mon",), 540, 780)).describe()
    'not covered: mon 12:00-13:00'
    """

    #: Each uncovered piece as (day, start minute, end minute), in day and time order.
    gaps: tuple[tuple[str, int, int], ...] = ()

    @property
    def covered(self) -> bool:
        """Whether the window is covered completely."""
        return not self.gaps

    def describe(self) -> str:
        """In words, e.g. "covered" or "not covered: mon 12:30-13:00, sat 00:00-24:00"."""
        if self.covered:
            return "covered"
        pieces = ", ".join(f"{day} {_clock(start)}-{_clock(end)}" for day, start, end in self.gaps)
        return f"not covered: {pieces}"


@frozen(cache_hash=True)  # hashed on every assessment (memoised findings key on it)
class WeeklySchedule:
    """Opening hours per weekday as merged, sorted minute intervals (wall-clock, Amsterdam).

    Build one from JSON with :func:`parse_schedule`; intervals are minutes after midnight.

    >>> parse_schedule({"mon": ["09:00-12:00", "11:00-17:00"]}).mon
    ((540, 1020),)
    """

    #: Monday's intervals; overlapping or touching ones are merged on construction.
    mon: tuple[Interval, ...] = _hours()
    #: Tuesday's intervals.
    tue: tuple[Interval, ...] = _hours()
    #: Wednesday's intervals.
    wed: tuple[Interval, ...] = _hours()
    #: Thursday's intervals.
    thu: tuple[Interval, ...] = _hours()
    #: Friday's intervals.
    fri: tuple[Interval, ...] = _hours()
    #: Saturday's intervals.
    sat: tuple[Interval, ...] = _hours()
    #: Sunday's intervals.
    sun: tuple[Interval, ...] = _hours()

    def on(self, day: str) -> tuple[Interval, ...]:
        """The intervals of ``day`` (a name from :data:`DAYS`)."""
        if day not in DAYS:
            raise ValueError(f"unknown day {day!r}; days are {', '.join(DAYS)}")
        hours: tuple[Interval, ...] = getattr(self, day)
        return hours

    def covers(self, window: Window) -> Coverage:
        """Which parts of ``window`` the schedule leaves open, on every day the window names.

        Met only when the union of the intervals covers the whole window (R8.2).
        """
        return covered_by((self,), window)

    def covers_on(self, day: date, window: Window) -> Coverage:
        """Like :meth:`covers`, for one real date in Europe/Amsterdam.

        Wall-clock minutes that do not exist that day (02:00-03:00 on the spring-forward Sunday)
        are not required; the repeated autumn hour is covered when its wall-clock time is.
        Holidays are not considered: the window's day names decide.
        """
        name = DAYS[day.weekday()]
        if name not in window.days:
            return Coverage()
        required = _subtract((window.start, window.end), _nonexistent_minutes(day))
        return Coverage(
            tuple(
                (name, start, end)
                for wanted in required
                for start, end in _subtract(wanted, self.on(name))
            )
        )

    def union(self, other: WeeklySchedule) -> WeeklySchedule:
        """The hours either schedule is open, day by day (R8.8: two lines count together)."""
        return WeeklySchedule(*(self.on(day) + other.on(day) for day in DAYS))

    def to_json(self) -> dict[str, list[str]]:
        """The canonical mapping: all seven days, merged "HH:MM-HH:MM" strings."""
        return {
            day: [f"{_clock(start)}-{_clock(end)}" for start, end in self.on(day)] for day in DAYS
        }


def covered_by(schedules: Sequence[WeeklySchedule], window: Window) -> Coverage:
    """Which parts of ``window`` the ``schedules`` together leave open: what the union of
    them :meth:`~WeeklySchedule.covers` (R8.8: two lines count together).

    >>> covered_by([parse_schedule({"mon": ["00:00-12:00"]}),
    ...             parse_schedule({"mon": ["12:00-24:00"]})], Window(("mon",), 0, 1440)).covered
    True
    """
    # Remembered per day: schedules repeat their days far more than whole weeks (and pairs).
    window_span = (window.start, window.end)
    gaps: list[tuple[str, int, int]] = []
    for day in DAYS:
        if day not in window.days:
            continue
        key = (tuple([getattr(schedule, day) for schedule in schedules]), window_span)
        open_ = _DAY_GAPS.get(key)
        if open_ is None:
            open_ = tuple(_subtract(window_span, _merge(chain.from_iterable(key[0]))))
            bounded(_DAY_GAPS, _DAY_GAPS_LIMIT)[key] = open_
        gaps.extend([(day, start, end) for start, end in open_])
    return Coverage(tuple(gaps))


#: What a window leaves open on one day, by the day's intervals of each schedule.
_DAY_GAPS: dict[tuple[tuple[tuple[Interval, ...], ...], Interval], tuple[Interval, ...]] = {}
_DAY_GAPS_LIMIT: Final = 4096


def _nonexistent_minutes(day: date) -> tuple[Interval, ...]:
    """The wall-clock interval a forward clock change skips on ``day``; () on other days."""
    zone = amsterdam()
    start = datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)
    stop = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    minutes = int((stop - start).total_seconds()) // 60
    if minutes >= _MINUTES_PER_DAY:
        return ()  # only a day shorter than 24 hours skips wall-clock time
    offset = _offset_minutes(start)
    # Until the change, wall-clock minute == minutes since midnight; find the first changed one.
    low, high = 0, minutes
    while low < high:
        middle = (low + high) // 2
        if _offset_minutes(start + timedelta(minutes=middle)) == offset:
            low = middle + 1
        else:
            high = middle
    return ((low, low + _offset_minutes(start + timedelta(minutes=low)) - offset),)


def _offset_minutes(instant: datetime) -> int:
    offset = instant.astimezone(amsterdam()).utcoffset()
    assert offset is not None  # a ZoneInfo always gives an offset
    return int(offset.total_seconds()) // 60


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


class ScheduleError(ValueError):
    """A schedule that cannot be read; ``problems`` lists every problem as (path, message).

    >>> parse_schedule({"mon": ["9-17"]})
    Traceback (most recent call last):
    ...
    caresq.schedule.ScheduleError: ["mon"][0]: "9-17" is not "HH:MM-HH:MM"
    """

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        #: (path suffix such as '["mon"][1]', message) for every problem found.
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        super().__init__("\n".join(f"{path}: {message}" for path, message in self.problems))


_SHAPE = '"HH:MM-HH:MM"'
#: ASCII only: int() would read Arabic-Indic or fullwidth digits as times.
_INTERVAL = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", re.ASCII)


def _json_type(value: object) -> str:
    # Name types as the JSON profile writes them; the Python names mean nothing to its author.
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _minute(hour: str, minute: str, *, is_end: bool, problems: list[str]) -> int | None:
    clock = f"{hour}:{minute}"
    if int(minute) >= 60:
        problems.append(f"minutes in {clock} must be below 60")
    elif int(hour) > 24 or (int(hour) == 24 and int(minute) > 0):
        problems.append(f"{clock} is past 24:00")
    elif int(hour) == 24 and not is_end:
        problems.append("24:00 can only end an interval")
    else:
        return int(hour) * 60 + int(minute)
    return None


def _parse_interval(text: str) -> tuple[Interval | None, list[str]]:
    match = _INTERVAL.fullmatch(text.strip())
    if match is None:
        return None, [f"{json.dumps(text)} is not {_SHAPE}"]
    problems: list[str] = []
    start = _minute(match[1], match[2], is_end=False, problems=problems)
    end = _minute(match[3], match[4], is_end=True, problems=problems)
    if start is None or end is None:
        return None, [f"{json.dumps(text)}: {problem}" for problem in problems]
    if end < start:
        return None, [f"{json.dumps(text)} ends before it starts"]
    if end == start:
        return None, [f"{json.dumps(text)} is empty"]
    return (start, end), []


#: Schedules already read, by their JSON form (orjson's bytes: the same bytes are the same JSON
#: value, down to 1 against 1.0 and true). Providers' hours repeat (most state one of a handful
#: of office hours), so a batch reads each distinct schedule once. Bounded: when full it forgets
#: its older half, so memory stays flat however many distinct schedules come by.
_READ: dict[bytes, WeeklySchedule] = {}
#: (100,000 generated profiles state ~1,700 distinct schedules, phone and emergency lines together.)
_READ_LIMIT = 2048
#: One object per distinct schedule read, whatever JSON form it came in: remembered findings
#: key on schedules, and the same object is found without comparing its days.
_CANONICAL: dict[WeeklySchedule, WeeklySchedule] = {}


def _cache_key(value: object) -> bytes | None:
    """The JSON form as a key; None for a value that is not a JSON object.

    Only schedules that read cleanly are stored, so a key of anything else finds nothing and
    is read (and refused) in full.
    """
    if type(value) is not dict:
        return None
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)  # the day order does not matter
    except TypeError:  # a lone surrogate, or a value that JSON has no form for
        return None


def parse_schedule(value: object) -> WeeklySchedule:
    """Read ``{"mon": ["09:00-17:00"], ...}`` strictly; a day left out has no hours.

    Raises ScheduleError listing every problem with its path: unknown days, non-list days,
    non-string entries, bad syntax, impossible times, empty or reversed intervals. The same
    JSON form always gives an equal schedule (often the same object: reads are cached).

    >>> parse_schedule({"sat": ["10:00-24:00"]}).to_json()["sat"]
    ['10:00-24:00']
    """
    key = _cache_key(value)
    schedule = None if key is None else _READ.get(key)
    if schedule is None:
        schedule = _parse_schedule(value)  # raises on a bad schedule: errors are never cached
        schedule = bounded(_CANONICAL, _READ_LIMIT).setdefault(schedule, schedule)
        if key is not None:
            bounded(_READ, _READ_LIMIT)[key] = schedule
    return schedule


def _parse_schedule(value: object) -> WeeklySchedule:
    if not isinstance(value, Mapping):
        raise ScheduleError(
            [("", f"expected an object of day names to lists of {_SHAPE}, got {_json_type(value)}")]
        )
    problems: list[tuple[str, str]] = []
    days: dict[str, list[Interval]] = {}
    for day, entries in value.items():
        path = f"[{json.dumps(day)}]" if isinstance(day, str) else f"[{day!r}]"
        if day not in DAYS:
            problems.append((path, f"unknown day {day!r}; days are {', '.join(DAYS)}"))
            continue
        if not isinstance(entries, list | tuple):
            problems.append(
                (path, f"expected a list of {_SHAPE} strings, got {_json_type(entries)}")
            )
            continue
        days[day] = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                problems.append(
                    (f"{path}[{index}]", f"expected a {_SHAPE} string, got {_json_type(entry)}")
                )
                continue
            interval, messages = _parse_interval(entry)
            problems.extend((f"{path}[{index}]", message) for message in messages)
            if interval is not None:
                days[day].append(interval)
    if problems:
        raise ScheduleError(problems)
    return WeeklySchedule(**{day: tuple(intervals) for day, intervals in days.items()})
