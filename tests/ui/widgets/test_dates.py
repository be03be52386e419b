"""Dates between Python and Qt, and the one date field every dialog uses: 2026-11-26, with a
calendar, named for a screen reader, from 1900 to 2200."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from diary.ui.widgets.dates import EARLIEST
from diary.ui.widgets.dates import LATEST
from diary.ui.widgets.dates import date_edit
from diary.ui.widgets.dates import pydate
from diary.ui.widgets.dates import qdate


@pytest.mark.parametrize("day", [date(2026, 11, 26), date(2024, 2, 29), date(1900, 1, 1)])
def test_a_day_goes_to_qt_and_back_unchanged(day: date) -> None:
    assert qdate(day) == QDate(day.year, day.month, day.day)
    assert pydate(qdate(day)) == day


def test_the_date_field(qapp) -> None:
    edit = date_edit("First day of the baseline", date(2026, 11, 26))
    assert edit.accessibleName() == "First day of the baseline"
    assert edit.calendarPopup() and edit.displayFormat() == "yyyy-MM-dd"
    assert edit.text() == "2026-11-26" and pydate(edit.date()) == date(2026, 11, 26)
    assert (edit.minimumDate(), edit.maximumDate()) == (EARLIEST, LATEST)
    edit.setDate(QDate(1850, 1, 1))  # before the earliest: held at it
    assert edit.date() == EARLIEST


def test_a_field_without_a_day_keeps_qts_own(qapp) -> None:
    assert date_edit("To date").date() == QDate(2000, 1, 1)
