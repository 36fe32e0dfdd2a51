"""Who holds a duty now: units replaced in the 2025 restructuring, and functions that moved
elsewhere (docs/sources.md §5). Pure: always given the as-of day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .model import Plan, Succession, Task


def step(plan: Plan, unit_id: str, as_of: date, task: Task | None = None) -> Succession | None:
    """The succession in force for this unit on ``as_of``: the task's own move first."""
    if task is not None:
        for move in task.moved:
            if move.unit == unit_id and move.on <= as_of:
                return move
    unit = plan.units.get(unit_id)
    if unit is not None and unit.successor is not None and unit.successor.on <= as_of:
        return unit.successor
    return None


def chain(plan: Plan, unit_id: str, as_of: date, task: Task | None = None) -> list[Succession]:
    """The successions from a unit to whoever holds its duty on ``as_of`` (empty: itself)."""
    out: list[Succession] = []
    seen = {unit_id}
    current = unit_id
    while (move := step(plan, current, as_of, task)) is not None and move.to not in seen:
        out.append(move)
        seen.add(move.to)
        current = move.to
    return out


def holder(plan: Plan, unit_id: str, as_of: date, task: Task | None = None) -> str:
    moves = chain(plan, unit_id, as_of, task)
    return moves[-1].to if moves else unit_id


def now(plan: Plan, ids: Iterable[str], as_of: date, task: Task | None = None) -> list[str]:
    """The units that hold these duties on ``as_of``, in order, without repeats."""
    return list(dict.fromkeys(holder(plan, u, as_of, task) for u in ids))


def partners_now(plan: Plan, task: Task, as_of: date) -> list[str]:
    """The task's partners as shown on ``as_of``: a partner whose duty passed to one of the
    task's lead units (Bộ LĐTBXH's vocational schools to Bộ GDĐT, the lead of TTG-II.1.b) is
    not shown cooperating with itself."""
    leads = set(task.lead) | set(now(plan, task.lead, as_of, task))
    return [p for p in task.partners if p not in leads and holder(plan, p, as_of, task) not in leads]


def involved(plan: Plan, task: Task, as_of: date, lead_only: bool = False) -> set[str]:
    """The task's units as written and as they are on ``as_of``: `--unit` finds both."""
    ids = task.lead if lead_only else (*task.lead, *task.partners)
    return set(ids) | set(now(plan, ids, as_of, task))


def unit_name(
    plan: Plan, unit_id: str, as_of: date, task: Task | None = None, *, full: bool = False,
    named_on: date | None = None,
) -> str:  # fmt: skip
    """ "Vụ GDTX → Cục GDNN và GDTX" (full: the full names) when the unit was succeeded. Each is
    named as it was on ``as_of`` (the unit itself on ``named_on`` if given: the name a duty of
    2021 was owed under, "Thừa Thiên Huế")."""

    def name(uid: str, day: date) -> str:
        unit = plan.units.get(uid)
        return uid if unit is None else unit.name_on(day, full=full)

    first = name(unit_id, named_on or as_of)
    return " → ".join([first] + [name(m.to, as_of) for m in chain(plan, unit_id, as_of, task)])


def unit_names(plan: Plan, ids: Iterable[str], as_of: date, task: Task | None = None) -> str:
    return ", ".join(unit_name(plan, u, as_of, task) for u in ids)
