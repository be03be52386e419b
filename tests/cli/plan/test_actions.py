"""`plan show / add / delete` from the command line (`plan titrate` and `plan taper` are in
test_actions_titrate_taper.py).

Run in-process through `main([...])` with the fixed clock (Thursday 26 November 2026, 21:00 in
Paris). What a command stored is read back by reopening the diary; every refusal is one line on
stderr, exit status 1, and a diary file left byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import PlanStep
from diary.domain.templates import medication_from_template
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest

TODAY = date(2026, 11, 26)
TIMES = (time(8), time(14), time(20))
QID = (time(8), time(12), time(16), time(20))


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@contextlib.contextmanager
def writable(path: Path, clock: list[datetime]) -> Iterator[DiaryStore]:
    store = open_diary(path, clock=lambda: clock[0])
    try:
        yield store
    finally:
        store.close()


def steps_of(path: Path, clock: list[datetime], name: str) -> list[PlanStep]:
    """The saved plan of a medication, reopened read-only."""
    store = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        return store.plans.steps(store.medications.named(name).id)
    finally:
        store.close()


def plan_diary(path: Path, clock: list[datetime]) -> Path:
    """Baclofen (label defaults) on 20 mg three times a day since 2026-11-06 (step #1, open), one
    dose this morning; Tizanidine (label defaults) without a plan."""
    store = create_diary(path, clock=lambda: clock[0])
    baclofen = store.medications.add(medication_from_template("baclofen"))
    store.medications.add(medication_from_template("tizanidine"))
    assert baclofen.id is not None
    store.plans.add(PlanStep(baclofen.id, day(-20), 20_000, TIMES))
    store.intakes.add(Intake(baclofen.id, clock[0] - timedelta(hours=13), 20_000))
    store.close()
    return path


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return plan_diary(tmp_path / "person.diary", clock)


# --- plan show ------------------------------------------------------------------------------------
def test_plan_show_lists_steps_in_date_order_and_marks_today_and_the_max(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    with writable(diary, clock) as store:
        store.plans.add(PlanStep(1, day(-40), 10_000, TIMES, end=day(-21)))
        store.plans.add(PlanStep(1, day(5), 25_000, QID, note="Dr Rivera"))
    result = run("--diary", str(diary), "plan", "show", "BACLOFEN")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Baclofen plan (max 80 mg/day; 3 steps, in date order):",
        "  #2   2026-10-17 to 2026-11-05  10 mg at 08:00, 14:00, 20:00 = 30 mg/day",
        "  #1   2026-11-06 onwards        20 mg at 08:00, 14:00, 20:00 = 60 mg/day  <- today",
        "  #3   2026-12-01 onwards        25 mg at 08:00, 12:00, 16:00, 20:00 = 100 mg/day  "
        "(Dr Rivera)  ! over the 80 mg/day max",
    ]


def test_plan_show_as_json(run: Run, diary: Path, clock: list[datetime]) -> None:
    with writable(diary, clock) as store:
        store.plans.add(PlanStep(2, day(-3), 2_000, note="as needed at night"))
        store.plans.add(PlanStep(2, day(1), 40_000, end=day(2)))
    data = json.loads(run("--diary", str(diary), "plan", "show", "tizanidine", "--json").out)
    assert list(data) == ["medication", "today", "steps", "plan_ends", "warnings"]
    assert data["medication"] == {"id": 2, "name": "Tizanidine", "unit": "mg",
                                  "max_daily": {"thousandths": 36_000, "display": "36 mg"}}
    assert data["today"] == "2026-11-26"
    first, second = data["steps"]
    assert first == {
        "id": 2, "from": "2026-11-23", "to": None,
        "amount": {"thousandths": 2_000, "display": "2 mg"}, "times": [], "as_needed": True,
        "daily_amount": None, "over_max": False, "in_force_today": True,
        "note": "as needed at night", "recorded": None,
    }
    assert (second["over_max"], second["in_force_today"]) == (True, False)  # one dose > 36 mg
    assert data["plan_ends"] is None and data["warnings"] == []


def test_plan_show_without_steps(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "plan", "show", "tizanidine")
    assert result.out == ("Tizanidine has no plan steps yet (max 36 mg/day); add them with "
                          "'plan add' or 'plan titrate'.\n")


def test_plan_show_of_an_unknown_medication(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "plan", "show", "aspirin")
    assert "no medication named 'aspirin' (known: Baclofen, Tizanidine)" in result.one_error_line()


# --- plan add -------------------------------------------------------------------------------------
def test_plan_add_a_dated_step(run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "plan", "add", "tizanidine", "--from", "2026-11-27",
                 "--to", "2026-12-10", "--amount", "4 mg", "--times", "20:00, 08:00",
                 "--note", "Dr Rivera")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == ("Added plan step #2 for Tizanidine: 2026-11-27 to 2026-12-10  4 mg at "
                        "08:00, 20:00 = 8 mg/day  (Dr Rivera)")
    # A taper-required medication whose plan simply stops: the label's warning, at once.
    assert lines[1].startswith("warning: Tizanidine: the plan ends on Thu 10 Dec 2026 without a "
                               "taper. The tizanidine (Zanaflex) label warns")
    assert steps_of(diary, clock, "tizanidine") == [
        PlanStep(2, day(1), 4_000, (time(8), time(20)), day(14), "Dr Rivera", id=2)]


def test_plan_add_an_as_needed_step(run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "plan", "add", "tizanidine", "--from", "2026-11-26",
                 "--amount", "2", "--as-needed")
    assert result.code == 0, result.err
    assert result.out == ("Added plan step #2 for Tizanidine: 2026-11-26 onwards        2 mg as "
                          "needed\n")
    [saved] = steps_of(diary, clock, "tizanidine")
    assert (saved.times, saved.end, saved.as_needed) == ((), None, True)


def test_plan_add_over_the_max_is_stored_with_a_warning(run: Run, diary: Path,
                                                        clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-12-01",
                 "--amount", "25", "--times", "08:00,12:00,16:00,20:00")
    assert result.code == 0, result.err
    assert "! over the 80 mg/day max" in result.out
    assert ("warning: a planned day goes over Baclofen's max of 80 mg/day, so those doses will "
            "be refused without --force") in result.out
    assert steps_of(diary, clock, "baclofen")[-1].daily_amount == 100_000


def test_plan_add_notes_a_later_step_that_takes_precedence(run: Run, diary: Path,
                                                           clock: list[datetime]) -> None:
    with writable(diary, clock) as store:
        store.plans.add(PlanStep(1, day(10), 15_000, TIMES))
    result = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-27",
                 "--to", "2026-12-31", "--amount", "10", "--times", "08:00,20:00", "--lower-dose")
    assert result.code == 0, result.err
    assert ("warning (lowered with --lower-dose): Baclofen: this change lowers the planned dose "
            "from Fri 27 Nov 2026: 60 mg/day → 20 mg/day.") in result.out
    assert ("note: step #2 (2026-12-06 onwards) starts later, so from 2026-12-06 it takes "
            "precedence over the new steps") in result.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["aspirin", "--from", "2026-12-01", "--amount", "5", "--as-needed"],
         "no medication named 'aspirin' (known: Baclofen, Tizanidine)"),
        (["baclofen", "--from", "2026-12-01", "--amount", "five", "--as-needed"],
         "--amount: 'five' is not an amount"),
        (["baclofen", "--from", "2026-12-01", "--amount", "5 ml", "--as-needed"],
         "--amount: '5 ml' is not in mg, the unit of this medication"),
        (["baclofen", "--from", "2026-12-01", "--amount", "0", "--as-needed"],
         "--amount: an amount must be more than zero"),
        (["baclofen", "--from", "2026-12-01", "--amount", "5000.5", "--as-needed"],
         "--amount: 5000.5 mg is more than the 5000 mg any single entry can hold"),
        (["baclofen", "--from", "2026-12-01", "--to", "2026-11-30", "--amount", "5",
          "--as-needed"], "--to: the step ends on 2026-11-30 before it starts on 2026-12-01"),
        (["baclofen", "--from", "2026-12-01", "--amount", "5", "--as-needed", "--note", "a\x00b"],
         "note: contains a control character"),
    ],
)
def test_plan_add_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "add", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


@pytest.mark.parametrize(
    "argv",
    [["baclofen", "--from", "2026-12-01", "--amount", "5"],
     ["baclofen", "--from", "2026-12-01", "--amount", "5", "--as-needed", "--times", "08:00"],
     ["baclofen", "--amount", "5", "--as-needed"],
     ["--from", "2026-12-01", "--amount", "5", "--as-needed"]],
)
def test_plan_add_usage_errors_exit_2(run: Run, diary: Path, argv: list[str]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "add", *argv)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "error:" in result.err
    assert digest(diary) == before


# --- plan delete ----------------------------------------------------------------------------------
def test_plan_delete_is_soft_and_audited(run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "plan", "delete", "baclofen", "--step", "1",
                 "--backdate", "--lower-dose")  # whole, the days it covered included
    assert result.code == 0, result.err
    warning, deleted = result.out.splitlines()
    assert warning.startswith("warning (lowered with --lower-dose): Baclofen: this change lowers "
                              "the planned dose from today: 60 mg/day → nothing (no dose "
                              "planned). The baclofen label warns:")
    assert deleted == ("Deleted plan step #1 of Baclofen: 2026-11-06 onwards        20 mg at "
                       "08:00, 14:00, 20:00 = 60 mg/day. The audit trail keeps it.")
    assert steps_of(diary, clock, "baclofen") == []
    store = open_diary(diary, read_only=True, clock=lambda: clock[0])
    try:
        assert store.plans.get(1).amount == 20_000  # the row is still there
        assert store.audit.of("plan_steps", 1)[-1].action == "delete"
    finally:
        store.close()


def test_deleting_the_taper_warns_that_the_plan_now_stops_abruptly(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    with writable(diary, clock) as store:
        store.plans.edit(replace(store.plans.get(1), end=day(10)))
        store.plans.add(PlanStep(1, day(11), 10_000, TIMES, end=day(20)))
    quiet = run("--diary", str(diary), "plan", "show", "baclofen")
    assert "warning" not in quiet.out
    result = run("--diary", str(diary), "plan", "delete", "baclofen", "--step", "#2",
                 "--lower-dose")
    assert result.code == 0, result.err
    assert ("warning: Baclofen: the plan ends on Sun 6 Dec 2026 without a taper. The baclofen "
            "label warns: \"Hallucinations and seizures") in result.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["baclofen", "--step", "99"],
         "Baclofen has no plan step #99 (its steps: #1; see 'plan show Baclofen')"),
        (["tizanidine", "--step", "1"], "Tizanidine has no plan step #1 (its steps: none"),
        (["aspirin", "--step", "1"], "no medication named 'aspirin'"),
    ],
)
def test_plan_delete_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "delete", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


def test_a_deleted_step_cannot_be_deleted_again(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "plan", "delete", "baclofen", "--step", "1",
               "--backdate", "--lower-dose").code == 0
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "delete", "baclofen", "--step", "1")
    assert "Baclofen has no plan step #1 (its steps: none" in result.one_error_line()
    assert digest(diary) == before
