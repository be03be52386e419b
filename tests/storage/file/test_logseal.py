"""The seal: every diary has its own identity, and every write transaction carries it into the
write-ahead log, so that a log is judged by the diary that wrote it (test_corruption has the
stray log from another diary)."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Unit
from diary.storage.errors import ForeignLogError
from diary.storage.file import logseal
from diary.storage.file import opening
from diary.storage.file import uselock
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers import store_sql

CET = timezone(timedelta(hours=1))


def seal(diary: DiaryStore) -> tuple[str, int]:
    found = store_sql.query(diary, "SELECT diary, writes FROM seal WHERE id = 1")[0]
    return str(found["diary"]), int(found["writes"])


def test_every_diary_gets_an_identity_of_its_own(tmp_path: Path) -> None:
    identities = set()
    for n in range(3):
        with create_diary(tmp_path / f"{n}.diary") as diary:
            identity, _ = seal(diary)
            assert len(identity) == 32 and set(identity) <= set("0123456789abcdef")
            identities.add(identity)
    assert len(identities) == 3


def test_each_write_transaction_rewrites_the_seal_once(tmp_path: Path) -> None:
    diary = create_diary(tmp_path / "d.diary")
    identity, writes = seal(diary)
    med = diary.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert seal(diary) == (identity, writes + 1)
    assert med.id is not None
    # Three steps and their audit rows are one transaction: one rewrite.
    diary.plans.add_all([
        PlanStep(medication_id=med.id, start=date(2026, 1, n), end=date(2026, 1, n),
                 amount=5000, times=(time(8),))
        for n in (1, 2, 3)
    ])
    assert seal(diary) == (identity, writes + 2)
    diary.intakes.between(date(2026, 1, 1), date(2026, 1, 31))
    with diary.write():  # a write that changes nothing writes no seal either
        pass
    assert seal(diary) == (identity, writes + 2)
    diary.close()


def test_a_read_only_store_never_writes_the_seal(tmp_path: Path) -> None:
    path = tmp_path / "d.diary"
    create_diary(path).close()
    with open_diary(path) as diary:
        before = seal(diary)
    with open_diary(path, read_only=True) as diary:
        diary.counts()
        assert seal(diary) == before


def test_a_log_left_by_this_diary_is_replayed(tmp_path: Path) -> None:
    """What a crash leaves: the diary's own log, its transactions not yet in the main file."""
    path = tmp_path / "d.diary"
    create_diary(path).close()
    writer = open_diary(path)
    med = writer.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    writer.intakes.add(Intake(med.id, datetime(2026, 1, 1, 8, tzinfo=CET), 5000))
    crashed = tmp_path / "crashed" / "d.diary"
    crashed.parent.mkdir()
    shutil.copyfile(path, crashed)
    shutil.copyfile(opening.companions(path)[0], opening.companions(crashed)[0])
    writer.close()
    assert logseal.holds_transactions(opening.companions(crashed)[0])
    with open_diary(crashed) as diary:
        assert diary.counts()["intakes"] == 1


def test_a_stray_log_is_refused_without_touching_it(tmp_path: Path) -> None:
    ours, other = tmp_path / "ours.diary", tmp_path / "other" / "other.diary"
    other.parent.mkdir()
    create_diary(ours).close()
    create_diary(other).close()
    writer = open_diary(other)
    writer.medications.add(Medication(name="Tizanidine", unit=Unit.MG))
    wal = opening.companions(ours)[0]
    shutil.copyfile(opening.companions(other)[0], wal)
    writer.close()
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ours, wal)}
    for read_only in (True, False):
        with pytest.raises(ForeignLogError, match=f"move {wal.name} to another folder"):
            open_diary(ours, read_only=read_only)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ours, wal)} == before


def test_a_live_writers_log_is_not_judged(tmp_path: Path) -> None:
    """While a writer holds the diary, its log is changing under it: the main file alone is no
    evidence, and readers read through the log as usual."""
    path = tmp_path / "d.diary"
    create_diary(path).close()
    with uselock.no_writer(path) as idle:
        assert idle
    writer = open_diary(path)
    writer.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    with uselock.no_writer(path) as idle:
        assert not idle
    with open_diary(path, read_only=True) as reader:
        assert [m.name for m in reader.medications.all()] == ["Baclofen"]
    writer.close()
    with uselock.no_writer(path) as idle:
        assert idle
