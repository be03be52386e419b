"""The diary file's schema: its marks (application id, migrations table) and the SQL of each
migration, as plain text. The migrations themselves run through sqlite-utils' Migrations in
diary.storage.migrations, imported only when a diary is created or upgraded: sqlite-utils pulls in
numpy and pandas when they are installed, which would cost start-up ~160 ms (bench/) for every
diary already up to date.

A migration, once released, never changes: a later schema change is a new entry in KNOWN, its SQL
here, its function in migrations.py, plus a fixture diary under tests/data/.
"""

from __future__ import annotations

import sqlite3

# 'MDia' as a big-endian integer: marks the file as a Medication Diary for `file(1)` and for us.
APPLICATION_ID = 0x4D446961
MIGRATION_SET = "medication_diary"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own name for it

# The migration names this code knows, in order; a file holding any other was written by a newer
# version and is refused. diary.storage.migrations defines one function for each.
KNOWN: tuple[str, ...] = ("0001_initial", "0002_seal", "0003_step_recorded",
                          "0004_looks_and_person")

_UTC_TEXT = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'"
_UNITS = "('mg','mcg','g','ml','tablet','capsule','drop','IU','puff')"


def _at(column: str = "at") -> str:
    return f"""
  {column}_utc TEXT NOT NULL
    CHECK ({column}_utc {_UTC_TEXT} AND datetime({column}_utc) = {column}_utc),
  utc_offset_min INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -1080 AND 1080),"""


V1 = f"""
CREATE TABLE diary (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 80),
  birth_date TEXT CHECK (birth_date IS NULL OR date(birth_date) = birth_date),
  day_starts_at TEXT NOT NULL DEFAULT '04:00'
    CHECK (day_starts_at GLOB '[0-1][0-9]:[0-5][0-9]' AND day_starts_at <= '12:00'),
  on_time_window_min INTEGER NOT NULL DEFAULT 60 CHECK (on_time_window_min BETWEEN 5 AND 360),
  created_utc TEXT NOT NULL
) STRICT;

CREATE TABLE medications (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
  form TEXT NOT NULL DEFAULT '' CHECK (length(form) <= 80),
  unit TEXT NOT NULL CHECK (unit IN {_UNITS}),
  max_daily INTEGER CHECK (max_daily IS NULL OR max_daily > 0),
  min_interval_min INTEGER CHECK (min_interval_min IS NULL OR min_interval_min BETWEEN 1 AND 10080),
  taper_required INTEGER NOT NULL DEFAULT 0 CHECK (taper_required IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  archived_utc TEXT
) STRICT;
CREATE UNIQUE INDEX medications_active_name ON medications (name COLLATE NOCASE)
  WHERE archived_utc IS NULL;

CREATE TABLE plan_steps (
  id INTEGER PRIMARY KEY,
  medication_id INTEGER NOT NULL REFERENCES medications (id),
  start_day TEXT NOT NULL CHECK (date(start_day) = start_day),
  end_day TEXT CHECK (end_day IS NULL OR (date(end_day) = end_day AND end_day >= start_day)),
  amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 1000000000),
  times TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(times) AND json_type(times) = 'array'),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  deleted_utc TEXT
) STRICT;
CREATE INDEX plan_steps_by_medication ON plan_steps (medication_id, start_day);

CREATE TABLE intakes (
  id INTEGER PRIMARY KEY,
  medication_id INTEGER NOT NULL REFERENCES medications (id),{_at()}
  amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 1000000000),
  status TEXT NOT NULL DEFAULT 'taken' CHECK (status IN ('taken', 'skipped')),
  slot_day TEXT CHECK (slot_day IS NULL OR date(slot_day) = slot_day),
  slot_time TEXT CHECK (slot_time IS NULL OR slot_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  deleted_utc TEXT,
  CHECK ((slot_day IS NULL) = (slot_time IS NULL))
) STRICT;
CREATE INDEX intakes_by_time ON intakes (at_utc);
CREATE INDEX intakes_by_medication ON intakes (medication_id, at_utc);

CREATE TABLE symptoms (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
  scale_max INTEGER NOT NULL DEFAULT 10 CHECK (scale_max IN (4, 10)),
  position INTEGER NOT NULL DEFAULT 0,
  archived_utc TEXT
) STRICT;
CREATE UNIQUE INDEX symptoms_name ON symptoms (name COLLATE NOCASE);

CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  symptom_id INTEGER NOT NULL REFERENCES symptoms (id),{_at()}
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  deleted_utc TEXT
) STRICT;
CREATE INDEX ratings_by_time ON ratings (at_utc);
CREATE INDEX ratings_by_symptom ON ratings (symptom_id, at_utc);

-- A score must fit its own symptom's scale (0-4 or 0-10); CHECK cannot look at another table.
CREATE TRIGGER ratings_scale_on_insert BEFORE INSERT ON ratings
  WHEN NEW.score > (SELECT scale_max FROM symptoms WHERE id = NEW.symptom_id)
  BEGIN SELECT RAISE(ABORT, 'score outside the symptom scale'); END;
CREATE TRIGGER ratings_scale_on_update BEFORE UPDATE OF score, symptom_id ON ratings
  WHEN NEW.score > (SELECT scale_max FROM symptoms WHERE id = NEW.symptom_id)
  BEGIN SELECT RAISE(ABORT, 'score outside the symptom scale'); END;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,{_at()}
  kind TEXT NOT NULL
    CHECK (kind IN ('appointment', 'dose_change', 'fall', 'illness', 'other')),
  text TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 2000),
  deleted_utc TEXT
) STRICT;
CREATE INDEX events_by_time ON events (at_utc);

CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  at_utc TEXT NOT NULL,
  table_name TEXT NOT NULL
    CHECK (table_name IN ('diary', 'medications', 'plan_steps', 'intakes', 'symptoms',
                          'ratings', 'events')),
  row_id INTEGER NOT NULL,
  action TEXT NOT NULL
    CHECK (action IN ('insert', 'update', 'delete', 'restore', 'archive', 'unarchive')),
  before TEXT CHECK (before IS NULL OR json_valid(before)),
  after TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX changes_by_row ON changes (table_name, row_id);
CREATE INDEX changes_by_time ON changes (at_utc);
"""

# The seal (diary.storage.file.logseal): who wrote a write-ahead log found beside the file.
# Every write transaction rewrites this row, so that every log holds it.
V2 = """
CREATE TABLE seal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  diary TEXT NOT NULL CHECK (length(diary) = 32 AND diary NOT GLOB '*[^0-9a-f]*'),
  writes INTEGER NOT NULL DEFAULT 0 CHECK (writes >= 0)
) STRICT;
INSERT INTO seal (id, diary) VALUES (1, lower(hex(randomblob(16))));
"""

# When a plan step was entered (diary.domain.entities.PlanStep.recorded_at), in the stored form of
# every instant: UTC text and the offset in force. NULL for a step backdated on purpose and for
# the steps of older diaries, which keep expecting every dose from their start, as they did.
V3 = f"""
ALTER TABLE plan_steps ADD COLUMN recorded_utc TEXT
  CHECK (recorded_utc IS NULL OR (recorded_utc {_UTC_TEXT}
                                  AND datetime(recorded_utc) = recorded_utc));
ALTER TABLE plan_steps ADD COLUMN recorded_offset_min INTEGER
  CHECK (recorded_offset_min IS NULL OR recorded_offset_min BETWEEN -1080 AND 1080);
"""

# A medication's chosen look (diary.domain.looks: NULL lets its id decide), and the person's
# condition and prescriber (diary.domain.entities.DiaryInfo), for the report. The lists are the
# values of this release, written out: a later colour or shape is a migration of its own.
_COLOURS = "('blue','orange','green','purple','sky','vermilion','yellow','grey')"
_SHAPES = "('round','square','triangle','diamond','capsule','hexagon')"
V4 = f"""
ALTER TABLE medications ADD COLUMN colour TEXT
  CHECK (colour IS NULL OR colour IN {_COLOURS});
ALTER TABLE medications ADD COLUMN shape TEXT
  CHECK (shape IS NULL OR shape IN {_SHAPES});
ALTER TABLE diary ADD COLUMN condition TEXT NOT NULL DEFAULT '' CHECK (length(condition) <= 80);
ALTER TABLE diary ADD COLUMN prescriber TEXT NOT NULL DEFAULT '' CHECK (length(prescriber) <= 80);
"""

# What each column a later migration added holds in the rows written before it (ALTER TABLE ADD
# COLUMN gives them its default): their audit after-images lack the column, and the full check
# (diary.storage.values) compares the stored value with this instead.
ADDED_COLUMNS: dict[str, dict[str, object]] = {
    "plan_steps": {"recorded_utc": None, "recorded_offset_min": None},
    "medications": {"colour": None, "shape": None},
    "diary": {"condition": "", "prescriber": ""},
}


def statements(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole.

    `executescript` would commit the migration's transaction, so each statement runs on its own.
    """
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete statement in schema: {pending[:60]!r}")
    return found
