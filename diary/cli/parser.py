"""The headless sub-commands: their arguments, and the `demo` command itself.

Each sub-command is one small function (in cli_log, cli_today, cli_history, cli_regimen, cli_plan,
cli_symptom); `add_commands` wires them into the parser, and the composition root (diary.app)
opens the diary and calls them.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TypeAlias

import diary.cli.data as cli_export
import diary.cli.report as cli_report
from diary.cli import backup as cli_backup
from diary.cli import history as cli_history
from diary.cli import log as cli_log
from diary.cli import medication as cli_regimen
from diary.cli import plan as cli_plan
from diary.cli import symptom as cli_symptom
from diary.cli import today as cli_today
from diary.cli.common import (
    PROG,
    Clock,
    CommandError,
    DiaryCommand,
    FileCommand,
    PathCommand,
    option_type,
    parse_whole,
    whole_number,
)
from diary.demo import DEFAULT_DAYS, DEFAULT_SEED, build_demo
from diary.domain.daytime import parse_date

# Values whose form argparse checks, so that one not written as a number, a date or a list of
# times is a usage error (exit status 2, one line naming the option) on every command alike.
DATE = option_type(parse_date)
TIMES = option_type(cli_plan.parse_times)
SCALE = option_type(cli_symptom.parse_scale)
STEP_ID = option_type(lambda text: parse_whole(text.strip().removeprefix("#")))

WHEN_HELP = ('when it happened: "HH:MM" (today\'s or yesterday\'s, whichever is nearer: 23:00 '
             'typed after midnight is last night) or ISO 8601 such as 2026-11-26T08:00; default '
             'now')


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", prog=PROG)
    _add_demo(commands)
    _add_log(commands)
    _add_medication(commands)
    _add_plan(commands)
    _add_symptom(commands)
    today = commands.add_parser("today", help="today's plan, doses, totals and ratings",
                                description="Today's scheduled doses and their status, the "
                                "totals against each maximum, today's ratings and warnings.")
    today.add_argument("--json", action="store_true", help="print JSON instead of text")
    today.set_defaults(command=DiaryCommand("today", cli_today.today))
    history = commands.add_parser("history", help="the entries of a date range",
                                  description="Doses, ratings and events, oldest first.")
    history.add_argument("--from", dest="start", type=DATE, metavar="DATE",
                         help="first diary day, YYYY-MM-DD (default: 29 days before --to)")
    history.add_argument("--to", dest="end", type=DATE, metavar="DATE",
                         help="last diary day, YYYY-MM-DD (default: today)")
    history.add_argument("--json", action="store_true", help="print JSON instead of text")
    history.set_defaults(command=DiaryCommand("history", cli_history.history))
    check = commands.add_parser("check", help="full integrity check of the diary file",
                                description="A one-line verdict and the row counts; exit status "
                                "1 when the file is damaged.")
    check.set_defaults(command=DiaryCommand("check", cli_history.check))
    where = commands.add_parser("where", help="print which diary file is used",
                                description="The path of the diary the other commands and the "
                                "window use (after checking that it is a diary).")
    where.set_defaults(command=DiaryCommand("where", cli_history.where))
    _add_backup(commands)
    cli_export.add_commands(commands)
    cli_report.add_commands(commands)


def _add_backup(commands: Commands) -> None:
    backup = commands.add_parser("backup", help="a verified copy of the diary",
                                 description="Copy the diary through SQLite's backup API to a "
                                 "new file (mode 0600), check it, and print its row counts.")
    backup.add_argument("--to", type=Path, metavar="PATH",
                        help="the new file, or a folder for a new dated file in it (default: a "
                        "new dated file in the backups folder beside the diary)")
    backup.set_defaults(command=DiaryCommand("backup", cli_backup.backup))
    restore = commands.add_parser("restore", help="replace the diary by a backup",
                                  description="Check the backup (a diary, not newer, intact), "
                                  "keep a verified backup of the diary as it is, then put the "
                                  "backup in its place in one step. Nothing is merged.")
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file")
    restore.add_argument("--other-diary", action="store_true",
                         help="put in place a backup taken of another diary (refused "
                         "otherwise: two people's diaries often share a name)")
    restore.set_defaults(command=PathCommand("restore", cli_backup.restore))


def _add_demo(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser("demo", help="write a realistic demo diary to a new file",
                               description="Write a new diary with a made-up person's baclofen "
                               "titration, doses, ratings and events. Same seed, same diary.")
    demo.add_argument("--out", required=True, type=Path, metavar="PATH",
                      help="the new file (an existing file is never replaced)")
    demo.add_argument("--days", type=whole_number, default=DEFAULT_DAYS, metavar="N",
                      help=f"how many days of entries, ending today (default {DEFAULT_DAYS})")
    demo.add_argument("--seed", type=whole_number, default=DEFAULT_SEED, metavar="N",
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
    rating.add_argument("score", type=whole_number, metavar="SCORE",
                        help="a whole number on the symptom's scale")
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


Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _medication_options(parser: argparse.ArgumentParser) -> None:
    """The options `medication add` and `medication edit` share."""
    parser.add_argument("--unit", metavar="U",
                        help="mg, mcg, g, ml, tablet, capsule, drop, IU or puff")
    parser.add_argument("--form", metavar="F", help="tablet, oral solution, ...")
    parser.add_argument("--max-daily", metavar="AMOUNT",
                        help='the most per diary day, in the unit ("80", "80 mg"; "none")')
    parser.add_argument("--min-interval", metavar="DURATION",
                        help='the least time between doses: "6h", "90min", "4h30", minutes; '
                        '"none"')
    parser.add_argument("--taper-required", action=argparse.BooleanOptionalAction, default=None,
                        help="stopping needs a taper (the label's warning is shown)")
    parser.add_argument("--note", metavar="TEXT", help="a note (replaces the label's summary)")


def _add_medication(commands: Commands) -> None:
    medication = commands.add_parser("medication", help="add, list, edit or archive medications",
                                     description="The medications of this diary.")
    actions = medication.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a medication",
                             description="Add a medication. A name such as baclofen, "
                             "tizanidine, diazepam or a brand name fills in its label's unit, "
                             "max per day, interval and taper as defaults; otherwise give --unit.")
    add.add_argument("name", metavar="NAME", help="the medication's name")
    _medication_options(add)
    add.add_argument("--separate", action="store_true",
                     help="add it even though the diary has the same medication under another "
                     "name (Lioresal next to Baclofen): each then has its own max per day")
    add.set_defaults(command=DiaryCommand("medication add", cli_regimen.medication_add,
                                          writes=True))
    listing = actions.add_parser("list", help="the medications",
                                 description="The active medications (all with --all).")
    listing.add_argument("--all", action="store_true", help="archived ones too")
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing.set_defaults(command=DiaryCommand("medication list", cli_regimen.medication_list))
    edit = actions.add_parser("edit", help="change a medication",
                              description="Change what is given; the rest stays. The unit "
                              "cannot change once doses or plan steps exist.")
    edit.add_argument("name", metavar="NAME", help="the medication's name")
    edit.add_argument("--rename", metavar="NEW", help="a new name")
    _medication_options(edit)
    edit.set_defaults(command=DiaryCommand("medication edit", cli_regimen.medication_edit,
                                           writes=True))
    archive = actions.add_parser("archive", help="hide a medication no longer taken",
                                 description="Hide it from today and new doses; its history "
                                 "stays.")
    archive.add_argument("name", metavar="NAME", help="the medication's name")
    _add_lower_dose(archive)
    archive.set_defaults(command=DiaryCommand("medication archive",
                                              cli_regimen.medication_archive, writes=True))
    unarchive = actions.add_parser("unarchive", help="bring an archived medication back",
                                   description="Bring an archived medication back.")
    unarchive.add_argument("name", metavar="NAME",
                           help="the medication's name (or #ID when two share it)")
    unarchive.set_defaults(command=DiaryCommand("medication unarchive",
                                                cli_regimen.medication_unarchive, writes=True))


def _add_plan(commands: Commands) -> None:
    plan = commands.add_parser("plan", help="a medication's plan: show, add, titrate, taper",
                               description="A medication's regimen as dated steps. Where steps "
                               "overlap, the one that started last is in force.")
    actions = plan.add_subparsers(title="actions", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="the plan steps in date order",
                              description="The steps, their daily amounts against the max, and "
                              "the step in force today.")
    show.add_argument("medication", metavar="MEDICATION", help="the medication's name")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    show.set_defaults(command=DiaryCommand("plan show", cli_plan.plan_show))
    add = actions.add_parser("add", help="add one plan step",
                             description="Add a step: AMOUNT per dose at each time, or as "
                             "needed, from one date (to another, or open-ended).")
    add.add_argument("medication", metavar="MEDICATION", help="the medication's name")
    add.add_argument("--from", dest="start", required=True, type=DATE, metavar="DATE",
                     help="first day, YYYY-MM-DD")
    add.add_argument("--to", dest="end", type=DATE, metavar="DATE",
                     help="last day, YYYY-MM-DD (default: open-ended)")
    add.add_argument("--amount", required=True, metavar="AMOUNT",
                     help="per dose, in the medication's unit")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--times", type=TIMES, metavar="HH:MM,...",
                      help="dose times, e.g. 08:00,14:00,20:00")
    when.add_argument("--as-needed", action="store_true", help="no fixed times")
    add.add_argument("--note", metavar="TEXT", help="a note")
    _add_backdate(add, "--from")
    _add_lower_dose(add)
    add.set_defaults(command=DiaryCommand("plan add", cli_plan.plan_add, writes=True))
    titrate = actions.add_parser("titrate", help="the baclofen label's titration up to a target",
                                 description="The oral baclofen label's titration, for a "
                                 "medication in mg: 5 mg per dose, then +5 mg per dose every 3 "
                                 "days, up to TARGET per dose and never above the medication's "
                                 "max.")
    titrate.add_argument("medication", metavar="MEDICATION", help="the medication's name")
    titrate.add_argument("--start", required=True, type=DATE, metavar="DATE",
                         help="first day, YYYY-MM-DD (today or later; see --backdate)")
    titrate.add_argument("--target", required=True, metavar="AMOUNT",
                         help="the prescriber's target per dose")
    titrate.add_argument("--times", type=TIMES, metavar="HH:MM,...",
                         help="dose times (default: those of the step in force, else "
                         "08:00,14:00,20:00)")
    _add_backdate(titrate)
    _add_lower_dose(titrate)
    titrate.add_argument("--dry-run", action="store_true", help="print the steps, write nothing")
    titrate.set_defaults(command=DiaryCommand("plan titrate", cli_plan.plan_titrate,
                                              writes=True))
    taper = actions.add_parser("taper", help="step down to nothing over N days",
                               description="End the step in force the day before --start and "
                               "step down from its dose to nothing over --days days; the plan "
                               "ends.")
    taper.add_argument("medication", metavar="MEDICATION", help="the medication's name")
    taper.add_argument("--start", required=True, type=DATE, metavar="DATE",
                       help="first day of the taper, YYYY-MM-DD (today or later; see --backdate)")
    taper.add_argument("--days", required=True, type=whole_number, metavar="N",
                       help="how many days it lasts")
    taper.add_argument("--steps", type=whole_number, metavar="N",
                       help="how many steps (default: one every 3 days)")
    _add_backdate(taper)
    _add_lower_dose(taper)
    taper.add_argument("--dry-run", action="store_true", help="print the steps, write nothing")
    taper.set_defaults(command=DiaryCommand("plan taper", cli_plan.plan_taper, writes=True))
    delete = actions.add_parser("delete", help="delete a plan step (kept in the audit trail)",
                                description="Delete one step (see 'plan show' for its id).")
    delete.add_argument("medication", metavar="MEDICATION", help="the medication's name")
    delete.add_argument("--step", required=True, type=STEP_ID, metavar="ID", help="the step's id")
    _add_lower_dose(delete)
    delete.set_defaults(command=DiaryCommand("plan delete", cli_plan.plan_delete, writes=True))


def _add_backdate(parser: argparse.ArgumentParser, option: str = "--start") -> None:
    parser.add_argument("--backdate", action="store_true",
                        help=f"the plan was already in force before now: allow a {option} before "
                        "today (the plan of those past days is rewritten, and the output counts "
                        "the logged doses that no longer match it), and expect today's doses "
                        "that fell due before now (without it, a step entered today expects "
                        "none of them)")


def _add_lower_dose(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lower-dose", action="store_true",
                        help="confirm a change that lowers the planned daily amount of a "
                        "medication that needs a taper (baclofen): the prescriber ordered it. "
                        "Without it such a change is refused, with the before and after per day "
                        "and the label's warning")


def _add_symptom(commands: Commands) -> None:
    symptom = commands.add_parser("symptom", help="add, list, rename or archive symptoms",
                                  description="The symptoms you rate.")
    actions = symptom.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a symptom to rate",
                             description="Add a symptom rated 0-10 (or 0-4).")
    add.add_argument("name", metavar="NAME", help="the symptom's name")
    add.add_argument("--scale", type=SCALE, default="10", metavar="10|4",
                     help="0-10 numeric rating scale (default) or 0-4")
    add.set_defaults(command=DiaryCommand("symptom add", cli_symptom.symptom_add, writes=True))
    listing = actions.add_parser("list", help="the symptoms",
                                 description="The symptoms in order (archived too with --all).")
    listing.add_argument("--all", action="store_true", help="archived ones too")
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing.set_defaults(command=DiaryCommand("symptom list", cli_symptom.symptom_list))
    rename = actions.add_parser("rename", help="rename a symptom",
                                description="Rename a symptom; its ratings stay with it.")
    rename.add_argument("old", metavar="OLD", help="its name now")
    rename.add_argument("new", metavar="NEW", help="the new name")
    rename.set_defaults(command=DiaryCommand("symptom rename", cli_symptom.symptom_rename,
                                             writes=True))
    for action, text, run in (
        ("archive", "stop offering a symptom for rating", cli_symptom.symptom_archive),
        ("unarchive", "offer an archived symptom again", cli_symptom.symptom_unarchive),
    ):
        parser = actions.add_parser(action, help=text, description=text[0].upper() + text[1:]
                                    + "; its ratings are kept.")
        parser.add_argument("name", metavar="NAME", help="the symptom's name")
        parser.set_defaults(command=DiaryCommand(f"symptom {action}", run, writes=True))


def run_demo(args: argparse.Namespace, clock: Clock) -> int:
    now: datetime = clock()
    path: Path = args.out.expanduser()
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give the name of a new file, such as "
                           f"{path / 'demo.diary'}")
    build_demo(path, days=args.days, seed=args.seed, now=now)
    print(f"Wrote a {args.days}-day demo diary (seed {args.seed}) to {path}")
    return 0
