"""Floor: a minimal matplotlib script drawing the same series (one stairs or line per series, the
same axes, the same canvas size), with no styling; median of 3 draws after one warm-up."""

import json
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from chartdata import DPI
from chartdata import HEIGHT
from chartdata import WIDTH
from chartdata import load
from chartdata import series
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

data, _ = load(Path(sys.argv[1]), int(sys.argv[2]))
meds, symptoms = series(data)
figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
canvas = FigureCanvasAgg(figure)


def draw() -> None:
    figure.clear()
    axes = figure.subplots(len(meds) + len(symptoms), 1, sharex=True, squeeze=False)[:, 0]
    for ax, med in zip(axes, meds, strict=False):
        days = sorted(med["totals"])
        edges = [*days, days[-1] + timedelta(days=7 if data.by_week else 1)]
        ax.stairs([med["totals"][d] for d in days], edges)
        planned = sorted(med["expected"])
        ax.step(planned, [med["expected"][d] for d in planned], where="post")
        ax.axhline(med["max"])
    for ax, symptom in zip(axes[len(meds):], symptoms, strict=True):
        days = sorted(symptom["means"])
        ax.plot(days, [symptom["means"][d] for d in days], ".", linestyle="none")
        rolled = sorted(symptom["rolling"])
        ax.plot(rolled, [symptom["rolling"][d] for d in rolled])
        ax.set_ylim(0, symptom["scale"])
    for event in data.events:
        axes[0].axvline(event.at.date())
    canvas.draw()


times = []
for _ in range(4):
    started = time.perf_counter()
    draw()
    times.append(time.perf_counter() - started)
print(json.dumps({"seconds": statistics.median(times[1:])}))
