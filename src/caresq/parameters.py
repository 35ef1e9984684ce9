"""Policy parameters: the numbers and dates of a policy, declared as data and overridable.

A plugin declares each threshold and date its rules read as a :class:`Parameter` (through the
``caresq_parameters`` hook), with the citation and Dutch sentence it comes from. The engine
collects them per policy, applies overrides (``Engine.default(parameters={...})``,
``caresq ... --set ID=VALUE``) after checking each value against the parameter's type, and
hands the values in force to the declaration hooks, which build their rules from them::

    @caresq.hookimpl
    def caresq_parameters(policy):
        return [caresq.Parameter("fysio.max_waiting_days", "integer", 10, CITATION,
                                 "Maximaal 10 werkdagen wachttijd.", "maximum waiting days")]

    @caresq.hookimpl
    def caresq_conditions(policy, contract, parameters):
        limit = caresq.parameters.integer(parameters, "fysio.max_waiting_days")
        return [Condition(..., rule=AtMost(WAITING_DAYS, limit))]

A parameter whose value the text does not give has ``value=None`` until it is set.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from typing import Any, Final, TypeVar

from attrs import evolve, frozen

from caresq.errors import CaresqError, PluginError
from caresq.facts import EARLIEST_DATE, LATEST_DATE, MAX_SAFE_INTEGER, parse_date, show_value
from caresq.model import Citation, Policy

#: The types a parameter can have: a fraction in [0, 1], any finite number, a non-negative
#: whole number, a calendar date.
TYPES: Final = ("fraction", "number", "integer", "date")

K = TypeVar("K", bound=Hashable)


class ParameterError(CaresqError, ValueError):
    """An override caresq cannot use: an id no policy declares, or a value of the wrong type."""

    def __init__(self, parameter: str, message: str) -> None:
        #: The parameter id as given.
        self.parameter = parameter
        #: What is wrong with it.
        self.message = message
        super().__init__(f"parameter {parameter}: {message}")


@frozen
class Parameter:
    """A number or date of a policy, with where it stands and what it says."""

    #: Stable id, e.g. "fysio.max_waiting_days".
    id: str
    #: One of :data:`TYPES`.
    type: str
    #: The value in force: a float (fraction, number), an int (integer), a date; ``None`` when
    #: the text names the parameter without giving its value and nobody has set it.
    value: object | None
    citation: Citation
    #: The Dutch sentence the value comes from, quoted from the policy.
    text: str
    #: Short English noun phrase, e.g. "maximum waiting days".
    label: str
    #: Set when the value is a reading of an open text: says what was read.
    reading: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.type not in TYPES:
            raise PluginError(f"parameter {self.id}: type {self.type!r} is not one of "
                              f"{', '.join(TYPES)}")
        if self.value is not None:
            try:
                checked = check_value(self, self.value)
            except ParameterError as error:
                raise PluginError(f"parameter {self.id} declares a bad value: "
                                  f"{error.message}") from None
            # One form per value (100 and 100.0 are one number), so fingerprints agree.
            object.__setattr__(self, "value", checked)

    def with_value(self, value: object) -> Parameter:
        """This parameter with ``value`` in force, checked (and read from text) by its type."""
        return evolve(self, value=check_value(self, value))


def check_value(parameter: Parameter, value: object) -> object:
    """``value`` as ``parameter``'s type holds it; a string is read (``"0.2"``, ``"2023-10-15"``).

    Raises :class:`ParameterError` naming the parameter when the value does not fit.
    """
    if isinstance(value, str):
        value = _read_text(parameter, value)
    if parameter.type == "date":
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise ParameterError(parameter.id, f"{show_value(value)} is not a date (YYYY-MM-DD)")
        if not EARLIEST_DATE <= value <= LATEST_DATE:  # as for the same date given as text
            raise ParameterError(parameter.id, f"{value.isoformat()} is outside the years "
                                               f"{EARLIEST_DATE.year} to {LATEST_DATE.year}")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(parameter.id, f"{show_value(value)} is not a {parameter.type}")
    if isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:  # as a profile's (I-JSON)
        raise ParameterError(parameter.id, f"{show_value(value)} is beyond +-2^53")
    if parameter.type == "integer":
        if not isinstance(value, int) or value < 0:
            raise ParameterError(parameter.id, f"{show_value(value)} is not a whole number "
                                               "of at least 0")
        return value
    number = float(value)
    if not math.isfinite(number):
        raise ParameterError(parameter.id, f"{show_value(value)} is not a finite number")
    if abs(number) > MAX_SAFE_INTEGER:  # no policy sets one; a record would not replay it
        raise ParameterError(parameter.id, f"{show_value(value)} is beyond +-2^53")
    if parameter.type == "fraction" and not 0.0 <= number <= 1.0:
        raise ParameterError(parameter.id, f"{show_value(value)} is not a fraction in [0, 1]")
    return number


def _read_text(parameter: Parameter, text: str) -> object:
    """A value given as text (``--set ID=VALUE``), read by the parameter's type."""
    if parameter.type == "date":
        try:
            return parse_date(text)
        except ValueError as error:  # says which: not YYYY-MM-DD, no such day, out of range
            raise ParameterError(parameter.id, str(error)) from None
    try:
        if parameter.type == "integer":
            return int(text.strip())
        return float(text.strip())
    except ValueError:
        kind = "a whole number" if parameter.type == "integer" else f"a {parameter.type}"
        raise ParameterError(parameter.id, f"{show_value(text)} is not {kind}") from None


def show(value: object) -> str:
    """A value as reasons and listings write it: 0.15, 100, 2023-10-15, "not given"."""
    if value is None:
        return "not given"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def show_fraction(value: float) -> str:
    """A fraction with at least two decimals, as readings quote a percentage: 0.10, 0.125."""
    two = f"{value:.2f}"
    return two if float(two) == value else f"{value:g}"


def parameter_to_json(parameter: Parameter, policy: Policy | None = None,
                      overridden: bool = False) -> dict[str, Any]:
    """The JSON form of a parameter (what ``caresq parameters --format json`` lists)."""
    value = parameter.value
    data: dict[str, Any] = {
        "id": parameter.id, "type": parameter.type,
        "value": value.isoformat() if isinstance(value, date) else value,
        "label": parameter.label,
        "citation": {"document": parameter.citation.document,
                     "chapter": parameter.citation.chapter,
                     "section": parameter.citation.section},
        "text": parameter.text, "reading": parameter.reading, "overridden": overridden}
    if policy is not None:
        data["policy"] = {"care_type": policy.care_type, "contract_year": policy.contract_year,
                          "document": policy.document}
    return data


# -- reading values in a plugin ------------------------------------------------------------------


def _value(values: Mapping[str, object], parameter_id: str) -> object:
    try:
        return values[parameter_id]
    except KeyError:
        raise PluginError(f"parameter {parameter_id!r} is read but no plugin declares it "
                          "for this policy") from None


def number(values: Mapping[str, object], parameter_id: str) -> float:
    """The value of a fraction or number parameter; PluginError when it has none."""
    value = _value(values, parameter_id)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PluginError(f"parameter {parameter_id!r} has no number value ({show(value)})")
    return float(value)


def integer(values: Mapping[str, object], parameter_id: str) -> int:
    """The value of an integer parameter; PluginError when it has none."""
    value = optional_integer(values, parameter_id)
    if value is None:
        raise PluginError(f"parameter {parameter_id!r} has no value")
    return value


def optional_integer(values: Mapping[str, object], parameter_id: str) -> int | None:
    """The value of an integer parameter, or None when the text gives none and none was set."""
    value = _value(values, parameter_id)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise PluginError(f"parameter {parameter_id!r} has no whole-number value ({show(value)})")
    return value


def day(values: Mapping[str, object], parameter_id: str) -> date:
    """The value of a date parameter; PluginError when it has none."""
    value = _value(values, parameter_id)
    if not isinstance(value, date):
        raise PluginError(f"parameter {parameter_id!r} has no date value ({show(value)})")
    return value


def apply_overrides(declared: Mapping[K, Sequence[Parameter]],
                    overrides: Mapping[str, object]) -> dict[K, list[Parameter]]:
    """``declared`` (policy key -> parameters) with ``overrides`` in force, each value checked.

    Raises :class:`ParameterError` for an id no policy declares.
    """
    known = {parameter.id for parameters in declared.values() for parameter in parameters}
    for parameter_id in overrides:
        if parameter_id not in known:
            import difflib  # only for a mistake: every engine is built through here

            close = difflib.get_close_matches(parameter_id, sorted(known), n=3)
            hint = (f"did you mean {' or '.join(close)}?" if close
                    else "'caresq parameters' lists them")
            raise ParameterError(parameter_id, f"no policy declares it; {hint}")
    return {key: [parameter.with_value(overrides[parameter.id])
                  if parameter.id in overrides else parameter
                  for parameter in parameters]
            for key, parameters in declared.items()}
