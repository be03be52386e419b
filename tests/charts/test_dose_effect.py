"""Ratings against hours since the last dose of one medication: dots, binned means, the hours
shown and the medication they count from."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime
from datetime import timedelta

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from diary.charts.dose_effect import EMPTY_MESSAGE
from diary.charts.dose_effect import draw_dose_effect
from diary.charts.dose_effect import empty_message
from diary.charts.dose_effect import hours_limit
from diary.charts.theme import Theme
from diary.charts.theme import contrast
from diary.domain.entities import Rating
from diary.domain.errors import ValidationError
from diary.domain.trends import RatingPoint
from diary.domain.trends import TrendData
from diary.domain.trends import dose_effect_medications
from diary.domain.trends import points_by_medication
from tests.helpers.chart_sample import BACLOFEN
from tests.helpers.chart_sample import BLADDER
from tests.helpers.chart_sample import CET
from tests.helpers.chart_sample import PARACETAMOL
from tests.helpers.chart_sample import SPASTICITY
from tests.helpers.chart_sample import TIZANIDINE
from tests.helpers.chart_sample import sample

T0 = datetime(2026, 11, 2, 21, 0, tzinfo=CET)


def points(symptom_id: int, pairs: list[tuple[float | None, int]]) -> list[RatingPoint]:
    return [RatingPoint(symptom_id, T0 + timedelta(hours=n), score, hours)
            for n, (hours, score) in enumerate(pairs)]


SPASTICITY_PAIRS: list[tuple[float | None, int]] = [
    (0.5, 2), (1.0, 4), (1.5, 6), (2.5, 3), (3.0, 5), (3.5, 7), (9.0, 9), (None, 8), (30.0, 1),
]
BLADDER_PAIRS: list[tuple[float | None, int]] = [
    (1.0, 1), (1.2, 2), (5.0, 3), (5.5, 4), (5.9, 2), (0.2, 0),
]
POINTS = points(SPASTICITY.id or 0, SPASTICITY_PAIRS) + points(BLADDER.id or 0, BLADDER_PAIRS)
BAC, TIZ = BACLOFEN.id or 0, TIZANIDINE.id or 0


def with_points(found: list[RatingPoint]) -> TrendData:
    """The sample with `found` as the ratings' hours since the last baclofen dose."""
    return replace(sample(), points_by_medication={BAC: found}, doses_taken={BAC: 42})


def test_dots_and_binned_means_per_symptom() -> None:
    figure = Figure()
    draw_dose_effect(figure, with_points(POINTS))
    spasticity, bladder = figure.axes
    assert spasticity.get_title(loc="left") == "Spasticity (0 = none, 10 = worst imaginable)"
    dots, means = spasticity.lines
    # The 30-hour rating and the one with no dose before it are past the 24 hours shown.
    assert dots.get_xdata().tolist() == [0.5, 1.0, 1.5, 2.5, 3.0, 3.5, 9.0]
    assert dots.get_ydata().tolist() == [2, 4, 6, 3, 5, 7, 9]
    # 2-hour bins with at least 3 ratings: [0, 2) holds 2, 4, 6; [2, 4) holds 3, 5, 7; the
    # single rating at 9 h makes no mean.
    assert means.get_xdata().tolist() == [1.0, 3.0]
    assert means.get_ydata().tolist() == [4.0, 5.0]
    assert spasticity.get_xlim() == (0.0, 24.0)
    assert spasticity.get_ylim() == pytest.approx((-0.6, 10.6))
    assert bladder.get_ylim() == pytest.approx((-0.24, 4.24))
    # Bladder: [0, 2) holds 1, 2, 0 and [4, 6) holds 3, 4, 2; nothing in between breaks the line.
    xs, ys = bladder.lines[1].get_xdata(), bladder.lines[1].get_ydata()
    assert xs[0] == 1.0 and math.isnan(xs[1]) and xs[2] == 5.0
    assert ys[0] == 1.0 and math.isnan(ys[1]) and ys[2] == 3.0
    (legend,) = figure.legends
    assert legend.get_title().get_text().startswith("Not shown: 2 rating(s)")
    assert spasticity.get_xlabel() == "Hours since the last Baclofen dose"
    assert figure.get_suptitle().startswith("Ratings by hours since the last dose of Baclofen")


def test_the_hours_shown_end_at_the_longest_gap_in_whole_bins() -> None:
    short = [p for p in POINTS if p.hours_since_dose is not None and p.hours_since_dose < 7]
    assert hours_limit(short) == 6.0  # longest 5.9 h: the end of its 2-hour bin
    assert hours_limit(POINTS) == 24.0  # 30 h is past the cap
    assert hours_limit([]) == 2.0
    figure = Figure()
    draw_dose_effect(figure, with_points(short))
    assert {ax.get_xlim() for ax in figure.axes} == {(0.0, 6.0)}
    assert figure.legends[0].get_title().get_text() == ""


def test_one_symptom_and_the_choice_of_symptoms() -> None:
    figure = Figure()
    draw_dose_effect(figure, with_points(POINTS), symptom_ids=[BLADDER.id or 0])
    (only,) = figure.axes
    assert only.get_title(loc="left").startswith("Bladder urgency")


def test_no_rating_after_a_dose_draws_a_message() -> None:
    figure = Figure()
    no_dose = [replace(p, hours_since_dose=None) for p in POINTS]
    draw_dose_effect(figure, with_points(no_dose))
    assert figure.axes == []
    assert [t.get_text() for t in figure.texts] == [empty_message(BACLOFEN)]
    assert "Baclofen" in empty_message(BACLOFEN)


def test_drawing_again_reuses_the_figure() -> None:
    figure = Figure()
    data = with_points(POINTS)
    draw_dose_effect(figure, data)
    draw_dose_effect(figure, data)
    assert len([ax for ax in figure.axes if ax.get_visible()]) == 2
    assert len(figure.axes) == 2 and len(figure.legends) == 1


def test_no_scheduled_medication_taken_draws_a_message() -> None:
    figure = Figure()
    draw_dose_effect(figure, sample())  # no medication to count hours from
    assert figure.axes == []
    assert [t.get_text() for t in figure.texts] == [EMPTY_MESSAGE]


# --- two scheduled medications -----------------------------------------------------------------
DAY = datetime(2026, 11, 3, 0, 0, tzinfo=CET)
# Baclofen three times a day, tizanidine twice at other hours: over two days, five doses against
# four. Paracetamol, as needed, has no hours of its own.
BACLOFEN_DOSES = [DAY + timedelta(days=n, hours=h) for n in (0, 1) for h in (8, 14)] + \
    [DAY + timedelta(hours=20)]
TIZANIDINE_DOSES = [DAY + timedelta(days=n, hours=h) for n in (0, 1) for h in (6, 18)]
RATINGS = [Rating(SPASTICITY.id or 0, DAY + timedelta(hours=h), score) for h, score in [
    (9, 6), (11, 4), (13.5, 5), (15, 3), (21, 6), (23, 5), (33, 7), (35, 4), (40, 6),
]] + [Rating(BLADDER.id or 0, DAY + timedelta(hours=h), 2) for h in (12, 30, 44)]


def two_medications() -> TrendData:
    return replace(
        sample(), medications=[BACLOFEN, PARACETAMOL, TIZANIDINE],
        points_by_medication=points_by_medication(
            RATINGS, {BAC: BACLOFEN_DOSES, TIZ: TIZANIDINE_DOSES}),
        doses_taken={BAC: len(BACLOFEN_DOSES), TIZ: len(TIZANIDINE_DOSES), PARACETAMOL.id or 0: 1},
    )


def hours_after(doses: list[datetime], symptom_id: int) -> list[float]:
    """Worked out here: for each rating of the symptom, the hours since the latest of `doses`
    at or before it (every rating here has one within the day)."""
    found = []
    for rating in sorted(RATINGS, key=lambda r: r.at):
        if rating.symptom_id == symptom_id:
            last = max(d for d in doses if d <= rating.at)
            found.append((rating.at - last).total_seconds() / 3600)
    return found


@pytest.mark.parametrize(("medication", "doses"), [
    (TIZANIDINE, TIZANIDINE_DOSES), (BACLOFEN, BACLOFEN_DOSES),
])
def test_the_hours_count_from_the_chosen_medication_only(medication, doses) -> None:
    figure = Figure()
    draw_dose_effect(figure, two_medications(), medication_id=medication.id)
    spasticity, bladder = figure.axes
    assert spasticity.lines[0].get_xdata().tolist() == pytest.approx(
        hours_after(doses, SPASTICITY.id or 0))
    assert bladder.lines[0].get_xdata().tolist() == pytest.approx(
        hours_after(doses, BLADDER.id or 0))
    label = f"Hours since the last {medication.name} dose"
    assert {ax.get_xlabel() for ax in figure.axes} == {label}
    assert f"since the last dose of {medication.name}," in figure.get_suptitle()


def test_the_two_medications_give_different_hours() -> None:
    # Otherwise the test above could not tell one medication's hours from the other's.
    assert hours_after(BACLOFEN_DOSES, SPASTICITY.id or 0) != \
        hours_after(TIZANIDINE_DOSES, SPASTICITY.id or 0)


def test_by_default_the_hours_count_from_the_medication_with_most_doses() -> None:
    data = two_medications()
    assert [m.name for m in dose_effect_medications(data)] == ["Baclofen", "Tizanidine"]
    chosen, default = Figure(), Figure()
    draw_dose_effect(chosen, data, medication_id=BAC)
    draw_dose_effect(default, data)
    assert default.axes[0].get_xlabel() == "Hours since the last Baclofen dose"
    assert default.axes[0].lines[0].get_xdata().tolist() == \
        chosen.axes[0].lines[0].get_xdata().tolist()
    more_tizanidine = replace(data, doses_taken={BAC: 3, TIZ: 4})
    assert [m.name for m in dose_effect_medications(more_tizanidine)] == \
        ["Tizanidine", "Baclofen"]
    draw_dose_effect(default, more_tizanidine)
    assert default.axes[0].get_xlabel() == "Hours since the last Tizanidine dose"


def test_a_medication_without_hours_is_refused() -> None:
    with pytest.raises(ValidationError, match="medication"):
        draw_dose_effect(Figure(), two_medications(), medication_id=PARACETAMOL.id)


def test_on_a_dark_background_the_means_are_drawn_in_the_text_colour() -> None:
    figure = Figure()
    dark = Theme(face="#1E1E1E", text="#F5F5F5", mid="#5A5A5A")
    draw_dose_effect(figure, with_points(POINTS), theme=dark)
    spasticity = figure.axes[0]
    dots, means = spasticity.lines
    assert to_hex(means.get_color()) == "#f5f5f5"  # black would vanish
    assert contrast(to_hex(dots.get_color()), "#1E1E1E") >= 3
    assert to_hex(spasticity.get_facecolor()) == "#1e1e1e"
    draw_dose_effect(figure, with_points([]), theme=dark)
    assert to_hex(figure.texts[0].get_color()) == "#f5f5f5"
