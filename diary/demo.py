"""A realistic, deterministic demo diary of a made-up person starting oral baclofen.

The story: a week of ratings without baclofen (the baseline), then the label's titration from 5 mg
three times a day, +5 mg per dose every 3 days, to a stable 20 mg three times a day. Doses are
mostly on time, some late, a few missed or skipped; paracetamol is taken as needed for headaches.
Evening ratings of the four seeded symptoms respond to the dose: spasticity falls as the dose
rises, drowsiness is worse in the hours after a dose (and wanes over the weeks), nausea follows
each increase. A few events: the clinic visit that starts it, the clinician's dose plan, a flu.

Everything random comes from `random.Random(seed)`: the same seed, days, `today` and `now` give
the same diary. Entries after `now` are left out, so a demo made in the morning ends there.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import tzinfo
from pathlib import Path

from diary.domain.daytime import DEFAULT_DAY_STARTS_AT
from diary.domain.daytime import fixed
from diary.domain.daytime import local_day
from diary.domain.daytime import slot_instant
from diary.domain.entities import SEEDED_SYMPTOMS
from diary.domain.entities import DiaryInfo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.plans.steps import step_on
from diary.domain.plans.steps import titration_template
from diary.domain.templates import medication_from_template
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.storage.file import opening
from diary.storage.file import uselock
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary

DEFAULT_DAYS = 120
DEFAULT_SEED = 1
MAX_DAYS = 20 * 366
BASELINE_DAYS = 7
TARGET_PER_DOSE = 20 * SCALE  # the prescriber's target in this story: 20 mg three times a day
FULL_EFFECT = 60 * SCALE  # the daily amount at which spasticity has fallen the most
PARACETAMOL_DOSE = 1000 * SCALE
EVENING = time(21, 0)
PERSON = "Sam Demo (a made-up person)"


@dataclass
class Person:
    """The state the story carries from one day to the next."""

    rng: random.Random
    effect: float = 0.0  # smoothed daily baclofen (mg): the effect builds and fades over days
    intakes: list[Intake] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)


@dataclass(frozen=True)
class Story:
    first: date
    start: date  # the first day of baclofen
    ill: frozenset[date]
    tz: tzinfo
    baclofen: Medication
    paracetamol: Medication
    steps: list[PlanStep]
    symptoms: dict[str, int]


def build_demo(path: Path, days: int = DEFAULT_DAYS, seed: int = DEFAULT_SEED,
               today: date | None = None, *, now: datetime | None = None) -> None:
    """Write a new demo diary at `path` (refusing an existing file) with `days` days of entries
    ending on `today` (default: the diary day of `now`; `now` defaults to the system's time)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ValidationError("--days", f"{days} is not a number of days from 1 to {MAX_DAYS}")
    now = fixed(now if now is not None else datetime.now().astimezone())
    last = today if today is not None else local_day(now, DEFAULT_DAY_STARTS_AT)
    clock_now = now
    store = create_diary(path, DiaryInfo(name=PERSON), clock=lambda: clock_now)
    try:
        with store.write():
            _write_story(store, last - timedelta(days=days - 1), last, seed, now)
    except BaseException:
        store.close()
        for leftover in (path, *opening.companions(path), uselock.writer_lock_path(path)):
            leftover.unlink(missing_ok=True)
        raise
    store.close()


def _write_story(store: DiaryStore, first: date, last: date, seed: int, now: datetime) -> None:
    rng = random.Random(seed)
    tz = now.tzinfo
    assert tz is not None
    baclofen = store.medications.add(medication_from_template("baclofen"))
    paracetamol = store.medications.add(Medication(
        name="Paracetamol", unit=Unit.MG, form="tablet", max_daily=4000 * SCALE,
        min_interval_minutes=4 * 60, notes="As needed for headache: 1 g, at most 4 g a day.",
    ))
    assert baclofen.id is not None and paracetamol.id is not None
    start = first + timedelta(days=min(BASELINE_DAYS, (last - first).days // 5))
    steps = store.plans.add_all([
        *titration_template(baclofen, start, TARGET_PER_DOSE),
        PlanStep(paracetamol.id, first, PARACETAMOL_DOSE, note="As needed for headache"),
    ])
    story = Story(
        first=first, start=start, ill=frozenset(_ill_days(first, last, rng)), tz=tz,
        baclofen=baclofen, paracetamol=paracetamol, steps=steps,
        symptoms={name: store.symptoms.named(name).id or 0 for name in SEEDED_SYMPTOMS},
    )
    store.events.add_all([event for event in _events(story, last, rng) if event.at <= now])
    person = Person(rng)
    for day in _days(first, last):
        _live_day(story, person, day)
    # The store's clock is `now`: each entry is checked as one logged then would be.
    store.intakes.add_all([intake for intake in person.intakes if intake.at <= now])
    store.ratings.add_all([rating for rating in person.ratings if rating.at <= now])


def _days(first: date, last: date) -> Iterator[date]:
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def _ill_days(first: date, last: date, rng: random.Random) -> list[date]:
    """Three days of flu: once in a short demo, every six to nine months in a long one."""
    span = (last - first).days + 1
    if span < 30:
        return []
    starts = [first + timedelta(days=int(span * 0.6))]
    if span > 365:
        starts = []
        day = first + timedelta(days=70)
        while day + timedelta(days=2) <= last:
            starts.append(day)
            day += timedelta(days=rng.randint(180, 270))
    return [s + timedelta(days=n) for s in starts for n in range(3)]


def _events(story: Story, last: date, rng: random.Random) -> list[Event]:
    tz = story.tz
    events = []
    if story.start > story.first:
        events.append(Event(_at(story.start - timedelta(days=1), time(10, 30), tz),
                            EventKind.APPOINTMENT,
                            "Neurology clinic: stiffness and night spasms are getting worse. "
                            "Agreed to start oral baclofen."))
    events.append(Event(_at(story.start, time(7, 45), tz), EventKind.DOSE_CHANGE,
                        "Baclofen as prescribed: 5 mg three times a day, +5 mg per dose every "
                        "3 days up to 20 mg three times a day."))
    follow_up = story.start + timedelta(days=42)
    while follow_up <= last:
        events.append(Event(_at(follow_up, time(rng.choice((9, 11, 14)), 0), tz),
                            EventKind.APPOINTMENT,
                            "Follow-up: spasticity better, some drowsiness after doses. Stay on "
                            "20 mg three times a day."))
        follow_up += timedelta(days=182)
    for day in sorted(story.ill):
        if day - timedelta(days=1) not in story.ill:
            events.append(Event(_at(day, time(9, 15), tz), EventKind.ILLNESS,
                                "Flu: fever and aching, stayed in bed for three days."))
    return events


def _at(day: date, clock: time, tz: tzinfo) -> datetime:
    return fixed(slot_instant(day, clock, DEFAULT_DAY_STARTS_AT, tz))


def _live_day(story: Story, person: Person, day: date) -> None:
    rng = person.rng
    ill = day in story.ill
    taken_today = 0
    step = step_on(story.steps, story.baclofen.id or 0, day)
    for slot_time in step.times if step is not None else ():
        assert step is not None
        taken_today += _scheduled_dose(story, person, day, slot_time, step.amount, ill)
    headache_episode = rng.random() < (0.4 if ill else 0.05)
    if headache_episode:
        _paracetamol(story, person, day)
    person.effect += (taken_today / SCALE - person.effect) * 0.35
    if rng.random() < 0.3:  # now and then a daytime drowsiness rating too
        at = _at(day, time(rng.randint(9, 18), rng.choice((0, 15, 30, 45))), story.tz)
        _rate(story, person, "Drowsiness", at, _drowsiness(story, person, day, at))
    if rng.random() < 0.05:  # forgot the evening ratings
        return
    at = _at(day, EVENING, story.tz) + timedelta(minutes=rng.randint(-30, 60))
    raised = step is not None and step.start > story.start and (day - step.start).days < 2
    spasticity = 7.2 - 3.6 * min(person.effect / (FULL_EFFECT / SCALE), 1.0)
    _rate(story, person, "Spasticity", at, spasticity + (1.5 if ill else 0) + rng.gauss(0, 0.7),
          "Worse with the fever" if ill and rng.random() < 0.5 else "")
    _rate(story, person, "Drowsiness", at, _drowsiness(story, person, day, at))
    _rate(story, person, "Nausea", at,
          0.4 + (1.6 if raised else 0) + (2.0 if ill else 0) + rng.gauss(0, 0.6))
    headache = rng.uniform(5, 7.4) if headache_episode else rng.gauss(0.8, 0.8)
    _rate(story, person, "Headache", at, headache)


def _scheduled_dose(story: Story, person: Person, day: date, slot_time: time, amount: int,
                    ill: bool) -> int:
    """One scheduled baclofen dose: taken (mostly near its time), skipped or missed. Returns the
    amount taken."""
    rng = person.rng
    due = _at(day, slot_time, story.tz)
    draw = rng.random()
    miss, skip = (0.12, 0.08) if ill else (0.025, 0.012)
    medication_id = story.baclofen.id or 0
    if draw < miss:
        return 0
    if draw < miss + skip:
        note = "Felt too sick to take it" if ill else "Too drowsy, skipped on purpose"
        person.intakes.append(Intake(medication_id, due + timedelta(minutes=5), amount,
                                     IntakeStatus.SKIPPED, Slot(day, slot_time), note))
        return 0
    delay = rng.randint(75, 180) if rng.random() < 0.06 else round(rng.gauss(8, 12))
    at = due + timedelta(minutes=max(-30, delay))
    person.intakes.append(Intake(medication_id, at, amount, IntakeStatus.TAKEN,
                                 Slot(day, slot_time)))
    return amount


def _paracetamol(story: Story, person: Person, day: date) -> None:
    rng = person.rng
    medication_id = story.paracetamol.id or 0
    first = _at(day, time(rng.randint(11, 16), rng.choice((0, 20, 40))), story.tz)
    person.intakes.append(Intake(medication_id, first, PARACETAMOL_DOSE, note="Headache"))
    if rng.random() < 0.3:  # a second dose, well after the 4-hour minimum interval
        person.intakes.append(Intake(medication_id, first + timedelta(hours=6), PARACETAMOL_DOSE,
                                     note="Headache still there"))


def _drowsiness(story: Story, person: Person, day: date, at: datetime) -> float:
    """Worse in the hours after a baclofen dose, and less so as the weeks go by (tolerance)."""
    score = 1.2 + person.rng.gauss(0, 0.6)
    dose = _last_baclofen(story, person, at)
    if dose is not None:
        hours = (at - dose.at).total_seconds() / 3600
        tolerance = 0.45 + 0.55 * math.exp(-(day - story.start).days / 25)
        score += 5.0 * (dose.amount / TARGET_PER_DOSE) * math.exp(-hours / 3) * tolerance
    return score


def _last_baclofen(story: Story, person: Person, at: datetime) -> Intake | None:
    """The last baclofen dose taken before `at` (the story's intakes go day by day)."""
    for intake in reversed(person.intakes):
        if (intake.medication_id == story.baclofen.id and intake.status is IntakeStatus.TAKEN
                and intake.at <= at):
            return intake
        if at - intake.at > timedelta(days=2):
            return None
    return None


def _rate(story: Story, person: Person, symptom: str, at: datetime, score: float,
          note: str = "") -> None:
    clamped = max(0, min(10, round(score)))
    person.ratings.append(Rating(story.symptoms[symptom], at, clamped, note))

