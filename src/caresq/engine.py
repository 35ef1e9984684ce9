"""The engine: plugins in, assessments out.

An :class:`Engine` is built once (plugins loaded, declarations collected and checked, profile
reader configured) and then assesses any number of profiles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from caresq.assessment import PreparedContract, detail_index
from caresq.calendar import CalendarEvent
from caresq.errors import CaresqError, ContractNotFound, PolicyNotFound
from caresq.facts import Fact
from caresq.model import Assessment, Policy, Situation, Status
from caresq.plugins import (
    LoadedPlugin,
    PluginInfo,
    describe,
    load_entry_points,
    make_manager,
    plugin_name,
    register,
)
from caresq.profile import Profile, ProfileReader
from caresq.registry import Catalogue, ContractSpec, build_catalogue
from caresq.render import error_json_line, line_head, line_tail

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
        """An engine with every installed plugin; plugins that fail to import are reported."""
        loaded, failures = load_entry_points()
        return cls(loaded, failures=failures)

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
        events = [event for batch in self._manager.hook.caresq_calendar_events(policy=policy)
                  for event in batch or ()]
        return sorted(events, key=lambda event: (event.span.first, event.span.last, event.key))

    # -- assessing ------------------------------------------------------------------------------

    def read_profile(self, data: object) -> Profile:
        """Check a parsed JSON value (or a Profile) and return the Profile; ProfileError if bad."""
        return data if isinstance(data, Profile) else self._reader.read(data)

    def read_profile_json(self, text: str | bytes) -> Profile:
        """Check JSON text and return the Profile; ProfileError naming every problem if bad."""
        return self._reader.read_json(text)

    def assess(self, profile: Profile | Mapping[str, object], on: date | None = None,
               year: int | None = None) -> Assessment:
        """Assess every application of ``profile``, in input order.

        :param on: the date the assessment speaks from (default: today in Amsterdam).
        :param year: the contract year; by default the latest year that has the applied-for
            contracts. Raises PolicyNotFound when no policy covers it.
        """
        checked = self.read_profile(profile)
        on = on or today()
        chosen = self._contract_year(checked, year)
        prepared = self._prepared[chosen]
        results = tuple([
            (prepared.get(application.contract) or self._prepare(chosen, application.contract))
            .assess(Situation(checked.agb_code, checked.facts, application, on))
            for application in checked.applications])
        return Assessment(checked.agb_code, on, chosen, results, checked.name)

    def assess_json_line(self, profile: Profile | Mapping[str, object], on: date | None = None,
                         year: int | None = None, *, detail: str = "full",
                         statuses: Counter[tuple[str, str]] | None = None) -> bytes:
        """The JSON line of :meth:`assess`, without building the assessment: what a batch writes.

        Byte for byte ``caresq.render.assessment_json_line(engine.assess(profile, on, year),
        detail)``, through the same prepared contracts, only faster. ``statuses``, when given,
        counts each result as ``(contract, status)``. Raises as :meth:`assess` does.
        """
        checked = self.read_profile(profile)
        on = on or today()
        chosen = self._contract_year(checked, year)
        shape = detail_index(detail)
        prepared = self._prepared[chosen]
        parts = [line_head(checked.agb_code, on, chosen)]
        for index, application in enumerate(checked.applications):
            if index:
                parts.append(b", ")
            contract = (prepared.get(application.contract)
                        or self._prepare(chosen, application.contract))
            status: Status = contract.encode(
                Situation(checked.agb_code, checked.facts, application, on), shape, parts)
            if statuses is not None:
                statuses[application.contract, status.value] += 1
        parts.append(line_tail(checked.name))
        return b"".join(parts)

    def assess_jsonl(self, lines: Iterable[str | bytes], on: date | None = None,
                     year: int | None = None, *, detail: str = "full", first: int = 1,
                     statuses: Counter[tuple[str, str]] | None = None,
                     bad: list[int] | None = None) -> Iterator[bytes]:
        """The output line of each line of a JSON Lines batch, as ``caresq assess --batch``
        writes it (UTF-8, without its newline), lazily and in order.

        A line that cannot be assessed gives its error record, ``{"line": N, "error":
        {...}}``, numbered from ``first``; its number is appended to ``bad`` when given, and
        ``statuses`` counts each result as ``(contract, status)``. Bytes that are not UTF-8
        give an error record too. This is what ``caresq assess --batch`` runs on each run of
        lines, so a partition of a Dask bag or a Spark RDD gives the same bytes (see
        docs/performance.md). ``on`` defaults to today in Amsterdam, taken once.
        """
        on = on or today()
        for number, line in enumerate(lines, start=first):
            try:
                profile = self._reader.read_json(_decoded(line))
                yield self.assess_json_line(profile, on, year, detail=detail, statuses=statuses)
            except CaresqError as error:
                if bad is not None:
                    bad.append(number)
                yield error_json_line(number, error)

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

        Anything else (a bug in a plugin's rule, say) propagates. ``on`` defaults to today in
        Amsterdam, taken once for the whole batch.
        """
        on = on or today()
        for profile in profiles:
            try:
                checked = (self._reader.read_json(profile) if isinstance(profile, (str, bytes))
                           else self.read_profile(profile))
                yield self.assess(checked, on, year)
            except CaresqError as error:
                yield error

    def _prepare(self, year: int, contract_id: str) -> PreparedContract:
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


def _decoded(line: str | bytes) -> str | bytes:
    # Text goes on as text; bytes that are not UTF-8 go on as bytes, for the JSON reader to
    # refuse with its own message.
    if isinstance(line, bytes):
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError:
            return line
    return line
