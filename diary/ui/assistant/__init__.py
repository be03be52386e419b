"""The set-up assistant: a first-run wizard for a new diary. Four pages ask whose diary it is,
which medication (the known labels complete the name and fill the label's values), the plan (the
label's titration up to the prescriber's target, or the prescriber's own doses) and offer to log
the first dose. Finish writes it all as one undo step through diary/ui/edits/.

`should_offer(session, settings)` says whether it opens by itself (a writable diary with no
medication, not finished or skipped before); `open_assistant(parent, session, settings)` opens
it (Help > Set-up assistant… and the first start); `mark_done(settings, path)` remembers it was
finished or skipped for a diary.
"""

from diary.ui.assistant.offer import is_done
from diary.ui.assistant.offer import mark_done
from diary.ui.assistant.offer import should_offer
from diary.ui.assistant.wizard import AssistantWizard
from diary.ui.assistant.wizard import open_assistant

__all__ = ["AssistantWizard", "is_done", "mark_done", "open_assistant", "should_offer"]
