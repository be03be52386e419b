"""`restore BACKUP`: the diary replaced by a verified backup, the diary as it was kept first. It
works on the diary's file without opening it (a diary too damaged to open can be restored)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from diary.cli.common import CommandError
from diary.cli.common import Commands
from diary.cli.common import PathCommand
from diary.cli.common import rows_text
from diary.storage import backups


def restore(path: Path, args: argparse.Namespace, now: datetime) -> int:
    """Replace the diary at `path` by BACKUP, after verifying it and keeping the diary (a verified
    backup, or the bytes of a diary too damaged to open)."""
    try:
        done = backups.restore(path, Path(args.backup).expanduser(), lambda: now,
                               other_diary=args.other_diary)
    except backups.OtherDiaryError as exc:
        raise CommandError(f"{exc}. If that is what you want (this diary is new, and the backup "
                           "holds your old one), add --other-diary: the diary as it is now is "
                           "kept first.") from None
    print(f"Verified {done.source}: a diary, integrity ok; rows: {rows_text(done.counts)}")
    if done.pre_restore.counts:
        print(f"The diary as it was is kept in {done.pre_restore.path} "
              f"(verified; rows: {rows_text(done.pre_restore.counts)})")
    else:
        print(f"The diary could not be read as it was (damaged); its bytes are kept in "
              f"{done.pre_restore.path}")
    print(f"Restored: {done.diary} now holds the backup")
    if done.pending:
        print("It was written by an older version: it is upgraded when next opened for writing "
              "(a copy is kept)")
    return 0


def add_commands(commands: Commands) -> None:
    restore_parser = commands.add_parser(
        "restore", help="replace the diary by a backup",
        description="Check the backup (a diary, not newer, intact), keep a verified backup of "
        "the diary as it is, then put the backup in its place in one step. Nothing is merged.")
    restore_parser.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file")
    restore_parser.add_argument(
        "--other-diary", action="store_true",
        help="put in place a backup taken of another diary (refused otherwise: two people's "
        "diaries often share a name)")
    restore_parser.set_defaults(command=PathCommand("restore", restore))
