"""The history's filters: dates, kind, medication, symptom, words, deleted or not, told as one
HistoryFilter when something changed; and the flow layout that wraps them at any width."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.storage import ALL_KINDS
from diary.storage import EntryKind
from diary.storage import HistoryFilter
from diary.ui import edits
from diary.ui.history.filters import CUSTOM
from diary.ui.history.filters import DATE_CHOICES
from diary.ui.history.filters import SEARCH_PAUSE_MS
from diary.ui.history.filters import HistoryFilterBar
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.flow import FlowLayout

TODAY = date(2026, 11, 26)  # the diary day of the tests' clock


@pytest.fixture
def bar(qtbot, session: DiarySession) -> HistoryFilterBar:
    widget = HistoryFilterBar(session)
    qtbot.addWidget(widget)
    return widget


def told(bar: HistoryFilterBar) -> list[HistoryFilter]:
    found: list[HistoryFilter] = []
    bar.filter_changed.connect(found.append)
    return found


def test_at_first_everything_is_shown(bar: HistoryFilterBar) -> None:
    assert bar.current_filter() == HistoryFilter(start=None, end=None, kinds=ALL_KINDS,
                                                 medication_id=None, symptom_id=None, text="",
                                                 include_deleted=False)
    assert not bar.from_edit.isEnabled() and not bar.to_edit.isEnabled()


@pytest.mark.parametrize(("label", "start"), [
    ("Today", TODAY), ("Last 7 days", date(2026, 11, 20)), ("Last 30 days", date(2026, 10, 28)),
    ("Last 12 months", date(2025, 11, 27))])
def test_a_span_of_days_ends_today(bar: HistoryFilterBar, label: str, start: date) -> None:
    changes = told(bar)
    bar.dates_combo.setCurrentIndex(bar.dates_combo.findText(label))
    [where] = changes
    assert (where.start, where.end) == (start, None)


def test_between_dates_takes_the_two_dates_and_keeps_them_in_order(
        bar: HistoryFilterBar) -> None:
    changes = told(bar)
    bar.dates_combo.setCurrentIndex(bar.dates_combo.findData(CUSTOM))
    assert bar.from_edit.isEnabled() and bar.to_edit.isEnabled()
    assert (changes[-1].start, changes[-1].end) == (TODAY - timedelta(days=29), TODAY)
    bar.from_edit.setDate(QDate(2026, 12, 5))  # after the last day: the last day follows
    assert bar.to_edit.date() == QDate(2026, 12, 5)
    bar.to_edit.setDate(QDate(2026, 11, 1))  # before the first day: the first day follows
    assert bar.from_edit.date() == QDate(2026, 11, 1)
    assert (changes[-1].start, changes[-1].end) == (date(2026, 11, 1), date(2026, 11, 1))
    assert [label for label, _ in DATE_CHOICES][-1] == "Between dates…"


def test_a_kind_keeps_only_the_choices_that_apply_to_it(bar: HistoryFilterBar,
                                                        session: DiarySession) -> None:
    med = edits.add_medication(session, Medication("Baclofen", Unit.MG))
    bar.reload_choices()
    bar.medication_combo.setCurrentIndex(bar.medication_combo.findData(med.id))
    spasticity = session.store.symptoms.named("Spasticity").id
    bar.symptom_combo.setCurrentIndex(bar.symptom_combo.findData(spasticity))
    where = bar.current_filter()
    assert (where.medication_id, where.symptom_id) == (med.id, spasticity)
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findText("Doses"))
    assert bar.medication_combo.isEnabled() and not bar.symptom_combo.isEnabled()
    where = bar.current_filter()
    assert (where.kinds, where.medication_id, where.symptom_id) == (
        frozenset({EntryKind.DOSE}), med.id, None)
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findText("Events"))
    assert not bar.medication_combo.isEnabled() and not bar.symptom_combo.isEnabled()
    assert (bar.current_filter().medication_id, bar.current_filter().symptom_id) == (None, None)


def test_the_lists_follow_the_diary_and_keep_what_was_chosen(bar: HistoryFilterBar,
                                                            session: DiarySession) -> None:
    med = edits.add_medication(session, Medication("Baclofen", Unit.MG))
    assert med.id is not None
    bar.reload_choices()
    bar.medication_combo.setCurrentIndex(bar.medication_combo.findData(med.id))
    edits.archive_medication(session, med.id)
    edits.add_medication(session, Medication("Tizanidine", Unit.MG))
    bar.reload_choices()
    combo = bar.medication_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All medications", "Baclofen (archived)", "Tizanidine"]
    assert combo.currentData() == med.id


def test_typed_words_apply_after_a_pause_or_at_once_with_enter(
        qtbot, bar: HistoryFilterBar) -> None:
    changes = told(bar)
    qtbot.keyClicks(bar.search_edit, "hall")
    assert changes == []  # not at every key
    with qtbot.waitSignal(bar.filter_changed, timeout=SEARCH_PAUSE_MS * 10):
        pass
    assert [c.text for c in changes] == ["hall"]
    qtbot.keyClicks(bar.search_edit, "way")
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Return)
    assert [c.text for c in changes] == ["hall", "hallway"]


def test_nothing_is_told_when_nothing_changed(qtbot, bar: HistoryFilterBar) -> None:
    changes = told(bar)
    bar.deleted_check.setChecked(True)
    bar.deleted_check.setChecked(True)
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Return)  # the same words: the same filter
    assert [c.include_deleted for c in changes] == [True]


def test_the_flow_layout_wraps_onto_as_many_lines_as_the_width_needs(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host, spacing=4, one_line_hint=False)
    flow.setContentsMargins(0, 0, 0, 0)
    buttons = [QPushButton(f"Button {n}") for n in range(4)]
    for button in buttons:
        button.setFixedSize(100, 30)
        flow.addWidget(button)
    assert flow.count() == 4 and flow.itemAt(4) is None and flow.hasHeightForWidth()
    assert flow.heightForWidth(500) == 30  # one line
    assert flow.heightForWidth(210) == 30 + 4 + 30  # two a line
    assert flow.heightForWidth(100) == 4 * 30 + 3 * 4  # one a line
    host.resize(210, 64)
    host.show()
    qtbot.waitExposed(host)
    assert [(b.x(), b.y()) for b in buttons] == [(0, 0), (104, 0), (0, 34), (104, 34)]
    assert flow.takeAt(0) is not None and flow.count() == 3
