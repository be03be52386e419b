"""The first page: whose diary, every field optional, a value that is not one said beside it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from diary.domain.entities import DiaryInfo
from diary.domain.errors import ValidationError
from diary.ui.assistant.person import CONDITIONS
from diary.ui.assistant.person import PersonPage
from diary.ui.widgets.targets import TARGET

TODAY = date(2026, 11, 26)


@pytest.fixture
def page(qtbot) -> PersonPage:
    page = PersonPage(DiaryInfo(), TODAY)
    qtbot.addWidget(page)
    return page


def test_nothing_typed_is_the_diary_as_it_is(page: PersonPage) -> None:
    assert page.info() == DiaryInfo()
    assert page.validatePage()


def test_name_birth_date_and_a_condition_offered_or_typed(page: PersonPage) -> None:
    assert [page.condition.itemText(i) for i in range(page.condition.count())] == [
        "Multiple sclerosis", "Spinal cord injury"] == list(CONDITIONS)
    page.name.setText("  Alex Martin ")
    page.birth_date.setText("1968-04-23")
    page.condition.setCurrentIndex(1)
    assert page.info() == DiaryInfo(name="Alex Martin", birth_date=date(1968, 4, 23),
                                    condition="Spinal cord injury")
    page.condition.setCurrentText("Cerebral palsy")
    assert page.info().condition == "Cerebral palsy"


def test_what_the_diary_holds_is_shown_to_change(qtbot) -> None:
    info = DiaryInfo(name="Sam", birth_date=date(1950, 1, 2), condition="Multiple sclerosis")
    page = PersonPage(info, TODAY)
    qtbot.addWidget(page)
    assert (page.name.text(), page.birth_date.text(), page.condition.currentText()) == (
        "Sam", "1950-01-02", "Multiple sclerosis")
    assert page.info() == info


@pytest.mark.parametrize(("typed", "said"), [
    ("23/04/1968", "Birth date: '23/04/1968' is not a date; use YYYY-MM-DD"),
    ("2027-01-01", "Birth date: 2027-01-01 is after today"),
])
def test_a_birth_date_that_is_not_one_is_said_and_the_page_stays(
        qtbot, page: PersonPage, typed: str, said: str) -> None:
    page.show()
    page.birth_date.setText(typed)
    assert not page.validatePage()
    assert page.error.isVisible() and said in page.error.text()
    assert page.focusWidget() is page.birth_date
    with pytest.raises(ValidationError):
        page.info()
    qtbot.keyClicks(page.birth_date, "x")  # typing again takes the message away
    assert page.error.isHidden()


def test_a_name_of_two_lines_is_refused(page: PersonPage) -> None:
    page.name.setText("Alex\tMartin")
    assert not page.validatePage()
    assert "Name:" in page.error.text()


def test_the_kept_values_of_the_diary_stay(qtbot) -> None:
    info = replace(DiaryInfo(), prescriber="Dr Okafor", on_time_window_minutes=45)
    page = PersonPage(info, TODAY)
    qtbot.addWidget(page)
    page.name.setText("Alex")
    assert page.info() == replace(info, name="Alex")


def test_every_field_and_the_skip_button_are_large_targets(page: PersonPage) -> None:
    for widget in (page.name, page.birth_date, page.condition, page.skip):
        assert widget.minimumHeight() >= TARGET, widget.accessibleName()
    assert page.skip.accessibleName() == "Skip the set-up assistant; it will not open again"
    assert not page.skip.autoDefault()  # Enter in a field goes on; it does not skip
