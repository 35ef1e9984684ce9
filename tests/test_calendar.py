"""Working days, policy dates, deadlines, periods and calendar exports (SPEC §6, §8.3, §8.7)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import icalendar
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from caresq.calendar import (
    AMSTERDAM,
    BEVRIJDINGSDAG_LUSTRUM,
    ICS_PRODID,
    TERMIJNENWET,
    CalendarEvent,
    DateSpan,
    Deadline,
    HolidayCalendar,
    HolidayRule,
    Period,
    add_months,
    add_working_days,
    calendar_ics,
    calendar_json,
    calendar_text,
    first_of_next_month,
    is_working_day,
    late_start,
    month_part,
    parse_policy_date,
    reply_due,
    within_months,
    within_working_days,
    working_days_between,
)
from caresq.model import Citation

LUSTRUM = TERMIJNENWET.with_rule(BEVRIJDINGSDAG_LUSTRUM)
PLANNING = Citation("Inkoopbeleid Geboortezorg 2024", "5", "Planning en bereikbaarheid")
QUESTIONNAIRE = Deadline(
    name="questionnaire",
    due=date(2023, 10, 15),
    citation=PLANNING,
    text="Deadline vragenlijst kraamzorg via VECOZO 15 oktober 2023",
)

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
quick = settings(max_examples=200, deadline=None, database=None)


# --- holidays ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2024, 1, 1), "Nieuwjaarsdag"),
        (date(2024, 3, 29), "Goede Vrijdag"),
        (date(2024, 4, 1), "Tweede Paasdag"),
        (date(2024, 4, 27), "Koningsdag"),
        (date(2025, 4, 26), "Koningsdag"),
        (date(2023, 5, 5), "Bevrijdingsdag"),
        (date(2024, 5, 9), "Hemelvaartsdag"),
        (date(2024, 5, 20), "Tweede Pinksterdag"),
        (date(2024, 12, 25), "Eerste Kerstdag"),
        (date(2024, 12, 26), "Tweede Kerstdag"),
    ],
)
def test_termijnenwet_names_its_holidays(day: date, name: str) -> None:
    assert TERMIJNENWET.is_holiday(day) == name
    assert not is_working_day(day)


def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday() -> None:
    assert date(2025, 4, 27).weekday() == 6
    assert TERMIJNENWET.is_holiday(date(2025, 4, 27)) is None
    assert TERMIJNENWET.is_holiday(date(2024, 4, 26)) is None


def test_a_year_has_nine_holidays_in_date_order() -> None:
    holidays = TERMIJNENWET.holidays(2024)
    assert len(holidays) == 9
    assert list(holidays) == sorted(holidays)


def test_holidays_on_the_same_day_are_both_named() -> None:
    # Easter 2016 was 27 March, so Hemelvaartsdag fell on 5 May.
    assert TERMIJNENWET.is_holiday(date(2016, 5, 5)) == "Bevrijdingsdag en Hemelvaartsdag"


def test_holidays_returns_a_copy_the_cache_does_not_share() -> None:
    TERMIJNENWET.holidays(2024).clear()
    assert TERMIJNENWET.is_holiday(date(2024, 1, 1)) == "Nieuwjaarsdag"


def test_lustrum_variant_frees_5_may_only_every_five_years() -> None:
    assert TERMIJNENWET.is_holiday(date(2023, 5, 5)) == "Bevrijdingsdag"
    assert LUSTRUM.is_holiday(date(2023, 5, 5)) is None
    assert is_working_day(date(2023, 5, 5), LUSTRUM)
    assert LUSTRUM.is_holiday(date(2025, 5, 5)) == "Bevrijdingsdag"
    assert [rule.key for rule in LUSTRUM.rules] == [rule.key for rule in TERMIJNENWET.rules]


def test_without_drops_a_rule_and_rejects_an_unknown_key() -> None:
    assert TERMIJNENWET.without("bevrijdingsdag").is_holiday(date(2025, 5, 5)) is None
    with pytest.raises(ValueError, match="no holiday rule named bevrijding"):
        TERMIJNENWET.without("bevrijding")


def test_a_calendar_can_be_built_from_its_own_rules() -> None:
    only_new_year = HolidayCalendar([HolidayRule.fixed("nieuwjaarsdag", "Nieuwjaarsdag", 1, 1)])
    assert only_new_year.holidays(2024) == {date(2024, 1, 1): "Nieuwjaarsdag"}
    assert only_new_year.is_working_day(date(2024, 12, 25))
    with pytest.raises(ValueError, match="repeated: nieuwjaarsdag"):
        HolidayCalendar(only_new_year.rules * 2)


@quick
@given(year=st.integers(2000, 2060))
@example(year=2016)  # Hemelvaartsdag fell on 5 May: still a holiday, not Bevrijdingsdag
def test_lustrum_variant_has_5_may_exactly_in_years_divisible_by_five(year: int) -> None:
    name = LUSTRUM.is_holiday(date(year, 5, 5)) or ""
    assert ("Bevrijdingsdag" in name) == (year % 5 == 0)


@quick
@given(year=st.integers(1900, 2200))
def test_every_holiday_falls_in_its_year(year: int) -> None:
    assert all(day.year == year for day in TERMIJNENWET.holidays(year))


# --- working days -----------------------------------------------------------------------------


def test_adding_zero_working_days_keeps_the_date_even_on_a_sunday() -> None:
    assert add_working_days(date(2023, 10, 15), 0) == date(2023, 10, 15)


def test_christmas_and_new_year_are_skipped() -> None:
    assert add_working_days(date(2024, 12, 24), 1) == date(2024, 12, 27)
    assert add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 2)


def test_easter_weekend_is_skipped() -> None:
    # Thu 28 March 2024 + 1: Good Friday, the weekend and Easter Monday are not working days.
    assert add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2024, 1, 1), -1)


def test_working_days_between_excludes_the_start_and_includes_the_end() -> None:
    assert working_days_between(date(2024, 1, 8), date(2024, 1, 12)) == 4
    assert working_days_between(date(2024, 1, 12), date(2024, 1, 8)) == 0
    assert working_days_between(date(2024, 12, 24), date(2024, 12, 27)) == 1


def test_reply_to_email_is_due_five_working_days_later() -> None:
    assert reply_due(date(2024, 5, 6)) == date(2024, 5, 14)  # skips Hemelvaartsdag, 9 May
    assert reply_due(date(2024, 1, 8)) == date(2024, 1, 15)


@quick
@given(a=dates, n=st.integers(0, 300))
def test_working_days_between_undoes_add_working_days(a: date, n: int) -> None:
    assert working_days_between(a, add_working_days(a, n)) == n
    assert working_days_between(a, add_working_days(a, n, LUSTRUM), LUSTRUM) == n


@quick
@given(a=dates, n=st.integers(1, 60))
def test_adding_working_days_lands_on_a_working_day_and_grows_with_n(a: date, n: int) -> None:
    later = add_working_days(a, n)
    assert is_working_day(later)
    assert add_working_days(a, n - 1) < later < add_working_days(a, n + 1)


@quick
@given(a=dates, span=st.integers(-20, 400))
def test_working_days_between_counts_working_days_one_by_one(a: date, span: int) -> None:
    b = a + timedelta(days=span)
    expected = sum(is_working_day(a + timedelta(days=k)) for k in range(1, span + 1))
    assert working_days_between(a, b) == expected


# --- months -----------------------------------------------------------------------------------


def test_adding_a_month_clips_to_the_end_of_a_shorter_month() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert within_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_first_of_next_month_rolls_over_the_year() -> None:
    assert first_of_next_month(date(2023, 12, 31)) == date(2024, 1, 1)
    assert first_of_next_month(date(2024, 2, 1)) == date(2024, 3, 1)


@quick
@given(d=dates, n=st.integers(-36, 36))
def test_add_months_moves_the_month_and_never_overflows(d: date, n: int) -> None:
    moved = add_months(d, n)
    assert moved.year * 12 + moved.month == d.year * 12 + d.month + n
    assert moved.month == (d.month - 1 + n) % 12 + 1
    assert moved.day <= d.day
    if moved.day < d.day:  # clipped: then it is the last day of its month
        assert (moved + timedelta(days=1)).day == 1


@quick
@given(d=dates)
def test_first_of_next_month_is_after_d_and_a_first(d: date) -> None:
    first = first_of_next_month(d)
    assert first.day == 1
    assert d < first <= d + timedelta(days=31)


@quick
@given(a=dates, n=st.integers(0, 30))
def test_within_working_days_is_add_working_days(a: date, n: int) -> None:
    assert within_working_days(a, n) == add_working_days(a, n)


# --- policy dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("begin september 2023", date(2023, 9, 1), date(2023, 9, 10)),
        ("Begin september 2023", date(2023, 9, 1), date(2023, 9, 10)),
        ("eind september 2024", date(2024, 9, 21), date(2024, 9, 30)),
        ("eind februari 2024", date(2024, 2, 21), date(2024, 2, 29)),
        ("15 oktober 2023", date(2023, 10, 15), date(2023, 10, 15)),
        ("1 november 2023", date(2023, 11, 1), date(2023, 11, 1)),
        ("  11   november 2024 ", date(2024, 11, 11), date(2024, 11, 11)),
    ],
)
def test_policy_dates_read_as_spans(text: str, first: date, last: date) -> None:
    assert parse_policy_date(text) == DateSpan(first, last)


@pytest.mark.parametrize(
    "text", ["15 october 2023", "midden september 2023", "31 februari 2024", "2023-10-15", ""]
)
def test_unreadable_policy_dates_name_the_text(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text)):
        parse_policy_date(text)


def test_month_part_refuses_other_parts() -> None:
    assert month_part("eind", 2023, 12) == DateSpan(date(2023, 12, 21), date(2023, 12, 31))
    with pytest.raises(ValueError, match="'midden'"):
        month_part("midden", 2023, 9)


def test_a_span_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        DateSpan(date(2024, 1, 2), date(2024, 1, 1))


# --- deadlines --------------------------------------------------------------------------------


def test_questionnaire_deadline_on_a_sunday_is_noted_and_still_stands() -> None:
    assert QUESTIONNAIRE.weekend_or_holiday_note() == (
        "15 October 2023 is a Sunday; the date in the text stands"
    )
    assert QUESTIONNAIRE.is_met_by(date(2023, 10, 15)) is True
    assert QUESTIONNAIRE.is_met_by(date(2023, 10, 16)) is False


def test_a_deadline_on_a_working_day_has_no_note() -> None:
    signing = Deadline("signing", date(2023, 11, 1), PLANNING, "1 november 2023")
    assert signing.weekend_or_holiday_note() is None


def test_a_deadline_on_a_holiday_names_the_holiday() -> None:
    deadline = Deadline("x", date(2021, 12, 25), None, "25 december 2021")
    assert deadline.weekend_or_holiday_note() == (
        "25 December 2021 is a Saturday and Eerste Kerstdag; the date in the text stands"
    )


def test_a_deadline_without_a_date_is_open() -> None:
    assert QUESTIONNAIRE.is_met_by(None) is None


def test_a_deadline_ends_at_the_last_microsecond_of_the_day_in_amsterdam() -> None:
    end = QUESTIONNAIRE.ends_at()
    assert end == datetime(2023, 10, 15, 23, 59, 59, 999999, tzinfo=AMSTERDAM)
    assert (end + timedelta(microseconds=1)).date() == date(2023, 10, 16)
    assert end.utcoffset() == timedelta(hours=2)  # summer time until 29 October 2023


def test_days_left_counts_calendar_days_and_goes_negative() -> None:
    assert QUESTIONNAIRE.days_left(date(2023, 10, 1)) == 14
    assert QUESTIONNAIRE.days_left(date(2023, 10, 15)) == 0
    assert QUESTIONNAIRE.days_left(date(2023, 10, 20)) == -5


# --- periods ----------------------------------------------------------------------------------


def test_multi_year_period_runs_from_1_january_to_31_december() -> None:
    period = Period.years(2024, 2)
    assert period == Period(date(2024, 1, 1), date(2025, 12, 31))
    assert period.contains(date(2025, 12, 31))
    assert not period.contains(date(2026, 1, 1))
    assert Period.calendar_year(2025) == Period(date(2025, 1, 1), date(2025, 12, 31))


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Period(date(2024, 2, 1), date(2024, 1, 31))
    with pytest.raises(ValueError, match="at least one year"):
        Period.years(2024, 0)


@pytest.mark.parametrize(
    ("requested_on", "start"),
    [
        (date(2023, 10, 20), date(2024, 1, 1)),  # before the contract year: from 1 January
        (date(2023, 12, 31), date(2024, 1, 1)),
        (date(2024, 1, 1), date(2024, 2, 1)),
        (date(2024, 3, 15), date(2024, 4, 1)),
        (date(2024, 12, 31), date(2025, 1, 1)),
    ],
)
def test_a_late_request_starts_on_the_first_of_the_next_month(
    requested_on: date, start: date
) -> None:
    assert late_start(requested_on, date(2024, 1, 1)) == start


@quick
@given(requested_on=dates, earliest=dates)
def test_a_late_start_is_never_retroactive(requested_on: date, earliest: date) -> None:
    start = late_start(requested_on, earliest)
    assert start > requested_on
    assert start >= earliest


# --- calendar exports -------------------------------------------------------------------------


def _events() -> list[CalendarEvent]:
    return [
        QUESTIONNAIRE.as_event("geboortezorg-2024.kraamzorg.questionnaire-deadline"),
        CalendarEvent(
            key="geboortezorg-2024.kraamzorg.questionnaire-offer",
            title="Aanbieding vragenlijst kraamzorg",
            span=parse_policy_date("begin september 2023"),
            kind="window",
            citation=PLANNING,
            text="Aanbieding vragenlijst kraamzorg via VECOZO Begin september 2023",
        ),
    ]


def test_a_deadline_becomes_an_event_carrying_its_note() -> None:
    event = _events()[0]
    assert event.kind == "deadline"
    assert event.span == DateSpan(date(2023, 10, 15), date(2023, 10, 15))
    assert event.note == "15 October 2023 is a Sunday; the date in the text stands"


def test_an_event_kind_outside_the_three_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        CalendarEvent("k", "t", DateSpan.on(date(2024, 1, 1)), "reminder", None, "")


def test_calendar_text_lists_events_by_date() -> None:
    text = calendar_text(_events())
    assert text.index("2023-09-01..2023-09-10") < text.index("2023-10-15")
    assert "note: 15 October 2023 is a Sunday" in text
    assert "Inkoopbeleid Geboortezorg 2024, hfst. 5" in text
    assert calendar_text([]) == "No calendar events.\n"


def test_calendar_json_is_serialisable_with_iso_dates() -> None:
    rows = calendar_json(_events())
    assert json.loads(json.dumps(rows)) == rows
    assert [row["first"] for row in rows] == ["2023-09-01", "2023-10-15"]
    assert rows[0]["last"] == "2023-09-10"
    assert rows[0]["citation"] == {
        "document": "Inkoopbeleid Geboortezorg 2024",
        "chapter": "5",
        "section": "Planning en bereikbaarheid",
    }


def test_event_keys_must_be_unique() -> None:
    events = _events()
    with pytest.raises(ValueError, match="repeated: geboortezorg-2024"):
        calendar_json([*events, events[0]])


def test_calendar_ics_is_byte_identical_for_the_same_events() -> None:
    events = _events()
    assert calendar_ics(events, name="Geboortezorg 2024") == calendar_ics(
        list(reversed(events)), name="Geboortezorg 2024"
    )


def test_calendar_ics_ends_all_day_events_the_day_after() -> None:
    parsed = icalendar.Calendar.from_ical(calendar_ics(_events(), name="Geboortezorg 2024"))
    assert str(parsed["PRODID"]) == ICS_PRODID
    vevents = {str(event["UID"]): event for event in parsed.walk("VEVENT")}
    window = vevents["geboortezorg-2024.kraamzorg.questionnaire-offer@caresq"]
    assert window.decoded("DTSTART") == date(2023, 9, 1)
    assert window.decoded("DTEND") == date(2023, 9, 11)
    deadline = vevents["geboortezorg-2024.kraamzorg.questionnaire-deadline@caresq"]
    assert deadline.decoded("DTEND") == date(2023, 10, 16)


def test_calendar_ics_reminds_a_week_before_each_deadline_only() -> None:
    parsed = icalendar.Calendar.from_ical(calendar_ics(_events(), name="Geboortezorg 2024"))
    alarms = {
        str(event["UID"]): [alarm.decoded("TRIGGER") for alarm in event.walk("VALARM")]
        for event in parsed.walk("VEVENT")
    }
    assert alarms == {
        "geboortezorg-2024.kraamzorg.questionnaire-deadline@caresq": [timedelta(days=-7)],
        "geboortezorg-2024.kraamzorg.questionnaire-offer@caresq": [],
    }


# -- month arithmetic: plain arithmetic, the same as dateutil's relativedelta --------------------


@given(st.dates(), st.integers(-400, 400))
def test_adding_months_is_what_relativedelta_gives(day: date, months: int) -> None:
    from dateutil.relativedelta import relativedelta

    try:
        expected: date | None = day + relativedelta(months=months)
    except (ValueError, OverflowError):
        expected = None
    try:
        got: date | None = add_months(day, months)
    except (ValueError, OverflowError):
        got = None
    assert got == expected


@given(st.dates(max_value=date(9999, 11, 30)))
def test_the_first_of_next_month_is_what_relativedelta_gives(day: date) -> None:
    from dateutil.relativedelta import relativedelta

    assert first_of_next_month(day) == day + relativedelta(months=1, day=1)
