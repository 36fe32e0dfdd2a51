"""Turn rows, tasks and units into JSON, CSV, Markdown or rich renderables.

Rendering returns; only the CLI prints. rich is imported only by the functions that build
terminal tables, so the JSON, CSV and Markdown paths never pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..core import succession
from ..core.model import Completion, Plan, Row, Status, Task
from ..core.status import Tally, implemented_by, occurrences, status_of, tally, unit_counts
from ..words.i18n import format_date, label
from ..words.text import md_cell, safe
from .charts import STATUS_COLOURS

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

# A status's colour on a terminal is its colour in every chart (rich brings it down to what the
# terminal shows); overdue in bold as well.
STATUS_STYLE = {s: ("bold " if s is Status.OVERDUE else "") + colour for s, colour in STATUS_COLOURS.items()}

# -- JSON (a contract for scripts: extend, never rename or drop) -----------------------------


CSV_FIELDS = (
    "id", "title", "lead", "partners", "due", "due_text", "occurrence", "status",
    "done_on", "source_document", "source_ref", "days_overdue", "due_written", "member",
)  # fmt: skip


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """A CSV cell from the data: inert text (:func:`safe`), and never a formula: a spreadsheet
    runs a cell that starts with = + - @ (after spaces, tabs or CRs too), so such a cell starts with
    an apostrophe, which spreadsheets show as text (OWASP, "CSV Injection")."""
    text = safe(text)
    return "'" + text if text.lstrip().startswith(_FORMULA_START) else text


def rows_csv(rows: Iterable[Row]) -> Iterable[str]:
    """CSV lines (lists joined with ';'), yielded a few hundred at a time so long output streams.

    The text fields of a task are quoted once by the csv module; the fields that change from
    row to row (dates, the year, the status, numbers) never need quoting.
    """
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="")

    def quoted(*values: str) -> str:
        buf.seek(0)
        buf.truncate()
        writer.writerow(values)
        return buf.getvalue()

    yield quoted(*CSV_FIELDS) + "\n"
    texts: dict[int, tuple[str, str, str]] = {}  # per task: a yearly task has many rows
    values = {status: status.value for status in Status}
    days: dict[date | None, str] = {None: ""}
    chunk: list[str] = []
    for row in rows:
        task, occ = row.task, row.occurrence
        if (cached := texts.get(id(task))) is None:
            cached = texts[id(task)] = (
                quoted(cell(task.id), cell(task.title), cell(";".join(task.lead)), cell(";".join(task.partners))),
                quoted(cell(task.due_text or "")),
                quoted(cell(task.document), cell(task.ref)),
            )
        head, due_text, source = cached
        due, written = occ.due, occ.written or occ.due
        if due not in days:
            days[due] = due.isoformat()  # type: ignore[union-attr]
        if written not in days:
            days[written] = written.isoformat()  # type: ignore[union-attr]
        done = occ.completion.on.isoformat() if row.status.done and occ.completion else ""
        chunk.append(
            f"{head},{days[due]},{due_text},{occ.year or ''},{values[row.status]},{done},{source},"
            f"{row.days_overdue},{days[written]},{occ.member or ''}\n"
        )
        if len(chunk) >= 500:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


# -- shared cell texts -------------------------------------------------------------------------


def unit_names(plan: Plan, ids: Iterable[str], as_of: date, task: Task | None = None) -> str:
    """Short names, with their successor on ``as_of``: "Vụ GDTX → Cục GDNN và GDTX"."""
    return succession.unit_names(plan, ids, as_of, task)


def lead_cell(plan: Plan, row: Row, as_of: date, lang: str) -> str:
    """Who must act on a row: the lead units, or the member owing it ("Sở GDĐT Hà Nội"), or,
    for a line standing for the members, how many have not done it ("Sở GDĐT · 21/34 chưa
    hoàn thành")."""
    task, occ = row.occurrence.task, row.occurrence
    if occ.member is not None:
        from ..core.members import member_name

        return member_name(plan, task, occ.member, as_of, occ.written or occ.due)
    names = unit_names(plan, task.lead, as_of, task)
    if row.group is not None:
        return f"{names} · " + label("members_not_done", lang, n=row.group[0], total=row.group[1])
    return names


def partner_names(plan: Plan, task: Task, as_of: date) -> str:
    """The partners as shown on ``as_of`` (see :func:`succession.partners_now`), each with the
    role the text states for it: "Vụ GDĐH (chuẩn bị nội dung tổng kết …)"."""
    names = []
    for unit_id in succession.partners_now(plan, task, as_of):
        name = succession.unit_name(plan, unit_id, as_of, task)
        role = task.partner_roles.get(unit_id)
        names.append(f"{name} ({role})" if role else name)
    return ", ".join(names)


def evidence_text(c: Completion) -> str:
    """A completion's evidence, with its source when it has one: "Báo cáo số 12 (sổ đến, dòng 3)"."""
    return c.evidence + (f" ({c.source})" if c.source else "")


def done_day(c: Completion, lang: str) -> str:
    """The day of a completion; "chậm nhất 30/07/2021" when the evidence gives only a bound."""
    day = format_date(c.on, lang)
    return day if c.exact else label("no_later_than", lang, date=day)


def due_cell(row: Row, lang: str) -> str:
    """The due day; "30/04/2022 → 03/05/2022" when it moved to a working day."""
    due, written = row.occurrence.due, row.occurrence.written
    if due is None:
        return label("standing", lang)
    return f"{format_date(written, lang)} → {format_date(due, lang)}" if written else format_date(due, lang)


def status_cell(row: Row, lang: str) -> str:
    text = label(row.status.value, lang)
    if row.status is Status.OVERDUE:
        text += " (" + label("days_late", lang, n=row.days_overdue) + ")"
    return text


# -- Markdown ----------------------------------------------------------------------------------


def count_text(counted: Tally, lang: str) -> str:
    """ "12 nhiệm vụ, trong đó 2 giao cho từng thành viên: 72 lượt": tasks and members' shares
    apart, in the same words wherever kh counts."""
    if not counted.per_member:
        return label("count", lang, n=counted.tasks)
    return label("count_members", lang, n=counted.tasks, k=counted.per_member, m=counted.shares)


def rows_markdown(rows: list[Row], plan: Plan, today: date, lang: str, counted: Tally | None = None) -> str:
    cols = [label(k, lang) for k in ("id", "task", "lead", "due", "status")]
    lines = [
        f"*{label('as_of', lang, date=format_date(today, lang))}*",
        "",
        "| " + " | ".join(cols) + " |",
        "|" + "---|" * len(cols),
    ]
    for row in rows:
        cells = [
            row.task.id,
            row.task.title,
            lead_cell(plan, row, today, lang),
            due_cell(row, lang),
            status_cell(row, lang),
        ]
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    lines += ["", count_text(counted or tally(rows), lang)]
    return "\n".join(lines) + "\n"


# -- rich (terminal) ---------------------------------------------------------------------------


NARROW = 90  # below this width, the deadline and the status share one column
TINY = 60  # below this width (plain output), the lead goes under the title


def rows_table(rows: list[Row], plan: Plan, lang: str, width: int, today: date) -> RenderableType:
    from rich.text import Text

    narrow = width < NARROW
    headers = [label("id", lang), label("task", lang), label("lead", lang)]
    headers += (
        [f"{label('due', lang)} · {label('status', lang)}"] if narrow else [label("due", lang), label("status", lang)]
    )
    cells: list[list[Text]] = []
    for row in rows:
        status = Text(status_cell(row, lang), style=STATUS_STYLE[row.status])
        line = [
            Text(safe(row.task.id), style="bold"),
            Text(safe(row.task.title)),
            Text(safe(lead_cell(plan, row, today, lang))),
        ]
        line += [Text(due_cell(row, lang) + "\n") + status] if narrow else [Text(due_cell(row, lang)), status]
        cells.append(line)
    return fitted_table(headers, cells, width, kinds="kttk" if narrow else "kttkt")


def _unit_line(plan: Plan, unit_id: str, day: date) -> str:
    """ "Vụ GDTX (vu-gdtx): Vụ Giáo dục thường xuyên, Bộ GDĐT", named as on ``day``."""
    unit = plan.units.get(unit_id)
    if unit is None:
        return unit_id
    parent = plan.units.get(unit.parent) if unit.parent else None
    text = f"{unit.name_on(day)} ({unit.id}): {unit.name_on(day, full=True)}"
    return text + (f", {parent.name_on(day)}" if parent else "")


def _unit_lines(plan: Plan, unit_id: str, today: date, task: Task, lang: str) -> list[str]:
    """The unit, then each successor with the date and the instrument: "→ Cục … từ 03/03/2025 (…)"."""
    lines = [_unit_line(plan, unit_id, today)]
    for move in succession.chain(plan, unit_id, today, task):
        since = label("since", lang, date=format_date(move.on, lang))
        lines.append(f"→ {_unit_line(plan, move.to, today)} {since} ({move.by})")
    return lines


def task_detail(task: Task, plan: Plan, today: date, lang: str) -> RenderableType:
    """Everything about one task, as a rich group (plain when printed to a pipe)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    occ = list(occurrences(task, plan, today.year))
    rows = [status_of(o, today) for o in occ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def add(key: str, value: str, style: str = "") -> None:
        grid.add_row(Text(label(key, lang)), Text(safe(value), style=style))

    def add_all(key: str, values: list[str]) -> None:
        for i, value in enumerate(values):
            grid.add_row(Text(label(key, lang) if i == 0 else ""), Text(safe(value)))

    add("task", task.title)
    if not task.deadline.yearly:
        add("status", status_cell(rows[0], lang), STATUS_STYLE[rows[0].status])
    # The deadline as written, only where the text gives one: a standing duty's text says nothing
    # of time, and kh does not put words in its mouth. The kind of deadline is a line of its own.
    if task.due_text:
        due = task.due_text + (f" → {format_date(task.deadline.on, lang)}" if task.deadline.on else "")
        add("due_text", due)
    add("deadline_kind", label(f"deadline_kind.{task.deadline.kind}", lang))
    add_all("lead", [line for u in task.lead for line in _unit_lines(plan, u, today, task, lang)])
    partners = []
    for u in succession.partners_now(plan, task, today):
        partners += _unit_lines(plan, u, today, task, lang)
        if role := task.partner_roles.get(u):
            partners.append(f"{label('role', lang)}: {role}")
    add_all("partners", partners)
    doc = plan.documents.get(task.document)
    add("source", f"{doc.short if doc else task.document}, {task.ref}")
    if task.implements:
        parent = plan.task(task.implements)
        add("implements", f"{parent.id}: {parent.title}" if parent else task.implements)
    add_all("implemented_by", [f"{t.id}: {t.title}" for t in implemented_by(plan, task)])
    if task.done:
        add("done_on", done_day(task.done, lang))
        add("evidence", task.done.evidence + (f" ({task.done.source})" if task.done.source else ""))
    add_all(
        "notes",
        [f"{format_date(n.on, lang)}: {n.text}" + (f" ({n.source})" if n.source else "") for n in task.notes],
    )

    parts: list[RenderableType] = [Text(safe(task.id), style="bold"), grid]
    if any(row.occurrence.member for row in rows):
        parts.append(Text(label("occurrences", lang), style="bold"))
        parts += [Text(safe(line)) for line in member_lines(plan, task, rows, today, lang)]
    elif task.deadline.yearly:
        from rich import box

        table = Table(
            box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title=label("occurrences", lang), title_justify="left"
        )
        for key in ("year", "due", "status", "done_on", "evidence"):
            table.add_column(label(key, lang), overflow="fold")
        for row in rows:
            c = row.occurrence.completion if row.status.done else None
            table.add_row(
                str(row.occurrence.year),
                due_cell(row, lang),
                Text(status_cell(row, lang), style=STATUS_STYLE[row.status]),
                done_day(c, lang) if c else "",
                Text(safe(c.evidence)) if c else "",
            )
        parts.append(table)
    return Group(*parts)


def member_lines(plan: Plan, task: Task, rows: list[Row], today: date, lang: str) -> list[str]:
    """Per occurrence of a task owed by each member: how many have done it, each member that
    did (when, on time or late, with the evidence), and the others by status."""
    from ..core.members import member_name

    out: list[str] = []
    by_occ: dict[tuple[int | None, date | None], list[Row]] = {}
    for row in rows:
        by_occ.setdefault((row.occurrence.year, row.occurrence.due), []).append(row)
    for (year, _), group in by_occ.items():
        done = [r for r in group if r.status.done]
        head = f"{year} · " if year else ""
        out.append(f"{head}{due_cell(group[0], lang)} · {label('members_done', lang, n=len(done), total=len(group))}")
        for r in done:
            c = r.occurrence.completion
            assert c is not None
            name = member_name(plan, task, r.occurrence.member or "", today, r.occurrence.written or r.occurrence.due)
            out.append(f"  ✓ {name}: {done_day(c, lang)} ({label(r.status.value, lang)}) — {c.evidence}")
        for status in (Status.OVERDUE, Status.OPEN, Status.ONGOING):
            names = [
                member_name(plan, task, r.occurrence.member or "", today, r.occurrence.written or r.occurrence.due)
                for r in group
                if r.status is status
            ]
            if names:
                out.append(f"  {label(status.value, lang)} ({len(names)}): " + ", ".join(names))
    return out


# -- units -------------------------------------------------------------------------------------


def fitted_table(
    headers: list[str],
    rows: list[list[Text]],
    width: int,
    *,
    kinds: str,
    drop: dict[int, int] | None = None,
    title: str | None = None,
) -> RenderableType:
    """A rich table whose columns fit ``width`` without breaking what must not break (see
    :mod:`khuyenhoc.outputs.layout`). ``kinds``: one letter a column: ``t`` text that wraps between
    words, ``k`` a key that never breaks (id, date), ``n`` a number (never breaks, right-aligned).
    ``drop``: column index → order in which it may be left out on a narrow terminal."""
    from rich import box
    from rich.table import Table

    from .layout import Column, widths

    drop = drop or {}
    columns = [
        Column(h, [r[i].plain for r in rows], kind=k, drop=drop.get(i, 0))
        for i, (h, k) in enumerate(zip(headers, kinds, strict=True))
    ]
    sizes = widths(columns, width)
    kept = [i for i, w in enumerate(sizes) if w is not None]
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True, title=title, title_justify="left"
    )
    for i in kept:
        table.add_column(headers[i], width=sizes[i], justify="right" if kinds[i] == "n" else "left", overflow="fold")
    for row in rows:
        for i in kept:
            if kinds[i] == "n":
                row[i].no_wrap = True
        table.add_row(*(row[i] for i in kept))
    return table


def kind_label(kind: str, lang: str) -> str:
    """A unit kind as a reader says it (``ministry`` → "bộ, cơ quan ngang bộ"); JSON keeps the id."""
    return label(f"kind.{kind}", lang)


def units_table(plan: Plan, today: date, lang: str, width: int = 100) -> RenderableType:
    from rich.text import Text

    counts = unit_counts(plan, today)
    rows = []
    for unit in plan.units.values():
        leads, late = counts[unit.id]
        short = succession.unit_name(plan, unit.id, today)  # "Hà Giang → Tuyên Quang"
        rows.append([
            Text(safe(unit.id), style="bold"), Text(safe(short)), Text(safe(unit.name_on(today, full=True))),
            Text(kind_label(unit.kind, lang)), Text(str(leads)), Text(str(late), style="bold red" if late else ""),
        ])  # fmt: skip
    headers = [label(k, lang) for k in ("id", "short", "name", "kind", "leads", "overdue")]
    # On a narrow terminal the kind goes first, then the full name (the short one stays).
    return fitted_table(headers, rows, width, kinds="kttknn", drop={3: 2, 2: 1})


def units_markdown(plan: Plan, today: date, lang: str) -> str:
    counts = unit_counts(plan, today)
    cols = [label(k, lang) for k in ("id", "short", "name", "kind", "parent", "leads", "overdue")]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for unit in plan.units.values():
        leads, late = counts[unit.id]
        cells = [unit.id, unit.name_on(today), unit.name_on(today, full=True), kind_label(unit.kind, lang),
                 unit.parent or "", str(leads), str(late)]  # fmt: skip
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
