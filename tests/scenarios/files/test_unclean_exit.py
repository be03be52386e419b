"""A process that dies before SQLite checkpoints its write-ahead log loses nothing it committed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from diary.storage.store import open_diary

WRITER = textwrap.dedent(
    """
    import os, sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from diary.domain.entities import Event, EventKind
    from diary.storage.store import create_diary, open_diary

    path = Path(sys.argv[1])
    at = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    diary = create_diary(path) if sys.argv[2] == "create" else open_diary(path)
    diary.events.add(Event(at=at, kind=EventKind.OTHER, text=sys.argv[3]))
    os._exit(0)  # no close, no checkpoint: the event is only in the -wal file
    """
)


def write_and_die(path: Path, how: str, text: str) -> None:
    subprocess.run([sys.executable, "-c", WRITER, str(path), how, text], check=True)


def test_a_new_diary_survives_dying_in_its_first_session(tmp_path: Path) -> None:
    path = tmp_path / "new.diary"
    write_and_die(path, "create", "first")
    assert path.with_name("new.diary-wal").stat().st_size > 0
    diary = open_diary(path)
    assert [e.text for e in diary.events.between(date(2026, 11, 20), date(2026, 11, 20))] == [
        "first"
    ]
    assert diary.integrity() == "ok"
    diary.close()


def test_every_committed_entry_survives_repeated_unclean_exits(tmp_path: Path) -> None:
    path = tmp_path / "diary.diary"
    write_and_die(path, "create", "0")
    for n in range(1, 4):
        write_and_die(path, "open", str(n))
    viewer = open_diary(path, read_only=True)
    texts = [e.text for e in viewer.events.between(date(2026, 11, 20), date(2026, 11, 20))]
    assert sorted(texts) == ["0", "1", "2", "3"]
    viewer.close()
