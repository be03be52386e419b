"""The history: intakes, ratings and events in one list, newest first, one page at a time.

A page is read with a keyset (the time, kind and id of the last entry already shown), so the
hundredth page of ten years costs what the first does: each table is read backwards along its time
index, at most one page from each, and the three are merged. Filters (a range of diary days, the
kinds, a medication, a symptom, a dose's status, words to search for, deleted entries or not) are
applied in SQL so that a page and a count agree with what the table would hold if all of it were
loaded.

These are the stored entries. The doses the plan expected and nobody answered (missed) are not
stored: `diary.storage.records.outcomes` merges them into these pages by time, and the filter
says whether it shows them (`shows_missed`) and which medications' names the search matches.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from enum import StrEnum

from diary.domain.daytime import EARLIEST_DATE
from diary.domain.daytime import utc_text
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import Rating
from diary.storage import rows
from diary.storage.tables import ON_DAYS_SQL
from diary.storage.tables import Tables

Entry = Intake | Rating | Event


class EntryKind(StrEnum):
    DOSE = "dose"
    RATING = "rating"
    EVENT = "event"


class DoseStatus(StrEnum):
    """What the History's Status filter chooses: doses taken, skipped, or missed (computed from
    the plan, never stored)."""

    TAKEN = "taken"
    SKIPPED = "skipped"
    MISSED = "missed"


ALL_KINDS: frozenset[EntryKind] = frozenset(EntryKind)
_OPEN_START, _OPEN_END = date(1899, 12, 1), date(9999, 12, 1)  # an open end of a day range

# At one instant, events come before ratings before doses (newest first reads top down).
_RANK: dict[EntryKind, int] = {EntryKind.DOSE: 0, EntryKind.RATING: 1, EntryKind.EVENT: 2}
_TABLE: dict[EntryKind, str] = {
    EntryKind.DOSE: "intakes", EntryKind.RATING: "ratings", EntryKind.EVENT: "events",
}

# Each table's columns under one set of names, so that the three can be read as one list.
_COLUMNS: dict[EntryKind, str] = {
    EntryKind.DOSE: "medication_id AS ref_id, amount AS value, status, slot_day, slot_time,"
                    " note AS body, NULL AS event_kind",
    EntryKind.RATING: "symptom_id AS ref_id, score AS value, NULL AS status, NULL AS slot_day,"
                      " NULL AS slot_time, note AS body, NULL AS event_kind",
    EntryKind.EVENT: "NULL AS ref_id, NULL AS value, NULL AS status, NULL AS slot_day,"
                     " NULL AS slot_time, text AS body, kind AS event_kind",
}

_KIND_LABEL_SQL = "CASE kind " + " ".join(
    f"WHEN '{kind.value}' THEN '{label}'" for kind, label in EVENT_KIND_LABELS.items()
) + " END"

# What the search words are looked for in, per table: the note or text, and the names a person
# reads in the row (the medication, the symptom, the kind of event, taken or skipped).
_SEARCHED: dict[EntryKind, str] = {
    EntryKind.DOSE: "note, status,"
                    " (SELECT name FROM medications WHERE medications.id = medication_id)",
    EntryKind.RATING: "note, (SELECT name FROM symptoms WHERE symptoms.id = symptom_id)",
    EntryKind.EVENT: f"text, {_KIND_LABEL_SQL}",
}


@dataclass(frozen=True)
class HistoryFilter:
    """Which entries the history shows. Days are diary days, both ends included; None is open.

    A medication narrows the doses to that medication and a symptom the ratings to that symptom;
    choosing either one leaves out the kinds it does not describe (a medication alone shows
    doses only; a medication and a symptom show those doses and those ratings). A status shows
    doses only: taken, skipped, or the missed doses alone (which are not stored)."""

    start: date | None = None
    end: date | None = None
    kinds: frozenset[EntryKind] = field(default=ALL_KINDS)
    medication_id: int | None = None
    symptom_id: int | None = None
    text: str = ""
    include_deleted: bool = False
    status: DoseStatus | None = None

    def shown_kinds(self) -> list[EntryKind]:
        """The kinds of rows shown (a missed dose is a row of kind dose)."""
        kinds = set(self.kinds)
        if self.status is not None:
            kinds &= {EntryKind.DOSE}
        if self.medication_id is not None or self.symptom_id is not None:
            kinds.discard(EntryKind.EVENT)
            if self.medication_id is None:
                kinds.discard(EntryKind.DOSE)
            if self.symptom_id is None:
                kinds.discard(EntryKind.RATING)
        return [kind for kind in EntryKind if kind in kinds]

    def stored_kinds(self) -> list[EntryKind]:
        """The kinds of stored entries shown: none when only missed doses are."""
        return [] if self.status is DoseStatus.MISSED else self.shown_kinds()

    def shows_missed(self) -> bool:
        """Whether missed doses are rows: doses shown, with no status or the missed one."""
        return (EntryKind.DOSE in self.shown_kinds()
                and self.status in (None, DoseStatus.MISSED))

    def search_matches(self, medication_name: str) -> bool:
        """Whether the search words match a missed dose of this medication, as they match a
        stored dose by its medication's name or its status: no words match every one."""
        needle = _folded(self.text)
        return not needle or needle in _folded(medication_name) or needle in "missed"


def kind_of(entry: Entry) -> EntryKind:
    if isinstance(entry, Intake):
        return EntryKind.DOSE
    if isinstance(entry, Rating):
        return EntryKind.RATING
    return EntryKind.EVENT


class History:
    """`store.history`: the entries of every kind in one list, a page at a time."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def page(self, where: HistoryFilter, after: Entry | None = None,
             limit: int = 200) -> list[Entry]:
        """Up to `limit` entries matching `where`, newest first, all older than `after` (the
        last entry of the previous page; None for the first page). Order: the newest instant
        first; at one instant events, then ratings, then doses, each in the order they were
        saved (an evening's ratings read in the order of the symptoms)."""
        return _page(self._tables, where, after, limit)

    def count(self, where: HistoryFilter) -> int:
        """How many entries match `where` (what `page` would return, all pages together)."""
        return _count(self._tables, where)

    def first_day(self, today: date) -> date | None:
        """The diary day of the first live entry (dose, rating or event) up to today; None when
        there is none. Found by halving on counts, which the store answers from its indexes
        without reading the entries: some sixteen counts for any length of diary. The Trends
        range and the report's "Everything" both start there."""
        if not self.count(HistoryFilter(end=today)):
            return None
        low, high = EARLIEST_DATE, today  # an entry lies on or before `high`
        while low < high:
            middle = low + (high - low) // 2
            if self.count(HistoryFilter(end=middle)):
                high = middle
            else:
                low = middle + timedelta(days=1)
        return high


def _page(tables: Tables, where: HistoryFilter, after: Entry | None, limit: int) -> list[Entry]:
    if limit <= 0:
        return []
    selects: list[str] = []
    params: dict[str, object] = {"limit": limit}
    for kind in where.stored_kinds():
        condition = _conditions(tables, kind, where, params)
        if after is not None:
            condition += _older_than(kind, after, params)
        selects.append(
            f"SELECT * FROM (SELECT '{kind.value}' AS kind, {_RANK[kind]} AS rank, id, at_utc,"
            f" utc_offset_min, {_COLUMNS[kind]}, deleted_utc FROM {_TABLE[kind]}"
            f" WHERE {condition} ORDER BY at_utc DESC, id LIMIT :limit)"
        )
    if not selects:
        return []
    found = tables.query(
        " UNION ALL ".join(selects) + " ORDER BY at_utc DESC, rank DESC, id LIMIT :limit",
        params,
    )
    return [_entry(row) for row in found]


def _count(tables: Tables, where: HistoryFilter) -> int:
    params: dict[str, object] = {}
    counts = [
        f"(SELECT count(*) FROM {_TABLE[kind]} WHERE {_conditions(tables, kind, where, params)})"
        for kind in where.stored_kinds()
    ]
    if not counts:
        return 0
    return int(tables.query(f"SELECT {' + '.join(counts)} AS n", params)[0]["n"])


def _conditions(tables: Tables, kind: EntryKind, where: HistoryFilter,
                params: dict[str, object]) -> str:
    parts = ["1"]
    if not where.include_deleted:
        parts.append("deleted_utc IS NULL")
    if where.start is not None or where.end is not None:
        params.update(tables.day_range(where.start or _OPEN_START, where.end or _OPEN_END))
        parts.append(ON_DAYS_SQL)
    if kind is EntryKind.DOSE and where.medication_id is not None:
        params["medication"] = where.medication_id
        parts.append("medication_id = :medication")
    if kind is EntryKind.DOSE and where.status is not None:
        params["status"] = where.status.value
        parts.append("status = :status")
    if kind is EntryKind.RATING and where.symptom_id is not None:
        params["symptom"] = where.symptom_id
        parts.append("symptom_id = :symptom")
    needle = _folded(where.text)
    if needle:
        _register_search(tables)
        params["needle"] = needle
        parts.append(f"diary_contains(:needle, {_SEARCHED[kind]})")
    return " AND ".join(parts)


def _older_than(kind: EntryKind, after: Entry, params: dict[str, object]) -> str:
    """Entries of `kind` that come after `after` in the newest-first order."""
    params["after_at"] = utc_text(after.at)
    params["after_id"] = after.id
    rank, after_rank = _RANK[kind], _RANK[kind_of(after)]
    if rank < after_rank:  # same instant: this kind comes later in the order
        return " AND at_utc <= :after_at"
    if rank > after_rank:
        return " AND at_utc < :after_at"
    return " AND at_utc <= :after_at AND (at_utc < :after_at OR id > :after_id)"


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def _contains(needle: object, *haystacks: object) -> int:
    """SQL diary_contains(needle, text...): 1 if any text holds the (case-folded) needle."""
    if not isinstance(needle, str):
        return 0
    return int(any(isinstance(h, str) and needle in unicodedata.normalize("NFC", h).casefold()
                   for h in haystacks))


def _register_search(tables: Tables) -> None:
    tables.connection.create_function("diary_contains", -1, _contains, deterministic=True)


def _entry(row: rows.Row) -> Entry:
    common = {
        "id": row["id"], "at_utc": row["at_utc"], "utc_offset_min": row["utc_offset_min"],
        "deleted_utc": row["deleted_utc"],
    }
    kind = EntryKind(row["kind"])
    if kind is EntryKind.DOSE:
        return rows.intake_from({
            **common, "medication_id": row["ref_id"], "amount": row["value"],
            "status": row["status"], "slot_day": row["slot_day"], "slot_time": row["slot_time"],
            "note": row["body"],
        })
    if kind is EntryKind.RATING:
        return rows.rating_from({
            **common, "symptom_id": row["ref_id"], "score": row["value"], "note": row["body"],
        })
    return rows.event_from({**common, "kind": row["event_kind"], "text": row["body"]})
