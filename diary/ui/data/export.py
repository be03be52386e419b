"""File > Export CSV… and Export FHIR…: the diary as files another program reads.

Both only read the diary, so they work on a diary open read-only. CSV goes into a new folder of
its own inside the folder the person chooses ("medication-diary-marie-2026-11-26", then "-2",
"-3"...), so choosing a folder that already holds files is fine and nothing is ever replaced.
The FHIR bundle is one file; an existing one is replaced only when the person says so.
The engines (diary.csv, diary.fhir) are imported when an export runs, not when the window starts.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from diary.storage.errors import DiaryFileError
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs

FHIR_FILTER = "FHIR JSON (*.json)"


def documents_folder() -> Path:
    """Where exports are suggested: the person's Documents folder, or their home."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def export_name(session: DiarySession) -> str:
    """'medication-diary-marie-dupont-2026-11-26': whose diary and the day it was exported."""
    store = session.store
    who = _slug(store.info().name) or _slug(store.path.stem) or "diary"
    return f"medication-diary-{who}-{session.now().date().isoformat()}"


def new_folder(parent: Path, name: str) -> Path:
    """`parent/name`, or `name-2`, `name-3`... the first that does not exist yet."""
    candidate, number = parent / name, 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = parent / f"{name}-{number}"
    return candidate


def export_csv_to_folder(parent: QWidget | None, session: DiarySession) -> Path | None:
    """Ask for a folder and write the six CSV files into a new folder inside it; that folder
    when they were written. The person is told where, with each file's rows, or why not."""
    from diary.csv import ExportRefused
    from diary.csv import export_csv

    chosen = dialogs.choose_folder(parent, "Export CSV into", documents_folder())
    if chosen is None:
        return None
    folder = new_folder(chosen, export_name(session))
    try:
        with busy():
            written = export_csv(session.store, folder)
    except ExportRefused as exc:
        dialogs.show_error(parent, "CSV not exported", str(exc))
        return None
    except (DiaryFileError, sqlite3.Error, OSError) as exc:
        dialogs.show_error(parent, "CSV not exported", f"{_reason(exc)}\n\nNothing was written.")
        return None
    files = "\n".join(f"{item.path.name}: {_rows(item.rows)}" for item in written)
    dialogs.show_info(parent, "CSV exported",
                      f"The diary is in {folder}:\n\n{files}\n\nDeleted entries are left out.")
    return folder


def export_fhir_to_file(parent: QWidget | None, session: DiarySession) -> Path | None:
    """Ask for a file name and write the diary as a FHIR R4 bundle; the file when written. An
    existing file is replaced only after the person said yes."""
    from diary.fhir import write_bundle

    suggestion = documents_folder() / f"{export_name(session)}.json"
    path = dialogs.choose_save_path(parent, "Export FHIR bundle", suggestion, FHIR_FILTER)
    if path is None:
        return None
    if path.suffix.lower() != ".json":
        path = path.with_name(f"{path.name}.json")
    replace = path.exists()
    if replace and not dialogs.ask_yes_no(
            parent, "Replace the file?",
            f"{path.name} already exists in {path.parent}. Replace it with the diary's FHIR "
            "bundle?", yes="Replace", no="Cancel"):
        return None
    try:
        with busy():
            done = write_bundle(session.store, path, session.now(), overwrite=replace)
    except (DiaryFileError, sqlite3.Error, OSError, ValueError) as exc:
        dialogs.show_error(parent, "FHIR bundle not exported",
                           f"{_reason(exc)}\n\nNothing was written.")
        return None
    counts = "\n".join(f"{kind}: {count}" for kind, count in done.counts.items())
    dialogs.show_info(parent, "FHIR bundle exported",
                      f"The diary is in {done.path}, an HL7 FHIR R4 bundle of {done.total} "
                      f"resources:\n\n{counts}\n\nEvents and deleted entries are left out.")
    return Path(done.path)


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while a long step runs on the window's thread."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _reason(exc: Exception) -> str:
    """The engines' own sentences as they are; the system's errors in the window's words."""
    if isinstance(exc, DiaryFileError | ValueError) or (isinstance(exc, OSError)
                                                         and exc.strerror is None):
        return str(exc)
    return edits.error_text(exc)


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _slug(text: str) -> str:
    """Letters and digits of `text` (any script), lower case, the rest as single hyphens."""
    return re.sub(r"[\W_]+", "-", text.casefold()).strip("-")[:40].strip("-")
