"""What leaves the diary and comes into it: the appointment report (PDF), CSV and FHIR R4."""
