"""The second page: a name that completes from the labels, baclofen first; a known name shows the
label's values to check, any other asks for its unit and form; nothing is a list starting on
"Custom"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QStringListModel

from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.ui.assistant.medication import MedicationPage
from diary.ui.assistant.medication import known_names
from diary.ui.widgets.targets import TARGET
from tests.helpers.qt import click


@pytest.fixture
def page(qtbot) -> Callable[..., MedicationPage]:
    def build(*existing: Medication) -> MedicationPage:
        page = MedicationPage(lambda: list(existing))
        qtbot.addWidget(page)
        page.show()
        return page

    return build


def test_the_name_completes_from_the_labels_baclofen_first(page) -> None:
    shown = page()
    completer = shown.name.completer()
    assert completer is not None
    model = completer.model()
    assert isinstance(model, QStringListModel)
    assert model.stringList() == known_names()
    assert known_names()[:3] == ["Baclofen", "Tizanidine", "Diazepam"]
    assert "Lioresal" in known_names() and "Zanaflex" in known_names()
    completer.setCompletionPrefix("bac")
    assert completer.currentCompletion() == "Baclofen"


def test_nothing_typed_asks_for_the_name(page) -> None:
    shown = page()
    assert shown.label_box.isHidden() and shown.other.isHidden()
    assert not shown.validatePage()
    assert "Name: type the medication's name" in shown.error.text()


def test_a_known_name_shows_the_labels_values_to_check(page) -> None:
    shown = page()
    shown.name.setText("baclofen")
    assert shown.label_box.isVisible() and shown.other.isHidden()
    text = shown.label_box.text()
    for said in ("From the baclofen label", "Form: tablets, measured in mg",
                 "Most per day: at most 80 mg a day",
                 "Between doses: no minimum time between doses stated",
                 "Stopping: needs a taper"):
        assert said in text
    med = shown.medication()
    assert (med.name, med.unit, med.form, med.max_daily, med.taper_required) == (
        "Baclofen", Unit.MG, "tablet", 80 * SCALE, True)
    assert med.id is None  # nothing is written here


def test_a_brand_name_keeps_its_name_with_the_labels_values(page) -> None:
    shown = page()
    shown.name.setText("Zanaflex")
    assert "Between doses: at least 6 h between doses" in shown.label_box.text()
    med = shown.medication()
    assert (med.name, med.max_daily, med.min_interval_minutes) == ("Zanaflex", 36 * SCALE, 360)


def test_each_labels_button_fills_the_name(qtbot, page) -> None:
    shown = page()
    assert [b.text() for b in shown.picks] == ["Baclofen", "Tizanidine", "Diazepam"]
    click(qtbot, shown.picks[2])
    assert shown.name.text() == "Diazepam"
    assert shown.medication().max_daily == 40 * SCALE
    assert all(b.minimumHeight() >= TARGET and not b.autoDefault() for b in shown.picks)


def test_another_name_asks_for_its_unit_and_form(page) -> None:
    shown = page()
    shown.name.setText("gabapentin")
    assert shown.other.isVisible() and shown.label_box.isHidden()
    assert "gabapentin is not one of the labels" in shown.other_note.text()
    assert shown.unit.currentText() == "mg"  # the usual unit, to change
    assert not shown.validatePage()
    assert "Form: say what form it comes in" in shown.error.text()
    assert shown.focusWidget() is shown.form_field
    shown.form_field.setText("capsule")
    shown.unit.setCurrentIndex(shown.unit.findData(Unit.ML.value))
    assert shown.max_unit.text() == "ml a day"
    shown.max_daily.setText("12.5")
    assert shown.validatePage()
    assert shown.medication() == Medication("gabapentin", Unit.ML, form="capsule",
                                            max_daily=12_500)


def test_a_max_that_is_not_an_amount_is_said(page) -> None:
    shown = page()
    shown.name.setText("Gabapentin")
    shown.form_field.setText("capsule")
    shown.max_daily.setText("lots")
    assert not shown.validatePage()
    assert shown.error.text().startswith("⚠ Most per day:")
    assert shown.focusWidget() is shown.max_daily
    with pytest.raises(ValidationError):
        shown.medication()


def test_a_medication_already_in_the_diary_is_refused(page) -> None:
    shown = page(Medication("Baclofen", Unit.MG, id=1))
    shown.name.setText("Lioresal")
    assert not shown.validatePage()
    assert "Lioresal is baclofen, already in this diary as Baclofen" in shown.error.text()
    shown.name.setText("Tizanidine")
    assert shown.error.isHidden()  # typing takes the message away
    assert shown.validatePage()
