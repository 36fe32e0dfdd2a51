"""The yearly follow-up report: what the YAML records, summarised for year Y as of a day.

Pure: the report is built as data (``build``), then rendered as Markdown, JSON or rich tables.
The counts come from the same rows as ``kh list``, so the report and the data cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core.members import collective_of, member_name
from ..core.model import Plan, Row, Status, Task
from ..core.status import DATED, Tally, grouped, rows, sort_key, tally
from ..words.i18n import format_date, label
from ..words.text import md, md_cell, safe
from .render import done_day, evidence_text, lead_cell, partner_names


@dataclass(frozen=True)
class UnitLine:
    """A lead unit's obligations of the year by status: its tasks, or (``shares``) the shares
    of its members in the tasks owed by each of them."""

    unit: str
    counts: dict[Status, int]
    shares: bool = False

    @property
    def due(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class MemberLine:
    """Counts by status of a member's obligations (``key``: the member), or of an occurrence's
    members (``key``: the task id and year, ``row``: one of its rows)."""

    key: str
    counts: dict[Status, int]
    row: Row
    not_done: list[str] = field(default_factory=list)  # the tasks (or members) not done yet

    @property
    def due(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Report:
    year: int
    as_of: date
    due: list[Row]  # occurrences due in the year: tasks' and members' shares
    counts: dict[Status, int]  # of all of them
    standing: list[Row]  # standing duties ("thường xuyên"), counted apart
    carried_over: list[Row]  # due before the year, still not done as of the as-of date
    units: list[UnitLine]
    overdue: list[Row]  # overdue as of the as-of date, due in or before the year; oldest first
    completed: list[Row]  # completed in the year (by the as-of date)
    next_year: list[Row]  # due in the following year
    reporting: list[Row] = field(default_factory=list)  # the year's yearly reporting duties
    # Tasks owed by each member: per occurrence due in the year, its members' statuses; and per
    # member, its obligations of the year (what a province owed, what it did).
    duties: list[MemberLine] = field(default_factory=list)
    members: list[MemberLine] = field(default_factory=list)
    # "before_plan": the year is before the plans' first year; "not_begun": it starts after the
    # as-of date, so nothing in it can be late yet. None for a year the plans span, begun.
    note: str | None = None

    @property
    def tally(self) -> Tally:
        return tally(self.due)

    def counts_of(self, shares: bool) -> dict[Status, int]:
        """The year's tasks by status (owed by one body), or the members' shares by status."""
        return {
            s: sum(1 for r in self.due if r.status is s and (r.occurrence.member is not None) == shares) for s in DATED
        }


def default_as_of(year: int, today: date) -> date:
    """The year's last day if it has ended, else the real (or --today) date: a report on a
    year not yet over never counts what falls due after today as late."""
    return min(today, date(year, 12, 31))


def year_note(plan: Plan, year: int, as_of: date) -> str | None:
    """Why the report on ``year`` is unusual, if it is (see :attr:`Report.note`)."""
    first = min((d.year for d in plan.documents.values()), default=year)
    if year < first:
        return "before_plan"
    if year > as_of.year:
        return "not_begun"
    return None


def build(plan: Plan, year: int, as_of: date) -> Report:
    all_rows = sorted(rows(plan, as_of, through_year=year + 1), key=sort_key)
    due = [r for r in all_rows if r.occurrence.due and r.occurrence.due.year == year]
    counts = {s: sum(1 for r in due if r.status is s) for s in DATED}
    earlier = [r for r in all_rows if r.occurrence.due and r.occurrence.due.year < year]
    carried = [r for r in earlier if not r.status.done]
    lines: dict[tuple[str, bool], dict[Status, int]] = {}
    for row in due:
        member = row.occurrence.member
        leads = row.task.lead if member is None else (collective_of(plan, row.task, member) or row.task.lead[0],)
        for unit in leads:
            lines.setdefault((unit, member is not None), {s: 0 for s in DATED})[row.status] += 1
    duties, members = _member_lines(plan, due)
    order = {u: i for i, u in enumerate(plan.units)}
    units = [
        UnitLine(u, c, shares)
        for (u, shares), c in sorted(lines.items(), key=lambda kv: (kv[0][1], order.get(kv[0][0], len(order))))
    ]
    completed = [
        r for r in all_rows if r.status.done and r.occurrence.completion and r.occurrence.completion.on.year == year
    ]
    completed.sort(key=lambda r: (r.occurrence.completion.on if r.occurrence.completion else date.max, r.task.order))
    return Report(
        year=year,
        as_of=as_of,
        due=due,
        counts=counts,
        standing=[r for r in all_rows if r.status is Status.ONGOING],
        carried_over=carried,
        units=units,
        overdue=[r for r in carried + due if r.status is Status.OVERDUE],
        completed=completed,
        next_year=[r for r in all_rows if r.occurrence.due and r.occurrence.due.year == year + 1],
        reporting=[r for r in due if r.task.deadline.yearly],
        duties=duties,
        members=members,
        note=year_note(plan, year, as_of),
    )


def _member_lines(plan: Plan, due: list[Row]) -> tuple[list[MemberLine], list[MemberLine]]:
    """The members' rows of the year, counted per occurrence and per member of a collective
    (UBND Hà Nội and Sở GDĐT Hà Nội apart)."""
    by_duty: dict[tuple[str, int | None], MemberLine] = {}
    by_member: dict[tuple[str | None, str], MemberLine] = {}
    for row in due:
        occ = row.occurrence
        if occ.member is None:
            continue
        duty = by_duty.setdefault((occ.task.id, occ.year), MemberLine(_row_id(row), {s: 0 for s in DATED}, row))
        collective = collective_of(plan, occ.task, occ.member)
        member = by_member.setdefault((collective, occ.member), MemberLine(occ.member, {s: 0 for s in DATED}, row))
        duty.counts[row.status] += 1
        member.counts[row.status] += 1
        if not row.status.done:
            duty.not_done.append(occ.member)
            member.not_done.append(_row_id(row))
    return list(by_duty.values()), list(by_member.values())


def percent(part: int, whole: int, lang: str = "en") -> str:
    """A share with one decimal, written as the language writes it: 7,1% in Vietnamese."""
    if not whole:
        return "–"
    text = f"{100 * part / whole:.1f}%"
    return text.replace(".", ",") if lang == "vi" else text


# -- labels ------------------------------------------------------------------------------------


def _t(key: str, lang: str, **values: object) -> str:
    """A label of the report, from the one catalogue (``i18n``, keys ``report.*``)."""
    return label(f"report.{key}", lang, **values)


def _status(status: Status, lang: str) -> str:
    return label(status.value, lang)


def _units(plan: Plan, ids: tuple[str, ...], as_of: date, task: Task | None = None) -> str:
    from ..core.succession import unit_names

    return unit_names(plan, ids, as_of, task)


def _deadline(row: Row, lang: str) -> str:
    due, written = row.occurrence.due, row.occurrence.written
    text = row.task.due_text or ""
    if written:
        return f"{text} ({format_date(written, lang)} → {format_date(due, lang)})" if due else text
    return f"{text} ({format_date(due, lang)})" if due else text


def _row_id(row: Row) -> str:
    return f"{row.task.id} ({row.occurrence.year})" if row.occurrence.year else row.task.id


# -- Markdown ----------------------------------------------------------------------------------


def _table(header: list[str], body: list[list[str]], kinds: str = "") -> list[str]:
    marks = [("---:" if k == "n" else "---") for k in (kinds or "t" * len(header))]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    out += ["| " + " | ".join(md_cell(c) for c in cells) + " |" for cells in body]
    return out


@dataclass(frozen=True)
class Section:
    """One numbered part of the report: a heading, a table (or none), and lines after it."""

    heading: str
    header: list[str]
    body: list[list[str]]
    # One letter a column (see render.fitted_table): t text, k key (id, date: never breaks),
    # n number (never breaks, right-aligned). Empty: all text.
    kinds: str = ""
    drop: dict[int, int] = field(default_factory=dict)  # columns a narrow terminal may leave out
    intro: str = ""
    after: list[str] = field(default_factory=list)


def sections(report: Report, plan: Plan, lang: str) -> list[Section]:
    """The report's content, once, for every format that renders it. A task owed by each
    member is one line per occurrence in the lists ("Sở GDĐT · 21/34 chưa hoàn thành"), its
    members' own lines in sections 7 and 8; the counts of sections 1 and 2 count each member's
    occurrence as one obligation."""
    y, L = report.year, lang
    as_of = report.as_of

    def lead(r: Row) -> str:
        return lead_cell(plan, r, as_of, L)

    from .render import count_text

    counted = report.tally
    own, shares = report.counts_of(False), report.counts_of(True)
    n_own, n_shares = sum(own.values()), sum(shares.values())
    summary = []
    for status, n in [*((_status(s, L), s) for s in DATED), (_t("total", L), None)]:
        a = n_own if n is None else own[n]
        line = [status, str(a), percent(a, n_own, L)]
        if n_shares:
            b = n_shares if n is None else shares[n]
            line += [str(b), percent(b, n_shares, L)]
        summary.append(line)
    header = [_t("category", L), _t("tasks_col", L), _t("share", L)]
    header += [_t("shares_col", L), _t("share", L)] if n_shares else []
    intro = _t("summary_intro", L, year=y, n=count_text(counted, L))
    if n_shares:
        intro += " " + _t("summary_split", L, n=n_own, k=counted.per_member)
    completed = []
    for r in report.completed:
        c = r.occurrence.completion
        assert c is not None
        evidence = evidence_text(c)
        completed.append(
            [
                _row_id(r),
                r.task.title,
                lead(r),
                _deadline(r, L),
                done_day(c, L),
                _status(r.status, L),
                evidence,
            ]
        )
    return [
        Section(
            _t("summary", L),
            header,
            summary,
            "tnnnn" if n_shares else "tnn",
            intro=intro,
            after=[
                _t("standing_line", L, n=count_text(tally(report.standing), L)),
                _t("carried_line", L, n=count_text(tally(report.carried_over), L)),
            ],
        ),
        Section(
            _t("by_unit", L),
            [_t("unit", L), _t("counted_in", L), _t("due_in_year", L)] + [_status(s, L) for s in DATED],
            [
                [_units(plan, (u.unit,), report.as_of), _t("in_shares" if u.shares else "in_tasks", L), str(u.due)]
                + [str(u.counts[s]) for s in DATED]
                for u in report.units
            ],
            "tknnnnnn",
            drop={1: 1},
        ),
        Section(
            _t("overdue_h", L),
            [_t(k, L) for k in ("id", "task", "lead", "partners", "deadline", "days")],
            [
                [
                    _row_id(r),
                    r.task.title,
                    lead(r),
                    partner_names(plan, r.task, report.as_of),
                    _deadline(r, L),
                    str(r.days_overdue),
                ]
                for r in grouped(plan, report.overdue, as_of)
            ],
            "kttttn",
            drop={3: 1},  # the partners
        ),
        Section(
            _t("completed_h", L, year=y),
            [_t(k, L) for k in ("id", "task", "lead", "deadline", "done_on", "status", "evidence")],
            completed,
            "ktttktt",
            drop={5: 3, 2: 2, 3: 1},  # the status (on time or late), then the lead, then the deadline
        ),
        Section(
            _t("next_h", L, year=y + 1),
            [_t(k, L) for k in ("id", "task", "lead", "deadline")],
            [[_row_id(r), r.task.title, lead(r), _deadline(r, L)] for r in grouped(plan, report.next_year, as_of)],
            "kttt",
        ),
        Section(
            _t("reporting_h", L, year=y),
            [_t(k, L) for k in ("id", "task", "lead", "deadline", "met")],
            [
                [
                    r.task.id,
                    r.task.title,
                    lead(r),
                    _deadline(r, L),
                    _status(r.status, L),
                ]
                for r in grouped(plan, report.reporting, as_of)
            ],
            "ktttt",
        ),
        Section(
            _t("duties_h", L, year=y),
            [_t("id", L), _t("deadline", L), _t("owed", L)] + [_status(s, L) for s in DATED],
            [[d.key, _deadline(d.row, L), str(d.due)] + [str(d.counts[s]) for s in DATED] for d in report.duties],
            "kknnnnnn",
            drop={1: 1, 5: 2, 4: 3, 3: 4},  # the deadline, then done undated, late, on time
            intro=_t("duties_intro", L),
        ),
        Section(
            _t("members_h", L, year=y),
            [_t("member", L), _t("owed", L)] + [_status(s, L) for s in DATED] + [_t("not_done", L)],
            [
                [member_name(plan, m.row.task, m.key, as_of, date(report.year, 12, 31)), str(m.due)]
                + [str(m.counts[s]) for s in DATED]
                + [", ".join(m.not_done)]
                for m in report.members
            ],
            "tnnnnnnt",
            drop={7: 1, 4: 2, 3: 3, 2: 4},  # the list, then done undated, late, on time
        ),
    ]


def _note(report: Report, plan: Plan, lang: str) -> str | None:
    if report.note is None:
        return None
    first = min(d.year for d in plan.documents.values())
    return _t(report.note, lang, year=report.year, first=first, date=format_date(report.as_of, lang))


def markdown(report: Report, plan: Plan, lang: str = "vi", charts: bool = True) -> str:
    L = lang
    out = [f"# {_t('title', L, year=report.year)}", "", f"{_t('plans', L)}:"]
    out += [f"- {md(d.title)}" for d in plan.documents.values()]
    out += ["", f"*{_t('as_of', L, date=format_date(report.as_of, L))}*", ""]
    if note := _note(report, plan, L):
        out += [f"**{note}**", ""]
    for section in sections(report, plan, L):
        out += [f"## {section.heading}", ""]
        if section.intro:
            out += [section.intro, ""]
        out += _table(section.header, section.body, section.kinds) if section.body else [_t("none", L)]
        out.append("")
        if section.after:
            out += [f"- {line}" for line in section.after] + [""]
    if charts:
        out += [f"## {_t('charts_h', L)}", ""]
        # nothing drawn for a year with nothing due: an empty pie, a Gantt chart of NaN
        out += _charts(report, plan, L) if report.due else [_t("none", L), ""]
    return "\n".join(out)


def _charts(report: Report, plan: Plan, lang: str) -> list[str]:
    """Mermaid charts: the statuses as a pie (the tasks', and the members' shares apart), the
    deadlines as a Gantt chart of milestones."""
    from .charts import gantt, pie

    own, shares = report.counts_of(False), report.counts_of(True)
    title = _t("pie_title", lang, year=report.year)
    out: list[str] = []
    for name, counts in ((_t("tasks_col", lang), own), (_t("shares_col", lang), shares)):
        if any(counts.values()):
            out += [*pie(counts, f"{title}: {name}" if any(shares.values()) else title, lang), ""]
    days = gantt(grouped(plan, report.due, report.as_of), _t("gantt_title", lang, year=report.year), lang)
    return [*out, *days, ""]


# -- JSON ----------------------------------------------------------------------------------------


# -- rich ------------------------------------------------------------------------------------------


def rich_tables(report: Report, plan: Plan, lang: str, width: int = 100) -> list[Any]:
    """The report's sections as rich renderables of ``width``, for `--format table`."""
    from rich.text import Text

    from .render import fitted_table

    L = lang
    parts: list[Any] = [
        Text(_t("title", L, year=report.year), style="bold"),
        Text(_t("as_of", L, date=format_date(report.as_of, L))),
    ]
    if note := _note(report, plan, L):
        parts.append(Text(note, style="bold"))
    for section in sections(report, plan, L):
        if section.intro:
            parts.append(Text(section.intro))
        kinds = section.kinds or "t" * len(section.header)
        rows = [[Text(safe(c)) for c in cells] for cells in section.body]
        table = fitted_table(section.header, rows, width, kinds=kinds, drop=section.drop, title=section.heading)
        parts.append(table if section.body else Text(f"{section.heading}\n{_t('none', L)}"))
        parts += [Text(line) for line in section.after]
    return parts
