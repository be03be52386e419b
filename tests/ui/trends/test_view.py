"""The Trends view: its controls and their keys, the medication a dose-effect chart counts
from, a change of the diary read again (at once, or when the view is next shown), the tab in the
window, and matplotlib loaded only when the tab is first shown. (The ranges, the chart and the
loading: test_ranges.py, test_chart.py, test_loader.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt

from diary.charts.registry import Chart
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.main_window import default_views
from diary.ui.shell.session import DiarySession
from diary.ui.trends.view import SHORTCUTS
from diary.ui.trends.view import TrendsView
from tests.helpers.qt import activate
from tests.ui.trends.support import PRESET
from tests.ui.trends.support import TODAY
from tests.ui.trends.support import at
from tests.ui.trends.support import choose
from tests.ui.trends.support import shown_view

REPO = Path(__file__).resolve().parents[3]


# --- the controls ---------------------------------------------------------------------------


def test_every_control_has_a_name_and_a_key(qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    controls = view.range
    view.range.preset_combo.setCurrentIndex(PRESET["custom"])
    named = {controls.preset_combo: "Range of days", controls.from_edit: "From date",
             controls.to_edit: "To date", view.chart_combo: "Chart",
             view.export_button: "Export chart"}
    assert {widget.accessibleName() for widget in named} == set(named.values())
    activate(qtbot, view)
    for key, widget in ((Qt.Key.Key_R, controls.preset_combo), (Qt.Key.Key_O, controls.from_edit),
                        (Qt.Key.Key_T, controls.to_edit), (Qt.Key.Key_C, view.chart_combo)):
        qtbot.keyClick(view, key, Qt.KeyboardModifier.AltModifier)
        assert widget.hasFocus(), widget.accessibleName()


# --- the medication a dose-effect chart counts from -------------------------------------------


def add_tizanidine(session: DiarySession) -> None:
    """Tizanidine 2 mg once a day at 17:00 from 1 November, taken every day: fewer doses than
    baclofen, at other hours (the evening's spasticity rating comes 2 hours after it, 5 hours
    after baclofen's 14:00 dose)."""
    store = session.store
    med = store.medications.add(Medication("Tizanidine", Unit.MG))
    assert med.id is not None
    store.plans.add_all([PlanStep(med.id, date(2026, 11, 1), 2_000, (time(17),))])
    day = date(2026, 11, 1)
    while day <= TODAY:
        store.intakes.add(Intake(med.id, at(day, 17), 2_000))
        day += timedelta(days=1)


def effect_hours(view: TrendsView) -> set[float]:
    (panel,) = view.chart.figure.axes  # spasticity, the one symptom rated
    return set(panel.lines[0].get_xdata().tolist())


def test_the_medication_choice_is_hidden_with_one_scheduled_medication(
        qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    view.chart_combo.setCurrentIndex(list(Chart).index(Chart.DOSE_EFFECT))
    assert not view.medication_box.isVisibleTo(view)
    assert effect_hours(view) == {5.0}
    assert view.chart.figure.axes[0].get_xlabel() == "Hours since the last Baclofen dose"


def test_with_two_scheduled_medications_the_hours_count_from_the_one_chosen(
        qtbot, diary: DiarySession) -> None:
    add_tizanidine(diary)
    view = shown_view(qtbot, diary)
    assert not view.medication_box.isVisibleTo(view)  # doses and symptoms: no choice to make
    view.chart_combo.setCurrentIndex(list(Chart).index(Chart.DOSE_EFFECT))
    combo = view.medication_combo
    assert view.medication_box.isVisibleTo(view)
    assert combo.accessibleName() == "Medication"
    # Baclofen first, the default: two doses a day against one.
    assert [combo.itemText(i) for i in range(combo.count())] == ["Baclofen", "Tizanidine"]
    # Each in its look, as in every list of the window, said in words to a screen reader.
    assert not combo.itemIcon(0).isNull() and not combo.itemIcon(1).isNull()
    assert combo.itemIcon(0).pixmap(16).toImage() != combo.itemIcon(1).pixmap(16).toImage()
    baclofen = view.data.medications[0]
    assert combo.itemData(0, Qt.ItemDataRole.AccessibleTextRole) == \
        f"Baclofen, {baclofen.look.describe()}"
    assert effect_hours(view) == {5.0}
    canvas, figure, loads, draws = (view.chart.canvas, view.chart.figure, view.loader.requests,
                                    view.chart.draws)
    combo.setCurrentIndex(1)
    assert effect_hours(view) == {2.0}
    assert figure.axes[0].get_xlabel() == "Hours since the last Tizanidine dose"
    assert view.chart.canvas is canvas and view.chart.figure is figure
    assert view.loader.requests == loads and view.chart.draws == draws + 1
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert combo.hasFocus()
    # Another range with both keeps the choice; another chart hides it.
    choose(qtbot, view, "14 days")
    assert combo.currentText() == "Tizanidine" and effect_hours(view) == {2.0}
    view.chart_combo.setCurrentIndex(list(Chart).index(Chart.ADHERENCE_CALENDAR))
    assert not view.medication_box.isVisibleTo(view)


# --- the diary changes -------------------------------------------------------------------------
def test_a_change_while_visible_reloads_the_range(qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    headache = diary.store.symptoms.named("Headache").id
    assert headache not in view.data.ratings
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        edits.add_ratings(diary, [Rating(headache, at(TODAY, 18), 4)])
    assert view.data.ratings[headache][TODAY].mean == 4


def test_a_change_while_hidden_waits_for_the_view_to_be_shown(qtbot, qapp,
                                                              diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    view.hide()
    loads = view.loader.requests
    headache = diary.store.symptoms.named("Headache").id
    edits.add_ratings(diary, [Rating(headache, at(TODAY, 18), 3)])
    qapp.processEvents()  # a visible view would ask for the reload now
    assert view.loader.requests == loads and headache not in view.data.ratings
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()
    assert view.loader.requests == loads + 1
    assert view.data.ratings[headache][TODAY].mean == 3


# --- in the window ----------------------------------------------------------------------------
def test_the_window_has_the_trends_tab_on_ctrl_4(qtbot, diary: DiarySession,
                                                 clock: list[datetime], tmp_path: Path) -> None:
    window = MainWindow(
        diary, settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        clock=lambda: clock[0], views=default_views,
        opener=lambda path, ro: open_diary(path, read_only=ro, clock=lambda: clock[0]),
        creator=lambda path: create_diary(path, clock=lambda: clock[0]),
    )
    qtbot.addWidget(window)
    activate(qtbot, window)
    assert window.tabs.tabText(3) == "Trends"
    view = window.view_at(3)
    assert isinstance(view, TrendsView)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 3 and view.data is not None
    groups = dict(window.shortcut_groups())
    assert groups["Trends"] == SHORTCUTS
    assert any("Ctrl+4" in keys for keys, _ in groups["Everywhere"])


START_UP = """
import json, sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from diary.storage.store import create_diary, open_diary
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession

app = QApplication([])
folder = Path(sys.argv[1])
now = datetime(2026, 11, 26, 21, 0, tzinfo=timezone(timedelta(hours=1)))
clock = lambda: now
create_diary(folder / "d.diary", clock=clock).close()
window = MainWindow(DiarySession(open_diary(folder / "d.diary", clock=clock), clock),
                    settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat),
                    opener=lambda p, ro: open_diary(p, read_only=ro, clock=clock),
                    creator=lambda p: create_diary(p, clock=clock), clock=clock)
window.show()
for _ in range(20):
    app.processEvents()
def loaded():
    return sorted(m for m in sys.modules
                  if m.split(".")[0] == "matplotlib" or m.startswith("diary.charts"))
before = loaded()
tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
view = window.view_at(3)
wait = QEventLoop()
view.loaded.connect(wait.quit)
QTimer.singleShot(20_000, wait.quit)
window.tabs.setCurrentIndex(3)
wait.exec()
after = loaded()
print(json.dumps({"tabs": tabs, "before": before,
                  "after": "matplotlib" in after and "diary.charts.dose_symptoms" in after,
                  "drawn": view.chart.draws}))
window.close()
"""


def test_matplotlib_loads_when_the_trends_tab_is_first_shown(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", START_UP, str(tmp_path)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # The fourth tab is the one shown (the window may have more tabs after it).
    assert found["tabs"][:4] == ["Today", "History", "Medications", "Trends"]
    assert {k: v for k, v in found.items() if k != "tabs"} == {"before": [], "after": True,
                                                               "drawn": 1}
