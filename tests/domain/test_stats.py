"""Statistics (diary/domain/stats.py): adherence on a hand-computed week, daily totals, the
matching of doses to slots, and time zones. Rolling means and the change against a baseline are
test_stats_means.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.daytime import fixed
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.stats import AdherenceSummary
from diary.domain.stats import SlotStatus
from diary.domain.stats import adherence
from diary.domain.stats import daily_totals
from diary.domain.stats import summarize

PARIS = ZoneInfo("Europe/Paris")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")
FOUR = time(4)
WINDOW = timedelta(minutes=60)
MON = date(2026, 3, 2)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=n) for n in range(1, 7))
NEXT_MON = MON + timedelta(days=7)
TEN_MG = 10_000
STEPS = [PlanStep(1, MON - timedelta(days=30), TEN_MG, (time(8), time(20)))]

S, T = IntakeStatus.SKIPPED, IntakeStatus.TAKEN


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = PARIS) -> datetime:
    return fixed(datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone))


def intake(
    when: datetime,
    slot: Slot | None = None,
    status: IntakeStatus = T,
    medication_id: int = 1,
    deleted: bool = False,
) -> Intake:
    return Intake(
        medication_id, when, TEN_MG, status, slot, deleted_at=when if deleted else None
    )


def slot(day: date, hour: int) -> Slot:
    return Slot(day, time(hour))


# A week of baclofen at 08:00 and 20:00 (Paris, day starts 04:00, on-time window ±60 min).
WEEK = [
    intake(at(MON, 8, 10), slot(MON, 8)),       # Mon 08  linked, 10 min late -> on time
    intake(at(MON, 21, 0)),                     # Mon 20  unlinked, exactly +60 -> on time
    intake(at(TUE, 9, 1)),                      # Tue 08  unlinked, +61 -> late
    intake(at(TUE, 20, 0), slot(TUE, 20), S),   # Tue 20  skipped
    #                                             Wed 08  nothing -> missed
    intake(at(THU, 1, 30)),                     # Wed 20  01:30 Thursday is Wednesday's diary day
    intake(at(THU, 6, 30)),                     # Thu 08  -90 -> early
    intake(at(THU, 19, 45), slot(THU, 20)),     # Thu 20  -15 -> on time
    intake(at(FRI, 8, 0), slot(FRI, 8)),        # Fri 08  on time
    intake(at(FRI, 8, 30), slot(FRI, 8)),       # Fri 08  a second dose for the same slot: extra
    intake(at(FRI, 20, 0), deleted=True),       # Fri 20  deleted -> missed
    intake(at(SAT, 8, 20), medication_id=2),    # Sat 08  another medication -> missed
    intake(at(SAT, 20, 40)),                    # Sat 20  +40 -> on time
    intake(at(SUN, 7, 0)),                      # Sun 08  exactly -60 -> on time
    #                                             Sun 20  nothing yet, now is 20:30 -> pending
]
NOW = at(SUN, 20, 30)

EXPECTED_WEEK = [
    (MON, 8, SlotStatus.ON_TIME, 10),
    (MON, 20, SlotStatus.ON_TIME, 60),
    (TUE, 8, SlotStatus.LATE, 61),
    (TUE, 20, SlotStatus.SKIPPED, None),
    (WED, 8, SlotStatus.MISSED, None),
    (WED, 20, SlotStatus.LATE, 330),
    (THU, 8, SlotStatus.EARLY, -90),
    (THU, 20, SlotStatus.ON_TIME, -15),
    (FRI, 8, SlotStatus.ON_TIME, 0),
    (FRI, 20, SlotStatus.MISSED, None),
    (SAT, 8, SlotStatus.MISSED, None),
    (SAT, 20, SlotStatus.ON_TIME, 40),
    (SUN, 8, SlotStatus.ON_TIME, -60),
    (SUN, 20, SlotStatus.PENDING, None),
]


def test_adherence_on_a_week_computed_by_hand() -> None:
    outcomes = adherence(STEPS, WEEK, MON, SUN, NOW, FOUR, PARIS, WINDOW)
    got = [(o.slot.day, o.slot.time.hour, o.status, o.delay_minutes) for o in outcomes]
    assert got == EXPECTED_WEEK
    assert all(o.medication_id == 1 and o.planned_amount == TEN_MG for o in outcomes)


def test_adherence_names_the_answering_intake() -> None:
    outcomes = adherence(STEPS, WEEK, FRI, FRI, NOW, FOUR, PARIS, WINDOW)
    assert outcomes[0].intake == WEEK[7]  # the first of the two linked to Friday 08:00
    assert outcomes[1].intake is None


def test_adherence_summary_of_the_week() -> None:
    summary = summarize(adherence(STEPS, WEEK, MON, SUN, NOW, FOUR, PARIS, WINDOW))
    assert summary == AdherenceSummary(
        on_time=6, early=1, late=2, missed=3, skipped=1, pending=1
    )
    assert summary.due == 13
    assert summary.taken == 9
    assert summary.percent_taken == pytest.approx(100 * 9 / 13)


def test_adherence_summary_with_nothing_due() -> None:
    assert summarize([]).percent_taken is None


def test_adherence_window_is_a_setting() -> None:
    narrow = adherence(STEPS, WEEK, MON, MON, NOW, FOUR, PARIS, timedelta(minutes=5))
    assert [o.status for o in narrow] == [SlotStatus.LATE, SlotStatus.LATE]


@pytest.mark.parametrize("zone", [PARIS, NEW_YORK], ids=["Paris", "New York"])
@pytest.mark.parametrize(
    "change", [date(2026, 3, 29), date(2026, 10, 25)], ids=["spring", "autumn"]
)
def test_adherence_across_a_dst_change(change: date, zone: ZoneInfo) -> None:
    # Paris moves its clocks on 29 March (+01:00 -> +02:00) and 25 October (back). Doses at 08:00
    # and 20:00 local time on the day before, the day of and the day after the change are on time
    # to the minute, whatever the zone they are read in.
    days = [change - timedelta(days=1), change, change + timedelta(days=1)]
    doses = [intake(at(d, h, 5)) for d in days for h in (8, 20)]
    assert len({i.at.utcoffset() for i in doses}) == 2
    now = at(days[-1] + timedelta(days=2), 12)
    outcomes = adherence(STEPS, doses, days[0], days[-1], now, FOUR, zone, WINDOW)
    assert [(o.status, o.delay_minutes, o.intake) for o in outcomes] == [
        (SlotStatus.ON_TIME, 5, i) for i in doses
    ]


def test_a_stale_offset_is_read_as_its_own_wall_clock() -> None:
    # 29 March 2026: Paris goes from +01:00 to +02:00 at 02:00. A phone that kept +01:00 records
    # 07:00+01:00. Every row keeps its own offset (DESIGN, Time): the diary shows that dose at
    # 07:00, so against the 08:00 slot it is an hour early, still within the on-time window.
    dst = date(2026, 3, 29)
    stale_clock = datetime(2026, 3, 29, 7, 0, tzinfo=timezone(timedelta(hours=1)))
    outcomes = adherence(STEPS, [intake(stale_clock)], dst, dst, at(dst, 23), FOUR, PARIS, WINDOW)
    assert [(o.status, o.delay_minutes) for o in outcomes] == [
        (SlotStatus.ON_TIME, -60), (SlotStatus.MISSED, None)
    ]


def test_adherence_refuses_a_reversed_range() -> None:
    with pytest.raises(ValidationError):
        adherence(STEPS, WEEK, SUN, MON, NOW, FOUR, PARIS, WINDOW)


# --- daily totals -----------------------------------------------------------------------------


def test_daily_totals_of_the_week() -> None:
    totals = daily_totals(WEEK, FOUR)
    assert totals == {
        (MON, 1): 20_000,
        (TUE, 1): 10_000,  # the skipped one does not count
        (WED, 1): 10_000,  # Thursday 01:30 counts for Wednesday
        (THU, 1): 20_000,
        (FRI, 1): 20_000,  # the deleted one does not count
        (SAT, 1): 10_000,
        (SAT, 2): 10_000,
        (SUN, 1): 10_000,
    }


OFFSETS = [timezone(timedelta(minutes=m)) for m in (-300, 0, 60, 120, 330, 600)]


@st.composite
def intakes(draw: st.DrawFn) -> Intake:
    instant = draw(
        st.datetimes(datetime(2025, 1, 1), datetime(2025, 1, 10), timezones=st.just(UTC))
    )
    return Intake(
        medication_id=draw(st.integers(1, 3)),
        at=instant.astimezone(draw(st.sampled_from(OFFSETS))),
        amount=draw(st.integers(1, 100_000)),
        status=draw(st.sampled_from([T, S])),
        deleted_at=draw(st.sampled_from([None, instant])),
    )


@given(st.lists(intakes(), max_size=40), st.sampled_from([time(0), time(4), time(12)]))
def test_daily_totals_equal_a_brute_force_sum(rows: list[Intake], start: time) -> None:
    totals = daily_totals(rows, start)
    shift = timedelta(hours=start.hour)
    keys = {((i.at - shift).date(), i.medication_id) for i in rows}
    for key in keys:
        expected = sum(
            i.amount for i in rows
            if ((i.at - shift).date(), i.medication_id) == key
            and i.status is T and i.deleted_at is None
        )
        assert totals.get(key, 0) == expected
    assert set(totals) <= keys
    assert all(total > 0 for total in totals.values())


# --- matching ---------------------------------------------------------------------------------


def test_an_intake_linked_to_another_days_slot_answers_nothing_here() -> None:
    # Sunday's 20:00 dose logged at Monday 07:50 (Monday's diary day) must not fill Monday 08:00.
    late_sunday = intake(at(MON, 7, 50), slot(MON - timedelta(days=1), 20))
    outcomes = adherence(STEPS, [late_sunday], MON, MON, at(MON, 23), FOUR, PARIS, WINDOW)
    assert [o.status for o in outcomes] == [SlotStatus.MISSED, SlotStatus.MISSED]
    both = adherence(
        STEPS, [late_sunday], MON - timedelta(days=1), MON, at(MON, 23), FOUR, PARIS, WINDOW
    )
    assert both[1].intake == late_sunday and both[1].status is SlotStatus.LATE


def test_an_intake_linked_to_a_time_the_plan_no_longer_has_still_answers() -> None:
    # Logged for 07:00 under an older plan; the plan now says 08:00 and 20:00.
    old_time = intake(at(MON, 7, 30), slot(MON, 7))
    outcomes = adherence(STEPS, [old_time], MON, MON, at(MON, 23), FOUR, PARIS, WINDOW)
    assert [(o.status, o.delay_minutes) for o in outcomes] == [
        (SlotStatus.ON_TIME, -30), (SlotStatus.MISSED, None)
    ]


def test_an_unlinked_dose_answers_only_a_slot_within_reach() -> None:
    # 08:00, 14:00, 20:00. The 14:00 dose was logged at 13:57; one more at 14:10 is an extra dose,
    # not the 20:00 dose six hours early. An unlinked dose reaches halfway to the next slot.
    tid = [PlanStep(1, MON - timedelta(days=30), TEN_MG, (time(8), time(14), time(20)))]
    doses = [intake(at(MON, 8, 0)), intake(at(MON, 13, 57)), intake(at(MON, 14, 10))]
    outcomes = adherence(tid, doses, MON, MON, at(MON, 23), FOUR, PARIS, WINDOW)
    assert [(o.status, o.intake) for o in outcomes] == [
        (SlotStatus.ON_TIME, doses[0]), (SlotStatus.ON_TIME, doses[1]), (SlotStatus.MISSED, None)
    ]
    # 17:01 is past halfway between 14:00 and 20:00: it can only answer 20:00, early.
    early = adherence(tid, [intake(at(MON, 17, 1))], MON, MON, at(MON, 23), FOUR, PARIS, WINDOW)
    assert [o.status for o in early] == [SlotStatus.MISSED, SlotStatus.MISSED, SlotStatus.EARLY]


# --- time zones: each intake is read in its own offset -----------------------------------------


@pytest.mark.parametrize("linked", [False, True], ids=["unlinked", "linked"])
def test_doses_logged_in_berlin_are_on_time_read_in_new_york(linked: bool) -> None:
    # The reviewer's repro: 08:00 and 20:00 in Berlin (+01:00) were "late by 360 min" and
    # "missed" when computed with New York as the zone.
    doses = [intake(at(MON, h, 0, BERLIN), slot(MON, h) if linked else None) for h in (8, 20)]
    now = at(TUE, 12, 0, BERLIN)
    for zone in (BERLIN, NEW_YORK):
        outcomes = adherence(STEPS, doses, MON, MON, now, FOUR, zone, WINDOW)
        assert [(o.status, o.delay_minutes, o.intake) for o in outcomes] == [
            (SlotStatus.ON_TIME, 0, doses[0]), (SlotStatus.ON_TIME, 0, doses[1])
        ]


BERLIN_WEEK = [replace(i, at=i.at.astimezone(BERLIN)) for i in WEEK]  # same +01:00 offsets


@pytest.mark.parametrize(
    "zone", [BERLIN, NEW_YORK, LOS_ANGELES, UTC], ids=["Berlin", "New York", "Los Angeles", "UTC"]
)
def test_a_week_logged_in_berlin_reads_the_same_in_any_zone(zone: ZoneInfo) -> None:
    # The hand-computed week, logged in Berlin, read on a computer in another zone: same statuses,
    # same delays, same answering intakes. (Sunday 20:00 is still pending at 20:30 Berlin time in
    # each of these zones; in Tokyo it would be missed, and only that may depend on the zone.)
    berlin = adherence(STEPS, BERLIN_WEEK, MON, SUN, NOW, FOUR, BERLIN, WINDOW)
    elsewhere = adherence(STEPS, BERLIN_WEEK, MON, SUN, NOW, FOUR, zone, WINDOW)
    got = [(o.slot.day, o.slot.time.hour, o.status, o.delay_minutes) for o in elsewhere]
    assert got == EXPECTED_WEEK
    assert elsewhere == berlin


@pytest.mark.parametrize(
    ("morning", "evening"),
    [(PARIS, NEW_YORK), (NEW_YORK, PARIS)],
    ids=["Paris then New York", "New York then Paris"],
)
@pytest.mark.parametrize("zone", [PARIS, NEW_YORK], ids=["read in Paris", "read in New York"])
def test_a_traveller_logs_morning_and_evening_in_two_zones(
    morning: ZoneInfo, evening: ZoneInfo, zone: ZoneInfo
) -> None:
    # The morning dose at 08:10 where the day began, the evening dose at 20:20 where it ended:
    # both on the same diary day by their own offsets, each on time against its own slot.
    doses = [intake(at(MON, 8, 10, morning)), intake(at(MON, 20, 20, evening))]
    now = at(WED, 12)
    outcomes = adherence(STEPS, doses, MON, TUE, now, FOUR, zone, WINDOW)
    assert [(o.slot.day, o.status, o.delay_minutes, o.intake) for o in outcomes] == [
        (MON, SlotStatus.ON_TIME, 10, doses[0]),
        (MON, SlotStatus.ON_TIME, 20, doses[1]),
        (TUE, SlotStatus.MISSED, None, None),
        (TUE, SlotStatus.MISSED, None, None),
    ]
    assert daily_totals(doses, FOUR) == {(MON, 1): 2 * TEN_MG}


def test_only_unanswered_slots_depend_on_the_zone() -> None:
    # Sunday 20:00 has no answer: at 20:30 Berlin time it is pending in Berlin, but in Tokyo its
    # window closed hours ago.
    berlin = adherence(STEPS, BERLIN_WEEK, MON, SUN, NOW, FOUR, BERLIN, WINDOW)
    tokyo = adherence(STEPS, BERLIN_WEEK, MON, SUN, NOW, FOUR, TOKYO, WINDOW)
    assert berlin[:-1] == tokyo[:-1]
    assert (berlin[-1].status, tokyo[-1].status) == (SlotStatus.PENDING, SlotStatus.MISSED)


ZONES = [PARIS, BERLIN, NEW_YORK, LOS_ANGELES, TOKYO, ZoneInfo("Asia/Kolkata"), UTC]


@st.composite
def journey_intakes(draw: st.DrawFn) -> Intake:
    instant = draw(
        st.datetimes(datetime(2026, 3, 1), datetime(2026, 3, 12), timezones=st.just(UTC))
    )
    linked_day = draw(st.sampled_from([None, MON, TUE, WED]))
    return Intake(
        medication_id=1,
        at=fixed(instant.astimezone(draw(st.sampled_from(ZONES)))),
        amount=TEN_MG,
        status=draw(st.sampled_from([T, T, S])),
        slot=None if linked_day is None else Slot(linked_day, draw(st.sampled_from(
            [time(8), time(20), time(14)]
        ))),
    )


@given(
    st.lists(journey_intakes(), max_size=12),
    st.sampled_from(ZONES),
    st.sampled_from([time(0), time(4)]),
)
def test_adherence_does_not_depend_on_the_readers_zone(
    rows: list[Intake], zone: ZoneInfo, day_starts_at: time
) -> None:
    # Long after the range, every slot is answered or missed: nothing may depend on the zone.
    now = datetime(2026, 4, 1, tzinfo=UTC)
    here = adherence(STEPS, rows, MON, FRI, now, day_starts_at, PARIS, WINDOW)
    there = adherence(STEPS, rows, MON, FRI, now, day_starts_at, zone, WINDOW)
    assert here == there
    # The delay is the difference of wall-clock times in the intake's own offset.
    for outcome in here:
        if outcome.intake is not None and outcome.delay_minutes is not None:
            wall = outcome.intake.at.replace(tzinfo=None)
            slot_wall = datetime.combine(outcome.slot.day, outcome.slot.time)
            if outcome.slot.time < day_starts_at:
                slot_wall += timedelta(days=1)
            exact = (wall - slot_wall).total_seconds() / 60
            assert abs(exact - outcome.delay_minutes) <= 0.5
