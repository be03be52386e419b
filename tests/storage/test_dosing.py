"""storage.dosing: a dose is checked and recorded (or changed, or restored) in one transaction,
and nothing that needs a confirmation is written without it."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.safety import FindingKind
from diary.domain.templates import medication_from_template
from diary.storage import dosing
from diary.storage.dosing import assess_dose
from diary.storage.dosing import check_and_add
from diary.storage.dosing import check_and_edit
from diary.storage.dosing import restore_values
from diary.storage.file import uselock
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

TODAY = date(2026, 11, 26)  # the diary day of NOW (Thursday 21:00 in Paris)
TIMES = (time(8), time(14), time(20))


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS_WINTER)


@pytest.fixture
def baclofen(store: DiaryStore) -> Medication:
    """Baclofen (max 80 mg/day, no minimum interval), 20 mg at 08:00, 14:00 and 20:00."""
    med = store.medications.add(medication_from_template("baclofen"))
    assert med.id is not None
    store.plans.add(PlanStep(med.id, TODAY - timedelta(days=20), 20_000, TIMES))
    return med


def dose(med: Medication, moment: datetime, amount: int = 20_000, **kw: object) -> Intake:
    assert med.id is not None
    return Intake(med.id, moment, amount, **kw)  # type: ignore[arg-type]


def kinds(outcome: dosing.DoseOutcome) -> list[FindingKind]:
    return [f.kind for f in outcome.verdict.findings]


def test_a_dose_within_the_rules_is_written_and_linked_to_its_slot(
        store: DiaryStore, baclofen: Medication) -> None:
    outcome = check_and_add(store, dose(baclofen, at(20, 5)), PARIS_WINTER, confirmed=False)
    assert outcome.saved is not None and not outcome.needs_confirmation
    assert outcome.saved.slot == Slot(TODAY, time(20))
    assert store.intakes.between(TODAY, TODAY) == [outcome.saved]


def test_over_the_max_nothing_is_written_until_confirmed(store: DiaryStore,
                                                         baclofen: Medication) -> None:
    for hour in (8, 14, 20):
        store.intakes.add(dose(baclofen, at(hour)))
    counts = store.counts()
    refused = check_and_add(store, dose(baclofen, at(20, 30), 25_000), PARIS_WINTER,
                            confirmed=False)
    assert refused.saved is None and refused.needs_confirmation
    assert FindingKind.OVER_MAX_DAILY in kinds(refused)
    assert "this dose would take today to 85 mg, 5 mg over" in refused.verdict.to_confirm[0].message
    assert store.counts() == counts
    confirmed = check_and_add(store, dose(baclofen, at(20, 30), 25_000), PARIS_WINTER,
                              confirmed=True, seen=refused.verdict)
    assert confirmed.saved is not None
    assert sum(i.amount for i in store.intakes.between(TODAY, TODAY)) == 85_000


def test_a_confirmation_does_not_cover_what_was_not_shown(store: DiaryStore,
                                                          baclofen: Medication) -> None:
    """The user confirmed 85 mg; meanwhile another dose was logged: the re-check finds 105 mg,
    which nobody saw, and writes nothing."""
    for hour in (8, 14, 20):
        store.intakes.add(dose(baclofen, at(hour)))
    shown = check_and_add(store, dose(baclofen, at(20, 30), 25_000), PARIS_WINTER,
                          confirmed=False)
    store.intakes.add(dose(baclofen, at(20, 10)))
    again = check_and_add(store, dose(baclofen, at(20, 30), 25_000), PARIS_WINTER,
                          confirmed=True, seen=shown.verdict)
    assert again.saved is None
    assert "105 mg, 25 mg over" in again.verdict.to_confirm[0].message
    assert sum(i.amount for i in store.intakes.between(TODAY, TODAY)) == 80_000


def test_a_back_dated_dose_names_its_day_and_goes_beyond_the_plan(
        store: DiaryStore, baclofen: Medication) -> None:
    yesterday = TODAY - timedelta(days=1)
    for hour in (8, 14, 20):
        store.intakes.add(dose(baclofen, at(hour, day=yesterday), 25_000))
    outcome = assess_dose(store, dose(baclofen, at(21, day=yesterday), 25_000), PARIS_WINTER)
    [over] = outcome.verdict.rule_findings
    assert over.message == ("Baclofen: this dose would take Wed 25 Nov 2026 to 100 mg, 20 mg "
                            "over the 80 mg maximum per day.")
    assert outcome.verdict.findings[-1].message == (
        "Baclofen: beyond the plan: 4 doses taken on Wed 25 Nov 2026, and the plan has 3 a day; "
        "100 mg taken on Wed 25 Nov 2026, above the planned 60 mg/day.")


def test_the_check_and_the_save_are_one_transaction(
        store: DiaryStore, baclofen: Medication, tmp_path: Path, clock: list[datetime],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """40 mg taken; while 20 mg is checked (60 mg: fine) another program saves 40 mg. The save
    must not happen on a check that no longer holds."""
    store.intakes.add(dose(baclofen, at(8, 5), 40_000))
    real_check = vars(dosing)["check_dose"]

    def check_while_another_writes(*args: object, **kwargs: object) -> object:
        # A program that does not take the one-writer lock (another platform, an old version):
        # SQLite's own locking must still keep the check and the save together.
        with monkeypatch.context() as m:
            m.setattr(uselock, "hold_writer", lambda path: None)
            other = open_diary(store.path, clock=lambda: clock[0])
        try:
            other.intakes.add(dose(baclofen, at(14, 10), 40_000))
        finally:
            other.close()
        return real_check(*args, **kwargs)

    monkeypatch.setattr(dosing, "check_dose", check_while_another_writes)
    with pytest.raises(sqlite3.OperationalError):
        check_and_add(store, dose(baclofen, at(14, 5)), PARIS_WINTER, confirmed=False)
    assert sum(i.amount for i in store.intakes.between(TODAY, TODAY)) == 80_000


def test_timing_findings_only_when_asked(store: DiaryStore, baclofen: Medication,
                                         clock: list[datetime]) -> None:
    clock[0] = at(9, 30)
    early = dose(baclofen, at(9, 30), slot=Slot(TODAY, time(14)))
    assert check_and_add(store, early, PARIS_WINTER, confirmed=False).saved is not None
    store.intakes.delete(store.intakes.between(TODAY, TODAY)[0].id or 0)
    asked = check_and_add(store, early, PARIS_WINTER, confirmed=False, timing=True)
    assert asked.saved is None and kinds(asked) == [FindingKind.EARLY_FOR_SLOT]
    assert store.intakes.between(TODAY, TODAY) == []
    clock[0] = NOW
    store.intakes.add(dose(baclofen, at(20, 5), slot=Slot(TODAY, time(14))))
    second = check_and_add(store, dose(baclofen, at(20, 6), slot=Slot(TODAY, time(20))),
                           PARIS_WINTER, confirmed=False, timing=True)
    assert second.saved is None and FindingKind.NEAR_ANOTHER_DOSE in kinds(second)


def test_an_edit_is_checked_without_counting_itself(store: DiaryStore,
                                                    baclofen: Medication) -> None:
    """Reviewer: the 13:57 dose edited from 20 to 200 mg was saved with nobody asked."""
    store.intakes.add(dose(baclofen, at(8)))
    noon = store.intakes.add(dose(baclofen, at(13, 57)))
    refused = check_and_edit(store, replace(noon, amount=200_000), PARIS_WINTER,
                             confirmed=False)
    assert refused.saved is None
    assert "would take today to 220 mg, 140 mg over" in refused.verdict.to_confirm[0].message
    assert store.intakes.get(noon.id or 0).amount == 20_000
    saved = check_and_edit(store, replace(noon, amount=200_000), PARIS_WINTER, confirmed=True,
                           seen=refused.verdict)
    assert saved.saved is not None and saved.saved.amount == 200_000
    assert saved.before == noon


def test_skipped_to_taken_is_checked(store: DiaryStore, baclofen: Medication) -> None:
    for hour in (8, 14):
        store.intakes.add(dose(baclofen, at(hour), 40_000))
    skipped = store.intakes.add(dose(baclofen, at(20), status=IntakeStatus.SKIPPED))
    outcome = check_and_edit(store, replace(skipped, status=IntakeStatus.TAKEN), PARIS_WINTER,
                             confirmed=False)
    assert outcome.saved is None and FindingKind.OVER_MAX_DAILY in kinds(outcome)
    assert store.intakes.get(skipped.id or 0).status is IntakeStatus.SKIPPED


def test_a_corrected_note_is_saved_without_a_question(store: DiaryStore,
                                                      baclofen: Medication) -> None:
    for hour in (8, 14):
        store.intakes.add(dose(baclofen, at(hour), 40_000))
    over = store.intakes.add(dose(baclofen, at(20)))  # stored as it was (an import, --force)
    outcome = check_and_edit(store, replace(over, note="with food"), PARIS_WINTER,
                             confirmed=False)
    assert outcome.saved is not None and outcome.saved.note == "with food"
    assert outcome.verdict.breaks_rule  # the verdict is still there to show


def test_restoring_a_deleted_duplicate_is_checked(store: DiaryStore,
                                                  baclofen: Medication) -> None:
    for hour in (8, 14, 20):
        store.intakes.add(dose(baclofen, at(hour), 25_000))
    duplicate = store.intakes.add(dose(baclofen, at(20, 1), 25_000))
    assert duplicate.id is not None
    store.intakes.delete(duplicate.id)
    values = restore_values(store, duplicate.id)
    refused = check_and_edit(store, values, PARIS_WINTER, confirmed=False)
    assert refused.saved is None and FindingKind.OVER_MAX_DAILY in kinds(refused)
    assert store.intakes.get(duplicate.id).deleted_at is not None
    restored = check_and_edit(store, values, PARIS_WINTER, confirmed=True)
    assert restored.saved is not None and restored.saved.deleted_at is None
    assert restored.before is not None and restored.before.deleted_at is not None
    assert sum(i.amount for i in store.intakes.between(TODAY, TODAY)) == 100_000


def test_assess_writes_nothing_even_read_only(store: DiaryStore, baclofen: Medication,
                                              clock: list[datetime]) -> None:
    store.intakes.add(dose(baclofen, at(8), 70_000))
    path = store.path
    store.close()
    reader = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        outcome = assess_dose(reader, dose(baclofen, at(20)), PARIS_WINTER, timing=True)
        assert outcome.saved is None and outcome.verdict.breaks_rule
        assert outcome.draft.slot == Slot(TODAY, time(20))
    finally:
        reader.close()
