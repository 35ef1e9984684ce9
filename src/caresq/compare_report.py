"""What-if reports for a person: text, CSV of the changes, and one self-contained HTML page.

The HTML page is rendered with Jinja2 (autoescaping on: provider names and condition texts
come from the input and the plugins) from ``templates/compare.html.j2``; its styles are inline
and it loads nothing, so it opens from a file or an e-mail attachment without a network.
Every text of every report is shown through :func:`~caresq.text.escape_control`: a control
character, bidi override or lone surrogate of a provider's name appears as its escape.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Final

from caresq.compare import ARROW, NO_VARIANT, STATUS_ORDER, Change, Comparison
from caresq.text import escape_control, shown_on_page

#: How many changed results the HTML page lists (the JSON and CSV reports list all).
HTML_CHANGES: Final = 2000
#: How many changed results the text report lists.
TEXT_CHANGES: Final = 20


def title(comparison: Comparison) -> str:
    """What was changed, in one line: "fysio.max_waiting_days 10 -> 15"."""
    scenario = comparison.scenario
    parts = [f"{pid} {values['before']} -> {values['after']}"
             for pid, values in scenario.get("parameters", {}).items()]
    if scenario.get("year") != scenario.get("changed_year"):
        parts.append(f"contract year {scenario.get('year')} -> {scenario.get('changed_year')}")
    return ", ".join(parts) or "no change"


def _side(change: Change, after: bool) -> str:
    side = change.after if after else change.before
    return side.status.value + (f" {side.variant}" if side.variant else "")


def _direction(change: Change) -> str:
    return {1: "better", -1: "worse"}.get(change.direction, "")


# -- text ----------------------------------------------------------------------------------------


def render_text(comparison: Comparison) -> str:
    """A readable summary: counts, transitions that changed, conditions, the first changes."""
    report = comparison.to_json()
    lines = [f"what-if: {title(comparison)} (as of {comparison.scenario.get('on')})",
             f"profiles: {report['profiles']}, bad lines: {report['bad_lines']}, "
             f"changed: {report['changed']} (better {report['better']}, "
             f"worse {report['worse']})"]
    for heading, counts in (("status", report["status"]), ("variant", report["variant"])):
        moved = {key: count for key, count in counts.items() if _changes(key)}
        if moved:
            lines.append(f"{heading}:")
            lines += [f"  {key.replace(ARROW, ' -> ')}: {count}" for key, count in moved.items()]
    if report["conditions"]:
        lines.append("conditions whose outcome changed in the changed results:")
        for condition, counts in report["conditions"].items():
            shown = ", ".join(f"{key.replace(ARROW, ' -> ')} {n}" for key, n in counts.items())
            lines.append(f"  {condition}: {shown}")
    if comparison.changes:
        lines.append("changes" + (f" (first {TEXT_CHANGES}):" if comparison.changed > TEXT_CHANGES
                                  else ":"))
        for change in comparison.changes[:TEXT_CHANGES]:
            lines.append(f"  line {change.line} {change.agb_code or '(no AGB code)'} "
                         f"{change.contract}: "
                         f"{_side(change, False)} -> {_side(change, True)}"
                         + (f" ({_direction(change)})" if change.direction else ""))
    for line, why in comparison.bad:
        lines.append(f"bad line {line}: {why}")
    return "".join(escape_control(line) + "\n" for line in lines)


def _changes(key: str) -> bool:
    old, _, new = key.partition(ARROW)
    return old != new


# -- CSV -----------------------------------------------------------------------------------------

CSV_COLUMNS: Final = ("line", "agb_code", "name", "contract", "status_before", "variant_before",
                      "status_after", "variant_after", "direction", "conditions")


def render_csv(comparison: Comparison) -> str:
    """One row per changed result; ``conditions`` lists ``id before->after`` separated by ``;``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for change in comparison.changes:
        # One row of a spreadsheet stays one row: a newline of a name is shown as its escape.
        writer.writerow([escape_control(str(cell)) for cell in (
            change.line, change.agb_code or "", change.name or "", change.contract,
            change.before.status.value, change.before.variant or "",
            change.after.status.value, change.after.variant or "", _direction(change),
            "; ".join(f"{condition} {moved}" for condition, moved in change.conditions))])
    return out.getvalue()


# -- HTML ----------------------------------------------------------------------------------------


def _cells(labels: list[str], counts: dict[str, int],
           rank: dict[str, int]) -> dict[tuple[str, str], dict[str, Any]]:
    """Each matrix cell: its count, whether it is better, worse or the same, and its weight."""
    moved = [count for key, count in counts.items() if _changes(key)]
    top = max(moved, default=1)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for row in labels:
        for column in labels:
            count = counts.get(f"{row}{ARROW}{column}", 0)
            if row == column:
                kind = "same"
            elif not count:
                kind = "empty"
            else:
                kind = "better" if rank[column] < rank[row] else "worse"
            cells[(row, column)] = {"count": count, "kind": kind,
                                    "weight": f"{0.15 + 0.7 * count / top:.2f}"}
    return cells


def render_html(comparison: Comparison) -> str:
    """The what-if report as one self-contained HTML page (no scripts, no external files)."""
    from importlib import resources

    import jinja2

    report = comparison.to_json()
    status_labels = [status.value for status in reversed(STATUS_ORDER)]  # best first
    variant_labels = [name for name in comparison.variant_order
                      if any(name in key.split(ARROW) for key in report["variant"])]
    if any(NO_VARIANT in key.split(ARROW) for key in report["variant"]):
        variant_labels.append(NO_VARIANT)
    variant_rank = {name: comparison.variant_rank(name) for name in variant_labels}
    # No variant (ineligible) ranks below every variant.
    variant_rank[NO_VARIANT] = len(variant_labels) + 1
    conditions = [{"id": condition, "moves": list(counts.items()),
                   "kind": getattr(comparison.condition_info.get(condition), "kind", ""),
                   "citation": getattr(comparison.condition_info.get(condition), "citation", ""),
                   "text": getattr(comparison.condition_info.get(condition), "text", "")}
                  for condition, counts in report["conditions"].items()]
    changes = [{"line": change.line, "agb_code": change.agb_code, "name": change.name,
                "contract": change.contract, "before": _side(change, False),
                "after": _side(change, True), "direction": _direction(change),
                "conditions": change.conditions}
               for change in comparison.changes[:HTML_CHANGES]]
    source = (resources.files("caresq") / "templates" / "compare.html.j2").read_text("utf-8")
    # finalize shows every value through escape_control before autoescaping makes it HTML.
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True,
                                     finalize=shown_on_page)
    return environment.from_string(source).render(
        title=title(comparison), scenario=comparison.scenario, report=report,
        parameters=list(comparison.scenario.get("parameters", {}).items()),
        status_labels=status_labels,
        status_cells=_cells(status_labels, report["status"],
                            {label: index for index, label in enumerate(status_labels)}),
        variant_labels=variant_labels,
        variant_cells=_cells(variant_labels, report["variant"], variant_rank),
        conditions=conditions, changes=changes,
        hidden=max(0, comparison.changed - HTML_CHANGES), bad=comparison.bad)
