"""The command line: one module per sub-command (`demo`, `log`, `medication`, `plan`, `symptom`,
`today`, `history`, `check`, `where`, `backup`, `restore`, `export`, `import_csv` for `import`,
`report`; `plan`, the one that needs two modules, is a folder), the parser that wires them
(`parser`) and what they share (`common`). diary.app, the composition root, runs them.
"""
