"""The first page, meant to be read in a minute: who and when, the taper warning if any, the plan
and its changes, the doses (adherence, mean daily amounts, days over a maximum, missed doses), the
symptoms against their baseline, then events and notes. Long lists are cut to their most recent
entries (the daily log has them all); what does not fit goes on over the next page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from diary.charts.before_after import change_text
from diary.domain.baseline import baseline_text
from diary.domain.baseline import period_text
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.stats import RESPONDER_THRESHOLD
from diary.domain.units import format_amount
from diary.domain.wording import day_text
from diary.domain.wording import plural
from diary.domain.wording import short_day
from diary.report.facts import DoseFacts
from diary.report.facts import Facts
from diary.report.facts import MedicationAdherence
from diary.report.facts import PlanChange
from diary.report.facts import SymptomFacts
from diary.report.layout import Block
from diary.report.layout import Box
from diary.report.layout import Column
from diary.report.layout import Item
from diary.report.layout import Rule
from diary.report.layout import Text
from diary.report.layout import clip
from diary.report.layout import kept
from diary.report.layout import kept_together
from diary.report.layout import line_height
from diary.report.layout import lines_block
from diary.report.layout import paragraph
from diary.report.layout import spacer
from diary.report.layout import table
from diary.report.layout import wrap
from diary.report.model import Frame
from diary.report.model import Report
from diary.report.model import frame_for
from diary.report.wording import brief_dosing
from diary.report.wording import dosing
from diary.report.wording import mean_amount
from diary.report.wording import moment_text
from diary.report.wording import per_day
from diary.report.wording import score

TITLE = 16.0
SUBTITLE = 10.5
HEADING = 11.5
BODY = 9.0
SMALL = 7.5
WARNING_FILL = "#FBE3D6"
WARNING_EDGE = "#D55E00"
GREY_TEXT = "#444444"

MAX_OVER_DAYS = 10
MAX_MISSED = 5


@dataclass(frozen=True)
class Limits:
    """How many of the most recent events and notes page 1 lists (every change of dose is
    listed, whatever their number)."""

    events: int
    notes: int


# While the summary would not fit on one page, the notes are cut shorter, then the events.
LIMITS = (Limits(8, 6), Limits(8, 4), Limits(6, 3), Limits(4, 3), Limits(3, 2))


def summary_blocks(report: Report, frame: Frame, limits: Limits = LIMITS[0]) -> list[Block]:
    x, width = frame.margin, frame.content_width
    return [
        *_head(report, x, width),
        *_warnings(report, x, width),
        *_plan(report, x, width),
        *_doses(report, x, width),
        *_symptoms(report, x, width),
        *_events_and_notes(report, x, width, limits),
    ]


CONTINUED_SIZE = 12.0
CONTINUED_HEIGHT = line_height(CONTINUED_SIZE) + line_height(BODY) + 0.12


def continued_blocks(report: Report, frame: Frame, number: int) -> list[Block]:
    """The heading of summary page `number` after the first: the title, whose report it is and
    its days, so that a loose page still says what it is; CONTINUED_HEIGHT tall."""
    x, width = frame.margin, frame.content_width
    title = line_height(CONTINUED_SIZE)
    who = clip(f"{report.person} · Diary days {day_text(report.start)} to "
               f"{day_text(report.end)}", width, BODY)
    step = line_height(BODY)
    return [Block(CONTINUED_HEIGHT, (
        Text(x, title * 0.78, f"Medication diary report (continued, page {number})",
             CONTINUED_SIZE, bold=True),
        Text(x, title + step * 0.78, who, BODY, color=GREY_TEXT),
        Rule(x, x + width, title + step + 0.05, 0.5, "#999999"),
    ))]


def _heading(text: str, x: float, width: float) -> list[Block]:
    step = line_height(HEADING)
    return [spacer(0.12), Block(step + 0.06, (Text(x, step * 0.8, text, HEADING, bold=True),
                                              Rule(x, x + width, step + 0.02, 0.8, "#555555")),
                                keeps_with_next=True)]


def _head(report: Report, x: float, width: float) -> list[Block]:
    info = report.info
    born = f", born {short_day(info.birth_date)}" if info.birth_date else ""
    days = plural(report.days, "day")
    return [
        *lines_block(["Medication diary report"], x, TITLE, bold=True),
        spacer(0.04),
        *paragraph(f"{report.person}{born}", x, width, SUBTITLE, bold=True),
        *paragraph(f"Diary days {day_text(report.start)} to {day_text(report.end)} ({days}; "
                   f"a diary day starts at {info.day_starts_at:%H:%M})", x, width, BODY),
    ]


def _warnings(report: Report, x: float, width: float) -> list[Block]:
    findings = report.facts.warnings
    if not findings:
        return []
    pad = 0.08
    step = line_height(BODY)
    lines: list[tuple[str, bool]] = [("⚠ Warning", True)]
    for finding in findings:
        lines += [(line, False) for line in wrap(finding.message, width - 2 * pad, BODY)]
    height = len(lines) * step + 2 * pad
    items: list[Item] = [Box(x, 0.0, width, height, WARNING_FILL, WARNING_EDGE)]
    items += [Text(x + pad, pad + step * (n + 0.78), text, BODY, bold)
              for n, (text, bold) in enumerate(lines)]
    return [spacer(0.1), Block(height, tuple(items))]


# --- the plan -----------------------------------------------------------------------------------
def _plan(report: Report, x: float, width: float) -> list[Block]:
    facts = report.facts
    blocks = _heading("Plan", x, width)
    if facts.in_force:
        columns = [Column("Medication", width * 0.2),
                   Column(f"In force on {day_text(report.end)}", width * 0.46),
                   Column("Per day", width * 0.14),
                   Column("Maximum a day", width * 0.2)]
        rows = [[f.medication.name, "no plan step" if f.step is None
                 else dosing(f.step, f.medication), per_day(f.step, f.medication),
                 "—" if f.medication.max_daily is None
                 else format_amount(f.medication.max_daily, f.medication.unit)]
                for f in facts.in_force]
        blocks += table(columns, rows, x, BODY)
    else:
        blocks += paragraph("No medication has a plan step or a dose in this range.", x, width,
                            BODY)
    blocks.append(spacer(0.06))
    if not facts.changes:
        return [*blocks, *paragraph("No change of dose in this range.", x, width, BODY)]
    blocks += paragraph(f"Changes of dose in this range ({len(facts.changes)}):", x, width,
                        BODY, bold=True)
    for change in facts.changes:
        blocks += paragraph(f"{day_text(change.day)}   {change_text_of(change)}", x, width, BODY,
                            hanging=0.25)
    return blocks


def compact_day(day: date, report: Report) -> str:
    """'12 Oct' in a range within one year, '12 Oct 2026' otherwise."""
    return f"{day.day} {day:%b}" if report.start.year == report.end.year else short_day(day)


def change_text_of(change: PlanChange) -> str:
    """'Baclofen: 5 mg three times a day = 15 mg/day → 10 mg three times a day = 30 mg/day'."""
    med = change.medication
    if change.before is None and change.after is not None:
        return f"{med.name} starts: {brief_dosing(change.after, med)}"
    if change.after is None and change.before is not None:
        return f"{med.name}: the plan ends (it was {brief_dosing(change.before, med)})"
    assert change.before is not None and change.after is not None
    return f"{med.name}: {brief_dosing(change.before, med)} → {brief_dosing(change.after, med)}"


# --- doses --------------------------------------------------------------------------------------
def _doses(report: Report, x: float, width: float) -> list[Block]:
    facts = report.facts
    blocks = _heading("Doses", x, width)
    window = report.info.on_time_window_minutes
    if not facts.adherence:
        blocks += paragraph("No doses were scheduled in this range (no plan step with dose "
                            "times).", x, width, BODY)
    for item in facts.adherence:
        blocks += paragraph(adherence_text(item, window), x, width, BODY, hanging=0.25)
    if facts.doses:
        blocks.append(spacer(0.06))
        recent = period_text(report.recent)
        columns = [Column("Medication", width * 0.18),
                   Column("Mean a day¹", width * 0.14, "right"),
                   Column("Recent²", width * 0.14, "right"),
                   Column("Days with a dose", width * 0.13, "right"),
                   Column("Days over the maximum a day", width * 0.41)]
        lists = [line for dose in facts.doses if dose.over_max
                 for line in paragraph(over_max_text(dose, report), x, width, BODY, bold=True,
                                       color=WARNING_EDGE, hanging=0.25)]
        # The table and the lists of days over a maximum under it go on one page together, so
        # that the table's "(below)" is true; when together they would not fit on a page, the
        # table says where the lists are in words true wherever the page breaks.
        rows_of = table(columns, [_dose_row(d, report, LISTED_BELOW) for d in facts.doses],
                        x, BODY)
        if lists and sum(b.height for b in (*rows_of, *lists)) > page_room(frame_of(report)):
            rows_of = table(columns, [_dose_row(d, report, LISTED_AFTER) for d in facts.doses],
                            x, BODY)
        if lists:
            blocks += [*kept_together(rows_of), *kept_together(lists[:-1]), lists[-1]]
        else:
            blocks += rows_of
        blocks += paragraph(dose_note(report, recent), x, width, SMALL, color=GREY_TEXT)
    blocks.append(spacer(0.04))
    blocks += paragraph(missed_text(facts), x, width, BODY, hanging=0.25)
    return blocks


def adherence_text(item: MedicationAdherence, window: int) -> str:
    s = item.summary
    name = item.medication.name
    if s.due == 0:
        text = f"{name}: no scheduled dose was due yet."
    else:
        percent = s.percent_taken or 0.0
        text = (f"{name}: {s.taken} of {s.due} scheduled doses taken ({percent:.1f}%): "
                f"{s.on_time} on time (within ±{window} min), {s.early + s.late} early or "
                f"late; {s.missed} missed, {s.skipped} skipped.")
    if s.pending:
        text += f" {plural(s.pending, 'dose')} not yet due."
    return text


LISTED_BELOW = "(below)"
LISTED_AFTER = "(listed after this table)"


def page_room(frame: Frame) -> float:
    """The height a summary page after the first has for text, below its heading."""
    return frame.bottom - frame.top - CONTINUED_HEIGHT


def frame_of(report: Report) -> Frame:
    return frame_for(report.paper)


def _dose_row(facts: DoseFacts, report: Report, listed: str = LISTED_BELOW) -> list[str]:
    med = facts.medication
    if med.max_daily is None:
        over = "no maximum set"
    elif not facts.over_max:
        over = f"none (maximum {kept(format_amount(med.max_daily, med.unit))})"
    else:
        over = (f"{plural(len(facts.over_max), 'day')} over "
                f"{kept(format_amount(med.max_daily, med.unit))} {listed}")
    return [med.name, mean_amount(facts.mean_daily, med), mean_amount(facts.recent_mean, med),
            f"{facts.days_taken} of {facts.days}", over]


def dose_note(report: Report, recent: str) -> str:
    """The footnote of the doses table: which days the means count."""
    today = report.facts.under_way
    counted = report.facts.doses[0].days if report.facts.doses else report.days
    if today is None:
        days = f"over all {report.days} days of the range"
        left_out = ""
    elif counted == report.days:  # today is the range's only day
        days = f"over today, {day_text(today)}, so far: the day is still under way"
        left_out = ""
    else:
        days = f"over the {counted} days of the range that are over"
        left_out = (f" Today, {day_text(today)}, is still under way (doses may yet be due or "
                    "taken): it is left out of the means and the days with a dose")
        left_out += (", and its doses so far are in the daily log." if report.sections.appendix
                     else ".")
    return (f"¹ The mean of the daily totals {days}; a day without a dose counts as 0."
            f"{left_out}  ² The same over the recent period, {recent}, on which the symptoms "
            "are compared.")


def over_max_text(facts: DoseFacts, report: Report) -> str:
    """'⚠ Baclofen was over its 80 mg maximum a day on 2 days: 9 Oct 90 mg; 20 Oct 90 mg.'"""
    med = facts.medication
    assert med.max_daily is not None
    listed = "; ".join(f"{kept(compact_day(day, report))} {kept(format_amount(total, med.unit))}"
                       for day, total in facts.over_max[:MAX_OVER_DAYS])
    more = len(facts.over_max) - MAX_OVER_DAYS
    where = "the daily log" if report.sections.appendix else "the diary"
    tail = f"; and {plural(more, 'day')} more (in {where})" if more > 0 else ""
    return (f"⚠ {med.name} was over its {format_amount(med.max_daily, med.unit)} maximum a "
            f"day on {plural(len(facts.over_max), 'day')}: {listed}{tail}.")


def missed_text(facts: Facts) -> str:
    if not facts.missed:
        return "Missed doses: none."
    shown = facts.missed[:MAX_MISSED]
    listed = "; ".join(
        f"{kept(day_text(m.slot.day))} {m.slot.time:%H:%M} {m.medication.name} "
        f"{kept(format_amount(m.amount, m.medication.unit))}" for m in shown)
    which = "the most recent" if len(shown) == 1 else f"the {len(shown)} most recent"
    return f"Missed doses: {len(facts.missed)}; {which}: {listed}."


# --- symptoms -----------------------------------------------------------------------------------
def _symptoms(report: Report, x: float, width: float) -> list[Block]:
    facts = report.facts
    blocks = _heading("Symptoms", x, width)
    if facts.responder is not None:
        blocks += paragraph(responder_text(facts.responder, report), x, width, BODY, bold=True)
        blocks.append(spacer(0.05))
    if not facts.symptoms:
        blocks += paragraph("No symptom was rated in this range.", x, width, BODY)
        return blocks
    columns = [Column("Symptom (scale)", width * 0.18),
               Column("Days rated", width * 0.08, "right"),
               Column("Mean¹", width * 0.08, "right"),
               Column("Baseline → recent", width * 0.19),
               Column("Worst days (highest rating)", width * 0.47)]
    blocks += table(columns, [_symptom_row(s, report) for s in facts.symptoms], x, BODY)
    note = (f"¹ The mean of the daily mean ratings (each day counts once). Baseline: "
            f"{baseline_text(report.comparison)}; recent: {period_text(report.recent)}, as in "
            "the before-and-after chart.")
    if facts.unrated:
        note += f" Not rated in this range: {', '.join(s.name for s in facts.unrated)}."
    blocks += paragraph(note, x, width, SMALL, color=GREY_TEXT)
    return blocks


def responder_text(facts: SymptomFacts, report: Report) -> str:
    name = facts.symptom.name
    change = facts.change
    if change is None:
        return (f"{name}: too few ratings to compare the baseline "
                f"({baseline_text(report.comparison)}) with the recent days "
                f"({period_text(report.recent)}).")
    compared = (f"{name}: {score(change.baseline_mean)} at baseline "
                f"({baseline_text(report.comparison)}), {score(change.recent_mean)} in the recent "
                f"days ({period_text(report.recent)})")
    if change.percent_change is None:
        return f"{compared}: the baseline is 0, so there is no change in percent."
    reached = "is reached" if change.responder else "is not reached"
    return (f"{compared}: {change_text(change)}. The responder threshold, a "
            f"{RESPONDER_THRESHOLD:.0%} fall from baseline, {reached}.")


def _symptom_row(facts: SymptomFacts, report: Report) -> list[str]:
    symptom = facts.symptom
    change = facts.change
    compared = ("too few ratings" if change is None else
                f"{score(change.baseline_mean)} → {score(change.recent_mean)}, "
                f"{change_text(change)}")
    worst = "; ".join(kept(f"{value} on {compact_day(day, report)}")
                      for day, value in facts.worst)
    return [f"{symptom.name} (0–{symptom.scale_max})", str(facts.days_rated), score(facts.mean),
            compared, worst]


# --- events and notes ---------------------------------------------------------------------------
def _events_and_notes(report: Report, x: float, width: float, limits: Limits) -> list[Block]:
    facts = report.facts
    blocks = _heading("Events and notes", x, width)
    where = "the daily log" if report.sections.appendix else "the diary"
    events = facts.events[-limits.events:]
    if not events:
        blocks += paragraph("No events in this range.", x, width, BODY)
    else:
        earlier = len(facts.events) - len(events)
        title = f"Events ({len(facts.events)}"
        title += f"; the {len(events)} most recent, the others are in {where}):" \
            if earlier else "):"
        blocks += paragraph(title, x, width, BODY, bold=True)
        for event in events:
            blocks += paragraph(f"{moment_text(event.at)}   {EVENT_KIND_LABELS[event.kind]}: "
                                f"{' '.join(event.text.split())}", x, width, BODY, hanging=0.25)
    blocks.append(spacer(0.06))
    notes = facts.notes[:limits.notes]
    if not notes:
        return [*blocks, *paragraph("No notes with doses or ratings in this range.", x, width,
                                    BODY)]
    more = len(facts.notes) - len(notes)
    title = f"Notes with doses and ratings ({len(facts.notes)}"
    title += f"; the {len(notes)} most recent, the others are in {where}):" if more \
        else "):"
    blocks += paragraph(title, x, width, BODY, bold=True)
    for note in notes:
        blocks += paragraph(f"{moment_text(note.at)}   {note.about}: "
                            f"{' '.join(note.text.split())}", x, width, BODY, hanging=0.25)
    return blocks
