"""The engine: plugins in, assessments out.

An :class:`Engine` is built once (plugins loaded, declarations collected and checked, profile
reader configured) and then assesses any number of profiles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from caresq.assessment import PreparedContract, detail_index
from caresq.calendar import CalendarEvent, Period, amsterdam
from caresq.errors import (
    PLUGIN_FAULTS,
    CaresqError,
    ContractNotFound,
    PluginError,
    PolicyNotFound,
    RuleError,
)
from caresq.facts import EARLIEST_DATE, LATEST_DATE, Fact
from caresq.model import (
    Assessment,
    Offer,
    Outcome,
    Policy,
    Rule,
    Situation,
    Status,
    Terms,
    Verdict,
)
from caresq.parameters import Parameter, show
from caresq.plugins import (
    LoadedPlugin,
    PluginInfo,
    describe,
    entry_point_name,
    load_entry_points,
    make_manager,
    plugin_name,
    register,
)
from caresq.profile import MAX_BYTES, Profile, ProfileReader
from caresq.registry import Catalogue, ContractSpec, build_catalogue
from caresq.render import error_json_line, line_head, line_tail
from caresq.rules import answers_of, repairs_of

# The capability modules above the engine (advice, what-if, interview, reminders,
# fingerprints) are imported by the methods that use them: a command that does not
# ask for them (``caresq plugins``, a batch) does not pay for importing them.
if TYPE_CHECKING:
    from caresq.advice import Advice, ProbeFailure, Target
    from caresq.compare import Comparison, Line
    from caresq.interview import Interview
    from caresq.reminders import ProviderDate

#: The bound on re-assessments of :meth:`Engine.advise`: ``caresq.advice.DEFAULT_MAX_EVALUATIONS``
#: (a test keeps the two equal; written out so that the engine need not import advice).
_MAX_EVALUATIONS = 5000


def reference_date(on: date | None) -> date:
    """The date an assessment speaks from: ``on``, or today; rules add months to it, so it
    must lie in the years a profile's dates may (ValueError otherwise)."""
    if on is None:
        return today()
    if not isinstance(on, date) or isinstance(on, datetime):  # a datetime compares with none
        raise TypeError(f"on: expected a datetime.date or None (today), got "
                        f"{type(on).__name__} {on!r}")
    if not EARLIEST_DATE <= on <= LATEST_DATE:
        raise ValueError(f"on={on.isoformat()} is outside the years {EARLIEST_DATE.year} "
                         f"to {LATEST_DATE.year}")
    return on


def contract_year(year: int | None) -> int | None:
    """``year`` as a method takes it: a whole number or None (from the contracts). A float
    2024.0 would find the policy of 2024 yet be written as 2024.0; a str finds nothing."""
    if year is not None and (type(year) is not int):
        raise TypeError(f"year: expected an int or None, got {type(year).__name__} {year!r}")
    return year


def today() -> date:
    """Today in Europe/Amsterdam, the time zone every date of the policies is meant in."""
    return datetime.now(amsterdam()).date()


class Engine:
    """Assesses provider profiles against the policies of the registered plugins.

    ``Engine.default()`` loads every plugin of the ``caresq.plugins`` entry-point group;
    ``Engine(plugins=[...])`` uses exactly the given plugin objects (modules or instances).
    """

    def __init__(self, plugins: Iterable[object | LoadedPlugin] = (), *,
                 failures: Iterable[PluginInfo] = (),
                 parameters: Mapping[str, object] | None = None) -> None:
        # One name everywhere: an installed module goes by its entry-point name, as
        # Engine.default() and the command line call it.
        loaded = [p if isinstance(p, LoadedPlugin)
                  else LoadedPlugin(entry_point_name(p) or plugin_name(p), p) for p in plugins]
        self._loaded = tuple(loaded)
        self._manager = make_manager()
        register(self._manager, loaded)
        self._versions = {p.name: p.version for p in loaded}
        self._failures = tuple(failures)
        #: Every policy, contract, fact and parameter declared, checked once, with the
        #: parameter overrides in force (a ParameterError names a bad one).
        self.catalogue: Catalogue = build_catalogue(self._manager, parameters)
        self._fingerprints: dict[tuple[str, int], str] = {}
        #: Whether the plugins are the installed ones (so a worker process can rebuild it).
        self._installed = False
        self._reader = ProfileReader(self.catalogue.facts, self.catalogue.contract_ids)
        # Looked up per profile, so worked out once: the years, each contract's latest year,
        # and each contract made ready for the hot path (on first use).
        self._policy_years = self.catalogue.years
        self._latest_year = {cid: max(self._years_of(cid))
                             for cid in self.catalogue.contract_ids}
        self._prepared: dict[int, dict[str, PreparedContract]] = {
            year: {} for year in self.catalogue.contracts}

    @classmethod
    def default(cls, parameters: Mapping[str, object] | None = None) -> Engine:
        """An engine with every installed plugin that works.

        A plugin that fails to import, whose declaration hook raises or returns something
        malformed, or that clashes with a plugin loaded before it (caresq's own first) is
        left out and reported by :meth:`plugins` with the reason; the others keep working.

        :param parameters: overrides of policy parameters by id (see :meth:`parameters`),
            e.g. ``{"fysio.max_waiting_days": 10}``; a value may be given as text
            (``"0.20"``, ``"2023-10-15"``). A :class:`~caresq.ParameterError` names an unknown
            id or a value of the wrong type.
        """
        loaded, failures = load_entry_points()
        while True:
            try:
                engine = cls(loaded, failures=failures, parameters=parameters)
            except PluginError as error:
                faulty = [p for p in loaded if p.name == error.plugin]
                if not faulty:
                    raise  # nothing to leave out: not one plugin's fault
                loaded.remove(faulty[0])
                failures = [*failures, PluginInfo(faulty[0].name, faulty[0].version, (),
                                                  str(error))]
            else:
                engine._installed = True
                return engine

    def with_parameters(self, overrides: Mapping[str, object]) -> Engine:
        """A new engine with ``overrides`` in force on top of this engine's own overrides.

        This engine is never changed: the new one declares its own contracts and prepares them
        once, so both can assess side by side (as :meth:`compare` does).
        """
        engine = Engine(self._loaded, failures=self._failures,
                        parameters={**self.overrides, **overrides})
        engine._installed = self._installed
        return engine

    # -- parameters and fingerprints ------------------------------------------------------------

    @property
    def overrides(self) -> Mapping[str, object]:
        """The parameter overrides in force (id -> checked value); empty for the plain policy."""
        return MappingProxyType(dict(self.catalogue.overrides))

    def parameters(self, care_type: str | None = None) -> list[Parameter]:
        """Every policy parameter with its value in force, by policy, in declaration order.

        :param care_type: only the parameters of this care type's policies; PolicyNotFound
            when no plugin offers it.
        """
        policies = [policy for policy in self.catalogue.policies
                    if care_type is None or policy.care_type == care_type]
        if care_type is not None and not policies:
            kinds = sorted({p.care_type for p in self.catalogue.policies})
            raise PolicyNotFound(f"no plugin offers care type {care_type!r} "
                                 f"(care types: {', '.join(kinds) or 'none'})",
                                 self.catalogue.years)
        return [parameter for policy in policies
                for parameter in self.catalogue.parameters.get(policy, ())]

    def policy_parameters(self, policy: Policy) -> tuple[Parameter, ...]:
        """The parameters of one policy with their values in force."""
        return tuple(self.catalogue.parameters.get(policy, ()))

    def fingerprint(self, contract_id: str, year: int | None = None) -> str:
        """The SHA-256 (hex) of everything that decides ``contract_id`` in ``year``.

        Conditions (ids, kinds, citations, Dutch sentences, readings, rule shapes), the
        contract's terms and variants, and the policy's parameter values in force, in one
        canonical form: the same on every run, machine and hash seed, and different as soon
        as any of it differs.
        """
        spec = self.contract(contract_id, year)
        key = (spec.contract.id, spec.policy.contract_year)
        known = self._fingerprints.get(key)
        if known is None:
            from caresq.fingerprint import contract_fingerprint

            known = self._fingerprints[key] = contract_fingerprint(
                spec, self.policy_parameters(spec.policy))
        return known

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
        values = self.catalogue.values(policy)
        given = {"policy": policy, "parameters": values}
        events: list[CalendarEvent] = []
        for impl in self._manager.hook.caresq_calendar_events.get_hookimpls():
            try:
                # Only the arguments it names: "parameters" is optional for a plugin.
                returned: Any = impl.function(**{name: given[name] for name in impl.argnames
                                                 if name in given})
                found: list[object] = list(returned or ())
            except PLUGIN_FAULTS as error:  # a plugin's bug: say whose, as for a rule
                raise RuleError(impl.plugin_name, None, "its caresq_calendar_events hook "
                                f"raised {_describe(error)}") from error
            if not all(isinstance(event, CalendarEvent) for event in found):
                raise RuleError(impl.plugin_name, None, "its caresq_calendar_events hook "
                                "returned something that is not a CalendarEvent")
            declared = [event for event in found if isinstance(event, CalendarEvent)]
            outside = next((event for event in declared if not _within_dates(event)), None)
            if outside is not None:  # else a bare error in the export, or profiles out of range
                raise RuleError(impl.plugin_name, None, "its caresq_calendar_events hook "
                                f"returned {outside.key!r}, whose days are not dates from "
                                f"{EARLIEST_DATE} to {LATEST_DATE}")
            events += declared
        return sorted(events, key=lambda event: (event.span.first, event.span.last, event.key))

    # -- assessing ------------------------------------------------------------------------------

    def read_profile(self, data: object) -> Profile:
        """Check a parsed JSON value (or a Profile) and return the Profile; ProfileError if bad.

        A Profile built by hand is checked as its JSON form would be (a reader's is not read
        again): no wrong value is judged, whatever type it came in.
        """
        if isinstance(data, Profile):
            return self._reader.check(data)
        return self._reader.read(data)

    def read_profile_json(self, text: str | bytes, max_bytes: int = MAX_BYTES) -> Profile:
        """Check JSON text and return the Profile; ProfileError naming every problem if bad.

        Text longer than ``max_bytes`` (16 MiB by default) is refused without being parsed.
        """
        return self._reader.read_json(text, max_bytes)

    def read_profile_line(self, line: str | bytes, max_bytes: int = MAX_BYTES) -> Profile:
        """Check one line of a JSON Lines batch and return the Profile: what
        :meth:`read_profile_json` gives for :func:`decoded_line` of it, read faster."""
        return self._reader.read_line(line, max_bytes)

    def assess(self, profile: Profile | Mapping[str, object], on: date | None = None,
               year: int | None = None) -> Assessment:
        """Assess every application of ``profile``, in input order.

        :param on: the date the assessment speaks from (default: today in Amsterdam), in the
            years 1900 to 2999 (else ValueError), like every date of a profile.
        :param year: the contract year; by default the latest year that has the applied-for
            contracts. Raises PolicyNotFound when no policy covers it.
        """
        checked = self.read_profile(profile)
        on = reference_date(on)
        chosen = self._contract_year(checked, contract_year(year))
        prepared = self._prepared[chosen]
        try:
            results = tuple([
                (prepared.get(application.contract)
                 or self._prepare(chosen, application.contract))
                .assess(Situation(checked.agb_code, checked.facts, application, on))
                for application in checked.applications])
        except PLUGIN_FAULTS as error:  # one guard for the whole hot path; diagnosed only here
            raise self._rule_error(checked, on, chosen, error) from error
        return Assessment(checked.agb_code, on, chosen, results, checked.name)

    def assess_json_line(self, profile: Profile | Mapping[str, object], on: date | None = None,
                         year: int | None = None, *, detail: str = "full",
                         statuses: Counter[tuple[str, str]] | None = None) -> bytes:
        """The JSON line of :meth:`assess`, without building the assessment: what a batch writes.

        Byte for byte ``caresq.render.assessment_json_line(engine.assess(profile, on, year),
        detail)``, through the same prepared contracts, only faster. ``statuses``, when given,
        counts each result as ``(contract, status)``. Raises as :meth:`assess` does.
        """
        return self._json_line(self.read_profile(profile), reference_date(on), contract_year(year),
                               detail_index(detail), statuses)

    def _json_line(self, checked: Profile, on: date, year: int | None, shape: int,
                   statuses: Counter[tuple[str, str]] | None) -> bytes:
        # assess_json_line with the reference date and the shape checked (once per batch), of
        # a profile a reader made or checked: each value of its checked type (see encode).
        chosen = self._contract_year(checked, year)
        prepared = self._prepared[chosen]
        parts = [line_head(checked.agb_code, on, chosen)]
        found: list[tuple[str, Status]] = []
        try:
            for index, application in enumerate(checked.applications):
                if index:
                    parts.append(b", ")
                contract = (prepared.get(application.contract)
                            or self._prepare(chosen, application.contract))
                found.append((application.contract, contract.encode(
                    Situation(checked.agb_code, checked.facts, application, on), shape, parts,
                    checked=True)))
        except PLUGIN_FAULTS as error:  # the same guard as assess: a plugin's bug, diagnosed
            raise self._rule_error(checked, on, chosen, error) from error
        if statuses is not None:
            for contract_id, status in found:
                statuses[contract_id, status._value_] += 1  # .value is a Python property
        parts.append(line_tail(checked.name))
        return b"".join(parts)

    def assess_jsonl(self, lines: Iterable[str | bytes], on: date | None = None,
                     year: int | None = None, *, detail: str = "full", first: int = 1,
                     statuses: Counter[tuple[str, str]] | None = None,
                     bad: list[int] | None = None,
                     errors: list[CaresqError] | None = None,
                     max_bytes: int = MAX_BYTES) -> Iterator[bytes]:
        """The output line of each line of a JSON Lines batch, as ``caresq assess --batch``
        writes it (UTF-8, without its newline), lazily and in order.

        A line that cannot be assessed gives its error record, ``{"line": N, "error":
        {...}}``, numbered from ``first``; its number is appended to ``bad`` and the error to
        ``errors`` when given, and ``statuses`` counts each result as ``(contract, status)``.
        Bytes that are not UTF-8 give an error record too. These are the bytes ``caresq assess
        --batch`` writes for the same lines, so a partition of a Dask bag or a Spark RDD gives
        them too (see docs/performance.md). ``on`` defaults to today in Amsterdam, taken once.
        """
        on, year = reference_date(on), contract_year(year)
        shape = detail_index(detail)
        read = self._reader.read_line
        for number, line in enumerate(lines, start=first):
            try:
                yield self._json_line(read(line, max_bytes), on, year, shape, statuses)
            except CaresqError as error:
                if bad is not None:
                    bad.append(number)
                if errors is not None:
                    errors.append(error)
                yield error_json_line(number, error)

    def advise(self, profile: Profile | Mapping[str, object], on: date | None = None,
               year: int | None = None, targets: Sequence[Target | str] | None = None,
               max_changes: int = 3, *,
               max_evaluations: int = _MAX_EVALUATIONS) -> Advice:
        """The assessment of ``profile`` with, per application, what to ask and what to change.

        :param targets: what to reach, as :class:`~caresq.advice.Target` or text (``"eligible"``,
            ``"review"``, ``"variant=A"``); default: the best status each route allows and each
            better variant.
        :param max_changes: the most fact changes in one repair.
        :param max_evaluations: the bound on re-assessments (``truncated`` when it is hit).
        See :mod:`caresq.advice` for how questions and repairs are found.
        """
        from caresq.advice import ProbeFailure, advise, parse_target

        checked = self.read_profile(profile)
        assessment = self.assess(checked, on, year)
        year_prepared = self._prepared[assessment.contract_year]
        prepared = [year_prepared.get(application.contract)
                    or self._prepare(assessment.contract_year, application.contract)
                    for application in checked.applications]
        chosen = None if targets is None else [
            parse_target(target) if isinstance(target, str) else target for target in targets]
        try:
            return advise(assessment, checked, prepared, targets=chosen,
                          max_changes=max_changes, max_evaluations=max_evaluations)
        except ProbeFailure as failure:
            raise self._probe_error(assessment.contract_year, failure) from failure.__cause__

    def _probe_error(self, year: int, failure: ProbeFailure) -> RuleError:
        """Which plugin and condition failed on the situation advice built."""
        spec = self.catalogue.contracts[year][failure.contract]
        for condition in spec.conditions:
            problem = _rule_problem(condition.rule, failure.situation)
            if problem is None:
                problem = _advice_problem(condition.rule, failure.situation)
            if problem is not None:
                return RuleError(spec.condition_plugins.get(condition.id), condition.id,
                                 f"{problem} (while advice tried other answers)")
        cause = failure.__cause__ or failure
        return RuleError(None, None, f"caresq failed while advising: {_describe(cause)}")

    def provider_calendar(self, profile: Profile | Mapping[str, object], on: date | None = None,
                          year: int | None = None) -> list[ProviderDate]:
        """The dates of this provider's applications, with reminders (:mod:`caresq.reminders`)."""
        from caresq.reminders import provider_calendar

        assessment = self.assess(profile, on, year)
        policies = {(spec.policy.care_type, spec.policy.contract_year)
                    for spec in (self.contract(result.contract, assessment.contract_year)
                                 for result in assessment.results)}
        events = [event for care_type, policy_year in sorted(policies)
                  for event in self.calendar_events(care_type, policy_year)]
        return provider_calendar(assessment, events)

    def interview(self, contract: str, data: Mapping[str, Any] | None = None, *,
                  agb_code: str | None = None, on: date | None = None,
                  year: int | None = None) -> Interview:
        """An interview for ``contract``, starting from the profile ``data`` (JSON) if given.

        Without ``data`` the profile starts blank with ``agb_code``; an application for
        ``contract`` is added when the profile has none. ProfileError when the start is bad.
        """
        from caresq.interview import Interview

        self.contract(contract, year)  # ContractNotFound or PolicyNotFound now, not later
        start: dict[str, Any] = dict(data) if data is not None else {"agb_code": agb_code}
        applications = list(start.get("applications") or [])
        if not any(isinstance(a, Mapping) and a.get("contract") == contract
                   for a in applications):
            applications.append({"contract": contract})
        start["applications"] = applications
        on = reference_date(on)
        return Interview(lambda profile: self.advise(profile, on, year), self.read_profile,
                         self.facts, start, contract)

    def _rule_error(self, profile: Profile, on: date, year: int,
                    error: Exception | SystemExit) -> RuleError:
        """Which plugin and condition made assessing ``profile`` fail: each rule asked again."""
        for application in profile.applications:
            spec = self.catalogue.contracts[year][application.contract]
            situation = Situation(profile.agb_code, profile.facts, application, on)
            for condition in spec.conditions:
                problem = _rule_problem(condition.rule, situation)
                if problem is not None:
                    return RuleError(spec.condition_plugins.get(condition.id), condition.id,
                                     problem)
            problem = _terms_problem(spec.contract.terms, situation)
            if problem is not None:
                return RuleError(spec.plugin, None, f"the terms of {spec.contract.id} {problem}")
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
        on, year = reference_date(on), contract_year(year)  # once: not a failure per profile
        for profile in profiles:
            try:
                checked = (self._reader.read_json(profile) if isinstance(profile, (str, bytes))
                           else self.read_profile(profile))
                yield self.assess(checked, on, year)
            except CaresqError as error:
                yield error
            except PLUGIN_FAULTS as error:  # caresq's bug, or a plugin's: this profile's alone
                failure = RuleError(None, None, f"caresq failed: {_describe(error)}")
                failure.__cause__ = error
                yield failure

    # -- what-if ------------------------------------------------------------------------------

    def compare(self, lines: Iterable[Line], changed: Engine, on: date | None = None,
                year: int | None = None, changed_year: int | None = None,
                jobs: int = 1) -> Comparison:
        """Assess every line under this engine and under ``changed``, in one streaming pass.

        ``lines`` are profiles (mappings) or their JSON text (a JSONL file's lines). The
        :class:`~caresq.compare.Comparison` counts the profiles and bad lines, the status and
        variant transitions, how many results got better or worse, which conditions' outcomes
        changed in the changed results, and lists the changed results::

            change = engine.with_parameters({"fysio.max_waiting_days": 15})
            report = engine.compare(open("round.jsonl", "rb"), change).to_json()

        :param changed: the engine of the change, e.g. :meth:`with_parameters`, or this one
            with ``changed_year`` to compare contract years.
        :param year: the baseline's contract year; ``changed_year`` the change's (default:
            ``year``).
        :param jobs: worker processes; above 1 both engines must come from
            :meth:`default` (each worker builds them again from their overrides).
        """
        from caresq.compare import compare_in_processes, compare_profiles

        on, year = reference_date(on), contract_year(year)
        changed_year = contract_year(changed_year)
        if jobs > 1:
            if not (self._installed and changed._installed):
                raise CaresqError("comparing in worker processes needs engines of the installed "
                                  "plugins (Engine.default)")
            tally = compare_in_processes(Engine.default, self.overrides, changed.overrides,
                                         lines, on, year, changed_year, jobs)
        else:
            tally = compare_profiles(self, changed, lines, on, year, changed_year)
        tally.scenario = self._scenario(changed, on, year, changed_year)
        return tally

    def _scenario(self, changed: Engine, on: date, year: int | None,
                  changed_year: int | None) -> dict[str, object]:
        after_year = year if changed_year is None else changed_year
        mine, theirs = self._values_in(year), changed._values_in(after_year)
        differ = {pid: {"before": show(mine.get(pid)), "after": show(theirs.get(pid))}
                  for pid in sorted({*mine, *theirs}) if mine.get(pid) != theirs.get(pid)}
        return {"on": on.isoformat(), "year": year, "changed_year": after_year,
                "parameters": differ}

    def _values_in(self, year: int | None) -> dict[str, object]:
        """The parameter values in force of the policies of ``year`` (None: of every year)."""
        return {parameter.id: parameter.value for policy in self.catalogue.policies
                if year in (None, policy.contract_year)
                for parameter in self.policy_parameters(policy)}

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
    except PLUGIN_FAULTS as error:
        return f"the rule raised {_describe(error)}"
    if not isinstance(verdict, Verdict):
        return f"the rule returned {_describe_value(verdict)}, not a Verdict"
    if not isinstance(verdict.outcome, Outcome):
        return f"the rule gave {_describe_value(verdict.outcome)} as outcome, not an Outcome"
    if not isinstance(verdict.reason, str):
        return f"the rule gave a reason that is not text ({type(verdict.reason).__name__})"
    return None


def _within_dates(event: CalendarEvent) -> bool:
    """Whether an event's days are plain dates in the years caresq reads."""
    days: tuple[object, ...] = (getattr(event.span, "first", None),
                                getattr(event.span, "last", None))
    return all(isinstance(day, date) and not isinstance(day, datetime)
               and EARLIEST_DATE <= day <= LATEST_DATE for day in days)


def _terms_problem(terms: Terms, situation: Situation) -> str | None:
    """What is wrong with a contract's terms on ``situation``; None when they give an Offer
    that can be written (a route and text that are text, a period that is a Period)."""
    try:
        offer = terms(situation)
    except PLUGIN_FAULTS as error:
        return f"raised {_describe(error)}"
    if not isinstance(offer, Offer):
        return f"returned {_describe_value(offer)}, not an Offer"
    if not isinstance(offer.route, str) or not isinstance(offer.text, str):
        return "gave an Offer whose route or text is not text"
    if offer.period is not None and not isinstance(offer.period, Period):
        return f"gave an Offer whose period is {_describe_value(offer.period)}, not a Period"
    return None


def _advice_problem(rule: Rule, situation: Situation) -> str | None:
    """What fails when advice asks ``rule`` what would make it met; None when nothing does."""
    for name, ask in (("answers", answers_of), ("repairs", repairs_of)):
        try:
            ask(rule, situation)
        except PLUGIN_FAULTS as error:
            return f"its {name} raised {_describe(error)}"
    return None


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _describe_value(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
