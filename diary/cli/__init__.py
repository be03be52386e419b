"""The command line: one module per sub-command (`medication`, `plan`, `log`, `today`,
`history`, `symptom`, `backup`, `report`, `data` for export and import), the parser that wires
them (`parser`) and what they share (`common`). diary.app, the composition root, runs them.
"""
