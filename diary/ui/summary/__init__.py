"""The summary: the day and the week at a glance, read-only, for a caregiver. `SummaryView(session)`
lays it out (`view`), refreshing itself on `session.changed`; `state` reads what it shows from the
store, with the domain's one rule for what became of each dose; `panels` are its four parts."""

from diary.ui.summary.view import SummaryView

__all__ = ["SummaryView"]
