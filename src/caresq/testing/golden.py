"""Golden files: recorded assessments, and which providers change when a policy does.

A corpus is a directory of profiles, ``<name>.json``, each with its recorded assessment,
``<name>.assessment.json``, assessed on one fixed reference date. Comparing the corpus with
what the engine says now gives a :class:`GoldenDiff` that reads like a change list::

    2 of 20 golden profiles changed (on 2023-10-20):
    late_request.json (Fysiotherapie De Brug, 04123456)
      fysio.basis: status review -> eligible; variant B -> A
        fysio.patient_score [factor]: unknown -> met (patient score 0.9 is at least 0.8)

When the change is intended, record the corpus again: ``pytest --caresq-refresh-golden`` (with
the ``caresq_golden`` fixture) or ``python -m caresq.testing.golden DIR --on DATE --refresh``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from caresq.engine import Engine
from caresq.errors import CaresqError
from caresq.facts import parse_date
from caresq.render import assessment_to_json
from caresq.testing._diff import MISSING, differences, show

__all__ = ["CaseChange", "GoldenCorpus", "GoldenDiff", "ResultChange", "main"]

#: The suffix of a recorded assessment beside its profile.
ASSESSMENT_SUFFIX: Final = ".assessment.json"


@frozen
class ResultChange:
    """How one result (one application) of a golden profile changed."""

    contract: str
    #: (before, after) status; equal when only details changed; None for a result that is new
    #: or gone.
    status: tuple[str | None, str | None]
    #: (before, after) variant.
    variant: tuple[str | None, str | None]
    #: Readable lines: each finding whose outcome or text changed, then other fields.
    details: tuple[str, ...]

    @property
    def headline(self) -> str:
        """E.g. ``fysio.basis: status review -> eligible; variant B -> A``."""
        old_status, new_status = self.status
        if old_status is None or new_status is None:
            verb = "new result" if old_status is None else "result gone"
            return f"{self.contract}: {verb} (status {old_status or new_status})"
        parts = [f"{what} {_short(old)} -> {_short(new)}"
                 for what, (old, new) in (("status", self.status), ("variant", self.variant))
                 if old != new]
        return f"{self.contract}: {'; '.join(parts) or 'details changed'}"

    def __str__(self) -> str:
        return "\n".join([self.headline, *(f"  {line}" for line in self.details)])


@frozen
class CaseChange:
    """How the assessment of one golden profile differs from its recording."""

    #: The profile's file name, e.g. ``late_request.json``.
    name: str
    #: Who it is, e.g. ``Fysiotherapie De Brug, 04123456``.
    provider: str
    results: tuple[ResultChange, ...]
    #: Changes outside the results (reference date, contract year).
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        lines = [f"{self.name} ({self.provider})", *(f"  {line}" for line in self.details)]
        lines += [f"  {line}" for result in self.results for line in str(result).splitlines()]
        return "\n".join(lines)


@frozen
class GoldenDiff:
    """What changed in a corpus since it was recorded."""

    on: date
    #: How many profiles were compared.
    compared: int
    changed: tuple[CaseChange, ...]
    #: Profiles without a recorded assessment yet.
    unrecorded: tuple[str, ...] = ()
    #: Recorded assessments whose profile is gone.
    orphaned: tuple[str, ...] = ()
    #: Profiles that no longer assess, with the error.
    errors: tuple[tuple[str, str], ...] = ()
    #: What is wrong with the corpus itself: no folder, no profile, a recording not JSON.
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether everything is as recorded (and there was something to compare)."""
        return not (self.changed or self.unrecorded or self.orphaned or self.errors
                    or self.problems)

    @property
    def outcome_changes(self) -> tuple[tuple[str, ResultChange], ...]:
        """(profile name, change) for every result whose status or variant changed."""
        return tuple((change.name, result) for change in self.changed
                     for result in change.results
                     if result.status[0] != result.status[1]
                     or result.variant[0] != result.variant[1])

    def __str__(self) -> str:
        if self.ok:
            return f"all {self.compared} golden profiles assess as recorded (on {self.on})"
        lines = [f"{len(self.changed)} of {self.compared} golden profiles changed "
                 f"(on {self.on}):", *self.problems]
        lines += [str(change) for change in self.changed]
        lines += [f"{name}: no recorded assessment yet" for name in self.unrecorded]
        lines += [f"{name}: recorded, but its profile is gone" for name in self.orphaned]
        lines += [f"{name}: does not assess any more: {error}" for name, error in self.errors]
        lines.append("If the changes are intended, record again: pytest --caresq-refresh-golden")
        return "\n".join(lines)


class GoldenCorpus:
    """A directory of profiles and their recorded assessments, all on one reference date."""

    def __init__(self, directory: str | Path, *, on: date, year: int | None = None) -> None:
        #: Where the profiles and recordings are.
        self.directory = Path(directory)
        #: The reference date every profile is assessed on.
        self.on = on
        #: The contract year to assess in; default: the engine's choice per profile.
        self.year = year

    def profiles(self) -> list[Path]:
        """The profile files, by name."""
        return sorted(path for path in self.directory.glob("*.json")
                      if not path.name.endswith(ASSESSMENT_SUFFIX))

    def recording(self, profile: Path) -> Path:
        """Where the assessment of ``profile`` is recorded."""
        return profile.with_name(profile.name.removesuffix(".json") + ASSESSMENT_SUFFIX)

    def assess(self, engine: Engine, profile: Path) -> dict[str, Any]:
        """The JSON assessment of one profile file now."""
        checked = engine.read_profile_json(profile.read_text(encoding="utf-8"))
        return assessment_to_json(engine.assess(checked, on=self.on, year=self.year))

    def record(self, engine: Engine) -> list[Path]:
        """Record every profile's assessment again; remove recordings without a profile."""
        written = []
        for profile in self.profiles():
            target = self.recording(profile)
            text = json.dumps(self.assess(engine, profile), ensure_ascii=False, indent=2) + "\n"
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                written.append(target)
        for orphan in self._orphans():
            orphan.unlink()
            written.append(orphan)
        return written

    def compare(self, engine: Engine) -> GoldenDiff:
        """Assess every profile and compare with its recording."""
        changed: list[CaseChange] = []
        unrecorded: list[str] = []
        errors: list[tuple[str, str]] = []
        profiles = self.profiles()
        problems = self._corpus_problems(profiles)
        for profile in profiles:
            recording = self.recording(profile)
            if not recording.exists():
                unrecorded.append(profile.name)
                continue
            try:
                now = self.assess(engine, profile)
            except (CaresqError, ValueError) as error:
                errors.append((profile.name, str(error).replace("\n", " ")))
                continue
            before = _recorded(recording)
            if isinstance(before, str):
                problems.append(f"{recording.name}: {before}")
            elif before != now:
                changed.append(describe_change(profile.name, before, now))
        return GoldenDiff(self.on, len(profiles), tuple(changed), tuple(unrecorded),
                          tuple(path.name for path in self._orphans()), tuple(errors),
                          tuple(problems))

    def _corpus_problems(self, profiles: Sequence[Path]) -> list[str]:
        """A folder that is not there, or holds no profile: a misspelt path compares nothing,
        and "all 0 golden profiles assess as recorded" would pass."""
        if not self.directory.is_dir():
            return [f"{self.directory}: no such folder of golden profiles"]
        if not profiles:
            return [f"{self.directory}: no golden profile (*.json) in it"]
        return []

    def _orphans(self) -> list[Path]:
        names = {path.name for path in self.profiles()}
        return sorted(path for path in self.directory.glob("*" + ASSESSMENT_SUFFIX)
                      if path.name.removesuffix(ASSESSMENT_SUFFIX) + ".json" not in names)


def _recorded(recording: Path) -> dict[str, Any] | str:
    """The recorded assessment, or what is wrong with the file (a merge's conflict marks)."""
    try:
        data = json.loads(recording.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return f"the recording is not JSON ({error}); record again"
    if not isinstance(data, dict):
        return "the recording is not a JSON object; record again"
    return data


# -- describing a change -------------------------------------------------------------------------


def describe_change(name: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> CaseChange:
    """The readable difference between two JSON assessments of one profile."""
    who = ", ".join(str(x) for x in (after.get("name"), after.get("agb_code")) if x)
    details = [f"{key}: {show(before.get(key))} -> {show(after.get(key))}"
               for key in ("reference_date", "contract_year") if before.get(key) != after.get(key)]
    old = _by_contract(before)
    new = _by_contract(after)
    results = [_result_change(contract, old.get(contract), new.get(contract))
               for contract in dict.fromkeys([*old, *new])
               if old.get(contract) != new.get(contract)]
    return CaseChange(name, who or "?", tuple(results), tuple(details))


def _by_contract(assessment: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    results = assessment.get("results") or []
    keyed: dict[str, Mapping[str, Any]] = {}
    for index, result in enumerate(results):
        contract = str(result.get("contract"))
        keyed[contract if contract not in keyed else f"{contract} #{index + 1}"] = result
    return keyed


_HEADLINE_KEYS: Final = ("status", "variant", "findings")


def _result_change(contract: str, before: Mapping[str, Any] | None,
                   after: Mapping[str, Any] | None) -> ResultChange:
    was, now = before or {}, after or {}
    details = list(_finding_lines(was.get("findings") or [], now.get("findings") or []))
    if before is not None and after is not None:
        rest = [{k: v for k, v in side.items() if k not in _HEADLINE_KEYS} for side in (was, now)]
        details += [f"{path}: {show(old)} -> {show(new)}"
                    for path, old, new in differences(rest[0], rest[1])]
    return ResultChange(contract, (was.get("status"), now.get("status")),
                        (was.get("variant"), now.get("variant")), tuple(details))


def _finding_lines(before: Sequence[Mapping[str, Any]],
                   after: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    old = {str(f.get("condition")): f for f in before}
    new = {str(f.get("condition")): f for f in after}
    for condition in dict.fromkeys([*old, *new]):
        was, now = old.get(condition), new.get(condition)
        if was == now:
            continue
        if was is None or now is None:
            present = now if was is None else was
            assert present is not None
            verb = "new condition" if was is None else "condition gone"
            yield (f"{condition} [{present.get('kind')}]: {verb}, {present.get('outcome')} "
                   f"({present.get('reason')})")
            continue
        label = f"{condition} [{now.get('kind')}]"
        if was.get("outcome") != now.get("outcome"):
            yield (f"{label}: {was.get('outcome')} -> {now.get('outcome')} "
                   f"({now.get('reason')})")
            continue
        for path, old_value, new_value in differences(dict(was), dict(now)):
            if old_value is not MISSING or new_value is not MISSING:
                yield f"{label}: {path} {show(old_value)} -> {show(new_value)}"


def _short(value: object) -> str:
    return "none" if value is None else str(value)


# -- command line --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m caresq.testing.golden DIR --on DATE [--refresh]``: compare or record.

    Uses every installed plugin (``Engine.default()``). Exit 0 when the corpus assesses as
    recorded (or was recorded), 1 when something changed.
    """
    parser = argparse.ArgumentParser(prog="python -m caresq.testing.golden",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("directory", help="the corpus: <name>.json profiles and recordings")
    parser.add_argument("--on", required=True, type=parse_date, help="reference date")
    parser.add_argument("--year", type=int, help="contract year (default: per profile)")
    parser.add_argument("--refresh", action="store_true", help="record every assessment again")
    args = parser.parse_args(argv)
    corpus = GoldenCorpus(args.directory, on=args.on, year=args.year)
    engine = Engine.default()
    if args.refresh:
        for path in corpus.record(engine):
            print(f"recorded {path}")
        return 0
    diff = corpus.compare(engine)
    print(diff)
    return 0 if diff.ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
