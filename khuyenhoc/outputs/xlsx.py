"""Excel workbooks (``--format xlsx``): the follow-up table offices keep in Excel.

``kh list -f xlsx`` writes its rows on one sheet; ``kh report YEAR -f xlsx`` writes the year's
summary, one sheet per collective with **the member matrix** (the members down the side, the
duties owed by each across, in each cell the status and the day), the obligations due in the
year and the overdue ones. Dates are dates and counts are numbers; the header row is frozen
and filtered; each status cell has its colour of every chart (:data:`charts.STATUS_COLOURS`).

Text from the data is never a formula: a title that starts with "=" is stored as text. The
same content gives the same bytes (fixed dates inside and in the zip, as for Word files).
openpyxl is imported here only: the other commands never load it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..core.model import Row, Status
from ..words.i18n import format_date, label
from ..words.text import safe
from .charts import STATUS_COLOURS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ..core.model import Plan
    from .report import Report

FONT = "Times New Roman"  # the offices' font (NĐ 30/2020/NĐ-CP), in the sheets as in the documents
_DARK_TEXT = {Status.DONE_LATE, Status.DONE_UNDATED}  # light fills: black text; the others white


@dataclass(frozen=True)
class Shown:
    """A cell that shows a status: its value (a day, or the status's name), in its colour; a
    day's number format says the status in words too ("Đúng hạn 14/11/2026"), so a printout
    in black and white still tells it."""

    value: date | str
    status: Status
    number_format: str | None = None


Cell = str | int | float | date | Shown | None


def _date_format(lang: str) -> str:
    return "dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd"


def sheet_title(text: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\ ."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31].strip() or "-"


class Book:
    """A workbook being written: sheets of tables, each with a frozen, filtered header row."""

    def __init__(self, lang: str, title: str, author: str = "kh"):
        from openpyxl import Workbook

        self.lang, self.title, self.author = lang, title, author
        self.wb = Workbook()
        self.wb.remove(self.wb.active)  # type: ignore[arg-type]
        self.days = _date_format(lang)
        self.styles: dict[tuple[str, Status | None, str | None], str] = {}

    def style(self, kind: str, status: Status | None = None, number_format: str | None = None) -> str:
        """The name of a cell style, registered once: a cell takes its font, border, fill and
        number format in one assignment (setting them one by one made a national workbook
        take a minute)."""
        key = (kind, status, number_format)
        if (name := self.styles.get(key)) is not None:
            return name
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        name = f"kh {len(self.styles) + 1}"
        thin = Side(style="thin", color="A6A6A6")
        style = NamedStyle(name, border=Border(left=thin, right=thin, top=thin, bottom=thin),
                           font=Font(name=FONT, size=11, bold=kind == "header"),
                           alignment=Alignment(wrap_text=True, vertical="top",
                                               horizontal="center" if kind == "header" else None))  # fmt: skip
        if kind == "header":
            style.fill = PatternFill("solid", fgColor="D9D9D9")
        if status is not None:
            style.fill = PatternFill("solid", fgColor=STATUS_COLOURS[status].lstrip("#").upper())
            dark = status in _DARK_TEXT
            style.font = Font(name=FONT, size=11, bold=status is Status.OVERDUE, color="000000" if dark else "FFFFFF")
        if number_format is not None:
            style.number_format = number_format
        self.wb.add_named_style(style)
        self.styles[key] = name
        return name

    def table(self, name: str, header: list[str], body: list[list[Cell]], widths: list[int] | None = None,
              *, print_title: str = "") -> Worksheet:  # fmt: skip
        """A sheet holding one table: header on row 1 (frozen, with filters), then ``body``."""
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(sheet_title(name))
        head = self.style("header")
        for col, text in enumerate(header, 1):
            ws.cell(row=1, column=col, value=text).style = head  # kh's words (a duty's header has two lines)
        for r, line in enumerate(body, 2):
            for col, value in enumerate(line, 1):
                self._put(ws, r, col, value)
        shown = widths or [_width(header[i], [line[i] for line in body if i < len(line)]) for i in range(len(header))]
        for col, w in enumerate(shown, 1):
            ws.column_dimensions[get_column_letter(col)].width = w
        # Each row as tall as its longest wrapped cell: neither Excel nor LibreOffice grows a row
        # for wrapped text when opening a file, so a long title was drawn over the rows below it.
        rows: list[list[Cell]] = [list(header), *body]
        for r, line in enumerate(rows, 1):
            lines = max((_lines(v, w) for v, w in zip(line, shown, strict=False)), default=1)
            if lines > 1 or r == 1:
                ws.row_dimensions[r].height = 15 * lines + 3
        ws.freeze_panes = "A2"
        if header:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(body) + 1, 2)}"
        ws.print_title_rows = "1:1"  # the header on every printed page
        ws.page_setup.orientation = "landscape" if sum(shown) > 110 else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if print_title:
            ws.oddHeader.center.text = print_title.replace("&", "&&")
        return ws

    def _put(self, ws: Worksheet, row: int, col: int, value: Cell) -> None:
        c = ws.cell(row=row, column=col)
        if isinstance(value, Shown):
            if isinstance(value.value, date):
                c.value = _midnight(value.value)
                c.style = self.style("cell", value.status, value.number_format or self.days)
            else:
                c.value = _text(value.value)
                c.data_type = "s"
                c.style = self.style("cell", value.status)
        elif isinstance(value, date):
            c.value = _midnight(value)
            c.style = self.style("cell", None, self.days)
        elif isinstance(value, float):
            c.value = value
            c.style = self.style("cell", None, "0.0%")
        elif isinstance(value, str):
            c.value = _text(value)
            c.data_type = "s"  # never a formula: openpyxl would store "=…" as one
            c.style = self.style("cell")
        else:
            c.value = value
            c.style = self.style("cell")

    def bytes(self, when: date) -> bytes:
        """The .xlsx, the same bytes for the same content: fixed dates inside and in the zip."""
        from .ooxml import fixed_dates, unzip, zip_parts

        props = self.wb.properties
        props.creator, props.lastModifiedBy = self.author, "kh"
        props.title = props.subject = self.title
        props.language = "vi-VN" if self.lang == "vi" else "en-GB"
        props.created = props.modified = _midnight(when)
        raw = io.BytesIO()
        self.wb.save(raw)
        parts = []
        for name, data in unzip(raw.getvalue()):
            if name == "docProps/core.xml":
                data = fixed_dates(data, when)
            elif name == "docProps/app.xml":  # the library writes "Microsoft Excel" as the application
                data = re.sub(rb"<Application>[^<]*</Application>", b"<Application>kh</Application>", data)
            parts.append((name, data))
        return zip_parts(parts)


def _midnight(day: date) -> datetime:
    """A day as a spreadsheet's date (openpyxl writes a datetime; a date cell is its midnight)."""
    return datetime(day.year, day.month, day.day)


def _text(value: str) -> str:
    """Text from the data, inert: one line (:func:`text.safe`), none of the characters XML
    cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", safe(value))


def _lines(value: Cell, width: int) -> int:
    """How many lines a text cell takes in a column ``width`` units wide, wrapped. A unit is the
    width of a digit of the default font; the sheets' Times New Roman 11 sets about 1.3 letters
    in it (measured on LibreOffice's pages: a 60-wide column holds some 85 letters a line)."""
    text = value.value if isinstance(value, Shown) else value
    if not isinstance(text, str):
        return 1
    per_line = max(int((width - 2) * 1.3), 1)
    return sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))


def _width(header: str, values: list[Cell]) -> int:
    """A column's width in characters: its longest value, within 8 to 60 (longer text wraps)."""
    longest = max((len(w) for w in header.split()), default=4) + 2
    for v in values[:500]:  # the first rows tell; a long sheet is not measured cell by cell
        if isinstance(v, Shown):
            n = 22 if isinstance(v.value, date) else len(v.value)
        elif isinstance(v, date):
            n = 10
        else:
            n = len(str(v)) if v is not None else 0
        longest = max(longest, n + 2)
    return min(max(longest, 8), 60)


# -- the rows of kh list, and of the report's lists ----------------------------------------------


def _rows_header(lang: str) -> list[str]:
    keys = ("report.id", "year", "report.task", "report.lead", "member", "report.partners", "report.due",
            "due_text", "report.status", "report.done_on", "report.days", "report.evidence", "source")  # fmt: skip
    return [label(k, lang) for k in keys]


_ROWS_WIDTHS = [14, 7, 60, 24, 24, 30, 12, 24, 22, 14, 10, 40, 24]


def _rows_body(rows: list[Row], plan: Plan, day: date, lang: str) -> list[list[Cell]]:
    from ..core.members import member_name
    from .render import evidence_text, partner_names, unit_names

    body: list[list[Cell]] = []
    per_task: dict[str, tuple[str, str | None, str]] = {}  # a yearly duty has many rows: its texts once
    for r in rows:
        task, occ = r.task, r.occurrence
        if (texts := per_task.get(task.id)) is None:
            source = ", ".join(x for x in (task.document, task.ref) if x)
            texts = per_task[task.id] = (unit_names(plan, task.lead, day, task), partner_names(plan, task, day) or None,
                                         source)  # fmt: skip
        lead, partners, source = texts
        c = occ.completion if r.status.done else None
        if occ.member:
            member: str | None = member_name(plan, task, occ.member, day, occ.written or occ.due)
        elif r.group is not None:  # the members' shares as one line: how many have not done it
            member = label("members_not_done", lang, n=r.group[0], total=r.group[1])
        else:
            member = None
        evidence = evidence_text(c) if c else None
        body.append([
            task.id, occ.year, task.title, lead, member, partners, occ.due, task.due_text or None,
            Shown(label(r.status.value, lang), r.status), c.on if c else None,
            r.days_overdue or None, evidence, source,
        ])  # fmt: skip
    return body


def list_workbook(rows: list[Row], plan: Plan, day: date, lang: str) -> bytes:
    """``kh list -f xlsx``: the rows on one sheet, a member's row with the member named."""
    title = label("xlsx.list", lang)
    book = Book(lang, title)
    as_of = label("as_of", lang, date=format_date(day, lang))
    book.table(title, _rows_header(lang), _rows_body(rows, plan, day, lang), _ROWS_WIDTHS,
               print_title=f"{title} · {as_of}")  # fmt: skip
    return book.bytes(day)


# -- the report ------------------------------------------------------------------------------------


def report_workbook(report: Report, plan: Plan, lang: str, author: str = "kh") -> bytes:
    """``kh report YEAR -f xlsx``: the summary, one member matrix per collective, the year's
    obligations, the overdue ones."""
    from .report import sections

    y, day = report.year, report.as_of
    title = label("report.title", lang, year=y)
    as_of = label("as_of", lang, date=format_date(day, lang))
    book = Book(lang, title, author)
    summary, by_unit = sections(report, plan, lang)[:2]
    body: list[list[Cell]] = [[_number(v) for v in line] for line in summary.body]
    ws = book.table(label("xlsx.summary", lang), summary.header, body, [28, 14, 10, 18, 10],
                    print_title=f"{title} · {as_of}")  # fmt: skip
    ws.auto_filter.ref = None  # a summary, not a list to filter
    units_body = [[_number(v) for v in line] for line in by_unit.body]
    book.table(label("xlsx.by_unit", lang), by_unit.header, units_body, print_title=as_of)
    for sheet in matrices(report, plan, lang):
        book.table(sheet.name, sheet.header, sheet.body, sheet.widths, print_title=f"{sheet.name} · {as_of}")
    from ..core.status import grouped

    # The members' shares of a duty as one line, as in the report ("21/34 chưa hoàn thành"):
    # each member's cell is in its matrix above.
    for key, rows in (("xlsx.due", report.due), ("xlsx.overdue", report.overdue)):
        rows = grouped(plan, rows, day)
        name = label(key, lang, year=y)
        book.table(name, _rows_header(lang), _rows_body(rows, plan, day, lang), _ROWS_WIDTHS,
                   print_title=f"{name} · {as_of}")  # fmt: skip
    return book.bytes(day)


def _number(text: str) -> Cell:
    """A report cell as a number when it is one ("12", "7,1%"), else its text."""
    if text.isdigit():
        return int(text)
    m = re.fullmatch(r"(\d+)(?:[.,](\d+))?%", text)
    if m:
        return float(f"{m[1]}.{m[2] or 0}") / 100
    return text


@dataclass(frozen=True)
class Matrix:
    name: str
    header: list[str]
    body: list[list[Cell]]
    widths: list[int]


def matrices(report: Report, plan: Plan, lang: str) -> list[Matrix]:
    """Per collective owing duties of the year member by member: its members (as on each
    duty's day; a province merged in 2025 is a member of the 2024 duty) down the side, the
    duties across, each cell the status and day of that member's share."""
    from ..core.members import collective_of, member_name

    # Per collective: each member's cell of each duty, and the first row of each duty and of
    # each member (a duty's day, a member's name), in the order they come.
    cells: dict[str, dict[tuple[str, tuple[str, int | None]], Row]] = {}
    duties: dict[str, dict[tuple[str, int | None], Row]] = {}
    members: dict[str, dict[str, Row]] = {}
    for row in report.due:
        occ = row.occurrence
        if occ.member is None:
            continue
        collective = collective_of(plan, occ.task, occ.member) or occ.task.lead[0]
        duty = (occ.task.id, occ.year)
        duties.setdefault(collective, {}).setdefault(duty, row)
        members.setdefault(collective, {}).setdefault(occ.member, row)
        cells.setdefault(collective, {})[(occ.member, duty)] = row
    order = {u: i for i, u in enumerate(plan.units)}
    out = []
    for collective, owed in duties.items():
        rows = cells[collective]
        header = [label("report.id", lang), label("report.member", lang)]
        for duty, first in owed.items():
            due = first.occurrence.due
            when = f"{label('report.due', lang)} {format_date(due, lang)}" if due else ""
            header.append(f"{duty[0]}" + (f" ({duty[1]})" if duty[1] else "") + (f"\n{when}" if when else ""))
        header.append(label("report.not_done", lang))
        body: list[list[Cell]] = []
        for member, some in sorted(members[collective].items(), key=lambda kv: order.get(kv[0], len(order))):
            name = member_name(plan, some.task, member, report.as_of, some.occurrence.written or some.occurrence.due)
            line: list[Cell] = [member, name]
            missing = 0
            for duty in owed:
                r = rows.get((member, duty))
                line.append(_shown(r, lang) if r is not None else None)
                missing += r is not None and not r.status.done
            body.append([*line, missing])
        name = plan.units[collective].short if collective in plan.units else collective
        out.append(Matrix(name, header, body, [12, 30] + [22] * len(owed) + [12]))
    return out


def _shown(row: Row, lang: str) -> Shown:
    """A member's share as a cell: the day it was done, its number format naming the status
    ("Đúng hạn 14/11/2026", "Trễ hạn 20/11/2026"), else the status ("Quá hạn")."""
    c = row.occurrence.completion if row.status.done else None
    if c is None or row.status is Status.DONE_UNDATED:
        return Shown(label(row.status.value, lang), row.status)
    word = label("xlsx.on_time" if row.status is Status.DONE_ON_TIME else "xlsx.late", lang)
    if not c.exact:
        word += " " + label("xlsx.no_later_than", lang)
    return Shown(c.on, row.status, f'"{word} "{_date_format(lang)}')
