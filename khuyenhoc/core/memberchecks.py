"""Checks of the members' data: collectives' members, per-member tasks, and each record of a
member's file against the plan (who belonged to what on which day, and when it existed)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

from ..words.i18n import Message, t
from . import rules
from .members import exists_on, has_members, may_belong, owed
from .model import UNIT_KINDS, DataError, MemberRecord, Plan, Task
from .succession import holder


def _collectives(plan: Plan) -> Iterator[DataError]:
    for unit in plan.units.values():
        spec = unit.members
        if spec is None:
            continue
        if spec.kind is not None and spec.kind not in UNIT_KINDS:
            yield DataError(
                unit.path,
                unit.line,
                t("unit {unit_id}: unknown kind {kind!r} of its members", unit_id=unit.id, kind=spec.kind),
            )
        for m in spec.units:
            if m.unit not in plan.units:
                yield DataError(
                    unit.path,
                    unit.line,
                    t("unit {unit_id}: unknown member unit {member!r}", unit_id=unit.id, member=m.unit),
                    "units",
                )
            elif m.since and m.until and m.until < m.since:
                yield DataError(
                    unit.path,
                    unit.line,
                    t("unit {unit_id}: member {member} leaves before it joins", unit_id=unit.id, member=m.unit),
                )


def _joined(plan: Plan) -> Iterator[DataError]:
    """A unit may say it belongs to a collective (``member_of``): one that exists, and is one."""
    for unit in plan.units.values():
        for collective in unit.member_of:
            other = plan.units.get(collective)
            if other is None or other.kind != "collective":
                yield DataError(
                    unit.path,
                    unit.line,
                    t("unit {unit_id}: {collective!r} in member_of is not a collective", unit_id=unit.id,
                      collective=collective),
                    "units" if other is None else None,
                )  # fmt: skip


def _tasks(plan: Plan) -> Iterator[DataError]:
    for task in plan.tasks:
        if not task.per_member:
            continue
        if (task.done is not None or task.done_yearly) and has_members_any(plan, task):
            yield DataError(
                task.path,
                task.line,
                t(
                    "task {task_id} is owed by each member: its completions are recorded in the members' files "
                    "(`kh done {task_id} --member …`), not in 'done:', which no view would count",
                    task_id=task.id,
                ),
            )
        for lead in task.lead:
            unit = plan.units.get(lead)
            # A collective whose members are not known yet (the universities) is owed as one body
            # until a user lists them; any other unit can have no members at all.
            if unit is not None and not has_members(plan, lead) and unit.kind != "collective":
                yield DataError(
                    task.path,
                    task.line,
                    t(
                        "task {task_id} is owed by each member, but its lead {lead} lists no members "
                        "(give the unit 'members:', or remove 'per_member')",
                        task_id=task.id,
                        lead=lead,
                    ),
                )


def has_members_any(plan: Plan, task: Task) -> bool:
    return any(has_members(plan, lead) for lead in task.lead)


def due_on(plan: Plan, task: Task, year: int | None) -> date | None:
    """The day the record's occurrence is due (None for a standing duty)."""
    return task.deadline.on if year is None else task.deadline.due_in(year)


def _record(
    plan: Plan, r: MemberRecord, tasks: dict[str, Task], owing: dict[tuple[str, date], set[str]]
) -> Iterator[DataError]:
    def error(message: Message, needs: str | None = None) -> DataError:
        return DataError(r.path, r.line, message, needs)

    unit = plan.units.get(r.member)
    if unit is None:
        yield error(t("unknown member {member!r}", member=r.member), "units")
        return
    task = tasks.get(r.task.casefold())
    if task is None:
        yield error(t("unknown task {task_id!r}", task_id=r.task), "tasks")
        return
    label = t("{member}, task {task_id}", member=r.member, task_id=task.id)
    if r.year is not None:
        label = t("{member}, task {task_id} ({year})", member=r.member, task_id=task.id, year=r.year)
    if not task.per_member:
        yield error(t("{label}: the task is not owed by each member (it has no 'per_member: true')", label=label))
        return
    if not any(may_belong(plan, lead, r.member) for lead in task.lead):
        yield error(t("{label}: {member} is not a member of the task's lead", label=label, member=r.member))
        return
    if task.deadline.yearly and r.year is None:
        yield error(t("{label}: the task is yearly: give the year the record is for", label=label))
        return
    if not task.deadline.yearly and r.year is not None:
        yield error(t("{label}: the task is not yearly: a record of it has no year", label=label))
        return
    doc = plan.documents.get(task.document)
    if r.year is not None and doc is not None and rules.before_yearly_duties(r.year, doc.year):
        yield error(t("{label}: the plan's yearly duties start in {first_year}", label=label, first_year=doc.year))
        return
    due = due_on(plan, task, r.year)
    if due is not None and (task.id, due) not in owing:  # once per occurrence: 10^5 records, 3,321 members
        owing[(task.id, due)] = set(owed(plan, task, due))
    if due is not None and r.member not in owing[(task.id, due)]:
        yield error(
            t("{label}: {member} did not belong to the task's lead on {day}, when it was due", label=label,
              member=r.member, day=due.isoformat())
        )  # fmt: skip
        return
    if r.done is None:
        return
    if rules.cannot_be_done(task):
        yield error(t("{label}: a standing duty ('thường xuyên') cannot be marked done", label=label))
        return
    on = r.done.on
    if unit.since is not None and on < unit.since:
        yield error(
            t("{label}: done on {on}, before {member} existed ({since})", label=label, on=on.isoformat(),
              member=r.member, since=unit.since.isoformat())
        )  # fmt: skip
    elif r.year is not None and rules.before_its_year(on, r.year):
        yield error(t("{label}: done on {on}, before the year it is for", label=label, on=on.isoformat()))
    elif doc is not None and rules.before_plan(on, doc.year):
        yield error(
            t("{label}: done on {on}, before the plan existed ({first_year})", label=label, on=on.isoformat(),
              first_year=doc.year)
        )  # fmt: skip
    elif not exists_on(unit, on) and unit.successor is not None and on >= unit.successor.on:
        heir = holder(plan, r.member, on)
        if r.by != heir:
            yield error(
                t("{label}: done on {on}, after {member} ceased ({ceased}): write 'by: {heir}', the unit that did it",
                  label=label, on=on.isoformat(), member=r.member, ceased=unit.successor.on.isoformat(), heir=heir)
            )  # fmt: skip
    elif unit.ceased is not None and on >= unit.ceased.on and (r.by is None or r.by not in plan.units):
        yield error(
            t("{label}: done on {on}, after {member} ceased ({ceased}) with no successor: write 'by:' and the "
              "unit that did it", label=label, on=on.isoformat(), member=r.member, ceased=unit.ceased.on.isoformat())
        )  # fmt: skip
    elif r.by is not None and (unit.ceased is None or on < unit.ceased.on):
        yield error(
            t("{label}: 'by' is only for a completion after the member ceased; {member} still existed on {on}",
              label=label, member=r.member, on=on.isoformat())
        )  # fmt: skip


def check_members(plan: Plan, records: list[MemberRecord]) -> tuple[Plan, list[DataError]]:
    """The plan with the members' records that hold, and the problems of the others."""
    errors = list(_collectives(plan))
    errors += _joined(plan)
    errors += _tasks(plan)
    tasks = {task.id.casefold(): task for task in reversed(plan.tasks)}
    kept: list[MemberRecord] = []
    first: dict[tuple[str, str, int | None], MemberRecord] = {}
    owing: dict[tuple[str, date], set[str]] = {}
    for r in records:
        found = list(_record(plan, r, tasks, owing))
        if found:
            errors += found
            continue
        task = tasks[r.task.casefold()]
        if task.id != r.task:
            r = dataclasses.replace(r, task=task.id)
        if r.done is not None:
            key = (task.id, r.member, r.year)
            if (other := first.get(key)) is not None:
                where = t("line {line}", line=other.line) if other.path == r.path else f"{other.path}:{other.line}"
                errors.append(
                    DataError(r.path, r.line, t("this completion is recorded twice (also at {where})", where=where))
                )
                continue
            first[key] = r
        kept.append(r)
    return dataclasses.replace(plan, records=tuple(kept)), errors
