"""File > Export report: the dialog gathers and draws the report in a worker thread with a
progress dialog, and says where it went; Cancel leaves nothing. (Its baseline:
test_baseline.py.)"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QDate
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QWidget

from diary.demo import build_demo
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.report.dialog import ReportDialog
from diary.ui.report.dialog import default_paper
from diary.ui.report.dialog import open_report_dialog
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW
from tests.helpers.dialogs import PathQuestion
from tests.helpers.qt import click
from tests.ui.report.support import quick

REPO = Path(__file__).resolve().parents[3]


def test_save_writes_the_report_and_says_where(qtbot: object, session: DiarySession,
                                              target: list[PathQuestion], dialog_answers,
                                              tmp_path: Path) -> None:
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    quick(dialog)
    assert dialog.chosen_range() == (date(2026, 8, 29), date(2026, 11, 26))  # the last 90 days
    with qtbot.waitSignal(dialog.report_saved, timeout=30_000) as saved:  # type: ignore[attr-defined]
        click(qtbot, dialog.save_button)
    done = saved.args[0]
    path = tmp_path / "report.pdf"
    pages = len(pypdf.PdfReader(path).pages)
    assert [(q.title, q.suggested, q.filters) for q in target] == [
        ("Save the report", "medication-report-2026-08-29-to-2026-11-26.pdf", "PDF files (*.pdf)")]
    assert done.pages == pages == 1 + 2  # 90 rows of the log take two pages
    assert dialog.pages_done == (pages, pages)
    # Said in the dialog, beside Open and Show in folder, not in one more box to close.
    assert dialog_answers.notice_texts == []
    assert dialog.saved.isVisibleTo(dialog) and dialog.saved.path == path
    assert dialog.saved.label.text() == f"Report saved ({pages} pages): {path}"
    assert not dialog.busy and dialog.progress is None


def test_cancel_leaves_no_file(qtbot: object, session: DiarySession, target: list[PathQuestion],
                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from diary.report import build as engine

    gate = threading.Event()
    real = engine.draw_page

    def held(*args: object) -> object:
        gate.wait(20)  # the first page waits until the test has pressed Cancel
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "draw_page", held)
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    quick(dialog)
    try:
        click(qtbot, dialog.save_button)
        qtbot.waitUntil(lambda: dialog.pages_done[1] > 0, timeout=10_000)  # type: ignore[attr-defined]
        assert dialog.progress is not None and dialog.progress.isVisible()
        cancel = dialog.progress.findChild(QPushButton)
        with qtbot.waitSignal(dialog.report_cancelled, timeout=30_000):  # type: ignore[attr-defined]
            click(qtbot, cancel)
            gate.set()
    finally:
        gate.set()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")) == []
    assert not dialog.busy


def test_cancel_while_reading_the_diary_stops_before_drawing(
        qtbot: object, session: DiarySession, target: list[PathQuestion], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from diary.report import build as engine

    reading, gate = threading.Event(), threading.Event()
    real_trends, later = engine.load_trends, []

    def held(*args: object, **kwargs: object) -> object:
        reading.set()
        gate.wait(20)  # the first read waits until the test has pressed Cancel
        return real_trends(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "load_trends", held)
    monkeypatch.setattr(engine, "adherence", lambda *args: later.append("adherence"))
    monkeypatch.setattr(engine, "draw_page", lambda *args: later.append("page"))
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    quick(dialog)
    try:
        click(qtbot, dialog.save_button)
        qtbot.waitUntil(reading.is_set, timeout=10_000)  # type: ignore[attr-defined]
        assert dialog.progress is not None and dialog.progress.isVisible()
        assert dialog.progress.labelText() == "Reading the diary…"
        cancel = dialog.progress.findChild(QPushButton)
        with qtbot.waitSignal(dialog.report_cancelled, timeout=30_000):  # type: ignore[attr-defined]
            click(qtbot, cancel)
            gate.set()
    finally:
        gate.set()
    assert later == []  # stopped after the read under way: nothing more read, nothing drawn
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")) == []
    assert not dialog.busy and dialog.progress is None


def test_a_failure_is_told_and_leaves_nothing(qtbot: object, session: DiarySession,
                                              target: list[PathQuestion], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              dialog_answers) -> None:
    from diary.report import build as engine

    def broken(*args: object) -> object:
        raise OSError(28, "No space left on device", str(tmp_path / "report.pdf"))

    monkeypatch.setattr(engine, "draw_page", broken)
    errors = dialog_answers.error_texts
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.report_failed, timeout=30_000):  # type: ignore[attr-defined]
        click(qtbot, dialog.save_button)
    assert errors == [f"{tmp_path / 'report.pdf'}: no space left on device. Nothing was saved."]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")) == []


def test_the_diary_is_read_in_the_worker_through_a_store_of_its_own(
        qtbot: object, session: DiarySession, target: list[PathQuestion], dialog_answers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from diary.report import build as engine

    seen: list[tuple[bool, bool, bool]] = []
    real = engine.build_report

    def watched(store: DiaryStore, *args: object, **kwargs: object) -> object:
        seen.append((threading.current_thread() is threading.main_thread(),
                     store is session.store, store.read_only))
        return real(store, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "build_report", watched)
    before = session.store.counts()
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    quick(dialog)
    with qtbot.waitSignal(dialog.report_saved, timeout=30_000):  # type: ignore[attr-defined]
        click(qtbot, dialog.save_button)
    assert seen == [(False, False, True)]
    assert session.store.counts() == before  # the window's own store is open and unchanged


def test_a_diary_that_cannot_be_read_is_told(qtbot: object, session: DiarySession,
                                              target: list[PathQuestion], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              dialog_answers) -> None:
    from diary.report import build as engine

    def unreadable(*args: object, **kwargs: object) -> object:
        raise sqlite3.DatabaseError("disk I/O error")

    monkeypatch.setattr(engine, "build_report", unreadable)
    errors = dialog_answers.error_texts
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.report_failed, timeout=30_000):  # type: ignore[attr-defined]
        click(qtbot, dialog.save_button)
    assert errors == ["The diary could not be read (disk I/O error). Nothing was saved."]
    assert not dialog.busy
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")) == []


def _appointment_day(path: Path) -> date:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        row = conn.execute("SELECT max(date(at_utc, printf('%+d minutes', utc_offset_min - "
                           "240))) FROM events WHERE kind = 'appointment'").fetchone()
    return date.fromisoformat(row[0])


def test_a_read_only_diary_can_export_a_report(qtbot: object, read_only: DiarySession,
                                               target: list[PathQuestion], dialog_answers,
                                               tmp_path: Path) -> None:
    dialog = ReportDialog(read_only)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    quick(dialog)
    appointment = _appointment_day(read_only.store.path)
    assert dialog.preset.currentData() == "appointment"  # the default when there was one
    assert dialog.chosen_range() == (appointment, date(2026, 11, 26))
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    with qtbot.waitSignal(dialog.report_saved, timeout=30_000):  # type: ignore[attr-defined]
        click(qtbot, dialog.save_button)
    page = pypdf.PdfReader(tmp_path / "report.pdf").pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612.0, 792.0)
    assert "Sam Demo" in page.extract_text()
    assert target[0].suggested == (
        f"medication-report-sam-demo-a-made-up-person-{appointment}-to-2026-11-26.pdf")


def test_presets_and_dates(qtbot: object, read_only: DiarySession) -> None:
    dialog = ReportDialog(read_only)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    keys = [dialog.preset.itemData(i) for i in range(dialog.preset.count())]
    assert keys == ["30", "90", "appointment", "all", "chosen"]
    dialog.preset.setCurrentIndex(keys.index("30"))
    assert dialog.chosen_range() == (date(2026, 10, 28), date(2026, 11, 26))
    dialog.preset.setCurrentIndex(keys.index("all"))
    assert dialog.chosen_range() == (date(2026, 11, 7), date(2026, 11, 26))  # the demo's 20 days
    dialog.start_edit.setDate(QDate(2026, 11, 10))
    assert dialog.preset.currentData() == "chosen"
    assert dialog.chosen_range() == (date(2026, 11, 10), date(2026, 11, 26))


def test_a_range_that_ends_before_it_starts_is_refused(qtbot: object, session: DiarySession,
                                                       dialog_answers) -> None:
    errors = dialog_answers.error_texts
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.start_edit.setDate(QDate(2026, 11, 20))
    dialog.end_edit.setDate(QDate(2026, 11, 10))
    click(qtbot, dialog.save_button)  # choose_save_path is never asked: it would fail the test
    assert errors == ["The range ends on 2026-11-10 before it starts on 2026-11-20."]


def test_letter_where_it_is_the_custom() -> None:
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == \
        "letter"
    assert default_paper(QLocale(QLocale.Language.French, QLocale.Country.Canada)) == "letter"
    assert default_paper(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "a4"
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == \
        "a4"


def test_every_control_has_a_name_and_a_key(qtbot: object, session: DiarySession) -> None:
    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    dialog = open_report_dialog(window, session)
    controls = [w for w in dialog.findChildren(QWidget)
                if isinstance(w, QCheckBox | QComboBox | QDateEdit | QPushButton | QRadioButton)]
    assert len(controls) >= 14
    for control in controls:
        assert control.accessibleName() or control.text(), control  # type: ignore[attr-defined]
    texts = [b.text() for b in dialog.findChildren(QCheckBox)] + [dialog.save_button.text()]
    texts += [b.text() for b in dialog.findChildren(QRadioButton)]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert len(texts) == 14 and len(set(keys)) == len(keys), texts
    assert dialog.isVisible() and dialog.isModal()
    dialog.close()


def test_the_dialog_module_loads_neither_matplotlib_nor_the_export() -> None:
    code = ("import json, sys; import diary.ui.report.dialog; print(json.dumps(sorted(m for m in "
            "sys.modules if m.split('.')[0] == 'matplotlib' "
            "or m.startswith(('diary.report', 'diary.csv', 'diary.fhir')))))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_dates_end_today_and_a_later_end_is_refused_before_asking_where(
    qtbot: object, session: DiarySession, clock: list[datetime], dialog_answers
) -> None:
    """The date edits stop at today's diary day; should the clock go back while the dialog is
    open (a time zone crossed westwards), a last day after today is refused before the save path
    is asked, naming the day and today."""
    errors = dialog_answers.error_texts
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.end_edit.maximumDate() == QDate(2026, 11, 26)
    assert dialog.start_edit.maximumDate() == QDate(2026, 11, 26)
    dialog.end_edit.setDate(QDate(2026, 12, 10))
    assert dialog.chosen_range()[1] == date(2026, 11, 26)
    clock[0] = NOW - timedelta(days=1)
    click(qtbot, dialog.save_button)  # choose_save_path is never asked: it would fail the test
    assert errors == ["The range ends on 2026-11-26, after today, 2026-11-25; choose today or "
                      "an earlier day."]


def test_a_dialog_left_open_past_midnight_moves_on_with_the_day(qtbot: object,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "demo.diary"
    build_demo(path, days=20, seed=2, now=NOW)
    clock = [NOW]
    session = DiarySession(open_diary(path, read_only=True, clock=lambda: clock[0]),
                           lambda: clock[0])
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.preset.setCurrentIndex(dialog.preset.findData("30"))
    today = session.today()
    assert dialog.chosen_range()[1] == today
    assert dialog.end_edit.maximumDate() == QDate(today.year, today.month, today.day)
    clock[0] = NOW + timedelta(days=1)
    dialog.follow_today()  # what its minute timer does
    tomorrow = today + timedelta(days=1)
    assert dialog.chosen_range() == (tomorrow - timedelta(days=29), tomorrow)
    for edit in (dialog.start_edit, dialog.end_edit, *dialog.baseline.date_edits()):
        assert edit.maximumDate() == QDate(tomorrow.year, tomorrow.month, tomorrow.day)
    dialog.close()
    session.close()


def test_the_dialog_says_the_one_not_medical_advice_text(qtbot: object,
                                                         session: DiarySession) -> None:
    from diary.domain.wording import NOT_MEDICAL_ADVICE

    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert NOT_MEDICAL_ADVICE in [label.text() for label in dialog.findChildren(QLabel)]
