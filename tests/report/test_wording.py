"""Words of the report: the footer's statement warns against stopping abruptly only the
medications of the report that need a taper; a daily-log header too long for its column ends
in an ellipsis."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path

import pypdf

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.templates import medication_from_template
from diary.domain.units import Unit
from diary.report.build import Sections
from diary.report.build import build_report
from diary.report.build import render_report
from diary.report.wording import statement
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

START, END = date(2026, 11, 1), date(2026, 11, 25)
SUMMARY_ONLY = Sections(False, False, False, False, appendix=False)


def footer(store: DiaryStore, tmp_path: Path) -> str:
    report = build_report(store, START, END, NOW, PARIS_WINTER, sections=SUMMARY_ONLY)
    done = render_report(report, tmp_path / "r.pdf")
    return " ".join(pypdf.PdfReader(done.path).pages[0].extract_text().split())


def test_without_a_medication_to_taper_there_is_no_taper_warning(store: DiaryStore,
                                                                  tmp_path: Path) -> None:
    paracetamol = store.medications.add(Medication("Paracetamol", Unit.MG))
    assert paracetamol.id is not None
    store.intakes.add(Intake(paracetamol.id, datetime.combine(END, time(9), PARIS_WINTER),
                            500_000))
    text = footer(store, tmp_path)
    assert "it is not medical advice" in text and "before changing a dose." in text
    assert "Do not stop" not in text and "baclofen" not in text.casefold()


def test_each_medication_to_taper_is_named(store: DiaryStore, tmp_path: Path) -> None:
    baclofen = store.medications.add(medication_from_template("baclofen"))
    assert baclofen.id is not None
    store.plans.add_all([PlanStep(baclofen.id, START, 5_000, (time(8),))])
    assert "Do not stop Baclofen abruptly." in footer(store, tmp_path)


def test_the_statement_names_one_or_several() -> None:
    tapered = [Medication("Baclofen", Unit.MG, taper_required=True),
               Medication("Paracetamol", Unit.MG),
               Medication("Clonazepam", Unit.MG, taper_required=True),
               Medication("Tizanidine", Unit.MG, taper_required=True)]
    assert statement(tapered).endswith(
        "Do not stop Baclofen, Clonazepam or Tizanidine abruptly.")
    assert statement(tapered[:2]).endswith("Do not stop Baclofen abruptly.")
    assert statement([]).endswith("talk to them before changing a dose.")


def test_long_names_in_the_daily_log_headers_are_cut_with_an_ellipsis() -> None:
    from diary.report.table import _two_lines

    assert _two_lines("Spasticity", 10) == ("Spasticity", "")
    assert _two_lines("Bladder urgency", 10) == ("Bladder", "urgency")
    assert _two_lines("Pins and needles in the feet", 10) == ("Pins and", "needles i…")
    assert _two_lines("Hyperventilation", 10) == ("Hyperventi"[:9] + "…", "")
