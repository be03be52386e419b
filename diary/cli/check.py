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
from diary.storage.values import differences_text

COUNTED = ("medications", "plan_steps", "intakes", "symptoms", "ratings", "events", "changes")


def check(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    verdict = store.full_check()  # always, whatever the day's open found recorded
    if verdict.problem:
        raise CommandError(f"{store.path}: damaged: {verdict.problem}; restore a backup "
                           "(medication-diary restore)")
    if verdict.damaged:  # every one, named: what a restore would have to bring back
        raise CommandError(f"{store.path}: damaged: values differ from what the program wrote: "
                           f"{differences_text(list(verdict.damaged), len(verdict.damaged))}; "
                           "restore a backup (medication-diary restore)")
    counts = store.counts()
    print(f"ok: {store.path} passed the full integrity check, and every value is as written")
    print(f"rows: {rows_text({table: counts.get(table, 0) for table in COUNTED})}")
    return 0


def add_commands(commands: Commands) -> None:
    diary_command(commands, "check", check, help="full integrity check of the diary file",
                  description="A one-line verdict and the row counts; exit status 1 when the "
                  "file is damaged.", checks=True)
