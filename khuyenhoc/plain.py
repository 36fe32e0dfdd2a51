"""``kh list`` as plain lines: the table a pipe gets, and a terminal too when there are more
rows than rich lays out quickly (10^5 rows stream in a fraction of a second). Column widths
come from the data and the width given; the layout does not depend on rich's version. The
goldens of `kh list` in a pipe test it exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .i18n import label
from .model import Plan, Row
from .render import NARROW, TINY, due_cell, lead_cell, status_cell
from .text import safe


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap; a word longer than the width is cut. (textwrap is 4× slower, and this
    runs for every cell of up to 10^5 rows.)"""
    if len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def rows_lines(rows: list[Row], plan: Plan, lang: str, width: int, today: date) -> Iterator[str]:
    """The table of ``kh list`` as plain lines, yielded as they are made: what a pipe gets,
    and a terminal too when there are more rows than rich can lay out quickly.

    Column widths come from the data and the width given; no line is longer than the width
    unless the ids alone nearly fill it. The layout does not depend on rich's version.
    """
    narrow = width < NARROW
    tiny = width < TINY  # the lead goes under the title, in the same column
    heads = [label("id", lang), label("task", lang) if not tiny else f"{label('task', lang)} · {label('lead', lang)}"]
    heads += [] if tiny else [label("lead", lang)]
    heads += (
        [f"{label('due', lang)} · {label('status', lang)}"] if narrow else [label("due", lang), label("status", lang)]
    )
    # Large plans repeat units, dates and statuses: each distinct cell text is made once.
    tasks = [r.occurrence.task for r in rows]  # (Row.task is a property: read it once)
    # the lead cell depends on the task's units, the member, and a group's counts
    lead_keys = [(r.occurrence.task.lead, r.occurrence.task.moved, r.occurrence.member, r.group) for r in rows]
    leads = {k: safe(lead_cell(plan, r, today, lang)) for k, r in dict(zip(lead_keys, rows, strict=True)).items()}
    due_text = {k: due_cell(r, lang) for k, r in {(r.occurrence.due, r.occurrence.written): r for r in rows}.items()}
    status_text = {k: status_cell(r, lang) for k, r in {(r.status, r.days_overdue): r for r in rows}.items()}
    w_id = max([len(heads[0]), *(len(t.id) for t in {id(t): t for t in tasks}.values())])
    w_due = max(len(v) for v in due_text.values())
    w_status = max([len(heads[-1])] + [len(v) for v in status_text.values()])
    if narrow:
        w_status = min(max(w_status, w_due), max(10, width // 5))
        fixed = [w_status]
    else:
        fixed = [max(w_due, len(heads[3])), w_status]
    w_lead = 0 if tiny else min(max([len(heads[2])] + [len(v) for v in leads.values()]), max(12, width // 5))
    w_title = max(8, width - w_id - w_lead - sum(fixed) - 2 * (len(heads) - 1))
    widths = [w_id, w_title, *([] if tiny else [w_lead]), *fixed]
    w_due = widths[-2] if not narrow else w_status
    # the blank cell that fills a column down to the row's height ("" in the last column)
    fills = [" " * w for w in widths[:-1]] + [""]

    def render(cells: list[list[str]]) -> str:
        """One row's lines, every column but the last padded to its width (the joins run in C)."""
        height = max(map(len, cells))
        full = [c if len(c) == height else c + [fill] * (height - len(c)) for c, fill in zip(cells, fills, strict=True)]
        return "".join([line.rstrip() + "\n" for line in map("  ".join, zip(*full, strict=True))])

    wrapped: dict[tuple[str, int], list[str]] = {}

    def cell(text: str, w: int) -> list[str]:
        """The text wrapped to w and each line padded to w (made once per distinct text)."""
        if (lines := wrapped.get((text, w))) is None:
            lines = wrapped[(text, w)] = [line.ljust(w) for line in wrap(text, w)]
        return lines

    yield render([cell(h, w) for h, w in zip(heads, widths, strict=True)])
    yield "─" * min(width, sum(widths) + 2 * (len(widths) - 1)) + "\n"
    chunk: list[str] = []
    for row, task, lead_key in zip(rows, tasks, lead_keys, strict=True):
        occ = row.occurrence
        d = due_text[(occ.due, occ.written)]
        s = status_text[(row.status, row.days_overdue)]
        if tiny:
            cells = [
                [safe(task.id).ljust(w_id)],
                cell(safe(task.title), w_title) + cell("→ " + leads[lead_key], w_title),
            ]
        else:
            cells = [
                [safe(task.id).ljust(w_id)],
                cell(safe(task.title), w_title),
                cell(leads[lead_key], w_lead),
            ]
        if narrow:
            cells.append([*cell(d, w_status), *cell(s, w_status)])
        else:
            cells += [cell(d, w_due), cell(s, w_status)]
        chunk.append(render(cells))
        if len(chunk) >= 500:  # stream: a few hundred rows at a time
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)
