"""The summary's panels (diary/ui/summary/panels.py): every answer a symbol and words, for the eye
and for the screen reader; the week's grid cell by cell; the symptoms and the events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from diary.ui.summary import SummaryView
from diary.ui.summary.panels import LEGEND


def test_todays_doses_in_symbols_and_words(view: SummaryView) -> None:
    labels = view.today.status_labels
    assert [label.text() for label in labels] == [
        "✓ Taken 08:05", "! Taken late 12:20 (+1 h 20 min)", "– Skipped 14:02", "✗ Missed",
        "· Not yet due"]
    assert [label.accessibleName() for label in labels] == [
        "08:00 Baclofen 20 mg: taken 08:05",
        "11:00 Baclofen 20 mg: taken late 12:20 (+1 h 20 min)",
        "14:00 Baclofen 20 mg: skipped 14:02",
        "17:00 Baclofen 20 mg: missed",
        "22:00 Tizanidine 4 mg: not yet due"]
    assert labels[3].font().bold() and labels[1].font().bold() and not labels[0].font().bold()
    assert view.today.extra.text() == "Other doses today: Paracetamol 1000 mg taken 13:10."
    pills = [w.accessibleName() for w in view.today.findChildren(type(labels[0]))
             if w.accessibleName().endswith("pill")]
    assert pills == ["Baclofen: blue round pill"] * 4 + ["Tizanidine: orange square pill"]


def test_the_week_cell_by_cell(view: SummaryView) -> None:
    table = view.week.table
    assert table.accessibleName() == "Doses of the last 7 days, by time of day and day"
    assert [table.horizontalHeaderItem(c).text() for c in range(8)] == [
        "Dose", "Fri 20", "Sat 21", "Sun 22", "Mon 23", "Tue 24", "Wed 25", "Today"]
    assert table.horizontalHeaderItem(7).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Thu 26 Nov 2026")
    dose = table.item(3, 0)
    assert dose.text() == "Baclofen 17:00" and isinstance(dose.icon(), QIcon)
    assert not dose.icon().isNull()
    assert dose.data(Qt.ItemDataRole.AccessibleTextRole) == "Baclofen 17:00 dose, blue round pill"
    assert [table.item(r, 0).text() for r in range(5)] == [
        "Baclofen 08:00", "Baclofen 11:00", "Baclofen 14:00", "Baclofen 17:00",
        "Tizanidine 22:00"]
    assert [table.item(1, c).text() for c in range(1, 8)] == ["", "", "", "✗", "✗", "✓", "!"]
    assert [table.item(0, c).text() for c in range(4, 8)] == ["–", "✗", "✓", "✓"]
    assert table.item(4, 7).text() == "·"
    said = [table.item(3, c).data(Qt.ItemDataRole.AccessibleTextRole) for c in (1, 7)]
    assert said == ["Baclofen 17:00 dose, Fri 20 Nov 2026: no dose planned",
                    "Baclofen 17:00 dose, Thu 26 Nov 2026: missed"]
    assert table.item(3, 7).toolTip() == said[1]
    assert view.week.legend.text() == LEGEND
    assert LEGEND.startswith("✓ taken   ! taken late   – skipped   ✗ missed   · not yet due")
    assert table.verticalScrollBar().maximum() == 0  # the grid never scrolls: the page does


def test_symptoms_and_events_of_the_week(view: SummaryView) -> None:
    rows = view.symptoms.rows
    assert [r.text() for r in rows] == ["4 / 10", "2 / 10"]
    assert [r.accessibleName() for r in rows] == [
        "Spasticity: 4 out of 10, today 20:30; this week 4–6, 2 ratings",
        "Drowsiness: 2 out of 10, Wed 25 Nov 20:30; this week 2, 1 rating"]
    assert [line.text() for line in view.events.lines] == [
        "Tue 24 Nov 10:00 — Fall: Slipped in the hall"]
