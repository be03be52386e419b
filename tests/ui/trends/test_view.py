"""The Trends view: ranges, charts, background loading, export, refresh, and matplotlib loaded only
when the tab is first shown."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from PySide6.QtCore import QDate, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from diary.charts.adherence_calendar import draw_adherence_calendar
from diary.charts.before_after import draw_before_after
from diary.charts.dose_effect import draw_dose_effect
from diary.charts.dose_symptoms import draw_dose_symptoms
from diary.charts.registry import Chart
from diary.domain.entities import Event, EventKind, Intake, Medication, PlanStep, Rating
from diary.domain.trends import TrendData
from diary.domain.units import Unit
from diary.storage.errors import DiaryFileError
from diary.storage.store import DiaryStore, create_diary, open_diary
from diary.ui import edits
from diary.ui.shell.main_window import MainWindow, default_views
from diary.ui.shell.session import DiarySession
from diary.ui.trends import loader as trends_loader
from diary.ui.trends.loader import LoadRequest
from diary.ui.trends.view import SHORTCUTS, TrendsView
from diary.ui.widgets import dialogs
from tests.helpers.clock import PARIS_WINTER
from tests.helpers.qt import activate

REPO = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 26)  # the diary day of the tests' clock (Thursday 21:00 in Paris)
FIRST_EVENT = date(2026, 5, 3)  # the diary's first live entry (see `diary`)
PRESET = {"14 days": 0, "30 days": 1, "90 days": 2, "year": 3, "all": 4, "custom": 5}
DRAWN_BY: dict[Chart, Callable[[Figure, TrendData], None]] = {
    Chart.DOSE_SYMPTOMS: draw_dose_symptoms,
    Chart.DOSE_EFFECT: draw_dose_effect,
    Chart.ADHERENCE_CALENDAR: draw_adherence_calendar,
    Chart.BEFORE_AFTER: draw_before_after,
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), PARIS_WINTER)


@pytest.fixture
def diary(session: DiarySession) -> DiarySession:
    """Baclofen 10 mg three times a day from 1 November, taken at 08:00 and 14:00 (the 20:00
    dose missed) every day to today, spasticity rated each evening; an event on 3 May, and a
    deleted rating before it that must not count as the first entry."""
    store = session.store
    med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert med.id is not None
    store.plans.add_all([PlanStep(med.id, date(2026, 11, 1), 10_000,
                                   (time(8), time(14), time(20)))])
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    day = date(2026, 11, 1)
    while day <= TODAY:
        for hour in (8, 14):
            store.intakes.add(Intake(med.id, at(day, hour), 10_000))
        store.ratings.add(Rating(spasticity, at(day, 19), 6 - day.day % 3))
        day += timedelta(days=1)
    store.events.add(Event(at(FIRST_EVENT, 12), EventKind.APPOINTMENT, "neurologist"))
    early = store.ratings.add(Rating(spasticity, at(date(2026, 1, 5), 19), 7))
    assert early.id is not None
    store.ratings.delete(early.id)
    return session


def shown_view(qtbot, session: DiarySession) -> TrendsView:
    """The view, shown, with its first load (the default range) drawn."""
    view = TrendsView(session)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()
    return view


def choose(qtbot, view: TrendsView, preset: str) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.range.preset_combo.setCurrentIndex(PRESET[preset])


class Gate:
    """Stands in for trends_loader.read_trends: records each request and the thread it ran in,
    and holds the first request until `release` (so a test can act while a load is under way)."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.opened = threading.Event()
        self.ranges: list[tuple[date, date]] = []
        self.threads: list[int] = []
        self._real = trends_loader.read_trends

    def __call__(self, request: LoadRequest) -> TrendData:
        self.ranges.append((request.start, request.end))
        self.threads.append(threading.get_ident())
        if len(self.ranges) == 1:
            self.started.set()
            assert self.opened.wait(timeout=10), "the test never released the first load"
        return self._real(request)

    def release(self) -> None:
        self.opened.set()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    held = Gate()
    monkeypatch.setattr(trends_loader, "read_trends", held)
    yield held
    held.release()  # never leave the loading thread waiting


# --- ranges -----------------------------------------------------------------------------------
def test_each_preset_loads_its_range_ending_today(qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    assert view.data is not None
    assert (view.data.start, view.data.end) == (date(2026, 8, 29), TODAY)  # 90 days by default
    # Worked out by hand: N days ending on Thursday 26 November 2026, today included.
    expected = {"14 days": date(2026, 11, 13), "30 days": date(2026, 10, 28),
                "year": date(2025, 11, 27), "all": FIRST_EVENT}
    for preset, start in expected.items():
        choose(qtbot, view, preset)
        assert (view.data.start, view.data.end) == (start, TODAY), preset
        shown = (view.range.from_edit.date(), view.range.to_edit.date())
        assert shown == (QDate(start.year, start.month, start.day), QDate(2026, 11, 26))


def test_all_starts_at_a_new_first_entry_once_it_is_added(qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    choose(qtbot, view, "all")
    assert view.data.start == FIRST_EVENT
    earlier = date(2026, 2, 14)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        edits.add_event(diary, Event(at(earlier, 9), EventKind.FALL, "slipped on ice"))
    assert (view.data.start, view.data.end) == (earlier, TODAY)


def test_a_range_seen_before_is_drawn_again_without_reading_the_diary(
        qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    choose(qtbot, view, "14 days")
    loads = view.loader.requests
    view.range.preset_combo.setCurrentIndex(PRESET["90 days"])
    assert view.loader.requests == loads and not view.loading
    assert (view.data.start, view.data.end) == (date(2026, 8, 29), TODAY)


def test_typed_dates_are_checked_before_anything_is_loaded(qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    controls = view.range
    controls.preset_combo.setCurrentIndex(PRESET["custom"])
    assert controls.from_edit.isEnabled() and controls.to_edit.isEnabled()
    loads, shown = view.loader.requests, view.data

    controls.from_edit.setDate(QDate(2026, 11, 20))
    controls.to_edit.setDate(QDate(2026, 11, 10))
    qtbot.keyClick(controls.to_edit, Qt.Key.Key_Return)
    assert controls.message.isVisibleTo(view)
    # The domain's one rule and wording for a range (check_days), as the report's dialog says it.
    assert controls.message.text() == "The range ends on 2026-11-10 before it starts on 2026-11-20."
    assert view.loader.requests == loads and view.data is shown

    controls.to_edit.setDate(QDate(2026, 12, 3))
    controls.apply()
    assert controls.message.text() == ("The range ends on 2026-12-03, after today, 2026-11-26; "
                                       "choose today or an earlier day.")
    assert view.loader.requests == loads and view.data is shown

    controls.from_edit.setDate(QDate(2026, 11, 2))
    controls.to_edit.setDate(QDate(2026, 11, 15))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        controls.apply()
    assert not controls.message.isVisibleTo(view)
    assert (view.data.start, view.data.end) == (date(2026, 11, 2), date(2026, 11, 15))


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


# --- charts -----------------------------------------------------------------------------------
def test_switching_charts_draws_each_builder_on_the_same_canvas_without_reloading(
        qtbot, diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    canvas, figure, loads = view.chart.canvas, view.chart.figure, view.loader.requests
    assert canvas is not None and figure is not None
    titles = set()
    for index in range(view.chart_combo.count()):
        view.chart_combo.setCurrentIndex(index)
        chart = view.current_chart
        expected = Figure()
        DRAWN_BY[chart](expected, view.data)
        assert figure.get_suptitle() == expected.get_suptitle(), chart
        assert len(figure.axes) == len(expected.axes), chart
        assert view.chart.canvas is canvas and view.chart.figure is figure
        titles.add(figure.get_suptitle())
    assert len(titles) == 4
    assert view.loader.requests == loads
    assert view.chart.draws == 4  # the first load's drawing, then one per other chart


def test_an_empty_diary_shows_a_message_in_every_chart(qtbot, session: DiarySession) -> None:
    view = shown_view(qtbot, session)
    choose(qtbot, view, "all")
    assert (view.data.start, view.data.end) == (TODAY, TODAY)
    for index in range(view.chart_combo.count()):
        view.chart_combo.setCurrentIndex(index)
        expected = Figure()
        DRAWN_BY[view.current_chart](expected, view.data)
        figure = view.chart.figure
        assert not figure.axes
        assert [t.get_text() for t in figure.texts] == [t.get_text() for t in expected.texts]
        assert figure.texts and view.chart.canvas.accessibleDescription() == \
            figure.texts[0].get_text()


def test_the_canvas_and_matplotlib_wait_until_the_view_is_shown(qtbot,
                                                                 diary: DiarySession) -> None:
    view = TrendsView(diary)
    qtbot.addWidget(view)
    assert view.chart.canvas is None and view.loader.requests == 0
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()
    assert view.chart.canvas is not None and view.loader.requests == 1


def test_a_chart_taller_than_the_view_scrolls_with_the_wheel(qtbot,
                                                             diary: DiarySession) -> None:
    view = shown_view(qtbot, diary)
    view.resize(900, 420)
    qtbot.waitUntil(lambda: view.chart.verticalScrollBar().maximum() > 0, timeout=5000)
    canvas = view.chart.canvas
    middle = QPointF(canvas.width() / 2, 40)
    wheel = QWheelEvent(middle, canvas.mapToGlobal(middle), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert view.chart.verticalScrollBar().value() > 0


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


# --- loading in the background -----------------------------------------------------------------
def test_loading_runs_in_another_thread_and_draws_only_when_it_is_done(
        qtbot, diary: DiarySession, gate: Gate) -> None:
    view = TrendsView(diary)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(gate.started.is_set, timeout=10_000)  # the GUI's loop runs meanwhile
    assert view.loading and view.busy.isVisibleTo(view)
    assert view.status.text() == "Loading 3 months…"  # 90 days
    assert view.chart.draws == 0 and view.data is None
    assert not view.export_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        gate.release()
    assert gate.threads[0] != threading.get_ident()
    assert view.chart.draws == 1 and not view.loading and not view.busy.isVisibleTo(view)
    assert (view.data.start, view.data.end) == (date(2026, 8, 29), TODAY)


def test_a_newer_range_replaces_the_load_under_way(qtbot, diary: DiarySession,
                                                   gate: Gate) -> None:
    view = TrendsView(diary)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(gate.started.is_set, timeout=10_000)
    arrivals: list[object] = []
    view.loaded.connect(lambda: arrivals.append(view.data))
    view.range.preset_combo.setCurrentIndex(PRESET["14 days"])  # waits behind the 90 days
    view.range.preset_combo.setCurrentIndex(PRESET["30 days"])  # replaces it before its turn
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        gate.release()
    # The 90 days were read (already under way) and dropped; the 14 days were never read.
    assert gate.ranges == [(date(2026, 8, 29), TODAY), (date(2026, 10, 28), TODAY)]
    assert len(arrivals) == 1 and view.chart.draws == 1
    assert (view.data.start, view.data.end) == (date(2026, 10, 28), TODAY)


def test_a_load_that_fails_says_why(qtbot, diary: DiarySession,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(request: LoadRequest) -> TrendData:
        raise DiaryFileError(request.path, "the file is damaged")

    monkeypatch.setattr(trends_loader, "read_trends", refuse)
    view = shown_view(qtbot, diary)
    assert "the file is damaged" in view.status.text()
    assert view.data is None and not view.busy.isVisibleTo(view)
    assert not view.export_button.isEnabled()


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


# --- export -----------------------------------------------------------------------------------
def answer_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple[object, ...]]:
    asked: list[tuple[object, ...]] = []

    def choose_save_path(parent: object, title: str, suggestion: Path,
                         filters: str = "") -> Path:
        asked.append((title, suggestion, filters))
        return path

    monkeypatch.setattr(dialogs, "choose_save_path", choose_save_path)
    return asked


def test_export_writes_a_private_png_by_default_and_an_svg_by_its_name(
        qtbot, diary: DiarySession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    view = shown_view(qtbot, diary)
    folder = tmp_path / "charts"
    folder.mkdir()
    asked = answer_save(monkeypatch, folder / "spasticity")
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked[0][0] == "Export the chart"
    assert asked[0][2] == "PNG image (*.png);;SVG image (*.svg)"
    assert asked[0][1].name == "doses-and-symptoms-2026-08-29-to-2026-11-26.png"
    png = folder / "spasticity.png"
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert stat.S_IMODE(png.stat().st_mode) == 0o600

    svg = folder / "effect.SVG"
    svg.write_text("an older file")
    svg.chmod(0o644)
    answer_save(monkeypatch, svg)
    view.chart_combo.setCurrentIndex(1)
    view.export_button.click()
    text = svg.read_bytes()
    assert text.startswith(b"<?xml") and b"<svg" in text
    assert stat.S_IMODE(svg.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["effect.SVG", "spasticity.png"]


@pytest.mark.parametrize("where", ["missing folder", "a folder by that name"])
def test_an_export_that_cannot_be_written_says_so_and_leaves_nothing(
        qtbot, diary: DiarySession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        dialog_answers, where: str) -> None:
    view = shown_view(qtbot, diary)
    folder = tmp_path / "charts"
    folder.mkdir()
    target = folder / "absent" / "chart.png" if where == "missing folder" else folder / "x.png"
    if where != "missing folder":
        target.mkdir()  # the rename over it fails once the image is written
    answer_save(monkeypatch, target)
    view.export_chart()
    [(title, text)] = dialog_answers.errors
    assert title.startswith("Chart not exported") and "Nothing was saved" in f"{title}: {text}"
    left = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    assert left == ([] if where == "missing folder" else ["x.png"])


def test_a_read_only_diary_shows_and_exports_charts(qtbot, diary: DiarySession, store: DiaryStore,
                                                    clock: list[datetime], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store.close()
    viewer = DiarySession(open_diary(store.path, read_only=True), lambda: clock[0])
    try:
        view = shown_view(qtbot, viewer)
        assert view.data is not None and view.data.totals
        answer_save(monkeypatch, tmp_path / "chart.png")
        view.export_button.click()
        assert (tmp_path / "chart.png").read_bytes().startswith(PNG_SIGNATURE)
    finally:
        viewer.close()


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
    assert found == {"tabs": ["Today", "History", "Medications", "Trends"], "before": [],
                     "after": True, "drawn": 1}
