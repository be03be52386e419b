"""`backup`: a verified copy of the diary, and the older backups thinned by the window's
policy."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from diary.cli.common import Commands
from diary.cli.common import diary_command
from diary.cli.common import rows_text
from diary.cli.common import zone
from diary.domain.wording import plural
from diary.preferences import backup_policy
from diary.storage import autobackup
from diary.storage import backups
from diary.storage.store import DiaryStore


def backup(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    """Copy the open diary to --to PATH (a new file, or a new name in that folder) or to a new
    file in the backups folder beside the diary; in a folder, then thin this diary's older
    backups there by the policy the window keeps (preferences.backup_policy), unless
    --no-thin. A backup to a file of your naming thins nothing."""
    given: Path | None = args.to
    identity = autobackup.identity(store)
    folder: Path | None = None
    if given is None:
        target = backups.new_backup_path(store.path, now, identity=identity)
        folder = target.parent
    elif given.expanduser().is_dir():
        folder = given.expanduser()
        target = backups.new_backup_path(store.path, now, folder, identity=identity)
    else:
        target = given.expanduser()
    removed: list[Path] = []
    if folder is None or args.no_thin:
        done = store.backup_to(target)
    else:
        made = autobackup.back_up_and_thin(store, folder, now, zone(now), backup_policy(),
                                           target=target)
        done, removed = made.made, made.removed
    print(f"Backed up {store.path}")
    print(f"to {done.path}")
    print(f"verified: integrity ok; rows: {rows_text(done.counts)}")
    if removed:
        print(f"thinned: {plural(len(removed), 'older backup')} removed by the policy "
              "(File > Backups in the window sets it; --no-thin keeps them all)")
    return 0


def add_commands(commands: Commands) -> None:
    backup_parser = diary_command(
        commands, "backup", backup, help="a verified copy of the diary",
        description="Copy the diary through SQLite's backup API to a new file (mode 0600), "
        "check it, and print its row counts.")
    backup_parser.add_argument(
        "--to", type=Path, metavar="PATH",
        help="the new file, or a folder for a new dated file in it (default: a new dated file "
        "in the backups folder beside the diary)")
    backup_parser.add_argument(
        "--no-thin", action="store_true",
        help="keep every older backup in the folder (by default they are thinned by the "
        "window's policy: every backup of today, the newest of each recent day, week and "
        "month)")
