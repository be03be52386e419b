"""Planning an import on a thread of its own: the newest options win, a dialog closed mid-plan
leaves no thread behind, and a file that cannot be read as CSV says why."""

from __future__ import annotations

import threading
from pathlib import Path

from diary.csv import source as csv_source
from diary.domain.entities import Medication
from diary.storage.store import DiaryStore
from diary.ui.data.import_dialog import ImportDialog
from diary.ui.shell.session import DiarySession
from tests.ui.data.support import digest
from tests.ui.data.support import doses
from tests.ui.data.support import previewed
from tests.ui.data.support import shown_errors
from tests.ui.data.support import wait_for_plan
from tests.ui.data.support import write


def test_the_last_options_win_when_they_change_during_a_plan(
        qtbot, session: DiarySession, baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n2026-11-20 08:00,Baclofen,5\n")
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load(path)
    dialog.date_order.setCurrentIndex(1)
    dialog.create_medications.setChecked(True)
    dialog.date_order.setCurrentIndex(2)
    wait_for_plan(qtbot, dialog)
    assert dialog.preview is not None
    assert dialog.preview.request.options == dialog.options()


def test_closing_during_a_plan_leaves_no_thread_behind(
        qtbot, session: DiarySession, baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n" + "".join(
        f"2026-11-{day:02d} 08:00,Baclofen,5\n" for day in range(1, 26)))
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.planning
    dialog.reject()

    assert not dialog.planning
    qtbot.waitUntil(lambda: not any(thread.name.startswith("import-plan")
                                    for thread in threading.enumerate()), timeout=20000)
    assert dialog.preview is None  # the plan that finished after was not shown


def test_a_file_that_is_not_text_says_so(qtbot, session: DiarySession, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    dialog = previewed(qtbot, session, path)
    assert "photo.csv is a binary file, not CSV text" in shown_errors(dialog)
    assert dialog.columns.header == () and dialog.columns.combos == []
    assert not dialog.import_button.isEnabled()


def test_a_file_over_the_limit_says_so_and_imports_nothing(
        qtbot, session: DiarySession, store: DiaryStore, baclofen: Medication,
        tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    line = b"2026-11-20 08:00,Baclofen,5\n"
    path.write_bytes(b"time,drug,dose\n" + line * (csv_source.MAX_BYTES // len(line) + 1))
    before = digest(store)

    dialog = previewed(qtbot, session, path)

    size = path.stat().st_size
    assert shown_errors(dialog).startswith(f"big.csv is {size / 1e6:.1f} MB ({size:,} bytes); "
                                           "an import reads at most 10 MB (10,000,000 bytes): "
                                           "split the file")
    assert not dialog.import_button.isEnabled()
    assert dialog.import_now() is None
    assert digest(store) == before and doses(store) == []
