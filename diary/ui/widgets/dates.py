"""Dates between Python and Qt, and the one date field every dialog uses (ISO, with a calendar)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

EARLIEST, LATEST = QDate(1900, 1, 1), QDate(2200, 12, 31)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_edit(name: str, day: date | None = None) -> QDateEdit:
    """A date field shown as 2026-11-26, with a calendar to pick from; `name` is read out by
    screen readers."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDateRange(EARLIEST, LATEST)
    edit.setAccessibleName(name)
    if day is not None:
        edit.setDate(qdate(day))
    return edit
