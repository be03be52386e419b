"""When the assistant opens by itself: a writable diary with no medication, not the demo, until it
was finished or skipped for that diary (remembered per diary in the window's settings)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.demo import build_demo
from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.storage import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.assistant import is_done
from diary.ui.assistant import mark_done
from diary.ui.assistant import should_offer
from diary.ui.assistant.offer import DONE_KEY
from diary.ui.assistant.offer import is_demo
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW


@pytest.fixture
def other(qapp: object, tmp_path: Path, clock: list[datetime]) -> Iterator[DiarySession]:
    """A second fresh diary, as a caregiver keeps one per person."""
    session = DiarySession(create_diary(tmp_path / "other.diary", clock=lambda: clock[0]),
                           lambda: clock[0])
    yield session
    session.close()


def test_a_fresh_diary_is_offered_the_assistant(session: DiarySession,
                                                settings: QSettings) -> None:
    assert should_offer(session, settings)


def test_not_once_it_was_finished_or_skipped_for_that_diary_only(
        session: DiarySession, other: DiarySession, settings: QSettings) -> None:
    mark_done(settings, session.store.path)
    assert not should_offer(session, settings)
    assert should_offer(other, settings)  # each diary its own
    mark_done(settings, session.store.path)  # twice: remembered once
    assert settings.value(DONE_KEY) == f'["{session.store.path.resolve()}"]'


def test_remembered_by_the_diarys_resolved_path(session: DiarySession, settings: QSettings,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    link = tmp_path / "link.diary"
    link.symlink_to(session.store.path)
    mark_done(settings, link)
    assert is_done(settings, session.store.path)
    monkeypatch.chdir(session.store.path.parent)
    assert is_done(settings, Path(session.store.path.name))
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert is_done(again, session.store.path)  # in the settings file, not in memory only


def test_not_for_a_diary_with_a_medication_even_archived(session: DiarySession,
                                                       settings: QSettings) -> None:
    med = edits.add_medication(session, Medication("Baclofen", Unit.MG))
    assert not should_offer(session, settings)
    assert med.id is not None
    edits.archive_medication(session, med.id)
    assert not should_offer(session, settings)


def test_never_for_a_diary_open_read_only(store: DiaryStore, settings: QSettings,
                                          clock: list[datetime]) -> None:
    path = store.path
    store.close()
    viewer = DiarySession(open_diary(path, read_only=True, clock=lambda: clock[0]),
                          lambda: clock[0])
    try:
        assert not should_offer(viewer, settings)
    finally:
        viewer.close()


def test_never_for_the_demo(qapp: object, tmp_path: Path, settings: QSettings) -> None:
    path = tmp_path / "demo.diary"
    build_demo(path, days=3, now=NOW)
    demo = DiarySession(open_diary(path, clock=lambda: NOW), lambda: NOW)
    try:
        assert is_demo(demo)
        assert not should_offer(demo, settings)
    finally:
        demo.close()


def test_a_stored_value_that_is_not_a_list_counts_as_nothing_done(session: DiarySession,
                                                                  settings: QSettings) -> None:
    for value in ("not json", "{}", '[3, null]'):
        settings.setValue(DONE_KEY, value)
        assert should_offer(session, settings)
    mark_done(settings, session.store.path)
    assert not should_offer(session, settings)
