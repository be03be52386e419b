"""What each FHIR resource says (diary/fhir/resources.py): the patient, plan steps as
MedicationStatements with their status, timing and when they were entered, doses as
MedicationAdministrations, ratings as Observations; exact decimal amounts in UCUM, and times in
the offset they were entered with."""

from __future__ import annotations

import json
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from decimal import Decimal
from pathlib import Path

import pytest

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.units import Unit
from diary.fhir.bundle import build_bundle
from diary.fhir.bundle import write_bundle
from diary.storage.store import DiaryStore
from tests.fhir.support import NEW_YORK
from tests.fhir.support import UCUM
from tests.fhir.support import entries
from tests.fhir.support import validate_r4
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER


def test_patient_has_name_and_birth_date_and_no_name_when_there_is_none(
    diary: DiaryStore,
) -> None:
    [patient] = entries(build_bundle(diary, NOW), "Patient")
    assert patient["name"] == [{"text": "Ada Example"}] and patient["birthDate"] == "1970-05-17"
    diary.update_info(DiaryInfo(name=""))
    [nameless] = entries(build_bundle(diary, NOW), "Patient")
    assert "name" not in nameless and "birthDate" not in nameless


def test_amounts_are_exact_decimals_in_ucum(diary: DiaryStore, tmp_path: Path) -> None:
    path = write_bundle(diary, tmp_path / "out.json", NOW).path
    bundle = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    doses = [s["dosage"][0]["doseAndRate"][0]["doseQuantity"]
             for s in entries(bundle, "MedicationStatement")]
    assert {"value": Decimal("7.5"), "unit": "mg", "system": UCUM, "code": "mg"} in doses
    assert {"value": 1, "unit": "tablet", "system": UCUM, "code": "{tablet}"} in doses
    given = {a["effectiveDateTime"]: a["dosage"]["dose"]
             for a in entries(bundle, "MedicationAdministration")}
    assert given["2026-11-26T08:10:00+01:00"]["value"] == Decimal("7.5")
    assert given["2026-11-25T20:00:00-05:00"] == {
        "value": Decimal("0.5"), "unit": "tablet", "system": UCUM, "code": "{tablet}"}
    assert '"value": 7.5,' in path.read_text(encoding="utf-8")


def test_times_keep_the_offset_they_were_entered_with(diary: DiaryStore) -> None:
    bundle = build_bundle(diary, NOW)
    assert sorted(a["effectiveDateTime"] for a in entries(bundle, "MedicationAdministration")) == [
        "2026-11-25T20:00:00-05:00", "2026-11-26T08:10:00+01:00", "2026-11-26T14:10:00+01:00"]
    assert {o["effectiveDateTime"] for o in entries(bundle, "Observation")} == {
        "2026-11-26T20:30:00+01:00"}


def test_plan_steps_become_statements_with_status_timing_and_as_needed(diary: DiaryStore) -> None:
    statements = entries(build_bundle(diary, NOW), "MedicationStatement")
    by_start = {s["effectivePeriod"]["start"]: s for s in statements}
    # NOW is the diary day 2026-11-26; paracetamol (from 2026-11-01, open) has been archived.
    assert {start: s["status"] for start, s in by_start.items()} == {
        "2026-11-20": "completed", "2026-11-23": "active", "2026-12-01": "intended",
        "2026-11-01": "stopped"}
    step2 = by_start["2026-11-23"]
    assert step2["effectivePeriod"] == {"start": "2026-11-23", "end": "2026-11-30"}
    assert step2["note"] == [{"text": "Step 2 of the titration"}]
    dosage = step2["dosage"][0]
    assert dosage["timing"]["repeat"]["timeOfDay"] == ["08:00:00", "14:00:00", "20:00:00"]
    assert dosage["asNeededBoolean"] is False
    assert dosage["maxDosePerPeriod"]["numerator"]["value"] == 80
    as_needed = by_start["2026-11-01"]["dosage"][0]
    assert as_needed["asNeededBoolean"] is True and "timing" not in as_needed


def test_a_step_says_when_it_was_entered_and_a_backdated_one_does_not(store: DiaryStore) -> None:
    """R4 MedicationStatement has no authoredOn (MedicationRequest's): when a step was entered,
    so that it expects no dose due before then, is its dateAsserted, in the offset it was entered
    in. A step backdated on purpose (recorded_at None) expects every dose from its start and has
    no dateAsserted: the diary does not know when it was entered, and the export's own time
    would be a false answer."""
    med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert med.id is not None
    times = (time(8), time(14), time(20))
    store.plans.add_all([
        PlanStep(med.id, date(2026, 11, 20), 5_000, times, end=date(2026, 11, 25)),
        PlanStep(med.id, date(2026, 11, 26), 10_000, times,
                 recorded_at=datetime(2026, 11, 26, 22, 0, tzinfo=PARIS_WINTER)),
        PlanStep(med.id, date(2026, 11, 1), 5_000, times, end=date(2026, 11, 2),
                 recorded_at=datetime(2026, 11, 1, 21, 0, tzinfo=NEW_YORK)),
    ])
    bundle = build_bundle(store, NOW)
    validate_r4(bundle)
    asserted = {s["effectivePeriod"]["start"]: s.get("dateAsserted")
                for s in entries(bundle, "MedicationStatement")}
    assert asserted == {"2026-11-20": None, "2026-11-26": "2026-11-26T22:00:00+01:00",
                        "2026-11-01": "2026-11-01T21:00:00-05:00"}
    assert "dateAsserted" not in next(s for s in entries(bundle, "MedicationStatement")
                                      if s["effectivePeriod"]["start"] == "2026-11-20")


def test_taken_and_skipped_doses_and_the_deleted_one(diary: DiaryStore) -> None:
    bundle = build_bundle(diary, NOW)
    given = {a["effectiveDateTime"]: a for a in entries(bundle, "MedicationAdministration")}
    taken, skipped = given["2026-11-26T08:10:00+01:00"], given["2026-11-26T14:10:00+01:00"]
    assert taken["status"] == "completed" and taken["note"] == [{"text": "With breakfast"}]
    assert "statusReason" not in taken
    assert skipped["status"] == "not-done" and skipped["statusReason"][0]["text"]
    assert skipped["note"] == [{"text": "Too drowsy"}]
    assert "Logged twice by mistake" not in json.dumps(bundle)
    baclofen = next(m for m in entries(bundle, "Medication") if m["code"]["text"] == "Baclofen")
    assert taken["medicationReference"]["reference"] == f"urn:uuid:{baclofen['id']}"
    statuses = {m["code"]["text"]: m["status"] for m in entries(bundle, "Medication")}
    assert statuses == {"Baclofen": "active", "Paracetamol": "inactive"}


def test_ratings_carry_score_scale_and_note(diary: DiaryStore) -> None:
    observations = {o["code"]["text"]: o for o in entries(build_bundle(diary, NOW), "Observation")}
    assert set(observations) == {"Spasticity", "Bladder urgency"}
    spasticity, bladder = observations["Spasticity"], observations["Bladder urgency"]
    assert spasticity["valueInteger"] == 6 and bladder["valueInteger"] == 3
    assert "0 to 10" in spasticity["method"]["text"] and "0 to 4" in bladder["method"]["text"]
    assert spasticity["note"] == [{"text": "Stiff in the morning"}] and "note" not in bladder
    assert all(o["status"] == "final" and o["category"][0]["coding"][0]["code"] == "survey"
               for o in observations.values())


@pytest.mark.parametrize(("unit", "code"), [
    (Unit.MG, "mg"), (Unit.MCG, "ug"), (Unit.G, "g"), (Unit.ML, "mL"), (Unit.IU, "[iU]"),
    (Unit.DROP, "[drp]"), (Unit.TABLET, "{tablet}"), (Unit.CAPSULE, "{capsule}"),
    (Unit.PUFF, "{puff}"),
])
def test_every_unit_has_its_ucum_code(store: DiaryStore, unit: Unit, code: str) -> None:
    med = store.medications.add(Medication("Something", unit))
    assert med.id is not None
    store.intakes.add(Intake(med.id, NOW - timedelta(hours=1), 2_250))
    bundle = build_bundle(store, NOW)
    validate_r4(bundle)
    [given] = entries(bundle, "MedicationAdministration")
    assert given["dosage"]["dose"] == {"value": 2.25, "unit": unit.value, "system": UCUM,
                                       "code": code}


def test_an_offset_beyond_fhirs_range_is_written_in_utc(store: DiaryStore) -> None:
    kiribati_plus = timezone(timedelta(hours=15))  # the diary allows ±18 h, FHIR only ±14 h
    med = store.medications.add(Medication("Baclofen", Unit.MG))
    assert med.id is not None
    store.intakes.add(Intake(med.id, datetime(2026, 11, 27, 8, 0, tzinfo=kiribati_plus), 5_000))
    bundle = build_bundle(store, NOW)
    validate_r4(bundle)
    assert entries(bundle, "MedicationAdministration")[0]["effectiveDateTime"] == (
        "2026-11-26T17:00:00+00:00")
