"""What became of the plan's doses, as the store holds them: one reading of the plan, the
medications and the intakes of some diary days, answered by the domain's one rule
(`diary.domain.plans.answers`). The History, the summary and the command line all read here, so
that none of them decides on its own what "missed" means.

The History's pages (`history_page`) are the stored entries of `store.history.page` with the
missed doses merged in by time. A page of stored entries whose oldest is at T_old, after a page
that ended at T_prev, gets the missed doses due in (T_old, T_prev]; the last page goes down to
the plan's first day. Missed doses are looked for CHUNK_DAYS diary days at a time, so a filter
that leaves few stored entries (the missed doses alone) still reads a page's worth, not ten
years; and their count (`missed_counts`) comes a year at a time, for a caller that counts
without keeping the window waiting.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import TYPE_CHECKING

from diary.domain.daytime import day_bounds
from diary.domain.daytime import local_day
from diary.domain.entities import Intake
from diary.domain.entities import PlanStep
from diary.domain.plans.answers import MissedDose
from diary.domain.plans.answers import Stretch
from diary.domain.plans.answers import expected_steps
from diary.domain.plans.answers import first_expected_day
from diary.domain.plans.answers import missed_between
from diary.domain.stats import SlotOutcome
from diary.domain.stats import adherence
from diary.storage.records.history import Entry
from diary.storage.records.history import EntryKind
from diary.storage.records.history import HistoryFilter
from diary.storage.records.history import kind_of

if TYPE_CHECKING:
    from diary.storage.store import DiaryStore

CHUNK_DAYS = 31  # a History page looks for missed doses a month of diary days at a time
COUNT_DAYS = 366  # the count of missed doses goes a year at a time
TIMING_DAYS = 400  # a page of doses spread wider than this shows no lateness (it would cost)

HistoryItem = Entry | MissedDose


@dataclass(frozen=True)
class Plan:
    """One reading of what the plan expects: the steps answers are expected to (an archived
    medication's end the day before it was archived), the medications' names by id, the day's
    start, the on-time window, and the first day a dose was expected (None: never)."""

    steps: list[PlanStep]
    names: dict[int, str]
    day_starts_at: time
    window: timedelta
    first_day: date | None

    def of(self, medication_id: int | None) -> list[PlanStep]:
        """The steps of one medication, or all of them (None)."""
        if medication_id is None:
            return self.steps
        return [s for s in self.steps if s.medication_id == medication_id]


def read_plan(store: DiaryStore) -> Plan:
    info = store.info()
    medications = store.medications.all(include_archived=True)
    steps = expected_steps(store.plans.steps(), medications, info.day_starts_at)
    return Plan(steps, {m.id: m.name for m in medications if m.id is not None},
                info.day_starts_at, timedelta(minutes=info.on_time_window_minutes),
                first_expected_day(steps))


def outcomes_between(store: DiaryStore, start: date, end: date, now: datetime, *,
                     plan: Plan | None = None) -> list[SlotOutcome]:
    """The outcome of every dose the plan expected on diary days `start`..`end` (both included),
    as of `now` (its zone places the slots nobody answered), in time order."""
    tz = now.tzinfo
    assert tz is not None
    with store.reading():
        plan = plan or read_plan(store)
        intakes = store.intakes.between(start, end)
    return adherence(plan.steps, intakes, start, end, now, plan.day_starts_at, tz, plan.window)


def answers_by_intake(outcomes: Sequence[SlotOutcome]) -> dict[int, SlotOutcome]:
    """The slot each stored intake answers, by the intake's id."""
    return {o.intake.id: o for o in outcomes if o.intake is not None and o.intake.id is not None}


# --- the History ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    """Where a History page ended: the last stored entry shown (the next page's stored entries
    come after it) and the instant down to which missed doses were shown (the next page shows
    those due at or before it; None at the top)."""

    entry: Entry | None = None
    missed_above: datetime | None = None


@dataclass(frozen=True)
class Page:
    """Stored entries and missed doses, newest first; `answers` the slot each of the page's doses
    answers (by intake id), where it was worked out; `more` whether a next page holds more."""

    items: list[HistoryItem]
    answers: dict[int, SlotOutcome]
    place: Place
    more: bool


def history_page(store: DiaryStore, where: HistoryFilter, place: Place, limit: int,
                 now: datetime, plan: Plan) -> Page:
    """Up to `limit` stored entries after `place` matching `where`, with the missed doses due
    among them merged in (more than `limit` items in all, or fewer stored entries when missed
    doses alone fill a page)."""
    with store.reading():
        found = store.history.page(where, place.entry, limit + 1)
        more = len(found) > limit
        stored = found[:limit]
        low = stored[-1].at if more else None
        days = _page_days(where, place, stored, low, now, plan)
        stretch = _look_back(store, where, days, (low, place.missed_above or now), now, plan,
                             limit if where.shows_missed() else None)
    cut = stretch.cut
    if cut is not None:
        stored = [e for e in stored if e.at > cut]
        more = True
    last = stored[-1] if stored else place.entry
    items: list[HistoryItem] = [*stored, *stretch.missed]
    items.sort(key=_newest_first)
    return Page(items, answers_by_intake(stretch.outcomes), Place(last, cut or low), more)


def missed_counts(store: DiaryStore, where: HistoryFilter, now: datetime,
                  plan: Plan) -> Iterator[int]:
    """The missed doses matching `where`, counted COUNT_DAYS diary days at a time from the
    newest: their sum is how many rows of the History are missed doses."""
    if not where.shows_missed() or plan.first_day is None:
        return
    tz = now.tzinfo
    assert tz is not None
    top = local_day(now, plan.day_starts_at)
    if where.end is not None:
        top = min(top, where.end)
    bottom = max(plan.first_day, where.start or plan.first_day)
    while top >= bottom:
        start = max(bottom, top - timedelta(days=COUNT_DAYS - 1))
        with store.reading():
            intakes = store.intakes.between(start, top, where.medication_id)
        yield len(_missed(where, plan, intakes, (start, top), (None, None), now))
        top = start - timedelta(days=1)


@dataclass(frozen=True)
class _Found:
    outcomes: list[SlotOutcome]
    missed: list[MissedDose]
    cut: datetime | None  # missed doses were looked for only after this instant


def _page_days(where: HistoryFilter, place: Place, stored: list[Entry], low: datetime | None,
               now: datetime, plan: Plan) -> tuple[date, date] | None:
    """The diary days a page looks at for missed doses and for its doses' slots: from the page's
    top to its oldest entry (or the plan's first day on the last page), within the filter's
    days; None when the page needs none."""
    if plan.first_day is None or EntryKind.DOSE not in where.shown_kinds():
        return None
    tz = now.tzinfo
    assert tz is not None
    doses = [e for e in stored if kind_of(e) is EntryKind.DOSE]
    if where.shows_missed():
        high = place.missed_above or now
        bottom = plan.first_day if low is None else _day(low, plan) - timedelta(days=1)
    elif doses:  # only for the doses' lateness, and only when it is cheap
        high, bottom = doses[0].at, _day(doses[-1].at, plan) - timedelta(days=1)
    else:
        return None
    top = _day(high.astimezone(tz), plan) + timedelta(days=1)
    if where.end is not None:
        top = min(top, where.end)
    bottom = max(bottom, plan.first_day, where.start or plan.first_day)
    if not where.shows_missed() and (top - bottom).days > TIMING_DAYS:
        return None
    return (bottom, top) if bottom <= top else None


def _look_back(store: DiaryStore, where: HistoryFilter, days: tuple[date, date] | None,
               bounds: tuple[datetime | None, datetime], now: datetime, plan: Plan,
               enough: int | None) -> _Found:
    """The outcomes of `days`, newest chunk first, and the missed doses among them inside
    `bounds` (only when `enough` is given); once `enough` are found with days left below, the
    look stops at the start of the last day read (`cut`).

    It stops only when that start is later than `bounds[0]` (the page's oldest stored entry):
    the missed doses below `bounds[0]` are the next page's, so a cut at or below it would tell
    the next page to begin at the cut while those between the cut and `bounds[0]` were shown
    by neither. Reading on costs at most the day or two left down to that entry's day."""
    if days is None:
        return _Found([], [], None)
    bottom, top = days
    low = bounds[0]
    tz = now.tzinfo
    assert tz is not None
    outcomes: list[SlotOutcome] = []
    missed: list[MissedDose] = []
    while top >= bottom:
        start = max(bottom, top - timedelta(days=CHUNK_DAYS - 1))
        intakes = store.intakes.between(start, top, where.medication_id)
        if enough is None:
            outcomes += adherence(plan.of(where.medication_id), intakes, start, top, now,
                                  plan.day_starts_at, tz, plan.window)
        else:
            stretch = _stretch(where, plan, intakes, (start, top), bounds, now)
            outcomes += stretch.outcomes
            missed += [m for m in stretch.missed if where.search_matches(plan.names[
                m.medication_id])]
            cut = day_bounds(start, plan.day_starts_at, tz)[0]
            if len(missed) >= enough and start > bottom and (low is None or cut > low):
                return _Found(outcomes, [m for m in missed if m.at > cut], cut)
        top = start - timedelta(days=1)
    return _Found(outcomes, missed, None)


def _stretch(where: HistoryFilter, plan: Plan, intakes: list[Intake], days: tuple[date, date],
             bounds: tuple[datetime | None, datetime | None], now: datetime) -> Stretch:
    tz = now.tzinfo
    assert tz is not None
    return missed_between(plan.of(where.medication_id), intakes, days, bounds, now,
                          plan.day_starts_at, tz, plan.window)


def _missed(where: HistoryFilter, plan: Plan, intakes: list[Intake], days: tuple[date, date],
            bounds: tuple[datetime | None, datetime | None], now: datetime) -> list[MissedDose]:
    return [m for m in _stretch(where, plan, intakes, days, bounds, now).missed
            if where.search_matches(plan.names[m.medication_id])]


def _day(at: datetime, plan: Plan) -> date:
    return local_day(at, plan.day_starts_at)


def _newest_first(item: HistoryItem) -> tuple[float, int, int]:
    """The History's order: the newest instant first; at one instant events, ratings, doses
    (each in the order saved), then the missed doses by medication."""
    if isinstance(item, MissedDose):
        return -item.at.timestamp(), 1, item.medication_id
    rank = {EntryKind.EVENT: -3, EntryKind.RATING: -2, EntryKind.DOSE: -1}[kind_of(item)]
    assert item.id is not None
    return -item.at.timestamp(), rank, item.id
