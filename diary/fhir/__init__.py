"""The whole diary as one HL7 FHIR R4 Bundle: `bundle` writes it, `resources` makes each
resource (Patient, Medication, MedicationStatement, MedicationAdministration, Observation).

What it offers (`__all__`): `write_bundle` (a new file, never over one) and `build_bundle`."""

from diary.fhir.bundle import BundleSummary
from diary.fhir.bundle import ExportExistsError
from diary.fhir.bundle import build_bundle
from diary.fhir.bundle import write_bundle

__all__ = ["BundleSummary", "ExportExistsError", "build_bundle", "write_bundle"]
