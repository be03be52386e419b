"""`plan show / add / titrate / taper / delete`: a medication's regimen as dated steps, the one
sub-command of more than one module. This one registers its actions and their options (the
`--backdate` and `--lower-dose` that `medication archive` shares); `actions` runs them, and
`steps` says how steps read and what a change meets before it is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime

from diary.cli.common import DATE
from diary.cli.common import STEP_ID
from diary.cli.common import Commands
from diary.cli.common import actions_of
from diary.cli.common import diary_command
from diary.cli.common import json_option
from diary.cli.common import option_type
from diary.cli.common import whole_number
from diary.cli.plan.actions import plan_add
from diary.cli.plan.actions import plan_delete
from diary.cli.plan.actions import plan_show
from diary.cli.plan.actions import plan_taper
from diary.cli.plan.actions import plan_titrate
from diary.cli.plan.steps import parse_times
from diary.storage.store import DiaryStore

TIMES = option_type(parse_times)


def add_commands(commands: Commands) -> None:
    actions = actions_of(commands, "plan", help="a medication's plan: show, add, titrate, taper",
                         description="A medication's regimen as dated steps. Where steps "
                         "overlap, the one that started last is in force.")
    show = _on_medication(actions, "plan show", plan_show, help="the plan steps in date order",
                          description="The steps, their daily amounts against the max, and the "
                          "step in force today.")
    json_option(show)
    add = _on_medication(actions, "plan add", plan_add, help="add one plan step",
                         description="Add a step: AMOUNT per dose at each time, or as needed, "
                         "from one date (to another, or open-ended).", writes=True)
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
    add_backdate(add, "--from")
    add_lower_dose(add)
    titrate = _on_medication(actions, "plan titrate", plan_titrate,
                             help="the baclofen label's titration up to a target",
                             description="The oral baclofen label's titration, for a medication "
                             "in mg: 5 mg per dose, then +5 mg per dose every 3 days, up to "
                             "TARGET per dose and never above the medication's max.", writes=True)
    titrate.add_argument("--start", required=True, type=DATE, metavar="DATE",
                         help="first day, YYYY-MM-DD (today or later; see --backdate)")
    titrate.add_argument("--target", required=True, metavar="AMOUNT",
                         help="the prescriber's target per dose")
    titrate.add_argument("--times", type=TIMES, metavar="HH:MM,...",
                         help="dose times (default: those of the step in force, else "
                         "08:00,14:00,20:00)")
    _template_options(titrate)
    taper = _on_medication(actions, "plan taper", plan_taper,
                           help="step down to nothing over N days",
                           description="End the step in force the day before --start and step "
                           "down from its dose to nothing over --days days; the plan ends.",
                           writes=True)
    taper.add_argument("--start", required=True, type=DATE, metavar="DATE",
                       help="first day of the taper, YYYY-MM-DD (today or later; see --backdate)")
    taper.add_argument("--days", required=True, type=whole_number, metavar="N",
                       help="how many days it lasts")
    taper.add_argument("--steps", type=whole_number, metavar="N",
                       help="how many steps (default: one every 3 days)")
    _template_options(taper)
    delete = _on_medication(actions, "plan delete", plan_delete,
                            help="delete a plan step (kept in the audit trail)",
                            description="Delete one step (see 'plan show' for its id) without "
                            "rewriting the past: a step not started yet is deleted, one in force "
                            "ends today, one that is over is kept.", writes=True)
    delete.add_argument("--step", required=True, type=STEP_ID, metavar="ID", help="the step's id")
    delete.add_argument("--backdate", action="store_true",
                        help="delete a step already in force or over whole, rewriting the plan "
                        "of the past days it covered (without it, a step in force ends today "
                        "and one that is over is kept as the record)")
    add_lower_dose(delete)


def _on_medication(actions: Commands, name: str,
                   run: Callable[[DiaryStore, argparse.Namespace, datetime], int], *, help: str,
                   description: str, writes: bool = False) -> argparse.ArgumentParser:
    """A plan action, on the medication named first (every one of them is)."""
    parser = diary_command(actions, name, run, help=help, description=description, writes=writes)
    parser.add_argument("medication", metavar="MEDICATION", help="the medication's name")
    return parser


def _template_options(parser: argparse.ArgumentParser) -> None:
    """What a titration and a taper both take after their own options: --backdate, --lower-dose
    and --dry-run."""
    add_backdate(parser)
    add_lower_dose(parser)
    parser.add_argument("--dry-run", action="store_true", help="print the steps, write nothing")


def add_backdate(parser: argparse.ArgumentParser, option: str = "--start") -> None:
    parser.add_argument("--backdate", action="store_true",
                        help=f"the plan was already in force before now: allow a {option} before "
                        "today (the plan of those past days is rewritten, and the output counts "
                        "the logged doses that no longer match it), and expect today's doses "
                        "that fell due before now (without it, a step entered today expects "
                        "none of them)")


def add_lower_dose(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lower-dose", action="store_true",
                        help="confirm a change that lowers the planned daily amount of a "
                        "medication that needs a taper (baclofen): the prescriber ordered it. "
                        "Without it such a change is refused, with the before and after per day "
                        "and the label's warning")
