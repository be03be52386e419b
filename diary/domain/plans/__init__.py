"""The plan as dated steps: which doses a day expects (`steps`), the label's titration laid over
the dose in force (`titration`), the taper rules (`taper`), the one rule for a change of plan
that lowers the dose of a medication that needs a taper (`changes`), and what became of each dose
a day expected: taken, taken late, skipped, missed or not yet due (`answers`)."""
