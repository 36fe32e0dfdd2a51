"""``kh list`` as plain lines: the table a pipe gets, and a terminal too when there are more
rows than rich lays out quickly (10^5 rows stream in a fraction of a second). Column widths
come from the data and the width given; the layout does not depend on rich's version. The
goldens of `kh list` in a pipe test it exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..core.model import Plan, Row
from ..words.i18n import label
from ..words.text import safe
from .render import NARROW, TINY, due_cell, lead_cell, status_cell


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


def member_blocks(rows: list[Row], plan: Plan, lang: str, width: int, today: date) -> Iterator[str]:
    """``kh list --members`` as a terminal reads it: the rows of tasks owed by one body as the
    usual table, then for each occurrence of a task owed by each member its title once and its
    members in a table (member, status, day, evidence): 34 Sở GDĐT in 34 lines, not a title
    repeated 34 times."""
    from ..core.members import member_name
    from .layout import Column, widths
    from .render import done_day

    own = [r for r in rows if r.occurrence.member is None]
    if own:
        yield from rows_lines(own, plan, lang, width, today)
    blocks: dict[tuple[str, int | None], list[Row]] = {}
    for row in rows:
        if row.occurrence.member is not None:
            blocks.setdefault((row.task.id, row.occurrence.year), []).append(row)
    for (task_id, year), group in blocks.items():
        first = group[0]
        late = sum(not r.status.done for r in group)
        head = f"{task_id} ({year})" if year else task_id
        if own or (task_id, year) != next(iter(blocks)):
            yield "\n"  # a blank line between blocks
        yield from (line + "\n" for line in wrap(safe(f"{head} · {first.task.title}"), width))
        counted = label("members_not_done", lang, n=late, total=len(group))
        yield from (line + "\n" for line in wrap(f"{label('due', lang)} {due_cell(first, lang)} · {counted}", width))
        day = first.occurrence.written or first.occurrence.due
        cells = []
        for r in group:
            c = r.occurrence.completion if r.status.done else None
            name = safe(member_name(plan, r.task, r.occurrence.member or "", today, day))
            cells.append([name, status_cell(r, lang), done_day(c, lang) if c else "", safe(c.evidence) if c else ""])
        columns = [
            Column(label("member", lang), [c[0] for c in cells], "k"),  # the names first: they are scanned
            Column(label("status", lang), [c[1] for c in cells], "k"),
            Column(label("done_on", lang), [c[2] for c in cells], "k", drop=2),
            Column(label("evidence", lang), [c[3] for c in cells], "t", drop=1),
        ]
        if not any(c[2] for c in cells):  # nobody has done it: the room goes to the names
            columns, cells = columns[:2], [c[:2] for c in cells]
        sizes = widths(columns, width)
        yield _table_row([c.header for c in columns], sizes)
        yield "─" * min(width, sum(w or 0 for w in sizes) + 2 * (sum(1 for w in sizes if w) - 1)) + "\n"
        yield "".join(_table_row(c, sizes) for c in cells)


def _table_row(values: list[str], sizes: list[int | None]) -> str:
    """One row's lines: each value wrapped to its column's width (None: the column left out)."""
    kept = [i for i, w in enumerate(sizes) if w]
    wrapped = {i: wrap(values[i], sizes[i] or 1) for i in kept}
    height = max(len(v) for v in wrapped.values())
    out = []
    for n in range(height):
        parts = [(wrapped[i][n] if n < len(wrapped[i]) else "").ljust(sizes[i] or 0) for i in kept]
        out.append("  ".join(parts).rstrip() + "\n")
    return "".join(out)
