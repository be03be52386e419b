"""`demo --out PATH`: a realistic demo diary written to a new file (it opens no diary)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from diary.cli.common import Clock
from diary.cli.common import CommandError
from diary.cli.common import Commands
from diary.cli.common import FileCommand
from diary.cli.common import whole_number
from diary.demo import DEFAULT_DAYS
from diary.demo import DEFAULT_SEED
from diary.demo import build_demo


def add_commands(commands: Commands) -> None:
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


def run_demo(args: argparse.Namespace, clock: Clock) -> int:
    now: datetime = clock()
    path: Path = args.out.expanduser()
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give the name of a new file, such as "
                           f"{path / 'demo.diary'}")
    build_demo(path, days=args.days, seed=args.seed, now=now)
    print(f"Wrote a {args.days}-day demo diary (seed {args.seed}) to {path}")
    return 0
