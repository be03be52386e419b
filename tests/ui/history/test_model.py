"""The history model on ten years of a demo diary: a valid Qt model, lazy, newest first, and
every filter of the view narrows it to what the store's own queries say; the missed doses among
the rows are those the domain's adherence calls missed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt

from diary.demo import build_demo
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import Rating
from diary.domain.plans.answers import MissedDose
from diary.domain.stats import SlotStatus
from diary.storage import Entry
from diary.storage import EntryKind
from diary.storage import HistoryFilter
from diary.storage import kind_of
from diary.storage.records.outcomes import outcomes_between
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.history.model import PAGE_SIZE
from diary.ui.history.model import Column
from diary.ui.history.model import HistoryModel
from diary.ui.history.model import Key
from diary.ui.history.model import RowKey
from diary.ui.history.model import key_of
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW

EVERYTHING = (date(2000, 1, 1), date(2100, 1, 1))


@pytest.fixture(scope="module")
def big_diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "ten-years.diary"
    build_demo(path, days=3650, seed=1, now=NOW)
    return path


@pytest.fixture
def big(qapp: object, big_diary: Path) -> Iterator[DiarySession]:
    store = open_diary(big_diary, read_only=True, clock=lambda: NOW)
    session = DiarySession(store, lambda: NOW)
    yield session
    session.close()


def load_all(model: HistoryModel) -> None:
    root = QModelIndex()
    while model.canFetchMore(root):
        model.fetchMore(root)


def keys(model: HistoryModel) -> list[RowKey]:
    return [key_of(model.entry(row)) for row in range(model.rowCount())]


def stored_rows(model: HistoryModel) -> int:
    return sum(not isinstance(model.entry(row), MissedDose) for row in range(model.rowCount()))


def missed_keys(session: DiarySession, medication_id: int | None = None,
                days: tuple[date, date] = EVERYTHING) -> set[RowKey]:
    """The missed doses by the domain's own adherence over the whole plan."""
    start = max(days[0], min(s.start for s in session.store.plans.steps()))
    end = min(days[1], session.today())
    return {("missed", o.medication_id, o.slot.day, o.slot.time)
            for o in outcomes_between(session.store, start, end, session.now())
            if o.status is SlotStatus.MISSED
            and medication_id in (None, o.medication_id)}


def every_entry(store: DiaryStore) -> list[Entry]:
    return [
        *store.intakes.between(*EVERYTHING),
        *store.ratings.between(*EVERYTHING),
        *store.events.between(*EVERYTHING),
    ]


def test_model_passes_the_qt_model_tester(qtmodeltester, big: DiarySession) -> None:
    model = HistoryModel(big)
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.set_filter(HistoryFilter(kinds=frozenset({EntryKind.EVENT})))
    qtmodeltester.check(model)
    assert model.rowCount() == big.store.counts()["events"]


def test_opens_with_one_page_and_fetches_the_rest_lazily(big: DiarySession) -> None:
    counts = big.store.counts()
    total = counts["intakes"] + counts["ratings"] + counts["events"]
    assert total > 25_000
    model = HistoryModel(big)
    root = QModelIndex()
    assert stored_rows(model) == PAGE_SIZE
    assert model.canFetchMore(root)
    assert model.missed_total() is None  # ten years are counted a year at a time
    assert model.total() == total
    model.finish_count()
    missed = model.missed_total()
    assert missed is not None and missed == len(missed_keys(big)) > 0
    assert model.total() == total + missed
    model.fetchMore(root)
    assert stored_rows(model) == 2 * PAGE_SIZE
    load_all(model)
    assert model.rowCount() == total + missed
    assert not model.canFetchMore(root)
    assert len(set(keys(model))) == total + missed


def test_newest_first(big: DiarySession) -> None:
    model = HistoryModel(big)
    load_all(model)
    instants = [model.entry(row).at for row in range(model.rowCount())]
    assert instants == sorted(instants, reverse=True)
    newest = max(every_entry(big.store), key=lambda e: e.at)
    assert model.entry(0).at == newest.at
    assert model.index(0, Column.WHEN).data() == "Thu 26 Nov 2026 20:41"


def test_scrolling_the_table_fetches_more(qtbot, big: DiarySession) -> None:
    view = HistoryView(big)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    assert stored_rows(view.model) == PAGE_SIZE
    view.table.scrollToBottom()
    assert stored_rows(view.model) > PAGE_SIZE
    assert "loaded" in view.count_label.text()


def shown(view: HistoryView) -> set[Key]:
    """The stored entries the view lists (its missed doses: `shown_missed`)."""
    load_all(view.model)
    return {key for key in keys(view.model) if key[0] != "missed"}  # type: ignore[misc]


def shown_missed(view: HistoryView) -> set[RowKey]:
    load_all(view.model)
    return {key for key in keys(view.model) if key[0] == "missed"}


def as_keys(entries: list[Entry]) -> set[Key]:
    return {key_of(e) for e in entries}


def choose(combo, data: object) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def test_each_filter_narrows_to_what_the_store_says(qtbot, big: DiarySession) -> None:
    store = big.store
    view = HistoryView(big)
    qtbot.addWidget(view)
    bar = view.filters
    everything = shown(view)
    assert everything == as_keys(every_entry(store))
    assert shown_missed(view) == missed_keys(big)

    # Kind
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findText("Events"))
    assert shown(view) == as_keys(store.events.between(*EVERYTHING))
    assert shown_missed(view) == set()
    assert not bar.medication_combo.isEnabled() and not bar.symptom_combo.isEnabled()
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findText("Doses"))
    assert shown(view) == as_keys(store.intakes.between(*EVERYTHING))
    assert bar.medication_combo.isEnabled() and not bar.symptom_combo.isEnabled()

    # Medication (doses of that medication only)
    paracetamol = store.medications.named("Paracetamol").id
    choose(bar.medication_combo, paracetamol)
    expected = as_keys(store.intakes.between(*EVERYTHING, paracetamol))
    assert shown(view) == expected and 0 < len(expected) < len(everything)
    assert shown_missed(view) == set()  # taken as needed: no slot to miss
    baclofen = store.medications.named("Baclofen").id
    choose(bar.medication_combo, baclofen)
    assert shown_missed(view) == missed_keys(big, baclofen) == missed_keys(big)
    choose(bar.medication_combo, paracetamol)

    # Symptom (with all kinds: that symptom's ratings and the chosen medication's doses)
    nausea = store.symptoms.named("Nausea").id
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findText("All entries"))
    choose(bar.symptom_combo, nausea)
    assert shown(view) == expected | as_keys(store.ratings.between(*EVERYTHING, nausea))
    choose(bar.medication_combo, None)
    assert shown(view) == as_keys(store.ratings.between(*EVERYTHING, nausea))
    choose(bar.symptom_combo, None)
    assert shown(view) == everything


def test_date_filters_use_diary_days(qtbot, big: DiarySession) -> None:
    store = big.store
    view = HistoryView(big)
    qtbot.addWidget(view)
    bar = view.filters
    bar.dates_combo.setCurrentIndex(bar.dates_combo.findText("Last 7 days"))
    today = big.today()
    week = (today - timedelta(days=6), today)
    expected = as_keys(
        [*store.intakes.between(*week), *store.ratings.between(*week), *store.events.between(*week)]
    )
    assert shown(view) == expected and len(expected) > 7 * 3
    assert not bar.from_edit.isEnabled()

    bar.dates_combo.setCurrentIndex(bar.dates_combo.findText("Between dates…"))
    assert bar.from_edit.isEnabled() and bar.to_edit.isEnabled()
    bar.to_edit.setDate(date(2020, 3, 31))
    bar.from_edit.setDate(date(2020, 3, 1))
    march = (date(2020, 3, 1), date(2020, 3, 31))
    assert shown(view) == as_keys(
        [
            *store.intakes.between(*march),
            *store.ratings.between(*march),
            *store.events.between(*march),
        ]
    )
    assert shown_missed(view) == missed_keys(big, days=march)
    bar.from_edit.setDate(date(2020, 4, 10))  # after "to": "to" follows
    assert bar.to_edit.date().toPython() == date(2020, 4, 10)
    day = (date(2020, 4, 10), date(2020, 4, 10))
    assert shown(view) == as_keys(
        [*store.intakes.between(*day), *store.ratings.between(*day), *store.events.between(*day)]
    )


def searched(store: DiaryStore, word: str) -> set[Key]:
    """The search computed in Python from the store's own lists: notes, texts and names."""
    meds = {m.id: m.name for m in store.medications.all(include_archived=True)}
    symptoms = {s.id: s.name for s in store.symptoms.all(include_archived=True)}
    found = set()
    for entry in every_entry(store):
        if isinstance(entry, Intake):
            texts = [entry.note, entry.status.value, meds[entry.medication_id]]
        elif isinstance(entry, Rating):
            texts = [entry.note, symptoms[entry.symptom_id]]
        else:
            assert isinstance(entry, Event)
            texts = [entry.text, EVENT_KIND_LABELS[entry.kind]]
        if any(word.casefold() in t.casefold() for t in texts):
            found.add(key_of(entry))
    return found


def test_text_search_through_the_search_field(qtbot, big: DiarySession) -> None:
    view = HistoryView(big)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filters.search_edit.hasFocus()
    qtbot.keyClicks(view.filters.search_edit, "FEVER")
    qtbot.keyClick(view.filters.search_edit, Qt.Key.Key_Return)
    expected = searched(big.store, "fever")
    assert {kind for kind, _ in expected} == {EntryKind.RATING, EntryKind.EVENT}
    assert shown(view) == expected
    assert view.count_label.text().startswith(f"{len(expected):,} entries")
    with qtbot.waitSignal(view.filters.filter_changed, timeout=2000):  # after the typing pause
        view.filters.search_edit.setText("skipped")
    assert shown(view) == searched(big.store, "skipped")
    assert all(kind_of(view.model.entry(r)) is EntryKind.DOSE for r in range(view.model.rowCount()))


def test_a_page_holding_a_value_that_cannot_be_read_is_told_and_ends_the_list(
        qapp: object, tmp_path: Path, qtbot) -> None:
    """Qt asks for pages from C++, where an exception would end the program (issue 17): the
    list ends before the damaged page, and the window is told once, by session.damaged."""
    import contextlib
    import sqlite3

    path = tmp_path / "damaged.diary"
    build_demo(path, days=40, seed=1, now=NOW)
    # Opened first: a diary damaged before it opens is refused by the full check at open.
    store = open_diary(path, read_only=True, clock=lambda: NOW)
    with contextlib.closing(sqlite3.connect(path)) as conn:  # an old dose, behind its back
        conn.execute("UPDATE intakes SET slot_day = '2026-10- 7' WHERE id = 4")
        conn.commit()
    session = DiarySession(store, lambda: NOW)
    told: list[str] = []
    session.damaged.connect(told.append)
    try:
        model = HistoryModel(session, page_size=20)
        load_all(model)
        assert not model.canFetchMore(QModelIndex())
        assert 20 <= model.rowCount() < store.history.count(HistoryFilter()) - 1
        assert told == [str(told[0])] and told[0].startswith(
            "the diary is damaged: intakes row 4 holds a value that cannot be read")
    finally:
        session.close()
