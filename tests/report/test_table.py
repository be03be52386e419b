"""The daily log keeps a legible type size however many columns a diary has: columns that do not
fit across a page go on in parts, each with the day, the parts of the same days in turn."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pypdf

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.units import Unit
from diary.report.build import build_report
from diary.report.build import render_report
from diary.report.layout import MONO_ADVANCE
from diary.report.layout import POINTS
from diary.report.layout import Text
from diary.report.model import Paper
from diary.report.model import frame_for
from diary.report.table import LOG_SIZE
from diary.report.table import NOTES_MIN
from diary.report.table import layout_for
from diary.report.table import log_pages
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

START, END = date(2026, 11, 10), date(2026, 11, 19)
EXTRA = ("Bladder urgency", "Fatigue", "Pain", "Cramps", "Stiffness", "Clonus", "Mood",
         "Sleep quality", "Walking")
MEDS = ("Baclofen", "Tizanidine", "Gabapentin", "Dantrolene")


def busy_diary(store: DiaryStore) -> None:
    """Four medications and thirteen symptoms, each logged or rated every day."""
    for name in EXTRA:
        store.symptoms.add(Symptom(name))
    meds = [store.medications.add(Medication(name, Unit.MG)) for name in MEDS]
    symptoms = store.symptoms.all()
    day = START
    while day <= END:
        at = datetime.combine(day, time(9), PARIS_WINTER)
        for med in meds:
            assert med.id is not None
            store.intakes.add(Intake(med.id, at, 10_000))
        store.ratings.add_all([Rating(s.id or 0, at + timedelta(hours=10), 3) for s in symptoms])
        store.events.add(Event(at + timedelta(hours=2), EventKind.OTHER, f"walked on {day:%d}"))
        day += timedelta(days=1)


def mono_lines(page: list[object]) -> list[Text]:
    return [item for item in page if isinstance(item, Text) and item.family == "mono"]


def test_many_columns_go_on_in_parts_at_a_legible_size(store: DiaryStore) -> None:
    busy_diary(store)
    report = build_report(store, START, END, NOW, PARIS_WINTER)
    frame = frame_for(Paper.A4)
    layouts = layout_for(report, frame)
    assert len(layouts) >= 2
    fits = int(frame.content_width * POINTS / (MONO_ADVANCE * LOG_SIZE))
    pages = log_pages(report, frame)
    assert len(pages) == len(layouts)  # ten days: one page of each part
    for page in pages:
        lines = mono_lines(page)
        assert {line.size for line in lines} == {LOG_SIZE}
        assert max(len(line.text) for line in lines) <= fits
    # Every symptom and medication has its column in exactly one part.
    headers = [" ".join(t.text for t in mono_lines(page)[:2]) for page in pages]
    for name in (*MEDS, "Spasticity", "Walking", "Fatigue"):
        assert sum(name in header for header in headers) == 1, name
    # Each part lists every day; only the last has the events and notes, with room for them.
    for page in pages:
        body = [line.text for line in mono_lines(page)[2:]]
        assert [text[:15] for text in body] == [
            f"{START + timedelta(days=n):%a} {(START + timedelta(days=n)).day:2d} "
            f"{START + timedelta(days=n):%b %Y}" for n in range(10)]
    assert all("walked on" in line.text for line in mono_lines(pages[-1])[2:])
    assert not any("walked on" in line.text for page in pages[:-1]
                   for line in mono_lines(page))
    assert layouts[-1].columns[-1].width >= NOTES_MIN


def test_a_log_that_fits_is_one_part(store: DiaryStore) -> None:
    baclofen = store.medications.add(Medication("Baclofen", Unit.MG))
    assert baclofen.id is not None
    store.intakes.add(Intake(baclofen.id, datetime.combine(START, time(9), PARIS_WINTER), 5_000))
    report = build_report(store, START, END, NOW, PARIS_WINTER)
    [layout] = layout_for(report, frame_for(Paper.LETTER))
    assert [c.title[0] for c in layout.columns] == ["Day", "Scheduled", "Baclofen",
                                                     "Events and notes"]


def test_the_parts_are_named_in_the_pdf(store: DiaryStore, tmp_path: Path) -> None:
    busy_diary(store)
    report = build_report(store, START, END, NOW, PARIS_WINTER)
    done = render_report(report, tmp_path / "report.pdf")
    texts = [page.extract_text() for page in pypdf.PdfReader(done.path).pages]
    parts = len(layout_for(report, frame_for(Paper.A4)))
    for part in range(1, parts + 1):
        assert sum(f"(columns, part {part} of {parts})" in text for text in texts) == 1
    assert done.log_pages == parts
