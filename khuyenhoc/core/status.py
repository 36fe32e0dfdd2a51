"""What is due, and whether it is done on time, done late, open, overdue or ongoing.

Always given ``today``: nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from . import members
from .deadlines import quarter_end
from .model import Completion, Occurrence, Plan, Row, Status, Task
from .succession import involved

FIRST_YEAR = 2020  # when a task's document gives no year
# The statuses of an obligation that has a deadline, in the order the reports count them.
DATED = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.DONE_UNDATED, Status.OPEN, Status.OVERDUE)


def occurrences(task: Task, plan: Plan, through_year: int, today: date | None = None) -> Iterator[Occurrence]:
    """A one-off task's single occurrence, or one per year for a yearly task.

    A yearly task yields one occurrence for each year from its plan's first year through
    ``through_year``, each with its own completion record. When the plan's document names the
    day it took effect (``effective:``), a year whose deadline falls before that day owes
    nothing. The MOET plan's decision leaves its number and date blank, so its first year's
    occurrences assume it was signed before that year's deadlines (before 29/10/2020 for the
    reports due "trước ngày 30/10 hằng năm"); a user who finds the decision sets its
    ``effective:`` and the occurrences follow.

    A task owed by each member (``per_member``) yields, for each of these, one occurrence per
    member of its lead collectives on the day it is due (on ``today`` for a standing duty).
    """
    if not members.per_member(plan, task):
        yield from _occurrences(task, plan, through_year)
        return
    for occ in _occurrences(task, plan, through_year):
        day = occ.written or occ.due or today or date(through_year, 12, 31)
        for member in members.owed(plan, task, day):
            done = members.completion(plan, task, member, occ.year)
            yield Occurrence(task, occ.year, occ.due, done, occ.written, member)


def _occurrences(task: Task, plan: Plan, through_year: int) -> Iterator[Occurrence]:
    """The occurrences of a task owed by its lead as one body (see :func:`occurrences`)."""
    deadline = task.deadline
    if not deadline.yearly:
        yield _occurrence(plan, task, None, deadline.on, task.done)
        return
    doc = plan.documents.get(task.document)
    first = doc.year if doc else FIRST_YEAR
    effective = doc.effective if doc else None
    for year in range(first, through_year + 1):
        due = deadline.due_in(year)
        if effective is not None and due is not None and due < effective:
            continue
        yield _occurrence(plan, task, year, due, task.done_yearly.get(year))


def _occurrence(plan: Plan, task: Task, year: int | None, due: date | None, done: Completion | None) -> Occurrence:
    due, written = _shift(plan, due)
    return Occurrence(task, year, due, done, written)


def _shift(plan: Plan, due: date | None) -> tuple[date | None, date | None]:
    """(the day it is due, the day the text gives if different): with working days on, a
    deadline on a day off moves to the next working day."""
    if due is not None and plan.calendar is not None:
        moved = plan.calendar.adjust(due)
        if moved != due:
            return moved, due
    return due, None


def status_of(occurrence: Occurrence, today: date) -> Row:
    """The status as of ``today``. The deadline day itself is not overdue; the next day is.

    A completion dated after ``today`` does not count yet: a view of the past shows the
    past as it was.
    """
    status, days = _status(occurrence.due, occurrence.completion, today)
    return Row(occurrence, status, days)


def _status(due: date | None, done: Completion | None, today: date) -> tuple[Status, int]:
    if due is None:
        return Status.ONGOING, 0
    if done is not None and done.on <= today:
        if done.on <= due:
            return Status.DONE_ON_TIME, 0
        return (Status.DONE_LATE if done.exact else Status.DONE_UNDATED), 0
    if today <= due:
        return Status.OPEN, 0
    return Status.OVERDUE, (today - due).days


@dataclass(frozen=True)
class Filter:
    """What ``kh list`` selects. Empty fields select everything."""

    statuses: frozenset[Status] = frozenset()
    include_done: bool = False
    units: frozenset[str] = frozenset()  # unit ids, already expanded to their descendants
    lead_only: bool = False
    year: int | None = None
    quarter: tuple[int, int] | None = None  # (year, quarter)
    documents: frozenset[str] = frozenset()
    search: str | None = None  # already folded with text.fold
    between: tuple[date, date] | None = None  # due in this range (inclusive)
    members_only: bool = False  # only the members' rows of per-member tasks (kh list --member)

    def period(self) -> tuple[date, date] | None:
        if self.between:
            return self.between
        if self.quarter:
            year, q = self.quarter
            return date(year, q * 3 - 2, 1), quarter_end(year, q)
        if self.year:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        return None


def rows(plan: Plan, today: date, through_year: int | None = None) -> Iterator[Row]:
    """Every occurrence of every task with its status, in plan order."""
    last = max(today.year, through_year or today.year)
    for task in plan.tasks:
        for occurrence in occurrences(task, plan, last, today):
            yield status_of(occurrence, today)


def sort_key(row: Row) -> tuple:
    due = row.occurrence.due
    return (due is None, due or date.max, row.task.order, row.occurrence.year or 0)


def select(plan: Plan, today: date, flt: Filter) -> list[Row]:
    """The rows ``kh list`` shows: filtered, oldest deadline first, standing duties last.

    Does what ``rows`` then filtering would do, but filters each task before looking at its
    occurrences, and builds a row only for what is kept: a large plan has 10^5 occurrences
    and ``--overdue`` keeps a fraction of them.
    """
    from ..words.text import fold

    period = flt.period()
    last = max(today.year, period[1].year if period else today.year)
    first_year = {doc_id: doc.year for doc_id, doc in plan.documents.items()}
    effective = {doc_id: doc.effective for doc_id, doc in plan.documents.items()}
    wanted = flt.statuses
    calendar = plan.calendar
    out: list[Row] = []
    for task in plan.tasks:
        if members.per_member(plan, task):
            out += _member_rows(plan, task, today, flt, last)
            continue
        if flt.members_only:
            continue
        if flt.units and not involved(plan, task, today, flt.lead_only) & flt.units:
            continue
        if flt.documents and task.document not in flt.documents:
            continue
        if flt.search and flt.search not in fold(f"{task.id} {task.title}"):
            continue
        deadline = task.deadline
        if deadline.yearly:
            years: Iterable[int | None] = range(first_year.get(task.document, FIRST_YEAR), last + 1)
        else:
            years = (None,)
        for year in years:
            if year is None:
                due, done = deadline.on, task.done
            else:
                due, done = deadline.due_in(year), task.done_yearly.get(year)
                since = effective.get(task.document)
                if since is not None and due is not None and due < since:
                    continue  # owed only from the day the plan took effect, as occurrences() says
            written = None
            if calendar is not None:
                due, written = _shift(plan, due)
            if period and (due is None or not period[0] <= due <= period[1]):
                continue
            status, days = _status(due, done, today)
            if wanted:
                if status not in wanted:
                    continue
            elif status.done and not flt.include_done:
                continue
            out.append(Row(Occurrence(task, year, due, done, written), status, days))
    out.sort(key=sort_key)
    return out


def _member_rows(plan: Plan, task: Task, today: date, flt: Filter, last: int) -> list[Row]:
    """The rows of a per-member task that ``flt`` selects: every member's when the task's own
    units are asked for (--unit so-gddt), else those of the members asked for and of the members
    whose duties they hold today (--member tuyen-quang: Hà Giang's too)."""
    from ..words.text import fold
    from .succession import holder

    scope = None
    if flt.units and (flt.members_only or not involved(plan, task, today, flt.lead_only) & flt.units):
        scope = flt.units
    if flt.documents and task.document not in flt.documents:
        return []
    if flt.search and flt.search not in fold(f"{task.id} {task.title}"):
        return []
    period = flt.period()
    wanted = flt.statuses
    out = []
    for occ in occurrences(task, plan, last, today):
        if period and (occ.due is None or not period[0] <= occ.due <= period[1]):
            continue
        if scope is not None and occ.member not in scope and holder(plan, occ.member or "", today) not in scope:
            continue
        status, days = _status(occ.due, occ.completion, today)
        if wanted:
            if status not in wanted:
                continue
        elif status.done and not flt.include_done:
            continue
        out.append(Row(occ, status, days))
    return out


_SEVERITY = (Status.OVERDUE, Status.OPEN, Status.ONGOING, Status.DONE_LATE, Status.DONE_UNDATED, Status.DONE_ON_TIME)


def grouped(plan: Plan, rows: list[Row], today: date, own: frozenset[str] = frozenset()) -> list[Row]:
    """The rows with each occurrence's members' rows as one line (``Row.group``): how many of
    the members owing it have not done it by ``today``, of how many. The line takes the place of
    the first of its rows, with the worst status among them and the most days overdue. The rows
    of the members in ``own`` (the units asked for, --unit cuc-cntt) stay their own lines."""
    from .succession import holder

    out: list[Row] = []
    groups: dict[tuple[int, int | None], tuple[int, list[Row]]] = {}  # → (its place in out, its rows)
    for row in rows:
        occ = row.occurrence
        if occ.member is None or (own and (occ.member in own or holder(plan, occ.member, today) in own)):
            out.append(row)
            continue
        key = (id(occ.task), occ.year)
        if key not in groups:
            groups[key] = (len(out), [])
            out.append(row)  # the place of the group
        groups[key][1].append(row)
    for place, members_rows in groups.values():
        occ = members_rows[0].occurrence
        status = min((r.status for r in members_rows), key=_SEVERITY.index)
        days = max(r.days_overdue for r in members_rows)
        owing = members.owed(plan, occ.task, occ.written or occ.due or today)
        open_ = members.not_done(plan, occ.task, occ.year, owing, today)
        summary = Occurrence(occ.task, occ.year, occ.due, None, occ.written)
        out[place] = Row(summary, status, days, (open_, len(owing)))
    return out


@dataclass(frozen=True)
class Tally:
    """What a list of rows counts, named apart: ``tasks`` the tasks' occurrences (BGD-19 (2021)),
    each owed by one body or by each member of a collective (then counted once); ``per_member``
    how many of those are owed by each member; ``shares`` the members' own obligations in them
    ("lượt": one member's one occurrence, Sở GDĐT Hà Nội's 2021 report)."""

    tasks: int
    per_member: int
    shares: int


def tally(rows: Iterable[Row]) -> Tally:
    """Count rows as selected (before :func:`grouped`)."""
    own = shares = 0
    occurrences_: set[tuple[str, int | None]] = set()
    for row in rows:
        if row.occurrence.member is None:
            own += 1
        else:
            shares += 1
            occurrences_.add((row.task.id, row.occurrence.year))
    return Tally(own + len(occurrences_), len(occurrences_), shares)


def descendants(plan: Plan, unit_ids: Iterable[str]) -> frozenset[str]:
    """The units and every unit below them (a ministry's departments, a department's centres)."""
    wanted = set(unit_ids)
    changed = True
    while changed:
        changed = False
        for unit in plan.units.values():
            if unit.parent in wanted and unit.id not in wanted:
                wanted.add(unit.id)
                changed = True
    return frozenset(wanted)


def unit_counts(plan: Plan, today: date) -> dict[str, tuple[int, int]]:
    """For each unit: how many tasks it leads (or owes as a member), and how many of their
    occurrences are overdue (a member: its own)."""
    leads: dict[str, int] = {u: 0 for u in plan.units}
    overdue: dict[str, int] = {u: 0 for u in plan.units}
    for task in plan.tasks:
        late = 0
        owing: set[str] = set()
        for o in occurrences(task, plan, today.year, today):
            if o.member is not None:
                owing.add(o.member)
            if status_of(o, today).status is Status.OVERDUE:
                late += 1
                if o.member is not None:  # a member's own: counted for it too
                    overdue[o.member] = overdue.get(o.member, 0) + 1
        for unit_id in (*task.lead, *owing):
            if unit_id in leads:
                leads[unit_id] += 1
                if unit_id not in owing:
                    overdue[unit_id] += late
    return {u: (leads[u], overdue[u]) for u in plan.units}


def implemented_by(plan: Plan, task: Task) -> list[Task]:
    """The tasks that carry this one out (MOET rows under a 489 item)."""
    return [t for t in plan.tasks if t.implements and t.implements.casefold() == task.id.casefold()]
