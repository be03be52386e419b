"""Diaries written by every released schema open with their data intact; upgrades are safe."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import stat
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from diary.domain.entities import EventKind
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.storage import migrations as released
from diary.storage import schema
from diary.storage.errors import DiaryFileError
from diary.storage.store import open_diary
from tests.helpers import store_sql

DATA = Path(__file__).parent.parent / "data"
CEST = timezone(timedelta(hours=2))
CET = timezone(timedelta(hours=1))


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    copy = tmp_path / "diary-v1.sqlite"
    shutil.copyfile(DATA / "diary-v1.sqlite", copy)
    return copy


CURRENT = "diary-v4.sqlite"


@pytest.fixture(params=["diary-v1.sqlite", "diary-v2.sqlite", "diary-v3.sqlite", CURRENT])
def released_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of the fixture of each released schema (v2 is v1 upgraded, plus one entry; v3 is
    v2 upgraded, plus one plan step with its recording time; v4 is v3 upgraded, plus a chosen
    look and the person's condition and prescriber)."""
    copy = tmp_path / str(request.param)
    shutil.copyfile(DATA / str(request.param), copy)
    return copy


def test_every_released_fixture_opens_with_all_its_data(released_fixture: Path) -> None:
    diary = open_diary(released_fixture)
    assert diary.info().name == "Fixture Person"
    assert diary.info().birth_date == date(1970, 5, 17)
    meds = {m.name: m for m in diary.medications.all()}
    assert meds["Baclofen"].max_daily == 80_000 and meds["Baclofen"].taper_required
    assert meds["Tizanidine"].min_interval_minutes == 360
    steps = diary.plans.steps(meds["Baclofen"].id)
    assert [(s.start, s.end, s.amount, s.times) for s in steps] == [
        (date(2026, 10, 1), date(2026, 10, 3), 5000, (time(8), time(14), time(20))),
        (date(2026, 10, 4), None, 10000, (time(8), time(14), time(20))),
    ]
    assert diary.plans.steps(meds["Tizanidine"].id)[0].as_needed
    intakes = diary.intakes.between(date(2026, 9, 1), date(2026, 11, 30), include_deleted=True)
    assert len(intakes) == 4
    first = intakes[0]
    assert first.at == datetime(2026, 10, 1, 8, 5, tzinfo=CEST) and first.note == "edited"
    assert first.slot == Slot(date(2026, 10, 1), time(8))
    assert intakes[2].status is IntakeStatus.SKIPPED
    assert intakes[3].deleted_at is not None
    totals = diary.intakes.daily_totals(date(2026, 10, 1), date(2026, 10, 1))
    assert [(t.total, t.doses) for t in totals] == [(10_000, 2)]  # 01:30 counts for the 1st
    assert [s.name for s in diary.symptoms.all()][-1] == "Pain"
    ratings = diary.ratings.between(date(2026, 10, 1), date(2026, 10, 1))
    assert [(r.score, r.note) for r in ratings] == [(7, ""), (3, "knees")]
    events = diary.events.between(date(2026, 10, 1), date(2026, 10, 31))
    assert events[0].kind is EventKind.APPOINTMENT
    assert store_sql.query(diary, "PRAGMA user_version")[0]["user_version"] == len(schema.KNOWN)
    assert [c.action for c in diary.audit.of("intakes", first.id)] == ["insert", "update"]
    assert diary.integrity() == "ok"
    diary.close()


def _seal(path: Path) -> tuple[str, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        identity, writes = conn.execute("SELECT diary, writes FROM seal").fetchone()
    return identity, writes


def test_an_upgrade_from_v1_gives_the_diary_its_seal(v1: Path) -> None:
    open_diary(v1).close()
    identity, writes = _seal(v1)
    assert len(identity) == 32 and writes == 1  # the upgrade's own write carried it


def test_the_v2_fixture_keeps_its_identity(tmp_path: Path) -> None:
    v2 = tmp_path / "diary-v2.sqlite"
    shutil.copyfile(DATA / "diary-v2.sqlite", v2)
    identity, writes = _seal(v2)
    assert identity == "404e19fb3217e7ba7bf1b8c60545bc33"  # as committed
    with open_diary(v2) as diary:
        diary.symptoms.add(Symptom(name="Pain at night"))
    assert _seal(v2) == (identity, writes + 2)  # the upgrade's write, then the symptom's
    assert len(list(tmp_path.glob("*.before-upgrade-*"))) == 1


def test_the_current_fixture_is_not_upgraded(tmp_path: Path) -> None:
    current = tmp_path / CURRENT
    shutil.copyfile(DATA / CURRENT, current)
    identity, writes = _seal(current)
    assert identity == "404e19fb3217e7ba7bf1b8c60545bc33"  # the v2 fixture's, kept
    with open_diary(current) as diary:
        diary.symptoms.add(Symptom(name="Pain at night"))
    assert _seal(current) == (identity, writes + 1)
    assert not list(tmp_path.glob("*.before-upgrade-*")), "a current diary is not upgraded"


def test_steps_of_older_diaries_expect_every_dose_and_new_ones_keep_their_recording(
        released_fixture: Path) -> None:
    """The upgrade to v3 gives older steps no recording time (they expect every dose from their
    start, as they did); the step written at v3 keeps the moment it was entered."""
    with open_diary(released_fixture, read_only=released_fixture.name == CURRENT) as diary:
        steps = diary.plans.steps()
    old = [s for s in steps if s.note != "written at schema 3"]
    assert len(old) == 3 and all(s.recorded_at is None for s in old)
    new = [s for s in steps if s.note == "written at schema 3"]
    if released_fixture.name in ("diary-v3.sqlite", CURRENT):
        assert [s.recorded_at for s in new] == [datetime(2026, 12, 7, 22, 0, tzinfo=CET)]
        assert new[0].recorded_at.utcoffset() == timedelta(hours=1)  # type: ignore[union-attr]
    else:
        assert new == []


def _with_extra(step) -> Migrations:
    """The released migrations plus one more, as a later version would ship it."""
    extended = Migrations(schema.MIGRATION_SET)
    for migration in released.migrations._migrations:
        extended(name=migration.name)(migration.fn)
    extended(name="9999_test_upgrade")(step)
    return extended


def test_an_upgrade_first_takes_a_verified_private_copy(v1: Path) -> None:
    def add_column(db: Database) -> None:
        db.execute("ALTER TABLE events ADD COLUMN place TEXT NOT NULL DEFAULT ''")
        db.execute(f"PRAGMA user_version = {len(schema.KNOWN) + 1}")

    diary = open_diary(v1, migrations=_with_extra(add_column))
    assert store_sql.query(diary, "SELECT place FROM events")[0]["place"] == ""
    diary.close()
    copies = list(v1.parent.glob("diary-v1.before-upgrade-*.sqlite"))
    assert len(copies) == 1
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM intakes").fetchone()[0] == 4
        columns = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
        assert "place" not in columns
    conn.close()
    again = open_diary(v1, migrations=_with_extra(add_column))
    assert len(list(v1.parent.glob("*.before-upgrade-*"))) == 1  # nothing pending: no new copy
    again.close()


def test_a_failing_migration_rolls_back_and_leaves_the_data(v1: Path) -> None:
    def broken(db: Database) -> None:
        db.execute("UPDATE intakes SET note = 'half-applied'")
        raise RuntimeError("migration bug")

    with pytest.raises(DiaryFileError, match=r"failed and was undone \(migration bug\)"):
        open_diary(v1, migrations=_with_extra(broken))
    diary = open_diary(v1)
    notes = {
        i.note
        for i in diary.intakes.between(date(2026, 9, 1), date(2026, 11, 30), include_deleted=True)
    }
    assert "half-applied" not in notes
    assert diary.integrity() == "ok"
    diary.close()


def test_an_older_diary_is_not_upgraded_read_only(v1: Path) -> None:
    before = v1.read_bytes()
    with pytest.raises(Exception, match="older version"):
        open_diary(v1, read_only=True, migrations=_with_extra(lambda db: None))
    assert v1.read_bytes() == before
