"""The FHIR R4 bundle (diary/fhir/bundle.py): valid against the R4 (4.0.1) models (checked as
tests/fhir/support.py says, and that check shown to fail), complete, deterministic, and written
privately, never over another file. What each resource says is tests/fhir/test_resources.py."""

from __future__ import annotations

import copy
import json
import os
import re
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from diary.demo import build_demo
from diary.fhir.bundle import ExportExistsError
from diary.fhir.bundle import build_bundle
from diary.fhir.bundle import write_bundle
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from tests.fhir.support import entries
from tests.fhir.support import validate_r4
from tests.helpers import store_sql
from tests.helpers.clock import NOW


# --- diaries ----------------------------------------------------------------------------------
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
