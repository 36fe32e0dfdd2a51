"""Outputs, one module per kind: terminal tables, Markdown, CSV and the JSON contract, the
report, the agenda, iCalendar, Excel workbooks; office/ for Word documents and letters. They
read a plan and write only the files asked for (-o), never the plan's."""
