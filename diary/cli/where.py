"""`where`: which diary file the other commands and the window use."""

from __future__ import annotations

import argparse
from datetime import datetime

from diary.cli.common import Commands
from diary.cli.common import diary_command
from diary.storage.store import DiaryStore


def where(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    mode = " (read-only)" if args.read_only else ""  # as asked: reading commands all read
    print(f"Diary: {store.path}{mode}")
    return 0


def add_commands(commands: Commands) -> None:
    diary_command(commands, "where", where, help="print which diary file is used",
                  description="The path of the diary the other commands and the window use "
                  "(after checking that it is a diary).")
