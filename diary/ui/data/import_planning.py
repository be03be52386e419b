"""Planning a CSV import for the Import dialog, on a thread of its own.

Reading and checking a large file takes seconds (about 9 s for the 300,000 lines of a file at the
10 MB limit) and the dialog plans again at each change of a column's field, so planning must not
freeze the window. `plan_import` reads the diary (medications, symptoms, the entries
already there), and the window's store belongs to the window's thread: every plan therefore runs
on one worker thread against a read-only store of the same diary file of its own, which SQLite's
write-ahead log lets sit beside the window's writable one. That store is opened, used and closed
on the worker thread only. The worker touches no Qt object: the dialog polls the Future it gets
back, so a dialog closed mid-plan leaves nothing behind that could call into a deleted widget.

Writing the import (diary.csv.apply) stays on the window's thread, on the window's store, as one
undo step: it is one transaction, and nothing else may use that connection meanwhile.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from pathlib import Path

from diary.csv import IGNORE
from diary.csv import SYNONYMS
from diary.csv import CsvImportError
from diary.csv import ImportOptions
from diary.csv import ImportPlan
from diary.csv import build_mapping
from diary.csv import normalised
from diary.csv import open_source
from diary.csv import plan_import
from diary.storage import Clock
from diary.storage.errors import DiaryFileError
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary


@dataclass(frozen=True)
class Request:
    path: Path
    options: ImportOptions
    now: datetime

    @property
    def shown(self) -> str:
        return self.path.name  # messages say "intakes.csv:12: ...", the dialog shows the path


@dataclass(frozen=True)
class Preview:
    """What the dialog shows for one request: how the file reads, what each column holds, and
    the plan, or why there is none (`summary`, with `details` saying where)."""

    request: Request
    header: tuple[str, ...] = ()  # empty when the file could not be read at all
    fields: tuple[str, ...] = ()  # per column: the field it holds, or IGNORE
    examples: tuple[str, ...] = ()  # per column: the first line's cell
    encoding: str = ""
    delimiter: str = ""
    plan: ImportPlan | None = None
    summary: str = ""
    details: tuple[str, ...] = field(default_factory=tuple)

    @property
    def importable(self) -> bool:
        return self.plan is not None and self.plan.creates


class Planner:
    """One worker thread and its read-only store for one dialog; `close` when done with it."""

    def __init__(self, diary: Path, clock: Clock) -> None:
        self._diary, self._clock = diary, clock
        self._store: DiaryStore | None = None  # only ever used on the worker thread
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-plan")
        self._closed = False

    def submit(self, request: Request) -> Future[Preview]:
        return self._executor.submit(self._preview, request)

    def close(self) -> None:
        """Close the store after the plan under way (if any) and let the thread end; again,
        nothing more."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(RuntimeError):  # the interpreter is ending: so is the thread
            self._executor.submit(self._close_store)
        self._executor.shutdown(wait=False)

    def _preview(self, request: Request) -> Preview:
        if self._store is None:
            try:
                self._store = open_diary(self._diary, read_only=True, clock=self._clock)
            except (DiaryFileError, OSError) as exc:
                return Preview(request, summary=f"The diary could not be read to compare the "
                               f"file with it: {exc}")
        return preview(self._store, request)

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def preview(store: DiaryStore, request: Request) -> Preview:
    """Read the file's header and first line, map its columns, and plan the import."""
    options = request.options
    try:
        with open_source(request.path, request.shown, options.delimiter) as source:
            header = tuple(source.header)
            first = next(source.records(), (0, []))[1]
            found = Preview(request, header, column_fields(header, options.mapping, request.shown),
                            tuple(first[i].strip() if i < len(first) else ""
                                  for i in range(len(header))),
                            source.encoding.label, source.delimiter)
    except CsvImportError as exc:
        return Preview(request, summary=exc.summary, details=tuple(exc.details))
    except OSError as exc:
        return Preview(request, summary=f"{request.shown} cannot be read: "
                       f"{exc.strerror or exc}")
    try:
        plan = plan_import(request.path, request.shown, store, options, request.now)
    except CsvImportError as exc:
        return _failed(found, exc.summary, exc.details)
    except OSError as exc:
        return _failed(found, f"{request.shown} cannot be read: {exc.strerror or exc}", ())
    except sqlite3.Error as exc:
        return _failed(found, f"The diary could not be read to compare the file with it: {exc}",
                       ())
    return Preview(found.request, found.header, found.fields, found.examples, found.encoding,
                   found.delimiter, plan)


def column_fields(header: Sequence[str], mapping: Sequence[tuple[str, str]],
                  shown: str) -> tuple[str, ...]:
    """The field each column holds: as the import maps it, or (when the mapping is refused, so
    that the person can put it right) as chosen, else as its name suggests."""
    try:
        found = build_mapping(header, mapping, shown)
    except CsvImportError:
        chosen = dict(mapping)
        return tuple(chosen.get(name) or SYNONYMS.get(normalised(name), IGNORE)
                     for name in header)
    by_index = {index: name for name, index in found.columns.items()}
    return tuple(by_index.get(index, IGNORE) for index in range(len(header)))


def _failed(found: Preview, summary: str, details: Sequence[str]) -> Preview:
    return Preview(found.request, found.header, found.fields, found.examples, found.encoding,
                   found.delimiter, None, summary, tuple(details))
