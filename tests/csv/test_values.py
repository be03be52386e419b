"""The values in an imported file's cells (diary/csv/values.py): dates in their several orders,
times of day, and a moment with or without its own offset, read in the local time of its
season; what is no date, no time or a time the clocks skipped refused by line and column."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from datetime import timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from diary.csv.importing import CsvImportError
from diary.csv.values import DateOrder
from diary.csv.values import moment
from diary.csv.values import parse_clock
from diary.csv.values import parse_day
from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.storage.store import DiaryStore
from tests.csv.support import amounts
from tests.csv.support import plan
from tests.helpers.clock import NOW

PARIS = ZoneInfo("Europe/Paris")
CET = timezone(timedelta(hours=1))


@pytest.mark.parametrize(("text", "order", "expected"), [
    ("2026-11-05", None, date(2026, 11, 5)),
    ("2026/11/05", None, date(2026, 11, 5)),
    ("05.11.2026", None, date(2026, 11, 5)),
    ("25/11/2026", None, date(2026, 11, 25)),
    ("11/25/2026", None, date(2026, 11, 25)),
    ("05/11/2026", DateOrder.DMY, date(2026, 11, 5)),
    ("05/11/2026", DateOrder.MDY, date(2026, 5, 11)),
])
def test_dates(text: str, order: DateOrder | None, expected: date) -> None:
    assert parse_day(text, order) == expected


@pytest.mark.parametrize(("text", "order", "message"), [
    ("05/11/2026", None, "could be day/month/year or month/day/year"),
    ("25/11/2026", DateOrder.MDY, "not a date on the calendar"),
    ("2026-02-30", None, "not a date on the calendar"),
    ("1850-01-01", None, "outside 1900-2200"),
    ("Nov 5 2026", None, "is not a date"),
])
def test_bad_dates(text: str, order: DateOrder | None, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_day(text, order)


@pytest.mark.parametrize(("text", "hour", "minute", "second"), [
    ("08:00", 8, 0, 0), ("8:05", 8, 5, 0), ("20.30", 20, 30, 0), ("08:00:45", 8, 0, 45),
    ("12:15 AM", 0, 15, 0), ("12:15 pm", 12, 15, 0), ("8:00 p.m.", 20, 0, 0),
])
def test_times_of_day(text: str, hour: int, minute: int, second: int) -> None:
    clock, offset = parse_clock(text)
    assert (clock.hour, clock.minute, clock.second, offset) == (hour, minute, second, None)


@pytest.mark.parametrize("text", ["24:00", "13:00 PM", "8", "08:60", "noon"])
def test_bad_times_of_day(text: str) -> None:
    with pytest.raises(ValidationError, match="time"):
        parse_clock(text)


def test_a_moment_with_its_own_offset_keeps_it() -> None:
    at = moment(None, "2026-07-01T08:00:00-04:00", NOW, None)
    assert at.isoformat() == "2026-07-01T08:00:00-04:00"
    assert moment(None, "2026-07-01 06:00Z", NOW, None).isoformat() == "2026-07-01T06:00:00+00:00"


def test_a_moment_without_an_offset_is_local_time_with_the_seasons_offset() -> None:
    now = NOW.astimezone(PARIS)
    assert moment(None, "2026-07-01 08:00", now, None).isoformat() == "2026-07-01T08:00:00+02:00"
    assert moment("2026-01-10", "08:00", now, None).isoformat() == "2026-01-10T08:00:00+01:00"


def test_a_time_the_clocks_skipped_is_refused(store: DiaryStore, baclofen: Medication,
                                              tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("date,time,drug,dose\n2026-03-29,02:30,Baclofen,5\n"
                    "2026-03-29,03:30,Baclofen,5\n")

    with pytest.raises(CsvImportError) as refused:
        plan(store, path, now=NOW.astimezone(PARIS))

    assert refused.value.details == ["in.csv:2: column time: 2026-03-29 02:30 does not exist "
                                     "here: the clocks went forward then"]


def test_a_date_without_a_time_is_refused(store: DiaryStore, baclofen: Medication,
                                          tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose\n2026-11-20,Baclofen,5\n")
    with pytest.raises(CsvImportError) as refused:
        plan(store, path)
    assert refused.value.details[0].startswith("in.csv:2: column time: '2026-11-20' has no time "
                                               "of day; map the column holding it")


def test_slash_dates_in_a_file_need_the_order_when_ambiguous(store: DiaryStore,
                                                             baclofen: Medication,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("date,time,drug,dose\n05/11/2026,08:00,Baclofen,5\n")

    with pytest.raises(CsvImportError, match="column date: 1"):
        plan(store, path)
    # The test's zone is a fixed +01:00 (the zone of the clock's "now").
    found = plan(store, path, date_order=DateOrder.MDY)
    assert amounts(found)[0][0] == "2026-05-11T08:00:00+01:00"
