"""CSV files in and out, side by side: `exporting` writes the diary as six files, `importing`
reads doses, ratings and events from this program's files or another app's, all or nothing.

The rest serves the import: how a file is read (`source`, `cells`), what its columns mean
(`mapping`), the values and rows it holds (`values`, `rows`), the names it gives (`names`) and the
settings files beside it (`settings`).
"""
