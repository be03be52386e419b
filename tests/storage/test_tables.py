"""The tables below the store (diary/storage/tables.py) and the cache they keep: the diary
row, medications and plan steps are kept between reads, and never served stale.

Whatever changes them (the store itself, plain SQL on its own connection, another program, a
write or a savepoint rolled back) is seen by the next `info()`, `medications()`, `medication()`,
`plan_steps()`, dose check and Today view. Expectations are read with plain SQL, past the cache.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.safety import FindingKind
from diary.domain.stats import SlotStatus
from diary.domain.templates import medication_from_template
from diary.storage import rows
from diary.storage.dosing import DoseOutcome
from diary.storage.dosing import assess_dose
from diary.storage.dosing import check_and_add
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.today.state import build_state
from tests.helpers import store_sql
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

TODAY = date(2026, 11, 26)  # the diary day of NOW (Thursday 21:00 in Paris)
TIMES = (time(8), time(14), time(20))


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS_WINTER)


@pytest.fixture
def baclofen(store: DiaryStore) -> Medication:
    """Baclofen (max 80 mg/day), 20 mg at 08:00, 14:00 and 20:00; 40 mg taken by 14:00."""
    med = store.medications.add(medication_from_template("baclofen"))
    assert med.id is not None
    store.plans.add(PlanStep(med.id, TODAY - timedelta(days=20), 20_000, TIMES))
    for hour in (8, 14):
        store.intakes.add(Intake(med.id, at(hour), 20_000))
    return med


def evening_dose(med: Medication, amount: int = 20_000) -> Intake:
    assert med.id is not None
    return Intake(med.id, at(20, 5), amount)


def kinds(outcome: DoseOutcome) -> list[FindingKind]:
    return [f.kind for f in outcome.verdict.findings]


def warm(store: DiaryStore, med: Medication) -> None:
    """Every kept read, as a dose check and the Today view make them."""
    assess_dose(store, evening_dose(med), PARIS_WINTER)
    build_state(store, NOW)


# --- who changes the regimen ------------------------------------------------------------------
@contextlib.contextmanager
def another_program(store: DiaryStore) -> Iterator[sqlite3.Connection]:
    """A second connection to the file, as another program (or an old version, or a tool) that
    does not take our one-writer lock would have."""
    conn = sqlite3.connect(store.path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        yield conn
    finally:
        conn.close()


def plain_sql(store: DiaryStore, how: str, sql: str, params: list[object]) -> None:
    if how == "plain SQL":
        store_sql.connection(store).execute(sql, params)
    else:
        with another_program(store) as conn:
            conn.execute(sql, params)


WRITERS = ("the store", "plain SQL", "another program")


def set_max(store: DiaryStore, how: str, med: Medication, max_daily: int) -> None:
    if how == "the store":
        store.medications.edit(replace(store.medications.get(med.id or 0), max_daily=max_daily))
    else:
        plain_sql(store, how, "UPDATE medications SET max_daily = ? WHERE id = ?",
                  [max_daily, med.id])


def set_name(store: DiaryStore, how: str, med: Medication, name: str) -> None:
    if how == "the store":
        store.medications.edit(replace(store.medications.get(med.id or 0), name=name))
    else:
        plain_sql(store, how, "UPDATE medications SET name = ? WHERE id = ?", [name, med.id])


def set_step_amount(store: DiaryStore, how: str, step: PlanStep, amount: int) -> None:
    if how == "the store":
        store.plans.edit(replace(step, amount=amount))
    else:
        plain_sql(store, how, "UPDATE plan_steps SET amount = ? WHERE id = ?", [amount, step.id])


def set_info(store: DiaryStore, how: str, **changes: object) -> None:
    if how == "the store":
        store.update_info(replace(store.info(), **changes))  # type: ignore[arg-type]
        return
    columns = rows.info_row(replace(DiaryInfo(), **changes))  # type: ignore[arg-type]
    names = {"day_starts_at": "day_starts_at", "on_time_window_minutes": "on_time_window_min"}
    for field in changes:
        plain_sql(store, how, f"UPDATE diary SET {names[field]} = ? WHERE id = 1",
                  [columns[names[field]]])


# --- what is stored, read past the cache ------------------------------------------------------
def stored_info(store: DiaryStore) -> DiaryInfo:
    return rows.info_from(store_sql.query(store, "SELECT * FROM diary WHERE id = 1")[0])


def stored_medications(store: DiaryStore, include_archived: bool) -> list[Medication]:
    where = "" if include_archived else " WHERE archived_utc IS NULL"
    return [rows.medication_from(r) for r in store_sql.query(store,
        f"SELECT * FROM medications{where} ORDER BY name COLLATE NOCASE, id")]


def stored_steps(store: DiaryStore, medication_id: int | None) -> list[PlanStep]:
    found = store_sql.query(store, "SELECT * FROM plan_steps WHERE deleted_utc IS NULL"
                        " ORDER BY start_day, id")
    return [rows.plan_step_from(r) for r in found
            if medication_id is None or r["medication_id"] == medication_id]


def assert_reads_are_fresh(store: DiaryStore) -> None:
    info = stored_info(store)
    assert store.info() == info
    minutes = info.day_starts_at.hour * 60 + info.day_starts_at.minute
    assert store_sql.tables(store).day_start_minutes() == minutes
    every = stored_medications(store, include_archived=True)
    assert store.medications.all(include_archived=True) == every
    assert store.medications.all() == stored_medications(store, include_archived=False)
    for med in every:
        assert med.id is not None
        assert store.medications.get(med.id) == med
        assert store.plans.steps(med.id) == stored_steps(store, med.id)
    assert store.plans.steps() == stored_steps(store, None)


class Undo(Exception):
    """Raised to roll a write back."""


# --- the dose check and the Today view see every change ---------------------------------------
@pytest.mark.parametrize("how", WRITERS)
def test_a_lower_max_is_checked_whoever_wrote_it(
    store: DiaryStore, baclofen: Medication, how: str
) -> None:
    warm(store, baclofen)
    assert kinds(assess_dose(store, evening_dose(baclofen), PARIS_WINTER)) == []  # 60 of 80 mg
    set_max(store, how, baclofen, 50_000)
    refused = check_and_add(store, evening_dose(baclofen), PARIS_WINTER, confirmed=False)
    assert refused.saved is None and FindingKind.OVER_MAX_DAILY in kinds(refused)
    assert refused.medication.max_daily == 50_000
    assert [m.total_text for m in build_state(store, NOW).medications] == ["40 / 50 mg today"]
    assert [m.max_daily for m in store.medications.all()] == [50_000]
    assert_reads_are_fresh(store)


@pytest.mark.parametrize("how", WRITERS)
def test_a_renamed_medication_is_listed_by_its_new_name(
    store: DiaryStore, baclofen: Medication, how: str
) -> None:
    warm(store, baclofen)
    set_name(store, how, baclofen, "Lioresal")
    assert [m.name for m in store.medications.all(include_archived=True)] == ["Lioresal"]
    assert store.medications.get(baclofen.id or 0).name == "Lioresal"
    assert [m.medication.name for m in build_state(store, NOW).medications] == ["Lioresal"]
    assert assess_dose(store, evening_dose(baclofen), PARIS_WINTER).medication.name == "Lioresal"


@pytest.mark.parametrize("how", WRITERS)
def test_a_changed_plan_step_is_the_plan_of_the_next_dose(
    store: DiaryStore, baclofen: Medication, how: str
) -> None:
    warm(store, baclofen)
    [step] = store.plans.steps(baclofen.id)
    set_step_amount(store, how, step, 15_000)
    assert [s.amount for s in store.plans.steps()] == [15_000]
    assert [s.amount for s in store.plans.steps(baclofen.id)] == [15_000]
    assert FindingKind.DIFFERS_FROM_PLAN in kinds(
        assess_dose(store, evening_dose(baclofen), PARIS_WINTER)
    )
    planned = {o.planned_amount for o, _ in build_state(store, NOW).outcomes}
    assert planned == {15_000}


@pytest.mark.parametrize("how", WRITERS)
def test_a_new_on_time_window_rates_the_next_view(
    store: DiaryStore, baclofen: Medication, how: str
) -> None:
    store.intakes.add(Intake(baclofen.id or 0, at(20, 40), 20_000))
    warm(store, baclofen)
    evening = [o for o, _ in build_state(store, NOW).outcomes if o.slot.time == time(20)]
    assert [o.status for o in evening] == [SlotStatus.ON_TIME]  # 40 minutes, within 60
    set_info(store, how, on_time_window_minutes=30)
    assert store.info().on_time_window_minutes == 30
    evening = [o for o, _ in build_state(store, NOW).outcomes if o.slot.time == time(20)]
    assert [o.status for o in evening] == [SlotStatus.LATE]


@pytest.mark.parametrize("how", WRITERS)
def test_a_new_day_start_places_the_next_reads(
    store: DiaryStore, baclofen: Medication, clock: list[datetime], how: str
) -> None:
    small_hours = clock[0] = at(2, 30, TODAY + timedelta(days=1))
    late = store.intakes.add(Intake(baclofen.id or 0, small_hours - timedelta(hours=1), 10_000))
    warm(store, baclofen)
    assert build_state(store, small_hours).day == TODAY  # the day starts at 04:00
    assert late in store.intakes.between(TODAY, TODAY)
    set_info(store, how, day_starts_at=time(0))
    assert store.info().day_starts_at == time(0)
    assert build_state(store, small_hours).day == TODAY + timedelta(days=1)
    assert store.intakes.between(TODAY + timedelta(days=1), TODAY + timedelta(days=1)) == [late]
    assert late not in store.intakes.between(TODAY, TODAY)


# --- changes undone -----------------------------------------------------------------------------
def change_everything(store: DiaryStore, med: Medication) -> None:
    """Lower the max, rename, change the step and the diary's settings, through the store."""
    [step] = store.plans.steps(med.id)
    set_max(store, "the store", med, 50_000)
    set_name(store, "the store", med, "Lioresal")
    set_step_amount(store, "the store", step, 15_000)
    set_info(store, "the store", day_starts_at=time(0), on_time_window_minutes=30)


def change_everything_in_sql(store: DiaryStore, med: Medication) -> None:
    for sql in (
        "UPDATE medications SET max_daily = 50000, name = 'Lioresal'",
        "UPDATE plan_steps SET amount = 15000",
        "UPDATE diary SET day_starts_at = '00:00', on_time_window_min = 30",
    ):
        store_sql.connection(store).execute(sql)


def changed_inside(store: DiaryStore, med: Medication) -> None:
    """The transaction sees its own changes, in every read and in the dose check."""
    assert store.medications.get(med.id or 0).max_daily == 50_000
    assert [m.name for m in store.medications.all()] == ["Lioresal"]
    assert [s.amount for s in store.plans.steps(med.id)] == [15_000]
    assert store.info().day_starts_at == time(0)
    assert FindingKind.OVER_MAX_DAILY in kinds(assess_dose(store, evening_dose(med), PARIS_WINTER))
    assert_reads_are_fresh(store)


def rolled_back_write(store: DiaryStore, med: Medication) -> None:
    with pytest.raises(Undo), store.write():
        change_everything(store, med)
        changed_inside(store, med)
        raise Undo


def rolled_back_sql(store: DiaryStore, med: Medication) -> None:
    store_sql.connection(store).execute("BEGIN")
    change_everything_in_sql(store, med)
    changed_inside(store, med)
    store_sql.connection(store).execute("ROLLBACK")


def rolled_back_savepoint(store: DiaryStore, med: Medication) -> None:
    with store.write():
        with pytest.raises(Undo), store.write():
            change_everything(store, med)
            changed_inside(store, med)
            raise Undo
        # Still inside the outer transaction, which goes on and commits.
        assert store.medications.get(med.id or 0).max_daily == 80_000
        assert_reads_are_fresh(store)
        store.events.add(Event(at(9), EventKind.OTHER, "kept"))
    assert [e.text for e in store.events.between(TODAY, TODAY)] == ["kept"]


@pytest.mark.parametrize("undo", [rolled_back_write, rolled_back_sql, rolled_back_savepoint])
def test_changes_rolled_back_are_forgotten(
    store: DiaryStore, baclofen: Medication, undo: Callable[[DiaryStore, Medication], None]
) -> None:
    warm(store, baclofen)
    before = (store.info(), store.medications.all(include_archived=True), store.plans.steps())
    undo(store, baclofen)
    after = (store.info(), store.medications.all(include_archived=True), store.plans.steps())
    assert after == before
    assert store.info().day_starts_at == time(4) and store.info().on_time_window_minutes == 60
    assert kinds(assess_dose(store, evening_dose(baclofen), PARIS_WINTER)) == []
    assert [m.medication.name for m in build_state(store, NOW).medications] == ["Baclofen"]
    assert_reads_are_fresh(store)


# --- snapshots, viewers and callers -------------------------------------------------------------
def test_reads_in_one_snapshot_agree_and_the_next_sees_the_change(
    store: DiaryStore, baclofen: Medication
) -> None:
    warm(store, baclofen)
    with store.reading():
        first = store.medications.get(baclofen.id or 0)
        with another_program(store) as conn:
            conn.execute("UPDATE medications SET max_daily = 50000")
        # The snapshot began before the other program's commit: the store reads it whole.
        assert (
            store.medications.get(baclofen.id or 0) == first == stored_medications(store, True)[0]
        )
    assert store.medications.get(baclofen.id or 0).max_daily == 50_000
    assert_reads_are_fresh(store)


def test_a_read_only_store_sees_another_programs_changes(
    store: DiaryStore, baclofen: Medication
) -> None:
    with open_diary(store.path, read_only=True) as viewer:
        assert [m.max_daily for m in viewer.medications.all()] == [80_000]
        assert viewer.info().on_time_window_minutes == 60
        store.medications.edit(replace(baclofen, max_daily=50_000))
        set_info(store, "the store", on_time_window_minutes=30)
        assert [m.max_daily for m in viewer.medications.all()] == [50_000]
        assert viewer.info().on_time_window_minutes == 30
        assert_reads_are_fresh(viewer)


def test_a_kept_read_is_not_read_again_and_callers_cannot_change_it(
    store: DiaryStore, baclofen: Medication
) -> None:
    for _ in range(2):  # the first reads are kept, the second are traced
        statements: list[str] = []
        store_sql.connection(store).set_trace_callback(statements.append)
        try:
            first, steps, info = store.medications.all(), store.plans.steps(), store.info()
        finally:
            store_sql.connection(store).set_trace_callback(None)
    # Only the check that no other program has committed since: the tables were not read.
    assert statements and all(s == "PRAGMA data_version" for s in statements)
    first.clear()
    steps.append(steps[0])
    assert store.medications.all() == [baclofen]
    assert store.plans.steps() == stored_steps(store, None)
    assert store.medications.all() is not store.medications.all()
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.name = "changed"  # type: ignore[misc]
