"""Dates in procurement policy: working days, deadlines, contract periods and calendar exports.

Working days are Monday to Friday except the holidays of the *Algemene termijnenwet* art. 3
(docs/concepts.md, "Calendar"). The holiday set is a value, :class:`HolidayCalendar`, so a user
can swap in another rule set (e.g. a labour-practice set where 5 May is free only in lustrum
years) and pass it to every function here. Policy text gives dates as "15 oktober 2023" or
"begin september 2023"; :func:`parse_policy_date` turns those into a :class:`DateSpan`.
:class:`CalendarEvent` is what the procurement-calendar hook collects; :func:`calendar_text`,
:func:`calendar_json` and :func:`calendar_ics` export a list of them.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from attrs import evolve, field, frozen
from attrs.validators import in_
from dateutil.easter import easter

from caresq._memo import bounded
from caresq.model import Citation
from caresq.text import escape_control

__all__ = [
    "AMSTERDAM",
    "BEVRIJDINGSDAG_LUSTRUM",
    "EVENT_KINDS",
    "ICS_PRODID",
    "ICS_REMINDER",
    "REPLY_WORKING_DAYS",
    "TERMIJNENWET",
    "CalendarEvent",
    "DateSpan",
    "Deadline",
    "HolidayCalendar",
    "HolidayRule",
    "Period",
    "add_months",
    "add_working_days",
    "amsterdam",
    "calendar_ics",
    "calendar_json",
    "calendar_text",
    "first_of_next_month",
    "is_working_day",
    "late_start",
    "month_part",
    "non_working_day_note",
    "parse_policy_date",
    "reply_due",
    "within_months",
    "within_working_days",
    "working_days_between",
]

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    import icalendar

    #: Policy deadlines end at the end of the day in this zone (R6.1): :func:`amsterdam`.
    AMSTERDAM: ZoneInfo


@cache
def amsterdam() -> ZoneInfo:
    """Europe/Amsterdam, the zone policy deadlines end in (R6.1); also ``AMSTERDAM``.

    Made on first use: importing zoneinfo and reading the zone is a cost every command would
    pay at start-up, and most never ask for a time of day.
    """
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Amsterdam")


def __getattr__(name: str) -> object:
    if name == "AMSTERDAM":
        return amsterdam()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# ---------------------------------------------------------------------------------------------
# Holidays
# ---------------------------------------------------------------------------------------------


@frozen
class HolidayRule:
    """One holiday: a stable key, its Dutch name and the date it falls on in a given year.

    >>> HolidayRule.fixed("nieuwjaarsdag", "Nieuwjaarsdag", 1, 1).on(2030)
    datetime.date(2030, 1, 1)
    """

    #: Stable identifier used to remove or replace the rule, e.g. "bevrijdingsdag".
    key: str
    #: Dutch name as the law writes it, e.g. "Tweede Pinksterdag".
    name: str
    #: The date in a year, or None when the holiday does not occur that year.
    on: Callable[[int], date | None] = field(repr=False)

    @classmethod
    def fixed(cls, key: str, name: str, month: int, day: int) -> HolidayRule:
        """A holiday on the same calendar date every year."""
        return cls(key, name, lambda year: date(year, month, day))

    @classmethod
    def after_easter(cls, key: str, name: str, days: int) -> HolidayRule:
        """A holiday a fixed number of days from Easter Sunday (negative: before)."""
        return cls(key, name, lambda year: easter(year) + timedelta(days=days))


def _koningsdag(year: int) -> date:
    # Koningsdag moves to the Saturday before when 27 April is a Sunday (Wet van 2013).
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def _bevrijdingsdag_lustrum(year: int) -> date | None:
    # Common labour practice (many CAOs): 5 May is a day off only once every five years.
    return date(year, 5, 5) if year % 5 == 0 else None


#: 5 May as a day off only in lustrum years (2025, 2030, ...): swap it in with ``with_rule``.
BEVRIJDINGSDAG_LUSTRUM = HolidayRule("bevrijdingsdag", "Bevrijdingsdag", _bevrijdingsdag_lustrum)


def _as_rules(rules: Iterable[HolidayRule]) -> tuple[HolidayRule, ...]:
    return tuple(rules)


@frozen
class HolidayCalendar:
    """A replaceable set of holiday rules; working days are Monday to Friday minus its holidays.

    Per-year holiday sets are cached on the instance, because working-day arithmetic runs on
    every assessment.

    >>> TERMIJNENWET.is_holiday(date(2030, 4, 22))
    'Tweede Paasdag'
    >>> TERMIJNENWET.without("bevrijdingsdag").is_holiday(date(2030, 5, 5)) is None
    True
    """

    #: The rules, applied in order; two rules may fall on the same date (names are joined).
    rules: tuple[HolidayRule, ...] = field(converter=_as_rules)
    # A cache is not part of the value: it stays out of equality, hashing and repr.
    _by_year: dict[int, Mapping[date, str]] = field(factory=dict, init=False, eq=False, repr=False)
    # The note of each date asked for: a deadline's note is asked on every assessment of it.
    _notes: dict[date, str | None] = field(factory=dict, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        keys = [rule.key for rule in self.rules]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"holiday rule keys must be unique; repeated: {', '.join(duplicates)}")

    def _year(self, year: int) -> Mapping[date, str]:
        cached = self._by_year.get(year)
        if cached is None:
            found: dict[date, str] = {}
            for rule in self.rules:
                day = rule.on(year)
                if day is not None:
                    found[day] = f"{found[day]} en {rule.name}" if day in found else rule.name
            cached = self._by_year[year] = found
        return cached

    def holidays(self, year: int) -> dict[date, str]:
        """The holidays of ``year``, date to Dutch name, in date order."""
        return dict(sorted(self._year(year).items()))

    def is_holiday(self, d: date) -> str | None:
        """The Dutch name of the holiday on ``d``, or None when ``d`` is not a holiday."""
        return self._year(d.year).get(d)

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a Monday to Friday that is not a holiday."""
        return d.weekday() < 5 and d not in self._year(d.year)

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d``; ``d`` itself when ``n`` is 0.

        ``d`` need not be a working day. Raises ValueError for negative ``n``.
        """
        if n < 0:
            raise ValueError(f"cannot add a negative number of working days ({n})")
        while n:
            d += timedelta(days=1)
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days x with a < x <= b; 0 when b <= a (R8.7)."""
        if b <= a:
            return 0
        weekdays = _weekdays_through(b) - _weekdays_through(a)
        holidays_on_weekdays = sum(
            1
            for year in range(a.year, b.year + 1)
            for day in self._year(year)
            if a < day <= b and day.weekday() < 5
        )
        return weekdays - holidays_on_weekdays

    def without(self, *keys: str) -> HolidayCalendar:
        """A copy without the rules named by ``keys``; an unknown key is a ValueError."""
        unknown = sorted(set(keys) - {rule.key for rule in self.rules})
        if unknown:
            raise ValueError(f"no holiday rule named {', '.join(unknown)}")
        return evolve(self, rules=tuple(rule for rule in self.rules if rule.key not in keys))

    def with_rule(self, rule: HolidayRule) -> HolidayCalendar:
        """A copy with ``rule`` added, replacing (in place) a rule with the same key."""
        if any(existing.key == rule.key for existing in self.rules):
            return evolve(
                self,
                rules=tuple(rule if old.key == rule.key else old for old in self.rules),
            )
        return evolve(self, rules=(*self.rules, rule))


def _weekdays_through(d: date) -> int:
    # Monday to Friday count from date.min (a Monday, ordinal 1) through d inclusive.
    weeks, rest = divmod(d.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


#: The holidays of the Algemene termijnenwet art. 3: the default calendar.
TERMIJNENWET = HolidayCalendar(
    (
        HolidayRule.fixed("nieuwjaarsdag", "Nieuwjaarsdag", 1, 1),
        HolidayRule.after_easter("goede_vrijdag", "Goede Vrijdag", -2),
        HolidayRule.after_easter("tweede_paasdag", "Tweede Paasdag", 1),
        HolidayRule("koningsdag", "Koningsdag", _koningsdag),
        # The Termijnenwet names 5 May every year, unlike most labour agreements.
        HolidayRule.fixed("bevrijdingsdag", "Bevrijdingsdag", 5, 5),
        HolidayRule.after_easter("hemelvaartsdag", "Hemelvaartsdag", 39),
        HolidayRule.after_easter("tweede_pinksterdag", "Tweede Pinksterdag", 50),
        HolidayRule.fixed("eerste_kerstdag", "Eerste Kerstdag", 12, 25),
        HolidayRule.fixed("tweede_kerstdag", "Tweede Kerstdag", 12, 26),
    )
)


def is_working_day(d: date, calendar: HolidayCalendar = TERMIJNENWET) -> bool:
    """Whether ``d`` is a working day: Monday to Friday and not a holiday of ``calendar``.

    >>> is_working_day(date(2030, 12, 25)), is_working_day(date(2030, 12, 27))
    (False, True)
    """
    return calendar.is_working_day(d)


def add_working_days(d: date, n: int, calendar: HolidayCalendar = TERMIJNENWET) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself for n = 0; ValueError for n < 0).

    >>> add_working_days(date(2030, 12, 24), 1)  # over Christmas
    datetime.date(2030, 12, 27)
    """
    return calendar.add_working_days(d, n)


def working_days_between(a: date, b: date, calendar: HolidayCalendar = TERMIJNENWET) -> int:
    """Working days x with a < x <= b (so it undoes :func:`add_working_days` for n >= 0).

    >>> working_days_between(date(2030, 12, 24), date(2030, 12, 27))
    1
    """
    return calendar.working_days_between(a, b)


def add_months(d: date, n: int) -> date:
    """``d`` moved ``n`` months; a day past the month's end clips (31 Jan + 1 = 28/29 Feb).

    What ``d + relativedelta(months=n)`` gives, in plain arithmetic: it is on the hot path of
    every assessment with a request date (a property test holds the two together).

    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    years, month = divmod(d.month - 1 + n, 12)
    year = d.year + years
    day = d.day
    if day > 28:
        day = min(day, monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def first_of_next_month(d: date) -> date:
    """The first day of the month after the month of ``d`` (``d + relativedelta(months=1,
    day=1)``, in plain arithmetic).

    >>> first_of_next_month(date(2030, 3, 15))
    datetime.date(2030, 4, 1)
    """
    if d.month == 12:
        return date(d.year + 1, 1, 1)
    return date(d.year, d.month + 1, 1)


#: "Wij streven ernaar binnen 5 werkdagen een reactie op uw e-mail te geven." (hfst. 5)
REPLY_WORKING_DAYS = 5


def reply_due(sent_on: date, calendar: HolidayCalendar = TERMIJNENWET) -> date:
    """The day by which Caresq aims to answer an e-mail sent on ``sent_on``: 5 working days on.

    >>> reply_due(date(2030, 12, 23))  # Christmas and New Year do not count
    datetime.date(2031, 1, 2)
    """
    return calendar.add_working_days(sent_on, REPLY_WORKING_DAYS)


def within_months(anchor: date, n: int) -> date:
    """Last day (inclusive) of "binnen n maanden na <anchor>": ``anchor`` plus ``n`` months.

    Inclusive: the returned day still meets, and a day past the month's end clips (R6).

    >>> within_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    return add_months(anchor, n)


def within_working_days(anchor: date, n: int, calendar: HolidayCalendar = TERMIJNENWET) -> date:
    """Last day (inclusive) of "binnen n werkdagen na <anchor>".

    >>> within_working_days(date(2030, 4, 19), 1)  # Friday, then Easter Monday
    datetime.date(2030, 4, 23)
    """
    return calendar.add_working_days(anchor, n)


# ---------------------------------------------------------------------------------------------
# Dates in policy text
# ---------------------------------------------------------------------------------------------

_DUTCH_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januari", "februari", "maart", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december",
        ),
        start=1,
    )
}  # fmt: skip
# Notes are English and must not depend on the process locale, so no strftime("%B").
_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
_ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_POLICY_DATE = re.compile(r"(begin|eind|\d{1,2})\s+([a-z]+)\s+(\d{4})")


@frozen
class DateSpan:
    """Inclusive range of days: an exact date (first == last) or a fuzzy one ("begin september").

    >>> str(parse_policy_date("begin september 2029"))
    '2029-09-01..2029-09-10'
    """

    #: First day of the span.
    first: date
    #: Last day of the span, inclusive; never before ``first``.
    last: date

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"date span ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def on(cls, d: date) -> DateSpan:
        """The span of the single day ``d``."""
        return cls(d, d)

    @property
    def is_exact(self) -> bool:
        """Whether the span is one day."""
        return self.first == self.last

    def contains(self, d: date) -> bool:
        """Whether ``d`` lies in the span (both ends included)."""
        return self.first <= d <= self.last

    def __str__(self) -> str:
        if self.is_exact:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


def month_part(part: str, year: int, month: int) -> DateSpan:
    """The span of "begin <month>" (days 1-10) or "eind <month>" (day 21 to the last) (R6.1).

    >>> str(month_part("eind", 2024, 2))
    '2024-02-21..2024-02-29'
    """
    if part == "begin":
        return DateSpan(date(year, month, 1), date(year, month, 10))
    if part == "eind":
        return DateSpan(date(year, month, 21), date(year, month, monthrange(year, month)[1]))
    raise ValueError(f"month part must be 'begin' or 'eind', not {part!r}")


def parse_policy_date(text: str) -> DateSpan:
    """Read a date as policy text writes it: "15 oktober 2023", "begin september 2023", "eind ...".

    An exact date gives a one-day span. Anything else raises ValueError naming the text.

    >>> parse_policy_date("15 oktober 2029").is_exact
    True
    """
    match = _POLICY_DATE.fullmatch(" ".join(text.lower().split()))
    month = _DUTCH_MONTHS.get(match.group(2)) if match else None
    if match is None or month is None:
        raise ValueError(
            f"cannot read {text!r} as a policy date; expected e.g. '15 oktober 2023', "
            "'begin september 2023' or 'eind september 2024'"
        )
    day, year = match.group(1), int(match.group(3))
    if day in ("begin", "eind"):
        return month_part(day, year, month)
    try:
        return DateSpan.on(date(year, month, int(day)))
    except ValueError as error:
        raise ValueError(f"cannot read {text!r} as a policy date: {error}") from None


def _english(d: date) -> str:
    return f"{d.day} {_ENGLISH_MONTHS[d.month - 1]} {d.year}"


def english_date(d: date) -> str:
    """``d`` as a reason writes it: "15 October 2023".

    >>> english_date(date(2023, 10, 15))
    '15 October 2023'
    """
    return _english(d)


#: How many dates' notes a calendar remembers (a batch asks for the same few deadlines).
_NOTES_LIMIT: Final = 1024
#: What a calendar's notes give for a date not asked about yet (None is a note: "no note").
_UNSEEN: Final = ""


def non_working_day_note(d: date, calendar: HolidayCalendar = TERMIJNENWET) -> str | None:
    """A note when ``d`` falls on a weekend or holiday, saying the date in the text stands.

    None on a working day. R6.1: the calendar only notes it; it never moves the date.

    >>> non_working_day_note(date(2029, 9, 30))
    '30 September 2029 is a Sunday; the date in the text stands'
    """
    notes = calendar._notes
    note = notes.get(d, _UNSEEN)  # one look-up: another thread may make room in between two
    if note is _UNSEEN:
        note = bounded(notes, _NOTES_LIMIT)[d] = _non_working_day_note(d, calendar)
    return note


def _non_working_day_note(d: date, calendar: HolidayCalendar) -> str | None:
    reasons = []
    if d.weekday() >= 5:
        reasons.append(f"a {_ENGLISH_WEEKDAYS[d.weekday()]}")
    holiday = calendar.is_holiday(d)
    if holiday is not None:
        reasons.append(holiday)
    if not reasons:
        return None
    return f"{_english(d)} is {' and '.join(reasons)}; the date in the text stands"


@frozen
class Deadline:
    """A named date by which something must happen; inclusive, end of day Europe/Amsterdam.

    Unknown: a step without a date is open; :meth:`is_met_by` gives None then.

    >>> due = Deadline("signing", date(2029, 11, 1), None, "Uiterste tekendatum 1 november 2029")
    >>> due.is_met_by(date(2029, 11, 1)), due.is_met_by(None), due.days_left(date(2029, 10, 30))
    (True, None, 2)
    """

    #: Short name, e.g. "questionnaire".
    name: str
    #: Last day on which the deadline is met.
    due: date
    #: Where the deadline stands in the policy, when it comes from one.
    citation: Citation | None
    #: The Dutch sentence or table cell that sets it.
    text: str

    def ends_at(self) -> datetime:
        """The last instant that still meets the deadline: ``due`` at 23:59:59.999999, Amsterdam.

        This is the inclusive end; the exclusive end is the next midnight.
        """
        return datetime.combine(self.due, time.max, tzinfo=amsterdam())

    def is_met_by(self, d: date | None) -> bool | None:
        """Whether something done on ``d`` meets the deadline; None when ``d`` is None (open)."""
        if d is None:
            return None
        return d <= self.due

    def days_left(self, on: date) -> int:
        """Calendar days from ``on`` to ``due``: 0 on the day itself, negative once past."""
        return (self.due - on).days

    def weekend_or_holiday_note(self, calendar: HolidayCalendar = TERMIJNENWET) -> str | None:
        """A note when ``due`` is not a working day; the date in the text still stands."""
        return non_working_day_note(self.due, calendar)

    def as_event(self, key: str, calendar: HolidayCalendar = TERMIJNENWET) -> CalendarEvent:
        """This deadline as a one-day calendar event, with its weekend or holiday note."""
        return CalendarEvent(
            key=key,
            title=self.name,
            span=DateSpan.on(self.due),
            kind="deadline",
            citation=self.citation,
            text=self.text,
            note=self.weekend_or_holiday_note(calendar),
        )


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


@frozen
class Period:
    """The time a contract runs: ``start`` to ``end``, both days included.

    >>> Period.years(2024, 2).end
    datetime.date(2025, 12, 31)
    """

    #: First day.
    start: date
    #: Last day, inclusive; never before ``start``.
    end: date

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def years(cls, start_year: int, n_years: int) -> Period:
        """1 January of ``start_year`` through 31 December of its ``n_years``-th year."""
        if n_years < 1:
            raise ValueError(f"a period lasts at least one year, not {n_years}")
        return cls(date(start_year, 1, 1), date(start_year + n_years - 1, 12, 31))

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """1 January through 31 December of ``year``."""
        return cls.years(year, 1)

    def contains(self, d: date) -> bool:
        """Whether ``d`` lies in the period (both ends included)."""
        return self.start <= d <= self.end


def late_start(requested_on: date, earliest: date) -> date:
    """Start of a contract requested late: no earlier than ``earliest``, never retroactive.

    "Wij sluiten geen zorgovereenkomsten met terugwerkende kracht. Contractaanbiedingen na
    1 januari 2024 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van
    aanvraag." Reading R8.3: the later of ``earliest`` and the first of the month after
    the month of ``requested_on``.

    >>> late_start(date(2030, 3, 15), date(2030, 1, 1))
    datetime.date(2030, 4, 1)
    """
    return max(earliest, first_of_next_month(requested_on))


# ---------------------------------------------------------------------------------------------
# Procurement calendar events and their exports
# ---------------------------------------------------------------------------------------------

#: The kinds a :class:`CalendarEvent` can have.
EVENT_KINDS = ("deadline", "milestone", "window")


@frozen
class CalendarEvent:
    """One entry of a procurement calendar: an all-day date or span from a policy's planning.

    >>> event = CalendarEvent("fysio-2030.signing", "Uiterste tekendatum",
    ...                       DateSpan.on(date(2029, 11, 1)), "deadline", None,
    ...                       "Uiterste tekendatum 1 november 2029")
    >>> calendar_json([event])[0]["last"]
    '2029-11-01'
    """

    #: Stable id, unique within a calendar,
    #: e.g. "fysio-2025.basis.signing-deadline".
    key: str
    #: Short title.
    title: str
    #: The days it covers, inclusive.
    span: DateSpan
    #: "deadline", "milestone" or "window".
    kind: str = field(validator=in_(EVENT_KINDS))
    #: Where it stands in the policy.
    citation: Citation | None
    #: The Dutch sentence or table cell it encodes.
    text: str
    #: A remark, e.g. that the date falls on a Sunday.
    note: str | None = None


def _in_order(events: Iterable[CalendarEvent]) -> list[CalendarEvent]:
    ordered = sorted(events, key=lambda event: (event.span.first, event.span.last, event.key))
    keys = [event.key for event in ordered]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"calendar event keys must be unique; repeated: {', '.join(duplicates)}")
    return ordered


def calendar_text(events: Iterable[CalendarEvent]) -> str:
    """A readable listing of ``events`` by date: date, kind, title, then the text and its source.

    >>> due = Deadline("signing", date(2029, 11, 1), None, "Tekenen voor 1 november 2029")
    >>> print(calendar_text([due.as_event("fysio.signing")]), end="")
    2029-11-01  deadline   signing
        "Tekenen voor 1 november 2029"
    """
    lines = []
    for event in _in_order(events):
        lines.append(f"{event.span}  {event.kind:<9}  {event.title}")
        source = f" ({event.citation})" if event.citation else ""
        lines.append(f'    "{event.text}"{source}')
        if event.note:
            lines.append(f"    note: {event.note}")
    if not lines:
        return "No calendar events.\n"
    return "\n".join(map(escape_control, lines)) + "\n"


def _citation_json(citation: Citation | None) -> dict[str, str] | None:
    if citation is None:
        return None
    return {"document": citation.document, "chapter": citation.chapter, "section": citation.section}


def calendar_json(events: Iterable[CalendarEvent]) -> list[dict[str, Any]]:
    """``events`` by date as JSON-ready mappings; dates as ISO strings, ``last`` inclusive.

    >>> due = Deadline("signing", date(2029, 11, 1), None, "Tekenen voor 1 november 2029")
    >>> calendar_json([due.as_event("fysio.signing")])[0]["kind"]
    'deadline'
    """
    return [
        {
            "key": event.key,
            "title": event.title,
            "kind": event.kind,
            "first": event.span.first.isoformat(),
            "last": event.span.last.isoformat(),
            "citation": _citation_json(event.citation),
            "text": event.text,
            "note": event.note,
        }
        for event in _in_order(events)
    ]


#: iCalendar product id of our exports.
ICS_PRODID = "-//caresq//procurement calendar//EN"
# DTSTAMP must not be the wall clock: the same events must give the same bytes.
_ICS_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
#: How long before a deadline the exported reminder fires.
ICS_REMINDER = timedelta(days=7)


def calendar_ics(
    events: Iterable[CalendarEvent], *, name: str, stamp: datetime = _ICS_STAMP
) -> bytes:
    """``events`` as an iCalendar file: all-day VEVENTs, a 7-day VALARM before each deadline.

    DTEND is the day after the last day (iCalendar ends are exclusive). UIDs are "<key>@caresq"
    and DTSTAMP is ``stamp`` (a fixed instant by default), so equal input gives equal bytes.

    >>> due = Deadline("signing", date(2029, 11, 1), None, "Tekenen voor 1 november 2029")
    >>> calendar_ics([due.as_event("fysio.signing")], name="Fysio 2030").splitlines()[0]
    b'BEGIN:VCALENDAR'
    """
    import icalendar  # only the export needs it; importing caresq stays quick

    ics = icalendar.Calendar()
    ics.add("prodid", ICS_PRODID)
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("x-wr-calname", _ics_text(escape_control(name)))
    for event in _in_order(events):
        ics.add_component(_vevent(event, stamp))
    data: bytes = ics.to_ical()
    return data


def _ics_text(text: str) -> object:
    """A TEXT value (RFC 5545 3.3.11), escaped here: icalendar's own escaping reads a
    literal backslash-N of the text as a line break, so a name could forge one. Every text
    reaches here through escape_control: its only line breaks are caresq's own."""
    from icalendar.prop import vInline  # written as given

    return vInline(text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                   .replace("\n", "\\n"))


def _vevent(event: CalendarEvent, stamp: datetime) -> icalendar.Event:
    """One all-day VEVENT of ``event``, with a reminder when it is a deadline."""
    import icalendar

    vevent = icalendar.Event()
    vevent.add("uid", escape_control(f"{event.key}@caresq"))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.span.first)
    vevent.add("dtend", event.span.last + timedelta(days=1))
    vevent.add("summary", _ics_text(escape_control(event.title)))
    description = [event.text]
    if event.citation:
        description.append(str(event.citation))
    if event.note:
        description.append(event.note)
    # The newlines between the parts are caresq's own (written as \n).
    vevent.add("description", _ics_text("\n".join(map(escape_control, description))))
    vevent.add("categories", [event.kind])
    # All-day planning entries should not block anyone's agenda.
    vevent.add("transp", "TRANSPARENT")
    if event.kind == "deadline":
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _ics_text(
            escape_control(f"Deadline in {ICS_REMINDER.days} days: {event.title}")))
        alarm.add("trigger", -ICS_REMINDER)
        vevent.add_component(alarm)
    return vevent
