"""The whole diary as one HL7 FHIR R4 Bundle: `bundle` writes it, `resources` makes each
resource (Patient, Medication, MedicationStatement, MedicationAdministration, Observation)."""
