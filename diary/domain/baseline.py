"""Which days a symptom's baseline and its recent days are, for the before-and-after chart and
page 1 of the report.

A clinician judges a treatment against how the person was before it began: a 30% fall in
spasticity from the untreated baseline is the usual responder cut-off. So by default the baseline
is the last PERIOD_DAYS days with a spasticity rating before the first scheduled dose of the
plan, wherever the range starts; only when the diary holds no such ratings (or the treatment has
not begun by the range's end) are the first rated days of the range used instead. The person can
also choose the baseline, which then wins. The recent period is always the range's last week.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from enum import StrEnum

from diary.domain.daytime import check_order
from diary.domain.entities import PlanStep
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError

Period = tuple[date, date]  # first and last diary day, both inclusive

PERIOD_DAYS = 7
RESPONDER_SYMPTOM = "spasticity"
# Ratings further back than this before the first dose are not "how it was just before": a
# diary kept for a month, put aside, then taken up with the treatment has no baseline.
BASELINE_SEARCH_DAYS = 28


class Basis(StrEnum):
    """Where the baseline came from, for the words shown beside it."""

    TREATMENT = "before treatment began"  # the rated days just before the first scheduled dose
    RANGE = "first rated days of the range"
    CHOSEN = "chosen for this report"  # the days the person chose


@dataclass(frozen=True)
class Comparison:
    """The two periods compared and every symptom's daily mean rating on their days.

    daily: symptom id -> diary day -> mean rating, on the days of both periods that have one
    (the baseline may lie before the range, so it cannot be read from the range's ratings)."""

    baseline: Period
    recent: Period
    basis: Basis
    daily: Mapping[int, Mapping[date, float]]


def recent_period(start: date, end: date) -> Period:
    """The last PERIOD_DAYS days of the range, or its second half when the range is under two
    weeks (so that the two periods never overlap), or the one day of a one-day range."""
    days = (end - start).days + 1
    if days < 2:
        return start, end
    if days < 2 * PERIOD_DAYS:
        return start + timedelta(days=days // 2), end
    return end - timedelta(days=PERIOD_DAYS - 1), end


def range_baseline(start: date, end: date, rated: Sequence[date]) -> Period:
    """The first PERIOD_DAYS days of the range with a rating (`rated`, sorted) before the recent
    period, from the first such day to the 7th, so rated days, not calendar days, count; the
    range's first 7 days when none is rated there. Under two weeks: the first half."""
    recent = recent_period(start, end)
    if recent == (start, end):
        return start, end
    if recent[0] - start < timedelta(days=PERIOD_DAYS):
        return start, recent[0] - timedelta(days=1)
    before = [day for day in rated if start <= day < recent[0]]
    if before:
        return before[0], before[min(PERIOD_DAYS, len(before)) - 1]
    return start, start + timedelta(days=PERIOD_DAYS - 1)


def responder_symptom(symptoms: Iterable[Symptom]) -> Symptom | None:
    """The symptom whose 30% fall makes a responder: spasticity, by name."""
    return next((s for s in symptoms if s.name.casefold() == RESPONDER_SYMPTOM), None)


def treatment_start(steps: Iterable[PlanStep]) -> date | None:
    """The day the first plan step with scheduled doses began (as-needed steps are not a
    treatment schedule), or None when the plan has none."""
    return min((s.start for s in steps if s.times), default=None)


def baseline_search(began: date) -> Period:
    """The days searched for a before-treatment baseline."""
    return began - timedelta(days=BASELINE_SEARCH_DAYS), began - timedelta(days=1)


def treatment_baseline(began: date, rated: Sequence[date], recent: Period) -> Period | None:
    """The last PERIOD_DAYS days with a rating (`rated`, sorted) in the BASELINE_SEARCH_DAYS
    before `began` and before the recent period; None when there is none."""
    first, last = baseline_search(began)
    last = min(last, recent[0] - timedelta(days=1))
    before = [day for day in rated if first <= day <= last]
    if not before:
        return None
    return before[-min(PERIOD_DAYS, len(before))], before[-1]


def period_text(period: Period) -> str:
    first, last = period
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def baseline_text(comparison: Comparison) -> str:
    """'before treatment began, 25–31 Aug 2026': where the baseline came from, and its days."""
    return f"{comparison.basis.value}, {period_text(comparison.baseline)}"


def check_baseline(baseline: Period, recent: Period, field: str = "baseline") -> None:
    """A chosen baseline must be a real period that ends before the recent days begin."""
    first, last = baseline
    check_order(first, last, field, "the baseline")
    if last >= recent[0]:
        raise ValidationError(
            field, f"the baseline ({first} to {last}) must end before the recent days, "
            f"which begin on {recent[0]}")
