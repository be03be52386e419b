"""The damaged-diary fuzzer's world (tests/scenarios/fuzz/test_fuzz_damaged.py): the
session's diaries and their pristine outputs, and the commands run on a case, in this
process or in one of their own with a time bound."""

from __future__ import annotations

import contextlib
import faulthandler
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from diary.demo import build_demo
from diary.storage.file import opening
from diary.storage.store import open_diary
from tests.helpers import store_sql
from tests.helpers.cli import Result
from tests.helpers.clock import NOW
from tests.scenarios.files.wal_timeline import dose
from tests.scenarios.files.wal_timeline import event
from tests.scenarios.files.wal_timeline import rating
from tests.scenarios.files.wal_timeline import ticking

DEFAULT_CASES = 49
CASES = int(os.environ.get("MEDICATION_DIARY_FUZZ_DAMAGED", str(DEFAULT_CASES)))
DEFAULT_SEED = 20261126
SEED = int(os.environ.get("MEDICATION_DIARY_SEED", str(DEFAULT_SEED)))
BOUND_S = 30.0  # a command's time bound: far beyond what any takes here; only a hang reaches it
DAYS = 20  # the demo's days: 32 pages of 4 KiB, every table on pages of its own
ROOT = Path(__file__).resolve().parents[3]

NAME = "mine.sqlite"
MAIN = f"d/{NAME}"  # the case's diary; out/ gets what commands write, elsewhere/ link targets
OUT = "{out}"

# Every command that only reads: in a random order in each case, each on the damaged diary.
READERS: list[tuple[str, ...]] = [
    ("today",),
    ("today", "--json"),
    ("history",),
    ("history", "--json"),
    ("check",),
    ("where",),
    ("medication", "list", "--all", "--json"),
    ("symptom", "list", "--all"),
    ("plan", "show", "Baclofen"),
    ("report", "--no-charts", "-o", f"{OUT}/report.pdf"),
    ("export", "csv", "-o", f"{OUT}/csv"),
    ("export", "fhir", "-o", f"{OUT}/bundle.json"),
    ("backup", "--to", f"{OUT}/backup.sqlite"),
]
REPORT_SHARE = 1 / 5  # the report costs a second on a diary that opens: in a fifth of cases
# One write per case, last: refused on a damaged diary, or then real and correct.
WRITERS: list[tuple[str, ...]] = [
    ("log", "dose", "Baclofen", "5", "--at", "2026-11-26T13:00", "--force"),
    ("log", "rating", "Spasticity", "3", "--at", "2026-11-26T12:30", "--note", "fuzzed"),
    ("log", "event", "other", "a fuzzed entry", "--at", "2026-11-26T12:45"),
]
# What proves a write real and correct, and a backup a copy of the diary.
AFTER: list[tuple[str, ...]] = [("history", "--json"), ("check",)]

Snapshot = dict[str, tuple[str, ...]]


# --- the session's diaries and the pristine outputs ------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """A command's result, with the case's folder written as {case}, and the files it wrote."""

    code: int
    out: str
    err: str
    files: tuple[tuple[str, str], ...]  # (name under out/, sha256), sorted


@dataclass(frozen=True)
class World:
    pristine: Path  # the diary as its last write left it: one file, no log
    page: int
    stale_logs: tuple[Path, ...]  # logs of this very diary, from before its last writes
    foreign_logs: tuple[Path, ...]  # logs of another diary
    readers: dict[tuple[str, ...], Outcome]  # each reader on the pristine copy
    writers: dict[tuple[str, ...], Outcome]  # each write on its own pristine copy
    after_write: dict[tuple[str, ...], tuple[Outcome, ...]]  # AFTER, after each write
    backup: tuple[Outcome, ...]  # AFTER on the pristine copy's backup


def written_with_logs(path: Path, logs: Path) -> list[Path]:
    """Three write transactions on the diary at `path`, the -wal copied after each while the
    writer is still open (what a crash at that moment leaves), then a clean close."""
    logs.mkdir()
    store = open_diary(path, clock=ticking())
    kept = []
    try:
        store_sql.connection(store).execute("PRAGMA wal_autocheckpoint = 0")
        for number, step in enumerate((event, dose, rating)):
            step(store)
            kept.append(logs / f"{path.stem}-{number}.sqlite-wal")
            shutil.copyfile(opening.companions(path)[0], kept[-1])
    finally:
        store.close()
    assert not opening.companions(path)[0].exists()
    return kept


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    base = tmp_path_factory.mktemp("damaged-fuzz")
    with pytest.MonkeyPatch.context() as patch:  # session fixtures run outside tests/conftest's
        for variable, folder in (("MEDICATION_DIARY_DIR", "data"), ("XDG_CONFIG_HOME", "config"),
                                 ("XDG_CACHE_HOME", "cache")):
            patch.setenv(variable, str(base / folder))
        pristine = base / "pristine" / NAME
        pristine.parent.mkdir()
        build_demo(pristine, days=DAYS, now=NOW)
        stale = written_with_logs(pristine, base / "stale")
        other = base / "other" / "other.sqlite"
        other.parent.mkdir()
        build_demo(other, days=DAYS, seed=2, now=NOW)
        foreign = written_with_logs(other, base / "foreign")
        return World(pristine, opening.read_header(pristine).page_size, tuple(stale),
                     tuple(foreign), *references(base, pristine))


def references(base: Path, pristine: Path) -> tuple[
        dict[tuple[str, ...], Outcome], dict[tuple[str, ...], Outcome],
        dict[tuple[str, ...], tuple[Outcome, ...]], tuple[Outcome, ...]]:
    """What each command shows on a pristine copy (asserted to succeed)."""
    case = fresh_case(base / "reference", pristine)
    steps = run_in_process(case, [diary_argv(case, argv) for argv in READERS])
    readers = {argv: outcome(case, step) for argv, step in zip(READERS, steps, strict=True)}
    backup = tuple(outcome(case, step) for step in run_in_process(case, backup_argvs(case)))
    writers, after_write = {}, {}
    for number, argv in enumerate(WRITERS):
        case = fresh_case(base / f"reference-write-{number}", pristine)
        (step,) = run_in_process(case, [diary_argv(case, argv)])
        writers[argv] = outcome(case, step)
        after_write[argv] = tuple(outcome(case, after) for after in run_in_process(
            case, [diary_argv(case, argv) for argv in AFTER]))
    everything = [*readers.values(), *backup, *writers.values(),
                  *(o for done in after_write.values() for o in done)]
    assert all(o.code == 0 and o.err == "" for o in everything), everything
    return readers, writers, after_write, backup


def fresh_case(case: Path, pristine: Path) -> Path:
    for folder in ("d", "out", "elsewhere"):
        (case / folder).mkdir(parents=True)
    shutil.copyfile(pristine, case / MAIN)
    return case


def diary_argv(case: Path, argv: Sequence[str]) -> list[str]:
    return ["--diary", str(case / MAIN), *(a.replace(OUT, str(case / "out")) for a in argv)]


def backup_argvs(case: Path) -> list[list[str]]:
    return [["--diary", str(case / "out" / "backup.sqlite"), *argv] for argv in AFTER]


def outcome(case: Path, step: Step) -> Outcome:
    return Outcome(step.result.code, shown(case, step.result.out), shown(case, step.result.err),
                   outputs(case, step.argv))


def shown(case: Path, text: str) -> str:
    return text.replace(str(case), "{case}")


def outputs(case: Path, argv: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The files a command was told to write (under out/), by name and digest; a backup's bytes
    are its pages as the diary had them (an unused byte flipped in the diary is in its copy
    too): it is judged by what it reads as (AFTER)."""
    found = []
    for arg in argv:
        if not arg.startswith(str(case / "out") + "/"):
            continue
        target = Path(arg)  # and whatever was made beside it: a checksum file, a leftover
        made = [path for path in target.parent.glob(f"{target.name}*")]
        files = [*made, *(inner for path in made if path.is_dir() for inner in path.rglob("*"))]
        for path in sorted(files):
            if path.is_file() or path.is_symlink():
                name = str(path.relative_to(case / "out"))
                found.append((name, "(a backup)" if argv[-1].endswith("backup.sqlite")
                              else digest(path)))
    return tuple(sorted(found))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- running the commands, in this process or in one of their own -----------------------------
@dataclass(frozen=True)
class Step:
    argv: list[str]
    result: Result
    seconds: float
    crash: str  # the traceback of an exception main() let through, else ""
    after: Snapshot  # the case's files once the command was done


def snapshot(case: Path) -> Snapshot:
    """Every file of the case but its outputs: a plain file by its digest, anything else by its
    kind (a link by where it points); nothing here is ever opened but plain files."""
    found: Snapshot = {}
    for folder in ("d", "elsewhere"):
        for path in sorted((case / folder).rglob("*")):
            name = str(path.relative_to(case))
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[name] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                found[name] = ("file", digest(path), str(path.stat().st_size))
            elif stat.S_ISDIR(mode):
                found[name] = ("folder",)
            else:
                found[name] = ("not a plain file", oct(stat.S_IFMT(mode)))
    return found


def invoke(argv: list[str]) -> tuple[Result, str]:
    """main() as the program runs it, with the tests' clock; stdout and stderr captured."""
    from diary.app import main

    out, err = io.StringIO(), io.StringIO()
    crash = ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv, clock=lambda: NOW)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception:
            code, crash = -1, f"an exception escaped main():\n{traceback.format_exc()}"
    return Result(code, out.getvalue(), err.getvalue()), crash


@contextlib.contextmanager
def watchdog() -> Iterator[None]:
    """A command still running at four times the bound is a hang that would stop the suite: the
    process says where it is and ends (the commands that could block run in a process of their
    own; this only guards the others)."""
    faulthandler.dump_traceback_later(4 * BOUND_S, exit=True, file=sys.__stderr__ or 2)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def run_in_process(case: Path, argvs: Sequence[list[str]]) -> list[Step]:
    steps = []
    for argv in argvs:
        started = time.monotonic()
        with watchdog():
            result, crash = invoke(argv)
        steps.append(Step(argv, result, time.monotonic() - started, crash, snapshot(case)))
    return steps


CHILD = "from tests.scenarios.fuzz.damaged_world import child; child()"


def child() -> None:
    """In a process of its own: run each command of the JSON on stdin, one JSON line each."""
    job = json.loads(sys.stdin.read())
    for step in run_in_process(Path(job["case"]), job["argvs"]):
        line = {"argv": step.argv, "code": step.result.code, "out": step.result.out,
                "err": step.result.err, "seconds": step.seconds, "crash": step.crash,
                "after": step.after}
        print(json.dumps(line), flush=True)


def run_isolated(case: Path, argvs: Sequence[list[str]]) -> list[Step]:
    """The commands in a process of their own, killed at the bound: a command that blocks on a
    named pipe fails its case instead of stopping the suite."""
    bound = BOUND_S * len(argvs) + 30  # the start of Python on a busy machine, too
    try:
        done = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(
            {"case": str(case), "argvs": list(argvs)}), capture_output=True, text=True,
            timeout=bound, cwd=ROOT, env=os.environ.copy(), check=False)
        lines, stderr, ended = done.stdout, done.stderr, f"ended with status {done.returncode}"
    except subprocess.TimeoutExpired as exc:
        lines = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        stderr = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        ended = f"was killed after {bound:.0f} s"
    steps = []
    for line in lines.splitlines():
        if not line.startswith('{"argv"'):  # not one of the child's reports
            continue
        found = json.loads(line)
        steps.append(Step(found["argv"], Result(found["code"], found["out"], found["err"]),
                          found["seconds"], found["crash"],
                          {name: tuple(kind) for name, kind in found["after"].items()}))
    if len(steps) < len(argvs):  # it hung (the watchdog ended it) or died: that command's fault
        argv = argvs[len(steps)]
        steps.append(Step(argv, Result(-1, "", ""), BOUND_S * 4, f"the process running it "
                          f"{ended} (a hang, or a crash): {stderr[-3000:]}", {}))
    return steps


