"""The diary file's schema (diary/storage/schema.py): its marks on every diary made, the
migrations it knows in order, and each migration's script split into statements with trigger
bodies kept whole; the checks in it refuse what the program never writes."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.storage import schema
from diary.storage.store import create_diary
from diary.storage.tables import AUDITED_TABLES
from tests.helpers.clock import NOW


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "d.diary"
    create_diary(path, clock=lambda: NOW).close()
    return path


def test_a_diary_is_marked_as_one_and_knows_its_migrations(diary: Path) -> None:
    assert schema.APPLICATION_ID.to_bytes(4, "big") == b"MDia"
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.KNOWN)
        names = [r[0] for r in conn.execute(
            f"SELECT name FROM {schema.MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [schema.MIGRATION_SET])]
    assert tuple(names) == schema.KNOWN == ("0001_initial", "0002_seal", "0003_step_recorded",
                                            "0004_looks_and_person")


def test_statements_skip_blank_lines_and_comments_and_keep_a_trigger_whole() -> None:
    script = """
-- the table
CREATE TABLE t (x INTEGER);

CREATE TRIGGER t_positive BEFORE INSERT ON t
BEGIN
  SELECT RAISE(ABORT, 'x must be positive') WHERE NEW.x <= 0;
END;
INSERT INTO t (x) VALUES (1);
"""
    found = schema.statements(script)
    assert [s.split()[0:2] for s in found] == [["CREATE", "TABLE"], ["CREATE", "TRIGGER"],
                                             ["INSERT", "INTO"]]
    assert found[1].endswith("END;") and "RAISE(ABORT" in found[1]


def test_an_unfinished_statement_is_refused() -> None:
    with pytest.raises(ValueError, match="incomplete statement in schema: 'CREATE TABLE t"):
        schema.statements("CREATE TABLE t (x INTEGER)\n")


@pytest.mark.parametrize("script", [schema.V1, schema.V2, schema.V3, schema.V4])
def test_every_migration_splits_into_complete_statements(script: str) -> None:
    found = schema.statements(script)
    assert found and all(sqlite3.complete_statement(s) for s in found)


@pytest.mark.parametrize(("sql", "refused"), [
    ("UPDATE medications SET unit = 'bucket'", "CHECK constraint failed"),
    ("UPDATE intakes SET at_utc = '2026-11-26T08:00:00'", "CHECK constraint failed"),
    ("UPDATE intakes SET utc_offset_min = 2000", "CHECK constraint failed"),
    ("UPDATE intakes SET status = 'maybe'", "CHECK constraint failed"),
    ("UPDATE medications SET colour = 'pink'", "CHECK constraint failed"),
    ("UPDATE medications SET shape = 'star'", "CHECK constraint failed"),
    ("UPDATE diary SET condition = printf('%.81c', 'x')", "CHECK constraint failed"),
    ("UPDATE diary SET prescriber = printf('%.81c', 'x')", "CHECK constraint failed"),
    ("UPDATE diary SET condition = NULL", "NOT NULL constraint failed"),
])
def test_the_checks_refuse_what_the_program_never_writes(diary: Path, sql: str,
                                                          refused: str) -> None:
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        conn.execute("INSERT INTO medications (name, form, unit, taper_required, notes) "
                     "VALUES ('Baclofen', 'tablet', 'mg', 0, '')")
        conn.execute("INSERT INTO intakes (medication_id, at_utc, utc_offset_min, amount, "
                     "status, note) VALUES (1, '2026-11-26 07:00:00', 60, 5000, 'taken', '')")
        with pytest.raises(sqlite3.Error, match=refused):
            conn.execute(sql)


def test_the_looks_are_those_of_this_release_and_the_person_fits_a_line(diary: Path) -> None:
    """The lists in 0004 are written out (a released migration never changes): they hold every
    colour and shape the program offers, and nothing it does not."""
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        conn.execute("INSERT INTO medications (name, form, unit, taper_required, notes) "
                     "VALUES ('Baclofen', 'tablet', 'mg', 0, '')")
        for colour in Colour:
            conn.execute("UPDATE medications SET colour = ?", [colour.value])
        for shape in Shape:
            conn.execute("UPDATE medications SET shape = ?", [shape.value])
        conn.execute("UPDATE medications SET colour = NULL, shape = NULL")
        conn.execute("UPDATE diary SET condition = printf('%.80c', 'x'), prescriber = ''")
    assert f"({','.join(repr(c.value) for c in Colour)})" in schema.V4
    assert f"({','.join(repr(s.value) for s in Shape)})" in schema.V4


def test_the_columns_added_later_are_listed_with_what_older_rows_hold(diary: Path) -> None:
    """What the full check expects in a row written before a column existed (values.py)."""
    first = sqlite3.connect(":memory:")
    with contextlib.closing(first) as v1, contextlib.closing(sqlite3.connect(diary)) as now:
        for statement in schema.statements(schema.V1):
            v1.execute(statement)
        for table in AUDITED_TABLES:
            old = {r[1] for r in v1.execute(f"PRAGMA table_info({table})")}
            added = {r[1]: r[4] for r in now.execute(f"PRAGMA table_info({table})")
                     if r[1] not in old}
            listed = schema.ADDED_COLUMNS.get(table, {})
            assert set(added) == set(listed), table
            for column, default in added.items():  # SQL text: NULL or ''
                assert listed[column] == (None if default is None else default.strip("'"))
