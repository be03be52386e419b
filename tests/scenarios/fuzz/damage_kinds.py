"""The damage the fuzzer does to a case's diary (tests/scenarios/fuzz/test_fuzz_damaged.py),
each a function of (the diary's path, a random source, the world), and the cases chosen."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path

import pytest

from diary.storage.file import opening
from diary.storage.file import verified
from tests.scenarios.fuzz.damaged_world import CASES
from tests.scenarios.fuzz.damaged_world import DEFAULT_SEED
from tests.scenarios.fuzz.damaged_world import NAME
from tests.scenarios.fuzz.damaged_world import SEED
from tests.scenarios.fuzz.damaged_world import World
from tests.scenarios.fuzz.damaged_world import run_in_process

# --- the damage -----------------------------------------------------------------------------
Damage = Callable[[Path, random.Random, World], str]


def garbage(path: Path, rng: random.Random, world: World) -> str:
    data = bytearray(path.read_bytes())
    if rng.random() < 0.15:
        size = rng.choice([0, 1, 100, world.page, rng.randrange(len(data) * 2)])
        path.write_bytes(rng.randbytes(size))
        return f"the whole file replaced by {size} random bytes"
    start = rng.randrange(len(data))
    span = rng.choice([1, 8, 100, world.page, rng.randint(1, 3 * world.page)])
    end = min(len(data), start + span)
    data[start:end] = rng.randbytes(end - start)
    path.write_bytes(bytes(data))
    return f"random bytes over {start}..{end} of {len(data)}"


def truncated(path: Path, rng: random.Random, world: World) -> str:
    data = path.read_bytes()
    at = rng.randrange(len(data))
    path.write_bytes(data[:at])
    return f"cut at byte {at} of {len(data)}"


def truncated_at_a_page(path: Path, rng: random.Random, world: World) -> str:
    data = path.read_bytes()
    pages = len(data) // world.page
    at = world.page * rng.randrange(pages)
    path.write_bytes(data[:at])
    return f"cut after page {at // world.page} of {pages}"


def flip_bits(path: Path, rng: random.Random, spans: Sequence[tuple[int, int]], flips: int
              ) -> list[str]:
    data = bytearray(path.read_bytes())
    done = []
    for _ in range(flips):
        low, high = rng.choice(spans)
        at, bit = rng.randrange(low, high), rng.randrange(8)
        data[at] ^= 1 << bit
        done.append(f"byte {at} bit {bit}")
    path.write_bytes(bytes(data))
    return done


def header_flips(path: Path, rng: random.Random, world: World) -> str:
    done = flip_bits(path, rng, [(0, 100)], rng.choice([1, 1, 2, 3]))
    return f"bits flipped in the header: {', '.join(done)}"


def page_flips(path: Path, rng: random.Random, world: World) -> str:
    size = path.stat().st_size
    pages = rng.sample(range(size // world.page), rng.choice([1, 1, 2, 3]))
    spans = [(max(100, p * world.page), (p + 1) * world.page) for p in pages]
    done = flip_bits(path, rng, spans, rng.choice([1, 1, 2, 4, 8]))
    return f"bits flipped in pages {sorted(p + 1 for p in pages)}: {', '.join(done)}"


VALUE_TABLES = ("intakes", "ratings", "events", "plan_steps", "medications", "symptoms")


def changed(value: object, rng: random.Random) -> object:
    """Another value where `value` was: as a flipped bit or a garbled write leaves it."""
    if isinstance(value, int):
        return rng.choice([value + 1, value - 1, value ^ (1 << rng.randrange(31)), -value, 0,
                           value * 10, 2**62, str(value), None])
    if isinstance(value, str) and value[:4].isdigit():  # a date, a time: one that is none
        at = rng.randrange(len(value))
        return rng.choice([value[:at] + rng.choice(" 0123456789x-:") + value[at + 1:],
                           value[:at], value.replace("-", "/"), "2026-02-30", value + " ",
                           "yesterday"])
    if isinstance(value, str) and value:
        at = rng.randrange(len(value))
        return rng.choice([value[:at] + chr(ord(value[at]) ^ (1 << rng.randrange(7)))
                           + value[at + 1:], value.upper(), "", "x" * 3000, 7])
    return rng.choice(["x", "2026-11-26", 1, ""])


def flipped_value(path: Path, rng: random.Random, world: World) -> str:
    """One stored value changed behind the program's back, as a flipped bit in a row would:
    the file stays sound to SQLite (its CHECKs ignored, as bits flip regardless of them)."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        for _ in range(50):
            table = rng.choice(VALUE_TABLES)
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]
            column = rng.choice(columns)
            ids = [row[0] for row in conn.execute(f"SELECT id FROM [{table}] ORDER BY id")]
            row_id = rng.choice(ids)
            (old,) = conn.execute(f"SELECT [{column}] FROM [{table}] WHERE id = ?",
                                  [row_id]).fetchone()
            new = changed(old, rng)
            if column == "id" and (not isinstance(new, int) or new in ids):
                continue
            try:
                conn.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", [new, row_id])
            except sqlite3.Error:  # STRICT types, NOT NULL, a trigger: no bit makes these
                continue
            conn.commit()
            return f"{table} row {row_id}: {column} {old!r} changed to {shorter(new)}"
    raise AssertionError("no value could be changed")


def shorter(value: object) -> str:
    text = repr(value)
    return text if len(text) < 60 else f"{text[:40]}... ({len(text)} characters)"


def log_beside(path: Path, rng: random.Random, logs: Sequence[Path], whose: str) -> str:
    log = rng.choice(logs)
    data = log.read_bytes()
    if rng.random() < 0.3:
        at = rng.randrange(33, len(data))
        whose += f", cut at byte {at} of {len(data)}"
        data = data[:at]
    opening.companions(path)[0].write_bytes(data)
    return f"beside it, {log.name}: {whose}"


def stale_log(path: Path, rng: random.Random, world: World) -> str:
    return log_beside(path, rng, world.stale_logs, "a log of this diary from an earlier time")


def foreign_log(path: Path, rng: random.Random, world: World) -> str:
    return log_beside(path, rng, world.foreign_logs, "the log of another diary")


def named_pipe_diary(path: Path, rng: random.Random, world: World) -> str:
    path.unlink()
    os.mkfifo(path)
    return "the diary replaced by a named pipe"


def folder_diary(path: Path, rng: random.Random, world: World) -> str:
    path.unlink()
    path.mkdir()
    if rng.random() < 0.5:
        shutil.copyfile(world.pristine, path / NAME)
        return "the diary replaced by a folder holding a copy of it"
    return "the diary replaced by an empty folder"


def elsewhere(path: Path, rng: random.Random, world: World) -> tuple[Path | str, str]:
    """Something that is not this diary, in the case's other folder: what a link points at."""
    folder = path.parent.parent / "elsewhere"
    kind = rng.choice(["text", "garbage", "cut diary", "foreign log", "null device",
                       "zero device", "named pipe", "folder"])
    target: Path | str = folder / kind.replace(" ", "-")
    if kind == "text":
        Path(target).write_text("Baclofen 5 mg three times a day\n")
    elif kind == "garbage":
        Path(target).write_bytes(rng.randbytes(rng.choice([100, world.page, 5 * world.page])))
    elif kind == "cut diary":
        Path(target).write_bytes(world.pristine.read_bytes()[:rng.randrange(100, 8 * world.page)])
    elif kind == "foreign log":
        shutil.copyfile(rng.choice(world.foreign_logs), target)
    elif kind == "named pipe":
        os.mkfifo(target)
    elif kind == "folder":
        Path(target).mkdir()
    else:
        target = "/dev/null" if kind == "null device" else "/dev/zero"
    if isinstance(target, Path) and rng.random() < 0.5:
        target = os.path.relpath(target, path.parent)
    return target, kind


def link_to_another_file(path: Path, rng: random.Random, world: World) -> str:
    target, kind = elsewhere(path, rng, world)
    path.unlink()
    path.symlink_to(target)
    return f"the diary replaced by a link to a {kind} ({target})"


def dangling_link(path: Path, rng: random.Random, world: World) -> str:
    target = rng.choice([str(path.parent.parent / "elsewhere" / "gone.sqlite"),
                         "../elsewhere/gone.sqlite", "missing.sqlite", NAME])
    path.unlink()
    path.symlink_to(target)
    return f"the diary replaced by a link to nothing ({target})"


def link_to_the_diary(path: Path, rng: random.Random, world: World) -> str:
    """The diary a link to the diary itself, kept in another folder (a cloud folder, a data
    disk), with what may lie beside the file linked to: nothing, a log of another time or of
    another diary, a named pipe. SQLite keeps its -wal and -shm beside the file the link points
    at, not beside the link."""
    target = path.parent.parent / "elsewhere" / NAME
    path.rename(target)
    path.symlink_to(target if rng.random() < 0.5 else os.path.relpath(target, path.parent))
    wal, shm = opening.companions(target)
    beside = rng.choice(["nothing", "stale log", "foreign log", "named pipe -wal",
                         "named pipe -shm", "link -wal"])
    if beside == "stale log":
        shutil.copyfile(rng.choice(world.stale_logs), wal)
    elif beside == "foreign log":
        shutil.copyfile(rng.choice(world.foreign_logs), wal)
    elif beside.startswith("named pipe"):
        os.mkfifo(wal if beside.endswith("-wal") else shm)
    elif beside == "link -wal":  # to a copy: nothing written through it reaches the session's
        wal.symlink_to(shutil.copyfile(rng.choice(world.foreign_logs), target.with_name("log")))
    return f"the diary a link to it in another folder, with {beside} beside the file"


def companion_not_a_file(companion: Path, rng: random.Random) -> str:
    if rng.random() < 0.7:
        os.mkfifo(companion)
        return f"beside it, {companion.name} a named pipe"
    companion.mkdir()
    return f"beside it, {companion.name} a folder"


def companion_link(path: Path, companion: Path, rng: random.Random, world: World) -> str:
    if rng.random() < 0.3:
        target: Path | str = rng.choice([NAME, "gone-wal", "/dev/null"])
        if target == NAME and companion.name.endswith("-wal") and rng.random() < 0.5:
            target = shutil.copyfile(rng.choice(world.stale_logs),
                                     path.parent.parent / "elsewhere" / "stale-log")
        companion.symlink_to(target)
        return f"beside it, {companion.name} a link to {target}"
    target, kind = elsewhere(path, rng, world)
    companion.symlink_to(target)
    return f"beside it, {companion.name} a link to a {kind} ({target})"


def wal_not_a_file(path: Path, rng: random.Random, world: World) -> str:
    return companion_not_a_file(opening.companions(path)[0], rng)


def shm_not_a_file(path: Path, rng: random.Random, world: World) -> str:
    return companion_not_a_file(opening.companions(path)[1], rng)


def wal_link(path: Path, rng: random.Random, world: World) -> str:
    return companion_link(path, opening.companions(path)[0], rng, world)


def shm_link(path: Path, rng: random.Random, world: World) -> str:
    return companion_link(path, opening.companions(path)[1], rng, world)


def after_a_check(damage: Damage) -> Damage:
    """The damage done after a full check passed and was recorded, in place, the file's size,
    inode and time put back: bits that rot on the disk (or a tool that keeps the time) change
    nothing the record of full checks looks at (diary.storage.file.verified), and the next open
    skips the full check."""

    def damaged_later(path: Path, rng: random.Random, world: World) -> str:
        # Any command's open runs the full check and records it (`check` runs its own).
        (step,) = run_in_process(path.parent.parent, [["--diary", str(path), "where"]])
        assert step.result.code == 0, step.result
        assert verified.checked_at(path) is not None, "the full check passed is on record"
        was = path.stat()
        done = damage(path, rng, world)
        os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))
        assert path.stat().st_ino == was.st_ino, "damaged in place"
        return f"after a full check passed: {done}, the file's time put back"

    return damaged_later


# Damage inside a plain file: the commands run in this process.
INSIDE: dict[str, Damage] = {
    "garbage": garbage, "truncated": truncated, "truncated-at-a-page": truncated_at_a_page,
    "header-flips": header_flips, "page-flips": page_flips, "flipped-value": flipped_value,
    "stale-log": stale_log, "foreign-log": foreign_log,
    "page-flips-after-a-check": after_a_check(page_flips),
    "flipped-value-after-a-check": after_a_check(flipped_value),
}
AFTER_A_CHECK = {"page-flips-after-a-check", "flipped-value-after-a-check"}
# Files that are not plain ones: a command could block on them, so each case runs its
# commands in a process of its own.
NOT_PLAIN: dict[str, Damage] = {
    "named-pipe": named_pipe_diary, "folder": folder_diary,
    "link-to-another-file": link_to_another_file, "dangling-link": dangling_link,
    "link-to-the-diary": link_to_the_diary,
    "wal-not-a-file": wal_not_a_file, "wal-link": wal_link,
    "shm-not-a-file": shm_not_a_file, "shm-link": shm_link,
}
DAMAGES = {**INSIDE, **NOT_PLAIN}
SCHEDULE = [*INSIDE] * 4 + [*NOT_PLAIN]  # 49: the default run is one round of it

# Cases that found something, kept as tests whatever the knobs say (with the default seed):
# (kind, number) -> the defect while the program has it (the case is then xfail(strict), and
# passes, failing the run, once it is fixed: write None then), or None.
FOUND: dict[tuple[str, int], str | None] = {
    # Each found a defect, now fixed (kept as regressions): a header write version above 2
    # (`log`: "attempt to write a readonly database"); through a link to the diary, the logs
    # beside the link checked instead of those beside the file (a foreign or stale log replayed
    # and checkpointed, a named pipe opened); a reference to a row that is not there met
    # between two full checks (a KeyError traceback in history, today and the exports).
    ("header-flips", 10): None,
    ("link-to-the-diary", 0): None,
    ("link-to-the-diary", 1): None,
    ("link-to-the-diary", 3): None,
    ("link-to-the-diary", 18): None,
    ("flipped-value-after-a-check", 4): None,
    ("flipped-value-after-a-check", 8): None,
    ("flipped-value-after-a-check", 42): None,
}


# A refused `check` left an empty -wal (and a -shm) beside the diary, fixed
# (test_a_refused_check_leaves_nothing_beside_the_diary): the sweep tolerates it no more.
CHECK_LEAVES_A_LOG = False


def cases() -> list[object]:
    """The sweep (CASES cases from SEED, the kinds in turn), then every FOUND case it left out."""
    seen: dict[str, int] = {}
    chosen: list[tuple[str, int, int]] = []
    for index in range(CASES):
        kind = SCHEDULE[index % len(SCHEDULE)]
        seen[kind] = seen.get(kind, -1) + 1
        chosen.append((kind, seen[kind], SEED))
    chosen += [(kind, number, DEFAULT_SEED) for kind, number in FOUND
               if (kind, number, DEFAULT_SEED) not in chosen]
    params: list[object] = []
    for kind, number, seed in chosen:
        defect = FOUND.get((kind, number)) if seed == DEFAULT_SEED else None
        marks = [pytest.mark.xfail(strict=True, reason=defect)] if defect else []
        name = f"{kind}-{number}" if seed == SEED else f"found-{kind}-{number}"
        params.append(pytest.param(kind, number, seed, id=name, marks=marks))
    return params


