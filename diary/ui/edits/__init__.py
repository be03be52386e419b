"""Every write the window makes to the diary, with its undo step: one module per noun (doses,
ratings, events, medications, plans, symptoms, settings, imports) over the one undo stack
(`stack`). A dose goes through its safety verdict (`doses`); a change of plan through the
domain's rule for a dose cut, asked by the dialog that makes it. Views call `edits.add_event(...)`
and the like; Edit > Undo and Redo call `edits.undo_last` and `edits.redo_next`.
"""

from __future__ import annotations

from diary.ui.edits.doses import Answered
from diary.ui.edits.doses import DoseQuestion
from diary.ui.edits.doses import add_dose
from diary.ui.edits.doses import ask_about_dose
from diary.ui.edits.doses import confirm_and_write
from diary.ui.edits.doses import delete_intake
from diary.ui.edits.doses import dose_question
from diary.ui.edits.doses import edit_dose
from diary.ui.edits.events import add_event
from diary.ui.edits.events import delete_event
from diary.ui.edits.events import edit_event
from diary.ui.edits.events import restore_event
from diary.ui.edits.imports import import_entries
from diary.ui.edits.medications import add_medication
from diary.ui.edits.medications import archive_medication
from diary.ui.edits.medications import edit_medication
from diary.ui.edits.plans import add_plan_steps
from diary.ui.edits.plans import change_plan_steps
from diary.ui.edits.plans import delete_plan_steps
from diary.ui.edits.plans import edit_plan_step
from diary.ui.edits.ratings import add_ratings
from diary.ui.edits.ratings import delete_rating
from diary.ui.edits.ratings import edit_rating
from diary.ui.edits.ratings import restore_rating
from diary.ui.edits.settings import update_info
from diary.ui.edits.stack import STORE_ERRORS
from diary.ui.edits.stack import StoreCommand
from diary.ui.edits.stack import error_text
from diary.ui.edits.stack import is_refusal
from diary.ui.edits.stack import redo_next
from diary.ui.edits.stack import row_id
from diary.ui.edits.stack import run
from diary.ui.edits.stack import undo_last
from diary.ui.edits.symptoms import add_symptom
from diary.ui.edits.symptoms import archive_symptom
from diary.ui.edits.symptoms import rename_symptom
from diary.ui.edits.symptoms import reorder_symptoms

__all__ = [
    "STORE_ERRORS",
    "Answered",
    "DoseQuestion",
    "StoreCommand",
    "add_dose",
    "add_event",
    "add_medication",
    "add_plan_steps",
    "add_ratings",
    "add_symptom",
    "archive_medication",
    "archive_symptom",
    "ask_about_dose",
    "change_plan_steps",
    "confirm_and_write",
    "delete_event",
    "delete_intake",
    "delete_plan_steps",
    "delete_rating",
    "dose_question",
    "edit_dose",
    "edit_event",
    "edit_medication",
    "edit_plan_step",
    "edit_rating",
    "error_text",
    "import_entries",
    "is_refusal",
    "redo_next",
    "rename_symptom",
    "reorder_symptoms",
    "restore_event",
    "restore_rating",
    "row_id",
    "run",
    "undo_last",
    "update_info",
]
