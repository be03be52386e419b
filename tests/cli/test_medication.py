"""`medication add / list / edit` from the command line, read-only refusals of every regimen
write, and the whole way from a new diary to a logged dose (archiving is in
test_medication_archive.py, `symptom ...` in test_symptom.py, `plan ...` in tests/cli/plan/).

Each command runs in-process through `main([...])` with the fixed clock (Thursday 26 November
2026, 21:00 in Paris). What a command stored is read back by reopening the diary; every refusal is
one line on stderr, exit status 1, and a diary file left byte for byte as it was.
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

from diary import paths
from diary.cli.medication import parse_duration
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.templates import medication_from_template
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest

TODAY = date(2026, 11, 26)
TIMES = (time(8), time(14), time(20))


@contextlib.contextmanager
def stored(path: Path, clock: list[datetime]) -> Iterator[DiaryStore]:
    """The diary as saved, reopened read-only."""
    store = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def empty(tmp_path: Path, clock: list[datetime]) -> Path:
    """A new diary: the four seeded symptoms, no medication."""
    path = tmp_path / "new.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    return path


def regimen_diary(path: Path, clock: list[datetime]) -> Path:
    """Baclofen (label defaults) on 20 mg three times a day since three weeks, one dose today;
    Tizanidine without a plan; a rating of spasticity."""
    store = create_diary(path, clock=lambda: clock[0])
    baclofen = store.medications.add(medication_from_template("baclofen"))
    store.medications.add(medication_from_template("tizanidine"))
    assert baclofen.id is not None
    store.plans.add(PlanStep(baclofen.id, TODAY - timedelta(days=20), 20_000, TIMES))
    store.intakes.add(Intake(baclofen.id, clock[0] - timedelta(hours=13), 20_000))
    spasticity = store.symptoms.named("spasticity").id
    assert spasticity is not None
    store.ratings.add(Rating(spasticity, clock[0] - timedelta(hours=1), 5))
    store.close()
    return path


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return regimen_diary(tmp_path / "person.diary", clock)


def medication(path: Path, clock: list[datetime], name: str) -> Medication:
    with stored(path, clock) as store:
        return next(m for m in store.medications.all(include_archived=True)
                    if m.name.casefold() == name.casefold())


# --- medication add -------------------------------------------------------------------------------
def test_add_baclofen_takes_the_label_defaults_and_says_which(run: Run, empty: Path,
                                                              clock: list[datetime]) -> None:
    result = run("--diary", str(empty), "medication", "add", "baclofen")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == ("Added Baclofen: mg, tablet, max 80 mg/day, no minimum interval, "
                        "taper required, look: blue round (automatic).")
    assert "  max 80 mg/day from the baclofen label; change with --max-daily" in lines
    assert "  unit mg from the baclofen label; change with --unit" in lines
    assert ("  taper required: the baclofen label warns against stopping abruptly; change with "
            "--no-taper-required") in lines
    saved = medication(empty, clock, "Baclofen")
    assert replace(saved, id=None) == medication_from_template("baclofen")


def test_a_brand_name_keeps_its_name_and_options_given_replace_the_label(
        run: Run, empty: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(empty), "medication", "add", "Lioresal", "--max-daily", "60 mg",
                 "--min-interval", "4h", "--note", "from Dr Rivera")
    assert result.code == 0, result.err
    assert "--max-daily" not in result.out and "--min-interval" not in result.out
    assert "  unit mg from the baclofen label; change with --unit" in result.out.splitlines()
    saved = medication(empty, clock, "Lioresal")
    assert (saved.name, saved.unit, saved.max_daily, saved.min_interval_minutes) == (
        "Lioresal", Unit.MG, 60_000, 240)
    assert saved.taper_required and saved.notes == "from Dr Rivera"


def test_a_template_in_another_unit_does_not_take_the_labels_max(run: Run, empty: Path,
                                                                 clock: list[datetime]) -> None:
    result = run("--diary", str(empty), "medication", "add", "Ozobax", "--unit", "ml",
                 "--no-taper-required")
    assert result.code == 0, result.err
    assert ("no max per day: the baclofen label's max is in mg, not ml; set one with --max-daily"
            in result.out)
    saved = medication(empty, clock, "Ozobax")
    assert (saved.unit, saved.max_daily, saved.form, saved.taper_required) == (
        Unit.ML, None, "", False)


def test_add_a_medication_of_ones_own(run: Run, empty: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(empty), "medication", "add", "Gabapentin", "--unit", "mg",
                 "--form", "capsule", "--max-daily", "3600", "--min-interval", "4h30",
                 "--taper-required", "--note", "for nerve pain")
    assert result.code == 0, result.err
    assert result.out == ("Added Gabapentin: mg, capsule, max 3600 mg/day, at least 4 h 30 min "
                          "between doses, taper required, look: blue round (automatic).\n")
    assert medication(empty, clock, "gabapentin") == Medication(
        "Gabapentin", Unit.MG, "capsule", 3_600_000, 270, True, "for nerve pain", id=1)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("6h", 360), ("90min", 90), ("4h30", 270), ("240", 240), ("1h 30min", 90), ("2 hours", 120),
     ("45m", 45), (" 8 H ", 480)],
)
def test_durations_as_typed(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Foo"], "--unit is needed: 'Foo' matches no medication template (baclofen, diazepam, "
                  "tizanidine); known units: mg, mcg, g, ml, tablet, capsule, drop, IU, puff"),
        (["Foo", "--unit", "bushel"], "unit: unknown unit 'bushel'; known units: mg, mcg"),
        (["baclofen", "--max-daily", "lots"], "--max-daily: 'lots' is not an amount"),
        (["baclofen", "--max-daily", "80 ml"], "--max-daily: '80 ml' is not in mg"),
        (["baclofen", "--max-daily", "0"], "--max-daily: an amount must be more than zero"),
        (["baclofen", "--min-interval", "soon"],
         "--min-interval: 'soon' is not a duration such as 6h, 90min, 4h30 or 240 (minutes)"),
        (["baclofen", "--min-interval", "0"],
         "--min-interval: must be between 1 minute and 7 days, or none"),
        (["baclofen", "--min-interval", "200h"], "--min-interval: must be between 1 minute"),
        (["  ", "--unit", "mg"], "name: must not be empty"),
        (["x" * 81, "--unit", "mg"], "name: is 81 characters long; the limit is 80"),
        (["Foo", "--unit", "mg", "--form", "f" * 41], "form: is 41 characters long"),
        (["baclofen", "--note", "bad\x07bell"], "--note: contains a control character"),
    ],
)
def test_medication_add_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "medication", "add", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


def test_a_duplicate_medication_is_refused(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "medication", "add", "BACLOFEN")
    assert "name: a medication named 'Baclofen' already exists" in result.one_error_line()
    assert digest(diary) == before


@pytest.mark.parametrize("argv", [["medication"], ["medication", "add"],
                                  ["medication", "add", "x", "--flavour", "red"]])
def test_medication_usage_errors_exit_2(run: Run, diary: Path, argv: list[str]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), *argv)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "error:" in result.err
    assert digest(diary) == before


# --- medication list ------------------------------------------------------------------------------
def test_medication_list_text_and_all(run: Run, diary: Path, clock: list[datetime]) -> None:
    assert run("--diary", str(diary), "medication", "archive", "tizanidine").code == 0
    result = run("--diary", str(diary), "medication", "list")
    assert result.out == ("Baclofen: mg, tablet, max 80 mg/day, no minimum interval, "
                          "taper required, look: blue round (automatic)\n")
    every = run("--diary", str(diary), "medication", "list", "--all").out.splitlines()
    assert every[1] == ("Tizanidine: mg, tablet, max 36 mg/day, at least 6 h between doses, "
                        "taper required, look: orange square (automatic) (archived 2026-11-26)")


def test_medication_list_json(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "medication", "archive", "tizanidine").code == 0
    data = json.loads(run("--diary", str(diary), "medication", "list", "--all", "--json").out)
    assert list(data) == ["medications"]
    first, second = data["medications"]
    assert list(first) == ["id", "name", "unit", "form", "max_daily", "min_interval_minutes",
                           "taper_required", "notes", "archived_at", "look"]
    assert first["max_daily"] == {"thousandths": 80_000, "display": "80 mg"}
    assert (first["name"], first["archived_at"]) == ("Baclofen", None)
    assert (second["name"], second["min_interval_minutes"]) == ("Tizanidine", 360)
    assert second["archived_at"] == "2026-11-26T20:00:00+00:00"
    active = json.loads(run("--diary", str(diary), "medication", "list", "--json").out)
    assert [m["name"] for m in active["medications"]] == ["Baclofen"]


def test_medication_list_of_a_new_diary(run: Run, empty: Path) -> None:
    result = run("--diary", str(empty), "medication", "list")
    assert result.out == "No medications yet; add one with 'medication add NAME'.\n"


# --- medication edit ------------------------------------------------------------------------------
def test_medication_edit_changes_what_is_given_and_keeps_an_audit(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--max-daily", "60",
                 "--min-interval", "3h", "--rename", "Baclofen 10 mg")
    assert result.code == 0, result.err
    assert result.out == ("Changed Baclofen: name Baclofen -> Baclofen 10 mg; max 80 mg/day -> "
                          "60 mg/day; minimum interval none -> 3 h.\n")
    saved = medication(diary, clock, "Baclofen 10 mg")
    assert (saved.max_daily, saved.min_interval_minutes, saved.taper_required) == (
        60_000, 180, True)
    with stored(diary, clock) as store:
        change = store.audit.of("medications", saved.id or 0)[-1]
    assert change.action == "update"
    assert change.before is not None and change.before["max_daily"] == 80_000


def test_medication_edit_clears_a_max_and_an_interval(run: Run, diary: Path,
                                                      clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "medication", "edit", "tizanidine", "--max-daily",
                 "none", "--min-interval", "none", "--no-taper-required", "--note", "")
    assert result.code == 0, result.err
    saved = medication(diary, clock, "Tizanidine")
    assert (saved.max_daily, saved.min_interval_minutes, saved.taper_required, saved.notes) == (
        None, None, False, "")
    assert "note cleared" in result.out


def test_medication_edit_with_the_current_values_changes_nothing(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--max-daily", "80")
    assert result.out == "Baclofen: nothing changed (the values given are the current ones).\n"
    assert digest(diary) == before


def test_the_unit_changes_while_nothing_is_recorded(run: Run, diary: Path,
                                                    clock: list[datetime]) -> None:
    assert run("--diary", str(diary), "medication", "edit", "tizanidine", "--unit", "tablet",
               "--max-daily", "3").code == 0
    saved = medication(diary, clock, "Tizanidine")
    assert (saved.unit, saved.max_daily) == (Unit.TABLET, 3_000)


def test_a_unit_change_needs_the_max_in_the_new_unit(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "medication", "edit", "tizanidine", "--unit", "tablet")
    assert ("the max per day (36 mg) is in mg: give --max-daily in tablet (or --max-daily none)"
            in result.one_error_line())
    assert digest(diary) == before


def test_storage_refuses_a_unit_change_once_doses_exist_in_one_line(run: Run,
                                                                    diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--unit", "ml",
                 "--max-daily", "10")
    assert result.one_error_line() == (
        "medication-diary: error: --unit: the unit cannot change once doses or plan steps "
        "exist; "
        "archive the medication and add it again with the new unit")
    assert digest(diary) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["baclofen"], "nothing to change: give at least one of --rename, --unit, --form"),
        (["aspirin", "--form", "x"], "no medication named 'aspirin' (known: Baclofen, Tizanidine)"),
        (["baclofen", "--rename", "tizanidine"], "name: a medication named 'tizanidine' already"),
        (["baclofen", "--rename", ""], "name: must not be empty"),
        (["baclofen", "--unit", "cup"], "unit: unknown unit 'cup'"),
        (["baclofen", "--max-daily", "1/2"], "--max-daily: fractions like 1/2 are only for"),
        (["baclofen", "--min-interval", "6 days"], "--min-interval: '6 days' is not a duration"),
    ],
)
def test_medication_edit_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "medication", "edit", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


# --- read-only ------------------------------------------------------------------------------------
WRITES = [
    ["medication", "add", "Gabapentin", "--unit", "mg"],
    ["medication", "edit", "baclofen", "--max-daily", "60"],
    ["medication", "archive", "baclofen"],
    ["medication", "unarchive", "baclofen"],
    ["plan", "add", "baclofen", "--from", "2026-12-01", "--amount", "5", "--as-needed"],
    ["plan", "titrate", "tizanidine", "--start", "2026-12-01", "--target", "10"],
    ["plan", "taper", "baclofen", "--start", "2026-12-01", "--days", "14"],
    ["plan", "delete", "baclofen", "--step", "1"],
    ["symptom", "add", "Pain"],
    ["symptom", "rename", "nausea", "Sickness"],
    ["symptom", "archive", "nausea"],
    ["symptom", "unarchive", "nausea"],
]


@pytest.mark.parametrize("argv", WRITES)
def test_read_only_refuses_every_regimen_write(run: Run, diary: Path, argv: list[str]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "--read-only", *argv)
    line = result.one_error_line()
    assert f"'{' '.join(argv[:2])}' changes the diary, which is open read-only" in line
    assert digest(diary) == before


@pytest.mark.parametrize(
    "argv",
    [["medication", "list", "--all"], ["plan", "show", "baclofen", "--json"],
     ["symptom", "list"],
     ["plan", "titrate", "tizanidine", "--start", "2026-12-01", "--target", "10", "--dry-run"],
     ["plan", "taper", "baclofen", "--start", "2026-12-01", "--days", "14", "--dry-run"]],
)
def test_read_only_still_reads_and_dry_runs(run: Run, diary: Path, argv: list[str]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "--read-only", *argv)
    assert result.code == 0, result.err
    assert result.out
    assert digest(diary) == before


# --- from a new diary to a logged dose ------------------------------------------------------------
def test_a_new_diary_from_medication_add_to_todays_dose(run: Run, clock: list[datetime]) -> None:
    assert run("medication", "add", "baclofen").code == 0  # creates the default diary
    # Entered at 21:00 for a plan the person has been on since this morning: --backdate, so
    # that today's doses due before now are expected of it.
    titrate = run("plan", "titrate", "baclofen", "--start", "2026-11-26", "--target", "20",
                  "--backdate")
    assert titrate.code == 0, titrate.err
    logged = run("log", "dose", "baclofen", "5", "--at", "08:00")
    assert logged.code == 0, logged.err
    assert "(the 08:00 dose)" in logged.out
    lines = run("today").out.splitlines()
    assert "Baclofen: 5 / 80 mg taken today" in lines
    assert "  08:00  5 mg  on time (taken 08:00)" in lines
    assert "  14:00  5 mg  missed" in lines
    with stored(paths.default_diary(), clock) as store:
        baclofen = store.medications.named("baclofen")
        steps = store.plans.steps(baclofen.id)
    assert [s.amount for s in steps] == [5_000, 10_000, 15_000, 20_000]
