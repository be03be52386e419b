"""A full disk gives a clear error and loses nothing already stored.

The tests run as root, where chmod cannot make a folder or a file unwritable, and no test may fill
a real disk: `PRAGMA max_page_count` on the store's own connection makes SQLite answer exactly as
on a full disk (SQLITE_FULL, "database or disk is full") once the file would have to grow.

What reaches the caller is sqlite3.OperationalError with sqlite_errorcode SQLITE_FULL: the CLI
(diary.app.FAILURES holds sqlite3.Error) prints it as one line, and the window
(diary.ui.edits's STORE_ERRORS and error_text) as "The diary file could not be written
(database or disk is full). Nothing was changed."
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Unit
from diary.storage.errors import WriteProtectedError
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from tests.helpers import store_sql

CET = timezone(timedelta(hours=1))
SQLITE_FULL = 13


def dose(med_id: int, n: int) -> Intake:
    at = datetime(2026, 11, 1, 8, 0, tzinfo=CET) + timedelta(minutes=10 * n)
    return Intake(med_id, at, 5000, note=f"dose {n} " + "x" * 500)


def fill_the_disk(store: DiaryStore) -> None:
    """From now on the file cannot grow by a single page."""
    pages = store_sql.query(store, "PRAGMA page_count")[0]["page_count"]
    store_sql.query(store, f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_refuses_the_write_and_keeps_everything(store: DiaryStore) -> None:
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    kept = [store.intakes.add(dose(med.id, n)) for n in range(20)]
    fill_the_disk(store)
    with pytest.raises(sqlite3.OperationalError) as caught:
        for n in range(20, 2000):  # the free space left in the last pages runs out first
            store.intakes.add(dose(med.id, n))
    assert caught.value.sqlite_errorcode == SQLITE_FULL
    assert "full" in str(caught.value)
    written = store.counts()["intakes"]
    # The failed write left nothing half done, and the store still works for reading.
    assert store.integrity() == "ok"
    assert [i.id for i in store.intakes.between(kept[0].at.date(), kept[-1].at.date())][:20] == [
        i.id for i in kept
    ]
    path = store.path
    store.close()
    # Reopened (space free again): every intake whose save returned is there, intact.
    with open_diary(path) as again:
        assert again.integrity() == "ok"
        assert again.counts()["intakes"] == written
        notes = {r["note"] for r in store_sql.query(again, "SELECT note FROM intakes")}
        assert {i.note for i in kept} <= notes
        audited = store_sql.query(again,
            "SELECT count(*) AS n FROM changes WHERE table_name = 'intakes' AND action = 'insert'"
        )[0]["n"]
        assert audited == written, "no intake without its audit row, nor the reverse"


def test_a_full_disk_during_an_edit_keeps_the_row_as_it_was(store: DiaryStore) -> None:
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    first = store.intakes.add(dose(med.id, 0))
    for n in range(1, 40):
        store.intakes.add(dose(med.id, n))
    fill_the_disk(store)
    with pytest.raises(sqlite3.OperationalError):
        # A long note no longer fits in its page, and the audit rows need room too.
        for attempt in range(200):
            store.intakes.edit(Intake(med.id, first.at, 5000, note="y" * 1990 + str(attempt),
                                     id=first.id))
    after = store.intakes.get(first.id or 0)
    assert after.note in {first.note, *("y" * 1990 + str(a) for a in range(200))}
    assert store.integrity() == "ok"


def test_a_folder_nobody_may_write_to_still_opens_read_only(
    tmp_path: Path, store: DiaryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    store.intakes.add(dose(med.id, 0))
    path = store.path
    store.close()
    before = path.read_bytes()
    beside = sorted(p.name for p in path.parent.iterdir())
    from diary.storage.file import opening

    # As root the folder cannot really be made read-only: tell the opener it is.
    monkeypatch.setattr(opening.os, "access", lambda p, mode: False)
    with open_diary(path, read_only=True) as viewer:
        assert viewer.counts()["intakes"] == 1
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == beside  # nothing new beside it


def test_a_write_protected_file_is_refused_by_name_and_nothing_is_left_beside_it(
    tmp_path: Path, store: DiaryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.path
    store.close()
    before = path.read_bytes()
    beside = sorted(p.name for p in path.parent.iterdir())
    import diary.storage.store as store_module

    real_access = os.access
    # As root the file cannot really be made read-only: tell the opener it is.
    monkeypatch.setattr(store_module.os, "access", lambda p, mode: False if Path(p) == path
                        and mode == os.W_OK else real_access(p, mode))
    with pytest.raises(WriteProtectedError, match=r"write-protected; open it read-only "
                       r"\(--read-only\)") as refused:
        open_diary(path)
    assert refused.value.path == path
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == beside  # no lock, -wal or -shm
    with open_diary(path, read_only=True) as viewer:  # what the message offers works
        assert viewer.counts()["intakes"] == 0
