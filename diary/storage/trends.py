"""Loading the trend data of a range of diary days: SQL aggregates for totals and daily ratings,
the domain's adherence for day statuses, every rating with the hours since the last dose of each
scheduled medication."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import tzinfo

from diary.domain.baseline import Basis
from diary.domain.baseline import Comparison
from diary.domain.baseline import Period
from diary.domain.baseline import baseline_search
from diary.domain.baseline import check_baseline
from diary.domain.baseline import range_baseline
from diary.domain.baseline import recent_period
from diary.domain.baseline import responder_symptom
from diary.domain.baseline import treatment_baseline
from diary.domain.baseline import treatment_start
from diary.domain.daytime import check_order
from diary.domain.entities import DailyRating
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Symptom
from diary.domain.stats import adherence
from diary.domain.trends import DOSE_LOOKBACK
from diary.domain.trends import TrendData
from diary.domain.trends import day_statuses
from diary.domain.trends import expected_daily
from diary.domain.trends import points_by_medication
from diary.domain.trends import scheduled_medications
from diary.storage.store import DiaryStore


def load_trends(
    store: DiaryStore, start: date, end: date, now: datetime, tz: tzinfo, *,
    baseline: Period | None = None,
) -> TrendData:
    """The trend data of diary days `start`..`end` (inclusive), with doses still due at `now`
    (read in zone `tz`) pending rather than missed. Its comparison uses `baseline` when given
    (it may lie before the range), else the default of diary.domain.baseline."""
    check_order(start, end)
    recent = recent_period(start, end)
    if baseline is not None:
        check_baseline(baseline, recent)
    info = store.info()
    steps = store.plans.steps()
    totals: dict[int, dict[date, int]] = defaultdict(dict)
    doses_taken: dict[int, int] = defaultdict(int)
    for total in store.intakes.daily_totals(start, end):
        totals[total.medication_id][total.day] = total.total
        doses_taken[total.medication_id] += total.doses
    ratings: dict[int, dict[date, DailyRating]] = defaultdict(dict)
    for rating in store.ratings.daily(start, end):
        ratings[rating.symptom_id][rating.day] = rating
    # Doses a day or two before the range still explain the first ratings in it.
    lookback_days = DOSE_LOOKBACK.days + 1
    intakes = store.intakes.between(start - timedelta(days=lookback_days), end)
    outcomes = adherence(
        steps, intakes, start, end, now, info.day_starts_at, tz,
        timedelta(minutes=info.on_time_window_minutes),
    )
    # Hours count from each scheduled medication's own doses, for those taken in the range.
    followed = scheduled_medications(steps) & set(doses_taken)
    doses: dict[int, list[datetime]] = {mid: [] for mid in sorted(followed)}
    for intake in intakes:
        if intake.status is IntakeStatus.TAKEN and intake.medication_id in doses:
            doses[intake.medication_id].append(intake.at)
    symptoms = _symptoms_in_range(store, set(ratings))
    return TrendData(
        start=start,
        end=end,
        day_starts_at=info.day_starts_at,
        medications=_medications_in_range(store, steps, set(totals), start, end),
        symptoms=symptoms,
        totals=dict(totals),
        expected=expected_daily(steps, start, end),
        ratings=dict(ratings),
        points_by_medication=points_by_medication(store.ratings.between(start, end), doses),
        day_status=day_statuses(outcomes, start, end),
        events=store.events.between(start, end),
        comparison=_comparison(store, steps, ratings, start, end, baseline),
        doses_taken=dict(doses_taken),
    )


def _comparison(
    store: DiaryStore, steps: list[PlanStep],
    ratings: dict[int, dict[date, DailyRating]], start: date, end: date,
    chosen: Period | None,
) -> Comparison:
    recent = recent_period(start, end)
    basis, baseline = Basis.CHOSEN, chosen
    if baseline is None:
        # The responder among every symptom, as default_baseline finds it, not only the rated.
        responder = responder_symptom(store.symptoms.all(include_archived=True))
        basis, baseline = _default_baseline(store, steps, responder, ratings, start, end)
    daily = {sid: {day: r.mean for day, r in days.items()} for sid, days in ratings.items()}
    if baseline[0] < start:  # the baseline lies (partly) before the range: read its days too
        for rating in store.ratings.daily(baseline[0], min(baseline[1], end)):
            daily.setdefault(rating.symptom_id, {})[rating.day] = rating.mean
    return Comparison(baseline, recent, basis, daily)


def default_baseline(store: DiaryStore, start: date, end: date) -> tuple[Basis, Period]:
    """The baseline the comparison of diary days `start`..`end` takes when none is chosen, and
    where it comes from: for a dialog to show before the report is made."""
    steps = store.plans.steps()
    responder = responder_symptom(store.symptoms.all(include_archived=True))
    last = recent_period(start, end)[0] - timedelta(days=1)
    ratings: dict[int, dict[date, DailyRating]] = defaultdict(dict)
    if responder is not None and responder.id is not None and last >= start:
        for rating in store.ratings.daily(start, last):
            if rating.symptom_id == responder.id:
                ratings[responder.id][rating.day] = rating
    return _default_baseline(store, steps, responder, ratings, start, end)


def _default_baseline(
    store: DiaryStore, steps: list[PlanStep], responder: Symptom | None,
    ratings: Mapping[int, Mapping[date, DailyRating]], start: date, end: date,
) -> tuple[Basis, Period]:
    """The baseline before treatment began, else the range's first rated days (`ratings`: the
    range's daily ratings, of the responder symptom at least)."""
    rated_in_range = sorted(ratings.get(responder.id, {})) if responder and responder.id else []
    began = treatment_start(steps)
    if responder is not None and began is not None and began <= end:
        first, last = baseline_search(began)
        rated = sorted(r.day for r in store.ratings.daily(first, last)
                       if r.symptom_id == responder.id)
        found = treatment_baseline(began, rated, recent_period(start, end))
        if found is not None:
            return Basis.TREATMENT, found
    return Basis.RANGE, range_baseline(start, end, rated_in_range)


def _medications_in_range(
    store: DiaryStore, steps: list[PlanStep], dosed: set[int], start: date, end: date
) -> list[Medication]:
    """Medications (archived ones too) with a dose taken or a plan step in force in the range,
    in the store's order (by name)."""
    planned = {
        s.medication_id for s in steps if s.start <= end and (s.end is None or start <= s.end)
    }
    wanted = dosed | planned
    return [m for m in store.medications.all(include_archived=True) if m.id in wanted]


def _symptoms_in_range(store: DiaryStore, rated: set[int]) -> list[Symptom]:
    """Active symptoms, and archived ones rated in the range, in the user's order."""
    return [
        s for s in store.symptoms.all(include_archived=True)
        if s.archived_at is None or s.id in rated
    ]
