"""How a row of the History reads: its cells in words (a dose's slot and how late it was, a
missed dose's "Missed"), its medication's pill and what the pill looks like, for the eye and for
the screen reader. No Qt model here: `model` lays these rows out for the table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import tzinfo
from typing import Literal

from PySide6.QtGui import QIcon

from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.plans.answers import Answer
from diary.domain.plans.answers import MissedDose
from diary.domain.plans.answers import answer_of
from diary.domain.plans.answers import answer_text
from diary.domain.plans.answers import timing_text
from diary.domain.safety import DoseVerdict
from diary.domain.stats import SlotOutcome
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.domain.wording import day_text
from diary.storage import EntryKind
from diary.storage import kind_of
from diary.storage.records.outcomes import HistoryItem
from diary.ui.shell.session import DiarySession
from diary.ui.widgets.pill import pill_icon

Key = tuple[EntryKind, int]  # a stored entry: its kind and id
MissedKey = tuple[Literal["missed"], int, date, time]  # a missed dose: medication and slot
RowKey = Key | MissedKey

KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.DOSE: "Dose", EntryKind.RATING: "Rating", EntryKind.EVENT: "Event",
}
MISSED_TEXT = "Missed"
MISSED_TIP = ("No dose was recorded as taken or skipped for this slot of the plan, and its "
              "on-time window has passed. It is not an entry: “Record it…” records it.")


def format_when(at: datetime, zone: tzinfo) -> str:
    """'Thu 26 Nov 2026 08:05' in the entry's own offset, and the offset when it is not the one
    the local zone had at that instant (a dose logged while travelling)."""
    text = f"{at:%a %d %b %Y %H:%M}"
    if at.utcoffset() != at.astimezone(zone).utcoffset():
        offset = at.strftime("%z")
        text += f" UTC{offset[:3]}:{offset[3:]}"
    return text


def key_of(item: HistoryItem) -> RowKey:
    if isinstance(item, MissedDose):
        return "missed", item.medication_id, item.slot.day, item.slot.time
    assert item.id is not None
    return kind_of(item), item.id


class EntryText:
    """How a row reads: the names of its medication or symptom, its amount or score, and for a
    dose the slot it answers and how late it was (`answer`, when the page worked it out)."""

    def __init__(self, session: DiarySession) -> None:
        store = session.store
        self.zone = session.zone()
        # A reference to a row that is not there raises DamagedRowError (session.damaged).
        self.medications: dict[int | None, Medication] = store.medications.by_id()
        self.symptoms: dict[int | None, Symptom] = store.symptoms.by_id()
        self._icons: dict[int, QIcon] = {}

    def when(self, at: datetime) -> str:
        return format_when(at, self.zone)

    def what(self, entry: HistoryItem, answer: SlotOutcome | None = None) -> str:
        if isinstance(entry, MissedDose):
            name = self.medication_name(entry.medication_id)
            return f"{name} ({clock_text(entry.slot.time)} dose)"
        if isinstance(entry, Intake):
            name = self.medication_name(entry.medication_id)
            slot = entry.slot or (answer.slot if answer is not None else None)
            return f"{name} ({clock_text(slot.time)} dose)" if slot else name
        if isinstance(entry, Event):
            return EVENT_KIND_LABELS[entry.kind]
        symptom = self.symptoms.get(entry.symptom_id)
        return symptom.name if symptom else f"Symptom {entry.symptom_id}"

    def medication_name(self, medication_id: int) -> str:
        med = self.medications.get(medication_id)
        return med.name if med else f"Medication {medication_id}"

    def look_text(self, medication_id: int) -> str:
        """'Baclofen: blue round pill', for the tooltip and the screen reader."""
        med = self.medications.get(medication_id)
        if med is None:
            return self.medication_name(medication_id)
        return f"{med.name}: {med.look.describe()} pill"

    def icon(self, medication_id: int) -> QIcon | None:
        med = self.medications.get(medication_id)
        if med is None:
            return None
        if medication_id not in self._icons:
            self._icons[medication_id] = pill_icon(med.look)
        return self._icons[medication_id]

    def amount(self, entry: HistoryItem) -> str:
        if isinstance(entry, Intake | MissedDose):
            med = self.medications.get(entry.medication_id)
            return format_amount(entry.amount, med.unit) if med else str(entry.amount)
        if isinstance(entry, Event):
            return ""
        symptom = self.symptoms.get(entry.symptom_id)
        return f"{entry.score} / {symptom.scale_max if symptom else 10}"

    def status(self, entry: HistoryItem, answer: SlotOutcome | None = None) -> str:
        """'Taken', 'Taken late (+1 h 20 min)', 'Skipped', 'Missed', and '(deleted)' after a
        deleted entry's: in words, never by colour alone."""
        if isinstance(entry, MissedDose):
            return MISSED_TEXT
        base = ""
        if isinstance(entry, Intake):
            base = entry.status.value.capitalize()
            if answer is not None and entry.status is IntakeStatus.TAKEN:
                base = timing_text(answer)
        if entry.deleted_at is None:
            return base
        return f"{base} (deleted)" if base else "Deleted"

    def note(self, entry: HistoryItem) -> str:
        if isinstance(entry, MissedDose):
            return ""
        return entry.text if isinstance(entry, Event) else entry.note

    def summary(self, entry: HistoryItem) -> str:
        """One line naming the row, for questions and titles: 'dose of Baclofen 20 mg on …'."""
        when = self.when(entry.at)
        if isinstance(entry, MissedDose):
            return (f"missed {clock_text(entry.slot.time)} dose of "
                    f"{self.medication_name(entry.medication_id)} {self.amount(entry)} on "
                    f"{day_text(entry.slot.day)}")
        if isinstance(entry, Intake):
            name = self.medication_name(entry.medication_id)
            return f"dose of {name} {self.amount(entry)} on {when}"
        if isinstance(entry, Event):
            return f"event “{self.what(entry)}” on {when}"
        return f"rating of {self.what(entry)} {self.amount(entry)} on {when}"

    def recorded(self, saved: Intake, verdict: DoseVerdict) -> str:
        """What recording a missed dose did: 'Recorded: Baclofen 20 mg taken at 14:00 (Tue 24
        Nov 2026). Ctrl+Z undoes it.', with what the safety check found (asked about and
        confirmed, or only noted)."""
        what = f"{self.medication_name(saved.medication_id)} {self.amount(saved)}"
        day = saved.slot.day if saved.slot is not None else saved.at.date()
        said = f"Recorded: {what} taken at {clock_text(saved.at)} ({day_text(day)})."
        for finding in verdict.findings:
            prefix = "Recorded although:" if finding in verdict.to_confirm else "Note:"
            said += f" {prefix} {finding.message}"
        return f"{said} Ctrl+Z undoes it."

    def scheduled(self, entry: HistoryItem, answer: SlotOutcome | None) -> str | None:
        """The Status column's tooltip for a dose answering a slot, or a missed dose."""
        if isinstance(entry, MissedDose):
            return (f"The {clock_text(entry.slot.time)} dose of {day_text(entry.slot.day)}: "
                    f"{MISSED_TIP}")
        if answer is None:
            return None
        return (f"The {clock_text(answer.slot.time)} dose of {day_text(answer.slot.day)}: "
                f"{answer_text(answer)}")

    def cells(self, entry: HistoryItem, answer: SlotOutcome | None = None) -> tuple[str, ...]:
        note = " ".join(self.note(entry).split())  # one line in the table; the tip has it all
        kind = EntryKind.DOSE if isinstance(entry, MissedDose) else kind_of(entry)
        return (self.when(entry.at), KIND_LABELS[kind], self.what(entry, answer),
                self.amount(entry), self.status(entry, answer), note)


@dataclass(frozen=True)
class HistoryRow:
    entry: HistoryItem
    key: RowKey
    cells: tuple[str, ...]
    answer: SlotOutcome | None = None  # for a dose: the slot it answers, when worked out

    @property
    def medication_id(self) -> int | None:
        entry = self.entry
        return entry.medication_id if isinstance(entry, Intake | MissedDose) else None

    @property
    def stands_out(self) -> bool:
        """Missed, or taken late: the Status reads in bold (the words say it; bold helps)."""
        return isinstance(self.entry, MissedDose) or (
            self.answer is not None and self.entry.deleted_at is None
            and answer_of(self.answer) is Answer.LATE
            and isinstance(self.entry, Intake) and self.entry.status is IntakeStatus.TAKEN)


