"""Only plain files (diary/storage/file/regular.py): a named pipe, a folder or a device where a
diary, its lock or a backup belongs is refused by name at once, never read (a pipe would make
every read wait forever); a lock file is not reached through a link or a second name."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from diary.storage.errors import DiaryFileError
from diary.storage.file.regular import check_regular
from diary.storage.file.regular import kind_of
from diary.storage.file.regular import open_regular
from diary.storage.file.regular import reading


@pytest.mark.parametrize(("mode", "kind"), [
    (stat.S_IFREG, None), (stat.S_IFDIR, "a folder"), (stat.S_IFIFO, "a named pipe"),
    (stat.S_IFSOCK, "a socket"), (stat.S_IFCHR, "a device"), (stat.S_IFBLK, "a device"),
    (stat.S_IFLNK, "a link"),
])
def test_what_a_file_is_in_words(mode: int, kind: str | None) -> None:
    assert kind_of(mode | 0o644) == kind


def test_a_plain_file_is_opened_and_read(tmp_path: Path) -> None:
    path = tmp_path / "d.diary"
    path.write_bytes(b"SQLite format 3\x00")
    fd = open_regular(path)
    try:
        assert os.read(fd, 6) == b"SQLite"
    finally:
        os.close(fd)
    with reading(path) as handle:
        assert handle.read() == b"SQLite format 3\x00"
    check_regular(path)


def test_a_named_pipe_is_refused_at_once_by_name(tmp_path: Path) -> None:
    pipe = tmp_path / "d.diary"
    os.mkfifo(pipe)
    with pytest.raises(DiaryFileError) as refused:
        open_regular(pipe)  # without a writer, a blocking open would wait here forever
    assert str(refused.value) == f"{pipe}: is a named pipe, not a diary file"
    with (pytest.raises(DiaryFileError, match="is a named pipe, not a backup"),
          reading(pipe, expected="a backup")):
        pass


def test_a_folder_and_a_device_are_refused_naming_the_file_they_stand_for(
        tmp_path: Path) -> None:
    diary = tmp_path / "d.diary"
    folder = tmp_path / "d.diary-wal"
    folder.mkdir()
    with pytest.raises(DiaryFileError) as refused:
        check_regular(folder, shown=diary, name="d.diary-wal beside it",
                      expected="a file SQLite made")
    assert str(refused.value) == (f"{diary}: d.diary-wal beside it is a folder, not a file "
                                  "SQLite made")
    device = tmp_path / "zero.diary"
    device.symlink_to("/dev/zero")
    with pytest.raises(DiaryFileError, match="is a device, not a diary file"):
        check_regular(device)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.sock"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        with pytest.raises(DiaryFileError, match="is a socket, not a diary file"):
            check_regular(path)


def test_a_missing_file_is_refused_unless_that_is_fine(tmp_path: Path) -> None:
    gone = tmp_path / "gone.diary"
    with pytest.raises(DiaryFileError, match="no such file"):
        check_regular(gone)
    check_regular(gone, missing_ok=True)
    with pytest.raises(FileNotFoundError):
        open_regular(gone)


def test_without_following_links_a_link_and_a_second_name_are_refused(tmp_path: Path) -> None:
    diary = tmp_path / "d.diary"
    diary.write_bytes(b"mine")
    lock = tmp_path / ".d.diary.lock"
    lock.symlink_to(diary)
    with pytest.raises(DiaryFileError) as refused:
        open_regular(lock, os.O_RDWR | os.O_CREAT, follow=False, shown=diary,
                     name=f"its lock file {lock.name}", expected="a lock file")
    assert str(refused.value) == (f"{diary}: its lock file {lock.name} is a link, not a lock "
                                  "file; remove the link, then try again")
    with pytest.raises(DiaryFileError, match="is a link"):
        check_regular(lock, follow=False)
    lock.unlink()
    os.link(diary, lock)
    with pytest.raises(DiaryFileError, match=r"a second name of another file \(a hard link\)"):
        open_regular(lock, os.O_RDWR, follow=False)
    assert diary.read_bytes() == b"mine"
    fd = open_regular(lock, os.O_RDWR)  # followed, a second name is the same plain file
    os.close(fd)
