"""CSV files in and out, side by side: `exporting` writes the diary as six files, `importing`
reads doses, ratings and events from this program's files or another app's, all or nothing.

What it offers (`__all__`): `export_csv`; `plan_import` (read and check a file, nothing written)
then `apply` (add it, one transaction); and what the import dialog needs to let a person map a
file's columns (`open_source`, `build_mapping`, the fields and their synonyms). The rest serves
the import: how a file is read (`source`, `cells`), what its columns mean (`mapping`), the values
and rows it holds (`values`, `rows`), the names it gives (`names`) and the settings files beside
it (`settings`).
"""

from diary.csv.exporting import ExportRefused
from diary.csv.exporting import Written
from diary.csv.exporting import export_csv
from diary.csv.importing import ImportOptions
from diary.csv.importing import ImportPlan
from diary.csv.importing import apply
from diary.csv.importing import plan_import
from diary.csv.importing import settings_lines
from diary.csv.mapping import FIELDS
from diary.csv.mapping import IGNORE
from diary.csv.mapping import SYNONYMS
from diary.csv.mapping import build_mapping
from diary.csv.mapping import normalised
from diary.csv.mapping import parse_map
from diary.csv.source import CsvImportError
from diary.csv.source import delimiter_name
from diary.csv.source import open_source
from diary.csv.values import DateOrder
from diary.csv.wording import line_list
from diary.csv.wording import medication_list
from diary.csv.wording import symptom_list

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
