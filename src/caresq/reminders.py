"""A provider's own calendar: the dates that apply to its applications, with reminders.

Where the policy calendar (:mod:`caresq.calendar`) lists every date of a policy, this one is
read from an assessment: each application's deadlines as the profile makes them (the signing
deadline of the regular round, the toeslag's one month counted from its own agreement date),
and the start and end of the contract period its route gives (a late request starts on the first
of the month after it). Open deadlines get reminders a week and a day before, from the
reference date on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final

from attrs import frozen

from caresq.calendar import CalendarEvent, DateSpan, calendar_ics, calendar_json
from caresq.model import Assessment, Citation, DeadlineCheck, Result, Status
from caresq.text import escape_control

#: How long before an open deadline each reminder falls.
REMINDERS_BEFORE: Final = (timedelta(days=7), timedelta(days=1))


@frozen
class ProviderDate:
    """One date of a provider's calendar: the event, how it stands, and its reminders."""

    event: CalendarEvent
    #: The contract it belongs to.
    contract: str
    #: "open", "met", "missed" for a deadline; "starts" or "ends" for the period.
    state: str
    #: Days on which to remind the provider, from the reference date on; open deadlines only.
    reminders: tuple[date, ...] = ()


def provider_calendar(assessment: Assessment, policy_events: Sequence[CalendarEvent] = ()
                      ) -> list[ProviderDate]:
    """The dates of every application in ``assessment``, in date order.

    :param policy_events: the policy calendar; a deadline on the day of one of its deadlines
        takes that entry's sentence and citation (else the route's).
    """
    sources: dict[date, list[CalendarEvent]] = {}
    for event in policy_events:
        if event.kind == "deadline":
            sources.setdefault(event.span.first, []).append(event)
    dates = [entry for result in assessment.results
             for entry in _result_dates(result, assessment.reference_date, sources)]
    return sorted(dates, key=lambda entry: (entry.event.span.first, entry.event.key))


def _source(contract: str, due: date, sources: Mapping[date, Sequence[CalendarEvent]]
            ) -> CalendarEvent | None:
    """The policy's deadline of that day, the contract's own one first."""
    same_day = sources.get(due, ())
    own = f".{contract.partition('.')[2]}."
    return next((e for e in same_day if own in e.key), same_day[0] if same_day else None)


def _result_dates(result: Result, on: date, sources: Mapping[date, Sequence[CalendarEvent]]
                  ) -> list[ProviderDate]:
    citation = result.offer.citation if result.offer else None
    text = result.offer.text if result.offer else ""
    entries = []
    for deadline in result.deadlines:
        source = _source(result.contract, deadline.due, sources)
        entries.append(_deadline(result.contract, deadline,
                                 source.citation if source else citation,
                                 source.text if source else text, on))
    if result.period is not None and result.status is not Status.INELIGIBLE:
        route = result.offer.route if result.offer else "contract"
        for state, day in (("starts", result.period.start), ("ends", result.period.end)):
            event = CalendarEvent(f"{result.contract}.period-{state}",
                                  f"{result.contract}: contract {state} ({route})",
                                  DateSpan.on(day), "milestone", citation, text)
            entries.append(ProviderDate(event, result.contract, state))
    return entries


def _deadline(contract: str, deadline: DeadlineCheck, citation: Citation | None, text: str,
              on: date) -> ProviderDate:
    state = "open" if deadline.met is None else "met" if deadline.met else "missed"
    reminders = tuple(deadline.due - before for before in REMINDERS_BEFORE
                      if deadline.due - before >= on) if state == "open" else ()
    event = CalendarEvent(f"{contract}.{deadline.name.replace(' ', '-')}",
                          f"{contract}: {deadline.name} ({state})", DateSpan.on(deadline.due),
                          "deadline" if state == "open" else "milestone", citation, text,
                          deadline.note)
    return ProviderDate(event, contract, state, reminders)


def provider_calendar_text(entries: Sequence[ProviderDate]) -> str:
    """A readable listing: date, title, the sentence and its source, the reminders."""
    lines = []
    for entry in entries:
        event = entry.event
        lines.append(f"{event.span}  {event.title}")
        source = f" ({event.citation})" if event.citation else ""
        lines.append(f'    "{event.text}"{source}')
        if event.note:
            lines.append(f"    note: {event.note}")
        if entry.reminders:
            lines.append("    remind on: " + ", ".join(d.isoformat() for d in entry.reminders))
    if not lines:
        return "No dates apply to these applications.\n"
    return "\n".join(map(escape_control, lines)) + "\n"


def provider_calendar_json(entries: Sequence[ProviderDate]) -> list[dict[str, Any]]:
    """The entries as the policy calendar's JSON, with ``contract``, ``state``, ``reminders``."""
    data = calendar_json([entry.event for entry in entries])
    by_key = {entry.event.key: entry for entry in entries}
    for item in data:
        entry = by_key[item["key"]]
        item.update(contract=entry.contract, state=entry.state,
                    reminders=[d.isoformat() for d in entry.reminders])
    return data


def provider_calendar_ics(entries: Sequence[ProviderDate], *, name: str) -> bytes:
    """The entries as iCalendar; each open deadline carries a reminder a week before."""
    return calendar_ics([entry.event for entry in entries], name=name)
