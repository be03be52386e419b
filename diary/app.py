"""The composition root: the global options, which diary to open and how, then the sub-command.

    medication-diary [--diary PATH | --demo] [--read-only] [COMMAND ...]

Without a sub-command it opens the person's diary in the window (the commands' parsers and modules
are then never loaded, so that the window appears sooner). Every failure ends in one line on
stderr and a non-zero exit status: 2 for a usage error (from argparse, which also reads every
number, date and list of times), 1 for a refused or bad value or file. Nothing here runs at
import.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from diary import installed_version
from diary import paths
from diary.cli.common import PROG
from diary.cli.common import Clock
from diary.cli.common import CommandError
from diary.cli.common import DiaryCommand
from diary.cli.common import FileCommand
from diary.cli.common import PathCommand
from diary.domain.errors import ValidationError
from diary.localzone import local_now
from diary.storage import NotFoundError
from diary.storage import ReadOnlyError
from diary.storage.errors import DiaryFileError
from diary.storage.errors import disk_reason
from diary.storage.errors import os_reason
from diary.storage.file import verified
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import damage_met
from diary.storage.store import needs_upgrade
from diary.storage.store import open_diary

DEMO_PREFIX, DEMO_NAME = "medication-diary-demo-", "demo.diary"  # the demo's temporary copy
# What a command may fail with: each becomes one line on stderr and exit status 1. OverflowError:
# a date or number at the far end of what Python can hold, however it was reached.
FAILURES = (CommandError, ValidationError, DiaryFileError, NotFoundError, ReadOnlyError,
            sqlite3.Error, OSError, OverflowError)


class VersionAction(argparse.Action):
    """--version: the installed version is looked up only when asked for (importlib.metadata
    costs every start of the window and of each command ~15 ms otherwise)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: object = argparse.SUPPRESS,
                 help: str = "show the program's version and exit") -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"{parser.prog} {installed_version()}")
        parser.exit(0)


class OneLineParser(argparse.ArgumentParser):
    """Usage errors in one line naming the problem, like every other failure; sub-command parsers
    inherit this class."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        usage="%(prog)s [-h] [--version] [--diary PATH | --demo] [--read-only] [COMMAND ...]",
        description="A private diary of medication doses and symptom ratings. Without a command "
        "it opens your diary.",
        epilog="Your diary lives in the user data folder (override the folder with "
        f"{paths.DIR_VARIABLE}). This program records; it is not medical advice.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--diary", type=Path, metavar="PATH",
                       help="open this diary file instead of your default diary")
    which.add_argument("--demo", action="store_true",
                       help="open a fresh demo diary (a temporary copy)")
    parser.add_argument("--read-only", action="store_true",
                        help="open the diary so that nothing can change")
    parser.add_argument("--version", action=VersionAction)
    if commands:
        from diary.cli.parser import add_commands

        add_commands(parser)
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; with no command (the window), read by the global options alone."""
    items = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help"} & set(items):
        known, extra = build_parser(commands=False).parse_known_args(items)
        if not extra:
            return known
    return build_parser().parse_args(items)


def main(argv: Sequence[str] | None = None, *, clock: Clock = local_now) -> int:
    """Run the program; returns the exit status. `clock` gives "now" (aware) to everything."""
    try:
        args = parse(argv)
    except SystemExit as exc:  # --help, --version and usage errors: argparse has printed them
        return exc.code if isinstance(exc.code, int) else 2
    paths.private_matplotlib_dir()
    try:
        return run(args, clock)
    except KeyboardInterrupt:  # Ctrl-C: any open transaction has been rolled back
        print(f"{PROG}: interrupted; nothing more was written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (| head): nothing more to say to it
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return 1
    except FAILURES as exc:
        label = exc.label if isinstance(exc, CommandError) else "error"
        text = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
        if isinstance(exc, OverflowError):  # Python's words ("date value out of range")
            text = "a date or number given is too far out of range"
        text = with_disk_reason(exc, text)
        message = " ".join(text.split())  # one line, whatever the message held
        print(f"{PROG}: {label}: {message}", file=sys.stderr)
        return 1


def with_disk_reason(exc: BaseException, text: str) -> str:
    """A file's error caused by a full or read-only disk ("... no copy was kept (disk I/O
    error)") says so in plain words too, unless it already does."""
    reason = disk_reason(exc.__cause__) if isinstance(exc, DiaryFileError) else None
    if reason is None or reason.split(" (")[0].removeprefix("the ") in text:
        return text  # SQLite's "database or disk is full" says it already
    return f"{text}: {reason}"


def os_error_text(exc: OSError) -> str:
    """'/srv/shared/diary: permission denied': the path and the problem."""
    paths = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
    return f"{' -> '.join(paths)}: {os_reason(exc)}" if paths else os_reason(exc)


def run(args: argparse.Namespace, clock: Clock) -> int:
    command: DiaryCommand | FileCommand | PathCommand | None = getattr(args, "command", None)
    if isinstance(command, FileCommand):
        given = [option for option, on in (("--diary", args.diary is not None),
                                           ("--demo", args.demo),
                                           ("--read-only", args.read_only)) if on]
        if given:
            raise CommandError(f"'{command.name}' writes a new file of its own and opens no "
                               f"diary, so {' and '.join(given)} cannot apply; run it without")
        return command.run(args, clock)
    # --dry-run only prints what the command would do, so it runs on a read-only diary too.
    writes = command is not None and command.writes and not getattr(args, "dry_run", False)
    if writes and args.read_only:
        assert command is not None
        raise CommandError(f"'{command.name}' changes the diary, which is open read-only; "
                           "run it without --read-only")
    if command is None:
        check_display()  # before a demo diary is built or a first diary created for nothing
    path = diary_path(args, clock)
    try:
        if isinstance(command, PathCommand):
            if not path.exists():
                raise DiaryFileError(path, "no such file")
            return command.run(path, args, clock())
        if command is None:
            prepare_default(path, args, clock)
            return open_window(path, read_only=args.read_only, clock=clock,
                               prefer_last=args.diary is None and not args.demo)
        with disk_refusals(path), \
                contextlib.closing(open_store(path, args, clock, writes=writes,
                                              checks=command.checks)) as store:
            return command.run(store, args, clock())
    finally:
        if args.demo:  # a temporary copy: gone when the window or the command is done with it,
            forget_demo(path.parent)  # and no record of it left behind in the user's cache


def forget_demo(folder: Path) -> None:
    """Delete the demo's temporary folder, and the record of full checks passed on the files
    it held (its diary and backups: diary.storage.file.verified), which would name them."""
    verified.forget_folder(folder)
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def disk_refusals(path: Path) -> Iterator[None]:
    """SQLite's "database or disk is full" as the diary's error in words: which file, that the
    disk is full, and that nothing was lost. Every command writes in one transaction, which the
    failed write rolled back whole."""
    try:
        yield
    except sqlite3.Error as exc:
        damage = damage_met(path, exc)
        if damage is not None:  # a page found damaged between two full checks
            raise damage from exc
        reason = disk_reason(exc)
        if reason is None:
            raise
        raise DiaryFileError(path, f"{reason} ({exc}): nothing was written, and the diary keeps "
                             "everything it held; free some space, then run the command again"
                             ) from exc


def check_display() -> None:
    """Refuse to start the window where it cannot be shown (no display, or a system library Qt
    needs is missing), in one line naming what is wrong, before Qt is loaded: Qt would abort
    with a message of its own that blames a library and exit 134."""
    from diary.ui.shell.display import problem

    found = problem()
    if found is not None:
        raise CommandError(found)


def open_window(path: Path, *, read_only: bool, clock: Clock, prefer_last: bool) -> int:
    """The diary window (Qt is imported only now, never for a command). With `prefer_last` the
    window reopens the diary it last showed, if that still exists. A demo diary is a temporary
    copy: the window leaves no trace of it in its settings."""
    try:
        from diary.ui.shell.launch import run_window
    except ImportError as exc:  # a library Qt is linked to, beyond those check_display knows
        raise CommandError(f"the window cannot start: {exc}") from exc
    return run_window(path, read_only=read_only, clock=clock, prefer_last=prefer_last,
                      demo=is_demo_copy(path))


def is_demo_copy(path: Path) -> bool:
    """Whether `path` is a demo diary's temporary copy (diary_path), gone when the program ends."""
    folder = path.parent
    return (path.name == DEMO_NAME and folder.name.startswith(DEMO_PREFIX)
            and folder.parent.resolve() == Path(tempfile.gettempdir()).resolve())


def diary_path(args: argparse.Namespace, clock: Clock) -> Path:
    """The file to open: --diary as given (never created), a fresh demo copy, or the default
    diary, created on first use in a private folder."""
    if args.demo:
        folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))  # mode 0700
        path = folder / DEMO_NAME
        from diary.demo import build_demo

        build_demo(path, now=clock())
        return path
    if args.diary is not None:
        return Path(args.diary).expanduser()
    return paths.default_diary()


def open_store(path: Path, args: argparse.Namespace, clock: Clock, *, writes: bool,
               checks: bool = False) -> DiaryStore:
    """A command that only reads opens the diary read-only, so that it runs beside a window
    holding the diary for writing; unless the diary must first be upgraded, which writes. A
    command that runs the full check itself (`check`) opens without it, read-only."""
    prepare_default(path, args, clock)
    read_only = args.read_only or (not writes and not needs_upgrade(path))
    return open_diary(path, read_only=read_only, clock=clock,
                      full_check=not (checks and read_only))


def prepare_default(path: Path, args: argparse.Namespace, clock: Clock) -> None:
    """Create the person's default diary on first use (never a --diary PATH), or say why not."""
    if args.diary is not None and not path.exists():
        raise DiaryFileError(path, "no such file")
    first_use = args.diary is None and not args.demo and not path.exists()
    if first_use and args.read_only:
        raise DiaryFileError(path, "there is no diary yet; start once without --read-only to "
                             "create it")
    if first_use:
        try:
            paths.ensure_private_dir(path.parent)
        except OSError as exc:
            source = (f" (set by {paths.DIR_VARIABLE})" if os.environ.get(paths.DIR_VARIABLE)
                      else "")
            reason = ("it exists and is not a folder" if exc.errno == errno.EEXIST
                      else os_reason(exc))
            raise CommandError(f"cannot use {path.parent}{source} as the diary folder: "
                               f"{reason}") from None
        create_diary(path, clock=clock).close()
