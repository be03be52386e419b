"""The window's way to record or change a dose: `storage.dosing` on the undo stack, and the
question the user answers before a dose that needs a confirmation is saved.

`add_dose` and `edit_dose` make one dosing call (one transaction: read, check, write) as one
undoable action; when the call writes nothing because the verdict needs a confirmation, nothing
reaches the undo stack and the outcome carries the verdict. `confirm_and_write` shows that
verdict and asks what happened (`dose_question`, through `dialogs.ask_what_happened`, replaced
in tests): "Did you take it?", two plain answers, neither the default. "I took it" makes the call
again with `confirmed=True` and the verdict shown as `seen`: the dose is checked again and saved
in one transaction, and a re-check that finds something the user was not shown asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from PySide6.QtWidgets import QWidget

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.safety import RULE_KINDS
from diary.domain.safety import DoseVerdict
from diary.domain.safety import FindingKind
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.storage import dosing
from diary.storage.dosing import DoseOutcome
from diary.ui.edits import stack
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs

# One dosing call: (confirmed, the verdict the user saw) -> what it found and did.
Attempt = Callable[[bool, DoseVerdict | None], DoseOutcome]


class _NotWritten(Exception):
    """The dosing call wrote nothing (its verdict needs a confirmation): keep it off the stack."""

    def __init__(self, outcome: DoseOutcome) -> None:
        super().__init__("not written")
        self.outcome = outcome


def add_dose(session: DiarySession, draft: Intake, text: str, *, confirmed: bool = False,
             seen: DoseVerdict | None = None, timing: bool = True) -> DoseOutcome:
    """`dosing.check_and_add` as one undoable action (Undo deletes the dose, Redo restores it).
    `timing` (on in the window) also asks about a dose early for its slot or close to another."""
    store = session.store

    def action() -> DoseOutcome:
        outcome = dosing.check_and_add(store, draft, session.zone(), confirmed=confirmed,
                                       seen=seen, now=session.now(), timing=timing)
        if outcome.saved is None:
            raise _NotWritten(outcome)
        return outcome

    try:
        return stack.run(session, lambda done: _named(text, done), action,
                         lambda done: store.intakes.delete(_saved_id(done)),
                         lambda done: store.intakes.restore(_saved_id(done)))
    except _NotWritten as refused:
        return refused.outcome


def edit_dose(session: DiarySession, intake: Intake, text: str = "Edit dose", *,
              confirmed: bool = False, seen: DoseVerdict | None = None) -> DoseOutcome:
    """`dosing.check_and_edit` as one undoable action: an edit, or the restore of a deleted
    dose (`intake` from `dosing.restore_values`). Undo puts back the values it had (and deletes
    it again if it was deleted); Redo stores the new values again."""
    store = session.store

    def action() -> DoseOutcome:
        outcome = dosing.check_and_edit(store, intake, session.zone(), confirmed=confirmed,
                                        seen=seen, now=session.now())
        if outcome.saved is None:
            raise _NotWritten(outcome)
        return outcome

    def back(done: DoseOutcome) -> None:
        before = done.before
        assert before is not None and before.id is not None
        with store.write():
            store.intakes.edit(before)
            if before.deleted_at is not None:
                store.intakes.delete(before.id)

    def again(done: DoseOutcome) -> None:
        saved = done.saved
        assert saved is not None and saved.id is not None
        with store.write():
            store.intakes.edit(saved)
            store.intakes.restore(saved.id)

    try:
        return stack.run(session, lambda done: _named(text, done), action, back, again)
    except _NotWritten as refused:
        return refused.outcome


# What the question is about: a dose to record, a change to a dose, a deleted dose to restore.
Doing = Literal["record", "save", "restore"]

_TITLES: dict[Doing, str] = {"record": "Before recording this dose",
                             "save": "Before saving this change",
                             "restore": "Before restoring this dose"}
_TAKEN: dict[Doing, str] = {"record": "record it", "save": "save it", "restore": "restore it"}
_NOT_TAKEN: dict[Doing, str] = {"record": "", "save": " — do not save",
                                "restore": " — keep it deleted"}


@dataclass(frozen=True)
class DoseQuestion:
    """What the person is asked before a dose that needs a confirmation is written: the
    findings' messages first, then one plain question; `taken` and `not_taken` are the two
    answers, `declined` the sentence that says what "not taken" did ("You did not take it.")."""

    title: str
    text: str
    taken: str
    not_taken: str
    declined: str


def dose_question(verdict: DoseVerdict, doing: Doing = "record") -> DoseQuestion:
    """Ask what happened, in words true for what was found: over the maximum or inside the
    minimum interval, "Did you take it?"; only a second dose close to another, "Did you take a
    second dose?" (a second click, or a dose entered twice, answers no); only a dose early for
    its slot, "Did you take it early?" (a click on the wrong "Take now" answers no)."""
    findings = verdict.to_confirm
    kinds = {f.kind for f in findings}
    if kinds & RULE_KINDS or not kinds:
        asked, took, did_not = "Did you take it?", "I took it", "take it"
    elif FindingKind.NEAR_ANOTHER_DOSE in kinds:
        asked, took, did_not = ("Did you take a second dose?", "I took a second dose",
                                "take a second dose")
    else:
        asked, took, did_not = "Did you take it early?", "I took it early", "take it"
    lines = [f.message for f in findings]
    if FindingKind.OVER_MAX_DAILY in kinds:
        lines.append("A dose you took belongs in the diary: the report shows the days over "
                     "the maximum.")
    lines.append(asked)
    return DoseQuestion(
        title=_TITLES[doing],
        text="\n\n".join(lines),
        taken=f"{took} — {_TAKEN[doing]}",
        not_taken=f"I did not {did_not}{_NOT_TAKEN[doing]}",
        declined=f"You did not {did_not}.",
    )


def ask_about_dose(parent: QWidget | None, verdict: DoseVerdict,
                   doing: Doing = "record") -> bool | None:
    """Show `dose_question`: True when the person took it, False when they did not, None when
    they closed the question without answering."""
    question = dose_question(verdict, doing)
    return dialogs.ask_what_happened(parent, question.title, question.text,
                                     taken=question.taken, not_taken=question.not_taken)


@dataclass(frozen=True)
class Answered:
    """What `confirm_and_write` did: the last dosing `outcome`, and the person's `answer` (True
    when the dose was written, asked or not; False for "I did not take it"; None when the
    question was closed without an answer: nothing written yet)."""

    outcome: DoseOutcome
    answer: bool | None

    @property
    def saved(self) -> Intake | None:
        return self.outcome.saved

    @property
    def verdict(self) -> DoseVerdict:
        return self.outcome.verdict

    def not_written_text(self, verb: str = "recorded") -> str:
        """'Not recorded. You did not take it. <the findings>', or, closed without an answer,
        'Not recorded yet: the question was closed without an answer. <the findings>'."""
        reasons = " ".join(f.message for f in self.verdict.to_confirm)
        if self.answer is None:
            return f"Not {verb} yet: the question was closed without an answer. {reasons}"
        declined = dose_question(self.verdict).declined
        return f"Not {verb}. {declined} {reasons}"


def confirm_and_write(parent: QWidget | None, attempt: Attempt, *,
                      doing: Doing = "record") -> Answered:
    """Make the dosing call; while it wrote nothing, ask what happened (`ask_about_dose`), and
    when the person took it call again, confirmed, with the verdict shown. `saved` is None when
    they did not take it or closed the question. Store errors propagate."""
    outcome = attempt(False, None)
    while outcome.saved is None:
        answer = ask_about_dose(parent, outcome.verdict, doing)
        if not answer:
            return Answered(outcome, answer)
        outcome = attempt(True, outcome.verdict)
    return Answered(outcome, True)


def dose_words(med: Medication, intake: Intake) -> str:
    """A dose in a few words, for Edit > Undo: 'Baclofen 20 mg at 08:10'; a dose skipped, by the
    time it was due: 'Baclofen 20 mg due 08:00'."""
    what = f"{med.name} {format_amount(intake.amount, med.unit)}"
    if intake.status is IntakeStatus.SKIPPED and intake.slot is not None:
        return f"{what} due {clock_text(intake.slot.time)}"
    return f"{what} at {clock_text(intake.at)}"


def _named(text: str, outcome: DoseOutcome) -> str:
    """'Log dose: Baclofen 20 mg at 08:10'; a text that names the medication already (a
    reminder's 'Log Baclofen 20 mg (08:00)') is kept as it is."""
    saved = outcome.saved
    if saved is None or outcome.medication.name in text:
        return text
    return f"{text}: {dose_words(outcome.medication, saved)}"


def _saved_id(outcome: DoseOutcome) -> int:
    saved = outcome.saved
    assert saved is not None and saved.id is not None
    return saved.id


def delete_intake(session: DiarySession, intake_id: int) -> None:
    store = session.store
    intake = store.intakes.get(intake_id)
    med = store.medications.get(intake.medication_id)
    stack.delete_row(session, f"Delete dose: {dose_words(med, intake)}", store.intakes,
                     intake_id)
