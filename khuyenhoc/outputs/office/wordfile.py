"""The Word file of an office document: the page and its parts in the layout of Nghị định
30/2020/NĐ-CP, Phụ lục I (A4, margins 20/20/30/15 mm, Times New Roman 13 pt; the issuing body and
its number top left, the Quốc hiệu and Tiêu ngữ top right; "Nơi nhận" beside the signature), and
bytes that are the same for the same content. :mod:`.office` (the report) and
:mod:`.letterformats` (the letters) build their documents with it; python-docx is imported only
here, by the commands that write a document.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ...words.i18n import label
from .measure import balanced, clean, printed, widths

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
    # "Nơi nhận" of a report, before the archive line: whom the issuer reports to (derived from
    # the issuer, :func:`khuyenhoc.outputs.office.office.letterhead`)
    report_to: tuple[str, ...] = ()
    # the lines the user gave (--recipient): a report's instead of report_to, a letter's after "Như trên"
    recipients: tuple[str, ...] = ()


def words(key: str, lang: str, **values: object) -> str:
    """The words of an office document (catalogue keys ``office.*``) in ``lang``."""
    return label(f"office.{key}", lang, **values)


# -- the document -------------------------------------------------------------------------------


class OfficeDocument:
    """A python-docx document in the administrative layout."""

    def __init__(self, lang: str = "vi", title: str = "", author: str = "") -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, Pt

        self.doc = Document()
        self.lang, self.title, self.author = lang, title, author
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
        # the text's language, so that Word checks its spelling as Vietnamese (not as en-US)
        tag = "vi-VN" if lang == "vi" else "en-GB"
        defaults = self.doc.styles.element.find(_qn("w:docDefaults"))
        for props in [rpr, *(defaults.iter(_qn("w:rPr")) if defaults is not None else [])]:
            _set_lang(props, tag)
        _page_numbers(section)

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
        keep_with_next: bool = False,
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
        if keep_with_next:  # a heading never ends a page: it goes with what it heads
            p.paragraph_format.keep_with_next = True
        if indent:
            p.paragraph_format.first_line_indent = Cm(1.27)
        if text:
            run = p.add_run(clean(text))
            run.bold, run.italic, run.underline = bold, italic, underline
            run.font.size = Pt(size)
        return p

    def header(self, head: Letterhead, kind: str, lang: str, subject: str | None, today: date) -> None:
        """The two columns at the top of page 1."""
        from docx.shared import Mm, Pt

        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        left, right = table.rows[0].cells
        table.columns[0].width, table.columns[1].width = Mm(68), Mm(97)
        left.width, right.width = Mm(68), Mm(97)
        if head.parent:
            self.para(head.parent.upper(), size=12, align="center", cell=left, space_after=0)
        issuer = self.para(bold=True, size=12, align="center", cell=left, space_after=0)
        for n, line in enumerate(balanced(head.issuer.upper(), 22)):  # "THƯỜNG XUYÊN" never a lone word
            run = issuer.add_run()
            run.bold = True
            run.font.size = Pt(12)
            if n:
                run.add_break()
            run.add_text(clean(line))
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
        sizes = widths(header, body, kinds, self.width_mm)
        for c, column in enumerate(table.columns):  # the grid, which LibreOffice follows, and each cell, for Word
            column.width = Mm(sizes[c])
        for r, cells in enumerate([header, *body]):
            row = table.rows[r]
            for c, text in enumerate(cells):
                cell = row.cells[c]
                cell.width = Mm(sizes[c])
                p = cell.paragraphs[0]
                p.paragraph_format.space_after = Pt(0)
                kind = kinds[c] if c < len(kinds) else "t"
                if kind == "n":
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif r == 0 or kind == "k":
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.LEFT
                run = p.add_run(printed(text))
                run.font.size = Pt(11)
                run.bold = r == 0
        header_row = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(_qn("w:val"), "true")
        header_row.append(repeat)
        for row in table.rows:  # a row never breaks across pages ("Sở GDĐT Tuyên" / "Quang")
            _cant_split(row)
        self.para(space_after=2)

    def image(self, png: bytes, width_mm: float) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        self.doc.add_picture(io.BytesIO(png), width=Mm(width_mm))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def closing(self, head: Letterhead, recipients: list[str], lang: str) -> None:
        """ "Nơi nhận" on the left, the signature block on the right."""
        from docx.shared import Mm

        self._keep_with_closing()
        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        _cant_split(table.rows[0])  # "Nơi nhận" and the signature on one page, whole
        self.para(space_after=6)
        left, right = table.rows[0].cells
        table.columns[0].width, table.columns[1].width = Mm(85), Mm(80)
        left.width, right.width = Mm(85), Mm(80)
        self.para(words("recipients", lang), bold=True, italic=True, size=12, align="left", cell=left, space_after=0)
        for line in recipients:
            self.para(line, size=11, align="left", cell=left, space_after=0)
        if head.signer == PLACEHOLDER:  # a name to come: where to sign, and what to write
            self.para(head.signer_title.upper(), bold=True, size=13, align="center", cell=right, space_after=0)
            self.para(words("sign_here", lang), italic=True, size=13, align="center", cell=right, space_after=60)
        else:  # the signer's title, then room for the signature, then the name
            self.para(head.signer_title.upper(), bold=True, size=13, align="center", cell=right, space_after=72)
        self.para(head.signer, bold=True, size=13, align="center", cell=right)
        _drop_empty_first(left, right)

    def _keep_with_closing(self) -> None:
        """The paragraph before "Nơi nhận" and the signature goes to their page with them (a
        signature alone on a page signs nothing); after a table, its last row does."""
        body = self.doc.element.body
        for element in reversed(body[:-1] if body[-1].tag == _qn("w:sectPr") else body[:]):
            if element.tag == _qn("w:tbl"):
                for p in element.findall(f"{_qn('w:tr')}[last()]//{_qn('w:p')}"):
                    _keep_next(p)
                return
            _keep_next(element)
            if "".join(element.itertext()).strip():  # the last paragraph with text: enough
                return

    def parts(self, when: date) -> list[tuple[str, bytes]]:
        """The .docx's parts (name, content), in order, with fixed dates: the same content gives
        the same parts. The properties say what the document is, who issues it and in which
        language; none of the template's (its thumbnail, "python-docx", its application)."""
        props = self.doc.core_properties
        fixed = datetime(when.year, when.month, when.day)
        props.author = self.author or "kh"
        props.last_modified_by = "kh"
        props.title, props.subject = self.title, self.title
        props.comments, props.keywords, props.category = "", "", ""
        props.language = "vi-VN" if self.lang == "vi" else "en-GB"
        props.created = props.modified = props.last_printed = fixed
        props.revision = 1
        from ..ooxml import unzip

        raw = io.BytesIO()
        self.doc.save(raw)
        parts = unzip(raw.getvalue())
        return [_untemplated(name, data) for name, data in parts if name != "docProps/thumbnail.jpeg"]

    def bytes(self, when: date) -> bytes:
        """The .docx, the same bytes for the same content: fixed dates inside and in the zip."""
        from ..ooxml import zip_parts

        return zip_parts(self.parts(when))

    def annex(self, title: list[str], header: list[str], body: list[list[str]], kinds: str, *, landscape: bool) -> None:
        """An annex after the signature, on a page of its own (landscape for a wide table), its
        pages numbered on as the document's."""
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # numbered from its first page
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        width = self.width_mm
        self.width_mm = (297 if landscape else 210) - 30 - 15
        for n, line in enumerate(title):
            last = n == len(title) - 1
            self.para(line, bold=not last, italic=last, align="center", space_after=12 if last else 0,
                      keep_with_next=True)  # fmt: skip
        self.table(header, body, kinds)
        self.width_mm = width

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _drop_empty_first(*cells: Any) -> None:
    """Remove the empty paragraph python-docx puts in a new cell (the text was added after it)."""
    for cell in cells:
        first = cell.paragraphs[0]
        first._element.getparent().remove(first._element)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _set_lang(rpr: Any, tag: str) -> None:
    lang = rpr.find(_qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(_qn("w:lang"), {})
        rpr.append(lang)
    lang.set(_qn("w:val"), tag)
    lang.set(_qn("w:eastAsia"), tag)


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _keep_next(p: Any) -> None:
    """Keep-with-next on a paragraph element (w:p)."""
    p.get_or_add_pPr().keepNext_val = True


def _page_numbers(section: Any) -> None:
    """The page number centred at the top from page 2 on (NĐ 30/2020/NĐ-CP, Phụ lục I): a PAGE
    field in the header, page 1's header left empty."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(_qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            element.set(_qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _untemplated(name: str, data: bytes) -> tuple[str, bytes]:
    """A part without python-docx's template leftovers: the thumbnail's relationship, the
    application that made the template."""
    if name == "_rels/.rels":
        data = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", data)
    elif name == "[Content_Types].xml":
        data = re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", data)
    elif name == "docProps/app.xml":
        data = re.sub(rb"<Application>[^<]*</Application>", b"<Application>kh</Application>", data)
        data = re.sub(rb"<AppVersion>[^<]*</AppVersion>", b"", data)
    return name, data
