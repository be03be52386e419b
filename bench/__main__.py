"""`python -m bench [--quick] [--only FIGURE] [--runs N]`: every figure against its floor, in this
run, on this machine.

Takes the deterministic demo diaries (twenty years and one month; bench/diaries.py builds them
once and keeps them), measures each figure several times (in fresh processes), prints the medians
with their ratio to the floor, and writes bench/RESULTS.md (machine, versions, table, and the
notes kept in bench/notes.md) after a full run.

Figures: startup, window, log_dose, log_dose_checking, trends, report, history, today, memory.
`--only window` (or `--only window,today`) runs those alone, as many times as `--runs` says; a
partial run writes no results file unless `--out` names one.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from bench import diaries
from bench import measure

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Row:
    figure: str
    ours: float
    floor: float
    target: float
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.floor

    @property
    def met(self) -> bool:
        return self.ratio <= self.target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions and ranges; not for RESULTS.md")
    parser.add_argument("--only", type=figures_named, default=None, metavar="FIGURE[,FIGURE]",
                        help="run these figures alone: " + ", ".join(FIGURES))
    parser.add_argument("--runs", type=positive, default=None, metavar="N",
                        help="runs of each measurement, of which the median is taken "
                        "(default: 5, or 2 with --quick)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the results (default: bench/RESULTS.md after a "
                        "full run, nowhere after a quick or partial one)")
    args = parser.parse_args(argv)
    runs = args.runs if args.runs else 2 if args.quick else 5
    chosen = args.only or list(FIGURES)
    folder = Path(tempfile.mkdtemp(prefix="md-bench-"))
    print("taking the demo diaries (twenty years, one month)…", flush=True)
    long = diaries.build(folder, diaries.TWENTY_YEARS)
    month = diaries.build(folder, diaries.ONE_MONTH)
    rows: list[Row] = []
    for name in chosen:
        found = FIGURES[name](long, month, runs, args.quick)
        for row in found:
            print(f"{row.figure}: {fmt(row.ours, row.unit)} vs {fmt(row.floor, row.unit)}"
                  f" = {row.ratio:.2f}x (target {row.target}x) {'ok' if row.met else 'MISSED'}",
                  flush=True)
        rows += found
    out = args.out
    if out is None and not args.quick and args.only is None:
        out = HERE / "RESULTS.md"
    if out is not None:
        out.write_text(results(rows, runs), encoding="utf-8")
        print(f"written: {out}")
    return 0 if all(row.met for row in rows) else 1


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of runs (1 or more)")
    return int(text)


def figures_named(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in FIGURES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"no figure {', '.join(unknown) or 'named'}; the figures: {', '.join(FIGURES)}")
    return names


# --- the figures -------------------------------------------------------------------------------
# Each figure takes the twenty-year and the one-month diary, the runs of each measurement, and
# whether the run is a quick one. A figure that opens a diary the way the program does keeps a
# Home of its own (its cache folder holds the record of the day's full check, its config folder
# the window's settings), opens each diary once first, as a person's first open of the day, and
# measures the opens after it: the steady state. The scripts count the full checks each process
# ran, so that a run which checked where it should not have is said.

def startup(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    home = measure.new_home()
    first = measure.window_json("startup_ours", str(long), home=home)
    found = measure.repeat_json(runs, measure.window_json, "startup_ours", str(long), home=home)
    floor = measure.repeat(runs, measure.until_ready, "startup_floor")
    return [Row("start to main window shown and painted, twenty-year diary",
                measure.sample(found, "seconds").median, floor.median, 2.5,
                note="floor: a bare QMainWindow of the same size; the diary opened before in the "
                f"day{checks_said(first, found, 'twenty years')}")]


def window(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    """The window's start must not grow with the years: the twenty-year diary against the
    one-month one, each opened again after the day's first open (which runs the full check)."""
    home = measure.new_home()
    first_long = measure.window_json("startup_ours", str(long), home=home)
    first_month = measure.window_json("startup_ours", str(month), home=home)
    big, small = measure.interleaved(runs, measure.window_json, ("startup_ours", str(long)),
                                     ("startup_ours", str(month)), home=home)
    first_said(first_long, first_month)
    said = (checks_said(first_long, big, "twenty years")
            + checks_said(first_month, small, "one month"))
    return [Row("start to main window shown and painted: twenty-year diary against one-month "
                "diary, after the day's first open", measure.sample(big, "seconds").median,
                measure.sample(small, "seconds").median, 1.2,
                note="the floor is the one-month diary; the day's first open, which runs the "
                f"full check, took {first_long['seconds']:.2f} s on twenty years and "
                f"{first_month['seconds']:.2f} s on one month{said}"),
            Row("start to main window painted, peak memory: twenty-year diary against one-month "
                "diary, after the day's first open", measure.sample(big, "megabytes").median,
                measure.sample(small, "megabytes").median, 1.25, "MB",
                note="the floor is the one-month diary; peak resident size at the first paint; "
                f"the day's first open: {first_long['megabytes']:.0f} MB on twenty years, "
                f"{first_month['megabytes']:.0f} MB on one month")]


def log_dose(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    count = "20" if quick else "50"
    ours = measure.repeat(runs, measure.run_script, "log_dose_ours", str(long), count)
    floor = measure.repeat(runs, measure.run_script, "log_dose_floor", str(long), count)
    return [Row("log one dose (validate, write, audit, refresh today's totals), twenty-year diary",
                ours.median, floor.median, 3.0, "ms",
                note="floor: raw sqlite3 INSERT and COMMIT, same pragmas")]


def log_dose_checking(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    """The day's full check in the background must not hold a dose up by more than the length
    of one transaction: the dose logged during it against the same dose logged alone."""
    count = "10" if quick else "20"
    found = measure.repeat_json(runs, measure.run_json, "log_dose_checking", str(long), count)
    during, alone = measure.sample(found, "during"), measure.sample(found, "alone")
    overlapped = min(int(str(run["overlapped"])) for run in found)
    return [Row("log one dose while the day's full check of the twenty-year diary runs in the "
                "background, against the same dose logged alone", during.median, alone.median,
                2.0, "ms", note="target 2x: at most one transaction's length more (the dose "
                f"alone is one transaction); the least doses that overlapped a check in a run: "
                f"{overlapped} of {count}")]


def trends(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    found = []
    ranges = (("90 days", 90), ("10 years", 3650)) if quick else (
        ("90 days", 90), ("1 year", 365), ("10 years", 3650))
    for label, days in ranges:
        ours = measure.repeat(runs, measure.run_script, "chart_ours", str(long), str(days))
        floor = measure.repeat(runs, measure.run_script, "chart_floor", str(long), str(days))
        loads = measure.repeat(1, measure.run_script, "chart_ours", str(long), str(days),
                               key="load")
        found.append(Row(f"trends chart, {label}, canvas draw offscreen", ours.median,
                         floor.median, 1.5,
                         note=f"data loaded beforehand in {loads.median * 1000:.0f} ms"))
    return found


def report(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    found = []
    ranges = (("90 days", 90),) if quick else (("90 days", 90), ("10 years", 3650))
    for label, days in ranges:
        times = runs if days <= 365 else min(runs, 3)  # a ten-year report takes many seconds
        ours = measure.repeat(times, measure.run_script, "report_ours", str(long), str(days))
        pages = int(measure.run_script("report_ours", str(long), str(days), key="pages"))
        floor = measure.repeat(times, measure.run_script, "report_floor", str(long), str(days))
        found.append(Row(f"report PDF, {label} ({pages} pages)", ours.median, floor.median, 2.0,
                         note="floor: the same page figures, drawn beforehand, saved by a bare "
                         "PdfPages"))
    return found


def history(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    big = measure.repeat(runs, measure.run_script, "history_open", str(long))
    small = measure.repeat(runs, measure.run_script, "history_open", str(month))
    return [Row("open the history view: twenty-year diary against one-month diary", big.median,
                small.median, 1.2, note="the floor is the one-month diary")]


def today(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    """The command a timer or a caregiver runs: its cost must not grow with the years. The first
    run of each diary does the day's full integrity check; the runs measured come after it."""
    home = measure.new_home()
    first_long = measure.run_json("today_cli", str(long), home=home)
    first_month = measure.run_json("today_cli", str(month), home=home)
    big, small = measure.interleaved(runs, measure.run_json, ("today_cli", str(long)),
                                     ("today_cli", str(month)), home=home)
    first_said(first_long, first_month)
    said = (checks_said(first_long, big, "twenty years")
            + checks_said(first_month, small, "one month"))
    return [Row("`today` on the command line: twenty-year diary against one-month diary",
                measure.sample(big, "seconds").median, measure.sample(small, "seconds").median,
                1.3, note="the floor is the one-month diary; the day's first run, with the full "
                f"check, took {first_long['seconds']:.2f} s on twenty years and "
                f"{first_month['seconds']:.2f} s on one month{said}"),
            Row("`today`, peak memory: twenty-year diary against one-month diary",
                measure.sample(big, "megabytes").median,
                measure.sample(small, "megabytes").median, 1.25, "MB",
                note="the floor is the one-month diary; the day's first run: "
                f"{first_long['megabytes']:.0f} MB on twenty years, "
                f"{first_month['megabytes']:.0f} MB on one month")]


def memory(long: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    home = measure.new_home()

    def peak(diary: Path) -> dict[str, float]:
        return measure.run_json("memory", str(diary), tempfile.mkdtemp(prefix="md-bench-"),
                                home=home)

    first_long, first_month = peak(long), peak(month)
    big, small = measure.interleaved(runs, peak, (long,), (month,))
    first_said(first_long, first_month)
    said = (checks_said(first_long, big, "twenty years")
            + checks_said(first_month, small, "one month"))
    return [Row("peak memory, twenty-year diary with the trends of all of it shown, against the "
                "one-month diary", measure.sample(big, "megabytes").median,
                measure.sample(small, "megabytes").median, 1.25, "MB",
                note="the floor is the one-month diary; peak resident size of the process, the "
                f"diary opened before in the day (the day's first open: "
                f"{first_long['megabytes']:.0f} MB on twenty years){said}")]


def first_said(long: dict[str, float], month: dict[str, float]) -> None:
    """Print what the day's first open (the one with the full check) cost, on each diary."""
    def one(found: dict[str, float]) -> str:
        seconds = f"{found['seconds']:.2f} s, " if "seconds" in found else ""
        return f"{seconds}{found['megabytes']:.0f} MB"

    print(f"  the day's first open: {one(long)} on twenty years, {one(month)} on one month",
          flush=True)


def checks_said(first: dict[str, float], then: list[dict[str, float]], which: str) -> str:
    """What a note must add when the full checks did not run as a person's day has them: once at
    the day's first open and never after (printed at once too)."""
    counts = [one.get("full_checks") for one in then]
    if first.get("full_checks") is None or None in counts:
        problem = f"{which}: the full checks could not be counted"
    elif first["full_checks"] != 1 or any(counts):
        problem = (f"{which}: the day's first open ran {first['full_checks']:.0f} full "
                   f"check(s), and {sum(1 for count in counts if count)} of the {len(counts)} "
                   "opens measured after it ran one")
    else:
        return ""
    print(f"  note: {problem}", flush=True)
    return f" (NB: {problem})"


FIGURES = {figure.__name__: figure for figure in
           (startup, window, log_dose, log_dose_checking, trends, report, history, today,
             memory)}


# --- the results file --------------------------------------------------------------------------
def fmt(seconds: float, unit: str) -> str:
    if unit == "ms":
        return f"{seconds * 1000:.2f} ms"
    if unit == "MB":
        return f"{seconds:.0f} MB"
    return f"{seconds * 1000:.0f} ms"


def machine() -> list[str]:
    import os

    return [
        f"- when: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PySide6 {version('PySide6-Essentials')}, matplotlib {version('matplotlib')}, "
        f"sqlite-utils {version('sqlite-utils')}",
    ]


def results(rows: list[Row], runs: int) -> str:
    lines = ["# Benchmark results", "",
             "Written by `python -m bench`; each figure is the median of "
             f"{runs} runs, each in a fresh process, measured in the same run as its floor.", "",
             *machine(), "",
             "| figure | ours | floor | ratio | target | |", "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.figure} | {fmt(row.ours, row.unit)} | {fmt(row.floor, row.unit)} "
                     f"| {row.ratio:.2f}x | at most {row.target}x | "
                     f"{'met' if row.met else '**missed**'} |")
    notes = [f"- {row.figure}: {row.note}" for row in rows if row.note]
    lines += ["", "## How each figure is measured", "", *notes]
    own = HERE / "notes.md"
    if own.exists():
        lines += ["", own.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
