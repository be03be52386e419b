"""Damaged diaries against the commands (issue 17): whatever the damage, every command either
shows exactly what the undamaged diary shows, or refuses in one line naming the file.

The damage, each a function of the diary's path and a seeded Random: garbage over a range of
bytes (or the whole file); a cut at any length, or at a page boundary; bit flips in the 100-byte
header, or in random pages; one stored value changed inside a sound file (a random row and
column of intakes, ratings, events, plan_steps, medications or symptoms: an amount, a date that
is no date, a text); a stale -wal of this very diary from an earlier time, or another diary's
-wal, beside it; page flips and changed values done in place after a full check passed and was
recorded, the file's time put back (bits that rot on the disk: by design the program does not
look again for a day); the diary replaced by a named pipe, a folder, a link to another file or
to nothing, or a link to the diary kept in another folder with a log, a named pipe or nothing
beside the file linked to; its -wal or -shm a named pipe, a folder or a link.

The commands, as the program runs them: `today`, `today --json`, `history`, `history --json`,
`check`, `where`, `medication list`, `symptom list`, `plan show`, `report -o` (in a fifth of the
cases: it costs a second), `export csv`, `export fhir`, `backup --to`, in a random order, then
one write (`log dose`, `log rating` or `log event`). They run in this process (main() with the
tests' clock); for the files that are not plain ones, which could make a command block, in a
process of their own, killed at the bound. Every command's output on a pristine copy is
recorded once per session, before anything is damaged. Each command, on each damaged diary:

- no traceback (in-process: no exception but SystemExit) and no hang (a time bound per
  command); a refusal is one line, "medication-diary: error: ...", naming the diary (or the
  file it was to write), with nothing on stdout and no output file left behind;
- no file changed: the diary and everything beside it (the -wal, the -shm, the folder's
  listing, a file a link points at) byte for byte after every command, a refused write too. What
  SQLite may add is allowed (`changes`): an empty -wal beside a diary a command opened, a -shm
  wherever a -wal is, and the program's lock file;
- nothing wrong shown as data: a command that succeeds prints what it prints on the pristine
  copy and writes the same files (a flip in an unused byte is harmless; one that changes
  anything shown must be refused); a backup it made reads as the pristine diary; a write it
  accepted leaves the diary as the pristine one is after the same write (`history --json`,
  `check`). After a recorded check, what is shown and written is not asserted (`Judge`).

A failure names the case (kind, number, seed), the damage done, and each command that went
wrong: how, its exit status, its stdout and stderr. FOUND keeps the cases that found a defect.

Knobs: MEDICATION_DIARY_FUZZ_DAMAGED (cases in the sweep, default 49: four of each damage inside
the file, one of each file that is not a plain one; about 25 s with the FOUND cases on two
cores), MEDICATION_DIARY_SEED (default 20261126). A long run: MEDICATION_DIARY_FUZZ_DAMAGED=2000
(about 15 minutes).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.scenarios.fuzz.damage_kinds import AFTER_A_CHECK
from tests.scenarios.fuzz.damage_kinds import CHECK_LEAVES_A_LOG
from tests.scenarios.fuzz.damage_kinds import DAMAGES
from tests.scenarios.fuzz.damage_kinds import NOT_PLAIN
from tests.scenarios.fuzz.damage_kinds import SCHEDULE
from tests.scenarios.fuzz.damage_kinds import cases
from tests.scenarios.fuzz.damaged_world import AFTER
from tests.scenarios.fuzz.damaged_world import BOUND_S
from tests.scenarios.fuzz.damaged_world import DEFAULT_CASES
from tests.scenarios.fuzz.damaged_world import MAIN
from tests.scenarios.fuzz.damaged_world import READERS
from tests.scenarios.fuzz.damaged_world import REPORT_SHARE
from tests.scenarios.fuzz.damaged_world import WRITERS
from tests.scenarios.fuzz.damaged_world import Outcome
from tests.scenarios.fuzz.damaged_world import Snapshot
from tests.scenarios.fuzz.damaged_world import Step
from tests.scenarios.fuzz.damaged_world import World
from tests.scenarios.fuzz.damaged_world import backup_argvs
from tests.scenarios.fuzz.damaged_world import diary_argv
from tests.scenarios.fuzz.damaged_world import fresh_case
from tests.scenarios.fuzz.damaged_world import outcome
from tests.scenarios.fuzz.damaged_world import outputs
from tests.scenarios.fuzz.damaged_world import run_in_process
from tests.scenarios.fuzz.damaged_world import run_isolated
from tests.scenarios.fuzz.damaged_world import snapshot


# --- the verdict ----------------------------------------------------------------------------
def changes(before: Snapshot, after: Snapshot, opened: bool, diaries: Sequence[str],
            written: bool = False) -> list[str]:
    """What a command changed beside the diary that it must not have. SQLite may leave an empty
    -wal beside a diary it `opened` (README, Your data), or remove an empty one, and a -shm (its
    index of the log, no part of the diary) may come and go wherever a -wal is; the program's
    lock file is its own. `diaries`: the diary's file and, when it is a link, the file linked
    to (SQLite's -wal and -shm are beside that one); a write that was `written` changes them."""
    wrong = []
    logs = {diary: any(s.get(f"{diary}-wal", ("",))[0] == "file" for s in (before, after))
            for diary in diaries}
    for name in sorted(set(before) | set(after)):
        was, now = before.get(name), after.get(name)
        if was == now or any(allowed(name, was, now, diary, opened, written, logs[diary])
                             for diary in diaries):
            continue
        wrong.append(f"{name}: {describe(was)} became {describe(now)}")
    return wrong


def allowed(name: str, was: tuple[str, ...] | None, now: tuple[str, ...] | None, diary: str,
            opened: bool, written: bool, log_there: bool) -> bool:
    wal, shm = f"{diary}-wal", f"{diary}-shm"
    plain = all(found is None or found[0] == "file" for found in (was, now))
    if name == str(Path(diary).with_name(f".{Path(diary).name}.lock")):
        return True
    if written and plain and name in (diary, wal, shm):
        return True
    if name == wal and {was, now} == {None, ("file", EMPTY, "0")} and (opened or now is None):
        return True
    return name == shm and plain and log_there


EMPTY = hashlib.sha256(b"").hexdigest()


def describe(found: tuple[str, ...] | None) -> str:
    if found is None:
        return "nothing"
    if found[0] == "file":
        return f"a file of {found[2]} bytes ({found[1][:12]})"
    return " ".join(found)


@dataclass(frozen=True)
class Judge:
    """What a case's commands are held to. `rechecked`: the program runs its full check at the
    first open (the record of full checks knows nothing of this file). After a full check was
    recorded and the file then damaged in place with its time put back, it does not, by design
    (diary.storage.file.verified): what it shows and what it writes is then not asserted, only
    that it never ends in a traceback or a hang, never changes a file it only reads, and
    refuses in one line."""

    case: Path
    world: World
    isolated: bool
    rechecked: bool
    diaries: tuple[str, ...]  # the diary's file, and the one it links to

    def problems(self, steps: list[Step], before: Snapshot) -> list[str]:
        """Every problem of the case's commands, each as `command`: what was wrong, and what
        it printed."""
        found = []
        for step in steps:
            template = next(t for t in [*READERS, *WRITERS]
                            if diary_argv(self.case, t) == step.argv)
            wrong = self.step_problems(step, template, before)
            if wrong:
                found.append(f"`{' '.join(step.argv[2:])}`: " + "; ".join(wrong) + f"\n    exit "
                             f"{step.result.code}, stdout {step.result.out[:300]!r}, stderr "
                             f"{step.result.err[:600]!r}")
            before = step.after or before
        made = [Path(arg).name for step in steps if step.result.code == 0 for arg in step.argv
                if arg.startswith(f"{self.case / 'out'}/")]
        found += [f"out/{path.name}: made, though no command that succeeded wrote it"
                  for path in sorted((self.case / "out").iterdir())
                  if not any(path.name.lstrip(".").startswith(name) for name in made)]
        return found

    def step_problems(self, step: Step, template: tuple[str, ...], before: Snapshot
                      ) -> list[str]:
        result, wrong = step.result, []
        writes = template in WRITERS
        if step.crash:
            wrong.append(step.crash)
        elif step.seconds > BOUND_S:
            wrong.append(f"it took {step.seconds:.1f} s, over the bound of {BOUND_S:.0f} s")
        if "Traceback" in result.err:
            wrong.append("a traceback on stderr")
        if result.code == 0 and not step.crash and self.rechecked:
            expected = (self.world.writers if writes else self.world.readers)[template]
            wrong += success_problems(self.case, step, expected)
            wrong += self.proven(template)
        elif result.code != 0 and not step.crash:
            wrong += self.refusal_problems(step)
        if step.after:
            opened = (result.code == 0 or not self.rechecked
                      or (CHECK_LEAVES_A_LOG and template == ("check",)))
            wrong += changes(before, step.after, opened, self.diaries,
                             written=writes and result.code == 0)
        return wrong

    def refusal_problems(self, step: Step) -> list[str]:
        """A refusal is one line naming the diary (or the file it was to write), nothing on
        stdout, and no output file left."""
        result, wrong = step.result, []
        if result.code != 1:
            wrong.append(f"exit status {result.code}, not 0 or 1")
        named = [str(self.case / MAIN), *(a for a in step.argv if a.startswith(
            str(self.case / "out")))]
        if result.err.count("\n") != 1 or not result.err.startswith("medication-diary: error: "):
            wrong.append("the refusal is not one line 'medication-diary: error: ...'")
        elif self.rechecked and not any(name in result.err for name in named):
            wrong.append("the refusal does not name the diary")
        if result.out:
            wrong.append("something was shown before the refusal")
        if outputs(self.case, step.argv):
            wrong.append("a refused command left its output behind")
        return wrong

    def proven(self, template: tuple[str, ...]) -> list[str]:
        """A backup made, or a write accepted, on the damaged diary: it must read as the
        pristine diary (after the same write)."""
        if template in WRITERS:
            argvs = [diary_argv(self.case, argv) for argv in AFTER]
            expected, what = self.world.after_write[template], "the diary after the write"
        elif template[0] == "backup":
            argvs, expected, what = backup_argvs(self.case), self.world.backup, "its backup"
        else:
            return []
        steps = (run_isolated if self.isolated else run_in_process)(self.case, argvs)
        return [f"{what} is not what the pristine diary gives: `{' '.join(step.argv[2:])}` "
                f"{first_difference(got.out + got.err, want.out + want.err)}"
                for step, want in zip(steps, expected, strict=True)
                if (got := outcome(self.case, step)).code != want.code
                or (got.out, got.err) != (want.out, want.err)]


def success_problems(case: Path, step: Step, expected: Outcome) -> list[str]:
    """A command that succeeded on a damaged diary shows what the pristine one shows."""
    got, wrong = outcome(case, step), []
    if (got.out, got.err) != (expected.out, expected.err):
        wrong.append("it succeeded, showing other than the pristine diary shows "
                     f"({first_difference(got.out + got.err, expected.out + expected.err)})")
    if got.files != expected.files:
        wrong.append(f"it wrote other files than on the pristine diary: {got.files} instead "
                     f"of {expected.files}")
    return wrong


def first_difference(got: str, expected: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
              min(len(got), len(expected)))
    return (f"from character {at}: {got[max(0, at - 40):at + 80]!r} where the pristine diary "
            f"shows {expected[max(0, at - 40):at + 80]!r}")


def linked(case: Path) -> list[str]:
    """The file the diary's link points at, if it is one of the case's."""
    if not (case / MAIN).is_symlink():
        return []
    target = Path(os.path.realpath(case / MAIN))  # a link to itself resolves to itself
    return [str(target.relative_to(case))] if target.is_relative_to(case) else []


@pytest.mark.parametrize(("kind", "number", "seed"), cases())
def test_a_damaged_diary_is_refused_by_name_or_shown_as_it_was(
        world: World, tmp_path: Path, kind: str, number: int, seed: int) -> None:
    rng = random.Random(f"{seed}-{kind}-{number}")
    case = fresh_case(tmp_path / "case", world.pristine)
    damage = DAMAGES[kind](case / MAIN, rng, world)
    readers = [argv for argv in READERS if argv[0] != "report" or rng.random() < REPORT_SHARE]
    rng.shuffle(readers)
    if kind in AFTER_A_CHECK:  # `check` forgets the record of the check passed: it comes last
        readers.sort(key=lambda argv: argv == ("check",))
    argvs = [diary_argv(case, argv) for argv in [*readers, rng.choice(WRITERS)]]
    before = snapshot(case)
    isolated = kind in NOT_PLAIN
    steps = (run_isolated if isolated else run_in_process)(case, argvs)
    judge = Judge(case, world, isolated, kind not in AFTER_A_CHECK, (MAIN, *linked(case)))
    found = judge.problems(steps, before)
    assert not found, (f"damage {kind} #{number} (MEDICATION_DIARY_SEED={seed}): {damage}\n"
                       + "\n".join(found))


def test_the_schedule_covers_every_damage() -> None:
    assert set(SCHEDULE) == set(DAMAGES) and len(SCHEDULE) == DEFAULT_CASES


def test_a_refused_check_leaves_nothing_beside_the_diary(world: World, tmp_path: Path) -> None:
    case = fresh_case(tmp_path / "case", world.pristine)
    with contextlib.closing(sqlite3.connect(case / MAIN)) as conn:
        conn.execute("UPDATE intakes SET amount = amount + 4 WHERE id = 3")
        conn.commit()
    before = snapshot(case)
    (step,) = run_in_process(case, [diary_argv(case, ("check",))])
    assert step.result.code == 1 and "intakes row 3: amount is" in step.result.err
    assert changes(before, step.after, False, [MAIN]) == []
