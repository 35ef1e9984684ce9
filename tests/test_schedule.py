"""Weekly phone-hour schedules: strict parsing, canonical form and coverage (SPEC §8.2)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caresq.schedule import (
    ALWAYS,
    DAYS,
    WORKING_DAYS_9_TO_17,
    Coverage,
    Interval,
    ScheduleError,
    WeeklySchedule,
    Window,
    covered_by,
    parse_schedule,
)

OFFICE = {day: ["09:00-17:00"] for day in DAYS[:5]}
quick = settings(max_examples=60, deadline=None, database=None)


def problems_of(value: object) -> tuple[tuple[str, str], ...]:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(value)
    return caught.value.problems


# --- parsing ----------------------------------------------------------------------------------


def test_a_day_left_out_has_no_hours() -> None:
    schedule = parse_schedule({"mon": ["09:00-17:00"]})
    assert schedule.on("mon") == ((540, 1020),)
    assert schedule.on("sun") == ()


def test_overlapping_and_touching_intervals_merge() -> None:
    schedule = parse_schedule({"mon": ["12:30-17:00", "09:00-12:30", "10:00-11:00"]})
    assert schedule.on("mon") == ((540, 1020),)


def test_24_00_may_end_an_interval() -> None:
    assert parse_schedule({"sun": ["00:00-24:00"]}).on("sun") == ((0, 1440),)


def test_every_problem_is_reported_with_its_path() -> None:
    problems = problems_of(
        {
            "mond": ["09:00-17:00"],
            "mon": ["09:00-12:00", "17:00-09:00", "9-17", 900, "09:00-09:00"],
            "tue": "09:00-17:00",
            "wed": ["24:00-24:00", "08:60-12:00", "20:00-24:30", "25:00-26:00"],
        }
    )
    assert problems == (
        ('["mond"]', "unknown day 'mond'; days are mon, tue, wed, thu, fri, sat, sun"),
        ('["mon"][1]', '"17:00-09:00" ends before it starts'),
        ('["mon"][2]', '"9-17" is not "HH:MM-HH:MM"'),
        ('["mon"][3]', 'expected a "HH:MM-HH:MM" string, got a number'),
        ('["mon"][4]', '"09:00-09:00" is empty'),
        ('["tue"]', 'expected a list of "HH:MM-HH:MM" strings, got a string'),
        ('["wed"][0]', '"24:00-24:00": 24:00 can only end an interval'),
        ('["wed"][1]', '"08:60-12:00": minutes in 08:60 must be below 60'),
        ('["wed"][2]', '"20:00-24:30": 24:30 is past 24:00'),
        ('["wed"][3]', '"25:00-26:00": 25:00 is past 24:00'),
        ('["wed"][3]', '"25:00-26:00": 26:00 is past 24:00'),
    )


def test_a_schedule_that_is_not_a_mapping_is_refused() -> None:
    assert problems_of(["09:00-17:00"]) == (
        ("", 'expected an object of day names to lists of "HH:MM-HH:MM", got a list'),
    )


def test_a_null_day_is_refused_rather_than_read_as_closed() -> None:
    assert problems_of({"sat": None}) == (
        ('["sat"]', 'expected a list of "HH:MM-HH:MM" strings, got null'),
    )


def test_schedule_error_is_a_value_error_listing_paths() -> None:
    with pytest.raises(ValueError, match=r'\["mon"\]\[0\]: "17:00-09:00" ends before it starts'):
        parse_schedule({"mon": ["17:00-09:00"]})


def test_to_json_gives_all_days_in_canonical_form() -> None:
    schedule = parse_schedule({"fri": ["13:00-17:00", "9:00-13:00"]})
    assert schedule.to_json() == {
        "mon": [],
        "tue": [],
        "wed": [],
        "thu": [],
        "fri": ["09:00-17:00"],
        "sat": [],
        "sun": [],
    }


def test_direct_construction_validates_intervals() -> None:
    with pytest.raises(ValueError, match="not within"):
        WeeklySchedule(mon=((600, 540),))


# --- coverage ---------------------------------------------------------------------------------


def test_a_lunch_gap_fails_office_hours() -> None:
    schedule = parse_schedule({**OFFICE, "mon": ["09:00-12:30", "13:00-17:00"]})
    coverage = schedule.covers(WORKING_DAYS_9_TO_17)
    assert not coverage.covered
    assert coverage.gaps == (("mon", 750, 780),)
    assert coverage.describe() == "not covered: mon 12:30-13:00"


def test_touching_intervals_pass_office_hours() -> None:
    schedule = parse_schedule({**OFFICE, "mon": ["09:00-12:30", "12:30-17:00"]})
    assert schedule.covers(WORKING_DAYS_9_TO_17) == Coverage()
    assert schedule.covers(WORKING_DAYS_9_TO_17).describe() == "covered"


def test_office_hours_do_not_need_the_weekend() -> None:
    assert parse_schedule(OFFICE).covers(WORKING_DAYS_9_TO_17).covered


def test_round_the_clock_needs_every_day_whole() -> None:
    schedule = parse_schedule({day: ["00:00-24:00"] for day in DAYS[:5]} | {"sat": ["08:00-24:00"]})
    assert schedule.covers(ALWAYS).describe() == ("not covered: sat 00:00-08:00, sun 00:00-24:00")


def test_a_window_names_known_days_and_a_real_interval() -> None:
    with pytest.raises(ValueError, match="unknown day"):
        Window(("monday",), 0, 60)
    with pytest.raises(ValueError, match="not within"):
        Window(("mon",), 60, 60)


def test_spring_forward_hour_is_not_required() -> None:
    # 31 March 2024: clocks jump from 02:00 to 03:00 in Amsterdam.
    schedule = parse_schedule({"sun": ["00:00-02:00", "03:00-24:00"]})
    assert schedule.covers_on(date(2024, 3, 31), ALWAYS).covered
    assert not schedule.covers_on(date(2024, 4, 7), ALWAYS).covered
    assert schedule.covers_on(date(2024, 4, 7), ALWAYS).gaps == (("sun", 120, 180),)


def test_repeated_autumn_hour_is_covered_by_its_wall_clock_time() -> None:
    # 27 October 2024: 02:00-03:00 happens twice; the wall-clock interval covers both.
    assert parse_schedule({"sun": ["00:00-24:00"]}).covers_on(date(2024, 10, 27), ALWAYS).covered
    gap = parse_schedule({"sun": ["00:00-02:00", "03:00-24:00"]}).covers_on(
        date(2024, 10, 27), ALWAYS
    )
    assert gap.gaps == (("sun", 120, 180),)


def test_covers_on_asks_nothing_of_a_day_outside_the_window() -> None:
    assert WeeklySchedule().covers_on(date(2024, 3, 31), WORKING_DAYS_9_TO_17).covered


# --- properties -------------------------------------------------------------------------------

intervals = (
    st.tuples(st.integers(0, 1440), st.integers(0, 1440))
    .filter(lambda pair: pair[0] != pair[1])
    .map(lambda pair: (min(pair), max(pair)))
)
raw_days = st.fixed_dictionaries({day: st.lists(intervals, max_size=3) for day in DAYS})
windows = st.builds(
    lambda days, interval: Window(tuple(days), *interval),
    st.sets(st.sampled_from(DAYS), min_size=1).map(lambda days: [d for d in DAYS if d in days]),
    intervals,
)


def _build(raw: dict[str, list[Interval]]) -> WeeklySchedule:
    return WeeklySchedule(**{day: tuple(hours) for day, hours in raw.items()})


def _uncovered_minutes(raw: dict[str, list[Interval]], window: Window) -> set[tuple[str, int]]:
    return {
        (day, minute)
        for day in window.days
        for minute in range(window.start, window.end)
        if not any(start <= minute < end for start, end in raw[day])
    }


def _minutes(coverage: Coverage) -> set[tuple[str, int]]:
    return {(day, minute) for day, start, end in coverage.gaps for minute in range(start, end)}


@quick
@given(raw=raw_days, window=windows)
def test_coverage_matches_a_minute_by_minute_check(
    raw: dict[str, list[Interval]], window: Window
) -> None:
    coverage = _build(raw).covers(window)
    gap_minutes = _minutes(coverage)
    assert gap_minutes == _uncovered_minutes(raw, window)
    assert coverage.covered == (not gap_minutes)


@quick
@given(first=raw_days, second=raw_days, window=windows)
def test_two_schedules_together_leave_open_what_neither_covers(
    first: dict[str, list[Interval]], second: dict[str, list[Interval]], window: Window
) -> None:
    # Asked twice: the second answer comes from what the first remembered per day.
    for _ in range(2):
        together = covered_by([_build(first), _build(second)], window)
        assert _minutes(together) == (_uncovered_minutes(first, window)
                                      & _uncovered_minutes(second, window))
    assert together == _build(first).union(_build(second)).covers(window)


@quick
@given(raw=raw_days)
def test_parsing_the_canonical_form_gives_the_same_schedule(raw: dict[str, list[Interval]]) -> None:
    schedule = _build(raw)
    assert parse_schedule(schedule.to_json()) == schedule


@quick
@given(raw=raw_days, window=windows, day=st.sampled_from(DAYS), extra=intervals)
def test_adding_hours_never_loses_coverage(
    raw: dict[str, list[Interval]], window: Window, day: str, extra: Interval
) -> None:
    before = _build(raw).covers(window)
    after = _build({**raw, day: [*raw[day], extra]}).covers(window)
    assert before.covered <= after.covered
    assert _minutes(after) <= _minutes(before)


@quick
@given(raw=raw_days, window=windows, day=st.dates(date(2024, 1, 1), date(2024, 12, 31)))
def test_a_real_date_requires_at_most_what_its_weekday_requires(
    raw: dict[str, list[Interval]], window: Window, day: date
) -> None:
    schedule = _build(raw)
    on_date = schedule.covers_on(day, window)
    if schedule.covers(window).covered:
        assert on_date.covered
    if day != date(2024, 3, 31):  # the only 2024 date that skips wall-clock time
        weekday = DAYS[day.weekday()]
        weekday_gaps = tuple(gap for gap in schedule.covers(window).gaps if gap[0] == weekday)
        assert on_date.gaps == weekday_gaps
