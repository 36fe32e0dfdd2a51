"""Urging letters ("công văn đôn đốc"): one per unit that holds the lead of an overdue
obligation, as a Word file in the layout of :mod:`khuyenhoc.office`, as Markdown, or as an
e-mail message (RFC 5322, Python's ``email`` package)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .i18n import format_date
from .model import Plan, Row, Status
from .office import Letterhead, OfficeDocument, clean, words


@dataclass(frozen=True)
class Letter:
    """One letter: to one unit, about its overdue obligations as of a day."""

    unit: str  # its id
    name: str  # its full name
    rows: list[Row]
    as_of: date
    reply_by: date


def letters(
    plan: Plan, rows: list[Row], today: date, reply_by: date, units: frozenset[str] | None, issuer: str = ""
) -> list[Letter]:
    """One letter per unit that holds the lead of an overdue obligation today (after the 2025
    successions), its obligations oldest first; only ``units`` when given, and never the
    issuer itself (an office does not write to chase its own work)."""
    from . import succession

    owed: dict[str, list[Row]] = {}
    for row in rows:
        if row.status is not Status.OVERDUE:
            continue
        for unit in succession.now(plan, row.task.lead, today, row.task):
            if units is None or unit in units:
                owed.setdefault(unit, []).append(row)
    out = []
    for unit, owed_rows in owed.items():
        name = plan.units[unit].name if unit in plan.units else unit
        if name == issuer:
            continue
        owed_rows.sort(key=lambda r: (r.occurrence.due or date.max, r.task.order))
        out.append(Letter(unit, name, owed_rows, today, reply_by))
    return sorted(out, key=lambda letter: letter.unit)


def _paragraphs(letter: Letter, plan: Plan, head: Letterhead, lang: str) -> tuple[str, str, list[str], str]:
    """The letter's subject, opening, one paragraph per obligation, and the request."""
    subject = words("subject", lang, n=len(letter.rows))
    plans = "; ".join(plan.documents[d].short for d in dict.fromkeys(r.task.document for r in letter.rows))
    opening = words(
        "opening", lang, plans=plans, issuer=head.issuer, unit=letter.name, date=format_date(letter.as_of, lang)
    )
    items = []
    for n, r in enumerate(letter.rows, 1):
        doc = plan.documents.get(r.task.document)
        source = f"{doc.short if doc else r.task.document}, {r.task.ref}"
        due = format_date(r.occurrence.due, lang) if r.occurrence.due else ""
        written = r.task.due_text or ""
        year = f" ({r.occurrence.year})" if r.occurrence.year else ""
        items.append(
            words("item", lang, n=n, title=r.task.title, id=r.task.id + year, source=source, written=written, due=due,
               days=r.days_overdue)
        )  # fmt: skip
    request = words("request", lang, issuer=head.issuer, reply_by=format_date(letter.reply_by, lang))
    return subject, opening, items, request


def letter_docx(letter: Letter, plan: Plan, head: Letterhead, lang: str) -> bytes:
    subject, opening, items, request = _paragraphs(letter, plan, head, lang)
    doc = OfficeDocument()
    doc.header(head, "", lang, subject, letter.as_of)
    doc.para(words("to", lang, unit=letter.name), align="center", space_after=12)
    doc.para(opening, indent=True)
    for item in items:
        doc.para(item, indent=True)
    doc.para(request, indent=True)
    doc.closing(head, [words("as_above", lang), words("archive", lang, who=head.short)], lang)
    return doc.bytes(letter.as_of)


def letter_markdown(letter: Letter, plan: Plan, head: Letterhead, lang: str) -> str:
    from .text import md

    subject, opening, items, request = _paragraphs(letter, plan, head, lang)
    number = words("number", lang, number=head.number or "…/…")
    lines = [
        f"**{md(head.issuer.upper())}**  ",
        f"{md(number)}  ",
        f"{md(subject)}",
        "",
        f"*{md(words('place_date', lang, place=head.place, year=letter.as_of.year))}*",
        "",
        f"**{md(words('to', lang, unit=letter.name))}**",
        "",
        md(opening),
        "",
        *[f"{md(item)}\n" for item in items],
        md(request),
        "",
        f"***{md(words('recipients', lang))}***",
        f"- {md(words('as_above', lang).removeprefix('- '))}",
        f"- {md(words('archive', lang, who=head.short).removeprefix('- '))}",
        "",
        f"**{md(head.signer_title.upper())}**  ",
        f"*{md(words('sign_here', lang))}*  ",
        f"**{md(head.signer)}**",
        "",
    ]
    return "\n".join(lines)


def letter_email(letter: Letter, plan: Plan, head: Letterhead, lang: str, sender: str | None) -> bytes:
    """One RFC 5322 message, addressed to the unit's ``email`` when the data has one."""
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    subject, opening, items, request = _paragraphs(letter, plan, head, lang)
    message = EmailMessage(policy=SMTP)
    message["Subject"] = clean(subject)
    unit = plan.units.get(letter.unit)
    try:  # kh check and --from admit one address each; a header that would still break is refused, not a crash
        if unit is not None and unit.email:
            message["To"] = unit.email
        if sender:
            message["From"] = sender
    except (ValueError, TypeError) as exc:
        from .errors import KhError
        from .i18n import t

        raise KhError(
            t("the letter to {unit}: an address e-mail cannot carry ({exc})", unit=letter.unit, exc=exc)
        ) from None
    message["Date"] = format_datetime(datetime(letter.as_of.year, letter.as_of.month, letter.as_of.day, 8, 0))
    body = [words("to", lang, unit=letter.name), "", opening, "", *[f"{i}\n" for i in items], request, ""]
    body += [head.signer_title.upper(), head.signer, clean(head.issuer)]
    message.set_content("\n".join(clean(line) if line else "" for line in body) + "\n")
    return bytes(message)


def file_name(letter: Letter, extension: str) -> str:
    """A file per recipient, named for it: "don-doc-vu-gdtx-2026-11-25.docx"."""
    return f"don-doc-{letter.unit}-{letter.as_of.isoformat()}.{extension}"
