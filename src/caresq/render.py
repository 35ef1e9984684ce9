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

from caresq.calendar import Period
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
_KNOWN_SHAPE: Final = all(tuple(a.name for a in attrs.fields(cls)) == names
                          for cls, names in _FIELDS.items())
#: Written findings by ``id``, each kept with its finding (so the id stays its own); findings
#: recur because the engine remembers them (see :class:`caresq.assessment.PreparedContract`).
_FINDINGS: dict[int, tuple[Finding, bytes]] = {}
#: The policy's part of a finding, before and after outcome and reason, by the ids of its
#: sentence and citation (the same objects every time: the condition's own), each kept with
#: the parts it was written from, which are checked by identity on use.
_CONDITIONS: dict[tuple[int, int], tuple[tuple[object, ...], tuple[bytes, bytes, bytes]]] = {}
_OUTCOMES: Final = {outcome: _string(outcome.value).encode() for outcome in Outcome}
_STATUSES: Final = {status: _string(status.value).encode() for status in Status}
_OFFERS: dict[tuple[str, str | None, Citation, str], bytes] = {}
_CITATIONS: dict[Citation, str] = {}
#: Bound on each cache above: emptied when full, so memory stays flat over any batch.
_CACHE_LIMIT: Final = 1024


def assessment_json_line(assessment: Assessment) -> bytes:
    """``json.dumps(assessment_to_json(assessment), ensure_ascii=False)`` in UTF-8, faster.

    The JSON of an assessment on one line, without a newline: what ``caresq assess --batch`` writes.
    A lone surrogate in a string (which UTF-8 cannot carry) is written as its JSON escape.
    """
    if not _KNOWN_SHAPE:  # pragma: no cover - only when the model changed under the writer
        return _utf8(json.dumps(assessment_to_json(assessment), ensure_ascii=False))
    parts = [b'{"agb_code": ', _optional(assessment.agb_code),
             b', "reference_date": "', assessment.reference_date.isoformat().encode(),
             b'", "contract_year": ', int.__repr__(assessment.contract_year).encode(),
             b', "results": [']
    for index, result in enumerate(assessment.results):
        if index:
            parts.append(b", ")
        _result(result, parts)
    parts += (b'], "name": ', _optional(assessment.name), b"}")
    return b"".join(parts)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace")  # a lone surrogate becomes "\\udxxx"


def _optional(text: str | None) -> bytes:
    return b"null" if text is None else _utf8(_string(text))


def _result(result: Result, parts: list[bytes]) -> None:
    period = result.period
    offer = result.offer
    parts += (
        b'{"contract": ', _utf8(_string(result.contract)),
        b', "status": ', _STATUSES[result.status],
        b', "variant": ', _optional(result.variant),
        b', "variant_best_case": ', _optional(result.variant_best_case),
        b', "period": ', b"null" if period is None else
        f'{{"start": "{period.start.isoformat()}", "end": "{period.end.isoformat()}"}}'.encode(),
        b', "offer": ', b"null" if offer is None else _offer(offer),
        b', "findings": [', b", ".join(_findings(result.findings)),
        b'], "deadlines": [', b", ".join([_deadline(deadline) for deadline in result.deadlines]),
        b'], "warnings": [', b", ".join([_utf8(_string(warning)) for warning in result.warnings]),
        b"]}")


def _offer(offer: OfferSummary) -> bytes:
    key = (offer.route, offer.review, offer.citation, offer.text)
    data = _OFFERS.get(key)
    if data is None:
        data = _utf8(f'{{"route": {_string(offer.route)}, '
                     f'"review": {"null" if offer.review is None else _string(offer.review)}, '
                     f'"citation": {_citation(offer.citation)}, "text": {_string(offer.text)}}}')
        _remember(_OFFERS, key, data)
    return data


def _findings(findings: tuple[Finding, ...]) -> list[bytes]:
    written = _FINDINGS
    data = []
    for finding in findings:  # the hottest loop of a batch's writing: the lookup is inlined
        known = written.get(id(finding))
        data.append(known[1] if known is not None and known[0] is finding else _finding(finding))
    return data


def _finding(finding: Finding) -> bytes:
    source = (finding.condition, finding.kind, finding.citation, finding.text, finding.reading)
    key = (id(finding.text), id(finding.citation))
    known_parts = _CONDITIONS.get(key)
    if known_parts is not None and all(map(operator.is_, known_parts[0], source)):
        head, middle, tail = known_parts[1]
    else:
        reading = "null" if finding.reading is None else _string(finding.reading)
        head, middle, tail = parts = (
            _utf8(f'{{"condition": {_string(finding.condition)}, '
                  f'"kind": {_string(finding.kind.value)}, "outcome": '),
            _utf8(f', "citation": {_citation(finding.citation)}, '
                  f'"text": {_string(finding.text)}, "reason": '),
            _utf8(f', "reading": {reading}}}'))
        _remember(_CONDITIONS, key, (source, parts))
    data = b"".join((head, _OUTCOMES[finding.outcome], middle, _utf8(_string(finding.reason)),
                     tail))
    _remember(_FINDINGS, id(finding), (finding, data))
    return data


def _citation(citation: Citation) -> str:
    text = _CITATIONS.get(citation)
    if text is None:
        text = (f'{{"document": {_string(citation.document)}, '
                f'"chapter": {_string(citation.chapter)}, '
                f'"section": {_string(citation.section)}}}')
        _remember(_CITATIONS, citation, text)
    return text


def _deadline(deadline: DeadlineCheck) -> bytes:
    met = deadline.met
    days = deadline.days_left
    note = deadline.note
    return _utf8(f'{{"name": {_string(deadline.name)}, "due": "{deadline.due.isoformat()}", '
                 f'"met": {"null" if met is None else "true" if met else "false"}, '
                 f'"days_left": {"null" if days is None else int.__repr__(days)}, '
                 f'"note": {"null" if note is None else _string(note)}}}')


def _remember(cache: dict[Any, Any], key: object, value: object) -> None:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value


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
