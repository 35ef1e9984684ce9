"""Assessments out: the JSON form (through one cattrs converter) and a readable text form.

For batches, :func:`assessment_json_line` writes the same JSON as one line without building the
dictionary first: the parts of a finding that come from the policy (citation, sentence, kind,
reading) are written once per condition and kept, and only what a profile decides (outcome and
reason) is written per profile.
"""

from __future__ import annotations

import enum
import json
import operator
from datetime import date
from functools import cache
from json.encoder import encode_basestring as _string  # the str encoder json.dumps uses
from typing import TYPE_CHECKING, Any, Final

import attrs

from caresq._memo import bounded
from caresq.calendar import Period
from caresq.errors import CaresqError, ProfileError, RuleError
from caresq.model import (
    Assessment,
    Citation,
    DeadlineCheck,
    Finding,
    Kind,
    OfferSummary,
    Outcome,
    Result,
    Status,
)
from caresq.text import escape_control

if TYPE_CHECKING:
    import cattrs


@cache
def converter() -> cattrs.Converter:
    """The converter between assessments and their JSON form, built on first use."""
    import cattrs  # only here: ``import caresq`` stays light

    names = {"Period": Period, "DeadlineCheck": DeadlineCheck, "Finding": Finding,
             "OfferSummary": OfferSummary, "Result": Result}
    for cls in (Assessment, Result, Finding, DeadlineCheck, OfferSummary):
        attrs.resolve_types(cls, localns=names)
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    conv.register_unstructure_hook(enum.Enum, lambda member: member.value)
    return conv


def assessment_to_json(assessment: Assessment) -> dict[str, Any]:
    """The JSON form of an assessment (docs/concepts.md shows it)."""
    data: dict[str, Any] = converter().unstructure(assessment)
    return data


def assessment_from_json(data: object) -> Assessment:
    """Read back what :func:`assessment_to_json` wrote."""
    return converter().structure(data, Assessment)


# -- one JSON line ------------------------------------------------------------------------------

#: The two shapes of a batch line (``--detail``): ``full`` is the assessment JSON; ``compact``
#: leaves out what is the same for every provider (each finding's citation, text and reading,
#: the offer's citation and text), which the questionnaire and the policy reference give once.
DETAILS: Final = ("full", "compact")

#: The fields the line writer knows, in the order cattrs writes them. Should a model class
#: change, the writer notices at import and falls back to json.dumps of assessment_to_json.
_FIELDS: Final = {
    Assessment: ("agb_code", "reference_date", "contract_year", "results", "name"),
    Result: ("contract", "status", "variant", "variant_best_case", "period", "offer",
             "findings", "deadlines", "warnings"),
    Finding: ("condition", "kind", "outcome", "citation", "text", "reason", "reading"),
    Citation: ("document", "chapter", "section"),
    OfferSummary: ("route", "review", "citation", "text"),
    DeadlineCheck: ("name", "due", "met", "days_left", "note"),
    Period: ("start", "end"),
}
KNOWN_SHAPE: Final = all(tuple(a.name for a in attrs.fields(cls)) == names
                         for cls, names in _FIELDS.items())
#: Written findings by ``id`` and detail, each kept with its finding (so the id stays its own).
_FINDINGS: dict[tuple[int, str], tuple[Finding, bytes]] = {}
#: The policy's part of a finding, before and after outcome and reason, by the ids of its
#: sentence and citation and the detail (the same objects every time: the condition's own),
#: each kept with the parts it was written from, which are checked by identity on use.
_CONDITIONS: dict[tuple[int, int, str],
                  tuple[tuple[object, ...], tuple[bytes, bytes, bytes]]] = {}
#: Each outcome and status as a JSON string.
OUTCOME_JSON: Final = {outcome: _string(outcome.value).encode() for outcome in Outcome}
STATUS_JSON: Final = {status: _string(status.value).encode() for status in Status}
_OFFERS: dict[tuple[str, str | None, Citation, str, str], bytes] = {}
_CITATIONS: dict[Citation, str] = {}
#: Bound on each cache above (see :func:`caresq._memo.bounded`): memory stays flat over any batch.
_CACHE_LIMIT: Final = 1024


def assessment_json_line(assessment: Assessment, detail: str = "full") -> bytes:
    """``json.dumps(assessment_to_json(assessment), ensure_ascii=False)`` in UTF-8, faster.

    The JSON of an assessment on one line, without a newline: what ``caresq assess --batch`` writes.
    A lone surrogate in a string (which UTF-8 cannot carry) is written as its JSON escape.
    ``detail="compact"`` writes the compact shape (:data:`DETAILS`).
    """
    if not KNOWN_SHAPE:  # pragma: no cover - only when the model changed under the writer
        return _utf8(json.dumps(_compact(assessment_to_json(assessment)) if detail == "compact"
                                else assessment_to_json(assessment), ensure_ascii=False))
    parts = [line_head(assessment.agb_code, assessment.reference_date,
                       assessment.contract_year)]
    for index, result in enumerate(assessment.results):
        if index:
            parts.append(b", ")
        _result(result, parts, detail)
    parts.append(line_tail(assessment.name))
    return b"".join(parts)


def _compact(data: dict[str, Any]) -> dict[str, Any]:  # pragma: no cover - see KNOWN_SHAPE
    for result in data["results"]:
        if result["offer"] is not None:
            result["offer"] = {key: result["offer"][key] for key in ("route", "review")}
        result["findings"] = [{key: finding[key] for key in COMPACT_FINDING_KEYS}
                              for finding in result["findings"]]
    return data


#: The keys a finding keeps in the compact shape.
COMPACT_FINDING_KEYS: Final = ("condition", "kind", "outcome", "reason")


def line_head(agb_code: str | None, reference_date: date, contract_year: int) -> bytes:
    """The start of an assessment's line, up to its first result."""
    key = (reference_date, contract_year)
    middle = _HEADS.get(key)
    if middle is None:
        middle = (f', "reference_date": "{reference_date.isoformat()}", '
                  f'"contract_year": {int.__repr__(contract_year)}, "results": [').encode()
        _remember(_HEADS, key, middle)
    return b'{"agb_code": ' + optional_json(agb_code) + middle


#: The part of a line's head that a batch shares: by reference date and contract year.
_HEADS: dict[tuple[date, int], bytes] = {}


def line_tail(name: str | None) -> bytes:
    """The end of an assessment's line, after its last result."""
    return b'], "name": ' + optional_json(name) + b"}"


def error_json_line(number: int, error: CaresqError) -> bytes:
    """The record of a batch line that could not be assessed: ``{"line": N, "error": {...}}``.

    A lone surrogate (from a "\\ud800" escape in the input) cannot be UTF-8; written as the
    same JSON escape it came in as, the line stays valid JSON.
    """
    return _utf8(json.dumps({"line": number, "error": error_json(error)}, ensure_ascii=False))


def error_json(error: CaresqError) -> dict[str, Any]:
    """The ``error`` of a batch line's error record: its type and its messages (for a
    plugin's fault, which plugin and condition)."""
    if isinstance(error, RuleError):
        return {"type": "RuleError", "plugin": error.plugin, "condition": error.condition,
                "message": error.message}
    if isinstance(error, ProfileError):
        return {"type": "ProfileError", "errors": list(error.errors)}
    return {"type": type(error).__name__, "errors": [str(error)]}


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace")  # a lone surrogate becomes "\\udxxx"


def string_json(text: str) -> bytes:
    """``text`` as a JSON string in UTF-8, as ``json.dumps(text, ensure_ascii=False)``."""
    return _string(text).encode("utf-8", "backslashreplace")


def optional_json(text: str | None) -> bytes:
    """A JSON string, or ``null`` for None."""
    return b"null" if text is None else _utf8(_string(text))


def period_json(period: Period | None) -> bytes:
    """A period as JSON, or ``null``."""
    if period is None:
        return b"null"
    return (f'{{"start": "{period.start.isoformat()}", '
            f'"end": "{period.end.isoformat()}"}}').encode()


def _result(result: Result, parts: list[bytes], detail: str) -> None:
    offer = result.offer
    parts += (
        b'{"contract": ', string_json(result.contract),
        b', "status": ', STATUS_JSON[result.status],
        b', "variant": ', optional_json(result.variant),
        b', "variant_best_case": ', optional_json(result.variant_best_case),
        b', "period": ', period_json(result.period),
        b', "offer": ', b"null" if offer is None else offer_json(offer, detail),
        b', "findings": [', b", ".join(_findings(result.findings, detail)),
        b'], "deadlines": [', deadlines_json(result.deadlines),
        b'], "warnings": [', warnings_json(result.warnings), b"]}")


def offer_json(offer: OfferSummary, detail: str = "full") -> bytes:
    """An offer summary as JSON; the compact shape keeps route and review."""
    key = (offer.route, offer.review, offer.citation, offer.text, detail)
    data = _OFFERS.get(key)
    if data is None:
        review = "null" if offer.review is None else _string(offer.review)
        if detail == "compact":
            data = _utf8(f'{{"route": {_string(offer.route)}, "review": {review}}}')
        else:
            data = _utf8(f'{{"route": {_string(offer.route)}, "review": {review}, '
                         f'"citation": {_citation(offer.citation)}, '
                         f'"text": {_string(offer.text)}}}')
        _remember(_OFFERS, key, data)
    return data


def _findings(findings: tuple[Finding, ...], detail: str) -> list[bytes]:
    written = _FINDINGS
    data = []
    for finding in findings:  # the hottest loop of a batch's writing: the lookup is inlined
        known = written.get((id(finding), detail))
        data.append(known[1] if known is not None and known[0] is finding
                    else _finding(finding, detail))
    return data


def _finding(finding: Finding, detail: str) -> bytes:
    source = (finding.condition, finding.kind, finding.citation, finding.text, finding.reading)
    key = (id(finding.text), id(finding.citation), detail)
    known_parts = _CONDITIONS.get(key)
    if known_parts is not None and all(map(operator.is_, known_parts[0], source)):
        parts = known_parts[1]
    else:
        parts = finding_parts(finding.condition, finding.kind, finding.citation, finding.text,
                              finding.reading, detail)
        _remember(_CONDITIONS, key, (source, parts))
    data = finding_json(parts, finding.outcome, finding.reason)
    _remember(_FINDINGS, (id(finding), detail), (finding, data))
    return data


def finding_parts(condition: str, kind: Kind, citation: Citation, text: str,
                  reading: str | None, detail: str = "full") -> tuple[bytes, bytes, bytes]:
    """A finding's JSON before its outcome, between outcome and reason, and after its reason.

    These come from the policy alone, so they are written once per condition; see
    :func:`finding_json`.
    """
    head = _utf8(f'{{"condition": {_string(condition)}, '
                 f'"kind": {_string(kind.value)}, "outcome": ')
    if detail == "compact":
        return head, b', "reason": ', b"}"
    shown_reading = "null" if reading is None else _string(reading)
    return (head,
            _utf8(f', "citation": {_citation(citation)}, '
                  f'"text": {_string(text)}, "reason": '),
            _utf8(f', "reading": {shown_reading}}}'))


def finding_json(parts: tuple[bytes, bytes, bytes], outcome: Outcome, reason: str) -> bytes:
    """One finding as JSON, from its condition's :func:`finding_parts`."""
    head, middle, tail = parts
    return b"".join((head, OUTCOME_JSON[outcome], middle, _utf8(_string(reason)), tail))


def _citation(citation: Citation) -> str:
    text = _CITATIONS.get(citation)
    if text is None:
        text = (f'{{"document": {_string(citation.document)}, '
                f'"chapter": {_string(citation.chapter)}, '
                f'"section": {_string(citation.section)}}}')
        _remember(_CITATIONS, citation, text)
    return text


def deadlines_json(deadlines: tuple[DeadlineCheck, ...]) -> bytes:
    """The deadlines of a result as the items of a JSON array (without the brackets)."""
    return b", ".join([_deadline(deadline) for deadline in deadlines])


def warnings_json(warnings: tuple[str, ...]) -> bytes:
    """A result's warnings as the items of a JSON array (without the brackets)."""
    return b", ".join([string_json(warning) for warning in warnings])


def _deadline(deadline: DeadlineCheck) -> bytes:
    met = deadline.met
    days = deadline.days_left
    note = deadline.note
    return _utf8(f'{{"name": {_string(deadline.name)}, "due": "{deadline.due.isoformat()}", '
                 f'"met": {"null" if met is None else "true" if met else "false"}, '
                 f'"days_left": {"null" if days is None else int.__repr__(days)}, '
                 f'"note": {"null" if note is None else _string(note)}}}')


def _remember(cache: dict[Any, Any], key: object, value: object) -> None:
    bounded(cache, _CACHE_LIMIT)[key] = value


# -- text ---------------------------------------------------------------------------------------

_MARK = {Outcome.MET: "+", Outcome.UNMET: "x", Outcome.UNKNOWN: "?",
         Outcome.NOT_APPLICABLE: "-"}


def render_text(assessment: Assessment) -> str:
    """A readable report: per contract the headline, what blocks it, then the rest.

    What blocks a contract comes first (unmet, then unknown requirements and procedures), then
    the factors, what is met and what does not apply; expectations and notes stand apart at
    the end, since they never decide. Control characters, bidi controls and lone surrogates
    from the input are shown escaped (:func:`caresq.text.escape_control`): the report is safe
    to print on a terminal.
    """
    lines = [heading(assessment)]
    for result in assessment.results:
        lines += ["", *_result_lines(result)]
    # Each line is one line of the report: a newline or escape sequence inside one came from
    # the input (a provider's name, say) and is shown escaped, never passed to the terminal.
    return "\n".join(map(escape_control, lines)) + "\n"


def heading(assessment: Assessment) -> str:
    """The first line of a report: who, the contract year, the reference date."""
    code = assessment.agb_code or "AGB code unknown"
    who = f"{assessment.name} ({code})" if assessment.name else code
    return (f"{who} - contract year {assessment.contract_year}, "
            f"as of {assessment.reference_date.isoformat()}")


def headline(result: Result) -> str:
    """The first line of a result: contract, status, variant, period."""
    parts = [result.status.value.upper()]
    if result.variant:
        best = result.variant_best_case
        parts.append(f"variant {result.variant}"
                     + (f" (best case {best})" if best and best != result.variant else ""))
    if result.period:
        parts.append(f"{result.period.start.isoformat()} to {result.period.end.isoformat()}")
    return f"{result.contract}: " + ", ".join(parts)


_INFORMATION: Final = (Kind.EXPECTATION, Kind.NOTE)


def _result_lines(result: Result) -> list[str]:
    lines = [headline(result)]
    if result.offer:
        lines.append(f"  route: {result.offer.route}"
                     + (f" - review: {result.offer.review}" if result.offer.review else ""))
    for deadline in result.deadlines:
        lines.append(f"  deadline {deadline.name}: {deadline.due.isoformat()} "
                     + deadline_state(deadline))
    lines += [f"  warning: {warning}" for warning in result.warnings]
    deciding = [f for f in result.findings if f.kind.decides]
    groups = (
        ("Blocking - unmet", [f for f in deciding if f.outcome is Outcome.UNMET]),
        ("Blocking - unknown", [f for f in deciding if f.outcome is Outcome.UNKNOWN]),
        ("Factors", [f for f in result.findings if f.kind is Kind.FACTOR]),
        ("Met", [f for f in deciding if f.outcome is Outcome.MET]),
        ("Not applicable", [f for f in deciding if f.outcome is Outcome.NOT_APPLICABLE]),
        ("For information (expectations and notes, never deciding)",
         [f for f in result.findings if f.kind in _INFORMATION]),
    )
    for title, chosen in groups:
        if chosen:
            lines.append(f"  {title}:")
            lines += [line for finding in chosen for line in _finding_lines(finding)]
    return lines


def deadline_state(deadline: DeadlineCheck) -> str:
    """How a deadline stands, e.g. "(open, 12 days left)" or "(missed)"."""
    if deadline.passed:
        assert deadline.days_left is not None
        late = -deadline.days_left
        state = (f"(unknown: passed {late} day{'s' if late != 1 else ''} ago, and the profile "
                 "gives no date)")
    elif deadline.met is None:
        days = deadline.days_left
        state = "(unknown)" if days is None else f"(open, {days} days left)"
    else:
        state = "(met)" if deadline.met else "(missed)"
    return state + (f" - {deadline.note}" if deadline.note else "")


def _finding_lines(finding: Finding) -> list[str]:
    kind = "" if finding.kind is Kind.REQUIREMENT else f" [{finding.kind.value}]"
    lines = [f"    {_MARK[finding.outcome]} {finding.condition}{kind}: {finding.reason}",
             f"        {finding.citation}: \"{finding.text}\""]
    if finding.reading:
        lines.append(f"        reading: {finding.reading}")
    return lines
