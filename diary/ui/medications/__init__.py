"""Medications and plans, and the symptoms to rate: the medication form, the plan section and
table, the plan step, titration and taper dialogs, the symptoms panel; `view` lays them out and
`wording` says how a plan reads."""
