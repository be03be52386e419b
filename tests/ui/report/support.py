"""Helpers the report dialog's tests share (no tests here). The fixtures (`target`, `read_only`)
are in conftest.py."""

from __future__ import annotations

from diary.ui.report.dialog import ReportDialog


def quick(dialog: ReportDialog) -> None:
    """Page 1 and the daily log only: the charts have tests of their own."""
    for box in (dialog.dose_symptoms, dialog.dose_effect, dialog.calendar, dialog.before_after):
        box.setChecked(False)
