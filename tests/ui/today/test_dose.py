"""The as-needed dose form and the safety verdicts shown before any dose is saved."""

from __future__ import annotations

from datetime import datetime
from datetime import time
from datetime import timedelta

from PySide6.QtCore import Qt

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.today.view import TodayView
from tests.helpers.doses import add_intake
from tests.helpers.qt import activate
from tests.helpers.qt import click
from tests.ui.today.support import DAY
from tests.ui.today.support import at
from tests.ui.today.support import baclofen
from tests.ui.today.support import make_view
from tests.ui.today.support import paracetamol
from tests.ui.today.support import row
from tests.ui.today.support import with_edit_undo


def choose(view: TodayView, med: Medication) -> None:
    view.dose.medication.setCurrentIndex(view.dose.medication.findData(med.id))


def type_amount(qtbot, view: TodayView, text: str) -> None:
    view.dose.amount.clear()
    qtbot.keyClicks(view.dose.amount, text)


def three_doses(session: DiarySession, med: Medication) -> None:
    assert med.id is not None
    for hour in (8, 14, 20):
        add_intake(session, Intake(med.id, at(hour), 20_000, slot=Slot(DAY, time(hour))))


def test_the_amount_is_read_as_typed(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "7,5")
    assert view.dose.parsed.text() == "= 7.5 mg"
    type_amount(qtbot, view, "7.5 mg")
    assert view.dose.parsed.text() == "= 7.5 mg"
    type_amount(qtbot, view, "abc")
    assert view.dose.parsed.text().startswith("⚠") and "not an amount" in view.dose.parsed.text()
    type_amount(qtbot, view, "5 ml")
    assert "not in mg" in view.dose.parsed.text()
    view.dose.amount.clear()
    assert view.dose.parsed.text() == "Type the amount taken."


def test_a_wrong_amount_is_named_and_kept(qtbot, session: DiarySession,
                                          dialog_answers) -> None:
    errors = dialog_answers.error_texts
    med = paracetamol(session)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "1..0")
    qtbot.keyClick(view.dose.amount, Qt.Key.Key_Return)
    assert len(errors) == 1 and errors[0].startswith("amount:")
    assert view.dose.amount.text() == "1..0"
    assert session.store.intakes.between(DAY, DAY) == []


def test_the_usual_amount_is_prefilled(qtbot, session: DiarySession) -> None:
    para = paracetamol(session)
    ibuprofen = edits.add_medication(session, Medication(name="Ibuprofen", unit=Unit.MG))
    assert ibuprofen.id is not None
    add_intake(session, Intake(ibuprofen.id, at(9), 400_000))
    med = baclofen(session)
    view = make_view(qtbot, session)
    # Opens on the first medication with no scheduled plan today; without a plan step the
    # amount is the last dose's.
    assert view.dose.current_medication() == ibuprofen
    assert (view.dose.amount.text(), view.dose.unit.text()) == ("400", "mg")
    choose(view, para)  # the plan step's per-dose amount
    assert view.dose.amount.text() == "1000"
    choose(view, med)
    assert view.dose.amount.text() == "20"


def test_an_as_needed_dose_is_logged_with_the_time_typed(qtbot, session: DiarySession) -> None:
    med = paracetamol(session)
    view = make_view(qtbot, session)
    qtbot.keyClicks(view.dose.at, "12:15")
    assert view.dose.at_hint.text() == "= Thu 26 Nov, 12:15"
    click(qtbot, view.dose.log_button)
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert (saved.at, saved.amount, saved.slot) == (at(12, 15), 1_000_000, None)
    assert view.total_texts[med.id] == "Paracetamol: 1000 / 4000 mg today"
    assert view.dose.at.text() == "" and view.dose.amount.text() == "1000"
    assert "12:15  Paracetamol 1000 mg taken" in view.slots.extra.text()


def test_a_time_ahead_is_told_in_plain_words_and_nothing_is_logged(
        qtbot, session: DiarySession, dialog_answers) -> None:
    paracetamol(session)
    view = make_view(qtbot, session)
    qtbot.keyClicks(view.dose.at, "22:30")
    plain = "22:30 today is still ahead; a dose can be logged up to now, 21:00"
    assert view.dose.at_hint.text() == f"⚠ {plain}"
    click(qtbot, view.dose.log_button)
    assert dialog_answers.error_texts == [f"Time: {plain}."]
    assert session.store.intakes.between(DAY, DAY) == []
    assert view.dose.at.text() == "22:30"  # kept as typed, to correct


def test_over_the_max_asks_and_yes_records(qtbot, session: DiarySession,
                                           dialog_answers) -> None:
    asked = dialog_answers.always(True).texts
    med = baclofen(session)
    three_doses(session, med)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "25")
    # The verdict is on screen before anything is saved.
    assert "5 mg over the 80 mg maximum" in view.dose.verdict.text()
    click(qtbot, view.dose.log_button)
    assert len(asked) == 1
    assert "this dose would take today to 85 mg, 5 mg over the 80 mg maximum" in asked[0]
    assert sum(i.amount for i in session.store.intakes.between(DAY, DAY, med.id)) == 85_000
    assert view.total_texts[med.id] == \
        "Baclofen: 85 / 80 mg today (⚠ 5 mg over the maximum)"
    assert "Recorded although" in view.notice.text()


def test_over_the_max_asks_what_happened_and_i_took_it_records_it(
        qtbot, session: DiarySession, dialog_answers) -> None:
    """Issue 15: the person who already swallowed the tablet is asked "Did you take it?", and
    "I took it" puts the dose in the record, said to be over the maximum."""
    answers = dialog_answers.always(True)
    med = baclofen(session)
    three_doses(session, med)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "25")
    click(qtbot, view.dose.log_button)
    [question] = answers.asked
    text = question.text
    finding = "Baclofen: this dose would take today to 85 mg, 5 mg over the 80 mg maximum per day."
    assert text.startswith(finding)  # what was found first, the question last
    assert text.endswith("\n\nDid you take it?")
    assert "the report shows the days over the maximum" in text
    assert (question.title, question.yes, question.no) == (
        "Before recording this dose", "I took it — record it", "I did not take it")
    stored = [i for i in session.store.intakes.between(DAY, DAY, med.id) if i.slot is None]
    assert [(i.amount, i.at) for i in stored] == [(25_000, at(21))]
    assert view.notice.text().startswith("Recorded Baclofen 25 mg taken at 21:00.")
    assert f"Recorded although: {finding}" in view.notice.text()


def test_over_the_max_i_did_not_take_it_records_nothing_and_says_so(
        qtbot, session: DiarySession, dialog_answers) -> None:
    dialog_answers.always(False)
    med = baclofen(session)
    three_doses(session, med)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "25")
    counts, depth = session.store.counts(), session.undo_stack.count()
    click(qtbot, view.dose.log_button)
    assert session.store.counts() == counts and session.undo_stack.count() == depth
    assert view.notice.text().startswith("Not recorded. You did not take it. Baclofen: this "
                                         "dose would take today to 85 mg")
    assert view.total_texts[med.id] == "Baclofen: 60 / 80 mg today"


def test_closing_the_question_records_nothing_yet_and_keeps_the_form(
        qtbot, session: DiarySession, dialog_answers) -> None:
    """Escape answers neither: nothing recorded, and the status line says not *yet*, with the
    amount still typed, so a dose that was taken is one click away from the record."""
    asked = dialog_answers.queue(None).texts
    med = baclofen(session)
    three_doses(session, med)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "25")
    qtbot.keyClicks(view.dose.at, "20:30")
    counts = session.store.counts()
    qtbot.keyClick(view.dose.amount, Qt.Key.Key_Return)
    assert len(asked) == 1 and session.store.counts() == counts
    assert view.notice.text().startswith(
        "Not recorded yet: the question was closed without an answer. Baclofen: this dose")
    assert (view.dose.amount.text(), view.dose.at.text()) == ("25", "20:30")


def test_over_the_max_asks_and_no_records_nothing(qtbot, session: DiarySession,
                                                  dialog_answers) -> None:
    asked = dialog_answers.always(False).texts
    med = baclofen(session)
    three_doses(session, med)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "25")
    counts, depth = session.store.counts(), session.undo_stack.count()
    qtbot.keyClick(view.dose.amount, Qt.Key.Key_Return)
    assert len(asked) == 1 and "5 mg over" in asked[0]
    assert session.store.counts() == counts
    assert session.undo_stack.count() == depth
    assert view.total_texts[med.id] == "Baclofen: 60 / 80 mg today"
    assert view.notice.text().startswith("Not recorded.")
    assert view.dose.amount.text() == "25"  # the form keeps what was typed


def test_a_slot_over_the_max_asks_too(qtbot, session: DiarySession,
                                      dialog_answers) -> None:
    asked = dialog_answers.always(False).texts
    med = baclofen(session, amount=30_000)  # 90 mg planned: the plan itself is over the max
    assert med.id is not None
    add_intake(session, Intake(med.id, at(8), 30_000, slot=Slot(DAY, time(8))))
    add_intake(session, Intake(med.id, at(14), 30_000, slot=Slot(DAY, time(14))))
    view = make_view(qtbot, session)
    click(qtbot, row(view, med, time(20)).take)
    assert "10 mg over the 80 mg maximum" in asked[0]
    assert len(session.store.intakes.between(DAY, DAY, med.id)) == 2
    assert row(view, med, time(20)).status.text() == "due now"


def test_inside_the_minimum_interval_asks(qtbot, session: DiarySession,
                                          dialog_answers) -> None:
    asked = dialog_answers.always(True).texts
    med = paracetamol(session)
    assert med.id is not None
    add_intake(session, Intake(med.id, at(20), 1_000_000))
    view = make_view(qtbot, session)
    type_amount(qtbot, view, "500")
    assert "only 1 h from the dose at 20:00" in view.dose.verdict.text()
    click(qtbot, view.dose.log_button)
    assert len(asked) == 1
    assert "only 1 h from the dose at 20:00; the minimum interval is 4 h (3 h short)" in asked[0]
    doses = session.store.intakes.between(DAY, DAY, med.id)
    assert [i.amount for i in doses] == [1_000_000, 500_000]
    assert view.total_texts[med.id] == "Paracetamol: 1500 / 4000 mg today"


def test_a_plan_difference_is_a_notice_not_a_question(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "25")
    assert (
        "Note: Baclofen: 25 mg differs from the planned 20 mg per dose." in view.dose.verdict.text()
    )
    assert "This counts as the 20:00 dose." in view.dose.verdict.text()
    click(qtbot, view.dose.log_button)  # no dialog: ask_yes_no would fail the test
    [saved] = session.store.intakes.between(DAY, DAY, med.id)
    assert (saved.amount, saved.slot) == (25_000, Slot(DAY, time(20)))  # linked as the CLI links
    assert "Note: Baclofen: 25 mg differs from the planned 20 mg per dose." in view.notice.text()
    assert row(view, med, time(20)).status.text() == "✓ taken 21:00 (25 mg)"


def test_ctrl_d_goes_to_the_amount(qtbot, session: DiarySession, clock: list[datetime]) -> None:
    paracetamol(session)
    view = make_view(qtbot, session)
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert view.dose.amount.hasFocus()
    assert view.dose.amount.selectedText() == "1000"


# --- the day in words, beyond the plan ---------------------------------------------------------
def test_a_back_dated_dose_names_its_day(
    qtbot, session: DiarySession, dialog_answers
) -> None:
    """Reviewer: a dose dated yesterday was described as taking "today" to 100 mg."""
    asked = dialog_answers.always(False).texts
    med = baclofen(session)
    assert med.id is not None
    yesterday = DAY - timedelta(days=1)
    for hour in (8, 14, 20):
        moment = at(hour).replace(day=25)
        add_intake(session, Intake(med.id, moment, 25_000, slot=Slot(yesterday, time(hour))))
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "25")
    qtbot.keyClicks(view.dose.at, "2026-11-25 22:00")
    expected = "this dose would take Wed 25 Nov 2026 to 100 mg, 20 mg over the 80 mg maximum"
    assert expected in view.dose.verdict.text()
    assert "today" not in view.dose.verdict.text().split("beyond the plan")[0]
    click(qtbot, view.dose.log_button)
    assert expected in asked[0]
    assert len(session.store.intakes.between(yesterday, yesterday, med.id)) == 3


def test_a_dose_beyond_the_plan_is_noted(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    three_doses(session, med)
    view = make_view(qtbot, session)
    choose(view, med)
    type_amount(qtbot, view, "20")
    note = (
        "Baclofen: beyond the plan: 4 doses taken today, and the plan has 3 a day; 80 mg "
        "taken today, above the planned 60 mg/day."
    )
    assert f"Note: {note}" in view.dose.verdict.text()
    click(qtbot, view.dose.log_button)  # within the max: a notice, not a question
    assert f"Note: {note}" in view.notice.text()
    assert len(session.store.intakes.between(DAY, DAY, med.id)) == 4


# --- after a save, Ctrl+Z undoes the save, not the typing --------------------------------------
def test_ctrl_z_after_logging_undoes_the_dose(qtbot, session: DiarySession) -> None:
    """Reviewer: after an as-needed dose logged with Enter in Amount, Ctrl+Z went to the field."""
    med = paracetamol(session)
    view = make_view(qtbot, session)
    with_edit_undo(view, session)
    activate(qtbot, view)
    view.dose.focus_amount()
    qtbot.keyClicks(view.dose.amount, "500")
    qtbot.keyClick(view.dose.amount, Qt.Key.Key_Return)
    assert len(session.store.intakes.between(DAY, DAY, med.id)) == 1
    assert view.dose.amount.hasFocus() and view.dose.amount.text() == "1000"
    qtbot.keyClick(view.dose.amount, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.store.intakes.between(DAY, DAY, med.id) == []  # Edit > Undo took the dose back
    assert session.undo_stack.canRedo()
    assert view.dose.amount.text() == "1000"  # not the "500" typed before
    # Typing is still undone in the field first.
    qtbot.keyClicks(view.dose.amount, "5")
    qtbot.keyClick(view.dose.amount, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.dose.amount.text() == "1000" and session.undo_stack.canRedo()
