"""The conformance suite: what every care-type plugin must get right, for any profile.

:func:`check_plugin` builds an engine with the plugin, checks its declarations once, then
assesses profiles generated from its own fact catalogue (:func:`caresq.testing.profiles`) and
checks every result. Each failure names the check, the contract, what is wrong and, for the
generated-profile checks, the smallest profile Hypothesis found that shows it.

The checks (:data:`CHECKS`):

``declarations``
    the plugin loads (an error building the engine is this check's failure, with its message);
    facts have a dotted id, a label and a question; contracts have a title and conditions;
    every variant can be reached with the factors declared.
``fact_reads``
    no rule reads a fact it does not declare in its ``facts`` (the questionnaire is built from
    them, so such a fact is never asked): every rule is run on generated profiles whose facts
    record which ids were read.
``citations``
    every condition and every offer cites document, chapter and section, and quotes its Dutch
    sentence; a condition cites the document of its own policy.
``clashes``
    no fact, policy or contract id clashes with the installed plugins (the bundled ones too).
``unknown_never_eligible``
    with every fact unknown, no requirement or factor that reads a fact is met, and a contract
    whose requirements read facts is neither ``eligible`` nor ``review``.
``no_exceptions``
    assessing any valid profile raises nothing.
``determinism``
    the same profile, again or with its facts in another order, gives the same assessment.
``status``
    one result per application; one finding per condition, carrying its kind, citation, text
    and a reason; status, variant and period follow from the findings (docs/concepts.md); no
    result is ``eligible`` or ``review`` while a deadline has passed without a date (R8.6).
``json_round_trip``
    the profile survives ``profile_to_json`` and ``read_profile``; the assessment survives
    ``assessment_to_json``, ``json.dumps`` and ``assessment_from_json``.
``quotes``
    when a policy declares its ``source`` (the document's text, shipped with the plugin), every
    sentence its conditions, calendar events and offers quote stands in that text, normalised
    as :func:`caresq.sources.normalise` does (``[...]`` may leave words out). Skipped, and said
    so, for a policy without a source.

The generated-profile checks need Hypothesis; the others run without it.
"""

from __future__ import annotations

import json
import traceback
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import product
from typing import Any, Final

from attrs import frozen

from caresq.assessment import tiers_reached
from caresq.engine import Engine
from caresq.errors import RuleError
from caresq.facts import Fact, FactType, FactValueError
from caresq.model import (
    Assessment,
    Citation,
    Condition,
    Kind,
    Outcome,
    RecordingFacts,
    Result,
    Situation,
    Status,
    Tier,
)
from caresq.plugins import LoadedPlugin, entry_point_name, load_entry_points, plugin_name
from caresq.registry import ContractSpec, condition_key, undeclared_message, undeclared_reads
from caresq.render import assessment_from_json, assessment_to_json
from caresq.rules import NoRecord
from caresq.schedule import DAYS
from caresq.sources import SourceError, missing_parts, source_text
from caresq.testing._diff import describe_differences

__all__ = ["CHECKS", "ConformanceError", "ConformanceReport", "Failure", "check_plugin"]

#: Every check, in the order they run.
CHECKS: Final = ("declarations", "citations", "quotes", "clashes", "fact_reads",
                 "unknown_never_eligible",
                 "no_exceptions", "determinism", "status", "json_round_trip")
#: The checks that assess generated profiles (they need Hypothesis).
_GENERATED: Final = ("no_exceptions", "fact_reads", "citations", "unknown_never_eligible",
                     "status", "determinism", "json_round_trip")
_DECIDING: Final = (Kind.REQUIREMENT, Kind.PROCEDURE)


@frozen
class Failure:
    """One thing a plugin gets wrong."""

    #: The check that found it, one of :data:`CHECKS`.
    check: str
    #: What is wrong, in words, with the values that show it.
    message: str
    #: The contract it concerns, if one.
    contract: str | None = None
    #: The profile (JSON) that shows it, for the generated-profile checks.
    profile: Mapping[str, Any] | None = None
    #: The reference date the profile was assessed on.
    on: date | None = None

    def __str__(self) -> str:
        where = f" {self.contract}:" if self.contract else ""
        text = f"[{self.check}]{where} {self.message}"
        if self.profile is not None:
            shown = json.dumps(self.profile, ensure_ascii=False)
            text += f"\n    profile (on {self.on}): {shown}"
        return text


@frozen
class ConformanceReport:
    """What :func:`check_plugin` found: the checks run and every failure."""

    #: The plugin (or "engine") that was checked.
    target: str
    #: The contracts checked, by id.
    contracts: tuple[str, ...]
    #: The checks run.
    checks: tuple[str, ...]
    failures: tuple[Failure, ...]
    #: Checks not run, with why (e.g. ``clashes`` when an engine was given).
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return not self.failures

    def __str__(self) -> str:
        failed = sorted({failure.check for failure in self.failures}, key=CHECKS.index)
        contracts = ", ".join(self.contracts) or "none"
        head = (f"caresq conformance of {self.target} (contracts: {contracts}): "
                + (f"{len(failed)} of {len(self.checks)} checks failed ({', '.join(failed)})"
                   if failed else f"all {len(self.checks)} checks passed"))
        lines = [head, *(str(failure) for failure in self.failures)]
        lines += [f"(skipped {check}: {why})" for check, why in self.skipped]
        return "\n".join(lines)

    def raise_for_failures(self) -> None:
        """Raise :class:`ConformanceError` when any check failed."""
        if self.failures:
            raise ConformanceError(self)


class ConformanceError(AssertionError):
    """A plugin failed the conformance suite; ``report`` lists every failure."""

    def __init__(self, report: ConformanceReport) -> None:
        super().__init__(str(report))
        #: The full report.
        self.report = report


# -- the entry point -----------------------------------------------------------------------------


def check_plugin(target: object, *, contracts: Iterable[str] | None = None,
                 checks: Iterable[str] | None = None, alongside: Sequence[object] = (),
                 on: date | None = None, max_examples: int = 50,
                 raise_on_failure: bool = True) -> ConformanceReport:
    """Run the conformance suite on a plugin (a module or object) or on a built engine.

    :param target: the plugin, as registered under ``caresq.plugins``; or a
        :class:`~caresq.Engine`, whose every contract is checked.
    :param contracts: check only these contract ids; default: every contract the plugin
        declares.
    :param checks: run only these checks (names from :data:`CHECKS`); default: all.
    :param alongside: other plugins the plugin needs (e.g. whose contracts it adds conditions
        to); they are loaded with it but not checked.
    :param on: the reference date to assess on; default: drawn around each contract year.
    :param max_examples: generated profiles per contract and check.
    :param raise_on_failure: raise :class:`ConformanceError` when a check fails (default);
        with ``False`` the report is returned either way.
    """
    selected = _selected(checks)
    if not isinstance(max_examples, int) or max_examples < 1:
        raise ValueError(f"max_examples={max_examples!r} must be a whole number >= 1")
    owner = None if isinstance(target, Engine) else _name(target)
    name = "engine" if owner is None else repr(owner)
    failures: list[Failure] = []
    skipped: list[tuple[str, str]] = []
    engine = _engine(target, alongside, failures)
    if engine is not None and owner is not None and not _hooks_of(engine, owner):
        # 5, None, a module name given as a string, an empty module: nothing to check, and a
        # suite that checks nothing must not pass.
        failures.append(Failure("declarations", f"{name} implements no caresq hook: is it "
                                                "the plugin (the module or object itself)?"))
        engine = None
    if engine is not None and owner is not None and not _declares_anything(engine, owner):
        # hooks that return nothing (caresq_policies returning None, say): "all checks
        # passed" on nothing would be a green test of a plugin that does not work
        failures.append(Failure("declarations", f"{name} declares no policy, contract, "
                                                "condition or fact: nothing to check"))
        engine = None
    if engine is not None:
        broken = _calendar_failure(engine)
        if broken is not None:  # every later check reads the calendars: it is the finding
            failures.append(broken)
            engine = None
    specs: list[ContractSpec] = []
    if engine is not None:
        specs = _contracts_under_test(engine, owner, contracts)
        failures += _static_checks(engine, owner, specs, selected, on)
        if "quotes" in selected:
            failures += _quotes(engine, specs, skipped)
        if "clashes" in selected:
            if isinstance(target, Engine):
                skipped.append(("clashes", "an engine was given; check a plugin to compare it "
                                           "with the installed ones"))
            else:
                failures += _clashes(target, alongside)
        for spec in specs:
            found = {f.check for f in failures if f.contract == spec.contract.id}
            if "no_exceptions" not in found:  # generated profiles would only raise again
                todo = [check for check in selected if check not in found]
                failures += _explore_contract(engine, spec, todo, on, max_examples)
    report = ConformanceReport(name, tuple(spec.contract.id for spec in specs), selected,
                               tuple(sorted(failures, key=lambda f: CHECKS.index(f.check))),
                               tuple(skipped))
    if raise_on_failure:
        report.raise_for_failures()
    return report


def _selected(checks: Iterable[str] | None) -> tuple[str, ...]:
    if checks is None:
        return CHECKS
    chosen = tuple(checks) if not isinstance(checks, str) else (checks,)
    unknown = [check for check in chosen if check not in CHECKS]
    if unknown:
        raise ValueError(f"unknown check(s) {', '.join(map(repr, unknown))}; "
                         f"checks: {', '.join(CHECKS)}")
    return tuple(check for check in CHECKS if check in chosen)


def _name(plugin: object) -> str:
    """One name for a plugin everywhere: its entry-point name when installed (as the command
    line shows it), else the name it would be registered under."""
    return entry_point_name(plugin) or plugin_name(plugin)


def _engine(target: object, alongside: Sequence[object],
            failures: list[Failure]) -> Engine | None:
    if isinstance(target, Engine):
        return target
    try:
        return Engine(plugins=[*alongside, LoadedPlugin(_name(target), target)])
    except Exception as error:  # any load error is the finding: name it
        failures.append(Failure("declarations",
                                f"the plugin does not load: {type(error).__name__}: {error}"))
        return None


def _declares_anything(engine: Engine, owner: str) -> bool:
    catalogue = engine.catalogue
    return owner in catalogue.owners.values() or any(
        owner in spec.condition_plugins.values()
        for by_id in catalogue.contracts.values() for spec in by_id.values())


def _calendar_failure(engine: Engine) -> Failure | None:
    """The declarations failure of a calendar the engine refuses (a date out of range, an
    event that is none), else None."""
    for policy in engine.catalogue.policies:
        try:
            engine.calendar_events(policy.care_type, policy.contract_year)
        except RuleError as error:
            return Failure("declarations", f"the calendar of {policy.document}: {error}")
    return None


def _hooks_of(engine: Engine, owner: str) -> tuple[str, ...]:
    return next((info.hooks for info in engine.plugins() if info.name == owner), ())


def _contracts_under_test(engine: Engine, owner: str | None,
                          only: Iterable[str] | None) -> list[ContractSpec]:
    specs = [spec for by_id in engine.catalogue.contracts.values() for spec in by_id.values()
             if owner is None or engine.catalogue.owners.get(f"contract {spec.contract.id}")
             == owner]
    if only is not None:
        wanted = [only] if isinstance(only, str) else list(only)
        known = {spec.contract.id for spec in specs}
        missing = [cid for cid in wanted if cid not in known]
        if missing:
            raise ValueError(f"contract(s) {', '.join(missing)} are not declared by the plugin; "
                             f"it declares: {', '.join(sorted(known)) or 'none'}")
        specs = [spec for spec in specs if spec.contract.id in wanted]
    return specs


# -- checks on the declarations ------------------------------------------------------------------


def _static_checks(engine: Engine, owner: str | None, specs: Sequence[ContractSpec],
                   selected: Sequence[str], on: date | None) -> Iterator[Failure]:
    if "declarations" in selected:
        yield from _declarations(engine, owner, specs)
    if "citations" in selected:
        for spec in specs:
            for condition in spec.conditions:
                yield from _citation(spec, condition)
    if "unknown_never_eligible" in selected or "no_exceptions" in selected:
        for spec in specs:
            yield from _all_unknown(engine, spec, selected, on)


def _declarations(engine: Engine, owner: str | None,
                  specs: Sequence[ContractSpec]) -> Iterator[Failure]:
    for fact in engine.facts.values():
        if owner is not None and engine.catalogue.owners.get(f"fact {fact.id}") != owner:
            continue
        prefix, dot, rest = fact.id.partition(".")
        if not (prefix and dot and rest):
            yield Failure("declarations", f"fact {fact.id!r}: the id needs a namespace, "
                                          "e.g. 'fysio.kngf_registered'")
        for field in ("label", "question"):
            if not str(getattr(fact, field)).strip():
                yield Failure("declarations", f"fact {fact.id!r} has an empty {field}")
        if len(set(fact.choices)) != len(fact.choices):
            yield Failure("declarations", f"fact {fact.id!r} lists a choice twice: "
                                          f"{', '.join(fact.choices)}")
    for spec in specs:
        contract = spec.contract
        if not contract.title.strip():
            yield Failure("declarations", "the contract has no title", contract.id)
        if not spec.conditions:
            yield Failure("declarations", "the contract declares no conditions, so every "
                                          "provider would qualify", contract.id)
        if contract.variants is not None:
            factors = sum(c.kind is Kind.FACTOR for c in spec.conditions)
            unreachable = contract.variants[factors + 1:]
            if unreachable:
                yield Failure("declarations",
                              f"variants {', '.join(unreachable)} can never be reached: "
                              f"{len(contract.variants)} variants need "
                              f"{len(contract.variants) - 1} factors, the contract has "
                              f"{factors}", contract.id)
            if len(set(contract.variants)) != len(contract.variants):
                yield Failure("declarations", f"a variant is named twice: "
                                              f"{', '.join(contract.variants)}", contract.id)
        if contract.tiers is not None:
            yield from _unreached_tiers(spec)


#: Above this many factors the tiers' reach is not worked out (2**n combinations).
_MAX_TIER_FACTORS: Final = 12


def _unreached_tiers(spec: ContractSpec) -> Iterator[Failure]:
    """Tiers that no combination of met factors reaches (declared tiers step up in order)."""
    tiers = spec.contract.tiers
    assert tiers is not None
    factors = [c.id for c in spec.conditions if c.kind is Kind.FACTOR]
    if len(factors) > _MAX_TIER_FACTORS:
        return
    reached = {tiers_reached(tiers, dict(zip(factors, outcomes, strict=True)))[0]
               for outcomes in product((Outcome.MET, Outcome.UNMET), repeat=len(factors))}
    never = [tier.name for tier in tiers if tier.name not in reached]
    if never:
        yield Failure("declarations", f"tier(s) {', '.join(never)} can never be reached: a "
                                      "later tier takes every provider who meets them",
                      spec.contract.id)


def _citation(spec: ContractSpec, condition: Condition) -> Iterator[Failure]:
    where = f"condition {condition.id!r}"
    for problem in _citation_problems(condition.citation):
        yield Failure("citations", f"{where}: {problem}", spec.contract.id)
    if (isinstance(condition.citation, Citation)
            and condition.citation.document.strip()
            and condition.citation.document != spec.policy.document):
        yield Failure("citations", f"{where} cites {condition.citation.document!r}, not the "
                                   f"policy it belongs to ({spec.policy.document!r})",
                      spec.contract.id)
    if not isinstance(condition.text, str) or not condition.text.strip():
        yield Failure("citations", f"{where} does not quote the Dutch sentence it encodes "
                                   f"(text={condition.text!r})", spec.contract.id)
    if condition.reading is not None and not str(condition.reading).strip():
        yield Failure("citations", f"{where} has an empty reading; leave it None when the "
                                   "text needs no interpretation", spec.contract.id)


def _citation_problems(citation: object) -> Iterator[str]:
    if not isinstance(citation, Citation):
        yield f"citation {citation!r} is not a caresq.Citation"
        return
    for field in ("document", "chapter", "section"):
        value = getattr(citation, field)
        if not isinstance(value, str) or not value.strip():
            yield f"citation has an empty {field} ({citation!r})"


def _quotes(engine: Engine, specs: Sequence[ContractSpec],
            skipped: list[tuple[str, str]]) -> Iterator[Failure]:
    """Every quote of every policy that declares its source text stands in that text."""
    policies = list(dict.fromkeys(spec.policy for spec in specs))
    without = [policy.document for policy in policies if policy.source is None]
    if without:
        skipped.append(("quotes", f"no source text declared (Policy.source) for "
                                  f"{', '.join(without)}"))
    for policy in policies:
        try:
            text = source_text(policy)
        except SourceError as error:
            yield Failure("quotes", str(error))
            continue
        if text is None:
            continue
        for spec in specs:
            if spec.policy == policy:
                yield from _contract_quotes(engine, spec, text)
        for event in engine.calendar_events(policy.care_type, policy.contract_year):
            for part in missing_parts(event.text, text):
                yield Failure("quotes", f"calendar event {event.key!r} quotes {part!r}, which "
                                        f"does not stand in the source of {policy.document}")


def _contract_quotes(engine: Engine, spec: ContractSpec, text: str) -> Iterator[Failure]:
    for condition in spec.conditions:
        if not isinstance(condition.text, str):
            continue  # the citations check names it
        for part in missing_parts(condition.text, text):
            yield Failure("quotes", f"condition {condition.id!r} quotes {part!r}, which does "
                                    f"not stand in the source of {spec.policy.document}",
                          spec.contract.id)
    profile = {"agb_code": None, "applications": [{"contract": spec.contract.id}]}
    try:
        result = engine.assess(profile, on=date(spec.policy.contract_year, 1, 1),
                               year=spec.policy.contract_year).results[0]
    except Exception:  # the no_exceptions check names it
        return
    if result.offer is not None:
        for part in missing_parts(result.offer.text, text):
            yield Failure("quotes", f"the offer quotes {part!r}, which does not stand in the "
                                    f"source of {spec.policy.document}", spec.contract.id)


def _all_unknown(engine: Engine, spec: ContractSpec, selected: Sequence[str],
                 on: date | None) -> Iterator[Failure]:
    """One profile with every fact unknown and no dates: the plainest application there is."""
    policy = spec.policy
    profile = {"agb_code": "00000000", "applications": [{"contract": spec.contract.id}]}
    day = on or date(policy.contract_year, 1, 1)
    try:
        assessment = engine.assess(profile, on=day, year=policy.contract_year)
    except Exception as error:  # any exception on a valid profile is the finding
        if "no_exceptions" in selected:
            yield Failure("no_exceptions", _raised(error), spec.contract.id, profile, day)
        return
    if "unknown_never_eligible" in selected:
        for message in _unknown_problems(spec, assessment.results[0]):
            yield Failure("unknown_never_eligible", message, spec.contract.id, profile, day)


def _unknown_problems(spec: ContractSpec, result: Result) -> Iterator[str]:
    by_id = {finding.condition: finding for finding in result.findings}
    reads_facts = False
    for condition in spec.conditions:
        facts = condition.rule.facts
        if (condition.kind not in (Kind.REQUIREMENT, Kind.FACTOR) or not facts
                or isinstance(condition.rule, NoRecord)):  # the insurer's record: absent = none
            continue
        finding = by_id.get(condition.id)
        if finding is None:
            continue
        if condition.kind is Kind.REQUIREMENT and finding.outcome is not Outcome.NOT_APPLICABLE:
            reads_facts = True
        if finding.outcome is Outcome.MET:
            read = ", ".join(fact.id for fact in facts)
            yield (f"{condition.kind.value} {condition.id!r} is met although every fact it "
                   f"reads is unknown ({read}); reason given: {finding.reason!r}. A rule must "
                   "say unknown when a fact it needs is missing")
    if reads_facts and result.status in (Status.ELIGIBLE, Status.REVIEW):
        yield (f"status is {result.status.value} for a profile with every fact unknown; a "
               "contract whose requirements read facts must be incomplete or ineligible then")


def _raised(error: BaseException) -> str:
    # A RuleError names plugin and condition; where it went wrong is in its cause's frames.
    inner = error.__cause__ if isinstance(error, RuleError) and error.__cause__ else error
    frames = traceback.extract_tb(inner.__traceback__)
    last = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    return f"assessing a valid profile raised {type(error).__name__}: {error}{last}"


# -- checks on assessments of generated profiles -------------------------------------------------


def _clashes(target: object, alongside: Sequence[object]) -> Iterator[Failure]:
    loaded, _failed = load_entry_points()
    mine = [target, *alongside]
    others = [p for p in loaded if not any(_same_plugin(p.plugin, m) for m in mine)]
    name = _name(target)
    if any(p.name == name for p in others):
        name += " (under test)"
    try:
        Engine(plugins=[*others, *alongside, LoadedPlugin(name, target)])
    except Exception as error:  # any build error next to the installed plugins is the finding
        installed = ", ".join(p.name for p in others) or "none"
        yield Failure("clashes", f"{error} (loaded with the installed plugins: {installed})")


def _same_plugin(one: object, other: object) -> bool:
    """Whether two plugin objects are the same plugin: one module, or a module and its class."""
    if one is other:
        return True
    names = []
    for plugin in (one, other):
        if isinstance(plugin, types.ModuleType):
            names.append(plugin.__name__)
        else:
            names.append(type(plugin).__module__)
    return names[0] == names[1]


class _Violation(Exception):
    """Raised inside the Hypothesis loop so that it shrinks the profile that shows a failure."""

    def __init__(self, check: str, message: str, profile: Mapping[str, Any], on: date) -> None:
        super().__init__(f"[{check}] {message}")
        self.check = check
        self.message = message
        self.profile = profile
        self.on = on


def _explore_contract(engine: Engine, spec: ContractSpec, selected: Sequence[str],
                      on: date | None, max_examples: int) -> Iterator[Failure]:
    """Run the generated-profile checks on one contract; one failure per failing check."""
    remaining = [check for check in _GENERATED if check in selected]
    while remaining:
        violation, note = _explore(engine, spec, tuple(remaining), on, max_examples)
        if violation is None:
            return
        yield Failure(violation.check, violation.message + note, spec.contract.id,
                      violation.profile, violation.on)
        if violation.check == "no_exceptions" or violation.check not in remaining:
            return  # nothing else can be checked on profiles that make assess raise
        remaining.remove(violation.check)


def _explore(engine: Engine, spec: ContractSpec, checks: tuple[str, ...], on: date | None,
             max_examples: int) -> tuple[_Violation | None, str]:
    from hypothesis import HealthCheck, Phase, example, given, settings
    from hypothesis import strategies as st
    from hypothesis.errors import Flaky

    from caresq.testing.strategies import profiles

    year = spec.policy.contract_year
    days = st.just(on) if on is not None else st.dates(date(year - 2, 1, 1),
                                                       date(year + 1, 12, 31))

    @settings(max_examples=max_examples, deadline=None, database=None,
              report_multiple_bugs=False,
              # Shrink to the smallest profile, but skip the slow "explain" phase: the
              # failure message says what is wrong.
              phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.filter_too_much,
                                     HealthCheck.large_base_example])
    @given(profile=profiles(spec.contract.id, engine=engine, year=year), day=days)
    def explore(profile: dict[str, Any], day: date) -> None:
        _check_profile(engine, year, profile, day, checks)

    # Every fact at its lowest, then at its highest value, tried first whatever is drawn: a
    # rule that fails on a 0 or an empty list is found every time, not by chance.
    for edge in _edges(spec):
        explore = example(profile=edge, day=on or date(year - 1, 10, 1))(explore)

    try:
        explore()
    except _Violation as violation:
        return violation, ""
    except Flaky as flaky:  # it failed once and not when Hypothesis tried it again
        found = _violation_in(flaky)
        if found is None:
            raise
        return found, (" (it did not repeat when the same profile was assessed again: the "
                       "plugin gives different results for one profile)")
    return None, ""


def _edges(spec: ContractSpec) -> list[dict[str, Any]]:
    """Two profiles for ``spec``'s contract: each fact it reads at its lowest value (no, 0, the
    first choice, nothing, no hours) and at its highest (yes, 1 or a million, every choice,
    always open); dates at the ends of the years the profile generator draws from."""
    def profile(pick: Callable[[Fact], object]) -> dict[str, Any]:
        facts = {fact.id: pick(fact) for fact in spec.questionnaire}
        return {"agb_code": None, "applications": [{"contract": spec.contract.id}],
                "facts": {fact_id: value for fact_id, value in facts.items()
                          if _valid(spec, fact_id, value)}}
    return [profile(_lowest), profile(_highest)]


def _valid(spec: ContractSpec, fact_id: str, value: object) -> bool:
    # A fact with narrower bounds than its type (a count of at most 10) is left unknown.
    fact = next(fact for fact in spec.questionnaire if fact.id == fact_id)
    try:
        fact.check(value)
    except FactValueError:
        return False
    return True


def _lowest(fact: Fact) -> object:
    lowest: dict[FactType, object] = {
        FactType.BOOL: False, FactType.FRACTION: 0.0, FactType.INTEGER: 0,
        FactType.DATE: "1990-01-01", FactType.ENUM_LIST: [], FactType.SCHEDULE: {}}
    return fact.choices[0] if fact.type is FactType.ENUM else lowest[fact.type]


def _highest(fact: Fact) -> object:
    highest: dict[FactType, object] = {
        FactType.BOOL: True, FactType.FRACTION: 1.0, FactType.INTEGER: 10**6,
        FactType.DATE: "2060-12-31", FactType.ENUM_LIST: list(fact.choices),
        FactType.SCHEDULE: {day: ["00:00-24:00"] for day in DAYS}}
    return fact.choices[-1] if fact.type is FactType.ENUM else highest[fact.type]


def _violation_in(error: BaseException) -> _Violation | None:
    if isinstance(error, _Violation):
        return error
    for inner in [*getattr(error, "exceptions", ()), error.__cause__, error.__context__]:
        if isinstance(inner, BaseException) and inner is not error:
            found = _violation_in(inner)
            if found is not None:
                return found
    return None


def _check_profile(engine: Engine, year: int, profile: dict[str, Any], on: date,
                   checks: Sequence[str]) -> None:
    def fail(check: str, message: str) -> _Violation:
        return _Violation(check, message, profile, on)

    try:
        assessment = engine.assess(profile, on=on, year=year)
    except Exception as error:  # any exception on a valid profile is the finding
        raise fail("no_exceptions", _raised(error)) from error
    specs = [engine.contract(application["contract"], year)
             for application in profile["applications"]]
    if "status" in checks:
        message = _status_problem(specs, assessment)
        if message:
            raise fail("status", message)
    if "citations" in checks:
        for result in assessment.results:
            citation = result.offer.citation if result.offer else None
            for problem in _citation_problems(citation):
                raise fail("citations", f"the offer ({result.contract}): {problem}")
            if result.offer and not result.offer.text.strip():
                raise fail("citations", f"the offer ({result.contract}) does not quote the "
                                        "sentence that fixes its route and period")
    if "determinism" in checks:
        message = _determinism_problem(engine, year, profile, on, assessment)
        if message:
            raise fail("determinism", message)
    # After determinism: running the rules again must not hide a rule that keeps state.
    if "fact_reads" in checks:
        message = _reads_problem(engine, specs, profile, on)
        if message:
            raise fail("fact_reads", message)
    if "json_round_trip" in checks:
        message = _round_trip_problem(engine, profile, assessment)
        if message:
            raise fail("json_round_trip", message)
    if "unknown_never_eligible" in checks:
        unknown = {**profile, "facts": {}}
        try:
            stripped = engine.assess(unknown, on=on, year=year)
        except Exception as error:  # any exception on a valid profile is the finding
            raise _Violation("no_exceptions", _raised(error), unknown, on) from error
        for spec, result in zip(specs, stripped.results, strict=True):
            for message in _unknown_problems(spec, result):
                raise _Violation("unknown_never_eligible", message, unknown, on)


def _reads_problem(engine: Engine, specs: Sequence[ContractSpec], profile: dict[str, Any],
                   on: date) -> str | None:
    """The first condition that reads a fact it does not declare, on this profile."""
    checked = engine.read_profile(profile)
    for spec, application in zip(specs, checked.applications, strict=True):
        for condition in spec.conditions:
            situation = Situation(checked.agb_code, RecordingFacts(checked.facts), application,
                                  on)
            hidden = undeclared_reads(condition, situation)
            if hidden:
                owner = engine.catalogue.owners.get(
                    condition_key(spec.contract.id, condition.id), "?")
                return undeclared_message(condition, spec.contract.id, owner, hidden)
    return None


def _status_problem(specs: Sequence[ContractSpec], assessment: Assessment) -> str | None:
    if len(assessment.results) != len(specs):
        return (f"{len(specs)} applications gave {len(assessment.results)} results; an "
                "assessment gives one result per application")
    for spec, result in zip(specs, assessment.results, strict=True):
        message = _result_problem(spec, result)
        if message:
            return message if len(specs) == 1 else f"{result.contract}: {message}"
    return None


def _result_problem(spec: ContractSpec, result: Result) -> str | None:
    if result.contract != spec.contract.id:
        return f"the result is for {result.contract}, the application for {spec.contract.id}"
    ids = [finding.condition for finding in result.findings]
    if ids != [condition.id for condition in spec.conditions]:
        return f"findings {ids} do not follow the conditions one by one"
    for condition, finding in zip(spec.conditions, result.findings, strict=True):
        for field in ("kind", "citation", "text", "reading"):
            if getattr(finding, field) != getattr(condition, field):
                return (f"finding {finding.condition!r} carries {field} "
                        f"{getattr(finding, field)!r}, its condition "
                        f"{getattr(condition, field)!r}")
        if not isinstance(finding.outcome, Outcome):
            return f"finding {finding.condition!r} has outcome {finding.outcome!r}"
        if not isinstance(finding.reason, str) or not finding.reason.strip():
            return (f"finding {finding.condition!r} gives no reason ({finding.reason!r}); "
                    "a reason names the values that decided the outcome")
    expected, why = expected_status(result)
    if result.status is not expected:
        return f"status is {result.status.value}, but the findings give {expected.value}: {why}"
    variant, best = _expected_variant(spec, result)
    if (result.variant, result.variant_best_case) != (variant, best):
        return (f"variant {result.variant} (best case {result.variant_best_case}), but the "
                f"factors give {variant} (best case {best})")
    if result.status is Status.INELIGIBLE and result.period is not None:
        return f"ineligible with a period {result.period}; an ineligible result has none"
    passed = [deadline.name for deadline in result.deadlines if deadline.passed]
    if passed and result.status in (Status.ELIGIBLE, Status.REVIEW):
        return (f"status is {result.status.value} while deadline(s) {', '.join(passed)} have "
                "passed without a date in the profile; whether the step was done is unknown, so "
                "its procedure condition must be unknown (R8.6)")
    return None


def expected_status(result: Result) -> tuple[Status, str]:
    """The status the findings and offer of ``result`` give, with the deciding reason.

    Ineligible when a requirement or procedure is unmet; else incomplete when one is unknown;
    else review when the insurer judges the offer itself; else eligible. Factors, expectations
    and notes never count.
    """
    deciding = [finding for finding in result.findings if finding.kind in _DECIDING]
    for outcome, status in ((Outcome.UNMET, Status.INELIGIBLE),
                            (Outcome.UNKNOWN, Status.INCOMPLETE)):
        found = [finding for finding in deciding if finding.outcome is outcome]
        if found:
            first = found[0]
            return status, (f"{first.kind.value} {first.condition!r} is {outcome.value} "
                            f"({first.reason})")
    if result.offer is not None and result.offer.review is not None:
        return Status.REVIEW, f"the insurer judges the offer ({result.offer.review})"
    return Status.ELIGIBLE, "every requirement and procedure is met or not applicable"


def _expected_variant(spec: ContractSpec, result: Result) -> tuple[str | None, str | None]:
    variants = spec.contract.variants
    if result.status is Status.INELIGIBLE or spec.contract.variant_names is None:
        return None, None
    if spec.contract.tiers is not None:
        return _expected_tier(spec.contract.tiers, result)
    assert variants is not None
    factors = [f for f in result.findings if f.kind is Kind.FACTOR]
    met = sum(f.outcome is Outcome.MET for f in factors)
    unknown = sum(f.outcome is Outcome.UNKNOWN for f in factors)
    top = len(variants) - 1
    return variants[min(met, top)], variants[min(met + unknown, top)]


def _expected_tier(tiers: Sequence[Tier], result: Result) -> tuple[str, str]:
    """The tiers reached (variant) and reachable (best case): each stated on its own."""
    met = {f.condition for f in result.findings
           if f.kind is Kind.FACTOR and f.outcome is Outcome.MET}
    unknown = {f.condition for f in result.findings
               if f.kind is Kind.FACTOR and f.outcome is Outcome.UNKNOWN}

    def reached(counted: set[str]) -> str:
        names = [tier.name for tier in tiers
                 if set(tier.requires) <= counted and len(counted) >= tier.at_least]
        return names[-1]

    return reached(met), reached(met | unknown)


def _determinism_problem(engine: Engine, year: int, profile: dict[str, Any], on: date,
                         first: Assessment) -> str | None:
    facts = profile.get("facts") or {}
    again = (("the same profile assessed again", profile),
             ("the same profile with its facts in reverse order",
              {**profile, "facts": dict(reversed(list(facts.items())))}))
    for what, variant in again:
        other = engine.assess(variant, on=on, year=year)
        if other != first:
            where = describe_differences(_json(first), _json(other), first="findings")
            return f"{what} gave a different assessment: {where}"
    return None


def _round_trip_problem(engine: Engine, profile: dict[str, Any],
                        assessment: Assessment) -> str | None:
    from caresq.profile import profile_to_json

    read = engine.read_profile(profile)
    written = profile_to_json(read, engine.facts)
    try:
        again = engine.read_profile_json(json.dumps(written, allow_nan=False))
    except Exception as error:  # a profile that cannot be written back is the finding
        return f"profile_to_json wrote a profile that does not read back: {error}"
    if again != read:
        return "profile_to_json then read_profile gave a different profile"
    data = assessment_to_json(assessment)
    try:
        text = json.dumps(data, allow_nan=False)
    except (TypeError, ValueError) as error:
        return (f"assessment_to_json gave a value json.dumps cannot write ({error}); every "
                "reason and text must be a string")
    back = assessment_from_json(json.loads(text))
    if back != assessment:
        where = describe_differences(data, _json(back))
        return f"assessment_from_json(assessment_to_json(a)) differs from a: {where}"
    return None


def _json(assessment: Assessment) -> object:
    try:
        return assessment_to_json(assessment)
    except Exception:  # compare what can be compared
        return repr(assessment)
