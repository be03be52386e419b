"""The range of days the Trends view shows: presets ending today ("all" from the first entry),
a range seen before drawn again without reading the diary, and typed dates checked before
anything is loaded."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.trends.ranges import range_problem
from diary.ui.trends.ranges import span_words
from tests.ui.trends.support import FIRST_EVENT
from tests.ui.trends.support import PRESET
from tests.ui.trends.support import TODAY
from tests.ui.trends.support import at
from tests.ui.trends.support import choose
from tests.ui.trends.support import shown_view


def test_each_preset_loads_its_range_ending_today(qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    assert view.data is not None
    assert (view.data.start, view.data.end) == (date(2026, 8, 29), TODAY)  # 90 days by default
    # Worked out by hand: N days ending on Thursday 26 November 2026, today included.
    expected = {"14 days": date(2026, 11, 13), "30 days": date(2026, 10, 28),
                "year": date(2025, 11, 27), "all": FIRST_EVENT}
    for preset, start in expected.items():
        choose(qtbot, view, preset)
        assert (view.data.start, view.data.end) == (start, TODAY), preset
        shown = (view.range.from_edit.date(), view.range.to_edit.date())
        assert shown == (QDate(start.year, start.month, start.day), QDate(2026, 11, 26))


def test_all_starts_at_a_new_first_entry_once_it_is_added(qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    choose(qtbot, view, "all")
    assert view.data.start == FIRST_EVENT
    earlier = date(2026, 2, 14)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        edits.add_event(diary, Event(at(earlier, 9), EventKind.FALL, "slipped on ice"))
    assert (view.data.start, view.data.end) == (earlier, TODAY)


def test_a_range_seen_before_is_drawn_again_without_reading_the_diary(
        qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    choose(qtbot, view, "14 days")
    loads = view.loader.requests
    view.range.preset_combo.setCurrentIndex(PRESET["90 days"])
    assert view.loader.requests == loads and not view.loading
    assert (view.data.start, view.data.end) == (date(2026, 8, 29), TODAY)


def test_typed_dates_are_checked_before_anything_is_loaded(qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    controls = view.range
    controls.preset_combo.setCurrentIndex(PRESET["custom"])
    assert controls.from_edit.isEnabled() and controls.to_edit.isEnabled()
    loads, shown = view.loader.requests, view.data

    controls.from_edit.setDate(QDate(2026, 11, 20))
    controls.to_edit.setDate(QDate(2026, 11, 10))
    qtbot.keyClick(controls.to_edit, Qt.Key.Key_Return)
    assert controls.message.isVisibleTo(view)
    # The domain's one rule and wording for a range (check_days), as the report's dialog says it.
    assert controls.message.text() == "The range ends on 2026-11-10 before it starts on 2026-11-20."
    assert view.loader.requests == loads and view.data is shown

    controls.to_edit.setDate(QDate(2026, 12, 3))
    controls.apply()
    assert controls.message.text() == ("The range ends on 2026-12-03, after today, 2026-11-26; "
                                       "choose today or an earlier day.")
    assert view.loader.requests == loads and view.data is shown

    controls.from_edit.setDate(QDate(2026, 11, 2))
    controls.to_edit.setDate(QDate(2026, 11, 15))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        controls.apply()
    assert not controls.message.isVisibleTo(view)
    assert (view.data.start, view.data.end) == (date(2026, 11, 2), date(2026, 11, 15))


@pytest.mark.parametrize(("days", "words"), [
    (1, "1 day"), (14, "14 days"), (59, "59 days"), (90, "3 months"), (364, "12 months"),
    (365, "1 year"), (3652, "10 years")])
def test_a_span_as_a_person_says_it(days: int, words: str) -> None:
    assert span_words(days) == words


def test_a_typed_range_is_checked_by_the_domains_rule() -> None:
    assert range_problem(date(2026, 11, 2), date(2026, 11, 15), TODAY) is None
    assert range_problem(TODAY, TODAY, TODAY) is None
    assert range_problem(date(2026, 11, 20), date(2026, 11, 10), TODAY) == (
        "The range ends on 2026-11-10 before it starts on 2026-11-20.")
    assert range_problem(date(2026, 11, 20), date(2026, 11, 27), TODAY) == (
        "The range ends on 2026-11-27, after today, 2026-11-26; choose today or an earlier day.")
