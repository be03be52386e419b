"""CSV files in and out, side by side: `exporting` writes the diary as six files, `importing`
reads doses, ratings and events from this program's files or another app's, all or nothing.

What it offers (`__all__`): `export_csv`; `plan_import` (read and check a file, nothing written)
then `apply` (add it, one transaction); and what the import dialog needs to let a person map a
file's columns (`open_source`, `build_mapping`, the fields and their synonyms). The rest serves
the import: how a file is read (`source`, `cells`), what its columns mean (`mapping`), the values
and rows it holds (`values`, `rows`), the names it gives (`names`) and the settings files beside
it (`settings`).
"""

from diary.csv.exporting import ExportRefused, Written, export_csv
from diary.csv.importing import ImportOptions, ImportPlan, apply, plan_import, settings_lines
from diary.csv.mapping import FIELDS, IGNORE, SYNONYMS, build_mapping, normalised, parse_map
from diary.csv.source import CsvImportError, delimiter_name, open_source
from diary.csv.values import DateOrder
from diary.csv.wording import line_list, medication_list, symptom_list

__all__ = [
    "FIELDS",
    "IGNORE",
    "SYNONYMS",
    "CsvImportError",
    "DateOrder",
    "ExportRefused",
    "ImportOptions",
    "ImportPlan",
    "Written",
    "apply",
    "build_mapping",
    "delimiter_name",
    "export_csv",
    "line_list",
    "medication_list",
    "normalised",
    "open_source",
    "parse_map",
    "plan_import",
    "settings_lines",
    "symptom_list",
]
