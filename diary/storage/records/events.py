"""The events of a life beside the doses (an appointment, a fall, an infection): add, edit,
soft-delete, restore, list by diary day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from diary.domain.entities import Event
from diary.domain.validation import valid_event
from diary.storage import rows
from diary.storage.tables import Tables


class Events:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def add(self, event: Event) -> Event:
        return self.add_all([event])[0]

    def add_all(self, events: Sequence[Event]) -> list[Event]:
        """Several events in one transaction, all or none."""
        moment = self._tables.clock()
        checked = [valid_event(event, moment) for event in events]
        with self._tables.write():
            return [replace(event, id=self._tables.insert("events", rows.event_row(event)))
                    for event in checked]

    def edit(self, event: Event) -> Event:
        """Replace an event's values; returns it as it was before."""
        assert event.id is not None
        checked = valid_event(event, self._tables.clock())
        with self._tables.write():
            before = self._tables.update("events", event.id, rows.event_row(checked))
        return rows.event_from(before)

    def delete(self, event_id: int) -> None:
        self._tables.set_deleted("events", event_id, deleted=True)

    def restore(self, event_id: int) -> None:
        self._tables.set_deleted("events", event_id, deleted=False)

    def get(self, event_id: int) -> Event:
        return rows.event_from(self._tables.row("events", event_id))

    def between(self, start: date, end: date, *, include_deleted: bool = False) -> list[Event]:
        """Events whose diary day is within [start, end], oldest first."""
        found = self._tables.on_days("events", start, end, include_deleted=include_deleted)
        return [rows.event_from(r) for r in found]
