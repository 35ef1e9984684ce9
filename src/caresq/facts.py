"""The fact catalogue: what a provider can state about itself, typed, with its question.

A :class:`Fact` is one entry of the questionnaire (*vragenlijst*). Plugins declare facts through
the ``caresq_facts`` hook; rules read them; profiles are checked against them at the edge, so the
inside only ever sees valid values.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Final

from attrs import field, frozen

from caresq.schedule import ScheduleError, WeeklySchedule, parse_schedule

_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only, not \d
#: The largest whole number a JSON reader anywhere reads exactly (I-JSON, RFC 7493): numbers
#: beyond +-2^53 are refused rather than rounded or carried into arithmetic that overflows.
MAX_SAFE_INTEGER: Final = 2**53
#: The dates a profile may give. Rules add months and years to dates; far from today that
#: overflows (``date.max`` is 9999-12-31) or means nothing for a contract year.
EARLIEST_DATE: Final = date(1900, 1, 1)
LATEST_DATE: Final = date(2999, 12, 31)


class FactType(enum.Enum):
    """The value types a fact can take (docs/profile.md)."""

    BOOL = "bool"
    #: A number in [0, 1].
    FRACTION = "fraction"
    #: A non-negative integer.
    INTEGER = "integer"
    #: ``YYYY-MM-DD``.
    DATE = "date"
    #: One string of ``choices``.
    ENUM = "enum"
    #: A list of distinct strings of ``choices``.
    ENUM_LIST = "enum list"
    #: A weekly schedule ``{"mon": ["09:00-17:00"], ...}``, Europe/Amsterdam wall-clock time.
    SCHEDULE = "schedule"


class FactValueError(ValueError):
    """A value that does not fit its fact; the messages name what is wrong, paths are relative."""

    def __init__(self, problems: tuple[tuple[str, str], ...]) -> None:
        super().__init__("; ".join(f"{path}: {message}" if path else message
                                   for path, message in problems))
        #: ``(path suffix, message)`` pairs, e.g. ``('["mon"][0]', '"9-17" is not HH:MM-HH:MM')``.
        self.problems = problems


def _require_choices(instance: Fact, attribute: object, value: tuple[str, ...]) -> None:
    needs_choices = instance.type in (FactType.ENUM, FactType.ENUM_LIST)
    if needs_choices != bool(value):
        raise ValueError(f"fact {instance.id}: choices are required for enum facts and only there")


@frozen
class Fact:
    """One question of the questionnaire, and the type of its answer."""

    #: Namespaced id, e.g. "fysio.patient_score".
    id: str
    type: FactType
    #: Short English noun phrase used in reasons, e.g. "zzp share".
    label: str
    #: The question as a provider reads it.
    question: str
    #: Allowed strings for enum and enum-list facts.
    choices: tuple[str, ...] = field(default=(), validator=_require_choices)
    #: False for what the provider cannot change or state, such as the insurer's own records:
    #: advice never asks it and no repair changes it.
    changeable: bool = True

    def check(self, value: object) -> object:
        """Return ``value`` in its inside form (date, schedule, tuple), or raise FactValueError."""
        return _CHECKERS[self.type](self, value)

    def checker(self) -> Callable[[object], object]:
        """:meth:`check` with the choice of check made once, for reading many values."""
        return partial(_CHECKERS[self.type], self)

    def describe_type(self) -> str:
        """The type as a questionnaire shows it, e.g. "enum: NEN-EN | ISO | HKZ | none"."""
        if self.choices:
            return f"{self.type.value}: {' | '.join(self.choices)}"
        return self.type.value


def json_value(value: object) -> object:
    """A checked value in its JSON form, as a profile writes it (undoes :meth:`Fact.check`)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, WeeklySchedule):
        return value.to_json()
    return value


def _fail(message: str) -> FactValueError:
    return FactValueError((("", message),))


def show_value(value: object) -> str:
    """A short JSON-like rendering of a bad value, so messages stay readable for deep input."""
    if isinstance(value, str):
        text = f'"{value}"'
    elif value is None:
        text = "null"  # as the profile writes it, not Python's None
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = "an object"
    elif isinstance(value, list):
        text = "an array"
    elif isinstance(value, float) and not math.isfinite(value):
        text = "NaN" if math.isnan(value) else "-Infinity" if value < 0 else "Infinity"
    elif isinstance(value, int) and value.bit_length() > 128:
        # repr of a huge int is slow, and past 4300 digits refused by Python itself
        text = f"a {'negative ' if value < 0 else ''}number of {len(_digits(value))} digits"
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _digits(value: int) -> str:
    try:
        return str(abs(value))
    except ValueError:  # more digits than Python converts: about 0.30103 per bit
        return "0" * int(abs(value).bit_length() * 0.30103)


def _check_bool(fact: Fact, value: object) -> object:
    if not isinstance(value, bool):
        raise _fail(f"{show_value(value)} is not true or false")
    return value


def _check_fraction(fact: Fact, value: object) -> object:
    if type(value) is float:  # the common case first
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > MAX_SAFE_INTEGER:  # float() of a huge int overflows
            raise _fail(f"{show_value(value)} is beyond +-2^53")
        number = float(value)
    elif isinstance(value, float):
        number = float(value)
    else:
        raise _fail(f"{show_value(value)} is not a number")
    if not math.isfinite(number):
        raise _fail(f"{show_value(value)} is not a finite number")
    if not 0.0 <= number <= 1.0:
        raise _fail(f"{show_value(value)} is not a fraction in [0, 1]")
    return number + 0.0  # -0.0 becomes 0.0: the same fraction, shown as 0


def _check_integer(fact: Fact, value: object) -> object:
    if not isinstance(value, int) or isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise _fail(f"{show_value(value)} is not a finite number")
        raise _fail(f"{show_value(value)} is not a whole number")
    if value < 0:
        raise _fail(f"{show_value(value)} is negative")
    if value > MAX_SAFE_INTEGER:
        raise _fail(f"{show_value(value)} is beyond 2^53 ({MAX_SAFE_INTEGER})")
    return int(value)  # an int subclass (such as an IntEnum) becomes a plain int


def parse_date(value: object) -> date:
    """Read a ``YYYY-MM-DD`` string as a real calendar date from 1900 to 2999.

    Raises ValueError otherwise: another shape, digits other than 0-9, a day that does not
    exist, or a year outside :data:`EARLIEST_DATE`..:data:`LATEST_DATE`.
    """
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(f"{show_value(value)} is not a date (YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f'"{value}" is not a real date') from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f'"{value}" is outside the years {EARLIEST_DATE.year} to '
                         f"{LATEST_DATE.year}")
    return day


def _check_date(fact: Fact, value: object) -> object:
    try:
        return parse_date(value)
    except ValueError as error:
        raise _fail(str(error)) from None


def _check_enum(fact: Fact, value: object) -> object:
    if not isinstance(value, str) or value not in fact.choices:
        raise _fail(f"{show_value(value)} is not one of {', '.join(fact.choices)}")
    return str.__str__(value)  # a plain str, even from a subclass (see CHECKED_TYPES)


def _check_enum_list(fact: Fact, value: object) -> object:
    if not isinstance(value, list):
        raise _fail(f"{show_value(value)} is not a list of {', '.join(fact.choices)}")
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, str) or item not in fact.choices:
            allowed = ", ".join(fact.choices)
            problems.append((f"[{index}]", f"{show_value(item)} is not one of {allowed}"))
        elif item in seen:
            problems.append((f"[{index}]", f'"{item}" is listed twice'))
        else:
            seen.add(item)
    if problems:
        raise FactValueError(tuple(problems))
    return tuple(map(str.__str__, value))


def _check_schedule(fact: Fact, value: object) -> object:
    try:
        return parse_schedule(value)
    except ScheduleError as error:
        raise FactValueError(error.problems) from None


_CHECKERS: Final = {
    FactType.BOOL: _check_bool,
    FactType.FRACTION: _check_fraction,
    FactType.INTEGER: _check_integer,
    FactType.DATE: _check_date,
    FactType.ENUM: _check_enum,
    FactType.ENUM_LIST: _check_enum_list,
    FactType.SCHEDULE: _check_schedule,
}

#: The Python type of a checked value of each fact type, whichever road read it: what every
#: value of a profile the reader made has (the assessment's memories key on it).
CHECKED_TYPES: Final[Mapping[FactType, type]] = {
    FactType.BOOL: bool,
    FactType.FRACTION: float,
    FactType.INTEGER: int,
    FactType.DATE: date,
    FactType.ENUM: str,
    FactType.ENUM_LIST: tuple,
    FactType.SCHEDULE: WeeklySchedule,
}
