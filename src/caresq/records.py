"""Decision records: what produced an assessment, kept with it, and replayed later.

:func:`make_record` gives the ``record`` an assessment carries with ``--record``: caresq's and
every plugin's version, the fingerprint of each contract's policy as encoded
(``Engine.fingerprint``), the parameter overrides in force, the profile as read, its SHA-256
and the reference date. :func:`replay` re-assesses each record with the installed policy and
says, per record, whether the result is reproduced, where it differs (field by field), or that
the policy changed since (a fingerprint differs: not a mismatch, the record speaks of another
policy).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Final, Protocol

from attrs import frozen

from caresq._metadata import caresq_version
from caresq.errors import CaresqError, ProfileError
from caresq.facts import MAX_SAFE_INTEGER, parse_date, show_value
from caresq.model import Assessment
from caresq.parameters import ParameterError
from caresq.plugins import PluginInfo
from caresq.profile import Profile, parse_json
from caresq.render import assessment_to_json

#: How many differences one record lists before it says how many more there are.
SHOWN_DIFFERENCES: Final = 20

REPRODUCED: Final = "reproduced"
DIFFERS: Final = "differs"
POLICY_CHANGED: Final = "policy changed"
SKIPPED: Final = "skipped"


class RecordingEngine(Protocol):
    """What records need of an engine (``caresq.Engine`` is one)."""

    @property
    def overrides(self) -> Mapping[str, object]: ...

    def plugins(self) -> list[PluginInfo]: ...

    def fingerprint(self, contract_id: str, year: int | None = None) -> str: ...

    def with_parameters(self, overrides: Mapping[str, object]) -> RecordingEngine: ...

    def assess(self, profile: Profile | Mapping[str, object], on: date | None = None,
               year: int | None = None) -> Assessment: ...


def profile_sha256(profile: object) -> str:
    """The SHA-256 of a profile's JSON in one canonical form (sorted keys, no spaces, ASCII)."""
    import hashlib  # 3 ms to import (OpenSSL): only a batch with --record pays for it

    text = json.dumps(profile, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def make_record(engine: RecordingEngine, assessment: Assessment,
                profile: object) -> dict[str, Any]:
    """The record of ``assessment``, made by ``engine`` from ``profile`` (the JSON as read)."""
    return {
        "caresq": caresq_version(),
        "plugins": _plugin_versions(engine),
        "policy": {result.contract: engine.fingerprint(result.contract, assessment.contract_year)
                   for result in assessment.results},
        "parameters": {pid: _json_value(value) for pid, value in engine.overrides.items()},
        "profile": profile,
        "profile_sha256": profile_sha256(profile),
        "reference_date": assessment.reference_date.isoformat(),
    }


#: Plugin versions by engine: an engine's plugins never change, and a batch asks per line.
_VERSIONS: dict[int, tuple[RecordingEngine, dict[str, str | None]]] = {}


def _plugin_versions(engine: RecordingEngine) -> dict[str, str | None]:
    known = _VERSIONS.get(id(engine))
    if known is None or known[0] is not engine:
        if len(_VERSIONS) >= 16:
            _VERSIONS.clear()
        known = _VERSIONS[id(engine)] = (engine, {
            info.name: info.version for info in engine.plugins()
            if info.error is None and info.name != "caresq.common"})
    return dict(known[1])


def with_record(engine: RecordingEngine, assessment: Assessment,
                profile: object) -> dict[str, Any]:
    """The assessment's JSON with its ``record``."""
    return {**assessment_to_json(assessment), "record": make_record(engine, assessment, profile)}


# -- replay --------------------------------------------------------------------------------------


@frozen
class Replayed:
    """What replaying one record found."""

    #: The line of a JSONL file (1 for a single JSON document).
    line: int
    agb_code: str | None
    #: :data:`REPRODUCED`, :data:`DIFFERS`, :data:`POLICY_CHANGED` or :data:`SKIPPED`.
    state: str
    #: What differs, or why the policy counts as changed, or why it was skipped.
    details: tuple[str, ...] = ()


#: Why a document nested too deeply is not replayed (the words of ``parse_json``).
_TOO_DEEP: Final = "not valid JSON: nested too deeply"


@frozen
class Unreadable:
    """A line of a replay file that is not JSON: it replays as differing, saying why."""

    #: What the JSON reader found, e.g. "not valid JSON: nested too deeply".
    reason: str


def replay(engine: RecordingEngine, documents: Iterable[tuple[int, object]]) -> Iterator[Replayed]:
    """Replay each ``(line, document)``: a JSON assessment with a ``record``, or a batch line.

    A batch line that holds an error record (no result) is skipped; a document without a
    record differs ("no record"). Engines for the records' parameter overrides are built once
    per set of overrides.
    """
    engines: dict[str, RecordingEngine | ParameterError] = {}
    for line, document in documents:
        try:
            outcome = _replay_one(engine, engines, line, document)
        except RecursionError:  # a document that parsed, but too deep to hash or compare
            outcome = Replayed(line, None, DIFFERS, (_TOO_DEEP,))
        yield outcome


def _replay_one(engine: RecordingEngine, engines: dict[str, RecordingEngine | ParameterError],
                line: int, document: object) -> Replayed:
    if isinstance(document, Unreadable):
        return Replayed(line, None, DIFFERS, (document.reason,))
    if not isinstance(document, dict):
        return Replayed(line, None, DIFFERS, ("not a JSON object",))
    agb = document.get("agb_code")
    agb_code = agb if isinstance(agb, str) else None
    record = document.get("record")
    if "error" in document and "results" not in document:
        return Replayed(line, agb_code, SKIPPED, ("an error record: no result to replay",))
    if not isinstance(record, dict):
        return Replayed(line, agb_code, DIFFERS, ("no record: assessed without --record",))
    problem = _check_record(record)
    if problem is not None:
        return Replayed(line, agb_code, DIFFERS, (problem,))
    chosen = _engine_for(engine, engines, record["parameters"])
    if isinstance(chosen, ParameterError):
        return Replayed(line, agb_code, POLICY_CHANGED, (str(chosen),))
    year = document.get("contract_year")
    changed = _changed_policies(chosen, record["policy"], year if isinstance(year, int) else None)
    if changed:
        return Replayed(line, agb_code, POLICY_CHANGED, tuple(changed))
    try:
        now = assessment_to_json(chosen.assess(
            record["profile"], on=parse_date(record["reference_date"]),
            year=year if isinstance(year, int) else None))
    except CaresqError as error:
        return Replayed(line, agb_code, DIFFERS, (f"the profile no longer assesses: {error}",))
    recorded = {key: value for key, value in document.items() if key != "record"}
    differences = differences_between(recorded, now)
    if not differences:
        return Replayed(line, agb_code, REPRODUCED)
    shown = differences[:SHOWN_DIFFERENCES]
    if len(differences) > len(shown):
        shown.append(f"... and {len(differences) - len(shown)} more")
    return Replayed(line, agb_code, DIFFERS, tuple(shown))


_RECORD_KEYS: Final = {"caresq": str, "plugins": dict, "policy": dict, "parameters": dict,
                       "profile_sha256": str, "reference_date": str}


def _check_record(record: Mapping[str, Any]) -> str | None:
    """Why ``record`` cannot be replayed as it stands; None when it can."""
    for key, kind in _RECORD_KEYS.items():
        if not isinstance(record.get(key), kind):
            return f"record.{key}: missing or not a {kind.__name__}"
    if "profile" not in record:
        return "record.profile: missing"
    try:
        # The dates an assessment may speak from (1900 to 2999): one outside would overflow
        # the date arithmetic of the rules.
        parse_date(record["reference_date"])
    except ValueError as error:
        return f"record.reference_date: {error}"
    problem = _check_parameters(record["parameters"])
    if problem is not None:
        return problem
    if profile_sha256(record["profile"]) != record["profile_sha256"]:
        return "record.profile: does not match record.profile_sha256 (the profile was edited)"
    return None


def _check_parameters(parameters: Mapping[str, object]) -> str | None:
    """Why the record's overrides cannot be set; None when the parameters may judge them.

    A number beyond +-2^53 is refused here, as a profile's would be (I-JSON): turned into a
    fraction it overflows, and no policy ever recorded one.
    """
    for pid, value in parameters.items():
        if (isinstance(value, int) and not isinstance(value, bool)
                and abs(value) > MAX_SAFE_INTEGER):
            where = json.dumps(pid, ensure_ascii=False)
            return f"record.parameters[{where}]: {show_value(value)} is beyond +-2^53"
    return None


def _engine_for(engine: RecordingEngine, engines: dict[str, RecordingEngine | ParameterError],
                overrides: Mapping[str, object]) -> RecordingEngine | ParameterError:
    key = json.dumps(overrides, sort_keys=True)
    if key not in engines:
        try:
            engines[key] = (engine.with_parameters(overrides) if overrides or engine.overrides
                            else engine)
        except ParameterError as error:
            engines[key] = error
    return engines[key]


def _changed_policies(engine: RecordingEngine, policy: Mapping[str, object],
                      year: int | None) -> list[str]:
    changed = []
    for contract_id, recorded in policy.items():
        try:
            now = engine.fingerprint(contract_id, year)
        except CaresqError as error:
            changed.append(f"{contract_id}: {error}")
            continue
        if now != recorded:
            changed.append(f"{contract_id}: fingerprint {str(recorded)[:12]}... recorded, "
                           f"{now[:12]}... installed")
    return changed


def differences_between(recorded: object, now: object, path: str = "") -> list[str]:
    """Every field where ``recorded`` and ``now`` differ, as ``path: recorded X, now Y``."""
    if isinstance(recorded, dict) and isinstance(now, dict):
        found: list[str] = []
        for key in [*recorded, *(k for k in now if k not in recorded)]:
            where = f"{path}.{key}" if path else str(key)
            if key not in now:
                found.append(f"{where}: recorded {_shown(recorded[key])}, now absent")
            elif key not in recorded:
                found.append(f"{where}: absent in the record, now {_shown(now[key])}")
            else:
                found += differences_between(recorded[key], now[key], where)
        return found
    if isinstance(recorded, list) and isinstance(now, list):
        found = []
        for index, (old, new) in enumerate(zip(recorded, now, strict=False)):
            found += differences_between(old, new, f"{path}[{index}]")
        if len(recorded) != len(now):
            found.append(f"{path}: {len(recorded)} items recorded, {len(now)} now")
        return found
    if recorded == now and type(recorded) is type(now):
        return []
    return [f"{path or '(document)'}: recorded {_shown(recorded)}, now {_shown(now)}"]


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def read_documents(text: str) -> list[tuple[int, object]]:
    """The documents of a replay file: one JSON document, or one per line (JSONL).

    A line that is not JSON (nested too deeply, ``NaN``, a key given twice) becomes an
    :class:`Unreadable` saying why, which replays as differing: one bad line never stops the
    others being replayed.
    """
    stripped = text.strip()
    try:
        return [(1, parse_json(stripped))]
    except ProfileError:
        pass
    return [(number, _document(line)) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip()]


def _document(line: str) -> object:
    """One line of a JSONL replay file, read as strictly as a profile is."""
    try:
        return parse_json(line)
    except ProfileError as error:
        # The reader counts lines within the text it is given, always 1 here: the column
        # is what tells, beside the file's line number the report already shows.
        return Unreadable("; ".join(error.errors).replace("(line 1 column ", "(column "))


def summary(outcomes: Sequence[Replayed]) -> dict[str, int]:
    """How many records ended in each state."""
    counts = dict.fromkeys((REPRODUCED, DIFFERS, POLICY_CHANGED, SKIPPED), 0)
    for outcome in outcomes:
        counts[outcome.state] += 1
    return counts
