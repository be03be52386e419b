"""The headless sub-commands: their arguments, and the `demo` command itself.

Each sub-command is one small function (in cli_log, cli_today, cli_history); `add_commands` wires
them into the parser, and the composition root (diary.app) opens the diary and calls them.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from diary import cli_history, cli_log, cli_today
from diary.cli_common import PROG, Clock, DiaryCommand, FileCommand
from diary.demo import DEFAULT_DAYS, DEFAULT_SEED, build_demo

WHEN_HELP = ('when it happened: "HH:MM" (the latest such time: 23:00 typed after midnight is last '
             'night) or ISO 8601 such as 2026-11-26T08:00; default now')


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", prog=PROG)
    _add_demo(commands)
    _add_log(commands)
    today = commands.add_parser("today", help="today's plan, doses, totals and ratings",
                                description="Today's scheduled doses and their status, the "
                                "totals against each maximum, today's ratings and warnings.")
    today.add_argument("--json", action="store_true", help="print JSON instead of text")
    today.set_defaults(command=DiaryCommand("today", cli_today.today))
    history = commands.add_parser("history", help="the entries of a date range",
                                  description="Doses, ratings and events, oldest first.")
    history.add_argument("--from", dest="start", metavar="DATE",
                         help="first diary day, YYYY-MM-DD (default: 29 days before --to)")
    history.add_argument("--to", dest="end", metavar="DATE",
                         help="last diary day, YYYY-MM-DD (default: today)")
    history.add_argument("--json", action="store_true", help="print JSON instead of text")
    history.set_defaults(command=DiaryCommand("history", cli_history.history))
    check = commands.add_parser("check", help="full integrity check of the diary file",
                                description="A one-line verdict and the row counts; exit status "
                                "1 when the file is damaged.")
    check.set_defaults(command=DiaryCommand("check", cli_history.check))


def _add_demo(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser("demo", help="write a realistic demo diary to a new file",
                               description="Write a new diary with a made-up person's baclofen "
                               "titration, doses, ratings and events. Same seed, same diary.")
    demo.add_argument("--out", required=True, type=Path, metavar="PATH",
                      help="the new file (an existing file is never replaced)")
    demo.add_argument("--days", type=int, default=DEFAULT_DAYS, metavar="N",
                      help=f"how many days of entries, ending today (default {DEFAULT_DAYS})")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="N",
                      help=f"random seed (default {DEFAULT_SEED})")
    demo.set_defaults(command=FileCommand("demo", run_demo))


def _add_log(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    log = commands.add_parser("log", help="record a dose, a symptom rating or an event",
                              description="Record one entry in the diary.")
    kinds = log.add_subparsers(title="entries", metavar="ENTRY", required=True)
    dose = kinds.add_parser("dose", help="a dose taken (or skipped)",
                            description="Record a dose. A dose over the max daily amount or "
                            "inside the minimum interval is refused unless --force is given.")
    dose.add_argument("medication", metavar="MEDICATION", help="the medication's name")
    dose.add_argument("amount", metavar="AMOUNT",
                      help='in the medication\'s unit: "20", "7.5", "20 mg", "1/2" (tablets)')
    dose.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    dose.add_argument("--skipped", action="store_true", help="the dose was deliberately skipped")
    dose.add_argument("--note", metavar="TEXT", help="a note")
    dose.add_argument("--force", action="store_true",
                      help="record it even though it breaks a safety rule")
    dose.set_defaults(command=DiaryCommand("log dose", cli_log.log_dose, writes=True))
    rating = kinds.add_parser("rating", help="a symptom rating",
                              description="Rate a symptom on its scale (0-10 unless changed).")
    rating.add_argument("symptom", metavar="SYMPTOM", help="the symptom's name")
    rating.add_argument("score", metavar="SCORE", help="a whole number on the symptom's scale")
    rating.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    rating.add_argument("--note", metavar="TEXT", help="a note")
    rating.set_defaults(command=DiaryCommand("log rating", cli_log.log_rating, writes=True))
    event = kinds.add_parser("event", help="an event (appointment, dose change, fall...)",
                             description="Record an event: appointment, dose_change, fall, "
                             "illness or other.")
    event.add_argument("kind", metavar="KIND",
                       help="appointment, dose_change, fall, illness or other")
    event.add_argument("text", metavar="TEXT", help="what happened")
    event.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    event.set_defaults(command=DiaryCommand("log event", cli_log.log_event, writes=True))


def run_demo(args: argparse.Namespace, clock: Clock) -> int:
    now: datetime = clock()
    path: Path = args.out.expanduser()
    build_demo(path, days=args.days, seed=args.seed, now=now)
    print(f"Wrote a {args.days}-day demo diary (seed {args.seed}) to {path}")
    return 0
