"""The History model's pages (diary/ui/history/model.py), walked through `fetchMore` as a user
scrolls to the bottom: on diaries of months of several medications with doses taken, skipped
and missed at random, the rows of every page together are the whole list once, newest first,
and the count the model shows is the number of rows; whatever the page size and the filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from diary.ui.history.model import HistoryModel
from diary.ui.history.model import key_of
from diary.ui.shell.session import DiarySession
from tests.storage.records.test_outcomes import edge_limit
from tests.storage.records.test_outcomes import every_row
from tests.storage.records.test_outcomes import page_filters
from tests.storage.records.test_outcomes import random_diary


@pytest.mark.parametrize("seed", [4, 5])
def test_scrolling_to_the_bottom_shows_every_row_once(session: DiarySession, seed: int) -> None:
    ids = random_diary(session.store, seed)
    root = QModelIndex()
    for name, where in page_filters(ids).items():
        want = every_row(session.store, where)
        for limit in (13, 200, *edge_limit(want)):
            model = HistoryModel(session, page_size=limit, where=where)
            pages = 1
            while model.canFetchMore(root):
                before = model.rowCount()
                model.fetchMore(root)
                assert model.rowCount() > before, (name, limit)
                pages += 1
            rows = [model.entry(row) for row in range(model.rowCount())]
            assert rows == want, (name, limit, seed)
            assert len({key_of(item) for item in rows}) == len(rows)
            model.finish_count()
            assert model.total() == model.rowCount() == len(want), (name, limit)
            assert pages > 1 or limit >= len(want), (name, limit)
