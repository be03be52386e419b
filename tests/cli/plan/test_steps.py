"""Changes to a plan and to its max from the command line, as `steps` reads and checks them: a
titration or taper that would rewrite past days needs --backdate and counts the logged doses it
unmatches; a lower max warns about the plan it no longer fits; the plan-end warning follows the
domain's rule (as `today` does); one name lookup serves every command; --dry-run is a plain
flag; a plan entered late in the day (the dose cuts are in test_steps_dose_cut.py).

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary import app
from diary.cli import medication as cli_regimen
from diary.cli import parser as cli
from diary.domain import durations
from diary.domain.entities import Intake
from diary.domain.entities import PlanStep
from diary.domain.templates import medication_from_template
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest

PARIS = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)
TIMES = (time(8), time(14), time(20))


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def at(when: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(when, time(hour, minute), tzinfo=PARIS)


def dosed_plan_diary(path: Path, clock: list[datetime]) -> Path:
    """Baclofen (max 80 mg/day) on 20 mg at 08:00, 14:00, 20:00 since 2026-11-06 (step #1);
    each planned dose of 24 and 25 November logged as planned."""
    store = create_diary(path, clock=lambda: clock[0])
    baclofen = store.medications.add(medication_from_template("baclofen"))
    assert baclofen.id is not None
    store.plans.add(PlanStep(baclofen.id, day(-20), 20_000, TIMES))
    for when in (day(-2), day(-1)):
        for hour in (8, 14, 20):
            store.intakes.add(Intake(baclofen.id, at(when, hour, 5), 20_000))
    store.close()
    return path


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return dosed_plan_diary(tmp_path / "plan.diary", clock)


def steps_of(path: Path, clock: list[datetime]) -> list[PlanStep]:
    store = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        return store.plans.steps(1)
    finally:
        store.close()


@contextlib.contextmanager
def change(path: Path, clock: list[datetime]) -> Iterator[DiaryStore]:
    store = open_diary(path, clock=lambda: clock[0])
    try:
        yield store
    finally:
        store.close()


# --- a start in the past --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [["titrate", "baclofen", "--start", "2026-11-24", "--target", "20"],
     ["titrate", "baclofen", "--start", "2026-11-24", "--target", "20", "--dry-run"],
     ["taper", "baclofen", "--start", "2026-11-19", "--days", "7"]],
)
def test_a_start_before_today_is_refused_without_backdate(run: Run, diary: Path,
                                                          argv: list[str]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", *argv)
    line = result.one_error_line()
    start = argv[argv.index("--start") + 1]
    assert f"--start {start} is before today (2026-11-26)" in line
    assert "give --backdate to rewrite it anyway" in line
    assert digest(diary) == before


def test_a_start_today_needs_no_backdate(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "plan", "titrate", "baclofen", "--start", "2026-11-26",
                 "--target", "25")
    assert result.code == 0, result.err
    assert result.out.startswith("Added 1 titration step")
    assert "backdated" not in result.out


def test_a_backdated_titration_counts_the_doses_it_unmatches(run: Run, diary: Path,
                                                             clock: list[datetime]) -> None:
    """The six 20 mg doses of 24 and 25 November answered the plan; the titration (continuing
    from 20 mg) plans 25 mg then, so each of them now differs from the planned amount."""
    dry = run("--diary", str(diary), "plan", "titrate", "baclofen", "--start", "2026-11-24",
              "--target", "25", "--backdate", "--dry-run")
    assert dry.code == 0, dry.err
    assert ("note: backdated from 2026-11-24: 6 doses logged from 2026-11-24 to 2026-11-26 "
            "would no longer match the plan as they did (they become extra doses, or differ "
            "from the planned amount).") in dry.out.splitlines()
    assert len(steps_of(diary, clock)) == 1
    result = run("--diary", str(diary), "plan", "titrate", "baclofen", "--start", "2026-11-24",
                 "--target", "25", "--backdate")
    assert result.code == 0, result.err
    assert ("note: backdated from 2026-11-24: 6 doses logged from 2026-11-24 to 2026-11-26 "
            "no longer match the plan as they did (they become extra doses, or differ from "
            "the planned amount).") in result.out.splitlines()
    assert [(s.amount, s.end) for s in steps_of(diary, clock)] == [(20_000, day(-3)),
                                                                   (25_000, None)]


def test_a_backdated_taper_counts_the_doses_it_unmatches(run: Run, diary: Path,
                                                         clock: list[datetime]) -> None:
    """A taper from 19 to 25 November: the six doses of 24 and 25 differ from its amounts, and
    this morning's dose comes after the plan's end."""
    with change(diary, clock) as store:
        store.intakes.add(Intake(1, at(TODAY, 8, 5), 20_000))
    # A taper that ended yesterday stops today's 60 mg/day at once: not the way down but an
    # abrupt stop, so it needs --lower-dose like any other cut.
    before = digest(diary)
    refused = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-19",
                  "--days", "7", "--backdate")
    assert ("this change lowers the planned dose from today: 60 mg/day → nothing (no dose "
            "planned)") in refused.one_error_line("medication-diary: refused: ")
    assert digest(diary) == before
    result = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-19",
                 "--days", "7", "--backdate", "--lower-dose")
    assert result.code == 0, result.err
    assert ("note: backdated from 2026-11-19: 7 doses logged from 2026-11-19 to 2026-11-26 "
            "no longer match the plan as they did (they become extra doses, or differ from "
            "the planned amount).") in result.out.splitlines()
    assert steps_of(diary, clock)[0].end == day(-8)


def test_a_backdate_that_unmatches_nothing_says_so(run: Run, tmp_path: Path,
                                                   clock: list[datetime]) -> None:
    path = tmp_path / "quiet.diary"
    store = create_diary(path, clock=lambda: clock[0])
    store.medications.add(medication_from_template("baclofen"))
    store.close()
    result = run("--diary", str(path), "plan", "titrate", "baclofen", "--start", "2026-11-20",
                 "--target", "10", "--backdate")
    assert result.code == 0, result.err
    assert ("note: backdated from 2026-11-20: the doses logged from 2026-11-20 to 2026-11-26 "
            "match the plan as well as they did.") in result.out.splitlines()


# --- a lower max, a medication no longer needing a taper ------------------------------------------
OVER_50 = ("warning: a planned day goes over Baclofen's max of 50 mg/day, so those doses will be "
           "refused without --force; if the prescriber set a higher max, change it with "
           "'medication edit Baclofen --max-daily AMOUNT'")


def test_a_max_below_the_running_plan_warns_as_plan_add_does(run: Run, diary: Path,
                                                             clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--max-daily", "50")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["Changed Baclofen: max 80 mg/day -> 50 mg/day.", OVER_50]
    # The same words `plan add` prints for a step over the max.
    added = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-12-01",
                "--amount", "20", "--times", "08:00,14:00,20:00")
    assert OVER_50 in added.out.splitlines()


def test_a_max_that_only_past_steps_exceed_gives_no_warning(run: Run, diary: Path,
                                                            clock: list[datetime]) -> None:
    with change(diary, clock) as store:
        store.plans.edit(PlanStep(1, day(-20), 20_000, TIMES, end=day(-3), id=1))
        store.plans.add(PlanStep(1, day(-2), 10_000, TIMES))
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--max-daily", "50")
    assert result.code == 0, result.err
    assert "warning" not in result.out
    raised = run("--diary", str(diary), "medication", "edit", "baclofen", "--max-daily", "90")
    assert "warning" not in raised.out


def test_turning_off_taper_required_on_baclofen_warns(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--no-taper-required")
    assert result.code == 0, result.err
    assert ("warning: Baclofen no longer counts as needing a taper, though the baclofen label "
            "says to reduce the dose slowly") in result.out


# --- the plan-end warning: the domain's rule ------------------------------------------------------
def test_a_plan_that_ended_long_ago_is_history_in_plan_show_as_in_today(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    with change(diary, clock) as store:
        store.plans.edit(PlanStep(1, day(-20), 20_000, TIMES, end=day(-15), id=1))
    shown = run("--diary", str(diary), "plan", "show", "baclofen")
    assert "The plan ends on 2026-11-11." in shown.out
    assert "warning" not in shown.out
    assert json.loads(run("--diary", str(diary), "plan", "show", "baclofen", "--json").out
                      )["warnings"] == []
    assert "without a taper" not in run("--diary", str(diary), "today").out


def test_a_plan_that_ended_recently_warns_in_plan_show_as_in_today(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    with change(diary, clock) as store:
        store.plans.edit(PlanStep(1, day(-20), 20_000, TIMES, end=day(-5), id=1))
    warning = "the plan ends on Sat 21 Nov 2026 without a taper"
    assert warning in run("--diary", str(diary), "plan", "show", "baclofen").out
    assert warning in run("--diary", str(diary), "today").out


# --- one lookup, one duration, a plain --dry-run --------------------------------------------------
def test_every_command_finds_a_medication_the_same_way(run: Run, diary: Path) -> None:
    """By name in any case or by #ID; an archived one is shown by `plan show`, refused (saying
    so) by a command that changes it."""
    assert run("--diary", str(diary), "plan", "show", "#1").code == 0
    assert run("--diary", str(diary), "log", "dose", "#1", "20", "--at", "20:05").code == 0
    assert run("--diary", str(diary), "medication", "archive", "#1", "--lower-dose").code == 0
    shown = run("--diary", str(diary), "plan", "show", "#1")
    assert shown.code == 0, shown.err
    assert shown.out.startswith("Baclofen plan")
    for argv in (["plan", "add", "#1", "--from", "2026-12-01", "--amount", "5", "--as-needed"],
                 ["log", "dose", "#1", "5"], ["medication", "edit", "#1", "--form", "x"]):
        result = run("--diary", str(diary), *argv)
        assert "the medication '#1' is archived; bring it back with 'medication unarchive #1'" \
            in result.one_error_line()
    assert run("--diary", str(diary), "medication", "unarchive", "#1").code == 0


def test_durations_read_as_the_domain_writes_them() -> None:
    assert vars(cli_regimen)["duration_text"] is durations.duration_text
    assert "def duration_text" not in Path(cli_regimen.__file__).read_text()


def test_dry_run_is_a_plain_flag_and_runs_on_a_read_only_diary(run: Run, diary: Path) -> None:
    assert not [a for module in (cli, *cli.MODULES) for a in vars(module).values()
                if isinstance(a, type) and issubclass(a, argparse.Action)]
    args = app.build_parser().parse_args(
        ["plan", "taper", "baclofen", "--start", "2026-11-27", "--days", "14", "--dry-run"])
    assert args.dry_run is True and args.command.writes is True
    before = digest(diary)
    result = run("--diary", str(diary), "--read-only", "plan", "taper", "baclofen", "--start",
                 "2026-11-27", "--days", "14", "--dry-run")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "Dry run: nothing was written."
    refused = run("--diary", str(diary), "--read-only", "plan", "taper", "baclofen", "--start",
                  "2026-11-27", "--days", "14")
    assert "open read-only" in refused.one_error_line()
    assert digest(diary) == before


# --- a plan entered late in the day ---------------------------------------------------------------
@pytest.mark.parametrize("backdate", [False, True])
def test_a_plan_entered_at_21_calls_no_earlier_dose_of_the_day_missed(
        run: Run, tmp_path: Path, clock: list[datetime], backdate: bool) -> None:
    path = tmp_path / "late.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    assert run("--diary", str(path), "medication", "add", "baclofen").code == 0
    added = run("--diary", str(path), "plan", "add", "baclofen", "--from", "2026-11-26",
                "--amount", "5", "--times", "08:00,14:00,20:00",
                *(["--backdate"] if backdate else []))
    assert added.code == 0, added.err
    today = run("--diary", str(path), "today").out.splitlines()
    missed = [line for line in today if line.endswith("missed")]
    if backdate:
        assert missed == ["  08:00  5 mg  missed", "  14:00  5 mg  missed"]
        assert any(line.startswith("  20:00  5 mg") for line in today)  # still in its window
    else:
        assert missed == []
        assert not any(line.startswith(("  08:00", "  14:00")) for line in today)
    store = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        [step] = store.plans.steps()
        assert step.recorded_at == (None if backdate else clock[0])
    finally:
        store.close()


def test_a_plan_entered_at_0830_expects_the_0800_dose_whose_window_is_open(
        run: Run, tmp_path: Path, clock: list[datetime]) -> None:
    """Entered at 08:30 (the usual 60-minute window), the 08:00 dose is expected: due at 08:45,
    missed at 09:05 if it was never taken. The step is stored as entered at 08:30."""
    clock[0] = at(day(0), 8, 30)
    path = tmp_path / "morning.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    assert run("--diary", str(path), "medication", "add", "baclofen").code == 0
    added = run("--diary", str(path), "plan", "add", "baclofen", "--from", "2026-11-26",
                "--amount", "5", "--times", "08:00,14:00,20:00")
    assert added.code == 0, added.err
    shown = run("--diary", str(path), "plan", "show", "baclofen").out
    assert "[entered Thu 26 Nov 2026 08:30" in shown, shown
    clock[0] = at(day(0), 8, 45)
    morning = [line for line in run("--diary", str(path), "today").out.splitlines()
               if line.startswith("  08:00")]
    assert len(morning) == 1 and not morning[0].endswith("missed"), morning
    clock[0] = at(day(0), 9, 5)
    today = run("--diary", str(path), "today").out.splitlines()
    assert "  08:00  5 mg  missed" in today
    store = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        [step] = store.plans.steps()
        assert step.recorded_at == at(day(0), 8, 30)
    finally:
        store.close()


def test_plan_add_from_a_past_day_needs_backdate(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-20",
                 "--amount", "25", "--times", "08:00,14:00,20:00")
    assert "--from 2026-11-20 is before today (2026-11-26)" in result.one_error_line()
    assert digest(diary) == before


def test_today_plans_nothing_before_a_step_entered_late(run: Run, tmp_path: Path,
                                                        clock: list[datetime]) -> None:
    path = tmp_path / "late.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    assert run("--diary", str(path), "medication", "add", "baclofen").code == 0
    assert run("--diary", str(path), "plan", "add", "baclofen", "--from", "2026-11-26",
               "--amount", "20", "--times", "08:00,14:00").code == 0
    data = json.loads(run("--diary", str(path), "today", "--json").out)
    [baclofen] = data["medications"]
    assert baclofen["planned"]["thousandths"] == 0 and baclofen["slots"] == []
