"""What became of the plan's doses as the store holds them (diary/storage/records/outcomes.py):
one reading of the plan, the outcomes of a range, and the History's pages with the missed doses
merged in by time, walked page by page against what the domain's adherence says of the whole."""

from __future__ import annotations

import random
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.daytime import local_day
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.plans.answers import MissedDose
from diary.domain.plans.answers import missed_dose
from diary.domain.stats import SlotStatus
from diary.domain.stats import adherence
from diary.domain.units import Unit
from diary.storage import EntryKind
from diary.storage import HistoryFilter
from diary.storage.records.history import DoseStatus
from diary.storage.records.outcomes import HistoryItem
from diary.storage.records.outcomes import Place
from diary.storage.records.outcomes import answers_by_intake
from diary.storage.records.outcomes import history_page
from diary.storage.records.outcomes import missed_counts
from diary.storage.records.outcomes import outcomes_between
from diary.storage.records.outcomes import read_plan
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW

TODAY = NOW.date()  # Thursday 26 November 2026, 21:00 in Paris
TID = (time(8), time(14), time(20))
START = TODAY - timedelta(days=9)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=NOW.tzinfo)


def fill(store: DiaryStore) -> dict[str, int]:
    """Baclofen three times a day for ten days, backdated on purpose: 08:00 taken on time every
    day, 14:00 taken late every other day, 20:00 skipped every third day (today's too), so 11
    doses missed; tizanidine taken as needed; a rating each evening and an event at noon."""
    bac = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    tiz = store.medications.add(Medication(name="Tizanidine", unit=Unit.MG))
    assert bac.id is not None and tiz.id is not None
    store.plans.add(PlanStep(bac.id, START, 20_000, TID))
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    for n in range(10):
        day = START + timedelta(days=n)
        store.intakes.add(Intake(bac.id, at(day, 8, 5), 20_000, slot=Slot(day, time(8))))
        if n % 2:
            store.intakes.add(Intake(bac.id, at(day, 15, 30), 20_000))  # late, unlinked
        if n % 3 == 0:
            store.intakes.add(Intake(bac.id, at(day, 20), 20_000, IntakeStatus.SKIPPED,
                                     Slot(day, time(20))))
        store.intakes.add(Intake(tiz.id, at(day, 17), 2_000))
        store.ratings.add(Rating(spasticity, at(day, 20, 30), n % 10))
        store.events.add(Event(at(day, 12), EventKind.OTHER, f"day {n}"))
    return {"baclofen": bac.id, "tizanidine": tiz.id}


@pytest.fixture
def ids(store: DiaryStore) -> dict[str, int]:
    return fill(store)


def walk(store: DiaryStore, where: HistoryFilter, limit: int) -> tuple[list[HistoryItem], int]:
    """Every page, from the top; the items and the number of pages."""
    plan = read_plan(store)
    place, items, pages = Place(), [], 0
    while True:
        page = history_page(store, where, place, limit, NOW, plan)
        items += page.items
        place, pages = page.place, pages + 1
        if not page.more:
            return items, pages


def truly_missed(store: DiaryStore, medication_id: int | None = None) -> list[MissedDose]:
    """The missed doses by the domain's adherence over the whole plan, newest first."""
    plan = read_plan(store)
    found = adherence(plan.steps, store.intakes.between(START, TODAY), START, TODAY, NOW,
                      plan.day_starts_at, NOW.tzinfo, plan.window)  # type: ignore[arg-type]
    return sorted((MissedDose(o.medication_id, o.slot, o.planned_amount,
                              at(o.slot.day, o.slot.time.hour))
                   for o in found if o.status is SlotStatus.MISSED
                   and medication_id in (None, o.medication_id)),
                  key=lambda m: m.at, reverse=True)


def stored(items: list[HistoryItem]) -> list[HistoryItem]:
    return [i for i in items if not isinstance(i, MissedDose)]


def missed(items: list[HistoryItem]) -> list[MissedDose]:
    return [i for i in items if isinstance(i, MissedDose)]


def test_read_plan(store: DiaryStore, ids: dict[str, int]) -> None:
    plan = read_plan(store)
    assert plan.first_day == START and plan.window == timedelta(minutes=60)
    assert plan.names == {ids["baclofen"]: "Baclofen", ids["tizanidine"]: "Tizanidine"}
    assert plan.of(ids["tizanidine"]) == [] and len(plan.of(None)) == 1


def test_outcomes_between_are_the_domains(store: DiaryStore, ids: dict[str, int]) -> None:
    found = outcomes_between(store, START, TODAY, NOW)
    assert len(found) == 30
    statuses = [o.status for o in found if o.slot.day == START + timedelta(days=1)]
    assert statuses == [SlotStatus.ON_TIME, SlotStatus.LATE, SlotStatus.MISSED]
    assert [o.status for o in found if o.slot.day == TODAY] == [
        SlotStatus.ON_TIME, SlotStatus.LATE, SlotStatus.SKIPPED]
    late = next(o for o in found if o.status is SlotStatus.LATE)
    assert late.intake is not None and answers_by_intake(found)[late.intake.id] == late  # type: ignore[index]


@pytest.mark.parametrize("limit", [1, 3, 7, 200])
def test_the_pages_merge_every_missed_dose_by_time(store: DiaryStore, ids: dict[str, int],
                                                   limit: int) -> None:
    items, pages = walk(store, HistoryFilter(), limit)
    every_stored = store.history.page(HistoryFilter(), None, 10_000)
    assert stored(items) == every_stored
    assert missed(items) == truly_missed(store) and len(missed(items)) == 11
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
    assert pages == max(1, -(-len(every_stored) // limit))
    # At one instant, the stored entries come first and the missed dose last.
    assert sum(missed_counts(store, HistoryFilter(), NOW, read_plan(store))) == 11


def test_missed_alone_come_a_month_of_days_at_a_time(store: DiaryStore) -> None:
    """A hundred days of a plan nobody followed: a page of missed doses alone reads a month of
    diary days, not the whole plan, and stops at the start of the oldest day it read."""
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    store.plans.add(PlanStep(med.id, TODAY - timedelta(days=99), 20_000, TID))
    where = HistoryFilter(status=DoseStatus.MISSED)
    plan = read_plan(store)
    first = history_page(store, where, Place(), 2, NOW, plan)
    # Read from tomorrow (a day beyond, for a slot after midnight) 31 days back: to 28 October.
    assert first.more and first.place.missed_above == at(TODAY - timedelta(days=29), 4)
    assert [m.slot.day for m in missed(first.items)][-1] == TODAY - timedelta(days=29)
    items, pages = walk(store, where, 2)
    assert pages == 4 and len(items) == 300 - 1  # today's 20:00 is still inside its window
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
    assert len(set(items)) == len(items)
    assert sum(missed_counts(store, where, NOW, plan)) == 299


def test_filters_apply_to_the_missed_doses(store: DiaryStore, ids: dict[str, int]) -> None:
    bac, tiz = ids["baclofen"], ids["tizanidine"]
    assert missed(walk(store, HistoryFilter(medication_id=bac), 5)[0]) == truly_missed(store)
    assert missed(walk(store, HistoryFilter(medication_id=tiz), 5)[0]) == []
    for text in ("BACLO", "missed", "Miss"):
        assert missed(walk(store, HistoryFilter(text=text), 5)[0]) == truly_missed(store), text
    assert missed(walk(store, HistoryFilter(text="tizan"), 5)[0]) == []
    for status in (DoseStatus.TAKEN, DoseStatus.SKIPPED):
        items = walk(store, HistoryFilter(status=status), 5)[0]
        assert missed(items) == [] and {i.status.value for i in items} == {status.value}  # type: ignore[union-attr]
    events = HistoryFilter(kinds=frozenset({EntryKind.EVENT}))
    assert missed(walk(store, events, 5)[0]) == []
    assert sum(missed_counts(store, events, NOW, read_plan(store))) == 0
    days = HistoryFilter(start=START + timedelta(days=2), end=START + timedelta(days=3))
    assert missed(walk(store, days, 4)[0]) == [m for m in truly_missed(store)
                                                if days.start <= m.slot.day <= days.end]  # type: ignore[operator]


def test_a_page_tells_which_slot_each_dose_answers(store: DiaryStore, ids: dict[str, int]) -> None:
    plan = read_plan(store)
    page = history_page(store, HistoryFilter(status=DoseStatus.TAKEN), Place(), 50, NOW, plan)
    late = [i for i in stored(page.items) if isinstance(i, Intake) and i.at.hour == 15]
    assert late and all(page.answers[i.id].status is SlotStatus.LATE for i in late)  # type: ignore[index]
    assert all(page.answers[i.id].slot.time == time(14) for i in late)  # type: ignore[index]


def test_an_archived_medication_misses_nothing_from_its_archive_day(
        store: DiaryStore, ids: dict[str, int], clock: list[datetime]) -> None:
    clock[0] = at(TODAY - timedelta(days=2), 10)
    store.medications.archive(ids["baclofen"])
    clock[0] = NOW
    archived_day = local_day(at(TODAY - timedelta(days=2), 10))
    found = missed(walk(store, HistoryFilter(), 50)[0])
    assert found == [m for m in truly_missed(store) if m.slot.day < archived_day]
    assert len(found) < 11


def test_the_count_goes_a_year_at_a_time(store: DiaryStore) -> None:
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    store.plans.add(PlanStep(med.id, TODAY - timedelta(days=800), 10_000, (time(9),)))
    counts = list(missed_counts(store, HistoryFilter(), NOW, read_plan(store)))
    assert counts == [366, 366, 69]  # 801 days, every one missed


# --- every page, walked, is the whole list once --------------------------------------------------
def random_diary(store: DiaryStore, seed: int, days: int = 75) -> dict[str, int]:
    """`days` diary days (well over a month of the look-back's chunks) of three medications,
    two to four doses a day, their plans starting on different days; each dose taken (on time,
    early or late, linked to its slot or not), skipped or missed at random, with events and
    ratings at random times in between."""
    rnd = random.Random(seed)
    first = TODAY - timedelta(days=days - 1)
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    plans: list[tuple[int, date, tuple[time, ...]]] = []
    for n, (name, times) in enumerate((("Baclofen", TID),
                                       ("Tizanidine", (time(8), time(22))),
                                       ("Fampridine", (time(7), time(11), time(15), time(19))))):
        med = store.medications.add(Medication(name=name, unit=Unit.MG))
        assert med.id is not None
        begins = first + timedelta(days=n * days // 5)
        store.plans.add(PlanStep(med.id, begins, 10_000, times))
        plans.append((med.id, begins, times))
    intakes: list[Intake] = []
    miss = 0.45 + 0.25 * rnd.random()  # some diaries thicker with missed doses than others
    for n in range(days):
        day = first + timedelta(days=n)
        for mid, begins, times in plans:
            for slot in (times if day >= begins else ()):
                fate = rnd.random()
                if fate < miss:
                    continue
                when = at(day, slot.hour) + timedelta(minutes=rnd.randrange(-40, 150))
                if when > NOW:
                    continue
                status = IntakeStatus.SKIPPED if fate > 0.92 else IntakeStatus.TAKEN
                linked = Slot(day, slot) if rnd.random() < 0.8 else None
                intakes.append(Intake(mid, when, 10_000, status, linked))
        for _ in range(rnd.randrange(3)):
            when = at(day, rnd.randrange(4, 24), rnd.randrange(60))
            if when <= NOW:
                store.events.add(Event(when, EventKind.OTHER, f"event of day {n}"))
        if rnd.random() < 0.5:
            store.ratings.add(Rating(spasticity, at(day, 8), rnd.randrange(11)))
    store.intakes.add_all(intakes)
    return {"first": first.toordinal(), "med": plans[0][0], "late_med": plans[2][0]}


def every_row(store: DiaryStore, where: HistoryFilter) -> list[HistoryItem]:
    """What the History holds for `where`, worked out in one go with no pages: every stored
    entry (one query) and every missed dose (the domain's adherence over every day of the
    plan), newest first; at one instant the stored entries first, then the missed doses by
    medication."""
    plan = read_plan(store)
    tz = NOW.tzinfo
    assert tz is not None and plan.first_day is not None
    entries: list[HistoryItem] = []
    if where.status is not DoseStatus.MISSED:
        entries += store.history.page(where, None, 1_000_000)
    if where.shows_missed():
        low = max(plan.first_day, where.start or plan.first_day)
        high = min(TODAY, where.end or TODAY)
        found = adherence(plan.of(where.medication_id), store.intakes.between(low, high), low,
                          high, NOW, plan.day_starts_at, tz, plan.window)
        entries += sorted((missed_dose(o, plan.day_starts_at, tz) for o in found
                           if o.status is SlotStatus.MISSED
                           and where.search_matches(plan.names[o.medication_id])),
                          key=lambda m: m.medication_id)
    # Stable: the stored entries keep the store's order at one instant.
    return sorted(entries, key=lambda i: (-i.at.timestamp(), isinstance(i, MissedDose)))


def page_filters(ids: dict[str, int]) -> dict[str, HistoryFilter]:
    """All entries, doses, the missed doses alone, one medication (its plan began later) and a
    range of days reaching over more than one month of the look-back's chunks."""
    first = date.fromordinal(ids["first"])
    return {
        "all": HistoryFilter(),
        "doses": HistoryFilter(kinds=frozenset({EntryKind.DOSE})),
        "missed": HistoryFilter(status=DoseStatus.MISSED),
        "medication": HistoryFilter(medication_id=ids["late_med"]),
        "days": HistoryFilter(start=first + timedelta(days=9), end=TODAY - timedelta(days=3)),
    }


def edge_limit(want: list[HistoryItem]) -> list[int]:
    """The page size whose first page's oldest stored entry falls in the middle of the first
    diary day of the look-back's first month (chunk): where a page that has found missed doses
    enough used to stop at that day's start, below its oldest entry, and lose those between."""
    day = TODAY - timedelta(days=29)  # the first chunk: tomorrow and the 30 days before
    stored_rows = [i for i in want if not isinstance(i, MissedDose)]
    on_day = [n for n, i in enumerate(stored_rows) if local_day(i.at) == day]
    return [on_day[len(on_day) // 2] + 1] if on_day else []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_page_walked_is_the_whole_list_once(store: DiaryStore, seed: int) -> None:
    """However a page stops (stored entries enough, or missed doses enough a month of days
    before its oldest entry's day), the pages together hold every stored entry and every
    missed dose exactly once, newest first, and the count is the number of rows."""
    ids = random_diary(store, seed)
    plan = read_plan(store)
    for name, where in page_filters(ids).items():
        want = every_row(store, where)
        assert len([i for i in want if isinstance(i, MissedDose)]) > 50, name
        count = store.history.count(where) + sum(missed_counts(store, where, NOW, plan))
        assert count == len(want), name
        for limit in (9, 50, 200, *edge_limit(want)):
            items, _ = walk(store, where, limit)
            assert len(set(items)) == len(items), (name, limit)
            assert items == want, (name, limit, seed)
