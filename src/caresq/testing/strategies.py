"""Hypothesis strategies for caresq profiles, derived from the fact catalogue the plugins declare.

A new care-type plugin gets generated profiles without writing a strategy: :func:`profiles`
reads the questionnaire of each contract from the engine and aims at the values where the
plugin's own rules turn (a fraction fact bounded by ``AtMost(fact, 0.15)`` gets 0.15 exactly,
0.14 and 0.16; a schedule that must cover 09:00-17:00 gets one split at noon and one with a
lunch gap), at unknown facts, and at the dates of the policy's deadlines::

    from hypothesis import given
    from caresq.testing import profiles

    @given(profiles("fysio.basis"))           # the installed plugins; or engine=...
    def test_a_profile_is_never_refused_for_its_name(profile):
        ...

Every strategy here draws JSON-shaped values, as a provider writes them (dates as
``"YYYY-MM-DD"``, schedules as ``{"mon": ["09:00-17:00"]}``), and every value is valid: the
engine reads it without a :class:`~caresq.ProfileError`. Arguments are checked when a value is
first drawn; a bad one raises :class:`hypothesis.errors.InvalidArgument` then, not at import.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("caresq.testing needs Hypothesis: pip install 'caresq[testing]'") from error

from caresq.engine import Engine
from caresq.facts import Fact, FactType, FactValueError
from caresq.registry import ContractSpec
from caresq.schedule import ALWAYS, DAYS, Window
from caresq.testing import _hints
from caresq.testing._hints import Hints

__all__ = ["agb_codes", "fact_values", "profiles", "schedules"]

#: How a profile's facts are drawn, simplest first (Hypothesis shrinks towards the first):
#: every fact unknown; each fact on its own; every fact meeting the rules; every fact known.
_MODES: Final = ("empty", "mixed", "meeting", "known")
_MODE: Final = st.sampled_from(_MODES)
_HOW_MIXED: Final = st.sampled_from(("unknown", "meeting", "boundary", "any"))
_HOW_KNOWN: Final = st.sampled_from(("meeting", "boundary", "any"))
_NAMES: Final = st.none() | st.text(max_size=40)
_BOOLEANS: Final = st.booleans()
_EARLIEST: Final = date(1990, 1, 1)
_LATEST: Final = date(2060, 12, 31)
_MINUTES_PER_DAY: Final = 24 * 60


# -- AGB codes -----------------------------------------------------------------------------------


def agb_codes(*, prefixes: Sequence[str] = ()) -> st.SearchStrategy[str]:
    """8-digit AGB codes (strings); mostly starting with one of ``prefixes`` when given.

    The first two digits of an AGB code are the care-type code (Vektis), which some policies
    require; the rest of the draws have any digits, so the "wrong care type" case is reached too.
    """
    return st.deferred(lambda: _agb_codes(prefixes))


def _agb_codes(prefixes: object) -> st.SearchStrategy[str]:
    if isinstance(prefixes, str) or not isinstance(prefixes, Sequence):
        raise InvalidArgument(f"prefixes={prefixes!r} must be a sequence of digit strings")
    for prefix in prefixes:
        if not (isinstance(prefix, str) and prefix.isascii() and prefix.isdigit()
                and len(prefix) <= 8):
            raise InvalidArgument(f"prefix {prefix!r} is not a string of at most 8 digits")
    anything = st.text("0123456789", min_size=8, max_size=8)
    if not prefixes:
        return anything
    with_prefix = st.sampled_from(tuple(prefixes)).flatmap(
        lambda prefix: st.text("0123456789", min_size=8 - len(prefix),
                               max_size=8 - len(prefix)).map(lambda rest: prefix + rest))
    return with_prefix | anything


# -- schedules -----------------------------------------------------------------------------------


def schedules(*, windows: Sequence[Window] = (),
              max_intervals: int = 3) -> st.SearchStrategy[dict[str, list[str]]]:
    """Weekly schedules as a profile writes them: ``{"mon": ["09:00-17:00"], ...}``.

    Days may be left out (no hours), intervals may overlap or touch (they are joined), ``24:00``
    ends a day. With ``windows`` (e.g. :data:`caresq.schedule.WORKING_DAYS_9_TO_17`) the draws
    also include the schedules where coverage of those windows turns: exactly covering, split
    in two touching halves (met), with a gap, a minute short, one day missing.

    :param windows: required windows to aim at.
    :param max_intervals: the most intervals drawn for one day.
    """
    return st.deferred(lambda: _schedules(windows, max_intervals))


def _schedules(windows: object, max_intervals: object) -> st.SearchStrategy[dict[str, list[str]]]:
    if not isinstance(windows, Sequence) or not all(isinstance(w, Window) for w in windows):
        raise InvalidArgument(f"windows={windows!r} must be a sequence of caresq.schedule.Window")
    if not isinstance(max_intervals, int) or isinstance(max_intervals, bool) or max_intervals < 0:
        raise InvalidArgument(f"max_intervals={max_intervals!r} must be a whole number >= 0")
    special: list[dict[str, list[str]]] = [{}, _hints.covering([ALWAYS])]
    if windows:
        special += [_hints.covering(windows), *_hints.boundary_schedules(windows)]
    day = st.lists(_intervals(), max_size=max_intervals)
    arbitrary = st.fixed_dictionaries({}, optional=dict.fromkeys(DAYS, day))
    return st.sampled_from(special).map(copy.deepcopy) | arbitrary


@st.composite
def _intervals(draw: st.DrawFn) -> str:
    if draw(st.booleans()):  # whole quarters, as people write hours
        start = draw(st.integers(0, _MINUTES_PER_DAY // 15 - 1)) * 15
        end = draw(st.integers(start // 15 + 1, _MINUTES_PER_DAY // 15)) * 15
    else:
        start = draw(st.integers(0, _MINUTES_PER_DAY - 1))
        end = draw(st.integers(start + 1, _MINUTES_PER_DAY))
    return _hints.span(start, end)


# -- fact values ---------------------------------------------------------------------------------


def fact_values(fact: Fact, *, boundaries: Sequence[object] = ()) -> st.SearchStrategy[Any]:
    """Valid JSON values of ``fact``, by its type, with ``boundaries`` drawn often.

    bool: ``true``/``false``; fraction: numbers in [0, 1], the ends included; integer: whole
    numbers >= 0; date: ``"YYYY-MM-DD"`` strings; enum: one of the choices; enum list: distinct
    choices, the full list included; schedule: :func:`schedules`. Never ``null``: the unknown
    case is the caller's (:func:`profiles` mixes it in).

    :param boundaries: values worth trying, e.g. a threshold the rules use; each must be a valid
        value of ``fact``.
    """
    return st.deferred(lambda: _fact_values(fact, boundaries))


def _fact_values(fact: object, boundaries: object) -> st.SearchStrategy[Any]:
    if not isinstance(fact, Fact):
        raise InvalidArgument(f"fact={fact!r} must be a caresq.Fact")
    if isinstance(boundaries, str) or not isinstance(boundaries, Sequence):
        raise InvalidArgument(f"boundaries={boundaries!r} must be a sequence of values")
    for value in boundaries:
        try:
            fact.check(value)
        except FactValueError as error:
            raise InvalidArgument(f"boundary {value!r} is not a valid value of {fact.id}: "
                                  f"{error}") from None
    base = _by_type(fact)
    if not boundaries:
        return base
    return st.sampled_from(tuple(boundaries)).map(copy.deepcopy) | base


def _by_type(fact: Fact) -> st.SearchStrategy[Any]:
    kind = fact.type
    if kind is FactType.BOOL:
        return st.booleans()
    if kind is FactType.FRACTION:
        return st.sampled_from((0.0, 1.0, 0, 1)) | st.floats(0.0, 1.0)
    if kind is FactType.INTEGER:
        return st.integers(0, 10) | st.integers(0, 10**6)
    if kind is FactType.DATE:
        return st.dates(_EARLIEST, _LATEST).map(date.isoformat)
    if kind is FactType.ENUM:
        return st.sampled_from(fact.choices)
    if kind is FactType.ENUM_LIST:
        return (st.lists(st.sampled_from(fact.choices), unique=True)
                | st.permutations(fact.choices).map(list))
    if kind is FactType.SCHEDULE:
        return schedules()
    raise InvalidArgument(f"fact {fact.id} has a type this version cannot draw: {kind}")


# -- profiles ------------------------------------------------------------------------------------


def profiles(contract: str | None = None, *, engine: Engine | None = None,
             year: int | None = None, agb_codes: st.SearchStrategy[str] | None = None,
             max_applications: int = 3) -> st.SearchStrategy[dict[str, Any]]:
    """Valid profiles (JSON mappings) for the contracts of ``engine`` (default: installed).

    Each profile applies for ``contract`` alone, or else for one to ``max_applications``
    distinct contracts of one contract year. Its facts are those the contracts' conditions read,
    drawn as a realistic mix: all unknown, each one unknown, at a boundary or anything, or every
    one meeting the rules, so that every status is reached. Application dates are the policy's
    deadlines, the day after them, other dates, or none.

    Assess a profile with ``engine.assess(profile, on=..., year=...)``; pass ``year`` when a
    contract exists in more than one contract year (by default the engine takes the latest).

    :param contract: the contract id to apply for; default: any.
    :param engine: the engine whose catalogue the profiles follow; default: the installed
        plugins (:meth:`caresq.Engine.default`), built when the first profile is drawn. An
        engine given first, ``profiles(engine)``, is taken as ``engine=``.
    :param year: the contract year to draw contracts from; default: any.
    :param agb_codes: a strategy for the AGB code; default: :func:`agb_codes` aimed at the
        prefixes the rules require.
    :param max_applications: the most applications in one profile, when ``contract`` is None.
    """
    return st.deferred(lambda: _profiles(engine, contract, year, agb_codes, max_applications))


@functools.cache
def _installed() -> Engine:
    """The engine of the installed plugins, built once per process."""
    return Engine.default()


def _profiles(engine: object, contract: object, year: object, codes: object,
              max_applications: object) -> st.SearchStrategy[dict[str, Any]]:
    if isinstance(contract, Engine) and engine is None:  # profiles(engine), the engine first
        engine, contract = contract, None
    if engine is None:
        engine = _installed()
    if not isinstance(engine, Engine):
        raise InvalidArgument(f"engine={engine!r} must be a caresq.Engine")
    catalogue = engine.catalogue
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)
                             or year not in catalogue.contracts):
        known_years = ", ".join(map(str, catalogue.years)) or "none"
        raise InvalidArgument(f"year={year!r} is not a contract year of the engine "
                              f"({known_years})")
    if contract is not None:
        if not isinstance(contract, str) or contract not in catalogue.contract_ids:
            known = ", ".join(sorted(catalogue.contract_ids)) or "none"
            raise InvalidArgument(f"contract={contract!r} is not a contract of the engine; "
                                  f"known: {known}")
        if year is not None and contract not in catalogue.contracts[year]:
            raise InvalidArgument(f"contract {contract!r} has no policy for year {year}")
    if codes is not None and not isinstance(codes, st.SearchStrategy):
        raise InvalidArgument(f"agb_codes={codes!r} must be a strategy (or None), e.g. "
                              "caresq.testing.agb_codes()")
    if (not isinstance(max_applications, int) or isinstance(max_applications, bool)
            or max_applications < 1):
        raise InvalidArgument(f"max_applications={max_applications!r} must be a whole number "
                              ">= 1")
    years = [y for y, by_id in catalogue.contracts.items()
             if by_id and (year is None or y == year) and (contract is None or contract in by_id)]
    if not years:
        raise InvalidArgument("the engine declares no contracts to apply for")
    per_year = [_profile(_Plan(engine, y, catalogue.contracts[y]), contract, codes,
                         max_applications) for y in sorted(years)]
    return st.one_of(per_year)


class _Plan:
    """The strategies for one contract year, prepared once per :func:`profiles` strategy."""

    def __init__(self, engine: Engine, year: int, specs: Mapping[str, ContractSpec]) -> None:
        self.specs = specs
        events = [event for policy in {spec.policy for spec in specs.values()}
                  for event in engine.calendar_events(policy.care_type, policy.contract_year)]
        conditions = [c for spec in specs.values() for c in spec.conditions]
        self.hints: Hints = _hints.collect(conditions, engine.facts, year, events)
        self.agb_codes = _agb_codes(self.hints.agb_prefixes)
        #: In a profile meant to meet every rule, the AGB code has the right care-type code.
        self.meeting_agb_codes = (_agb_codes(self.hints.agb_prefixes[:1])
                                  if self.hints.agb_prefixes else self.agb_codes)
        # The policy's own dates twice as often as any other: that is where rules turn.
        policy_dates = st.sampled_from(self.hints.dates) if self.hints.dates else st.nothing()
        self.dates = st.one_of(st.none(), policy_dates, policy_dates,
                               st.dates(date(year - 2, 1, 1), date(year, 12, 31)))
        self.values: dict[str, dict[str, st.SearchStrategy[Any]]] = {}

    def value(self, fact: Fact, how: str) -> st.SearchStrategy[Any]:
        ways = self.values.get(fact.id)
        if ways is None:
            windows = self.hints.windows.get(fact.id, ())
            boundaries = self.hints.boundaries.get(fact.id, ())
            anything = schedules(windows=windows) if windows else fact_values(fact)
            meeting = self.hints.meeting.get(fact.id, ())
            ways = self.values[fact.id] = {
                "any": anything,
                "boundary": (st.sampled_from(boundaries).map(copy.deepcopy) if boundaries
                             else anything),
                "meeting": st.sampled_from(meeting).map(copy.deepcopy) if meeting else anything,
            }
        return ways[how]


def _profile(plan: _Plan, contract: object, codes: object,
             max_applications: object) -> st.SearchStrategy[dict[str, Any]]:
    ids = st.just([contract]) if isinstance(contract, str) else st.lists(
        st.sampled_from(sorted(plan.specs)), min_size=1, max_size=int(max_applications),  # type: ignore[call-overload]
        unique=True)
    given_codes = codes if isinstance(codes, st.SearchStrategy) else None
    return _draw_profile(plan, ids, given_codes)


@st.composite
def _draw_profile(draw: st.DrawFn, plan: _Plan, ids: st.SearchStrategy[list[str]],
                  codes: st.SearchStrategy[str] | None) -> dict[str, Any]:
    contracts = draw(ids)
    mode = draw(_MODE)
    agb = codes if codes is not None else (
        plan.meeting_agb_codes if mode == "meeting" else plan.agb_codes)
    profile: dict[str, Any] = {"agb_code": draw(agb)}
    name = draw(_NAMES)
    if name is not None or draw(_BOOLEANS):
        profile["name"] = name
    profile["applications"] = [draw(_application(plan, contract)) for contract in contracts]
    facts: dict[str, Any] = {}
    for fact in dict.fromkeys(f for c in contracts for f in plan.specs[c].questionnaire):
        how = {"empty": "unknown", "meeting": "meeting"}.get(mode) or draw(
            _HOW_MIXED if mode == "mixed" else _HOW_KNOWN)
        if how == "unknown":
            if draw(_BOOLEANS):  # null and absent both mean unknown
                facts[fact.id] = None
        else:
            facts[fact.id] = draw(plan.value(fact, how))
    omitted = not facts and draw(_BOOLEANS)  # no facts at all: the key may be left out
    if not omitted:
        profile["facts"] = facts
    return profile


@st.composite
def _application(draw: st.DrawFn, plan: _Plan, contract: str) -> dict[str, Any]:
    application: dict[str, Any] = {"contract": contract}
    for key in ("submitted_on", "signed_on"):
        day = draw(plan.dates)
        if day is not None:
            application[key] = day.isoformat()
        elif draw(_BOOLEANS):
            application[key] = None
    existing = draw(_BOOLEANS)
    if existing or draw(_BOOLEANS):
        application["existing_contract"] = existing
    return application
