"""Data in and out of the window: the CSV and FHIR export (`export`) and the CSV import dialog
with its columns, planning in the background, outcome and wording."""
