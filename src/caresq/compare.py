"""What-if: one batch assessed under the policy in force and under a change, side by side.

:func:`compare_profiles` reads each line once, assesses it under both engines (the baseline and
the changed one, e.g. ``engine.with_parameters({...})``, or the same plugins for another
contract year) and adds the pair to a :class:`Comparison`: counts, status and variant
transitions, better and worse, which conditions' outcomes changed in the changed results, and
the changed results themselves. It streams: memory grows with the number of changes, never with
the number of lines. ``Engine.compare`` is the entry point; :func:`compare_in_processes` does
the same over worker processes, chunk by chunk, in input order.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar

from attrs import frozen

from caresq.errors import CaresqError, ProfileError
from caresq.model import Assessment, Outcome, Result, Status
from caresq.profile import Profile
from caresq.registry import ContractSpec
from caresq.workers import never_outlive

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Worst first: "better" and "worse" follow this order (ineligible < ... < eligible).
STATUS_ORDER: Final = (Status.INELIGIBLE, Status.INCOMPLETE, Status.REVIEW, Status.ELIGIBLE)
_STATUS_RANK: Final = {status: rank for rank, status in enumerate(STATUS_ORDER)}
#: How a transition is written: "eligible->ineligible", "C->B"; "-" stands for no variant.
ARROW: Final = "->"
NO_VARIANT: Final = "-"
#: Lines per chunk handed to a worker process.
CHUNK_LINES: Final = 256
_AHEAD_PER_JOB: Final = 4
#: How many bad line numbers a comparison keeps to show.
SHOWN_BAD_LINES: Final = 10

Line = Profile | Mapping[str, object] | str | bytes
_T = TypeVar("_T")


class Assessor(Protocol):
    """What a comparison needs of an engine (``caresq.Engine`` is one)."""

    def read_profile(self, data: object) -> Profile: ...

    def read_profile_json(self, text: str | bytes) -> Profile: ...

    def assess(self, profile: Profile | Mapping[str, object], on: date | None = None,
               year: int | None = None) -> Assessment: ...

    def contract(self, contract_id: str, year: int | None = None) -> ContractSpec: ...


@frozen
class Side:
    """One side of a change: the status and variant of a result."""

    status: Status
    variant: str | None

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status.value, "variant": self.variant}


@frozen
class Change:
    """One result whose status or variant differs between the baseline and the change."""

    line: int
    #: ``None`` when the profile does not give it.
    agb_code: str | None
    name: str | None
    contract: str
    before: Side
    after: Side
    #: +1 better, -1 worse, 0 neither (see :func:`direction`).
    direction: int
    #: The conditions whose outcome changed, each with "before->after".
    conditions: tuple[tuple[str, str], ...]

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "agb_code": self.agb_code, "contract": self.contract,
                "before": self.before.to_json(), "after": self.after.to_json(),
                "direction": {1: "better", -1: "worse"}.get(self.direction),
                "conditions": dict(self.conditions)}


@frozen
class ConditionInfo:
    """What the report shows of a condition that changed: its kind, citation and sentence."""

    kind: str
    citation: str
    text: str


class Comparison:
    """The tally of a comparison so far; :meth:`to_json` is the JSON of a what-if report."""

    def __init__(self) -> None:
        self.profiles = 0
        self.bad_lines = 0
        #: The first :data:`SHOWN_BAD_LINES` bad lines, with why.
        self.bad: list[tuple[int, str]] = []
        #: "before->after" of every result's status, the unchanged ones included.
        self.status: Counter[str] = Counter()
        #: "before->after" of every result that has a variant on either side.
        self.variant: Counter[str] = Counter()
        self.better = 0
        self.worse = 0
        #: Per condition id, "before->after" outcome counts over the changed results.
        self.conditions: dict[str, Counter[str]] = {}
        self.condition_info: dict[str, ConditionInfo] = {}
        #: Variant names best first, as the contracts seen declare them.
        self.variant_order: list[str] = []
        self.changes: list[Change] = []
        #: What was compared: the reference date, the years, the parameters that differ.
        self.scenario: dict[str, Any] = {}

    @property
    def changed(self) -> int:
        """How many results (applications) changed status or variant."""
        return len(self.changes)

    def add_bad(self, line: int, why: str) -> None:
        """Count a line that could not be assessed on one side or both."""
        self.bad_lines += 1
        if len(self.bad) < SHOWN_BAD_LINES:
            self.bad.append((line, why))

    def add(self, line: int, before: Assessment, after: Assessment,
            variants: Callable[[str, int], Sequence[str] | None]) -> None:
        """Add one profile assessed both ways; ``variants`` gives a contract's variant names."""
        self.profiles += 1
        for old, new in zip(before.results, after.results, strict=True):
            self._add_result(line, before, old, new, before.contract_year,
                             after.contract_year, variants)

    def _add_result(self, line: int, assessment: Assessment, old: Result, new: Result,
                    old_year: int, new_year: int,
                    variants: Callable[[str, int], Sequence[str] | None]) -> None:
        self.status[f"{old.status.value}{ARROW}{new.status.value}"] += 1
        if old.variant is not None or new.variant is not None:
            self.variant[f"{old.variant or NO_VARIANT}{ARROW}{new.variant or NO_VARIANT}"] += 1
        if old.status is new.status and old.variant == new.variant:
            return
        old_names = variants(old.contract, old_year) or ()
        new_names = variants(new.contract, new_year) or ()
        self._learn_variants(old_names)
        self._learn_variants(new_names)
        moved = direction(old, new, old_names, new_names)
        self.better += moved > 0
        self.worse += moved < 0
        outcomes = self._condition_changes(old, new)
        self.changes.append(Change(line, assessment.agb_code, assessment.name, old.contract,
                                   Side(old.status, old.variant), Side(new.status, new.variant),
                                   moved, outcomes))

    def _condition_changes(self, old: Result, new: Result) -> tuple[tuple[str, str], ...]:
        before = {finding.condition: finding.outcome for finding in old.findings}
        changed: list[tuple[str, str]] = []
        for finding in new.findings:
            was = before.pop(finding.condition, None)
            if was is not finding.outcome:
                changed.append((finding.condition, _moved(was, finding.outcome)))
                self.condition_info.setdefault(finding.condition, ConditionInfo(
                    finding.kind.value, str(finding.citation), finding.text))
        changed += [(condition, _moved(was, None)) for condition, was in before.items()]
        for condition, moved in changed:
            self.conditions.setdefault(condition, Counter())[moved] += 1
        return tuple(changed)

    def _learn_variants(self, names: Sequence[str]) -> None:
        for name in reversed(names):  # declared worst first; kept best first
            if name not in self.variant_order:
                self.variant_order.append(name)

    def merge(self, other: Comparison) -> None:
        """Add ``other`` (the tally of the lines after this one's) to this one."""
        self.profiles += other.profiles
        self.bad_lines += other.bad_lines
        self.bad.extend(other.bad[:SHOWN_BAD_LINES - len(self.bad)])
        self.status.update(other.status)
        self.variant.update(other.variant)
        self.better += other.better
        self.worse += other.worse
        for condition, counts in other.conditions.items():
            self.conditions.setdefault(condition, Counter()).update(counts)
        for condition, info in other.condition_info.items():
            self.condition_info.setdefault(condition, info)
        self._learn_variants(list(reversed(other.variant_order)))
        self.changes.extend(other.changes)

    def to_json(self) -> dict[str, Any]:
        """The what-if JSON: counts, transitions, better/worse, attribution, the changes."""
        return {
            "profiles": self.profiles,
            "bad_lines": self.bad_lines,
            "changed": self.changed,
            "status": dict(sorted(self.status.items(), key=_status_key)),
            "variant": dict(sorted(self.variant.items(), key=self._variant_key)),
            "better": self.better,
            "worse": self.worse,
            "conditions": {condition: dict(sorted(counts.items()))
                           for condition, counts in sorted(self.conditions.items())},
            "changes": [change.to_json() for change in self.changes],
            "scenario": self.scenario,
        }

    def _variant_key(self, item: tuple[str, int]) -> tuple[int, int]:
        old, _, new = item[0].partition(ARROW)
        return self.variant_rank(old), self.variant_rank(new)

    def variant_rank(self, name: str) -> int:
        """Where ``name`` stands, best first; no variant last."""
        order = self.variant_order
        return order.index(name) if name in order else len(order) + (name == NO_VARIANT)


def _moved(was: Outcome | None, now: Outcome | None) -> str:
    return f"{was.value if was else 'absent'}{ARROW}{now.value if now else 'absent'}"


def _status_key(item: tuple[str, int]) -> tuple[int, int]:
    old, _, new = item[0].partition(ARROW)
    ranks = {status.value: -rank for status, rank in _STATUS_RANK.items()}  # best first
    return ranks.get(old, 0), ranks.get(new, 0)


def direction(old: Result, new: Result, old_variants: Sequence[str],
              new_variants: Sequence[str]) -> int:
    """+1 when ``new`` is better than ``old``, -1 when worse, 0 when neither.

    The status decides first (ineligible < incomplete < review < eligible); at the same status
    the variant does, by its place in the contract's variants (declared worst first: E < ... < A).
    """
    old_rank, new_rank = _STATUS_RANK[old.status], _STATUS_RANK[new.status]
    if old_rank != new_rank:
        return 1 if new_rank > old_rank else -1
    if old.variant is None or new.variant is None:
        return 0
    old_place = old_variants.index(old.variant) if old.variant in old_variants else -1
    new_place = new_variants.index(new.variant) if new.variant in new_variants else -1
    return (new_place > old_place) - (new_place < old_place)


# -- running a comparison -------------------------------------------------------------------------


def compare_profiles(before: Assessor, after: Assessor, lines: Iterable[Line], on: date,
                     year: int | None = None, after_year: int | None = None,
                     first_line: int = 1) -> Comparison:
    """Assess every line under ``before`` and ``after`` in one pass and tally the differences.

    A line is read once (by ``before``'s reader: both engines read the same facts). A line that
    cannot be read, or that either engine cannot assess (a :class:`~caresq.CaresqError`), is
    counted as a bad line and the rest go on.

    :param year: the contract year of the baseline (default: from the contracts).
    :param after_year: the contract year of the change (default: ``year``).
    """
    tally = Comparison()
    variants = _variant_names(before, after)
    changed_year = year if after_year is None else after_year
    for number, line in enumerate(lines, start=first_line):
        try:
            profile = (before.read_profile_json(line) if isinstance(line, str | bytes)
                       else before.read_profile(line))
            old = before.assess(profile, on, year)
            new = after.assess(profile, on, changed_year)
        except CaresqError as error:
            tally.add_bad(number, _why(error))
            continue
        tally.add(number, old, new, variants)
    return tally


def _why(error: CaresqError) -> str:
    """One line saying why a line could not be compared."""
    if isinstance(error, ProfileError):
        more = len(error.errors) - 1
        return (f"ProfileError: {error.errors[0] if error.errors else error}"
                + (f" (and {more} more)" if more > 0 else ""))
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"


def _variant_names(before: Assessor,
                   after: Assessor) -> Callable[[str, int], Sequence[str] | None]:
    known: dict[tuple[str, int], Sequence[str] | None] = {}

    def variants(contract_id: str, year: int) -> Sequence[str] | None:
        key = (contract_id, year)
        if key not in known:
            try:
                spec = after.contract(contract_id, year)
            except CaresqError:
                spec = before.contract(contract_id, year)
            known[key] = spec.contract.variants
        return known[key]

    return variants


def chunks(lines: Iterable[_T], size: int = CHUNK_LINES) -> Iterator[tuple[int, list[_T]]]:
    """The lines in runs of ``size``, each with the number of its first line (from 1)."""
    source = iter(lines)
    first = 1
    while chunk := list(islice(source, size)):
        yield first, chunk
        first += len(chunk)


#: The two engines of a worker process, built once by :func:`_start_worker`.
_worker_engines: tuple[Assessor, Assessor] | None = None


def _start_worker(make: Callable[[Mapping[str, object]], Assessor],
                  before: Mapping[str, object], after: Mapping[str, object],
                  parent: int) -> None:
    global _worker_engines
    never_outlive(parent)
    _worker_engines = (make(before), make(after))


def _compare_in_worker(first: int, lines: list[Line], on: date, year: int | None,
                       after_year: int | None) -> Comparison:
    assert _worker_engines is not None, "the pool's initializer builds the engines"
    return compare_profiles(*_worker_engines, lines, on, year, after_year, first)


def compare_in_processes(make: Callable[[Mapping[str, object]], Assessor],
                         before: Mapping[str, object], after: Mapping[str, object],
                         lines: Iterable[Line], on: date, year: int | None,
                         after_year: int | None, jobs: int) -> Comparison:
    """:func:`compare_profiles` over ``jobs`` worker processes; the same tally, in line order.

    Each worker builds its two engines once with ``make(overrides)`` (a picklable callable,
    such as ``Engine.default``) from the baseline's and the change's parameter overrides.
    """
    from concurrent.futures import ProcessPoolExecutor  # only for jobs > 1

    total = Comparison()
    with ProcessPoolExecutor(jobs, initializer=_start_worker,
                             initargs=(make, dict(before), dict(after), os.getpid())) as pool:
        pending: list[Future[Comparison]] = []
        for first, chunk in chunks(lines):
            pending.append(pool.submit(_compare_in_worker, first, chunk, on, year, after_year))
            if len(pending) >= _AHEAD_PER_JOB * jobs:
                total.merge(pending.pop(0).result())
        for future in pending:
            total.merge(future.result())
    return total
