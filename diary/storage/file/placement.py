"""Putting a finished export in place: under its name without ever replacing a file of that name,
and durably (the folder flushed too), shared by the CSV files, the report and the FHIR bundle."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path

# Where a file system cannot make hard links (FAT on a USB stick), a rename after checking the
# name is free is the next best thing.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK}


def place_new(temporary: Path, target: Path, taken: Callable[[], Exception]) -> None:
    """Give the finished `temporary` the name `target`; raise `taken()` when a file of that name
    appeared meanwhile (it is never replaced). The temporary name is gone afterwards."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise taken() from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        if os.path.lexists(target):
            raise taken() from None
        os.rename(temporary, target)
        return
    temporary.unlink(missing_ok=True)


def fsync_folder(folder: Path) -> None:
    """Make a new name in `folder` durable; not every system can open a folder to flush it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
