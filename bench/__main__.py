"""`python -m bench [--quick]`: every figure against its floor, in this run, on this machine.

Builds the deterministic demo diaries (ten years and one month), measures each figure several
times (in fresh processes), prints the medians with their ratio to the floor, and writes
bench/RESULTS.md (machine, versions, table, and the notes kept in bench/notes.md).
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench import diaries, measure

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
                        help="fewer repetitions and ranges (under a minute); not for RESULTS.md")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md",
                        help="where to write the results (default: bench/RESULTS.md)")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else 5
    folder = Path(tempfile.mkdtemp(prefix="md-bench-"))
    print("building the demo diaries (ten years, one month)…", flush=True)
    ten = diaries.build(folder, diaries.TEN_YEARS)
    month = diaries.build(folder, diaries.ONE_MONTH)
    rows: list[Row] = []
    for figure in FIGURES:
        found = figure(ten, month, runs, args.quick)
        for row in found:
            print(f"{row.figure}: {fmt(row.ours, row.unit)} vs {fmt(row.floor, row.unit)}"
                  f" = {row.ratio:.2f}x (target {row.target}x) {'ok' if row.met else 'MISSED'}",
                  flush=True)
        rows += found
    if not args.quick or args.out != HERE / "RESULTS.md":
        args.out.write_text(results(rows, runs), encoding="utf-8")
        print(f"written: {args.out}")
    return 0 if all(row.met for row in rows) else 1


# --- the figures -------------------------------------------------------------------------------
def startup(ten: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    ours = measure.repeat(runs, measure.until_ready, "startup_ours", str(ten))
    floor = measure.repeat(runs, measure.until_ready, "startup_floor")
    return [Row("start to main window shown and painted, ten-year diary", ours.median,
                floor.median, 1.5, note="floor: a bare QMainWindow of the same size")]


def log_dose(ten: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    count = "20" if quick else "50"
    ours = measure.repeat(runs, measure.run_script, "log_dose_ours", str(ten), count)
    floor = measure.repeat(runs, measure.run_script, "log_dose_floor", str(ten), count)
    return [Row("log one dose (validate, write, audit, refresh today's totals), ten-year diary",
                ours.median, floor.median, 3.0, "ms",
                note="floor: raw sqlite3 INSERT and COMMIT, same pragmas")]


def trends(ten: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    found = []
    ranges = (("90 days", 90), ("10 years", 3650)) if quick else (
        ("90 days", 90), ("1 year", 365), ("10 years", 3650))
    for label, days in ranges:
        ours = measure.repeat(runs, measure.run_script, "chart_ours", str(ten), str(days))
        floor = measure.repeat(runs, measure.run_script, "chart_floor", str(ten), str(days))
        loads = measure.repeat(1, measure.run_script, "chart_ours", str(ten), str(days),
                               key="load")
        found.append(Row(f"trends chart, {label}, canvas draw offscreen", ours.median,
                         floor.median, 1.5,
                         note=f"data loaded beforehand in {loads.median * 1000:.0f} ms"))
    return found


def report(ten: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    found = []
    ranges = (("90 days", 90),) if quick else (("90 days", 90), ("10 years", 3650))
    for label, days in ranges:
        times = runs if days <= 365 else min(runs, 3)  # a ten-year report takes many seconds
        ours = measure.repeat(times, measure.run_script, "report_ours", str(ten), str(days))
        pages = int(measure.run_script("report_ours", str(ten), str(days), key="pages"))
        floor = measure.repeat(times, measure.run_script, "report_floor", str(ten), str(days))
        found.append(Row(f"report PDF, {label} ({pages} pages)", ours.median, floor.median, 2.0,
                         note="floor: the same page figures, drawn beforehand, saved by a bare "
                         "PdfPages"))
    return found


def history(ten: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    big = measure.repeat(runs, measure.run_script, "history_open", str(ten))
    small = measure.repeat(runs, measure.run_script, "history_open", str(month))
    return [Row("open the history view: ten-year diary against one-month diary", big.median,
                small.median, 1.2, note="the floor is the one-month diary")]


def today(ten: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    """The command a timer or a caregiver runs: its cost must not grow with the years. The first
    run of each diary does the day's full integrity check; the runs measured come after it."""
    first = measure.run_script("today_cli", str(ten))
    measure.run_script("today_cli", str(month))
    big = measure.repeat(runs, measure.run_script, "today_cli", str(ten))
    small = measure.repeat(runs, measure.run_script, "today_cli", str(month))
    big_mb = measure.repeat(runs, measure.run_script, "today_cli", str(ten), key="megabytes")
    small_mb = measure.repeat(runs, measure.run_script, "today_cli", str(month), key="megabytes")
    return [Row("`today` on the command line: ten-year diary against one-month diary",
                big.median, small.median, 1.3,
                note=f"the floor is the one-month diary; the day's first run, with the full "
                f"check, took {first:.2f} s"),
            Row("`today`, peak memory: ten-year diary against one-month diary", big_mb.median,
                small_mb.median, 1.25, "MB", note="the floor is the one-month diary")]


def memory(ten: Path, month: Path, runs: int, quick: bool) -> list[Row]:
    def peak(diary: Path) -> float:
        return measure.run_script("memory", str(diary), tempfile.mkdtemp(prefix="md-bench-"),
                                  key="megabytes")

    big = measure.repeat(runs, peak, ten)
    small = measure.repeat(runs, peak, month)
    return [Row("peak memory, ten-year diary with the trends of all of it shown, against the "
                "one-month diary", big.median, small.median, 1.25, "MB",
                note="the floor is the one-month diary; peak resident size of the process")]


FIGURES = [startup, log_dose, trends, report, history, today, memory]


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
