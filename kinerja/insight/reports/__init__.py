"""The agency performance report (issue 7): a periodic report of an agency or one unit's
subtree — a PDF with charts and tables, an XLSX with the data — made in the background with
its progress shown, and kept as a history.

`sections` computes the figures (from `insight.dashboard` and `insight.compliance`), `pdf` and
`workbook` write them, `services` asks for and makes a report, `selectors` reads the reports a
user may open, `views` serves the pages and the downloads.
"""
