"""The Add medication form fills a known drug's label from its name (generic or brand, any case),
through the domain's templates as `medication add` does, and never overwrites what the person
typed by hand; editing a medication is left alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.medications.form import CUSTOM
from diary.ui.medications.form import MedicationForm
from diary.ui.medications.view import MedicationsView
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click


@pytest.fixture
def form(qtbot, session: DiarySession) -> MedicationForm:
    dialog = MedicationForm(session)
    qtbot.addWidget(dialog)
    dialog.show()  # shown, not exec'd: no modal loop
    return dialog


def retype(qtbot, line, text: str) -> None:
    """Select what the field holds and type `text` over it, key by key."""
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def save(qtbot, form: MedicationForm, session: DiarySession) -> Medication:
    click(qtbot, form.ok_button)
    assert not form.isVisible(), form.error.text()
    [saved] = session.store.medications.all()
    return saved


@pytest.mark.parametrize(("typed", "name"), [
    ("Baclofen", "Baclofen"), ("baclofen", "Baclofen"), ("Lioresal", "Lioresal"),
    ("LIORESAL", "LIORESAL"), ("Ozobax", "Ozobax"), ("Baclofen 10 mg", "Baclofen 10 mg")])
def test_a_baclofen_name_saves_the_labels_max_and_taper(qtbot, form, session, typed,
                                                        name) -> None:
    qtbot.keyClicks(form.name, typed)

    assert form.template.currentData() == "baclofen"
    assert (form.max_daily.text(), form.form.text(), form.taper.isChecked()) == (
        "80", "tablet", True)
    assert form.hint.text().startswith(
        "Filled from the baclofen label: at most 80 mg a day, taper required")
    assert form.hint.text().endswith("edit if your prescriber said otherwise.")
    saved = save(qtbot, form, session)
    assert (saved.name, saved.unit, saved.max_daily, saved.taper_required) == (
        name, Unit.MG, 80_000, True)
    assert saved.notes.startswith("Label: start 5 mg three times a day")


def test_zanaflex_takes_tizanidines_max_and_interval(qtbot, form, session) -> None:
    qtbot.keyClicks(form.name, "Zanaflex")

    assert form.template.currentData() == "tizanidine"
    assert "at most 36 mg a day, at least 6 h between doses, taper required" in form.hint.text()
    saved = save(qtbot, form, session)
    assert (saved.name, saved.max_daily, saved.min_interval_minutes, saved.taper_required) == (
        "Zanaflex", 36_000, 360, True)


def test_a_custom_name_has_no_maximum(qtbot, form, session) -> None:
    qtbot.keyClicks(form.name, "Gabapentin")

    assert form.template.currentData() == CUSTOM
    assert form.hint.text() == ""
    saved = save(qtbot, form, session)
    assert (saved.name, saved.max_daily, saved.min_interval_minutes, saved.taper_required) == (
        "Gabapentin", None, None, False)


def test_a_max_typed_by_hand_is_kept_when_saved(qtbot, form, session) -> None:
    qtbot.keyClicks(form.name, "Baclofen")
    retype(qtbot, form.max_daily, "60")
    # Typing on, retyping the name as a brand of the same drug, or as another drug and back:
    # the 60 typed by hand stays each time.
    qtbot.keyClicks(form.name, " 10 mg")
    retype(qtbot, form.name, "Lioresal")
    assert form.max_daily.text() == "60"
    retype(qtbot, form.name, "Baclofen")

    assert form.max_daily.text() == "60"
    assert form.taper.isChecked()
    assert "your max per day kept" in form.hint.text()
    saved = save(qtbot, form, session)
    assert (saved.max_daily, saved.taper_required) == (60_000, True)


def test_a_max_typed_before_the_name_is_kept(qtbot, form, session) -> None:
    qtbot.keyClicks(form.max_daily, "50")
    qtbot.keyClicks(form.name, "Valium")

    assert form.template.currentData() == "diazepam"
    assert form.max_daily.text() == "50"
    saved = save(qtbot, form, session)
    assert (saved.name, saved.max_daily, saved.taper_required) == ("Valium", 50_000, True)


def test_a_taper_unticked_by_hand_stays_unticked(qtbot, form, session) -> None:
    qtbot.keyClicks(form.name, "Tizanidine")
    click(qtbot, form.taper)
    assert not form.taper.isChecked()
    retype(qtbot, form.name, "Zanaflex")
    retype(qtbot, form.name, "Baclofen")  # another drug: the label fills, the taper stays yours

    assert form.max_daily.text() == "80"
    assert not form.taper.isChecked()
    assert "your taper kept" in form.hint.text()
    saved = save(qtbot, form, session)
    assert (saved.max_daily, saved.taper_required) == (80_000, False)


def test_a_name_that_stops_matching_takes_the_label_out(qtbot, form, session) -> None:
    qtbot.keyClicks(form.name, "Baclofen")
    assert form.max_daily.text() == "80"
    qtbot.keyClick(form.name, Qt.Key.Key_Backspace)  # "Baclofe" is no label's name

    assert form.template.currentData() == CUSTOM
    assert (form.max_daily.text(), form.form.text(), form.taper.isChecked(),
            form.notes.toPlainText()) == ("", "", False, "")
    assert form.hint.text() == ("Baclofe matches no label template: the baclofen label's values "
                                "were taken out. Enter the prescriber's values.")
    retype(qtbot, form.name, "Gabapentin")
    saved = save(qtbot, form, session)
    assert (saved.name, saved.max_daily, saved.taper_required) == ("Gabapentin", None, False)


def test_taking_the_label_out_keeps_what_was_typed_by_hand(qtbot, form) -> None:
    qtbot.keyClicks(form.name, "Baclofen")
    retype(qtbot, form.max_daily, "60")
    retype(qtbot, form.name, "Muscle relaxant")

    assert form.max_daily.text() == "60"
    assert not form.taper.isChecked()
    assert "(what you typed stays)" in form.hint.text()


def test_a_unit_changed_by_hand_leaves_the_labels_max_out(qtbot, form, session) -> None:
    form.unit.setFocus()
    form.unit.setCurrentIndex(form.unit.findData(Unit.ML.value))
    qtbot.keyClicks(form.name, "Baclofen oral solution")

    assert form.unit.currentData() == Unit.ML.value
    assert form.max_daily.text() == ""
    assert "no max per day (the label's is in mg, not ml)" in form.hint.text()
    saved = save(qtbot, form, session)
    assert (saved.unit, saved.max_daily, saved.form, saved.taper_required) == (
        Unit.ML, None, "", True)


def test_a_label_chosen_in_start_from_stays_for_a_name_the_templates_do_not_know(
        qtbot, form, session) -> None:
    form.choose_template("baclofen")
    retype(qtbot, form.name, "Kemstro")

    assert form.template.currentData() == "baclofen"
    saved = save(qtbot, form, session)
    assert (saved.name, saved.max_daily, saved.taper_required) == ("Kemstro", 80_000, True)


def test_choosing_custom_takes_the_label_out(qtbot, form, session) -> None:
    qtbot.keyClicks(form.name, "Baclofen")
    form.choose_template(CUSTOM)
    qtbot.keyClicks(form.name, " 10 mg")  # the same drug typed on: nothing fills again

    assert (form.max_daily.text(), form.taper.isChecked()) == ("", False)
    assert form.hint.text().startswith("No template: the baclofen label's values were taken out")
    saved = save(qtbot, form, session)
    assert (saved.name, saved.max_daily, saved.taper_required) == ("Baclofen 10 mg", None, False)


def test_editing_a_medication_never_fills_from_the_name(qtbot, session) -> None:
    med = edits.add_medication(session, Medication("Muscle pill", Unit.MG, form=""))
    form = MedicationForm(session, med)
    qtbot.addWidget(form)
    form.show()
    retype(qtbot, form.name, "Baclofen")

    assert (form.max_daily.text(), form.taper.isChecked(), form.hint.text()) == ("", False, "")
    click(qtbot, form.ok_button)
    assert med.id is not None
    saved = session.store.medications.get(med.id)
    assert (saved.name, saved.max_daily, saved.taper_required) == ("Baclofen", None, False)


def test_medications_add_medication_with_a_brand_name(qtbot, session) -> None:
    view = MedicationsView(session)
    qtbot.addWidget(view)
    view.show()
    click(qtbot, view.add_medication)
    form = view.dialog
    assert isinstance(form, MedicationForm)
    qtbot.keyClicks(form.name, "Lioresal")
    click(qtbot, form.ok_button)

    [saved] = session.store.medications.all()
    assert (saved.name, saved.max_daily, saved.taper_required) == ("Lioresal", 80_000, True)
    assert view.details["Max per day"].text() == "max 80 mg/day"


@pytest.mark.parametrize("scale", [1, 2])
def test_the_filled_line_never_overlaps_the_fields(qtbot, qapp, session, scale: int) -> None:
    """Seen at 2x text: the 'Filled from the baclofen label' line wraps to three lines after the
    window took its size, and drew over the notes."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSizeF(before.pointSizeF() * scale)
    qapp.setFont(font)
    try:
        dialog = MedicationForm(session)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.name, "Lioresal")
        assert dialog.hint.text().startswith("Filled from the baclofen label")
        assert dialog.hint.geometry().top() >= dialog.notes.geometry().bottom()
        assert dialog.hint.height() >= dialog.hint.heightForWidth(dialog.hint.width())
    finally:
        qapp.setFont(before)
