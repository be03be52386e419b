"""The whole diary as an HL7 FHIR R4 (4.0.1) Bundle of type "collection", for a clinician's system.

What goes in, one entry each:
  Patient                    the person (name and birth date when the diary has them)
  Medication                 every medication, archived ones too ("inactive")
  MedicationStatement        every plan step (the regimen: amount, times of day or as needed, dates;
                             "stopped" when its medication was archived before the step ended;
                             dateAsserted: when it was entered, for a step that expects no dose
                             due before then, left out for one backdated on purpose)
  MedicationAdministration   every dose logged: taken ("completed") or skipped ("not-done")
  Observation                every symptom rating: the score, and the scale it was given on

What stays out: deleted entries and plan steps; events (appointments, falls, illnesses, dose changes
by the clinician), which the export was not asked for and which R4 has no one resource for without
inventing codes; the medications' own notes; the audit trail; the diary's settings.

Every entry's fullUrl is a urn:uuid derived (uuid5) from the diary's creation time, the table and
the row id, so the same diary exports the same bundle (given the same `now`) and references
between entries are those urn:uuid URLs.
"""

from __future__ import annotations

import json
import os
import secrets
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from pathlib import Path

from diary.domain.daytime import local_day
from diary.domain.daytime import utc_text
from diary.domain.entities import DiaryInfo
from diary.domain.entities import Medication
from diary.fhir import resources as res
from diary.fhir.resources import JSON
from diary.storage.file.placement import fsync_folder
from diary.storage.file.placement import place_new
from diary.storage.store import DiaryStore

FHIR_VERSION = "4.0.1"
FILE_MODE = 0o600

# This program's own namespace; with a diary's creation time it gives each diary its own.
_NAMESPACE = uuid.UUID("f7b559d1-689f-4806-9796-22ae0d3ab494")


class ExportExistsError(FileExistsError):
    """The export file is already there and replacing it was not asked for."""


@dataclass(frozen=True)
class BundleSummary:
    """What write_bundle wrote: where, and how many entries of each resource type."""

    path: Path
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class _Urls:
    """Deterministic urn:uuid URLs for the rows of one diary."""

    def __init__(self, info: DiaryInfo) -> None:
        if info.created_at is None:
            raise ValueError("the diary has no creation time to derive its identifiers from")
        self._diary = uuid.uuid5(_NAMESPACE, f"diary created {utc_text(info.created_at)}")

    def uid(self, table: str, row_id: int | None) -> str:
        if row_id is None:
            raise ValueError(f"a {table} row without an id cannot be exported")
        return str(uuid.uuid5(self._diary, f"{table}/{row_id}"))

    @staticmethod
    def url(uid: str) -> str:
        return f"urn:uuid:{uid}"


def build_bundle(store: DiaryStore, now: datetime) -> JSON:
    """The diary as a FHIR R4 Bundle (a JSON-ready dict), stamped with `now` (an aware time)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    info = store.info()
    urls = _Urls(info)
    entries: list[JSON] = []

    def add(resource: JSON) -> None:
        entries.append({"fullUrl": urls.url(str(resource["id"])), "resource": resource})

    patient_uid = urls.uid("diary", 1)
    subject = res.reference(urls.url(patient_uid))
    add(res.patient(patient_uid, info))

    medications = store.medications.by_id()
    for med in sorted(medications.values(), key=lambda m: m.id or 0):
        add(res.medication(urls.uid("medications", med.id), med))

    def medication_ref(med: Medication) -> JSON:
        return res.reference(urls.url(urls.uid("medications", med.id)), med.name)

    today = local_day(now, info.day_starts_at)
    for step in sorted(store.plans.steps(), key=lambda s: s.id or 0):
        med = medications[step.medication_id]
        add(res.medication_statement(urls.uid("plan_steps", step.id), step, med,
                                     (medication_ref(med), subject), today))

    for intake in store.intakes.between(date.min, date.max):
        med = medications[intake.medication_id]
        add(res.medication_administration(urls.uid("intakes", intake.id), intake, med.unit,
                                          (medication_ref(med), subject)))

    symptoms = store.symptoms.by_id()
    for rating in store.ratings.between(date.min, date.max):
        add(res.observation(urls.uid("ratings", rating.id), rating, symptoms[rating.symptom_id],
                            subject))

    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": res.moment(now),
        "entry": entries,
    }


def resource_counts(bundle: JSON) -> dict[str, int]:
    """Entries per resource type in a bundle made by build_bundle."""
    counts: Counter[str] = Counter()
    entries = bundle.get("entry", [])
    for entry in entries if isinstance(entries, list) else []:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict):
            counts[str(resource.get("resourceType"))] += 1
    return dict(counts)


def write_bundle(
    store: DiaryStore, path: Path, now: datetime, *, overwrite: bool = False
) -> BundleSummary:
    """Write the diary's bundle to `path` as indented UTF-8 JSON, created 0600, whole or not at
    all (a temporary file beside it, then given its name). Anything already of that name (a
    link too, even one to nothing) is refused with ExportExistsError unless `overwrite` (the
    person saw it and said Replace); without it, a file that appears while the bundle is made
    is never replaced either."""
    path = Path(path)
    if os.path.lexists(path) and not overwrite:
        raise ExportExistsError(
            f"{path} already exists; choose another file name (nothing was written)"
        )
    if not path.parent.is_dir():
        raise FileNotFoundError(f"cannot write {path}: the folder {path.parent} does not exist")
    bundle = build_bundle(store, now)
    text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
    _write_whole(path, text.encode("utf-8"), overwrite=overwrite)
    return BundleSummary(path, resource_counts(bundle))


def _write_whole(path: Path, data: bytes, *, overwrite: bool) -> None:
    """`data` into a new 0600 file beside `path`, flushed, then put in its place: linked under
    its name, never replacing anything (placement.place_new), or renamed over the file the
    person chose to replace. A failure at any point leaves `path` as it was and no partial file
    behind."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(temp, path)
        else:
            place_new(temp, path, lambda: ExportExistsError(
                f"{path} appeared while the bundle was made; it was left as it was and nothing "
                "was written"))
    finally:
        temp.unlink(missing_ok=True)
    fsync_folder(path.parent)
