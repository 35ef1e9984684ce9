"""Assessments out: the JSON of SPEC §5 (through one cattrs converter) and a readable text form."""

from __future__ import annotations

import enum
from datetime import date
from functools import cache
from typing import Any

import attrs
import cattrs

from caresq.calendar import Period
from caresq.model import (
    Assessment,
    DeadlineCheck,
    Finding,
    Kind,
    OfferSummary,
    Outcome,
    Result,
)


@cache
def converter() -> cattrs.Converter:
    """The converter between assessments and their JSON form, built on first use."""
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
    """The JSON form of an assessment (SPEC §5)."""
    data: dict[str, Any] = converter().unstructure(assessment)
    return data


def assessment_from_json(data: object) -> Assessment:
    """Read back what :func:`assessment_to_json` wrote."""
    return converter().structure(data, Assessment)


# -- text ---------------------------------------------------------------------------------------

_MARK = {Outcome.MET: "+", Outcome.UNMET: "x", Outcome.UNKNOWN: "?",
         Outcome.NOT_APPLICABLE: "-"}


def render_text(assessment: Assessment) -> str:
    """A readable report: per contract the headline, then what is unmet, unknown, and met."""
    who = f"{assessment.name} ({assessment.agb_code})" if assessment.name else assessment.agb_code
    lines = [f"{who} - contract year {assessment.contract_year}, "
             f"as of {assessment.reference_date.isoformat()}"]
    for result in assessment.results:
        lines += ["", *_result_lines(result)]
    return "\n".join(lines) + "\n"


def _headline(result: Result) -> str:
    parts = [result.status.value.upper()]
    if result.variant:
        best = result.variant_best_case
        parts.append(f"variant {result.variant}"
                     + (f" (best case {best})" if best and best != result.variant else ""))
    if result.period:
        parts.append(f"{result.period.start.isoformat()} to {result.period.end.isoformat()}")
    return f"{result.contract}: " + ", ".join(parts)


def _result_lines(result: Result) -> list[str]:
    lines = [_headline(result)]
    if result.offer:
        lines.append(f"  route: {result.offer.route}"
                     + (f" - review: {result.offer.review}" if result.offer.review else ""))
    for deadline in result.deadlines:
        lines.append(f"  deadline {deadline.name}: {deadline.due.isoformat()} "
                     + _deadline_state(deadline))
    groups = (("Unmet", Outcome.UNMET), ("Unknown", Outcome.UNKNOWN), ("Met", Outcome.MET),
              ("Not applicable", Outcome.NOT_APPLICABLE))
    for title, outcome in groups:
        chosen = [f for f in result.findings if f.outcome is outcome]
        if chosen:
            lines.append(f"  {title}:")
            lines += [line for finding in chosen for line in _finding_lines(finding)]
    return lines


def _deadline_state(deadline: DeadlineCheck) -> str:
    if deadline.met is None:
        days = deadline.days_left
        left = ("" if days is None else f", {days} days left" if days >= 0
                else f", due {-days} days ago")
        state = f"(open{left})"
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

