"""The report dialog's baseline: the automatic one named for the range before the report is
made, chosen days that reach page 1, and chosen days in the recent ones refused before the save
path is asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
from PySide6.QtCore import QDate

from diary.ui.report.baseline import BaselineChooser
from diary.ui.report.dialog import ReportDialog
from diary.ui.shell.session import DiarySession
from tests.helpers.dialogs import PathQuestion
from tests.helpers.qt import click
from tests.ui.report.support import quick


def test_the_automatic_baseline_is_named_before_the_report_is_made(
    qtbot: object, read_only: DiarySession
) -> None:
    dialog = ReportDialog(read_only)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.preset.setCurrentIndex(dialog.preset.findData("all"))
    # The demo's 20 days: three rated days, then baclofen from the fourth (10 November).
    assert dialog.baseline.found.text() == ("7–9 Nov 2026, before treatment began; compared "
                                            "with the recent days, 20–26 Nov 2026.")
    assert dialog.baseline.chosen() is None
    assert not dialog.baseline.first_edit.isEnabled()
    assert dialog.baseline.last_edit.maximumDate() == QDate(2026, 11, 26)  # today, by the clock
    dialog.start_edit.setDate(QDate(2026, 11, 12))  # the range no longer holds the baseline
    assert dialog.baseline.found.text().startswith("7–9 Nov 2026, before treatment began")
    assert dialog.baseline.first_edit.date() == QDate(2026, 11, 7)


def test_chosen_baseline_days_reach_page_one(qtbot: object, read_only: DiarySession,
                                             target: list[PathQuestion], dialog_answers,
                                             tmp_path: Path) -> None:
    dialog = ReportDialog(read_only)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    quick(dialog)
    dialog.appendix.setChecked(False)
    dialog.preset.setCurrentIndex(dialog.preset.findData("all"))
    click(qtbot, dialog.baseline.chosen_days)
    assert dialog.baseline.first_edit.isEnabled()
    dialog.baseline.first_edit.setDate(QDate(2026, 11, 12))
    dialog.baseline.last_edit.setDate(QDate(2026, 11, 14))
    assert dialog.baseline.chosen() == (date(2026, 11, 12), date(2026, 11, 14))
    with qtbot.waitSignal(dialog.report_saved, timeout=30_000):  # type: ignore[attr-defined]
        click(qtbot, dialog.save_button)
    page = " ".join(pypdf.PdfReader(tmp_path / "report.pdf").pages[0].extract_text().split())
    assert "at baseline (chosen for this report, 12–14 Nov 2026)" in page


def test_a_baseline_in_the_recent_days_is_refused_before_asking_where(
    qtbot: object, read_only: DiarySession, dialog_answers
) -> None:
    errors = dialog_answers.error_texts
    dialog = ReportDialog(read_only)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.preset.setCurrentIndex(dialog.preset.findData("all"))
    click(qtbot, dialog.baseline.chosen_days)
    dialog.baseline.first_edit.setDate(QDate(2026, 11, 18))
    dialog.baseline.last_edit.setDate(QDate(2026, 11, 21))
    click(qtbot, dialog.save_button)  # choose_save_path is never asked: it would fail the test
    assert errors == ["The baseline (2026-11-18 to 2026-11-21) must end before the recent days, "
                      "which begin on 2026-11-20."]


def test_a_range_the_baseline_cannot_be_found_for_is_said_in_the_box(
        qtbot: object, read_only: DiarySession) -> None:
    chooser = BaselineChooser(read_only)
    qtbot.addWidget(chooser)  # type: ignore[attr-defined]
    chooser.set_range(date(2026, 11, 20), date(2026, 11, 10))
    assert chooser.found.text() == "The range ends on 2026-11-10 before it starts on 2026-11-20."
    assert chooser.chosen() is None
    assert chooser.problem(date(2026, 11, 7), date(2026, 11, 26)) is None  # automatic: none
    chooser.chosen_days.setChecked(True)
    chooser.first_edit.setDate(QDate(2026, 11, 7))
    chooser.last_edit.setDate(QDate(2026, 11, 9))
    assert chooser.problem(date(2026, 11, 7), date(2026, 11, 26)) is None
    chooser.set_range(date(2026, 11, 7), date(2026, 11, 26))  # the chosen days stay chosen
    assert chooser.chosen() == (date(2026, 11, 7), date(2026, 11, 9))
