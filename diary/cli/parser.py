"""The command line's parser: each sub-command's module registers its own arguments with
`add_commands(commands)`, in the order `--help` lists them; the composition root (diary.app)
opens the diary and runs the command chosen."""

from __future__ import annotations

import argparse

from diary.cli import backup
from diary.cli import check
from diary.cli import demo
from diary.cli import export
from diary.cli import history
from diary.cli import import_csv
from diary.cli import log
from diary.cli import medication
from diary.cli import plan
from diary.cli import report
from diary.cli import restore
from diary.cli import symptom
from diary.cli import today
from diary.cli import where
from diary.cli.common import PROG

MODULES = (demo, log, medication, plan, symptom, today, history, check, where, backup, restore,
           export, import_csv, report)


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", prog=PROG)
    for module in MODULES:
        module.add_commands(commands)
