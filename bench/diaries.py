"""The deterministic demo diaries the benchmarks run on, built once per run in a temporary
folder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from diary.demo import build_demo

NOW = datetime(2026, 11, 26, 21, 0, tzinfo=timezone(timedelta(hours=1)))
TEN_YEARS = 3650
ONE_MONTH = 30
SEED = 1


def build(folder: Path, days: int) -> Path:
    path = folder / f"demo-{days}d.sqlite"
    if not path.exists():
        build_demo(path, days=days, seed=SEED, now=NOW)
    return path
