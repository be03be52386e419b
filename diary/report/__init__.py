"""The appointment report: a model of what the clinician reads, laid out and written as a PDF.

Enter through `diary.report.build` (`build_report`, then `render_report`), which the command line
and the window import only when a report is made: it loads matplotlib. The rest holds what the
report decides (facts, ranges, summary, table, charts) and how it writes it (wording, layout,
pages).
"""
