"""The assistant's last page, "Take your first dose": the first dose the new plan expects, and
what Finish will save.

"I've taken it now" is the wizard's to handle (it saves the set-up, then logs the dose through
the Today view's own path, with the domain's verdict); the page only says what there is to take,
and when: due now, later today (taking it now is early, and the diary will ask), or tomorrow
(nothing to take yet: the button is not offered). Finish ("Later") saves without a dose.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from diary.domain.entities import Medication
from diary.domain.plans.steps import ScheduledDose
from diary.domain.stats import dose_instant
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.domain.wording import day_text
from diary.ui.assistant.layout import Page
from diary.ui.assistant.layout import assistant_font
from diary.ui.assistant.layout import page_button
from diary.ui.assistant.layout import wrapped

DOSE_SCALE = 1.2  # the dose to take, against the assistant's text


def when_text(dose: ScheduledDose, today: date) -> str:
    """'today at 14:00', 'tomorrow, Fri 27 Nov 2026, at 08:00'."""
    at = clock_text(dose.slot.time)
    day = dose.slot.day
    if day == today:
        return f"today at {at}"
    if day == today + timedelta(days=1):
        return f"tomorrow, {day_text(day)}, at {at}"
    return f"on {day_text(day)} at {at}"


def advice_text(dose: ScheduledDose, now: datetime, today: date, day_starts_at: time,
                window: timedelta) -> str:
    """What to do about the first dose at `now` (`window`: the diary's on-time window)."""
    at = clock_text(dose.slot.time)
    if dose.slot.day != today:
        return ("There is nothing to take today. The Today view shows this dose when its day "
                "comes; press Finish.")
    zone = now.tzinfo
    assert zone is not None
    if dose_instant(dose, day_starts_at, zone) - window > now:
        return (f"It is due at {at}: take it then, and tick it off in the Today view. If you "
                "have just taken it, press “I've taken it now”: the diary will ask, as it is "
                "early. Or press Later to finish.")
    return (f"When you have taken it, press “I've taken it now”: the diary records it as this "
            f"{at} dose. Or press Later, and tick it off in the Today view.")


class FirstDosePage(Page):
    """`show_plan(...)` before it shows; `take` is the button the wizard answers; `say(text)`
    shows what became of the dose."""

    def __init__(self) -> None:
        super().__init__("Take your first dose", "")
        self.intro.hide()
        self.dose = wrapped("", "Your first dose")
        self.dose.setFont(assistant_font(DOSE_SCALE, bold=True))
        self.advice = wrapped("", "What to do")
        # Enter finishes (the focus starts on Finish); Tab to this button and Space or Enter
        # log the dose: only on purpose.
        self.take = page_button("I've &taken it now", "I've taken my first dose now")
        self.take.setAutoDefault(True)
        self._summary: list[str] = []
        self.outcome = wrapped("", "What became of the dose")
        self.outcome.hide()
        self.saves = wrapped("", "What Finish saves")
        self.body.addWidget(self.dose)
        self.body.addWidget(self.advice)
        self.add_button(self.take)
        self.body.addWidget(self.outcome)
        self.body.addWidget(self.saves)
        self.finish_body()

    def show_plan(self, med: Medication, dose: ScheduledDose | None, summary: list[str],
                  now: datetime, today: date, day_starts_at: time, window: timedelta) -> None:
        """The first dose of `med` (None: the plan expects none), and `summary`, what Finish
        saves."""
        self.outcome.hide()
        self.advice.show()
        if dose is None:
            self.dose.setText(f"{med.name}: the plan expects no dose in its first two days.")
            self.advice.setText("Press Finish to save it.")
            self.take.hide()
        else:
            self.dose.setText(f"{format_amount(dose.amount, med.unit)} of {med.name}, "
                              f"{when_text(dose, today)}.")
            self.advice.setText(advice_text(dose, now, today, day_starts_at, window))
            self.take.setVisible(dose.slot.day == today)
        self._summary = summary
        self._list_saves("Finish saves:")

    def _list_saves(self, heading: str,
                    undo: str = "Edit > Undo takes all of it back in one step.") -> None:
        self.saves.setText(f"{heading}\n" + "\n".join(f"• {line}" for line in self._summary)
                           + f"\n\n{undo}")

    def mark_saved(self) -> None:
        """The set-up is in the diary: the list says so."""
        self._list_saves("Saved:")

    def say(self, text: str, *, done: bool) -> None:
        """What became of the dose; `done` when it is in the diary (nothing more to take)."""
        self.outcome.setText(text)
        self.outcome.setAccessibleDescription(text)
        self.outcome.show()
        if done:
            self.take.hide()
            self.advice.hide()
            self._list_saves("Saved:", "Edit > Undo takes back the dose, then the whole set-up "
                             "in one more step.")
        self.body_scroll.ensureWidgetVisible(self.outcome)
