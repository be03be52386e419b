"""The command line's parser: each sub-command's module registers its own arguments with
`add_commands(commands)`, in the order `--help` lists them; the composition root (diary.app)
opens the diary and runs the command chosen."""

from __future__ import annotations

import argparse

from diary.cli import (
    backup,
    check,
    demo,
    export,
    history,
    import_csv,
    log,
    medication,
    plan,
    report,
    restore,
    symptom,
    today,
    where,
)
from diary.cli.common import PROG

MODULES = (demo, log, medication, plan, symptom, today, history, check, where, backup, restore,
           export, import_csv, report)


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", prog=PROG)
    for module in MODULES:
        module.add_commands(commands)
