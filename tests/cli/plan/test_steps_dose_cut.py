"""No silent dose cut (issue 15), as `steps` checks a change of plan: a change that lowers the
planned daily amount of a medication that needs a taper is refused without --lower-dose (with
the before and after per day and the label's warning), a titration goes up from the dose in
force, a taper keeps to the label's pace, and a dry run shows what the real run would need.

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris. The
diary is test_steps.py's (`dosed_plan_diary`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from diary.domain.entities import PlanStep
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.cli.plan.test_steps import TIMES
from tests.cli.plan.test_steps import TODAY
from tests.cli.plan.test_steps import change
from tests.cli.plan.test_steps import day
from tests.cli.plan.test_steps import dosed_plan_diary
from tests.cli.plan.test_steps import steps_of
from tests.helpers.cli import Run
from tests.helpers.cli import digest


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return dosed_plan_diary(tmp_path / "plan.diary", clock)


def test_a_titration_to_the_dose_in_force_changes_nothing(run: Run, diary: Path) -> None:
    """On 20 mg three times a day, `plan titrate --target 20` used to start again at 5 mg three
    times a day (60 mg/day cut to 15) and leave the old step open beside the new ones."""
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "titrate", "baclofen", "--start", "2026-11-26",
                 "--target", "20")
    assert result.code == 0, result.err
    assert result.out == ("Baclofen is already on 20 mg three times a day (60 mg/day), at or "
                          "above the target of 20 mg three times a day (60 mg/day): the "
                          "titration changes nothing. Nothing was written.\n")
    assert digest(diary) == before


def test_a_titration_goes_up_from_the_dose_in_force_and_ends_its_step(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "plan", "titrate", "baclofen", "--start", "2026-11-27",
                 "--target", "25")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == ("Added 1 titration step for Baclofen (continuing from the 20 mg per dose "
                        "of the plan in force: +5 mg every 3 days):")
    assert "  #1   ends on 2026-11-26 (was 2026-11-06 onwards)" in lines
    assert [(s.start, s.end, s.amount) for s in steps_of(diary, clock)] == [
        (day(-20), TODAY, 20_000), (day(1), None, 25_000)]  # no step left open beside it


CUT = ("Baclofen: this change lowers the planned dose from today: 60 mg/day → 5 mg/day. The "
       "baclofen label warns: \"Hallucinations and seizures have occurred on abrupt withdrawal")


def test_a_step_that_cuts_the_dose_is_refused_without_lower_dose(run: Run, diary: Path,
                                                                 clock: list[datetime]) -> None:
    before = digest(diary)
    refused = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-26",
                  "--amount", "5", "--times", "08:00")
    line = refused.one_error_line("medication-diary: refused: ")
    assert CUT in line
    assert line.endswith("Nothing was changed. If the prescriber lowered the dose, run the "
                         "command again with --lower-dose; to come off it gradually, use 'plan "
                         "taper Baclofen'.")
    assert digest(diary) == before
    confirmed = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-26",
                    "--amount", "5", "--times", "08:00", "--lower-dose")
    assert confirmed.code == 0, confirmed.err
    assert confirmed.out.startswith(f"warning (lowered with --lower-dose): {CUT}")
    assert steps_of(diary, clock)[-1].daily_amount == 5_000


def test_the_same_daily_amount_and_a_rise_are_not_refused(run: Run, diary: Path) -> None:
    same = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-27",
               "--amount", "15", "--times", "08:00,12:00,16:00,20:00")
    assert same.code == 0, same.err
    assert "lower" not in same.out
    higher = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-28",
                 "--amount", "20", "--times", "08:00,12:00,16:00,20:00")
    assert higher.code == 0, higher.err


def test_a_medication_that_needs_no_taper_is_never_refused(run: Run, diary: Path,
                                                          clock: list[datetime]) -> None:
    assert run("--diary", str(diary), "medication", "add", "Vitamin D", "--unit", "mcg").code == 0
    for amount in ("20", "10"):
        result = run("--diary", str(diary), "plan", "add", "vitamin d", "--from", "2026-11-27",
                     "--amount", amount, "--times", "08:00")
        assert result.code == 0, result.err
    store = open_diary(diary, read_only=True, clock=lambda: clock[0])
    try:
        assert [s.amount for s in store.plans.steps(2)] == [20_000, 10_000]
    finally:
        store.close()


def test_a_lower_step_of_the_same_start_is_refused(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-27",
               "--amount", "20", "--times", "08:00,14:00,20:00").code == 0
    before = digest(diary)
    refused = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-27",
                  "--amount", "5", "--times", "08:00,14:00,20:00")
    assert "60 mg/day → 15 mg/day" in refused.one_error_line("medication-diary: refused: ")
    assert digest(diary) == before


def test_a_titration_that_would_remove_a_return_to_a_higher_dose_is_refused(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    """60 mg/day, with a dip to 30 mg/day until 10 December: a titration from 1 December to
    15 mg per dose ends both, so from 11 December the plan has 45 mg/day instead of 60."""
    with change(diary, clock) as store:
        store.plans.add(PlanStep(1, day(-3), 10_000, TIMES, day(14)))
    before = digest(diary)
    refused = run("--diary", str(diary), "plan", "titrate", "baclofen", "--start", "2026-12-01",
                  "--target", "15")
    assert ("this change lowers the planned dose from Fri 11 Dec 2026: 60 mg/day → 45 mg/day"
            ) in refused.one_error_line("medication-diary: refused: ")
    assert digest(diary) == before
    confirmed = run("--diary", str(diary), "plan", "titrate", "baclofen", "--start",
                    "2026-12-01", "--target", "15", "--lower-dose")
    assert confirmed.code == 0, confirmed.err


def test_a_dry_run_shows_what_a_refused_change_would_need(run: Run, diary: Path,
                                                          clock: list[datetime]) -> None:
    with change(diary, clock) as store:
        store.plans.add(PlanStep(1, day(-3), 10_000, TIMES, day(14)))
    before = digest(diary)
    dry = run("--diary", str(diary), "plan", "titrate", "baclofen", "--start", "2026-12-01",
              "--target", "15", "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.startswith("warning (the real run needs --lower-dose): Baclofen: this change "
                              "lowers the planned dose from Fri 11 Dec 2026")
    assert dry.out.rstrip().endswith("Dry run: nothing was written.")
    assert digest(diary) == before


# --- a taper: the label's pace, and the template as the way down ----------------------------------
def test_the_taper_template_is_the_way_down_and_is_not_refused(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-27",
                 "--days", "14")
    assert result.code == 0, result.err
    assert "lower" not in result.out


def test_a_taper_faster_than_the_tizanidine_label_is_refused(run: Run, tmp_path: Path,
                                                            clock: list[datetime]) -> None:
    path = tmp_path / "tiz.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    assert run("--diary", str(path), "medication", "add", "Zanaflex").code == 0
    assert run("--diary", str(path), "plan", "add", "zanaflex", "--from", "2026-11-26",
               "--amount", "12", "--times", "08:00,14:00,20:00", "--backdate").code == 0
    before = digest(path)
    fast = run("--diary", str(path), "plan", "taper", "zanaflex", "--start", "2026-11-27",
               "--days", "7")
    line = fast.one_error_line("medication-diary: refused: ")
    assert ("Zanaflex: this change lowers the planned dose faster than the tizanidine label's "
            "pace (at most 4 mg a day less each day) from Fri 27 Nov 2026: 36 mg/day →") in line
    assert digest(path) == before
    paced = run("--diary", str(path), "plan", "taper", "zanaflex", "--start", "2026-11-27",
                "--days", "11", "--steps", "11")
    assert paced.code == 0, paced.err
    assert "lowers" not in paced.out


def test_a_too_fast_taper_suggests_more_days_not_the_taper_refused(
        run: Run, tmp_path: Path, clock: list[datetime]) -> None:
    path = tmp_path / "tiz.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    assert run("--diary", str(path), "medication", "add", "Tizanidine").code == 0
    assert run("--diary", str(path), "plan", "add", "tizanidine", "--from", "2026-11-26",
               "--amount", "8", "--times", "08:00,14:00,20:00", "--backdate").code == 0
    line = run("--diary", str(path), "plan", "taper", "tizanidine", "--start", "2026-11-27",
               "--days", "7").one_error_line("medication-diary: refused: ")
    assert line.endswith("run the command again with --lower-dose; to keep to the label's "
                         "pace, give more --days with as many --steps.")


# --- deleting the step in force -------------------------------------------------------------------
def test_deleting_the_step_in_force_is_refused_without_lower_dose(run: Run, diary: Path) -> None:
    before = digest(diary)
    refused = run("--diary", str(diary), "plan", "delete", "baclofen", "--step", "1")
    # In force, it would end today: from tomorrow nothing is planned.
    assert ("Baclofen: this change lowers the planned dose from Fri 27 Nov 2026: 60 mg/day → "
            "nothing (no dose planned).") in refused.one_error_line("medication-diary: refused: ")
    assert digest(diary) == before


def test_deleting_the_step_in_force_ends_it_today_and_keeps_the_past(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    """As the window does: the days it covered keep their plan (the doses of 24 and 25 November
    still answer it); --backdate deletes it whole."""
    result = run("--diary", str(diary), "plan", "delete", "baclofen", "--step", "1",
                 "--lower-dose")
    assert result.code == 0, result.err
    assert ("Ended plan step #1 of Baclofen today (2026-11-26), since it was already in force: "
            "2026-11-06 to 2026-11-26") in result.out
    assert [(s.start, s.end) for s in steps_of(diary, clock)] == [(day(-20), TODAY)]
    again = run("--diary", str(diary), "plan", "delete", "baclofen", "--step", "1")
    assert ("step #1 (2026-11-06 to 2026-11-26) is over: it is the record of what was planned "
            "on those days, so it is not deleted; give --backdate") in again.one_error_line()
