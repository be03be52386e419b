"""What tests share across folders (the issue-16 home for clocks, Qt helpers and the dialog
answers; more moves here as the tests are regrouped)."""
