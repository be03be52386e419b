"""A diary reached by a second name (issue 17, second review): through a symbolic link, every
file beside it and every restore is the file's own; under a hard link, nobody writes."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from diary.demo import build_demo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage import backups
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest
from tests.helpers.clock import NOW


def linked_diary(tmp_path: Path) -> tuple[Path, Path]:
    """The diary in a synced folder, and the link to it the person opens."""
    (tmp_path / "sync").mkdir()
    (tmp_path / "home").mkdir()
    real = tmp_path / "sync" / "diary.sqlite"
    build_demo(real, days=10, now=NOW)
    link = tmp_path / "home" / "diary.sqlite"
    link.symlink_to(real)
    return real, link


def test_a_restore_through_a_link_restores_the_file_and_keeps_the_link(
        run: Run, tmp_path: Path) -> None:
    real, link = linked_diary(tmp_path)
    assert run("--diary", str(link), "backup").code == 0
    (saved,) = [b.path for b in backups.list_backups(backups.backups_folder(link))]
    assert saved.parent == real.parent / "backups"  # beside the file, where the window looks
    with open_diary(real, clock=lambda: NOW) as store:
        before = store.counts()["events"]
        store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, "after the backup"))
    assert run("--diary", str(link), "restore", str(saved)).code == 0
    assert link.is_symlink() and os.path.samefile(link, real)
    with open_diary(real, read_only=True) as store:
        assert store.counts()["events"] == before


def test_a_diary_with_a_second_name_is_not_opened_for_writing(run: Run, tmp_path: Path) -> None:
    """Each name would have its own one-writer lock: two programs could write at once, and
    entries saved through one name were lost."""
    diary = tmp_path / "d.sqlite"
    build_demo(diary, days=5, now=NOW)
    other_name = tmp_path / "hard.sqlite"
    os.link(diary, other_name)
    before = digest(diary)
    line = run("--diary", str(other_name), "log", "event", "other", "x").one_error_line()
    assert "it has a second name (a hard link)" in line
    assert digest(diary) == before
    assert run("--diary", str(other_name), "today").code == 0  # reading stays possible
