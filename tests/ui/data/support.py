"""Helpers the Import dialog's tests share (no tests here): a dialog with its plan shown, a CSV
file written by hand, the diary's bytes, and the demo diary's own CSV export. The `baclofen`
fixture is in conftest.py."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from datetime import date
from datetime import timedelta
from datetime import timezone
from pathlib import Path

from diary.csv import exporting as csv_out
from diary.demo import build_demo
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.data.import_dialog import ImportDialog
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW

CET = timezone(timedelta(hours=1))


def wait_for_plan(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.planning and dialog.preview is not None, timeout=20000)


def previewed(qtbot, session: DiarySession, path: Path, *,  # type: ignore[no-untyped-def]
              create: bool = False) -> ImportDialog:
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.create_medications.setChecked(create)
    dialog.load(path)
    wait_for_plan(qtbot, dialog)
    return dialog


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def digest(store: DiaryStore) -> str:
    """The diary file and its write-ahead log: any write changes one of them."""
    found = hashlib.sha256()
    for part in (store.path, store.path.with_name(store.path.name + "-wal")):
        if part.exists():
            found.update(part.read_bytes())
    return found.hexdigest()


def shown_errors(dialog: ImportDialog) -> str:
    assert dialog.outcome.stack.currentWidget() is dialog.outcome.errors
    return dialog.outcome.errors.toPlainText()


def doses(store: DiaryStore) -> list[tuple[object, ...]]:
    names = {m.id: m.name for m in store.medications.all(include_archived=True)}
    return sorted((i.id, names[i.medication_id], i.at, i.amount, i.note)
                  for i in store.intakes.between(date.min, date.max))


@contextlib.contextmanager
def demo_csv(tmp_path: Path) -> Iterator[tuple[DiaryStore, Path]]:
    build_demo(tmp_path / "demo.diary", days=60, now=NOW)
    with contextlib.closing(open_diary(tmp_path / "demo.diary", clock=lambda: NOW)) as demo:
        csv_out.export_csv(demo, tmp_path / "csv")
        yield demo, tmp_path / "csv"
