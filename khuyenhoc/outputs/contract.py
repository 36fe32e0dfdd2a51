"""The JSON contract: every record a script may rely on, built here and only here.

Field names are a contract (docs/reference.md, "JSON contract"): extend them, never rename or drop one
silently, and note every change in CHANGELOG.md. ``tests/outputs/test_contract.py`` keeps a snapshot of
every output's fields.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..core import succession
from ..core.model import Completion, DataError, Note, Plan, Row, Task, Unit
from ..core.status import Tally, implemented_by, occurrences, status_of, tally
from ..words.text import FORMAT_CHARS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..git.history import Event
    from ..read.intake import Proposal
    from .agenda import Agenda
    from .report import Report, UnitLine


# What json.dumps leaves raw that a terminal would act on or a reader would not see: DEL and C1
# controls, line separators, and the format characters of text.safe (bidi, zero-width…).
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{FORMAT_CHARS}]")


def dumps(value: Any) -> str:
    """JSON that keeps Vietnamese readable yet cannot drive a terminal when printed."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def row_record(row: Row, plan: Plan | None = None, as_of: date | None = None) -> dict[str, Any]:
    """A row for JSON. With the plan and the as-of day, ``lead_now``: who holds the duty then."""
    task, occ = row.task, row.occurrence
    done = occ.completion if row.status.done else None
    record = {
        "id": task.id,
        "title": task.title,
        "lead": list(task.lead),
        "partners": list(task.partners),
        "due": occ.due.isoformat() if occ.due else None,
        "due_written": (occ.written or occ.due).isoformat() if occ.due else None,
        "due_text": task.due_text,
        "occurrence": occ.year,
        "status": row.status.value,
        "done_on": done.on.isoformat() if done else None,
        "done_exact": done.exact if done else None,
        "source": {"document": task.document, "ref": task.ref},
        "days_overdue": row.days_overdue,
        "member": occ.member,  # the member owing it, for a task owed by each member (else null)
    }
    if plan is not None and as_of is not None:
        record["lead_now"] = succession.now(plan, task.lead, as_of, task)
    return record


def rows_json(rows: Iterable[Row], plan: Plan, today: date) -> str:
    return dumps([row_record(r, plan, today) for r in rows]) + "\n"


def task_record(task: Task, plan: Plan, today: date) -> dict[str, Any]:
    rows = [status_of(o, today) for o in occurrences(task, plan, today.year)]
    return {
        "id": task.id,
        "title": task.title,
        "lead": list(task.lead),
        "partners": list(task.partners),
        "partner_roles": dict(task.partner_roles),
        "due_text": task.due_text,
        "yearly": task.deadline.yearly,
        "deadline_kind": task.deadline.kind,
        "source": {"document": task.document, "ref": task.ref},
        "implements": task.implements,
        "implemented_by": [t.id for t in implemented_by(plan, task)],
        "evidence": task.done.evidence if task.done else None,
        "notes": [{"on": n.on.isoformat(), "text": n.text, "source": n.source} for n in task.notes],
        "occurrences": [row_record(r) for r in rows],
    }


def unit_record(unit: Unit, counts: tuple[int, int]) -> dict[str, Any]:
    """A unit of `kh units --format json`: as it is named now, with the names it had before
    (``former_names``, oldest first) and the day it ceased where no successor took over."""
    return {
        "id": unit.id, "name": unit.name, "short": unit.short, "kind": unit.kind,
        "parent": unit.parent, "leads": counts[0], "overdue": counts[1],
        "code": unit.code,
        "former_names": [
            {"until": n.until.isoformat(), "name": n.name, "short": n.short, "code": n.code, "by": n.by}
            for n in unit.names
        ],
        "ceased": {"date": unit.ceased.on.isoformat(), "by": unit.ceased.by} if unit.ceased else None,
    }  # fmt: skip


def check_record(error: DataError) -> dict[str, Any]:
    """One problem for `kh check --format json`: path, line, message, severity."""
    severity = "warning" if error.warning else "error"
    return {"path": error.path, "line": error.line, "message": str(error.message), "severity": severity}


def _counted(counted: Tally) -> dict[str, int]:
    return {"tasks": counted.tasks, "tasks_per_member": counted.per_member, "member_shares": counted.shares}


def _unit_line(u: UnitLine) -> dict[str, Any]:
    from ..core.status import DATED

    counted = "member_shares" if u.shares else "tasks"
    return {"unit": u.unit, "counted": counted, "due": u.due, **{s.value: u.counts[s] for s in DATED}}


def report_record(report: Report, plan: Plan) -> dict[str, Any]:
    from ..core.status import DATED

    def rec(r: Row) -> dict[str, Any]:
        out = row_record(r, plan, report.as_of)
        c = r.occurrence.completion if r.status.done else None
        out["evidence"] = c.evidence if c else None
        return out

    return {
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "note": report.note,
        "documents": [{"id": d.id, "title": d.title, "short": d.short} for d in plan.documents.values()],
        "summary": {
            # every obligation due in the year, tasks and members' shares together
            "due": len(report.due),
            **{s.value: report.counts[s] for s in DATED},
            "ongoing": len(report.standing),
            "carried_over": len(report.carried_over),
            # the same, counted apart: tasks (one owed by each member counted once) and shares
            **_counted(report.tally),
            "by_task": {s.value: n for s, n in report.counts_of(False).items()},
            "by_member_share": {s.value: n for s, n in report.counts_of(True).items()},
            "carried_over_counted": _counted(tally(report.carried_over)),
            "ongoing_counted": _counted(tally(report.standing)),
        },
        "units": [
            {
                "unit": u.unit,
                "counted": "member_shares" if u.shares else "tasks",
                "due": u.due,
                **{s.value: u.counts[s] for s in DATED},
            }
            for u in report.units
        ],
        "overdue": [rec(r) for r in report.overdue],
        "completed": [rec(r) for r in report.completed],
        "next_year": [rec(r) for r in report.next_year],
        "reporting": [rec(r) for r in report.reporting],
        # tasks owed by each member: per occurrence due in the year, and per member
        "duties": [
            {
                "id": d.row.task.id,
                "occurrence": d.row.occurrence.year,
                "owed": d.due,
                **{s.value: d.counts[s] for s in DATED},
                "not_done": d.not_done,
            }
            for d in report.duties
        ],
        "members": [
            {"member": m.key, "owed": m.due, **{s.value: m.counts[s] for s in DATED}, "not_done": m.not_done}
            for m in report.members
        ],
    }


def agenda_record(agenda: Agenda, plan: Plan) -> dict[str, Any]:
    return {
        "as_of": agenda.today.isoformat(),
        "until": agenda.until.isoformat(),
        "overdue": [row_record(r, plan, agenda.today) for r in agenda.overdue],
        "weeks": [
            {
                "week": f"{w.monday.isocalendar()[0]}-W{w.number:02d}",
                "start": w.monday.isoformat(),
                "end": (w.monday + timedelta(days=6)).isoformat(),
                "items": [row_record(r, plan, agenda.today) for r in w.rows],
            }
            for w in agenda.weeks
        ],
    }


def history_record(event: Event) -> dict[str, Any]:
    """An event for ``--format json``."""

    def value(v: Any) -> Any:
        if isinstance(v, Completion):
            return {"on": v.on.isoformat(), "evidence": v.evidence, "source": v.source}
        if isinstance(v, tuple):
            return list(v)
        if isinstance(v, Note):
            return {"on": v.on.isoformat(), "text": v.text, "source": v.source}
        return v

    return {
        "commit": event.commit,
        "date": event.date or None,
        "author": event.author or None,
        "email": event.email or None,
        "subject": event.subject or None,
        "changes": [
            {"field": c.field, "year": c.year, "old": value(c.old), "new": value(c.new), "member": c.member}
            for c in event.changes
        ],
    }


def import_record(p: Proposal) -> dict[str, Any]:
    """A row of ``kh import``: the record it proposes (``outcome`` "record"), or why none."""
    return {
        "row": p.entry.row,
        "outcome": p.outcome,  # record, recorded, ambiguous, unplaced, skipped
        "sender": p.entry.sender,
        "reference": p.entry.reference,
        "member": p.member,
        "task": p.task.id if p.task is not None else None,
        "year": p.year,
        "date": p.on.isoformat() if p.on and p.exact else None,
        "no_later_than": p.on.isoformat() if p.on and not p.exact else None,
        "evidence": p.evidence or None,
        "source": p.source or None,
        "reason": str(p.why),
        "candidates": p.candidates,
    }
