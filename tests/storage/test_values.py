"""Every stored value against what the program wrote (diary/storage/values.py): a row that
differs from its last record in the audit trail, a row the program never wrote, and one it wrote
that is gone, each named; a backup without its checksum file is checked this way before it is
taken. Read straight from the file: SQLite's own check sees none of these."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.storage import values
from diary.storage.errors import DiaryFileError
from diary.storage.store import create_diary
from tests.helpers.clock import NOW


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    """Baclofen, two doses and an event, written by the program and closed."""
    path = tmp_path / "d.diary"
    with create_diary(path, clock=lambda: NOW) as store:
        med = store.medications.add(Medication("Baclofen", Unit.MG))
        assert med.id is not None
        for hours in (12, 6):
            store.intakes.add(Intake(med.id, NOW - timedelta(hours=hours), 5_000))
        store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, "walked"))
    return path


@contextlib.contextmanager
def behind_its_back(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection of another program: what it changes, the audit trail does not record."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        yield conn


def test_a_diary_as_the_program_wrote_it_has_no_damaged_value(diary: Path) -> None:
    with behind_its_back(diary) as conn:
        assert values.damaged_values(conn) == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_value_changed_behind_the_programs_back_is_named(diary: Path) -> None:
    with behind_its_back(diary) as conn:
        conn.execute("UPDATE intakes SET amount = 5004 WHERE id = 2")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        [damaged] = values.damaged_values(conn)
    assert damaged == values.DamagedValue("intakes", 2, "amount", 5004, 5000)
    assert damaged.text() == "intakes row 2: amount is 5004, but was written as 5000"


def test_a_row_the_program_never_wrote_and_one_it_wrote_that_is_gone(diary: Path) -> None:
    with behind_its_back(diary) as conn:
        conn.execute("INSERT INTO events (at_utc, utc_offset_min, kind, text) "
                     "SELECT at_utc, utc_offset_min, kind, 'slipped in' FROM events")
        conn.execute("DELETE FROM intakes WHERE id = 1")
        found = values.damaged_values(conn)
    assert [(d.table, d.row_id, d.field) for d in found] == [
        ("intakes", 1, values.MISSING), ("events", 2, "")]
    assert [d.text() for d in found] == [
        "intakes row 1 is missing (the program wrote it and never removed it)",
        "events row 2 was never written by the program (it has no record in the audit trail)"]


def test_at_most_the_values_asked_for_in_table_order(diary: Path) -> None:
    with behind_its_back(diary) as conn:
        conn.execute("UPDATE events SET text = 'ran' WHERE id = 1")
        conn.execute("UPDATE intakes SET amount = 1 WHERE id = 2")
        conn.execute("UPDATE intakes SET note = 'x' WHERE id = 1")
        every = values.damaged_values(conn)
        first = values.damaged_values(conn, limit=1)
    assert [(d.table, d.row_id, d.field) for d in every] == [
        ("intakes", 1, "note"), ("intakes", 2, "amount"), ("events", 1, "text")]
    assert first == every[:1]


def backup_of(diary: Path, tmp_path: Path) -> Path:
    """A copy of the diary made as a backup is (SQLite's backup API), without its checksum."""
    target = tmp_path / "copy.sqlite"
    with contextlib.closing(sqlite3.connect(diary)) as source, \
            contextlib.closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def test_a_backup_is_checked_value_by_value_with_or_without_its_checksum_file(
        diary: Path, tmp_path: Path) -> None:
    """One copied alone to a stick has nothing else to vouch for it: its values are checked
    before a restore takes it, as every backup's are (the full check)."""
    from diary.storage import backups

    backup = backup_of(diary, tmp_path)
    assert backups.inspect_backup(backup) == []  # whole: nothing proves it wrong
    with behind_its_back(backup) as conn:
        conn.execute("UPDATE intakes SET amount = 30000 WHERE id = 1")
    with pytest.raises(DiaryFileError) as refused:
        backups.inspect_backup(backup)
    assert refused.value.path == backup
    assert refused.value.reason == ("damaged: values differ from what the program wrote: "
                                    "intakes row 1: amount is 30000, but was written as 5000")


def test_a_time_in_the_audit_trail_not_as_the_program_writes_it_is_named(diary: Path) -> None:
    """The trail's other columns are held by CHECK constraints; its time by this alone."""
    with behind_its_back(diary) as conn:
        conn.execute("UPDATE changes SET at_utc = '2026-13-01 00:00:00' WHERE id = 2")
        found = values.damaged_values(conn)
    assert [(d.table, d.row_id, d.field) for d in found] == [("changes", 2, "at_utc")]
    assert found[0].text() == ("changes row 2 (the audit trail): at_utc is "
                               "'2026-13-01 00:00:00', which is not a time as the program "
                               "writes it")


def test_the_differences_named_say_when_there_are_more(diary: Path) -> None:
    with behind_its_back(diary) as conn:
        conn.execute("UPDATE intakes SET note = 'x'")  # both doses
        found = values.damaged_values(conn, limit=2)
    assert values.differences_text(found, 1) == f"{found[0].text()} (and more)"
    assert values.differences_text(found[:1], 1) == found[0].text()


def test_a_column_added_after_a_row_was_written_is_compared_with_what_it_was_given(
        diary: Path) -> None:
    """A record written before a migration added a column lacks it: the row then holds what
    the migration gave the rows already there (schema.ADDED_COLUMNS), else nobody wrote it."""
    with behind_its_back(diary) as conn:
        # The medication's record as a diary of schema 3 wrote it: without colour and shape.
        conn.execute("UPDATE changes SET after = json_remove(after, '$.colour', '$.shape')"
                     " WHERE table_name = 'medications'")
        assert values.damaged_values(conn) == []
        conn.execute("UPDATE medications SET shape = 'triangle' WHERE id = 1")
        found = values.damaged_values(conn)
    assert found == [values.DamagedValue("medications", 1, "shape", "triangle", None)]
