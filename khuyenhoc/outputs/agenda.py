"""kh agenda: what falls due soon, week by week, after what is already overdue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..core.model import Plan, Row, Status
from ..core.status import Filter, Tally, grouped, select, tally
from ..words.i18n import format_date, label, t
from ..words.text import md, md_cell, safe
from .plain import wrap
from .render import count_text, due_cell, lead_cell, status_cell


class PeriodError(ValueError):
    pass


def parse_within(text: str, today: date) -> date:
    """ "30d", "2w", "1m" (calendar months, so "1m" from 31/01 is 28/02) → the last day. The
    unit is required: a bare "3" could mean days, weeks or months."""
    m = re.fullmatch(r"\s*(\d{1,4})\s*([dwm]?)\s*", text.lower())
    if not m:
        raise PeriodError(
            t("invalid period {text!r}: expected a number of days, weeks or months: 30d, 2w, 1m", text=text)
        )
    if not m[2]:
        n = m[1]
        raise PeriodError(
            t("period {text!r} has no unit: write {n}d (days), {n}w (weeks) or {n}m (months)", text=text, n=n)
        )
    n, unit = int(m[1]), m[2]
    if unit == "m":
        from dateutil.relativedelta import relativedelta

        return today + relativedelta(months=n)
    return today + timedelta(days=n * (7 if unit == "w" else 1))


@dataclass(frozen=True)
class Week:
    monday: date
    rows: list[Row]

    @property
    def number(self) -> int:
        return self.monday.isocalendar()[1]


@dataclass(frozen=True)
class Agenda:
    today: date
    until: date
    overdue: list[Row]
    weeks: list[Week]
    counted: Tally | None = None  # what is overdue: tasks, and members' shares apart

    def overdue_heading(self, lang: str) -> str:
        """ "Quá hạn · 46 nhiệm vụ, trong đó 16 giao cho từng thành viên: 729 lượt"."""
        return label("agenda_overdue", lang, n=count_text(self.counted or tally(self.overdue), lang))


def build(plan: Plan, today: date, until: date, flt: Filter) -> Agenda:
    """The agenda; a task owed by each member is one entry per occurrence ("Sở GDĐT · 21/34
    chưa hoàn thành"), or the chosen member's own entries (``flt.members_only``)."""
    overdue = select(plan, today, replace(flt, statuses=frozenset({Status.OVERDUE})))
    counted = tally(overdue)
    upcoming = select(plan, today, replace(flt, statuses=frozenset({Status.OPEN}), between=(today, until)))
    if not flt.members_only:
        overdue, upcoming = grouped(plan, overdue, today, flt.units), grouped(plan, upcoming, today, flt.units)
    weeks: dict[date, list[Row]] = {}
    for row in upcoming:
        due = row.occurrence.due
        assert due is not None
        weeks.setdefault(due - timedelta(days=due.weekday()), []).append(row)
    return Agenda(today, until, overdue, [Week(monday, rows) for monday, rows in sorted(weeks.items())], counted)


def _heading(week: Week, lang: str) -> str:
    end = week.monday + timedelta(days=6)
    start, stop = format_date(week.monday, lang), format_date(end, lang)
    return label("agenda_week", lang, week=week.number, start=start, end=stop)


def _row_text(row: Row, plan: Plan, today: date, lang: str) -> tuple[str, str]:
    """(the due cell, the rest): "BGD-19 (2025) Tổng hợp… — Vụ GDTX → Cục GDNN và GDTX · Quá hạn (7 ngày)"."""
    task, year = row.task, row.occurrence.year
    ident = f"{task.id} ({year})" if year else task.id
    who = lead_cell(plan, row, today, lang)
    return due_cell(row, lang), f"{ident} {task.title} — {who} · {status_cell(row, lang)}"


def lines(agenda: Agenda, plan: Plan, lang: str, width: int) -> Iterator[str]:
    """Plain text: a heading per group, one wrapped entry per obligation."""
    groups: list[tuple[str, list[Row]]] = []
    if agenda.overdue:
        groups.append((agenda.overdue_heading(lang), agenda.overdue))
    groups += [(_heading(w, lang), w.rows) for w in agenda.weeks]
    if not agenda.weeks:
        groups.append((label("agenda_none", lang, date=format_date(agenda.until, lang)), []))
    for n, (heading, rows) in enumerate(groups):
        yield ("\n" if n else "") + heading + "\n"
        for row in rows:
            due, rest = _row_text(row, plan, agenda.today, lang)
            pad = 2 + len(due) + 2
            text = wrap(safe(rest), max(20, width - pad))
            yield f"  {due}  {text[0]}\n" + "".join(" " * pad + t + "\n" for t in text[1:])


def markdown(agenda: Agenda, plan: Plan, lang: str) -> str:
    out = [f"*{label('as_of', lang, date=format_date(agenda.today, lang))}*", ""]
    groups = [(agenda.overdue_heading(lang), agenda.overdue)] if agenda.overdue else []
    groups += [(_heading(w, lang), w.rows) for w in agenda.weeks]
    for heading, rows in groups:
        out += [f"### {md(heading)}", ""]
        for row in rows:
            due, rest = _row_text(row, plan, agenda.today, lang)
            out.append(f"- **{md_cell(due)}** {md_cell(rest)}")
        out.append("")
    if not agenda.weeks:
        out += [md(label("agenda_none", lang, date=format_date(agenda.until, lang))), ""]
    return "\n".join(out)
