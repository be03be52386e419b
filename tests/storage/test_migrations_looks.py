"""The upgrade to schema 4 (0004_looks_and_person): every row of an older diary kept, with no
look chosen and no condition or prescriber; the full check passes on it although the audit
trail's older records lack the new columns, and still names a new column changed behind the
program's back; a newer diary is refused as before."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.looks import default_look
from diary.storage import schema
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryFileError
from diary.storage.store import open_diary
from diary.storage.tables import AUDITED_TABLES

DATA = Path(__file__).parent.parent / "data"
OLDER = ["diary-v1.sqlite", "diary-v2.sqlite", "diary-v3.sqlite"]
NEW_COLUMNS = {"medications": ("colour", "shape"), "diary": ("condition", "prescriber")}


def copy_of(name: str, folder: Path) -> Path:
    copy = folder / name
    shutil.copyfile(DATA / name, copy)
    return copy


def every_row(path: Path) -> dict[str, list[dict[str, object]]]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return {table: [dict(r) for r in conn.execute(f"SELECT * FROM [{table}] ORDER BY id")]
                for table in (*AUDITED_TABLES, "changes")}


def behind_its_back(path: Path) -> contextlib.closing[sqlite3.Connection]:
    """Another program's connection: what it changes, the audit trail does not record."""
    return contextlib.closing(sqlite3.connect(path, isolation_level=None))


@pytest.mark.parametrize("name", OLDER)
def test_an_older_diary_upgrades_with_every_row_kept(name: str, tmp_path: Path) -> None:
    path = copy_of(name, tmp_path)
    before = every_row(path)
    with open_diary(path) as diary:
        meds = diary.medications.all(include_archived=True)
        info = diary.info()
        verdict = diary.full_check()  # every value against the audit trail, as at the day's open
    assert verdict.ok, verdict.text()
    after = every_row(path)
    for table, found in before.items():  # every row, every value it had (older columns too)
        assert [{k: row[k] for k in old} for row, old in zip(after[table], found, strict=True)
                ] == found, table
        assert all(set(row) - set(old) <= set(schema.ADDED_COLUMNS.get(table, {}))
                   for row, old in zip(after[table], found, strict=True))
    assert {(r["colour"], r["shape"]) for r in after["medications"]} == {(None, None)}
    assert [(r["condition"], r["prescriber"]) for r in after["diary"]] == [("", "")]
    assert [m.colour for m in meds] == [None, None]
    assert [m.look for m in meds] == [default_look(m.id) for m in meds]
    assert (info.condition, info.prescriber) == ("", "")


def test_a_diary_upgraded_from_v3_passes_the_full_check_without_the_new_keys(
        tmp_path: Path) -> None:
    """Its rows' records in the audit trail were written before the columns existed."""
    path = copy_of("diary-v3.sqlite", tmp_path)
    with open_diary(path) as diary:
        tizanidine = diary.medications.named("Tizanidine")
        assert tizanidine.id is not None
        [*_, last] = diary.audit.of("medications", tizanidine.id)
        assert last.after is not None and "colour" not in last.after
        assert "condition" not in (diary.audit.of("diary", 1)[-1].after or {})
        verdict = diary.full_check()
    assert verdict.ok, verdict.text()


@pytest.mark.parametrize(("sql", "named"), [
    ("UPDATE medications SET colour = 'blue' WHERE id = 2",
     "medications row 2: colour is 'blue', but was written as None"),
    ("UPDATE medications SET shape = 'round' WHERE id = 2",
     "medications row 2: shape is 'round', but was written as None"),
    ("UPDATE diary SET prescriber = 'Dr. Nobody'",
     "diary row 1: prescriber is 'Dr. Nobody', but was written as ''"),
])
def test_a_new_column_of_an_upgraded_row_changed_behind_its_back_is_named(
        tmp_path: Path, sql: str, named: str) -> None:
    """A row last written before the upgrade holds what the migration gave it: anything else
    was written by no one."""
    path = copy_of("diary-v3.sqlite", tmp_path)
    open_diary(path).close()
    with behind_its_back(path) as conn:
        conn.execute(sql)
    with pytest.raises(DamagedDiaryError, match=named):
        open_diary(path)


def test_the_current_fixture_keeps_its_look_and_person_and_records_them(tmp_path: Path) -> None:
    path = copy_of("diary-v4.sqlite", tmp_path)
    with open_diary(path, read_only=True) as diary:
        meds = {m.name: m for m in diary.medications.all()}
        info = diary.info()
        baclofen_id = meds["Baclofen"].id
        assert baclofen_id is not None
        last = diary.audit.of("medications", baclofen_id)[-1].after
        person = diary.audit.of("diary", 1)[-1].after
        assert diary.full_check().ok
    assert (meds["Baclofen"].colour, meds["Baclofen"].shape) == (Colour.GREEN, Shape.CAPSULE)
    assert (meds["Tizanidine"].colour, meds["Tizanidine"].shape) == (None, None)
    assert (info.condition, info.prescriber) == ("Multiple sclerosis", "Dr. Fixture, Neurology")
    assert last is not None and (last["colour"], last["shape"]) == ("green", "capsule")
    assert person is not None and person["condition"] == "Multiple sclerosis"


def test_a_written_look_changed_behind_its_back_is_named(tmp_path: Path) -> None:
    path = copy_of("diary-v4.sqlite", tmp_path)
    with behind_its_back(path) as conn:
        conn.execute("UPDATE medications SET colour = 'orange' WHERE id = 1")
    with pytest.raises(DamagedDiaryError,
                       match="medications row 1: colour is 'orange', but was written as 'green'"):
        open_diary(path)


def test_a_diary_newer_than_this_version_is_still_refused(tmp_path: Path) -> None:
    path = copy_of("diary-v4.sqlite", tmp_path)
    with behind_its_back(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(schema.KNOWN) + 1}")
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(DiaryFileError, match="newer version"):
            open_diary(path, read_only=read_only)
    assert path.read_bytes() == before
