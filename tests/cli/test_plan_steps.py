"""Changes to a plan and to its max from the command line: a titration or taper that would
rewrite past days needs --backdate and counts the logged doses it unmatches; a lower max warns
about the plan it no longer fits; the plan-end warning follows the domain's rule (as `today`
does); one name lookup serves every command; --dry-run is a plain flag.

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from diary import app
from diary.cli import medication as cli_regimen
from diary.cli import parser as cli
from diary.domain import durations
from diary.domain.entities import Intake, PlanStep
from diary.domain.templates import medication_from_template
from diary.storage.store import DiaryStore, create_diary, open_diary
from tests.helpers.cli import Run, digest

PARIS = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)
TIMES = (time(8), time(14), time(20))


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def at(when: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(when, time(hour, minute), tzinfo=PARIS)


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    """Baclofen (max 80 mg/day) on 20 mg at 08:00, 14:00, 20:00 since 2026-11-06 (step #1);
    each planned dose of 24 and 25 November logged as planned."""
    path = tmp_path / "plan.diary"
    store = create_diary(path, clock=lambda: clock[0])
    baclofen = store.medications.add(medication_from_template("baclofen"))
    assert baclofen.id is not None
    store.plans.add(PlanStep(baclofen.id, day(-20), 20_000, TIMES))
    for when in (day(-2), day(-1)):
        for hour in (8, 14, 20):
            store.intakes.add(Intake(baclofen.id, at(when, hour, 5), 20_000))
    store.close()
    return path


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


# --- a lower max ---------------------------------------------------------------------------------
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


# --- the plan-end warning: the domain's rule -----------------------------------------------------
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


# --- one lookup, one duration, a plain --dry-run ------------------------------------------------
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


# --- no silent dose cut (issue 15) ----------------------------------------------------------------
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


def test_deleting_the_step_in_force_is_refused_without_lower_dose(run: Run, diary: Path) -> None:
    before = digest(diary)
    refused = run("--diary", str(diary), "plan", "delete", "baclofen", "--step", "1")
    # In force, it would end today: from tomorrow nothing is planned.
    assert ("Baclofen: this change lowers the planned dose from Fri 27 Nov 2026: 60 mg/day → "
            "nothing (no dose planned).") in refused.one_error_line("medication-diary: refused: ")
    assert digest(diary) == before


def test_the_taper_template_is_the_way_down_and_is_not_refused(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-27",
                 "--days", "14")
    assert result.code == 0, result.err
    assert "lower" not in result.out


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


def test_plan_add_from_a_past_day_needs_backdate(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-20",
                 "--amount", "25", "--times", "08:00,14:00,20:00")
    assert "--from 2026-11-20 is before today (2026-11-26)" in result.one_error_line()
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


def test_turning_off_taper_required_on_baclofen_warns(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--no-taper-required")
    assert result.code == 0, result.err
    assert ("warning: Baclofen no longer counts as needing a taper, though the baclofen label "
            "says to reduce the dose slowly") in result.out


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


def test_a_lower_step_of_the_same_start_is_refused(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-27",
               "--amount", "20", "--times", "08:00,14:00,20:00").code == 0
    before = digest(diary)
    refused = run("--diary", str(diary), "plan", "add", "baclofen", "--from", "2026-11-27",
                  "--amount", "5", "--times", "08:00,14:00,20:00")
    assert "60 mg/day → 15 mg/day" in refused.one_error_line("medication-diary: refused: ")
    assert digest(diary) == before


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
