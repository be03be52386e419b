"""The set-up assistant's window: four calm pages, large text, big buttons, one question each.

1. "Whose diary is this?" (person.py), 2. "Which medication?" (medication.py), 3. "Your plan"
(plan.py), 4. "Take your first dose" (first_dose.py). Enter goes on to the next page and, on the
last, finishes; Back goes back; Cancel (or Escape, or closing the window) leaves with nothing
written, and the assistant is offered again next time. "Skip the assistant" on the first page
leaves it for good (offer.mark_done).

Nothing is written before the last page: Finish ("Later") saves the set-up as one undo step
(apply.py), "I've taken it now" saves it and then logs the first dose. Once the set-up is saved
there is nothing to go back to: Back and Cancel go, and Finish closes.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from PySide6.QtWidgets import QWizard

from diary.domain.entities import Intake
from diary.ui import edits
from diary.ui.assistant.apply import Applied
from diary.ui.assistant.apply import apply_setup
from diary.ui.assistant.apply import take_first_dose
from diary.ui.assistant.first_dose import FirstDosePage
from diary.ui.assistant.layout import Page
from diary.ui.assistant.layout import assistant_font
from diary.ui.assistant.medication import MedicationPage
from diary.ui.assistant.offer import is_demo
from diary.ui.assistant.offer import mark_done
from diary.ui.assistant.person import PersonPage
from diary.ui.assistant.plan import PlanPage
from diary.ui.assistant.setup import SetUp
from diary.ui.assistant.setup import first_dose
from diary.ui.assistant.setup import plan_steps
from diary.ui.assistant.setup import preview
from diary.ui.assistant.setup import summary_lines
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from diary.ui.widgets.form_errors import report_save_error
from diary.ui.widgets.targets import large

PERSON, MEDICATION, PLAN, FIRST_DOSE = range(4)
WIDTH, HEIGHT = 960, 660  # wanted; never more than the screen has room for
Button = QWizard.WizardButton


class AssistantWizard(QWizard):
    """`applied` is what Finish wrote (None before), `dose` the first dose logged (or None)."""

    def __init__(self, session: DiarySession, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.applied: Applied | None = None
        self.dose: Intake | None = None
        self._setup: SetUp | None = None
        self.setWindowTitle("Set up your diary")
        self.setAccessibleName("Set-up assistant")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setFont(assistant_font())
        store = session.store
        self.person = PersonPage(store.info(), session.today())
        self.medication = MedicationPage(store.medications.all)
        self.plan = PlanPage(session)
        self.first = FirstDosePage()
        for page_id, page in ((PERSON, self.person), (MEDICATION, self.medication),
                              (PLAN, self.plan), (FIRST_DOSE, self.first)):
            self.setPage(page_id, page)
        for which, name in ((Button.BackButton, "Back to the page before"),
                            (Button.NextButton, "Next page"),
                            (Button.FinishButton, "Finish and save"),
                            (Button.CancelButton, "Cancel: save nothing")):
            button = self.button(which)
            large(button)
            button.setAccessibleName(name)
        self.person.skip.clicked.connect(self.skip)
        self.first.take.clicked.connect(self.take_first_dose)
        self.finished.connect(self._finished)
        self.currentIdChanged.connect(self._focus_page)
        dialogs.fit_to_screen(self, WIDTH, HEIGHT)

    # --- moving between pages -----------------------------------------------------------------
    def initializePage(self, page_id: int) -> None:
        if page_id == PLAN:
            self.plan.set_medication(self.medication.medication())
        elif page_id == FIRST_DOSE:
            self._show_first_dose()
        super().initializePage(page_id)

    def _focus_page(self, page_id: int) -> None:
        """The page's own field takes the focus (QWizard gives it to the first in the focus
        chain, just before); on the last page, Finish: Enter finishes, and a dose is logged
        only by pressing “I've taken it now” on purpose."""
        page = self.page(page_id)
        field = page.first_field() if isinstance(page, Page) else None
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page_id == FIRST_DOSE:
            self.button(Button.FinishButton).setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_first_dose(self) -> None:
        session = self.session
        info = self.person.info()
        setup = SetUp(info, self.medication.medication(), self.plan.choice())
        self._setup = setup
        now, today = session.now(), session.today()
        window = timedelta(minutes=info.on_time_window_minutes)
        steps = plan_steps(preview(setup.medication), setup.plan, now, info.day_starts_at)
        dose = first_dose(steps, info.day_starts_at, window)
        self.first.show_plan(setup.medication, dose,
                             summary_lines(session.store.info(), setup, steps, today), now,
                             today, info.day_starts_at, window)
        later = dose is not None and dose.slot.day == today
        self.setButtonText(Button.FinishButton, "&Later" if later else "&Finish")
        self.button(Button.FinishButton).setAccessibleName(
            "Later: save, and log the dose in Today" if later else "Finish and save")

    def validateCurrentPage(self) -> bool:
        """Next and Finish: the page's own check; on the last page, Finish saves the set-up
        (and stays, saying why, when the diary refuses)."""
        if not super().validateCurrentPage():
            return False
        return self.currentId() != FIRST_DOSE or self._apply() is not None

    # --- writing ------------------------------------------------------------------------------
    def _apply(self) -> Applied | None:
        """Save the set-up once (apply.py); None when the diary refused it (said on the page,
        or in a message for a failure of the file)."""
        if self.applied is not None:
            return self.applied
        assert self._setup is not None, "the last page shows what is saved"
        try:
            self.applied = apply_setup(self.session, self._setup)
        except edits.STORE_ERRORS as exc:
            report_save_error(self, self.first.error, "The set-up was not saved", exc)
            return None
        # Saved: there is no page to go back to, and Cancel would no longer take it back.
        self.first.mark_saved()
        self.setButtonLayout([Button.Stretch, Button.FinishButton])
        self.setButtonText(Button.FinishButton, "&Finish")
        self.button(Button.FinishButton).setAccessibleName("Finish: close the assistant")
        return self.applied

    def take_first_dose(self) -> None:
        """"I've taken it now": save the set-up if not yet, then log the first dose as taken
        now, through the Today view's path (the verdict, and its question when needed)."""
        applied = self._apply()
        if applied is None:
            return
        said: list[str] = []
        self.dose = take_first_dose(self, self.session, applied, said.append)
        self.first.say(said[-1] if said else "", done=self.dose is not None)
        if self.dose is not None:
            self.button(Button.FinishButton).setFocus(Qt.FocusReason.OtherFocusReason)

    # --- leaving ------------------------------------------------------------------------------
    def skip(self) -> None:
        """"Skip the assistant": never offered again for this diary; nothing is written."""
        self._remember()
        self.reject()

    def _finished(self, result: int) -> None:
        if result == QWizard.DialogCode.Accepted or self.applied is not None:
            self._remember()

    def _remember(self) -> None:
        if not is_demo(self.session):
            mark_done(self.settings, self.session.store.path)


def open_assistant(parent: QWidget | None, session: DiarySession,
                   settings: QSettings) -> AssistantWizard | None:
    """Show the assistant over `parent` (window-modal, deleted once closed) and return it; on a
    read-only diary say why it cannot run instead, and return None."""
    if session.read_only:
        dialogs.show_info(parent, "Set-up assistant",
                          "This diary is open read-only: the set-up assistant adds to a diary, "
                          "so it cannot run on this one.")
        return None
    wizard = AssistantWizard(session, settings, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
