"""Documents an office files: the yearly report and urging letters as Word files.

The layout is that of Nghị định 30/2020/NĐ-CP, Phụ lục I (administrative documents): A4,
margins 20/20/30/15 mm, Times New Roman, body 13 pt with a first-line indent; top left the
issuing body (its parent above it, the body in bold capitals) and its number; top right the
Quốc hiệu, the Tiêu ngữ underlined, the place and date in italics; the title; the body; then
"Nơi nhận" (bold italic 12 pt, its list 11 pt) beside the signature block. Fields only the
office knows (number, signer) are visible placeholders ("…") unless given.

python-docx writes the document and matplotlib draws the charts; both are imported only
here, by the commands that write a document. The same data and day give the same bytes: the
zip's timestamps, the document's dates and the images' metadata are fixed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .i18n import format_date, label
from .model import Plan

if TYPE_CHECKING:
    from .report import Report, Section

PLACEHOLDER = "…"


@dataclass(frozen=True)
class Letterhead:
    """Who issues the document, and the fields only the office knows."""

    issuer: str = PLACEHOLDER  # the issuing body, e.g. "Cục Giáo dục nghề nghiệp và Giáo dục thường xuyên"
    parent: str = ""  # the body above it, e.g. "Bộ Giáo dục và Đào tạo"
    number: str | None = None  # "15/BC-GDNN-GDTX": the office's register gives it ("…/BC-…" until then)
    place: str = "Hà Nội"
    signer: str = PLACEHOLDER
    signer_title: str = PLACEHOLDER  # e.g. "CỤC TRƯỞNG"
    short: str = PLACEHOLDER  # the issuer's short name, for "Lưu: VT, …"


def clean(text: str) -> str:
    """Text from the data as Word (or an e-mail) takes it, inert as in every output: one line,
    and every control or format character (a bidi override that would show "1202/60/03" as
    "30/06/2021", a zero-width mark) as a visible escape, so none reaches Word's XML either."""
    from .text import safe

    return " ".join(safe(text).split())


def words(key: str, lang: str, **values: object) -> str:
    """The words of an office document (catalogue keys ``office.*``) in ``lang``."""
    return label(f"office.{key}", lang, **values)


# -- the document -------------------------------------------------------------------------------


class OfficeDocument:
    """A python-docx document in the administrative layout."""

    def __init__(self) -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, Pt

        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        style = self.doc.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(13)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(_qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(_qn("w:rFonts"), {})
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(_qn(attr), "Times New Roman")
        style.paragraph_format.space_after = Pt(6)
        self.width_mm = 210 - 30 - 15

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        size: float = 13,
        align: str = "justify",
        indent: bool = False,
        underline: bool = False,
        cell: Any = None,
        space_after: float = 6,
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        target = cell if cell is not None else self.doc
        p = target.add_paragraph()
        p.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        p.paragraph_format.space_after = Pt(space_after)
        if indent:
            p.paragraph_format.first_line_indent = Cm(1.27)
        if text:
            run = p.add_run(clean(text))
            run.bold, run.italic, run.underline = bold, italic, underline
            run.font.size = Pt(size)
        return p

    def header(self, head: Letterhead, kind: str, lang: str, subject: str | None, today: date) -> None:
        """The two columns at the top of page 1."""
        from docx.shared import Mm

        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        left, right = table.rows[0].cells
        table.columns[0].width, table.columns[1].width = Mm(68), Mm(97)
        left.width, right.width = Mm(68), Mm(97)
        if head.parent:
            self.para(head.parent.upper(), size=12, align="center", cell=left, space_after=0)
        self.para(head.issuer.upper(), bold=True, size=12, align="center", cell=left, space_after=0)
        self.para("―――――", size=8, align="center", cell=left, space_after=4)
        self.para(
            words("number", lang, number=head.number or (f"…/{kind}-…" if kind else "…/…")),
            size=13,
            align="center",
            cell=left,
            space_after=0,
        )
        if subject:
            self.para(subject, size=12, align="center", cell=left)
        self.para(words("nation", lang).upper(), bold=True, size=12, align="center", cell=right, space_after=0)
        self.para(words("motto", lang), bold=True, size=13, align="center", underline=True, cell=right, space_after=8)
        self.para(
            words("place_date", lang, place=head.place, year=today.year),
            italic=True,
            size=13,
            align="center",
            cell=right,
        )
        _drop_empty_first(left, right)

    def table(self, header: list[str], body: list[list[str]], kinds: str) -> None:
        """A table sized to its content: ids and dates never wrap, numbers right-aligned, the
        rest of the width to the text columns; borders, and the header row on every page."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.shared import Mm, Pt

        table = self.doc.add_table(rows=1 + len(body), cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = _widths(header, body, kinds, self.width_mm)
        for c, column in enumerate(table.columns):  # the grid, which LibreOffice follows, and each cell, for Word
            column.width = Mm(widths[c])
        for r, cells in enumerate([header, *body]):
            row = table.rows[r]
            for c, text in enumerate(cells):
                cell = row.cells[c]
                cell.width = Mm(widths[c])
                p = cell.paragraphs[0]
                p.paragraph_format.space_after = Pt(0)
                kind = kinds[c] if c < len(kinds) else "t"
                if kind == "n":
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif r == 0 or kind == "k":
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.LEFT
                run = p.add_run(clean(text))
                run.font.size = Pt(11)
                run.bold = r == 0
        header_row = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(_qn("w:val"), "true")
        header_row.append(repeat)
        self.para(space_after=2)

    def image(self, png: bytes, width_mm: float) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        self.doc.add_picture(io.BytesIO(png), width=Mm(width_mm))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def closing(self, head: Letterhead, recipients: list[str], lang: str) -> None:
        """ "Nơi nhận" on the left, the signature block on the right."""
        from docx.shared import Mm

        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        self.para(space_after=6)
        left, right = table.rows[0].cells
        table.columns[0].width, table.columns[1].width = Mm(85), Mm(80)
        left.width, right.width = Mm(85), Mm(80)
        self.para(words("recipients", lang), bold=True, italic=True, size=12, align="left", cell=left, space_after=0)
        for line in recipients:
            self.para(line, size=11, align="left", cell=left, space_after=0)
        self.para(head.signer_title.upper(), bold=True, size=13, align="center", cell=right, space_after=0)
        self.para(words("sign_here", lang), italic=True, size=13, align="center", cell=right, space_after=48)
        self.para(head.signer, bold=True, size=13, align="center", cell=right)
        _drop_empty_first(left, right)

    def parts(self, when: date) -> list[tuple[str, bytes]]:
        """The .docx's parts (name, content), in order, with fixed dates: the same content gives
        the same parts."""
        props = self.doc.core_properties
        fixed = datetime(when.year, when.month, when.day)
        props.author = props.last_modified_by = "kh"
        props.created = props.modified = props.last_printed = fixed
        props.revision = 1
        raw = io.BytesIO()
        self.doc.save(raw)
        with zipfile.ZipFile(raw) as src:
            return [(info.filename, src.read(info.filename)) for info in src.infolist()]

    def bytes(self, when: date) -> bytes:
        """The .docx, the same bytes for the same content: fixed dates inside and in the zip."""
        return zip_parts(self.parts(when))

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def zip_parts(parts: list[tuple[str, bytes]], onto: bytes = b"") -> bytes:
    """A .docx from its parts, with fixed times and modes in the zip: byte-identical output.
    ``onto``: a zip of other parts, compressed already, that these are added to (zipfile's
    append mode keeps their compressed bytes as they are)."""
    out = io.BytesIO(onto)
    with zipfile.ZipFile(out, "a" if onto else "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def _drop_empty_first(*cells: Any) -> None:
    """Remove the empty paragraph python-docx puts in a new cell (the text was added after it)."""
    for cell in cells:
        first = cell.paragraphs[0]
        first._element.getparent().remove(first._element)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _widths(header: list[str], body: list[list[str]], kinds: str, total: float) -> list[float]:
    """Column widths in mm: a number column as wide as its longest cell, so it never wraps; a
    key (id, date) column as wide as its longest word, so it wraps only at a space it holds; a
    text column at least as wide as its longest word (a date in it stays whole), the rest of
    the line shared by the text columns in proportion to their cells' mean length."""
    per_char, pad = 2.0, 5.5  # Times New Roman 11 pt on average, and the cell margins

    def word(c: int) -> float:
        """The longest word of a column, in characters; a header's (bold) count a fifth more."""
        cells = max((len(w) for text in (row[c] for row in body) for w in text.split()), default=0)
        return max(cells, 1.25 * max((len(w) for w in header[c].split()), default=0))

    kinds = (kinds + "t" * len(header))[: len(header)]
    widths: list[float] = []
    for c, kind in enumerate(kinds):
        if kind == "n":  # a number: never wrapped
            longest = max([word(c), *(len(row[c]) for row in body)])
            widths.append(min(longest * per_char + pad, total / 3))
        elif kind == "k":  # an id or a date: wrapped only at a space it holds ("BGD-19 (2021)")
            short = max((len(row[c]) for row in body), default=0)  # "nhiệm vụ": not worth a break
            widths.append(min(max(word(c), short if short <= 12 else 0) * per_char + pad, total / 3))
        else:
            widths.append(min(word(c) * per_char + pad, 45.0))
    text = [c for c, kind in enumerate(kinds) if kind not in "kn"]
    extra = total - sum(widths)
    if extra > 0 and text:
        weight = {c: max(8.0, sum(len(row[c]) for row in body) / max(1, len(body))) for c in text}
        for c in text:
            widths[c] += extra * weight[c] / sum(weight.values())
    scale = total / sum(widths)
    return [w * scale for w in widths] if scale < 1 else widths


# -- charts -------------------------------------------------------------------------------------


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150, metadata={"Software": None}, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return out.getvalue()


def charts(report: Report, plan: Plan, lang: str) -> list[bytes]:
    """A bar of the year's statuses and a timeline of its deadlines, in the status colours; none
    for a year with nothing due."""
    if not report.due:
        return []
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from .charts import STATUS_COLOURS
    from .status import DATED

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "kh"})
    # the tasks, and the members' shares apart: 89 shares of two duties would hide 12 tasks
    panels = [
        (label("report.tasks_col", lang), report.counts_of(False)),
        (label("report.shares_col", lang), report.counts_of(True)),
    ]
    panels = [(name, counts) for name, counts in panels if any(counts.values())]
    shown = [s for s in DATED if report.counts[s]]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(6.3, sum(0.45 * sum(1 for s in shown if c[s]) + 0.6 for _, c in panels) + 0.3),
        squeeze=False,
    )
    for ax, (name, by_status) in zip(axes[:, 0], panels, strict=True):
        drawn = [s for s in shown if by_status[s]]
        counts = [by_status[s] for s in drawn]
        ax.barh([label(s.value, lang) for s in drawn], counts, color=[STATUS_COLOURS[s] for s in drawn])
        for y, n in enumerate(counts):
            ax.text(n, y, f" {n}", va="center")
        ax.invert_yaxis()
        ax.set_title(name if len(panels) > 1 else label("report.pie_title", lang, year=report.year), fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(panels) > 1:
        fig.suptitle(label("report.pie_title", lang, year=report.year))
    fig.tight_layout()
    bars = _png(fig)

    from .status import grouped

    rows = sorted(grouped(plan, report.due, report.as_of), key=lambda r: (r.occurrence.due or date.max, r.task.id))
    fig, ax = plt.subplots(figsize=(6.3, 0.22 * len(rows) + 1.0))
    for y, r in enumerate(rows):
        assert r.occurrence.due is not None
        ax.scatter([mdates.date2num(r.occurrence.due)], [y], color=STATUS_COLOURS[r.status], s=28, zorder=3)
    ax.set_yticks(range(len(rows)), [r.task.id for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(mdates.date2num(date(report.year, 1, 1)), mdates.date2num(date(report.year, 12, 31)))
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.grid(axis="x", color="#dddddd", zorder=0)
    ax.set_title(label("report.gantt_title", lang, year=report.year))
    handles = [
        plt.Line2D([], [], marker="o", linestyle="", color=STATUS_COLOURS[s], label=label(s.value, lang)) for s in shown
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, frameon=False)
    return [bars, _png(fig)]


# -- the yearly report --------------------------------------------------------------------------


def report_docx(
    report: Report, plan: Plan, lang: str, head: Letterhead, today: date, *, with_charts: bool = True
) -> bytes:
    """The yearly report (the sections of :func:`khuyenhoc.report.sections`) as a Word file."""
    from .report import _note, sections

    doc = OfficeDocument()
    doc.header(head, "BC", lang, None, today)
    doc.para(words("report_title", lang).upper(), bold=True, size=14, align="center", space_after=0)
    doc.para(label("report.title", lang, year=report.year), bold=True, size=14, align="center", space_after=12)
    doc.para(f"{label('report.plans', lang)}:", indent=True)
    for d in plan.documents.values():
        doc.para(f"- {d.title}", indent=True)
    doc.para(label("report.as_of", lang, date=format_date(report.as_of, lang)), italic=True, indent=True)
    if note := _note(report, plan, lang):
        doc.para(note, bold=True, indent=True)
    images = charts(report, plan, lang) if with_charts else []
    for n, section in enumerate(sections(report, plan, lang)):
        _section(doc, section, lang)
        if n == 0 and images:
            doc.image(images[0], 150)
    if len(images) > 1:
        doc.para(label("report.charts_h", lang), bold=True, align="left")
        doc.image(images[1], 160)
    doc.closing(
        head, [words("to_minister", lang), words("to_pm_office", lang), words("archive", lang, who=head.short)], lang
    )
    return doc.bytes(report.as_of)


def _section(doc: OfficeDocument, section: Section, lang: str) -> None:
    doc.para(section.heading, bold=True, align="left")
    if section.intro:
        doc.para(section.intro, indent=True)
    if section.body:
        doc.table(section.header, section.body, section.kinds)
    else:
        doc.para(label("report.none", lang), indent=True)
    for line in section.after:
        doc.para(f"- {line}", indent=True)


def letterhead(plan: Plan, today: date, issuer: str | None = None, **given: str | None) -> Letterhead:
    """The letterhead: the issuing unit (``issuer``, a unit id; by default the unit that holds
    Vụ GDTX's duties today, which follows the plans up) with the body above it, as named today,
    and the fields the user gave (number, signer…)."""
    from . import succession

    fields = {k: v for k, v in given.items() if v}
    unit_id = issuer or (succession.now(plan, ("vu-gdtx",), today)[0] if "vu-gdtx" in plan.units else None)
    unit = plan.units.get(unit_id or "")
    if unit is not None:
        fields["issuer"] = unit.name_on(today, full=True)
        fields.setdefault("short", unit.name_on(today))
        parent = plan.units.get(unit.parent or "")
        if parent is not None:
            fields.setdefault("parent", parent.name_on(today, full=True))
    return Letterhead(**fields)


def issuer_of(plan: Plan, today: date, issuer: str | None) -> str | None:
    """The id of the unit that issues the documents (see :func:`letterhead`)."""
    from . import succession

    if issuer is not None:
        return issuer
    return succession.now(plan, ("vu-gdtx",), today)[0] if "vu-gdtx" in plan.units else None
