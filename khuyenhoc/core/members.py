"""Who owes a per-member task, and how a member is named: the members of a collective on a
given day (63 provinces until 30/06/2025, 34 from 01/07/2025), and the member's rows of an
occurrence. Pure: always given the day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .model import Completion, Plan, Task, Unit
from .succession import unit_name


def exists_on(unit: Unit, day: date) -> bool:
    """A unit exists from its ``since`` (if any) to the day before its successor takes over, or
    before the day it ceased."""
    if unit.since is not None and day < unit.since:
        return False
    if unit.successor is not None and day >= unit.successor.on:
        return False
    return unit.ceased is None or day < unit.ceased.on


def members_on(plan: Plan, collective: str, day: date) -> list[str]:
    """The members of a collective on ``day``, in data order (of its kind, then listed, then
    those that say they belong); empty when none are known."""
    unit = plan.units.get(collective)
    spec = unit.members if unit is not None else None
    joined = plan.joined.get(collective, ())
    if spec is None and not joined:
        return []
    out: dict[str, None] = {}
    if spec is not None and spec.kind is not None:
        out.update((u.id, None) for u in plan.by_kind.get(spec.kind, ()) if exists_on(u, day))
    for m in spec.units if spec is not None else ():
        member = plan.units.get(m.unit)
        if member is None or not exists_on(member, day):
            continue
        if (m.since is None or m.since <= day) and (m.until is None or day <= m.until):
            out[m.unit] = None
    out.update((u.id, None) for u in joined if exists_on(u, day))
    return list(out)


def may_belong(plan: Plan, collective: str, member: str) -> bool:
    """Whether the member belongs to the collective on some day."""
    unit, other = plan.units.get(collective), plan.units.get(member)
    if unit is None or other is None:
        return False
    spec = unit.members
    if spec is not None and spec.kind is not None and other.kind == spec.kind:
        return True
    if spec is not None and any(m.unit == member for m in spec.units):
        return True
    return collective in other.member_of


def has_members(plan: Plan, collective: str) -> bool:
    """Whether a collective's members are known: listed by it, or saying they belong to it."""
    unit = plan.units.get(collective)
    return unit is not None and (unit.members is not None or collective in plan.joined)


def per_member(plan: Plan, task: Task) -> bool:
    """Whether the task is owed by each member of its lead collectives (and they are known)."""
    return task.per_member and any(has_members(plan, u) for u in task.lead)


def owed(plan: Plan, task: Task, day: date) -> list[str]:
    """The members that owe the task's occurrence due on ``day``: those of its lead collectives."""
    seen: dict[str, None] = {}
    for lead in task.lead:
        for member in members_on(plan, lead, day):
            seen.setdefault(member, None)
    return list(seen)


def completion(plan: Plan, task: Task, member: str, year: int | None) -> Completion | None:
    return plan.member_done.get((task.id, member, year))


def collective_of(plan: Plan, task: Task, member: str) -> str | None:
    """The task's lead collective the member belongs to."""
    return next((lead for lead in task.lead if may_belong(plan, lead, member)), None)


def member_name(plan: Plan, task: Task | None, member: str, as_of: date, when: date | None = None) -> str:
    """How the task's collective names the member, by its name on ``when`` (the occurrence's
    day: "Thừa Thiên Huế" for 2021), with its successor on ``as_of``: "Sở GDĐT Hà Giang → Tuyên
    Quang"."""
    short = unit_name(plan, member, as_of, named_on=when)
    collective = collective_of(plan, task, member) if task is not None else None
    spec = plan.units[collective].members if collective is not None else None
    if spec is None or spec.name is None:
        return short
    unit = plan.units.get(member)
    full = unit.name_on(when or as_of, full=True) if unit is not None else member
    return spec.name.replace("{short}", short).replace("{name}", full)


def not_done(plan: Plan, task: Task, year: int | None, members: Iterable[str], today: date) -> int:
    """How many of these members have no completion of the occurrence by ``today``."""
    done = plan.member_done
    n = 0
    for member in members:
        c = done.get((task.id, member, year))
        if c is None or c.on > today:
            n += 1
    return n


def members_named(plan: Plan) -> dict[str, str]:
    """Every name a collective gives its members ("Sở GDĐT Hà Nội", "UBND Thừa Thiên Huế"),
    folded for matching → the member's id."""
    from ..words.text import fold

    out: dict[str, str] = {}
    for unit in plan.units.values():
        spec = unit.members
        if spec is None or spec.name is None:
            continue
        candidates = list(plan.by_kind.get(spec.kind, ())) if spec.kind else []
        candidates += [plan.units[m.unit] for m in spec.units if m.unit in plan.units]
        for member in candidates:
            shorts = {member.short, *(n.short for n in member.names if n.short)}
            for short in shorts:
                out.setdefault(fold(spec.name.replace("{short}", short).replace("{name}", member.name)), member.id)
    return out
