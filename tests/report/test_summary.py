"""The summary, page 1 of the report (diary/report/summary.py), of a busy diary: five
medications, each with changes of dose, six rated symptoms, days over a maximum, missed doses, a
taper warning, many events and notes. The summary must still read cleanly: when it goes on over
a second page, that page repeats the header, and nothing is drawn over the footer of either.
A plan typed in late in the day is test_summary_late_plan.py."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.domain.templates import medication_from_template
from diary.domain.units import Unit
from diary.report.build import build_report
from diary.report.build import plan_pages
from diary.report.build import render_report
from diary.report.layout import Box
from diary.report.layout import Rule
from diary.report.layout import Text
from diary.report.layout import text_width
from diary.report.model import SUMMARY_ONLY
from diary.report.model import Report
from diary.report.model import frame_for
from diary.report.pages import TextPage
from diary.report.pages import footer_items
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

START, END = date(2026, 8, 28), date(2026, 11, 25)
TIMES = (time(8), time(14), time(20))
OWN = [
    Medication("Paracetamol extended release", Unit.MG, max_daily=3_000_000),
    Medication("Oxybutynin hydrochloride", Unit.MG, max_daily=15_000),
]
NEW_SYMPTOMS = ["Pain", "Spasm frequency"]


def busy_diary(store: DiaryStore) -> DiaryStore:
    """The busy diary, written into `store` (the same every time: a seeded random)."""
    rng = random.Random(7)
    meds = [store.medications.add(medication_from_template(name))
            for name in ("baclofen", "tizanidine", "diazepam")]
    meds += [store.medications.add(m) for m in OWN]
    plans: dict[int, list[PlanStep]] = {}
    for n, med in enumerate(meds):
        assert med.id is not None
        base = [5_000, 2_000, 2_000, 500_000, 5_000][n]
        steps = [PlanStep(med.id, START + timedelta(days=20 * k), base * (k + 1), TIMES,
                          START + timedelta(days=20 * k + 19)) for k in range(4)]
        if n == 2:  # diazepam ends without a taper, a week before the end
            steps[-1] = PlanStep(med.id, steps[-1].start, steps[-1].amount, TIMES,
                                 END - timedelta(days=7))
        else:
            steps.append(PlanStep(med.id, START + timedelta(days=80), base * 4, TIMES))
        plans[med.id] = store.plans.add_all(steps)
    for s, name in enumerate(NEW_SYMPTOMS):
        store.symptoms.add(Symptom(name, position=10 + s))
    symptoms = store.symptoms.all()
    assert len(symptoms) == 6
    day = START
    while day <= END:
        for med in meds:
            assert med.id is not None
            step = next((s for s in plans[med.id]
                         if s.start <= day and (s.end is None or day <= s.end)), None)
            if step is None:
                continue
            for slot in step.times:
                roll = rng.random()
                if roll < 0.04:
                    continue  # missed
                at = datetime.combine(day, slot, PARIS_WINTER) + timedelta(
                    minutes=rng.randint(-20, 90))
                status = IntakeStatus.SKIPPED if roll < 0.06 else IntakeStatus.TAKEN
                note = "Too drowsy, skipped" if status is IntakeStatus.SKIPPED else ""
                store.intakes.add(Intake(med.id, at, step.amount, status=status,
                                        slot=Slot(day, slot), note=note))
            if med.max_daily is not None and rng.random() < 0.1:
                store.intakes.add(Intake(med.id, datetime.combine(day, time(22), PARIS_WINTER),
                                        med.max_daily, note="Extra dose for a bad evening"))
        for symptom in symptoms:
            assert symptom.id is not None
            note = "Worse after the physio session" if rng.random() < 0.05 else ""
            store.ratings.add(Rating(symptom.id, datetime.combine(day, time(21), PARIS_WINTER),
                                    rng.randint(0, 8), note))
        if rng.random() < 0.1:
            store.events.add(Event(datetime.combine(day, time(12), PARIS_WINTER),
                                  rng.choice(list(EventKind)),
                                  "Something worth telling the clinician about happened"))
        day += timedelta(days=1)
    return store


@pytest.fixture
def busy(store: DiaryStore) -> Iterator[DiaryStore]:
    yield busy_diary(store)


def _report(store: DiaryStore) -> Report:
    return build_report(store, START, END, NOW, PARIS_WINTER, sections=SUMMARY_ONLY)


def _bottom(item: Text | Box | Rule) -> float:
    """How far down the page an item reaches (a text's descent is about a quarter of its
    size)."""
    if isinstance(item, Box):
        return item.y + item.height
    if isinstance(item, Rule):
        return item.y
    return item.y + item.size * 0.25 / 72


def test_five_medications_and_six_symptoms_keep_clear_of_the_footer(busy: DiaryStore) -> None:
    report = _report(busy)
    frame = frame_for(report.paper)
    pages = [p for p in plan_pages(report) if isinstance(p, TextPage) and p.kind == "summary"]
    footer_top = min(i.y for i in footer_items(report, frame, 1, 1) if isinstance(i, Rule))
    for page in pages:
        for item in page.items:
            assert _bottom(item) <= footer_top, item
            if isinstance(item, Text) and item.align == "left":
                assert item.x + text_width(item.text, item.size, item.bold, item.family) <= \
                    frame.right + 0.01, item


def test_a_second_summary_page_repeats_the_header(busy: DiaryStore, tmp_path: Path) -> None:
    report = _report(busy)
    done = render_report(report, tmp_path / "busy.pdf")
    texts = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(done.path).pages]
    assert done.summary_pages == len(texts)
    first = texts[0]
    assert first.startswith("Medication diary report")
    for name in ("Baclofen", "Tizanidine", "Diazepam", *(m.name for m in OWN)):
        assert name in " ".join(texts)
    for name in ("Spasticity", "Drowsiness", "Nausea", "Headache", *NEW_SYMPTOMS):
        assert f"{name} (0–10)" in " ".join(texts)
    for number, text in enumerate(texts[1:], start=2):
        assert text.startswith(f"Medication diary report (continued, page {number}) "), text
        assert "Diary days Fri 28 Aug 2026 to Wed 25 Nov 2026" in text


def test_below_is_true_the_lists_of_days_over_a_maximum_are_on_the_table_s_page(
    busy: DiaryStore, tmp_path: Path
) -> None:
    """Without the daily log, the days not listed are 'in the diary', not in a log that is not
    there."""
    done = render_report(_report(busy), tmp_path / "busy.pdf")
    texts = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(done.path).pages]
    table = [t for t in texts if "days over 80 mg (below)" in t]
    assert len(table) == 1
    page = table[0]
    assert page.index("days over 80 mg (below)") < page.index(
        "⚠ Baclofen was over its 80 mg maximum a day on")
    assert "⚠ Tizanidine was over its 36 mg maximum a day" in page
    assert "more (in the diary)" in page and "daily log" not in " ".join(texts)
