"""What the Import dialog shows below the options: every problem by line and column when the
file cannot be imported, or what would be added and what is skipped."""

from __future__ import annotations

from pathlib import Path

from diary.domain.entities import Medication
from diary.storage.store import DiaryStore
from diary.ui.shell.session import DiarySession
from tests.ui.data.support import digest
from tests.ui.data.support import previewed
from tests.ui.data.support import shown_errors
from tests.ui.data.support import write


def test_bad_lines_are_all_listed_and_nothing_can_be_imported(
        qtbot, session: DiarySession, store: DiaryStore, baclofen: Medication,
        tmp_path: Path) -> None:
    path = write(tmp_path / "bad.csv",
                 "Date,Time,Drug,Dose,Comment\n"
                 "2026-11-20,08:00,Baclofen,5 mg,\n"
                 "2026-11-20,14:00,Baclofen,five,forgot the number\n"
                 "2026-11-20,20:00,Baclofen,5 mg,\n"
                 "2026-13-21,14:00,Baclofen,5 mg,bad month\n"
                 "2026-11-21,25:00,Baclofen,5 mg,bad hour\n")
    before = digest(store)

    dialog = previewed(qtbot, session, path)

    text = shown_errors(dialog)
    assert text.startswith("bad.csv: 3 lines with errors")
    problems = [line for line in text.splitlines() if line.startswith("bad.csv:")][1:]
    assert [p.split(": ", 2)[:2] for p in problems] == [
        ["bad.csv:3", "column Dose"], ["bad.csv:5", "column Date"], ["bad.csv:6", "column Time"]]
    assert not dialog.import_button.isEnabled()
    assert dialog.import_now() is None
    assert digest(store) == before
    assert session.undo_stack.count() == 0


def test_a_file_imported_already_has_nothing_new(qtbot, session: DiarySession,
                                                 baclofen: Medication, tmp_path: Path,
                                                 dialog_answers) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n"
                                         "2026-11-20 08:00,Baclofen,5\n"
                                         "2026-11-20 14:00,Baclofen,5\n")
    previewed(qtbot, session, path).import_now()

    again = previewed(qtbot, session, path)
    assert again.outcome.headline.text() == ("Nothing to import: every entry of the file is in the "
                                     "diary already.")
    assert "Skipped, already in the diary: 2 entries, lines 2, 3." \
        in again.outcome.summary.text()
    assert not again.import_button.isEnabled()
