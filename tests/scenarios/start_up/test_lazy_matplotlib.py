"""matplotlib loads only when a chart is made: never at start-up, and never through pyplot or Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

START_UP = """
import json, sys
import diary.app, diary.ui.shell.main_window
def loaded():
    ours = ("diary.charts", "diary.report", "diary.csv", "diary.fhir")
    return sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib" or m.startswith(ours))
before = loaded()
import diary.charts.dose_symptoms  # the control: a chart module does load matplotlib
print(json.dumps({"before": before, "after": "matplotlib" in sys.modules}))
"""

DRAWING = """
import io, json, sys
from matplotlib.figure import Figure
from diary.charts.adherence_calendar import draw_adherence_calendar
from diary.charts.before_after import draw_before_after
from diary.charts.dose_effect import draw_dose_effect
from diary.charts.dose_symptoms import draw_dose_symptoms
from tests.helpers.chart_sample import sample
data = sample(30)
for draw in (draw_dose_symptoms, draw_dose_effect, draw_adherence_calendar):
    figure = Figure()
    draw(figure, data)
    figure.savefig(io.BytesIO(), format="png")
figure = Figure()
draw_before_after(figure, data)
figure.savefig(io.BytesIO(), format="pdf")
print(json.dumps(sorted(m for m in sys.modules
                        if m == "matplotlib.pyplot" or m.split(".")[0] == "PySide6")))
"""


def run(code: str) -> object:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_start_up_modules_do_not_import_matplotlib_or_the_charts() -> None:
    assert run(START_UP) == {"before": [], "after": True}


def test_drawing_every_chart_needs_neither_pyplot_nor_qt() -> None:
    assert run(DRAWING) == []
