"""The FHIR R4 export: valid against the R4 (4.0.1) models, complete, exact, deterministic, private.

Validation goes through fhir.resources 6.4.0, the last release whose models are FHIR 4.0.1 (later
releases carry R4B and R5 only). It checks cardinality, data types, choice elements and unknown
elements; what its models record but do not enforce (the codes of required bindings, and the full
lexical form of primitives such as dateTime) is checked here against those same models.
"""

from __future__ import annotations

import copy
import json
import os
import re
import stat
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import fhir.resources
import pytest
from fhir.resources import construct_fhir_element
from fhir.resources.bundle import Bundle
from fhir.resources.core.fhirabstractmodel import FHIRAbstractModel
from pydantic import ValidationError

from diary.demo import build_demo
from diary.domain.entities import (
    DiaryInfo,
    Intake,
    IntakeStatus,
    Medication,
    PlanStep,
    Rating,
    Slot,
    Symptom,
)
from diary.domain.units import Unit
from diary.fhir.bundle import ExportExistsError, build_bundle, write_bundle
from diary.storage.store import DiaryStore, open_diary
from tests.helpers import store_sql
from tests.helpers.clock import NOW, PARIS_WINTER

NEW_YORK = timezone(timedelta(hours=-5))
UCUM = "http://unitsofmeasure.org"


# --- strict R4 validation ---------------------------------------------------------------------
def validate_r4(bundle: dict[str, Any]) -> None:
    """Raise if `bundle` is not a valid FHIR 4.0.1 Bundle (the whole, and each resource alone)."""
    assert fhir.resources.__fhir_version__ == "4.0.1"
    model = Bundle.parse_obj(copy.deepcopy(bundle))
    _check_codes_and_forms(model, bundle, "Bundle")
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        construct_fhir_element(resource["resourceType"], copy.deepcopy(resource))


# The JSON type each FHIR primitive must have (R4 JSON format): numbers are never strings.
_JSON_KINDS: dict[str, tuple[type, ...]] = {
    "boolean": (bool,), "decimal": (int, float), "integer": (int,), "unsignedInt": (int,),
    "positiveInt": (int,),
}


def _check_codes_and_forms(model: FHIRAbstractModel, raw: dict[str, Any], where: str) -> None:
    for field in type(model).__fields__.values():
        if field.alias not in raw:
            continue
        path = f"{where}.{field.alias}"
        raw_items = raw[field.alias] if isinstance(raw[field.alias], list) else [raw[field.alias]]
        value = getattr(model, field.name)
        items = value if isinstance(value, list) else [value]
        allowed = field.field_info.extra.get("enum_values")
        primitive = getattr(field.type_, "__visit_name__", None)
        pattern = getattr(field.type_, "regex", None)
        for raw_item, item in zip(raw_items, items, strict=True):
            if allowed and raw_item not in allowed:
                raise AssertionError(f"{path}: {raw_item!r} is not one of {allowed}")
            if primitive is not None:
                kinds = _JSON_KINDS.get(primitive, (str,))
                if not isinstance(raw_item, kinds) or (
                        isinstance(raw_item, bool) and bool not in kinds):
                    raise AssertionError(f"{path}: {raw_item!r} is not a JSON {primitive}")
            if isinstance(raw_item, str) and pattern and not pattern.fullmatch(raw_item):
                raise AssertionError(f"{path}: {raw_item!r} is not a valid {primitive}")
            if isinstance(item, FHIRAbstractModel):
                _check_codes_and_forms(item, raw_item, path)


# --- diaries ----------------------------------------------------------------------------------
@pytest.fixture
def diary(store: DiaryStore) -> DiaryStore:
    """A small hand-made diary: baclofen titrated at set times, paracetamol tablets as needed,
    doses taken and skipped (one deleted), ratings on a 0-10 and a 0-4 scale (one deleted)."""
    store.update_info(DiaryInfo(name="Ada Example", birth_date=date(1970, 5, 17)))
    bac = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000,
                                          taper_required=True))
    para = store.medications.add(Medication("Paracetamol", Unit.TABLET, form="tablet"))
    assert bac.id is not None and para.id is not None
    times = (time(8), time(14), time(20))
    store.plans.add_all([
        PlanStep(bac.id, date(2026, 11, 20), 5_000, times, end=date(2026, 11, 22)),
        PlanStep(bac.id, date(2026, 11, 23), 7_500, times, end=date(2026, 11, 30),
                 note="Step 2 of the titration"),
        PlanStep(bac.id, date(2026, 12, 1), 10_000, times),
        PlanStep(para.id, date(2026, 11, 1), 1_000, note="For headache"),
    ])
    slot = Slot(date(2026, 11, 26), time(8))
    at = datetime(2026, 11, 26, 8, 10, tzinfo=PARIS_WINTER)
    store.intakes.add(Intake(bac.id, at, 7_500, slot=slot, note="With breakfast"))
    store.intakes.add(Intake(bac.id, at + timedelta(hours=6), 7_500, IntakeStatus.SKIPPED,
                            Slot(slot.day, time(14)), note="Too drowsy"))
    store.intakes.add(Intake(para.id, datetime(2026, 11, 25, 20, 0, tzinfo=NEW_YORK), 500))
    deleted = store.intakes.add(Intake(bac.id, at - timedelta(hours=1), 7_500,
                                      note="Logged twice by mistake"))
    assert deleted.id is not None
    store.intakes.delete(deleted.id)
    bladder = store.symptoms.add(Symptom("Bladder urgency", scale_max=4))
    assert bladder.id is not None
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    evening = datetime(2026, 11, 26, 20, 30, tzinfo=PARIS_WINTER)
    store.ratings.add_all([Rating(spasticity, evening, 6, "Stiff in the morning"),
                       Rating(bladder.id, evening, 3)])
    gone = store.ratings.add(Rating(spasticity, evening - timedelta(hours=3), 9))
    assert gone.id is not None
    store.ratings.delete(gone.id)
    store.medications.archive(para.id)
    return store


@pytest.fixture
def demo_diary(tmp_path: Path) -> Iterator[DiaryStore]:
    path = tmp_path / "demo.diary"
    build_demo(path, days=30, seed=3, now=NOW)
    store = open_diary(path, read_only=True, clock=lambda: NOW)
    yield store
    store.close()


@pytest.fixture(params=["diary", "demo_diary"])
def any_diary(request: pytest.FixtureRequest) -> DiaryStore:
    store: DiaryStore = request.getfixturevalue(request.param)
    return store


def entries(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def walk(node: object) -> Iterator[tuple[str, object]]:
    """Every (key, value) pair at any depth of a JSON value."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


# --- the bundle -------------------------------------------------------------------------------
def test_the_bundle_is_valid_r4(any_diary: DiaryStore) -> None:
    bundle = build_bundle(any_diary, NOW)
    validate_r4(bundle)
    assert bundle["type"] == "collection" and bundle["timestamp"] == "2026-11-26T21:00:00+01:00"


def test_one_entry_per_row_deleted_ones_left_out(any_diary: DiaryStore) -> None:
    def count(sql: str) -> int:
        return int(store_sql.query(any_diary, f"SELECT count(*) AS n FROM {sql}")[0]["n"])

    bundle = build_bundle(any_diary, NOW)
    assert {kind: len(entries(bundle, kind)) for kind in (
        "Patient", "Medication", "MedicationStatement", "MedicationAdministration", "Observation",
    )} == {
        "Patient": 1,
        "Medication": count("medications"),
        "MedicationStatement": count("plan_steps WHERE deleted_utc IS NULL"),
        "MedicationAdministration": count("intakes WHERE deleted_utc IS NULL"),
        "Observation": count("ratings WHERE deleted_utc IS NULL"),
    }
    assert len(bundle["entry"]) == 1 + sum(count(t) for t in (
        "medications", "plan_steps WHERE deleted_utc IS NULL",
        "intakes WHERE deleted_utc IS NULL", "ratings WHERE deleted_utc IS NULL"))


def test_every_reference_resolves_inside_the_bundle(any_diary: DiaryStore) -> None:
    bundle = build_bundle(any_diary, NOW)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls) and all(u.startswith("urn:uuid:") for u in urls)
    references = [value for key, value in walk(bundle) if key == "reference"]
    assert references and set(references) <= set(urls)
    assert all(e["fullUrl"] == f"urn:uuid:{e['resource']['id']}" for e in bundle["entry"])


def test_no_empty_strings_anywhere(any_diary: DiaryStore) -> None:
    bundle = build_bundle(any_diary, NOW)
    empty = [key for key, value in walk(bundle) if isinstance(value, str) and not value.strip()]
    assert empty == []


def test_the_same_diary_exports_the_same_bundle(diary: DiaryStore, tmp_path: Path) -> None:
    first = write_bundle(diary, tmp_path / "a.json", NOW)
    second = write_bundle(diary, tmp_path / "b.json", NOW)
    assert first.path.read_bytes() == second.path.read_bytes()
    assert build_bundle(diary, NOW) == json.loads(first.path.read_text(encoding="utf-8"))


# --- what the entries say ---------------------------------------------------------------------
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


# --- the validator can fail -------------------------------------------------------------------
def _administration(bundle: dict[str, Any]) -> dict[str, Any]:
    return entries(bundle, "MedicationAdministration")[0]


BREAKAGES = {
    "status missing": (lambda b: _administration(b).pop("status"), "status"),
    "unknown element": (
        lambda b: _administration(b).update(takenAt="2026-11-26T08:00:00Z"), "takenAt"),
    "two medication[x]": (lambda b: _administration(b).update(
        medicationCodeableConcept={"text": "Baclofen"}), "medicationCodeableConcept"),
    "code not in its value set": (
        lambda b: _administration(b).update(status="taken"), "'taken' is not one of"),
    "dateTime without offset": (lambda b: _administration(b).update(
        effectiveDateTime="2026-11-26T08:10:00"), "not a valid dateTime"),
    "empty string": (
        lambda b: entries(b, "Medication")[0]["code"].update(text=""), "code -> text"),
    "decimal as text": (lambda b: _administration(b)["dosage"]["dose"].update(value="7.5"),
                        "not a JSON decimal"),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_the_validator_rejects_a_broken_bundle(diary: DiaryStore, breakage: str) -> None:
    bundle = build_bundle(diary, NOW)
    validate_r4(copy.deepcopy(bundle))
    breaking, reason = BREAKAGES[breakage]
    breaking(bundle)
    with pytest.raises((ValidationError, AssertionError), match=re.escape(reason)):
        validate_r4(bundle)


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


# --- the file ---------------------------------------------------------------------------------
def test_the_file_is_private_and_its_summary_counts_the_entries(
    diary: DiaryStore, tmp_path: Path
) -> None:
    summary = write_bundle(diary, tmp_path / "export.json", NOW)
    assert stat.S_IMODE(os.stat(summary.path).st_mode) == 0o600
    written = json.loads(summary.path.read_text(encoding="utf-8"))
    assert summary.counts == {
        "Patient": 1, "Medication": 2, "MedicationStatement": 4, "MedicationAdministration": 3,
        "Observation": 2,
    }
    assert summary.total == len(written["entry"]) == 12
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_existing_file_is_refused_unless_overwrite(diary: DiaryStore, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportExistsError, match="already exists") as refused:
        write_bundle(diary, target, NOW)
    assert isinstance(refused.value, FileExistsError)
    assert target.read_text(encoding="utf-8") == "keep me"
    write_bundle(diary, target, NOW, overwrite=True)
    assert json.loads(target.read_text(encoding="utf-8"))["resourceType"] == "Bundle"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_a_failed_write_leaves_nothing_behind(
    diary: DiaryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.json"

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    # The last step that gives the file its name: linked when new, renamed over a replaced one.
    monkeypatch.setattr(os, "replace", full_disk)
    monkeypatch.setattr(os, "link", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_bundle(diary, target, NOW)
    assert [p.name for p in tmp_path.iterdir() if "export" in p.name] == []
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(OSError, match="No space"):
        write_bundle(diary, target, NOW, overwrite=True)
    assert [p.name for p in tmp_path.iterdir() if "export" in p.name] == ["export.json"]
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_link_of_that_name_is_refused_even_one_to_nothing(diary: DiaryStore,
                                                             tmp_path: Path) -> None:
    """Before (issue 17) a dangling link was written over, where the report refuses it."""
    target = tmp_path / "export.json"
    target.symlink_to(tmp_path / "nothing-here.json")
    with pytest.raises(ExportExistsError, match="already exists"):
        write_bundle(diary, target, NOW)
    assert target.is_symlink() and not (tmp_path / "nothing-here.json").exists()


def test_a_file_that_appears_while_the_bundle_is_made_is_never_replaced(
        diary: DiaryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from diary.fhir import bundle

    target = tmp_path / "export.json"
    made = bundle.build_bundle

    def meanwhile(store: DiaryStore, now: datetime) -> object:
        found = made(store, now)
        target.write_text("another program's", encoding="utf-8")
        return found

    monkeypatch.setattr(bundle, "build_bundle", meanwhile)
    with pytest.raises(ExportExistsError, match="appeared while the bundle was made"):
        write_bundle(diary, target, NOW)
    assert target.read_text(encoding="utf-8") == "another program's"
    assert [p.name for p in tmp_path.iterdir() if "export" in p.name] == ["export.json"]


def test_a_missing_folder_is_named(diary: DiaryStore, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_bundle(diary, tmp_path / "nowhere" / "export.json", NOW)
