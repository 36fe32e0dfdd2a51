"""The formats of the urging letters of :mod:`khuyenhoc.outputs.office.letters`: Word files (many at a time,
from one template), Markdown, e-mail messages with the Word letter attached, and the index of
what was written."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from ...words.i18n import t
from .letters import Content, Letter
from .wordfile import PLACEHOLDER, Letterhead, OfficeDocument, clean, words


class WordLetters:
    """Word letters, many at a time. A letter with no annex is one document built once with
    markers, each letter's text then put into its XML (python-docx takes 40 ms a document; the
    3,321 communes' letters would take minutes); a letter with an annex is built whole."""

    MARKS = ("SUBJECT", "TO", "OPENING", "ITEM", "REQUEST")

    def __init__(self, head: Letterhead, lang: str, as_of: date, recipients: list[str]):
        self.head, self.lang, self.as_of, self.recipients = head, lang, as_of, recipients
        self._template: tuple[bytes, str, str, str] | None = None

    def _build(self, c: Content) -> OfficeDocument:
        author = self.head.issuer if self.head.issuer != PLACEHOLDER else ""
        doc = OfficeDocument(self.lang, title=words("letter_title", self.lang), author=author)
        doc.header(self.head, "", self.lang, c.subject, self.as_of)
        doc.para(words("to", self.lang, unit=c.to), align="center", space_after=12)
        doc.para(c.opening, indent=True)
        for item in c.items:
            doc.para(item, indent=True)
        doc.para(c.request, indent=True)
        doc.closing(self.head, c.recipients, self.lang)
        return doc

    def write(self, c: Content) -> bytes:
        from ..ooxml import zip_parts

        if c.annex_rows:
            doc = self._build(c)
            doc.page_break()
            for n, line in enumerate(c.annex_title):
                doc.para(line, bold=n < 2, italic=n == 2, size=13, align="center", space_after=0 if n < 2 else 12)
            doc.table(c.annex_header, c.annex_rows, "nttn")
            return doc.bytes(self.as_of)
        if self._template is None:
            marks = {m: f"\u27e6{m}\u27e7" for m in self.MARKS}
            doc = self._build(Content(marks["SUBJECT"], marks["TO"], marks["OPENING"], [marks["ITEM"]],
                                      marks["REQUEST"], self.recipients))  # fmt: skip
            parts = doc.parts(self.as_of)
            xml = dict(parts)["word/document.xml"].decode("utf-8")
            at = xml.index(marks["ITEM"])
            start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
            end = xml.index("</w:p>", at) + len("</w:p>")
            # every part but the letter's text, compressed once: deflating them again for each
            # letter took two thirds of the time of 3,321 letters (benchmarks/letters.py)
            fixed = zip_parts([(n, d) for n, d in parts if n != "word/document.xml"])
            self._template = (fixed, xml[:start], xml[start:end], xml[end:])
        fixed, before, paragraph, after = self._template
        values = (c.subject, c.to, c.opening, "", c.request)
        fill = {f"\u27e6{m}\u27e7": _xml(clean(v)) for m, v in zip(self.MARKS, values, strict=True)}
        body = "".join(paragraph.replace("\u27e6ITEM\u27e7", _xml(clean(i))) for i in c.items)
        xml = _replace(before, fill) + body + _replace(after, fill)
        return zip_parts([("word/document.xml", xml.encode("utf-8"))], onto=fixed)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _replace(text: str, values: dict[str, str]) -> str:
    for mark, value in values.items():
        text = text.replace(mark, value)
    return text


def letter_markdown(c: Content, head: Letterhead, as_of: date, lang: str) -> str:
    from ...words.text import md, md_cell

    number = words("number", lang, number=head.number or "…/…")
    lines = [
        f"**{md(head.issuer.upper())}**  ", f"{md(number)}  ", md(c.subject), "",
        f"*{md(words('place_date', lang, place=head.place, year=as_of.year))}*", "",
        f"**{md(words('to', lang, unit=c.to))}**", "", md(c.opening), "", *[f"{md(item)}\n" for item in c.items],
        md(c.request), "", f"***{md(words('recipients', lang))}***",
        *[f"- {md(r.removeprefix('- '))}" for r in c.recipients], "",
        f"**{md(head.signer_title.upper())}**  ",
        *([f"*{md(words('sign_here', lang))}*  "] if head.signer == PLACEHOLDER else []), f"**{md(head.signer)}**", "",
    ]  # fmt: skip
    if c.annex_rows:
        lines += ["---", "", *[f"**{md(line)}**  " for line in c.annex_title], ""]
        lines += ["| " + " | ".join(md_cell(h) for h in c.annex_header) + " |", "|---|---|---|---:|"]
        lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in c.annex_rows]
        lines.append("")
    return "\n".join(lines)


def letter_email(
    c: Content, letter: Letter, head: Letterhead, lang: str, sender: str | None, attachment: tuple[str, bytes] | None
) -> bytes:
    """One message (RFC 5322, MIME): to the recipients' addresses the data gives, dated at 08:00
    in Vietnam (+07:00) on the letter's day, with a Message-ID made of its content (the same
    letter, the same bytes), the letter's text as the body and the Word letter attached.

    Written with the ``email`` package's classic API, whose ``Header`` encodes a Vietnamese
    subject as encoded words that keep their spaces (the newer API's folding drops the space
    between two encoded words: "nhiệm vụquá hạn")."""
    import hashlib
    from email.header import Header
    from email.mime.application import MIMEApplication
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email.policy import compat32
    from email.utils import format_datetime, formataddr, getaddresses

    from ...errors import KhError

    body = [words("to", lang, unit=c.to), "", c.opening, "", *[f"{i}\n" for i in c.items], c.request, ""]
    body += [head.signer_title.upper(), head.signer, clean(head.issuer)]
    if c.annex_rows:
        body += ["", *c.annex_title, ""] + [" · ".join(row) for row in c.annex_rows]
    text = "\n".join(clean(line) if line else "" for line in body) + "\n"
    message = MIMEMultipart("mixed") if attachment is not None else MIMEText(text, "plain", "utf-8")
    if attachment is not None:
        message.attach(MIMEText(text, "plain", "utf-8"))
        name, data = attachment
        part = MIMEApplication(data, "vnd.openxmlformats-officedocument.wordprocessingml.document")
        part.add_header("Content-Disposition", "attachment", filename=name)
        message.attach(part)
    message["Subject"] = cast(str, Header(clean(c.subject), "utf-8"))  # the classic API takes a Header
    try:  # kh check and --from admit one address each; what would still break a header is refused
        if letter.emails:
            message["To"] = ", ".join(letter.emails)
        if sender:
            ((name, address),) = getaddresses([sender])
            message["From"] = formataddr((name, address), charset="utf-8")
    except ValueError as exc:
        why = t("the letter to {unit}: an address e-mail cannot carry ({exc})", unit=letter.unit, exc=exc)
        raise KhError(why) from None
    sent = datetime.fromisoformat(f"{letter.as_of.isoformat()}T08:00:00+07:00")
    message["Date"] = format_datetime(sent)
    digest = hashlib.sha256(text.encode("utf-8") + (attachment[1] if attachment else b"")).hexdigest()[:16]
    domain = sender.rpartition("@")[2].rstrip(">") if sender else "khuyenhoc.invalid"
    message["Message-ID"] = f"<kh.{letter.key}.{letter.as_of.isoformat()}.{digest}@{domain}>"
    if isinstance(message, MIMEMultipart):
        message.set_boundary(f"kh-{digest}")  # the same letter, the same bytes
    return message.as_bytes(policy=compat32.clone(linesep="\r\n"))


def file_name(letter: Letter, extension: str) -> str:
    """A file per letter, named for its recipient: "don-doc-so-gddt-ha-noi-2026-11-25.docx"."""
    return f"don-doc-{letter.key}-{letter.as_of.isoformat()}.{extension}"


def index_csv(rows: list[tuple[Letter, str]], lang: str) -> bytes:
    """What was written, one line a letter, for a spreadsheet (UTF-8 with a BOM: Excel reads it)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([words(k, lang) for k in ("index_to", "index_id", "index_n", "index_members", "index_shares",
                                               "index_file", "index_email")])  # fmt: skip
    for letter, path in rows:
        writer.writerow([_cell(letter.to), letter.unit, len(letter.items), len(letter.annex) or 1,
                         letter.shares, path, ", ".join(letter.emails)])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(text: str) -> str:
    """A spreadsheet cell that is text, never a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
