"""Damaged diaries: each one either opens correctly or is refused with a clear DiaryFileError.

Random garbage, truncations (at random lengths and at page boundaries), seeded bit flips (in the
header, the schema page, the data pages), a -wal left behind or a stale one beside the file. For
every one of them, `inspect`, `open_diary(read_only=True)` and `open_diary` either succeed, and the
diary then passes integrity_check and reads, or raise DiaryFileError naming the file: never any
other exception. A refused open leaves the main file exactly as it was; a read-only open, refused
or not, leaves it byte-identical, and a -wal beside it too (`unchanged` says what else may
change beside the file).

Seeded loops keep it fast and reproducible: MEDICATION_DIARY_SEED picks another set of damages.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Unit
from diary.storage.errors import DiaryFileError
from diary.storage.file import opening
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary

SEED = int(os.environ.get("MEDICATION_DIARY_SEED", "20261126"))
CET = timezone(timedelta(hours=1))
INTAKES = 300  # enough rows for several data pages in the intakes and changes tables


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary with a medication and a few hundred intakes, checkpointed into one file."""
    path = tmp_path_factory.mktemp("pristine") / "pristine.diary"
    diary = create_diary(path)
    fill(diary, INTAKES)
    diary.close()
    assert not opening.companions(path)[0].exists()
    return path


def fill(diary: DiaryStore, count: int, first: int = 0) -> None:
    meds = diary.medications.all()
    med = meds[0] if meds else diary.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    start = datetime(2026, 1, 1, 8, 0, tzinfo=CET)
    for n in range(first, first + count):
        diary.intakes.add(Intake(med.id, start + timedelta(minutes=37 * n), 5000, note=f"dose {n}"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_size(path: Path) -> int:
    return opening.read_header(path).page_size


@dataclass(frozen=True)
class Files:
    """The diary file and what SQLite keeps beside it: the bytes of the main file and of its
    -wal (None when there is none), and whether a -shm is there."""

    main: str
    wal: str | None
    shm: bool


def files(path: Path) -> Files:
    wal, shm = opening.companions(path)
    return Files(digest(path), digest(wal) if wal.exists() else None, shm.exists())


def unchanged(before: Files, after: Files, attempt: str, outcome: str) -> None:
    """What a refused open, or any open that only reads, may leave beside the file: the main
    file and a -wal byte for byte as they were. A read-only look at a diary with no -wal may
    leave an empty one (README, Your data); a -shm, SQLite's index of the log and no part of
    the diary, may appear beside a -wal that was there, but never without one, and one that was
    there stays."""
    assert after.main == before.main, f"a {outcome} {attempt} open changed the file"
    if before.wal is not None:
        assert after.wal == before.wal, f"a {outcome} {attempt} open changed the -wal"
    elif outcome == "refused" or attempt == "inspect":
        assert after.wal is None, f"a {outcome} {attempt} open left a -wal"
    else:
        assert after.wal in (None, EMPTY), f"a {outcome} {attempt} open wrote into a new -wal"
    if before.shm:
        assert after.shm, f"a {outcome} {attempt} open removed the -shm"
    elif before.wal is None and after.wal is None:
        assert not after.shm, f"a {outcome} {attempt} open left a -shm"


EMPTY = hashlib.sha256(b"").hexdigest()


def verdict(path: Path, opened: Callable[[DiaryStore], None] | None = None) -> str:
    """'opened' or 'refused', after proving the rules every damaged file must keep; `opened`
    checks a diary that opened, as each attempt that succeeds has it."""
    outcomes = []
    for attempt in ("inspect", "read-only", "read-write"):
        before = files(path)
        try:
            if attempt == "inspect":
                opening.inspect(path)
            else:
                diary = open_diary(path, read_only=attempt == "read-only")
                try:
                    assert diary.integrity() == "ok", f"{attempt} opened a damaged diary"
                    diary.counts()
                    diary.intakes.between(date(2026, 1, 1), date(2026, 12, 31))
                    if opened is not None:
                        opened(diary)
                finally:
                    diary.close()
        except DiaryFileError as exc:
            assert str(path) in str(exc) and exc.reason, "the message names the file and why"
            unchanged(before, files(path), attempt, "refused")
            outcomes.append("refused")
        else:
            if attempt != "read-write":
                unchanged(before, files(path), attempt, "successful")
            outcomes.append("opened")
    # The three doors agree: what inspect refuses, open refuses too, and the reverse.
    assert len(set(outcomes)) == 1, f"{path.name}: {outcomes}"
    return outcomes[0]


def damaged(tmp_path: Path, pristine: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(pristine, target)
    return target


def test_random_garbage_is_refused(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    for n in range(30):
        path = tmp_path / f"garbage{n}.diary"
        size = rng.choice([0, 1, 99, 100, 512, 4096, rng.randint(0, 20000)])
        path.write_bytes(rng.randbytes(size))
        assert verdict(path) == "refused"
    # Garbage behind a genuine SQLite magic string is refused as well.
    path = tmp_path / "magic.diary"
    path.write_bytes(opening.HEADER_MAGIC + rng.randbytes(8192))
    assert verdict(path) == "refused"


def test_truncated_diaries_are_refused(tmp_path: Path, pristine: Path) -> None:
    rng = random.Random(SEED)
    size = pristine.stat().st_size
    page = page_size(pristine)
    assert size // page > 5, "the fixture has several pages"
    lengths = {0, 1, 100, page - 1, page, page + 1, size - 1}
    lengths |= {page * k for k in range(1, size // page)}  # every whole-page cut
    lengths |= {rng.randrange(1, size) for _ in range(20)}
    for length in sorted(lengths):
        path = tmp_path / f"cut{length}.diary"
        path.write_bytes(pristine.read_bytes()[:length])
        assert verdict(path) == "refused", f"cut at {length} of {size}"


def flip(path: Path, rng: random.Random, low: int, high: int, flips: int) -> list[int]:
    data = bytearray(path.read_bytes())
    where = [rng.randrange(low, min(high, len(data))) for _ in range(flips)]
    for offset in where:
        data[offset] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))
    return where


@pytest.mark.parametrize(
    "region", ["header", "schema page", "data pages"],
)
def test_bit_flipped_diaries_open_intact_or_are_refused(tmp_path: Path, pristine: Path,
                                                        region: str) -> None:
    rng = random.Random(f"{SEED}-{region}")
    page = page_size(pristine)
    size = pristine.stat().st_size
    low, high = {"header": (0, 100), "schema page": (100, page),
                 "data pages": (page, size)}[region]
    seen = {"opened": 0, "refused": 0}
    for n in range(40):
        path = damaged(tmp_path, pristine, f"flip{n}.diary")
        flip(path, rng, low, high, rng.choice([1, 1, 2, 8]))
        seen[verdict(path)] += 1
        path.unlink()
        for leftover in opening.companions(path):
            leftover.unlink(missing_ok=True)
    assert sum(seen.values()) == 40


def test_a_missing_wal_leaves_the_last_checkpointed_diary(tmp_path: Path, pristine: Path) -> None:
    path = damaged(tmp_path, pristine, "live.diary")
    writer = open_diary(path)
    fill(writer, 20, first=INTAKES)
    wal = opening.companions(path)[0]
    assert wal.stat().st_size > 0, "the new intakes are only in the -wal"
    try:
        copy = tmp_path / "copy" / "live.diary"
        copy.parent.mkdir()
        shutil.copyfile(path, copy)  # the main file alone, as a careless copy would take it
        with_wal = tmp_path / "with-wal" / "live.diary"
        with_wal.parent.mkdir()
        shutil.copyfile(path, with_wal)
        shutil.copyfile(wal, opening.companions(with_wal)[0])
    finally:
        writer.close()
    assert verdict(copy) == "opened"
    with open_diary(copy, read_only=True) as alone:
        assert alone.counts()["intakes"] == INTAKES, "the copy is the diary as last checkpointed"
    assert verdict(with_wal) == "opened"
    with open_diary(with_wal, read_only=True) as whole:
        assert whole.counts()["intakes"] == INTAKES + 20, "main file and -wal: everything"


def test_a_stale_wal_from_another_diary_is_refused(tmp_path: Path, pristine: Path) -> None:
    ours = damaged(tmp_path, pristine, "ours.diary")
    other = tmp_path / "other" / "other.diary"
    other.parent.mkdir()
    # Another person's diary, created at another time, with entries only in its -wal.
    with create_diary(other, clock=lambda: datetime(2025, 3, 1, 12, 0, tzinfo=CET)):
        pass
    writer = open_diary(other)
    fill(writer, 20, first=1000)
    try:
        shutil.copyfile(opening.companions(other)[0], opening.companions(ours)[0])
    finally:
        writer.close()
    assert verdict(ours) == "refused"
    with pytest.raises(DiaryFileError, match="belongs to another diary"):
        open_diary(ours)
    # Without the stray -wal, the diary is whole again.
    opening.companions(ours)[0].unlink()
    opening.companions(ours)[1].unlink(missing_ok=True)
    with open_diary(ours, read_only=True) as diary:
        assert diary.counts()["intakes"] == INTAKES
