"""Values as typed, and failures as shown: one reading of whole numbers (ASCII digits only),
a value not written as its kind is a usage error on every command alike, domain messages name
the option, `demo` refuses the global options it cannot use, a brand name does not duplicate a
medication, and neither an extreme date nor the system's errors reach the user raw. Every
entry in JSON begins alike (every command named as it is typed: test_parser.py).

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris.
"""

from __future__ import annotations

import errno
import os
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary import app
from diary.cli import today as cli_today
from diary.cli.common import event_json
from diary.cli.common import intake_json
from diary.cli.common import max_daily_json
from diary.cli.common import parse_whole
from diary.cli.common import rating_json
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.templates import medication_from_template
from diary.domain.units import Unit
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.cli import Result
from tests.helpers.cli import Run
from tests.helpers.cli import digest

TIMES = (time(8), time(14), time(20))


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    """Baclofen (max 80 mg/day) on 20 mg three times a day since 2026-11-06 (step #1)."""
    path = tmp_path / "values.diary"
    store = create_diary(path, clock=lambda: clock[0])
    baclofen = store.medications.add(medication_from_template("baclofen"))
    assert baclofen.id is not None
    store.plans.add(PlanStep(baclofen.id, clock[0].date() - timedelta(days=20), 20_000,
                                 TIMES))
    store.close()
    return path


def one_usage_line(result: Result) -> str:
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
    assert result.out == ""
    return result.err.strip()


# --- whole numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value"), [("7", 7), (" 12 ", 12), ("007", 7), ("-1", -1)])
def test_whole_numbers_in_ascii_digits(text: str, value: int) -> None:
    assert parse_whole(text) == value


@pytest.mark.parametrize("text", ["1_0", "٧", "１０", "²", "+5", "1e3", "7.0", "", "- 1",
                                  "9" * 19])
def test_anything_else_is_not_a_whole_number(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_whole(text)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["log", "rating", "spasticity", "1_0"], "argument SCORE: '1_0' is not a whole number"),
        (["log", "rating", "spasticity", "٧"], "argument SCORE: '٧' is not a whole number"),
        (["log", "rating", "spasticity", "4.5"], "argument SCORE: '4.5' is not a whole number"),
        (["plan", "taper", "baclofen", "--start", "2026-11-27", "--days", "1_4"],
         "argument --days: '1_4' is not a whole number"),
        (["plan", "taper", "baclofen", "--start", "2026-11-27", "--days", "abc"],
         "argument --days: 'abc' is not a whole number"),
        (["plan", "taper", "baclofen", "--start", "2026-11-27", "--days", "14", "--steps", "٣"],
         "argument --steps: '٣' is not a whole number"),
        (["plan", "delete", "baclofen", "--step", "١"], "argument --step: '١' is not a whole"),
        (["plan", "delete", "baclofen", "--step", "first"],
         "argument --step: 'first' is not a whole number"),
        (["symptom", "add", "Pain", "--scale", "١٠"], "argument --scale: '١٠' is not a scale"),
        (["symptom", "add", "Pain", "--scale", "lots"],
         "argument --scale: 'lots' is not a scale; use 10 (0–10) or 4 (0–4)"),
        (["plan", "taper", "baclofen", "--start", "27/11/2026", "--days", "14"],
         "argument --start: '27/11/2026' is not a date; use YYYY-MM-DD"),
        (["plan", "titrate", "baclofen", "--start", "2026-02-30", "--target", "20"],
         "argument --start: '2026-02-30' is not a date"),
        (["plan", "add", "baclofen", "--from", "2026-13-01", "--amount", "5", "--as-needed"],
         "argument --from: '2026-13-01' is not a date"),
        (["plan", "add", "baclofen", "--from", "2026-12-01", "--to", "soon", "--amount", "5",
          "--as-needed"], "argument --to: 'soon' is not a date"),
        (["plan", "add", "baclofen", "--from", "2026-12-01", "--amount", "5", "--times", "8"],
         "argument --times: '8' is not a time of day such as 08:00"),
        (["plan", "add", "baclofen", "--from", "2026-12-01", "--amount", "5", "--times",
          "08:00,,20:00"], "argument --times: '' is not a time of day"),
        (["plan", "add", "baclofen", "--from", "2026-12-01", "--amount", "5", "--times",
          "08:00,8:00"], "argument --times: the same dose time is listed twice"),
        (["plan", "titrate", "baclofen", "--start", "2026-11-30", "--target", "20", "--times",
          "noon"], "argument --times: 'noon' is not a time of day"),
        (["history", "--from", "2026-13-01"], "argument --from: '2026-13-01' is not a date"),
        (["history", "--to", "tomorrow"], "argument --to: 'tomorrow' is not a date"),
    ],
)
def test_a_value_not_written_as_its_kind_is_a_usage_error_everywhere(
        run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    line = one_usage_line(run("--diary", str(diary), *argv))
    assert message in line
    assert line.endswith("--help')")
    assert digest(diary) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--days", "1_4"], "argument --days: '1_4' is not a whole number"),
     (["--days", "abc"], "argument --days: 'abc' is not a whole number"),
     (["--seed", "٧"], "argument --seed: '٧' is not a whole number")],
)
def test_demo_reads_numbers_as_every_command_does(run: Run, tmp_path: Path, argv: list[str],
                                                  message: str) -> None:
    out = tmp_path / "demo.diary"
    assert message in one_usage_line(run("demo", "--out", str(out), *argv))
    assert not out.exists()


# --- domain messages name the option ------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "taper", "baclofen", "--start", "2026-11-27", "--days", "3"],
         "error: --days: a taper lasts at least 7 days"),
        (["plan", "taper", "baclofen", "--start", "2026-11-27", "--days", "14", "--steps", "0"],
         "error: --steps: a taper over 14 days has between 1 and 14 steps"),
        (["plan", "titrate", "baclofen", "--start", "2026-11-30", "--target", "100",
          "--times", ",".join(f"{h:02d}:00" for h in range(0, 24))],
         "error: --target: no dose on the 5 mg grid"),
        (["log", "dose", "baclofen", "5", "--at", "soon"], "error: --at: 'soon' is not a time"),
        (["log", "event", "fall", "on the stairs", "--at", "2026-11-27T08:00"],
         "error: --at: 2026-11-27 08:00 is still ahead (it is 2026-11-26 21:00 now "
         "on that clock)"),
        (["log", "rating", "nausea", "2", "--note", "bad\x07bell"],
         "error: --note: contains a control character"),
        (["medication", "add", "Foo", "--unit", "bushel"], "error: --unit: unknown unit 'bushel'"),
        (["medication", "edit", "baclofen", "--note", "bad\x07bell"],
         "error: --note: contains a control character"),
        (["medication", "edit", "baclofen", "--rename", ""], "error: --rename: must not be empty"),
        (["medication", "edit", "baclofen", "--min-interval", "0"],
         "error: --min-interval: must be between 1 minute and 7 days, or none"),
        (["symptom", "add", "Pain", "--scale", "7"], "error: --scale: a scale is 0–10 or 0–4"),
    ],
)
def test_a_refused_option_value_names_the_option(run: Run, diary: Path, argv: list[str],
                                                 message: str) -> None:
    before = digest(diary)
    assert message in run("--diary", str(diary), *argv).one_error_line()
    assert digest(diary) == before


# --- demo and the global options -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "named"),
    [(["--read-only"], "--read-only"), (["--diary", "{tmp}/x.diary"], "--diary"),
     (["--demo"], "--demo"), (["--diary", "{tmp}/x.diary", "--read-only"],
                              "--diary and --read-only")],
)
def test_demo_refuses_the_global_options_it_cannot_use(run: Run, tmp_path: Path,
                                                       options: list[str], named: str) -> None:
    out = tmp_path / "demo.diary"
    result = run(*(o.format(tmp=tmp_path) for o in options), "demo", "--out", str(out))
    assert result.one_error_line() == (
        f"medication-diary: error: 'demo' writes a new file of its own and opens no diary, so "
        f"{named} cannot apply; run it without")
    assert list(tmp_path.iterdir()) == []


def test_demo_into_an_existing_folder_says_it_is_a_folder(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "demos"
    folder.mkdir()
    result = run("demo", "--out", str(folder))
    assert result.one_error_line() == (
        f"medication-diary: error: {folder} is a folder; give the name of a new file, such as "
        f"{folder / 'demo.diary'}")
    assert list(folder.iterdir()) == []


# --- a brand name next to its generic -------------------------------------------------------------
@pytest.mark.parametrize("name", ["Lioresal", "lioresal", "Baclofen 10 mg", "Ozobax"])
def test_a_second_name_for_a_medication_in_the_diary_is_refused(run: Run, diary: Path,
                                                                name: str) -> None:
    before = digest(diary)
    line = run("--diary", str(diary), "medication", "add", name).one_error_line()
    assert line == (
        f"medication-diary: error: {name} is baclofen, already in this diary as Baclofen; log "
        f"doses against Baclofen, or add --separate to keep {name} as a product of its own, "
        "whose doses count against its own max per day, not Baclofen's")
    assert digest(diary) == before


def test_separate_adds_it_deliberately(run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "medication", "add", "Lioresal", "--separate")
    assert result.code == 0, result.err
    assert result.out.startswith("Added Lioresal: mg, tablet, max 80 mg/day")
    store = open_diary(diary, read_only=True, clock=lambda: clock[0])
    try:
        assert [m.name for m in store.medications.all()] == ["Baclofen", "Lioresal"]
    finally:
        store.close()


def test_other_medications_and_archived_ones_do_not_block(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "medication", "add", "Zanaflex").code == 0
    assert run("--diary", str(diary), "medication", "archive", "baclofen",
               "--lower-dose").code == 0
    assert run("--diary", str(diary), "medication", "add", "Lioresal").code == 0
    same = run("--diary", str(diary), "medication", "add", "Tizanidine")
    assert "Tizanidine is tizanidine, already in this diary as Zanaflex" in same.one_error_line()


def test_the_same_name_is_still_refused_by_the_store(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "medication", "add", "BACLOFEN", "--separate")
    assert "name: a medication named 'Baclofen' already exists" in result.one_error_line()


# --- extreme values and the system's errors -----------------------------------------------------
def test_an_overflow_is_one_line_not_a_traceback(run: Run, diary: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert OverflowError in app.FAILURES
    before = digest(diary)
    huge = run("--diary", str(diary), "plan", "taper", "baclofen", "--start", "2026-11-27",
               "--days", "999999999999")
    assert huge.one_error_line() == (
        "medication-diary: error: a date or number given is too far out of range")
    assert digest(diary) == before

    def far(*args: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(cli_today, "build_today", far)
    result = run("--diary", str(diary), "today")
    assert result.one_error_line() == (
        "medication-diary: error: a date or number given is too far out of range")


def test_a_data_folder_that_is_a_file_is_named_in_plain_words(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file")
    monkeypatch.setenv("MEDICATION_DIARY_DIR", str(in_the_way))
    result = run("today")
    assert result.one_error_line() == (
        f"medication-diary: error: cannot use {in_the_way} (set by MEDICATION_DIARY_DIR) as the "
        "diary folder: it exists and is not a folder")
    monkeypatch.setenv("MEDICATION_DIARY_DIR", str(in_the_way / "diaries"))
    below = run()
    assert below.one_error_line() == (
        f"medication-diary: error: cannot use {in_the_way / 'diaries'} (set by "
        "MEDICATION_DIARY_DIR) as the diary folder: part of the path is a file, not a folder")
    assert in_the_way.read_text() == "a file"


def test_any_system_error_names_the_path_and_the_problem(run: Run, diary: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/srv/shared/diary")

    monkeypatch.setattr(cli_today, "build_today", denied)
    result = run("--diary", str(diary), "today")
    assert result.one_error_line() == (
        "medication-diary: error: /srv/shared/diary: permission denied")
    assert "Errno" not in result.err


def test_json_begins_every_entry_with_its_type_id_and_time() -> None:
    at = datetime(2026, 11, 26, 8, 5, tzinfo=timezone(timedelta(hours=1)))
    med = Medication("Baclofen", Unit.MG, max_daily=80_000, id=1)
    dose = intake_json(Intake(1, at, 20_000, id=7), med)
    rating = rating_json(Rating(2, at, 4, id=8), Symptom("Nausea", id=2))
    event = event_json(Event(at, EventKind.FALL, "stairs", id=9))
    assert [list(entry)[:3] for entry in (dose, rating, event)] == [["type", "id", "at"]] * 3
    assert [(e["type"], e["id"], e["at"]) for e in (dose, rating, event)] == [
        ("dose", 7, "2026-11-26T08:05:00+01:00"), ("rating", 8, "2026-11-26T08:05:00+01:00"),
        ("event", 9, "2026-11-26T08:05:00+01:00")]
    assert max_daily_json(med) == {"thousandths": 80_000, "display": "80 mg"}
    assert max_daily_json(Medication("Paracetamol", Unit.MG)) is None
