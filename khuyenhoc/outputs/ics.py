"""kh ics: the deadlines as an iCalendar file (RFC 5545), written with the icalendar package.

Each obligation is an all-day event on its due day, a yearly duty one event per year. The
UID is the task id and year, so importing a newer export updates the events instead of
adding copies; SEQUENCE grows with the as-of day, so the newer export wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from ..core.model import Plan, Row
from ..words.i18n import format_date, label
from ..words.text import safe
from .render import lead_cell, status_cell

EPOCH = date(2020, 1, 1)


def uid(row: Row) -> str:
    """The task id and year; a member's own event adds the member (``BGD-III.3-BC-2026-ha-noi``)."""
    member = f"-{row.occurrence.member}" if row.occurrence.member else ""
    return f"{row.task.id}-{row.occurrence.year or 'once'}{member}@khuyenhoc"


def calendar(rows: Iterable[Row], plan: Plan, today: date, lang: str) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//khuyenhoc//kh//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", label("ics_name", lang))
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    as_of = label("as_of", lang, date=format_date(today, lang))
    for row in rows:
        due = row.occurrence.due
        if due is None:
            continue
        task, year = row.task, row.occurrence.year
        ident = f"{task.id} ({year})" if year else task.id
        doc = plan.documents.get(task.document)
        details = [
            f"{label('lead', lang)}: {lead_cell(plan, row, today, lang)}",
            f"{label('due_text', lang)}: {task.due_text or ''}",
            f"{label('status', lang)}: {status_cell(row, lang)} ({as_of})",
            f"{label('source', lang)}: {doc.short if doc else task.document}, {task.ref}",
        ]
        if row.occurrence.written:
            moved = f"{format_date(row.occurrence.written, lang)} → {format_date(due, lang)}"
            details.insert(2, f"{label('due', lang)}: {moved}")
        event = Event()
        event.add("uid", uid(row))
        event.add("dtstamp", stamp)
        event.add("sequence", (today - EPOCH).days)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", safe(f"{ident}: {task.title}"))
        event.add("description", "\n".join(safe(d) for d in details))
        event.add("categories", [label(row.status.value, lang)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
