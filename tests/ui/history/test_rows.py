"""How a History row reads (diary/ui/history/rows.py): a missed dose's cells and summary, a dose's
slot and lateness from the slot it answers, its pill described, and the key of each kind of row."""

from __future__ import annotations

from datetime import time

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Slot
from diary.domain.plans.answers import MissedDose
from diary.storage import EntryKind
from diary.storage.records.outcomes import outcomes_between
from diary.ui.history.rows import EntryText
from diary.ui.history.rows import HistoryRow
from diary.ui.history.rows import key_of
from diary.ui.shell.session import DiarySession
from tests.ui.history.test_view_missed import TODAY
from tests.ui.history.test_view_missed import YESTERDAY
from tests.ui.history.test_view_missed import at
from tests.ui.history.test_view_missed import fill_plan


def test_a_missed_dose_reads_in_words(session: DiarySession) -> None:
    fill_plan(session.store)
    text = EntryText(session)
    missed = MissedDose(1, Slot(TODAY, time(8)), 20_000, at(TODAY, 8))
    assert text.cells(missed) == ("Thu 26 Nov 2026 08:00", "Dose", "Baclofen (08:00 dose)",
                                  "20 mg", "Missed", "")
    assert text.summary(missed) == "missed 08:00 dose of Baclofen 20 mg on Thu 26 Nov 2026"
    assert text.look_text(1) == "Baclofen: blue round pill"
    assert text.icon(1) is text.icon(1) and text.icon(99) is None
    assert key_of(missed) == ("missed", 1, TODAY, time(8))
    row = HistoryRow(missed, key_of(missed), text.cells(missed))
    assert row.medication_id == 1 and row.stands_out


def test_a_dose_reads_its_slot_and_lateness_from_the_slot_it_answers(
        session: DiarySession) -> None:
    ids = fill_plan(session.store)
    text = EntryText(session)
    outcomes = outcomes_between(session.store, YESTERDAY, TODAY, session.now())
    late = session.store.intakes.get(ids["late"])
    answer = next(o for o in outcomes if o.intake is not None and o.intake.id == late.id)
    assert text.what(late) == "Baclofen" and text.status(late) == "Taken"
    assert text.what(late, answer) == "Baclofen (14:00 dose)"
    assert text.status(late, answer) == "Taken late (+1 h 20 min)"
    assert text.scheduled(late, answer) == (
        "The 14:00 dose of Wed 25 Nov 2026: Taken late 15:20 (+1 h 20 min)")
    assert text.scheduled(late, None) is None
    assert key_of(late) == (EntryKind.DOSE, late.id)
    row = HistoryRow(late, key_of(late), text.cells(late, answer), answer)
    assert row.stands_out
    skipped = Intake(1, at(TODAY, 14), 20_000, IntakeStatus.SKIPPED, deleted_at=at(TODAY, 15))
    assert text.status(skipped) == "Skipped (deleted)"
