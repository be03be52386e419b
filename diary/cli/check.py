"""`check`: the diary file's full integrity check, and every value against what the program
wrote; a one-line verdict and the row counts."""

from __future__ import annotations

import argparse
from datetime import datetime

from diary.cli.common import CommandError
from diary.cli.common import Commands
from diary.cli.common import diary_command
from diary.cli.common import rows_text
from diary.storage.store import DiaryStore

COUNTED = ("medications", "plan_steps", "intakes", "symptoms", "ratings", "events", "changes")


def check(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    verdict = store.full_check()  # always, whatever the day's open found recorded
    if verdict != "ok":
        raise CommandError(f"{store.path}: damaged: {verdict}; restore a backup "
                           "(medication-diary restore)")
    counts = store.counts()
    print(f"ok: {store.path} passed the full integrity check, and every value is as written")
    print(f"rows: {rows_text({table: counts.get(table, 0) for table in COUNTED})}")
    return 0


def add_commands(commands: Commands) -> None:
    diary_command(commands, "check", check, help="full integrity check of the diary file",
                  description="A one-line verdict and the row counts; exit status 1 when the "
                  "file is damaged.")
