"""`plan titrate` and `plan taper` from the command line: the label's sequences, capped at the
max, a dry run, refusals, and a taper that ends the plan in one transaction.

Run in-process through `main([...])` with the fixed clock (Thursday 26 November 2026, 21:00 in
Paris). The diary is test_actions.py's (`plan_diary`).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path

import pytest

from diary.domain.entities import PlanStep
from diary.domain.plans.steps import ends_with_taper
from diary.domain.plans.steps import plan_end
from diary.domain.plans.steps import step_on
from diary.storage.records.plans import Plans
from diary.storage.store import create_diary
from tests.cli.plan.test_actions import QID
from tests.cli.plan.test_actions import TIMES
from tests.cli.plan.test_actions import day
from tests.cli.plan.test_actions import plan_diary
from tests.cli.plan.test_actions import steps_of
from tests.cli.plan.test_actions import writable
from tests.helpers.cli import Run
from tests.helpers.cli import digest


def spans(steps: Sequence[PlanStep]) -> list[tuple[date, date | None, int, tuple[time, ...]]]:
    return [(s.start, s.end, s.amount, s.times) for s in steps]


def assert_no_overlap(steps: Sequence[PlanStep]) -> None:
    for a, b in itertools.combinations(steps, 2):
        a_end, b_end = a.end or date.max, b.end or date.max
        assert a_end < b.start or b_end < a.start, (a, b)


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return plan_diary(tmp_path / "person.diary", clock)


@pytest.fixture
def empty(tmp_path: Path, clock: list[datetime]) -> Path:
    path = tmp_path / "new.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    return path


# --- plan titrate ---------------------------------------------------------------------------------
def test_titrate_is_the_labels_sequence(run: Run, empty: Path, clock: list[datetime]) -> None:
    assert run("--diary", str(empty), "medication", "add", "baclofen").code == 0
    result = run("--diary", str(empty), "plan", "titrate", "baclofen", "--start", "2026-11-26",
                 "--target", "20")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == ("Added 4 titration steps for Baclofen (the baclofen label's schedule: "
                        "5 mg per dose, then +5 mg every 3 days):")
    # Entered at 21:00 on its first day: that day's doses due before are not expected of it.
    assert lines[1] == ("  #1   2026-11-26 to 2026-11-28  5 mg at 08:00, 14:00, 20:00 = "
                        "15 mg/day  (Titration step 1 of 4)  [entered Thu 26 Nov 2026 21:00: no "
                        "dose due before that is expected of it]")
    assert lines[2].endswith("(Titration step 2 of 4)")  # a later start needs no such mark
    assert "capped" not in result.out and "note:" not in result.out
    assert spans(steps_of(empty, clock, "baclofen")) == [
        (day(0), day(2), 5_000, TIMES),
        (day(3), day(5), 10_000, TIMES),
        (day(6), day(8), 15_000, TIMES),
        (day(9), None, 20_000, TIMES),
    ]


def test_titrate_caps_the_target_at_the_max_and_says_so(run: Run, empty: Path,
                                                        clock: list[datetime]) -> None:
    assert run("--diary", str(empty), "medication", "add", "baclofen").code == 0
    result = run("--diary", str(empty), "plan", "titrate", "baclofen", "--start", "2026-11-26",
                 "--target", "30")
    assert result.code == 0, result.err
    assert ("capped: the target 30 mg 3 times a day is 90 mg/day, over Baclofen's max of "
            "80 mg/day; the steps stop at 25 mg per dose (75 mg/day).") in result.out.splitlines()
    steps = steps_of(empty, clock, "baclofen")
    assert [s.amount for s in steps] == [5_000, 10_000, 15_000, 20_000, 25_000]
    assert all(s.daily_amount <= 80_000 for s in steps)


def test_titrate_exactly_to_the_max_four_times_a_day_is_not_capped(
        run: Run, empty: Path, clock: list[datetime]) -> None:
    assert run("--diary", str(empty), "medication", "add", "baclofen").code == 0
    result = run("--diary", str(empty), "plan", "titrate", "baclofen", "--start", "2026-11-26",
                 "--target", "20", "--times", "08:00,12:00,16:00,20:00")
    assert result.code == 0, result.err
    assert "capped" not in result.out
    steps = steps_of(empty, clock, "baclofen")
    assert (steps[-1].amount, steps[-1].times, steps[-1].daily_amount) == (20_000, QID, 80_000)


def test_titrate_dry_run_prints_and_writes_nothing(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "titrate", "tizanidine", "--start", "2026-11-27",
                 "--target", "8", "--dry-run")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Would add 2 titration steps for Tizanidine")
    assert lines[2] == ("    2026-11-30 onwards        8 mg at 08:00, 14:00, 20:00 = 24 mg/day  "
                        "(Titration step 2 of 2)")
    assert ("note: this is the oral baclofen label's schedule; check it with the prescriber for "
            "Tizanidine.") in lines
    assert lines[-1] == "Dry run: nothing was written."
    assert digest(diary) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["baclofen", "--start", "2026-11-30", "--target", "0"],
         "--target: an amount must be more than zero"),
        (["baclofen", "--start", "2026-11-30", "--target", "a lot"],
         "--target: 'a lot' is not an amount"),
        (["Drops", "--start", "2026-11-30", "--target", "2"],
         "the titration template is the baclofen label's, in mg; Drops is measured in drop"),
        (["Tiny", "--start", "2026-11-30", "--target", "5"],
         "--target: no dose on the 5 mg grid from 5 mg fits 3 times a day within the max daily "
         "amount of 10 mg"),
    ],
)
def test_titrate_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    assert run("--diary", str(diary), "medication", "add", "Drops", "--unit", "drop").code == 0
    assert run("--diary", str(diary), "medication", "add", "Tiny", "--unit", "mg",
               "--max-daily", "10").code == 0
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "titrate", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


# --- plan taper -----------------------------------------------------------------------------------
def test_taper_ends_the_step_in_force_and_the_plan(run: Run, diary: Path,
                                                   clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-27",
                 "--days", "14")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == ("Tapering Baclofen over 14 days from 2026-11-27, down from 20 mg per "
                        "dose:")
    assert lines[1] == "  #1   ends on 2026-11-26 (was 2026-11-06 onwards)"
    assert lines[-1] == "The plan ends on 2026-12-10: no dose is planned after it."
    steps = steps_of(diary, clock, "baclofen")
    assert spans(steps)[0] == (day(-20), day(0), 20_000, TIMES)
    taper = steps[1:]
    assert taper[0].start == day(1) and taper[-1].end == day(14)
    amounts = [s.amount for s in taper]
    assert amounts == sorted(amounts, reverse=True) and len(set(amounts)) == len(amounts)
    assert amounts[0] < 20_000 and all(s.times == TIMES for s in taper)
    assert_no_overlap(steps)
    assert plan_end(steps, 1) == day(14)
    assert ends_with_taper(steps, 1, day(14))
    assert step_on(steps, 1, day(15)) is None
    # Once it is saved, the plan no longer warns of an end without a taper.
    assert "warning" not in run("--diary", str(diary), "plan", "show", "baclofen").out


def test_taper_also_ends_an_older_step_that_would_come_back(run: Run, diary: Path,
                                                            clock: list[datetime]) -> None:
    with writable(diary, clock) as store:  # the clinician raised the dose: a new open step
        store.plans.add(PlanStep(1, day(-10), 25_000, TIMES))
    result = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-27",
                 "--days", "10", "--steps", "3")
    assert result.code == 0, result.err
    assert "down from 25 mg per dose" in result.out
    steps = steps_of(diary, clock, "baclofen")
    assert [(s.id, s.end) for s in steps[:2]] == [(1, day(0)), (2, day(0))]
    amounts = [s.amount for s in steps[2:]]
    assert len(amounts) == 3 and 25_000 > amounts[0] > amounts[1] > amounts[2] > 0
    assert_no_overlap(steps[1:])  # #1 and #2 overlapped before (#2 in force); the taper does not
    assert plan_end(steps, 1) == day(10)
    assert all(step_on(steps, 1, day(n)) is None for n in range(11, 40))


def test_taper_dry_run_writes_nothing(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-27",
                 "--days", "14", "--dry-run")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:2] == [
        "Would taper Baclofen over 14 days from 2026-11-27, down from 20 mg per dose:",
        "  #1   would end on 2026-11-26 (was 2026-11-06 onwards)",
    ]
    assert result.out.endswith("Dry run: nothing was written.\n")
    assert digest(diary) == before


def test_taper_is_one_transaction(run: Run, diary: Path, clock: list[datetime],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(self: Plans, steps: Sequence[PlanStep]) -> list[PlanStep]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Plans, "add_all", failing)
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-27",
                 "--days", "14")
    assert result.one_error_line() == "medication-diary: error: disk I/O error"
    assert digest(diary) == before
    monkeypatch.undo()
    assert spans(steps_of(diary, clock, "baclofen")) == [(day(-20), None, 20_000, TIMES)]


def test_taper_refuses_steps_planned_after_its_start(run: Run, diary: Path,
                                                     clock: list[datetime]) -> None:
    with writable(diary, clock) as store:
        store.plans.add(PlanStep(1, day(5), 15_000, TIMES))
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-27",
                 "--days", "14")
    assert ("Baclofen has plan steps from 2026-11-27 on (#2 from 2026-12-01); a taper ends "
            "the plan, so delete them first, or start after them ('plan delete Baclofen --step "
            "ID')") in result.one_error_line()
    assert digest(diary) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["baclofen", "--start", "2026-11-06", "--days", "14", "--backdate"],
         "Baclofen has no plan step on 2026-11-05, the day before --start"),
        (["tizanidine", "--start", "2026-11-27", "--days", "14"],
         "Tizanidine has no plan step on 2026-11-26"),
        (["aspirin", "--start", "2026-11-27", "--days", "14"], "no medication named 'aspirin'"),
        (["baclofen", "--start", "2026-11-27", "--days", "1"], "--days: a taper lasts at least"),
        (["baclofen", "--start", "2026-11-27", "--days", "14", "--steps", "0"],
         "--steps: a taper over 14 days has between 1 and 14 steps"),
    ],
)
def test_taper_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "taper", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


def test_taper_of_an_as_needed_step_is_refused(run: Run, diary: Path,
                                               clock: list[datetime]) -> None:
    with writable(diary, clock) as store:
        store.plans.add(PlanStep(2, day(-3), 2_000))
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "taper", "tizanidine", "--start", "2026-11-27",
                 "--days", "14")
    assert "plan: an as-needed step has no scheduled dose to taper from" in \
        result.one_error_line()
    assert digest(diary) == before
