"""The engine: plugins in, assessments out.

An :class:`Engine` is built once (plugins loaded, declarations collected and checked, profile
reader configured) and then assesses any number of profiles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from caresq.assessment import PreparedContract
from caresq.calendar import CalendarEvent
from caresq.errors import CaresqError, ContractNotFound, PluginError, PolicyNotFound, RuleError
from caresq.facts import EARLIEST_DATE, LATEST_DATE, Fact
from caresq.model import Assessment, Outcome, Policy, Situation, Verdict
from caresq.plugins import (
    LoadedPlugin,
    PluginInfo,
    describe,
    load_entry_points,
    make_manager,
    plugin_name,
    register,
)
from caresq.profile import MAX_BYTES, Profile, ProfileReader
from caresq.registry import Catalogue, ContractSpec, build_catalogue

AMSTERDAM: Final = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    """Today in Europe/Amsterdam, the time zone every date of the policies is meant in."""
    return datetime.now(AMSTERDAM).date()


class Engine:
    """Assesses provider profiles against the policies of the registered plugins.

    ``Engine.default()`` loads every plugin of the ``caresq.plugins`` entry-point group;
    ``Engine(plugins=[...])`` uses exactly the given plugin objects (modules or instances).
    """

    def __init__(self, plugins: Iterable[object | LoadedPlugin] = (), *,
                 failures: Iterable[PluginInfo] = ()) -> None:
        loaded = [p if isinstance(p, LoadedPlugin) else LoadedPlugin(plugin_name(p), p)
                  for p in plugins]
        self._manager = make_manager()
        register(self._manager, loaded)
        self._versions = {p.name: p.version for p in loaded}
        self._failures = tuple(failures)
        #: Every policy, contract and fact declared, checked once.
        self.catalogue: Catalogue = build_catalogue(self._manager)
        self._reader = ProfileReader(self.catalogue.facts, self.catalogue.contract_ids)
        # Looked up per profile, so worked out once: the years, each contract's latest year,
        # and each contract made ready for the hot path (on first use).
        self._policy_years = self.catalogue.years
        self._latest_year = {cid: max(self._years_of(cid))
                             for cid in self.catalogue.contract_ids}
        self._prepared: dict[int, dict[str, PreparedContract]] = {
            year: {} for year in self.catalogue.contracts}

    @classmethod
    def default(cls) -> Engine:
        """An engine with every installed plugin that works.

        A plugin that fails to import, whose declaration hook raises or returns something
        malformed, or that clashes with a plugin loaded before it (caresq's own first) is
        left out and reported by :meth:`plugins` with the reason; the others keep working.
        """
        loaded, failures = load_entry_points()
        while True:
            try:
                return cls(loaded, failures=failures)
            except PluginError as error:
                faulty = [p for p in loaded if p.name == error.plugin]
                if not faulty:
                    raise  # nothing to leave out: not one plugin's fault
                loaded.remove(faulty[0])
                failures = [*failures, PluginInfo(faulty[0].name, faulty[0].version, (),
                                                  str(error))]

    # -- what is registered ---------------------------------------------------------------------

    def plugins(self) -> list[PluginInfo]:
        """Every plugin: registered ones with their hooks, then those that failed to load."""
        return [*describe(self._manager, self._versions), *self._failures]

    @property
    def facts(self) -> Mapping[str, Fact]:
        """The fact catalogue by id."""
        return self.catalogue.facts

    def contract(self, contract_id: str, year: int | None = None) -> ContractSpec:
        """The prepared contract ``contract_id`` of ``year`` (default: its latest year)."""
        chosen = self._year_of(contract_id) if year is None else year
        spec = self.catalogue.contracts.get(chosen, {}).get(contract_id)
        if spec is None:
            if contract_id not in self.catalogue.contract_ids:
                raise ContractNotFound(contract_id, self.catalogue.contract_ids)
            raise PolicyNotFound(f"{contract_id} has no policy for contract year {chosen}",
                                 self._years_of(contract_id))
        return spec

    def _years_of(self, contract_id: str) -> list[int]:
        return [year for year, by_id in self.catalogue.contracts.items() if contract_id in by_id]

    def _year_of(self, contract_id: str) -> int:
        years = self._years_of(contract_id)
        if not years:
            raise ContractNotFound(contract_id, self.catalogue.contract_ids)
        return max(years)

    def policy(self, care_type: str, year: int) -> Policy:
        """The policy of ``care_type`` for contract ``year``; PolicyNotFound names what exists."""
        for policy in self.catalogue.policies:
            if policy.care_type == care_type and policy.contract_year == year:
                return policy
        years = [p.contract_year for p in self.catalogue.policies if p.care_type == care_type]
        if not years:
            kinds = sorted({p.care_type for p in self.catalogue.policies})
            raise PolicyNotFound(f"no plugin offers care type {care_type!r} "
                                 f"(care types: {', '.join(kinds) or 'none'})",
                                 self.catalogue.years)
        raise PolicyNotFound(f"no {care_type} policy for contract year {year}", years)

    def calendar_events(self, care_type: str, year: int) -> list[CalendarEvent]:
        """The dated lines of one policy, as every plugin declares them, in date order."""
        policy = self.policy(care_type, year)
        events: list[CalendarEvent] = []
        for impl in self._manager.hook.caresq_calendar_events.get_hookimpls():
            try:
                returned: Any = impl.function(policy=policy)
                found: list[object] = list(returned or ())
            except Exception as error:  # a plugin's bug: say whose, as for a rule
                raise RuleError(impl.plugin_name, None, "its caresq_calendar_events hook "
                                f"raised {_describe(error)}") from error
            if not all(isinstance(event, CalendarEvent) for event in found):
                raise RuleError(impl.plugin_name, None, "its caresq_calendar_events hook "
                                "returned something that is not a CalendarEvent")
            events += [event for event in found if isinstance(event, CalendarEvent)]
        return sorted(events, key=lambda event: (event.span.first, event.span.last, event.key))

    # -- assessing ------------------------------------------------------------------------------

    def read_profile(self, data: object) -> Profile:
        """Check a parsed JSON value (or a Profile) and return the Profile; ProfileError if bad."""
        return data if isinstance(data, Profile) else self._reader.read(data)

    def read_profile_json(self, text: str | bytes, max_bytes: int = MAX_BYTES) -> Profile:
        """Check JSON text and return the Profile; ProfileError naming every problem if bad.

        Text longer than ``max_bytes`` (16 MiB by default) is refused without being parsed.
        """
        return self._reader.read_json(text, max_bytes)

    def assess(self, profile: Profile | Mapping[str, object], on: date | None = None,
               year: int | None = None) -> Assessment:
        """Assess every application of ``profile``, in input order.

        :param on: the date the assessment speaks from (default: today in Amsterdam), in the
            years 1900 to 2999 (else ValueError), like every date of a profile.
        :param year: the contract year; by default the latest year that has the applied-for
            contracts. Raises PolicyNotFound when no policy covers it.
        """
        checked = self.read_profile(profile)
        if on is None:
            on = today()
        elif not EARLIEST_DATE <= on <= LATEST_DATE:  # rules add months to it: keep it sane
            raise ValueError(f"on={on.isoformat()} is outside the years {EARLIEST_DATE.year} "
                             f"to {LATEST_DATE.year}")
        chosen = self._contract_year(checked, year)
        prepared = self._prepared[chosen]
        try:
            results = tuple([
                (prepared.get(application.contract)
                 or self._prepare(chosen, application.contract))
                .assess(Situation(checked.agb_code, checked.facts, application, on))
                for application in checked.applications])
        except Exception as error:  # one guard for the whole hot path; diagnosed only here
            raise self._rule_error(checked, on, chosen, error) from error
        return Assessment(checked.agb_code, on, chosen, results, checked.name)

    def _rule_error(self, profile: Profile, on: date, year: int,
                    error: Exception) -> RuleError:
        """Which plugin and condition made assessing ``profile`` fail: each rule asked again."""
        for application in profile.applications:
            spec = self.catalogue.contracts[year][application.contract]
            situation = Situation(profile.agb_code, profile.facts, application, on)
            for condition in spec.conditions:
                problem = _rule_problem(condition.rule, situation)
                if problem is not None:
                    return RuleError(spec.condition_plugins.get(condition.id), condition.id,
                                     problem)
            try:
                spec.contract.terms(situation)
            except Exception as failure:
                return RuleError(spec.plugin, None, f"the terms of {spec.contract.id} raised "
                                                    f"{_describe(failure)}")
        return RuleError(None, None, f"caresq failed: {_describe(error)}")

    def assess_many(self, profiles: Iterable[Profile | Mapping[str, object] | str | bytes],
                    on: date | None = None,
                    year: int | None = None) -> Iterator[Assessment | CaresqError]:
        """Assess profiles lazily, in input order, one result per input: none is lost.

        Each item of ``profiles`` is a Profile, a mapping, or the JSON text of one profile
        (a ``str`` or ``bytes``, such as a line of a JSONL file). Items are read only as the
        result is asked for, so an endless iterable works and memory stays flat.

        A profile that cannot be assessed does not stop the batch: in its place comes the
        error (a :class:`~caresq.ProfileError` with every problem and its path, or a
        :class:`~caresq.PolicyNotFound` when no policy covers it), as
        ``asyncio.gather(return_exceptions=True)`` does; so the ``n``-th item always belongs
        to the ``n``-th profile::

            for number, item in enumerate(engine.assess_many(lines), start=1):
                if isinstance(item, caresq.CaresqError):
                    print(number, item)
                else:
                    print(number, item.results[0].status)

        A plugin's rule or terms that raise (or a rule that returns no Verdict) give a
        :class:`~caresq.RuleError` in place, naming the plugin and condition: a bug, not bad
        input. ``on`` defaults to today in Amsterdam, taken once for the whole batch.
        """
        on = on or today()
        for profile in profiles:
            try:
                checked = (self._reader.read_json(profile) if isinstance(profile, (str, bytes))
                           else self.read_profile(profile))
                yield self.assess(checked, on, year)
            except CaresqError as error:
                yield error
            except Exception as error:  # caresq's own bug: still this profile's, not the batch's
                failure = RuleError(None, None, f"caresq failed: {_describe(error)}")
                failure.__cause__ = error
                yield failure

    def _prepare(self, year: int, contract_id: str) -> PreparedContract:
        # Prepared on first use: a failure here is diagnosed like a rule's (see assess).
        prepared = PreparedContract(self.catalogue.contracts[year][contract_id])
        self._prepared[year][contract_id] = prepared
        return prepared

    def _contract_year(self, profile: Profile, year: int | None) -> int:
        if year is None and len(profile.applications) == 1:  # the common case, looked up
            latest = self._latest_year.get(profile.applications[0].contract)
            if latest is not None:
                return latest
        if year is not None:
            if year not in self._policy_years:
                raise PolicyNotFound(f"no policy for contract year {year}", self.catalogue.years)
            for application in profile.applications:
                self.contract(application.contract, year)
            return year
        years = {self._year_of(application.contract) for application in profile.applications}
        if len(years) > 1:
            raise PolicyNotFound("the applications fall in different contract years "
                                 f"({', '.join(map(str, sorted(years)))}): choose one with year",
                                 years)
        return years.pop()


def _rule_problem(rule: object, situation: Situation) -> str | None:
    """What is wrong with asking ``rule`` about ``situation``; None when it gives a Verdict."""
    try:
        verdict = rule(situation)  # type: ignore[operator]
    except Exception as error:
        return f"the rule raised {_describe(error)}"
    if not isinstance(verdict, Verdict):
        return f"the rule returned {_describe_value(verdict)}, not a Verdict"
    if not isinstance(verdict.outcome, Outcome):
        return f"the rule gave {_describe_value(verdict.outcome)} as outcome, not an Outcome"
    if not isinstance(verdict.reason, str):
        return f"the rule gave a reason that is not text ({type(verdict.reason).__name__})"
    return None


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _describe_value(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
