"""The trend data of the last N days of a diary, loaded before any timing starts, and the arrays
both the chart and its floor draw."""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))

from bench.diaries import NOW
from diary.domain.daytime import local_day
from diary.domain.stats import days_between
from diary.domain.stats import rolling_mean
from diary.domain.trends import TrendData
from diary.domain.trends import weekly
from diary.storage.store import open_diary
from diary.storage.trends import load_trends

WIDTH, HEIGHT = 7.5, 7.0  # inches, the trends chart's size
DPI = 100


def load(path: Path, days: int) -> tuple[TrendData, float]:
    """The data and the seconds load_trends took."""
    with open_diary(path, read_only=True) as store:
        end = local_day(NOW, store.info().day_starts_at)
        start = end - timedelta(days=days - 1)
        started = time.perf_counter()
        data = load_trends(store, start, end, NOW, NOW.tzinfo)
        return data, time.perf_counter() - started


def series(data: TrendData) -> tuple[list[dict], list[dict]]:
    """Per medication (daily totals and the plan) and per symptom (daily means and their 7-day
    rolling mean), aggregated by week as the chart does on long ranges."""
    meds = []
    for med in data.medications:
        totals = {day: data.totals.get(med.id or 0, {}).get(day, 0) / 1000
                  for day in days_between(data.start, data.end)}
        expected = {d: v / 1000 for d, v in data.expected.get(med.id or 0, {}).items()}
        if data.by_week:
            totals, expected = weekly(totals), weekly(expected)
        meds.append({"totals": totals, "expected": expected,
                     "max": (med.max_daily or 0) / 1000})
    symptoms = []
    for symptom in data.symptoms:
        means = {d: r.mean for d, r in data.ratings.get(symptom.id or 0, {}).items()}
        rolling = rolling_mean(means)
        if data.by_week:
            means, rolling = weekly(means), weekly(rolling)
        symptoms.append({"means": means, "rolling": rolling, "scale": symptom.scale_max})
    return meds, symptoms
