"""Every write the window makes to the diary, with its undo step: one module per noun (doses,
ratings, events, medications, plans, symptoms, settings, imports) over the one undo stack
(`stack`). A dose goes through its safety verdict (`doses`); a change of plan through the
domain's rule for a dose cut, asked by the dialog that makes it. Views call `edits.add_event(...)`
and the like; Edit > Undo and Redo call `edits.undo_last` and `edits.redo_next`.
"""

from __future__ import annotations

from diary.ui.edits.doses import (
    Answered,
    DoseQuestion,
    add_dose,
    ask_about_dose,
    confirm_and_write,
    delete_intake,
    dose_question,
    edit_dose,
)
from diary.ui.edits.events import (
    add_event,
    delete_event,
    edit_event,
    restore_event,
)
from diary.ui.edits.imports import (
    import_entries,
)
from diary.ui.edits.medications import (
    add_medication,
    archive_medication,
    edit_medication,
)
from diary.ui.edits.plans import (
    add_plan_steps,
    change_plan_steps,
    delete_plan_steps,
    edit_plan_step,
)
from diary.ui.edits.ratings import (
    add_ratings,
    delete_rating,
    edit_rating,
    restore_rating,
)
from diary.ui.edits.settings import (
    update_info,
)
from diary.ui.edits.stack import (
    STORE_ERRORS,
    StoreCommand,
    error_text,
    is_refusal,
    redo_next,
    row_id,
    run,
    undo_last,
)
from diary.ui.edits.symptoms import (
    add_symptom,
    archive_symptom,
    rename_symptom,
    reorder_symptoms,
)

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
