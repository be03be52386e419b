"""Putting a finished export in place (diary/storage/file/placement.py): under its name, never
over a file of that name, the temporary name gone; by a rename where the file system makes no
hard links; and a folder flushed where it can be."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from diary.storage.file.placement import fsync_folder
from diary.storage.file.placement import place_new


class Taken(Exception):
    pass


def made(folder: Path, text: str = "the export") -> Path:
    temporary = folder / ".export.json.part"
    temporary.write_text(text)
    return temporary


def test_the_finished_file_takes_its_name_and_the_temporary_one_is_gone(tmp_path: Path) -> None:
    temporary = made(tmp_path)
    place_new(temporary, tmp_path / "export.json", Taken)
    assert (tmp_path / "export.json").read_text() == "the export"
    assert not temporary.exists()


def test_a_file_of_that_name_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "export.json").write_text("another program's")
    temporary = made(tmp_path)
    with pytest.raises(Taken):
        place_new(temporary, tmp_path / "export.json", Taken)
    assert (tmp_path / "export.json").read_text() == "another program's"


@pytest.mark.parametrize("number", [errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK])
def test_without_hard_links_the_file_is_renamed_into_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    def no_links(*args: object) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "link", no_links)
    temporary = made(tmp_path)
    place_new(temporary, tmp_path / "export.json", Taken)
    assert (tmp_path / "export.json").read_text() == "the export"
    assert not temporary.exists()
    # Still never over a file of that name, a dangling link included.
    (tmp_path / "again.json").symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(Taken):
        place_new(made(tmp_path, "again"), tmp_path / "again.json", Taken)
    assert (tmp_path / "again.json").is_symlink() and not (tmp_path / "nowhere.json").exists()


def test_any_other_failure_is_the_systems(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", full)
    temporary = made(tmp_path)
    with pytest.raises(OSError, match="No space left"):
        place_new(temporary, tmp_path / "export.json", Taken)
    assert not (tmp_path / "export.json").exists() and temporary.exists()


def test_a_folder_that_cannot_be_flushed_is_no_failure(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[int] = []
    real_fsync = os.fsync

    def counting(fd: int) -> None:
        flushed.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting)
    fsync_folder(tmp_path)
    assert len(flushed) == 1
    fsync_folder(tmp_path / "gone")  # cannot be opened: nothing to flush, nothing raised
    assert len(flushed) == 1
