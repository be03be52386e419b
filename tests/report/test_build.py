"""The appointment report on a demo diary: one PDF, rendered once for the module, read back with
pypdf. Every figure of page 1 is checked against a value worked out here from the diary file by
plain SQL, not by the report's own code."""

from __future__ import annotations

import contextlib
import json
import math
import re
import sqlite3
import stat
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest

from diary.demo import build_demo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Rating
from diary.report.build import Paper
from diary.report.build import RenderedReport
from diary.report.build import build_report
from diary.report.build import render_report
from diary.report.model import frame_for
from diary.report.table import rows_per_page
from diary.storage.store import open_diary
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

END = date(2026, 11, 25)  # yesterday: every dose of the range is due, none pending
START = END - timedelta(days=59)
BIRTH = date(1971, 3, 14)
FALL_TEXT = "Fell on the stairs at home, no injury"
EXTRA_NOTE = "Extra dose for night cramps"
# The local diary day of a stored row: its UTC time moved by its own offset, less the 04:00 start.
DAY_SQL = "date(at_utc, printf('%+d minutes', utc_offset_min - 240))"


@dataclass(frozen=True)
class Built:
    path: Path
    done: RenderedReport
    pages: list[str]  # the text of each page, whitespace made single spaces
    reader: pypdf.PdfReader
    diary: Path


def flat(text: str) -> str:
    return " ".join(text.split())


def short(day: date) -> str:
    return f"{day.day} {day:%b}"


def full(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _full_days(diary: Path, medication: str) -> list[date]:
    """Days in the range on which every scheduled baclofen dose was taken: an extra dose there
    answers no slot, so it changes the totals but not adherence."""
    with contextlib.closing(sqlite3.connect(f"file:{diary}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT slot_day FROM intakes i JOIN medications m ON m.id = i.medication_id "
            "WHERE m.name = ? AND status = 'taken' AND deleted_utc IS NULL AND slot_day "
            "BETWEEN ? AND ? GROUP BY slot_day HAVING count(*) = 3 ORDER BY slot_day",
            (medication, START.isoformat(), END.isoformat())).fetchall()
    return [date.fromisoformat(r[0]) for r in rows]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("report")
    diary = folder / "demo.diary"
    build_demo(diary, days=75, seed=3, now=NOW)
    full_days = _full_days(diary, "Baclofen")
    store = open_diary(diary, clock=lambda: NOW)
    try:
        store.update_info(replace(store.info(), birth_date=BIRTH))
        baclofen = store.medications.named("Baclofen")
        assert baclofen.id is not None
        for day in (full_days[10], full_days[20]):  # two days over the 80 mg maximum
            at = datetime.combine(day, time(22, 30), PARIS_WINTER)
            store.intakes.add(Intake(baclofen.id, at, 30_000, note=EXTRA_NOTE))
        store.events.add(Event(datetime.combine(END - timedelta(days=3), time(16, 0),
                                               PARIS_WINTER), EventKind.FALL, FALL_TEXT))
        spasticity = store.symptoms.named("Spasticity")
        assert spasticity.id is not None
        store.ratings.add(Rating(spasticity.id, datetime.combine(END, time(23, 0), PARIS_WINTER),
                                9, "Stiff all evening"))
    finally:
        store.close()
    store = open_diary(diary, read_only=True)
    try:
        report = build_report(store, START, END, NOW, PARIS_WINTER, paper=Paper.A4)
    finally:
        store.close()
    path = folder / "report.pdf"
    done = render_report(report, path)
    reader = pypdf.PdfReader(path)
    pages = [flat(page.extract_text()) for page in reader.pages]
    return Built(path, done, pages, reader, diary)


def query(diary: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(f"file:{diary}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


def days_of_range() -> list[date]:
    return [START + timedelta(days=n) for n in range((END - START).days + 1)]


# --- pages --------------------------------------------------------------------------------------
def test_page_count_is_the_summary_four_charts_and_the_log(built: Built) -> None:
    store = open_diary(built.diary, read_only=True)
    try:
        report = build_report(store, START, END, NOW, PARIS_WINTER)
    finally:
        store.close()
    log_pages = math.ceil(60 / rows_per_page(report, frame_for(Paper.A4)))
    # The demo has two medications and four symptoms: each chart fits on one page.
    assert len(built.reader.pages) == built.done.pages == 1 + 4 + log_pages
    assert (built.done.summary_pages, built.done.chart_pages, built.done.log_pages) == \
        (1, 4, log_pages)
    assert "Doses and symptoms" in built.pages[1]
    assert "Ratings by hours since the last dose" in built.pages[2]
    assert "Scheduled doses day by day" in built.pages[3]
    assert "baseline against recent days" in built.pages[4]


def test_every_page_is_numbered_and_says_it_is_not_medical_advice(built: Built) -> None:
    total = len(built.pages)
    for number, text in enumerate(built.pages, start=1):
        assert f"Page {number} of {total}" in text
        assert "it is not medical advice" in text
        assert "Made 26 Nov 2026 21:00 +01:00" in text


def test_the_log_repeats_its_header_and_has_a_row_per_day(built: Built) -> None:
    log = built.pages[5:]
    assert log
    for text in log:
        assert "Day Scheduled Baclofen Paracetamol Spasticity Drowsiness Nausea Headache " \
               "Events and notes" in text
    rows = " ".join(log)
    for day in days_of_range():
        assert f"{day:%a} {day.day:2d} {day:%b %Y}".replace("  ", " ") in rows
    assert f"Fall: {FALL_TEXT}"[:20] in rows


def test_a4_pages_are_a4(built: Built) -> None:
    for page in built.reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.3, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(841.9, abs=0.5)


def test_charts_are_vector_and_text_is_truetype(built: Built) -> None:
    for page in built.reader.pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            assert ref.get_object()["/Subtype"] != "/Image"
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert font["/Subtype"] in ("/Type0", "/TrueType"), font
    for chart in built.reader.pages[1:5]:
        stream = chart.get_contents().get_data()
        # Lines drawn as paths: a raster picture would have none.
        assert stream.count(b" l\n") + stream.count(b" re\n") > 40


def test_the_file_is_private(built: Built) -> None:
    assert stat.S_IMODE(built.path.stat().st_mode) == 0o600
    assert sorted(p.name for p in built.path.parent.iterdir() if "report" in p.name) == \
        ["report.pdf"]


# --- page 1 -------------------------------------------------------------------------------------
def test_page_one_names_the_person_the_range_and_the_plan(built: Built) -> None:
    page = built.pages[0]
    assert "Sam Demo (a made-up person), born 14 Mar 1971" in page
    assert f"Diary days {full(START)} to {full(END)} (60 days; a diary day starts at 04:00)" \
        in page
    assert f"In force on {full(END)}" in page
    assert "20 mg three times a day (08:00, 14:00, 20:00)" in page
    steps = query(built.diary, "SELECT start_day, amount FROM plan_steps p JOIN medications m "
                  "ON m.id = p.medication_id WHERE m.name = 'Baclofen' AND start_day BETWEEN ? "
                  "AND ? ORDER BY start_day", START.isoformat(), END.isoformat())
    assert steps, "the range should hold a step of the titration"
    for start_day, amount in steps:
        day = date.fromisoformat(str(start_day))
        before = int(str(amount)) // 1000 - 5
        assert (f"{full(day)} Baclofen: {before} mg three times a day = {3 * before} mg/day → "
                f"{int(str(amount)) // 1000} mg three times a day") in page


def _adherence(diary: Path) -> dict[str, int]:
    """Scheduled baclofen doses of the range, by a simple walk over the plan and the slots the
    demo's doses name."""
    steps = query(diary, "SELECT start_day, end_day, times, p.id FROM plan_steps p JOIN "
                  "medications m ON m.id = p.medication_id WHERE m.name = 'Baclofen' AND "
                  "p.deleted_utc IS NULL")
    answers = query(diary, "SELECT slot_day, slot_time, status, at_utc, utc_offset_min FROM "
                    "intakes i JOIN medications m ON m.id = i.medication_id WHERE m.name = "
                    "'Baclofen' AND slot_day IS NOT NULL AND i.deleted_utc IS NULL")
    answered = {(str(r[0]), str(r[1])): r for r in answers}
    counts = {"due": 0, "taken": 0, "on_time": 0, "skipped": 0, "missed": 0}
    for day in days_of_range():
        key = day.isoformat()
        covering = [s for s in steps if str(s[0]) <= key and (s[1] is None or key <= str(s[1]))]
        if not covering:
            continue
        times = json.loads(str(max(covering, key=lambda s: (str(s[0]), int(str(s[3]))))[2]))
        for slot in times:
            counts["due"] += 1
            found = answered.get((key, slot))
            if found is None:
                counts["missed"] += 1
            elif found[2] == "skipped":
                counts["skipped"] += 1
            else:
                counts["taken"] += 1
                wall = datetime.fromisoformat(str(found[3])) + timedelta(minutes=int(str(found[4])))
                due = datetime.combine(day, time.fromisoformat(slot))
                counts["on_time"] += abs(wall - due) <= timedelta(minutes=60)
    return counts


def test_page_one_adherence(built: Built) -> None:
    counts = _adherence(built.diary)
    percent = 100 * counts["taken"] / counts["due"]
    assert counts["missed"] > 0 and counts["taken"] > counts["on_time"]
    assert (f"Baclofen: {counts['taken']} of {counts['due']} scheduled doses taken "
            f"({percent:.1f}%): {counts['on_time']} on time (within ±60 min), "
            f"{counts['taken'] - counts['on_time']} early or late; {counts['missed']} missed, "
            f"{counts['skipped']} skipped.") in built.pages[0]
    assert f"Missed doses: {counts['missed']};" in built.pages[0]


def test_page_one_most_recent_missed_dose(built: Built) -> None:
    counts = _adherence(built.diary)
    assert counts["missed"]
    taken = {(str(d), str(t)) for d, t in query(
        built.diary, "SELECT slot_day, slot_time FROM intakes WHERE slot_day IS NOT NULL AND "
        "deleted_utc IS NULL")}
    last = max((day, slot) for day in days_of_range() for slot in ("08:00", "14:00", "20:00")
               if (day.isoformat(), slot) not in taken)
    assert f"most recent: {full(last[0])} {last[1]} Baclofen" in built.pages[0]


def _daily_totals(diary: Path) -> dict[tuple[str, date], int]:
    rows = query(diary, f"SELECT m.name, {DAY_SQL} AS day, sum(amount) FROM intakes i JOIN "
                 "medications m ON m.id = i.medication_id WHERE status = 'taken' AND "
                 f"i.deleted_utc IS NULL GROUP BY m.name, day")
    return {(str(name), date.fromisoformat(str(day))): int(str(total))
            for name, day, total in rows}


def test_page_one_mean_daily_dose_and_days_over_the_maximum(built: Built) -> None:
    totals = _daily_totals(built.diary)
    in_range = {key: t for key, t in totals.items() if START <= key[1] <= END}
    for name in ("Baclofen", "Paracetamol"):
        mean = sum(t for (n, _), t in in_range.items() if n == name) / 60
        assert f"{name} {round(mean / 100) / 10:g} mg" in built.pages[0]
    over = sorted((day, t) for (name, day), t in in_range.items()
                  if name == "Baclofen" and t > 80_000)
    assert len(over) == 2
    listed = "; ".join(f"{short(day)} {t // 1000} mg" for day, t in over)
    assert "2 days over 80 mg (below)" in built.pages[0]
    assert f"⚠ Baclofen was over its 80 mg maximum a day on 2 days: {listed}." in built.pages[0]
    assert "none (maximum 4000 mg)" in built.pages[0]


def _all_daily_means(diary: Path, symptom: str) -> dict[date, tuple[float, int]]:
    rows = query(diary, f"SELECT {DAY_SQL} AS day, avg(score), max(score) FROM ratings r JOIN "
                 "symptoms s ON s.id = r.symptom_id WHERE s.name = ? AND r.deleted_utc IS NULL "
                 "GROUP BY day", symptom)
    return {date.fromisoformat(str(d)): (float(str(a)), int(str(m))) for d, a, m in rows}


def _daily_means(diary: Path, symptom: str) -> dict[date, tuple[float, int]]:
    return {day: v for day, v in _all_daily_means(diary, symptom).items() if START <= day <= END}


def _treatment_began(diary: Path) -> date:
    rows = query(diary, "SELECT min(start_day) FROM plan_steps WHERE deleted_utc IS NULL AND "
                 "times != '[]'")
    return date.fromisoformat(str(rows[0][0]))


def test_page_one_spasticity_against_its_baseline_before_treatment(built: Built) -> None:
    """The baseline is the last rated week in the four weeks before the first scheduled dose,
    which lies before the report's range here: the untreated state, not the range's start."""
    every = _all_daily_means(built.diary, "Spasticity")
    began = _treatment_began(built.diary)
    assert began < START
    before = sorted(d for d in every if began - timedelta(days=28) <= d < began)[-7:]
    assert before, "the demo rates spasticity before baclofen begins"
    baseline = sum(every[d][0] for d in before) / len(before)
    recent_start = END - timedelta(days=6)
    recent_days = [d for d in every if recent_start <= d <= END]
    recent = sum(every[d][0] for d in recent_days) / len(recent_days)
    change = round(100 * (recent - baseline) / baseline)
    sign = "−" if change < 0 else "+"
    reached = "is reached" if recent <= 0.7 * baseline else "is not reached"
    same_month = before[0].month == before[-1].month
    period = (f"{before[0].day}–{before[-1].day} {before[-1]:%b %Y}" if same_month else
              f"{before[0].day} {before[0]:%b} – {before[-1].day} {before[-1]:%b %Y}")
    assert (f"Spasticity: {baseline:.1f} at baseline (before treatment began, {period})"
            in built.pages[0])
    assert f"{recent:.1f} in the recent days" in built.pages[0]
    assert f"{sign}{abs(change)}%. The responder threshold, a 30% fall from baseline, " \
           f"{reached}." in built.pages[0]


@pytest.mark.parametrize("symptom", ["Spasticity", "Drowsiness", "Nausea", "Headache"])
def test_page_one_symptom_means_and_worst_days(built: Built, symptom: str) -> None:
    daily = _daily_means(built.diary, symptom)
    mean = sum(m for m, _ in daily.values()) / len(daily)
    worst = sorted(daily.items(), key=lambda item: (item[1][1], item[0]), reverse=True)[:3]
    named = "; ".join(f"{top} on {short(day)}" for day, (_, top) in worst)
    row = re.search(rf"{symptom} \(0–10\) (\d+) (\d+\.\d) .*?{re.escape(named)}",
                    built.pages[0])
    assert row is not None, (named, built.pages[0])
    assert int(row.group(1)) == len(daily)
    assert row.group(2) == f"{mean:.1f}"


def test_page_one_events_and_notes(built: Built) -> None:
    page = built.pages[0]
    fall_at = datetime.combine(END - timedelta(days=3), time(16, 0))
    assert f"{full(fall_at.date())} 16:00 Fall: {FALL_TEXT}" in page
    assert f"{full(END)} 23:00 Spasticity 9/10: Stiff all evening" in page
    events = query(built.diary, f"SELECT count(*) FROM events WHERE {DAY_SQL} BETWEEN ? AND ? "
                   "AND deleted_utc IS NULL", START.isoformat(), END.isoformat())
    assert f"Events ({events[0][0]}" in page
    by_kind: dict[str, int] = defaultdict(int)
    for table in ("intakes", "ratings"):
        rows = query(built.diary, f"SELECT count(*) FROM {table} WHERE note != '' AND "
                     f"deleted_utc IS NULL AND {DAY_SQL} BETWEEN ? AND ?", START.isoformat(),
                     END.isoformat())
        by_kind[table] = int(str(rows[0][0]))
    assert f"Notes with doses and ratings ({by_kind['intakes'] + by_kind['ratings']};" in page
