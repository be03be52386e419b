"""The shortcuts that make logging a dose fast give exactly what the plain rules give.

`plan.expected_slots_between` lays out a range of days at once; `taper` skips matching the
intakes to the slots when no dose after the last taken one is old enough to warn about, and
`taper_findings_since` reads the intakes only then. Each is compared here with the plain rule it
replaces, written out below as it was: day after day, every dose matched.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from datetime import tzinfo
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from diary.domain.daytime import fixed
from diary.domain.daytime import local_day
from diary.domain.daytime import minutes_of
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.plans.steps import ScheduledDose
from diary.domain.plans.steps import expected_slots
from diary.domain.plans.steps import expected_slots_between
from diary.domain.plans.steps import step_on
from diary.domain.plans.taper import UNLOGGED_AFTER
from diary.domain.plans.taper import UNLOGGED_LOOKBACK_DAYS
from diary.domain.plans.taper import first_unlogged_dose
from diary.domain.plans.taper import last_taken
from diary.domain.plans.taper import taper_findings
from diary.domain.plans.taper import taper_findings_since
from diary.domain.stats import dose_instant
from diary.domain.stats import dose_instant_for
from diary.domain.stats import match_intakes_to_slots
from diary.domain.stats import scheduled_doses
from diary.domain.units import Unit

D0 = date(2026, 3, 20)  # the look-back crosses the change to summer time in New York
PARIS = ZoneInfo("Europe/Paris")
ZONES: list[tzinfo] = [PARIS, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo"), UTC,
                       timezone(timedelta(hours=-18)), timezone(timedelta(hours=18))]
CLOCKS = [time(1), time(7, 30), time(8), time(14), time(20), time(23, 30)]
WINDOW = timedelta(minutes=60)  # the diary's usual on-time window (no step here is recorded)
BACLOFEN = Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000, taper_required=True,
                      id=1)


# --- the plain rules, as they were ------------------------------------------------------------
def plain_expected_slots(steps: Sequence[PlanStep], day: date,
                         day_starts_at: time) -> list[ScheduledDose]:
    doses: list[ScheduledDose] = []
    for medication_id in sorted({s.medication_id for s in steps}):
        step = step_on(steps, medication_id, day)
        if step is None:
            continue
        doses.extend(ScheduledDose(medication_id, Slot(day, t), step.amount) for t in step.times)
    start = minutes_of(day_starts_at)
    return sorted(
        doses, key=lambda d: ((minutes_of(d.slot.time) - start) % (24 * 60), d.medication_id)
    )


def plain_first_unlogged(medication_id: int, steps: Sequence[PlanStep], intakes: list[Intake],
                         now: datetime, day_starts_at: time, tz: tzinfo) -> ScheduledDose | None:
    today = local_day(now.astimezone(tz), day_starts_at)
    days = [today - timedelta(days=back) for back in range(UNLOGGED_LOOKBACK_DAYS, -1, -1)]
    doses = [d for day in days for d in plain_expected_slots(steps, day, day_starts_at)
             if d.medication_id == medication_id]
    taken = [i for i in intakes if i.medication_id == medication_id
             and i.status is IntakeStatus.TAKEN and i.deleted_at is None and i.at <= now]
    answered = match_intakes_to_slots(doses, taken, day_starts_at, tz)
    last = max(taken, key=lambda i: i.at, default=None)
    unanswered = [
        d for d in doses
        if d not in answered and dose_instant(d, day_starts_at, tz) <= now
        and (last is None or dose_instant_for(d, last, day_starts_at) > last.at)
    ]
    first = min(unanswered, key=lambda d: dose_instant(d, day_starts_at, tz), default=None)
    if first is None or now - dose_instant(first, day_starts_at, tz) <= UNLOGGED_AFTER:
        return None
    return first


# --- what is drawn ----------------------------------------------------------------------------
@st.composite
def plan_steps(draw: st.DrawFn) -> list[PlanStep]:
    """Overlapping steps of two medications, some open-ended, some as-needed, some unsaved (no
    id, so that ties of precedence are settled by their order), amounts telling them apart."""
    count = draw(st.integers(0, 6))
    ids = draw(st.permutations(range(1, 7)))
    steps = []
    for n in range(count):
        start = D0 + timedelta(days=draw(st.integers(-20, 20)))
        length = draw(st.one_of(st.none(), st.integers(0, 15)))
        end = None if length is None else start + timedelta(days=length)
        times = tuple(draw(st.lists(st.sampled_from(CLOCKS), max_size=4)))
        steps.append(PlanStep(
            medication_id=draw(st.sampled_from([1, 1, 2])), start=start, end=end,
            amount=1_000 * (n + 1), times=times,
            id=draw(st.sampled_from([None, ids[n]])),
        ))
    return steps


@st.composite
def intakes(draw: st.DrawFn) -> Intake:
    instant = draw(st.datetimes(datetime(2026, 3, 1), datetime(2026, 4, 12),
                                timezones=st.just(UTC)))
    linked = draw(st.one_of(st.none(), st.tuples(
        st.integers(-20, 20).map(lambda k: D0 + timedelta(days=k)), st.sampled_from(CLOCKS))))
    return Intake(
        medication_id=draw(st.sampled_from([1, 1, 1, 2])),
        at=fixed(instant.replace(second=0).astimezone(draw(st.sampled_from(ZONES)))),
        amount=10_000,
        status=draw(st.sampled_from([IntakeStatus.TAKEN, IntakeStatus.TAKEN,
                                     IntakeStatus.SKIPPED])),
        slot=None if linked is None else Slot(*linked),
        deleted_at=draw(st.sampled_from([None, None, None, instant])),
        id=draw(st.integers(1, 10_000)),
    )


@st.composite
def regular_intakes(draw: st.DrawFn, steps: list[PlanStep], until: datetime,
                    day_starts_at: time) -> list[Intake]:
    """Doses of medication 1 taken near their slots, day after day, with the odd one missed
    or moved: the usual diary, where the last dose is recent."""
    zone = draw(st.sampled_from(ZONES))
    found = []
    for n, dose in enumerate(scheduled_doses(steps, D0 - timedelta(days=5), D0 + timedelta(days=5),
                                             day_starts_at, on_time_window=WINDOW)):
        if dose.medication_id != 1 or draw(st.integers(0, 9)) == 0:
            continue
        due = dose_instant(dose, day_starts_at, zone) + timedelta(
            minutes=draw(st.integers(-90, 90)))
        if due <= until:
            found.append(Intake(1, fixed(due), dose.amount,
                                slot=draw(st.sampled_from([None, dose.slot])), id=n + 1))
    return found


# --- the comparisons --------------------------------------------------------------------------
@given(plan_steps(), st.integers(-25, 25), st.integers(0, 20), st.sampled_from([*CLOCKS, time(4)]))
def test_a_range_of_days_is_laid_out_as_each_day_is(steps: list[PlanStep], first: int,
                                                    length: int, day_starts_at: time) -> None:
    start = D0 + timedelta(days=first)
    end = start + timedelta(days=length)
    days = [start + timedelta(days=k) for k in range(length + 1)]
    expected = [d for day in days for d in plain_expected_slots(steps, day, day_starts_at)]
    assert expected_slots_between(steps, start, end, day_starts_at,
                                  on_time_window=WINDOW) == expected
    assert scheduled_doses(steps, start, end, day_starts_at, on_time_window=WINDOW) == expected
    assert expected_slots(steps, start, day_starts_at) == plain_expected_slots(steps, start,
                                                                               day_starts_at)
    assert expected_slots_between(steps, end, start - timedelta(days=1), day_starts_at,
                                  on_time_window=WINDOW) == []


def test_of_steps_equal_in_precedence_the_first_given_wins() -> None:
    first = PlanStep(1, D0, 5_000, (time(8),))
    second = PlanStep(1, D0, 7_000, (time(8),))
    for steps in ([first, second], [second, first]):
        laid_out = expected_slots_between(steps, D0, D0 + timedelta(days=2), time(4),
                                          on_time_window=WINDOW)
        assert {d.amount for d in laid_out} == {steps[0].amount}


SHORTCUT_SETTINGS = settings(max_examples=300, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


@SHORTCUT_SETTINGS
@given(plan_steps(), st.lists(intakes(), max_size=25), st.integers(-2 * 24 * 60, 24 * 60),
       st.sampled_from(ZONES), st.sampled_from([time(0), time(4), time(12)]))
def test_the_unlogged_dose_is_the_one_the_plain_rule_finds(
        steps: list[PlanStep], rows: list[Intake], minutes: int, zone: tzinfo,
        day_starts_at: time) -> None:
    now = datetime.combine(D0, time(12), tzinfo=UTC) + timedelta(minutes=minutes)
    expected = plain_first_unlogged(1, steps, rows, now, day_starts_at, zone)
    assert first_unlogged_dose(1, steps, rows, now, day_starts_at, zone,
                               on_time_window=WINDOW) == expected
    # Told the last taken dose, the rule reads the others only when it has to, and finds the
    # same.
    read: list[bool] = []

    def read_rows() -> list[Intake]:
        read.append(True)
        return rows

    last = last_taken(1, rows, now)
    assert (taper_findings_since(BACLOFEN, steps, last, read_rows, now, day_starts_at, zone,
                                 on_time_window=WINDOW)
            == taper_findings(BACLOFEN, steps, rows, now, day_starts_at, zone,
                              on_time_window=WINDOW))
    if expected is not None:
        assert read == [True]


@SHORTCUT_SETTINGS
@given(st.data(), plan_steps(), st.integers(0, 3 * 24 * 60), st.sampled_from(ZONES),
       st.sampled_from([time(0), time(4), time(12)]))
def test_a_diary_kept_day_after_day_gives_what_the_plain_rule_gives(
        data: st.DataObject, steps: list[PlanStep], minutes: int, zone: tzinfo,
        day_starts_at: time) -> None:
    now = datetime.combine(D0, time(0), tzinfo=UTC) + timedelta(minutes=minutes)
    rows = data.draw(regular_intakes(steps, now + timedelta(hours=2), day_starts_at))
    expected = plain_first_unlogged(1, steps, rows, now, day_starts_at, zone)
    assert first_unlogged_dose(1, steps, rows, now, day_starts_at, zone,
                               on_time_window=WINDOW) == expected
    last = last_taken(1, rows, now)
    assert (taper_findings_since(BACLOFEN, steps, last, lambda: rows, now, day_starts_at, zone,
                                 on_time_window=WINDOW)
            == taper_findings(BACLOFEN, steps, rows, now, day_starts_at, zone,
                              on_time_window=WINDOW))


def test_the_intakes_are_not_read_while_the_last_dose_is_recent() -> None:
    steps = [PlanStep(1, D0 - timedelta(days=30), 20_000, (time(8), time(14), time(20)), id=1)]
    now = datetime(2026, 3, 20, 15, tzinfo=PARIS)
    recent = Intake(1, fixed(datetime(2026, 3, 20, 14, 5, tzinfo=PARIS)), 20_000, id=9)

    def unread() -> list[Intake]:
        raise AssertionError("the intakes were read although the last dose is an hour old")

    assert taper_findings_since(BACLOFEN, steps, recent, unread, now, time(4), PARIS,
                                on_time_window=WINDOW) == []


def test_a_gap_is_still_found_with_the_intakes_read_once() -> None:
    steps = [PlanStep(1, D0 - timedelta(days=30), 20_000, (time(8), time(14), time(20)), id=1)]
    now = datetime(2026, 3, 20, 15, tzinfo=PARIS)
    old = Intake(1, fixed(datetime(2026, 3, 18, 8, 5, tzinfo=PARIS)), 20_000, id=3)
    calls: list[int] = []

    def read() -> list[Intake]:
        calls.append(1)
        return [old]

    findings = taper_findings_since(BACLOFEN, steps, old, read, now, time(4), PARIS,
                                    on_time_window=WINDOW)
    assert [(f.slot, f.day) for f in findings] == [(Slot(date(2026, 3, 18), time(14)),
                                                    date(2026, 3, 18))]
    assert calls == [1]


def test_of_doses_taken_at_one_instant_the_first_given_is_the_last_taken() -> None:
    instant = datetime(2026, 3, 19, 19, tzinfo=UTC)
    paris = Intake(1, fixed(instant.astimezone(PARIS)), 20_000, id=5)
    tokyo = Intake(1, fixed(instant.astimezone(ZoneInfo("Asia/Tokyo"))), 20_000, id=4)
    skipped = Intake(1, fixed(instant + timedelta(hours=1)), 20_000, IntakeStatus.SKIPPED, id=6)
    later = Intake(1, fixed(instant + timedelta(hours=2)), 20_000, id=7)
    now = instant + timedelta(hours=1, minutes=30)
    assert last_taken(1, [paris, tokyo, skipped, later], now) is paris
    assert last_taken(1, [tokyo, paris, skipped, later], now) is tokyo
    assert last_taken(2, [paris, tokyo], now) is None
