"""A medication's plan as a table: one row per step with its daily amount, a written mark on a
step over the max and on the step in force today, read out in words too, and shaded in colours
that read on a light and on a dark theme."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette

from diary.charts.theme import contrast
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.medications.plan_table import COLUMNS
from diary.ui.medications.plan_table import DARK_COLOURS
from diary.ui.medications.plan_table import FROM
from diary.ui.medications.plan_table import LIGHT_COLOURS
from diary.ui.medications.plan_table import OVER_MAX_MARK
from diary.ui.medications.plan_table import PER_DAY
from diary.ui.medications.plan_table import STEP_ROLE
from diary.ui.medications.plan_table import TODAY_COLUMN
from diary.ui.medications.plan_table import TODAY_MARK
from diary.ui.medications.plan_table import PlanTable
from diary.ui.medications.plan_table import PlanTableModel
from tests.ui.medications.support import add_med


def test_the_table_shows_daily_amounts_the_over_max_mark_and_todays_step(qtbot, view,
                                                                        session) -> None:
    med = add_med(session)
    today = session.today()
    edits.add_plan_steps(session, [
        PlanStep(med.id, today - timedelta(days=10), 20_000, DEFAULT_TIMES,
                 end=today - timedelta(days=1)),
        PlanStep(med.id, today, 30_000, DEFAULT_TIMES, note="prescriber's trial"),
        PlanStep(med.id, today - timedelta(days=20), 100_000, note="as needed, large"),
    ])
    view.refresh()
    model = view.plan.model
    table = [[model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    assert [row[1:6] for row in table] == [
        [str(today - timedelta(days=20)), "open", "100 mg", "as needed",
         f"as needed {OVER_MAX_MARK} over max"],
        [str(today - timedelta(days=10)), str(today - timedelta(days=1)), "20 mg",
         "08:00, 14:00, 20:00", "60 mg"],
        [str(today), "open", "30 mg", "08:00, 14:00, 20:00",
         f"90 mg {OVER_MAX_MARK} over max"],
    ]
    assert [row[TODAY_COLUMN] for row in table] == ["", "", TODAY_MARK]
    assert "over the 80 mg/day max" in model.index(2, PER_DAY).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, PER_DAY).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "90 mg, over the 80 mg/day max")
    assert "marked “▶ today”" in view.plan.summary.text()
    assert "30 mg at 08:00, 14:00, 20:00 = 90 mg/day" in view.plan.summary.text()


def test_the_plan_model_passes_the_model_tester(qtmodeltester, session) -> None:
    med = add_med(session)
    model = PlanTableModel()
    steps = edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 5_000,
                                                   DEFAULT_TIMES)])
    model.set_plan(med, steps, date(2026, 11, 26))
    qtmodeltester.check(model)


def test_a_preview_marks_the_step_in_force_before_it_is_saved(qapp) -> None:
    """A titration's steps are shown before they have ids: today's is found by the step
    itself."""
    med = Medication("Baclofen", Unit.MG, max_daily=80_000, id=1)
    steps = [PlanStep(1, date(2026, 11, 20), 5_000, DEFAULT_TIMES, end=date(2026, 11, 25)),
             PlanStep(1, date(2026, 11, 26), 10_000, DEFAULT_TIMES, end=date(2026, 11, 28)),
             PlanStep(1, date(2026, 11, 29), 15_000, DEFAULT_TIMES)]
    model = PlanTableModel()
    model.set_plan(med, steps, date(2026, 11, 26))
    assert model.in_force_row() == 1
    assert model.row_of(None) is None  # nothing saved: no row has an id to find
    assert [model.index(r, TODAY_COLUMN).data() for r in range(3)] == ["", TODAY_MARK, ""]
    assert model.index(1, TODAY_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == (
        "The step in force today.")
    assert model.index(1, FROM).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, FROM).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(2, FROM).data(STEP_ROLE) is steps[2]


def test_no_medication_is_an_empty_table_with_its_headers(qapp) -> None:
    model = PlanTableModel()
    model.set_plan(None, [PlanStep(1, date(2026, 11, 1), 5_000)], date(2026, 11, 26))
    assert model.rowCount() == 0 and model.in_force_row() is None
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == [
        "In force", "From", "To", "Per dose", "Times", "Per day", "Note"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_an_as_needed_dose_over_the_max_is_said_for_one_dose(qapp) -> None:
    med = Medication("Paracetamol", Unit.MG, max_daily=4_000_000, id=2)
    step = PlanStep(2, date(2026, 11, 1), 5_000_000, id=7)
    model = PlanTableModel()
    model.set_plan(med, [step], date(2026, 11, 26))
    assert model.row_of(7) == 0 and model.in_force_row() == 0
    assert model.index(0, PER_DAY).data() == f"as needed {OVER_MAX_MARK} over max"
    assert model.index(0, PER_DAY).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "as needed, over the 4000 mg/day max")
    assert model.index(0, PER_DAY).data(Qt.ItemDataRole.ToolTipRole) == (
        "The step in force today. A single dose goes over the 4000 mg/day max.")


# --- colours on a light and a dark theme -----------------------------------------------------
def themed(window: str, text: str) -> QPalette:
    palette = QPalette()
    for roles, colour in (((QPalette.ColorRole.Window, QPalette.ColorRole.Base), window),
                          ((QPalette.ColorRole.WindowText, QPalette.ColorRole.Text), text)):
        for role in roles:
            palette.setColor(role, QColor(colour))
    return palette


LIGHT = ("#efefef", "#1a1a1a")
DARK = ("#2b2b2b", "#e8e8e8")


def shades(model: PlanTableModel) -> tuple[str, str, str, str]:
    """The in-force row's shade and text, and the over-max day's, as "#rrggbb"."""
    today = model.index(0, FROM)
    over = model.index(0, PER_DAY)
    return tuple(model.data(index, role).color().name()  # type: ignore[return-value]
                 for index in (today, over)
                 for role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole))


def over_max_today(model: PlanTableModel) -> None:
    med = Medication("Baclofen", Unit.MG, max_daily=80_000, id=1)
    model.set_plan(med, [PlanStep(1, date(2026, 11, 1), 30_000, DEFAULT_TIMES, id=3)],
                   date(2026, 11, 26))


@pytest.mark.parametrize(("theme", "dark"), [(LIGHT, False), (DARK, True)],
                         ids=["light", "dark"])
def test_the_marked_rows_read_on_a_light_and_a_dark_theme(qtbot, theme: tuple[str, str],
                                                          dark: bool) -> None:
    model = PlanTableModel()
    table = PlanTable(model, "Plan steps")
    qtbot.addWidget(table)
    table.setPalette(themed(*theme))
    over_max_today(model)
    today_shade, today_text, over_shade, over_text = shades(model)
    assert model.colours() == (DARK_COLOURS if dark else LIGHT_COLOURS)
    assert contrast(today_shade, today_text) >= 4.5
    assert contrast(over_shade, over_text) >= 4.5
    # The shade goes with the theme: dark shades under light text on a dark window.
    assert all((QColor(shade).lightness() < 128) == dark for shade in (today_shade, over_shade))
    assert all((QColor(text).lightness() > 128) == dark for text in (today_text, over_text))
    base = table.palette().color(QPalette.ColorRole.Base).name()
    assert today_shade != base and over_shade != base


def test_the_marked_rows_follow_a_theme_switched_while_shown(qtbot) -> None:
    model = PlanTableModel()
    table = PlanTable(model, "Plan steps")
    qtbot.addWidget(table)
    table.setPalette(themed(*LIGHT))
    over_max_today(model)
    table.show()
    assert model.colours() == LIGHT_COLOURS
    with qtbot.waitSignal(model.dataChanged):
        table.setPalette(themed(*DARK))
    assert model.colours() == DARK_COLOURS
    assert shades(model)[0] == DARK_COLOURS.today.name()
