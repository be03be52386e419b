"""The diary's own settings (the person's name, when the day starts...), on the undo stack."""

from __future__ import annotations

from diary.domain.entities import DiaryInfo
from diary.ui.edits.stack import run
from diary.ui.shell.session import DiarySession


def update_info(session: DiarySession, info: DiaryInfo) -> None:
    store = session.store
    run(session, "Change settings", lambda: store.update_info(info),
        lambda before: store.update_info(before), lambda _: store.update_info(info))
