"""Ours: the trends chart (doses and symptoms) drawn on an offscreen canvas of its size, the data
already loaded; median of 3 draws after one warm-up. Also reports the load time."""

import json
import statistics
import sys
import time
from pathlib import Path

from chartdata import DPI
from chartdata import HEIGHT
from chartdata import WIDTH
from chartdata import load
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from diary.charts.dose_symptoms import draw_dose_symptoms

data, loaded = load(Path(sys.argv[1]), int(sys.argv[2]))
figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
canvas = FigureCanvasAgg(figure)
times = []
for _ in range(4):
    started = time.perf_counter()
    draw_dose_symptoms(figure, data)
    canvas.draw()
    times.append(time.perf_counter() - started)
print(json.dumps({"seconds": statistics.median(times[1:]), "load": loaded}))
