"""Cross-record checks: each a small function that yields DataErrors."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace

from ..words.i18n import Message, t
from . import rules
from .model import Completion, Contact, DataError, Document, FormerName, MemberRecord, Plan, Task, Unit


def _duplicate_ids(records: list, what: Message) -> Iterator[DataError]:
    seen: dict[str, tuple[str, int]] = {}
    for record in records:
        key = record.id.casefold()
        if key in seen:
            path, line = seen[key]
            where = t("line {line}", line=line) if path == record.path else f"{path}:{line}"
            yield DataError(
                record.path,
                record.line,
                t("duplicate {what} id {record_id!r} (first at {where})", what=what, record_id=record.id, where=where),
            )
        else:
            seen[key] = (record.path, record.line)


def _unit_parents(units: dict[str, Unit]) -> Iterator[DataError]:
    for unit in units.values():
        path = unit.path
        if unit.parent is None:
            continue
        if unit.parent not in units:
            yield DataError(
                path,
                unit.line,
                t("unit {unit_id}: unknown parent unit {unit_parent!r}", unit_id=unit.id, unit_parent=unit.parent),
                "units",
            )
            continue
        seen: set[str] = {unit.id}
        current: str | None = unit.parent
        while current is not None and current in units:
            if current in seen:
                yield DataError(path, unit.line, t("unit {unit_id}: its parents form a cycle", unit_id=unit.id))
                break
            seen.add(current)
            current = units[current].parent


def _task_units(task: Task, units: dict[str, Unit]) -> Iterator[DataError]:
    for role, ids in ((t("lead"), task.lead), (t("partner"), task.partners)):
        for unit_id in ids:
            if unit_id not in units:
                yield DataError(
                    task.path,
                    task.line,
                    t("task {task_id}: unknown {role} unit {unit_id!r}", task_id=task.id, role=role, unit_id=unit_id),
                    "units",
                )
    both = set(task.lead) & set(task.partners)
    for unit_id in sorted(both):
        yield DataError(
            task.path,
            task.line,
            t("task {task_id}: unit {unit_id!r} is both lead and partner", task_id=task.id, unit_id=unit_id),
        )
    for ids, role in ((task.lead, t("lead")), (task.partners, t("partners"))):
        if len(set(ids)) != len(ids):
            yield DataError(
                task.path, task.line, t("task {task_id}: a unit is listed twice in {role}", task_id=task.id, role=role)
            )


def _former_ids(units: dict[str, Unit], tasks: list[Task], errors: list[DataError]) -> list[Task]:
    """Tasks as the plan reads them: a unit named by an id it had before is read as its current
    id, with a warning (appended to ``errors``) to write the new one."""
    renamed = {old: u.id for u in units.values() for old in u.former_ids if old not in units}
    if not renamed:
        return tasks
    out = []
    for task in tasks:
        named = [u for u in (*task.lead, *task.partners) if u in renamed]
        if named:
            task = replace(
                task,
                lead=tuple(renamed.get(u, u) for u in task.lead),
                partners=tuple(renamed.get(u, u) for u in task.partners),
                partner_roles={renamed.get(u, u): role for u, role in task.partner_roles.items()},
            )
        for old in named:
            errors.append(
                DataError(
                    task.path,
                    task.line,
                    t(
                        "task {task_id}: unit {old!r} is now {new!r}; write the new id",
                        task_id=task.id,
                        old=old,
                        new=renamed[old],
                    ),
                    warning=True,
                )
            )
        out.append(task)
    return out


def _successions(units: dict[str, Unit], tasks: list[Task]) -> Iterator[DataError]:
    for unit in units.values():
        s = unit.successor
        if s is None:
            continue
        if s.to not in units:
            yield DataError(
                unit.path,
                unit.line,
                t("unit {unit_id}: unknown successor unit {s_to!r}", unit_id=unit.id, s_to=s.to),
                "units",
            )
            continue
        seen, current = {unit.id}, units.get(s.to)
        while current is not None and current.successor is not None:
            if current.id in seen:
                yield DataError(unit.path, unit.line, t("unit {unit_id}: its successors form a cycle", unit_id=unit.id))
                break
            seen.add(current.id)
            current = units.get(current.successor.to)
    for task in tasks:
        for move in task.moved:
            if move.unit not in task.lead and move.unit not in task.partners:
                yield DataError(
                    task.path,
                    task.line,
                    t(
                        "task {task_id}: moves {move_unit!r}, which is not one of its units",
                        task_id=task.id,
                        move_unit=move.unit,
                    ),
                )
            if move.to not in units:
                yield DataError(
                    task.path,
                    task.line,
                    t(
                        "task {task_id}: moves {move_unit!r} to unknown unit {move_to!r}",
                        task_id=task.id,
                        move_unit=move.unit,
                        move_to=move.to,
                    ),
                    "units",
                )


def _task_source(task: Task, documents: dict[str, Document], tasks: dict[str, Task]) -> Iterator[DataError]:
    if task.document not in documents:
        yield DataError(
            task.path,
            task.line,
            t(
                "task {task_id}: unknown source document {task_document!r}",
                task_id=task.id,
                task_document=task.document,
            ),
            "tasks",
        )
    if task.implements is not None:
        target = tasks.get(task.implements.casefold())
        if target is None:
            yield DataError(
                task.path,
                task.line,
                t(
                    "task {task_id}: implements unknown task {task_implements!r}",
                    task_id=task.id,
                    task_implements=task.implements,
                ),
                "tasks",
            )
        elif target.id == task.id:
            yield DataError(task.path, task.line, t("task {task_id}: implements itself", task_id=task.id))


def _task_completions(task: Task, documents: dict[str, Document]) -> Iterator[DataError]:
    doc = documents.get(task.document)
    first_year = doc.year if doc else None
    if rules.cannot_be_done(task) and (task.done or task.done_yearly):
        yield DataError(
            task.path,
            task.line,
            t("task {task_id}: a standing duty ('thường xuyên') cannot be marked done", task_id=task.id),
        )
    completions: list[tuple[int | None, Completion]] = [(None, task.done)] if task.done else []
    completions += sorted(task.done_yearly.items())
    for year, c in completions:
        label = (
            t("task {task_id} ({year})", task_id=task.id, year=year) if year else t("task {task_id}", task_id=task.id)
        )
        if first_year and rules.before_plan(c.on, first_year):
            yield DataError(
                task.path,
                task.line,
                t(
                    "{label}: done on {on}, before the plan existed ({first_year})",
                    label=label,
                    on=c.on.isoformat(),
                    first_year=first_year,
                ),
            )
        if year is not None and first_year and rules.before_yearly_duties(year, first_year):
            yield DataError(
                task.path,
                task.line,
                t("{label}: the plan's yearly duties start in {first_year}", label=label, first_year=first_year),
            )
        if year is not None and rules.before_its_year(c.on, year):
            yield DataError(
                task.path,
                task.line,
                t("{label}: done on {on}, before the year it is for", label=label, on=c.on.isoformat()),
            )


def _former_names(units: dict[str, Unit], names: list[FormerName]) -> Iterator[DataError]:
    """Attach each unit's former names to it (oldest first), and say which cannot be."""
    by_unit: dict[str, list[FormerName]] = {}
    for n in names:
        if n.unit not in units:
            yield DataError(n.path, n.line, t("a former name of unknown unit {unit!r}", unit=n.unit), "units")
            continue
        unit = units[n.unit]
        if unit.since is not None and n.until < unit.since:
            yield DataError(
                n.path, n.line, t("a former name of {unit} ends before the unit existed ({since})", unit=n.unit,
                                  since=unit.since.isoformat()),
            )  # fmt: skip
            continue
        by_unit.setdefault(n.unit, []).append(n)
    for unit_id, found in by_unit.items():
        found.sort(key=lambda n: n.until)
        for a, b in itertools.pairwise(found):
            if a.until == b.until:
                yield DataError(
                    b.path, b.line, t("{unit} has two former names until {day}", unit=unit_id, day=b.until.isoformat())
                )
        units[unit_id] = replace(units[unit_id], names=tuple(found))


def _contacts(units: dict[str, Unit], contacts: list[Contact]) -> Iterator[DataError]:
    """Attach each unit's addresses to it; one per unit and collective."""
    by_unit: dict[str, list[Contact]] = {}
    for c in contacts:
        if c.unit not in units:
            yield DataError(c.path, c.line, t("a contact of unknown unit {unit!r}", unit=c.unit), "units")
            continue
        if c.of is not None and (c.of not in units or units[c.of].kind != "collective"):
            yield DataError(c.path, c.line, t("a contact of {unit}: {of!r} is not a collective", unit=c.unit, of=c.of))
            continue
        found = by_unit.setdefault(c.unit, [])
        if any(other.of == c.of for other in found):
            yield DataError(c.path, c.line, t("{unit} has two contacts for the same collective", unit=c.unit))
            continue
        found.append(c)
    for unit_id, found in by_unit.items():
        units[unit_id] = replace(units[unit_id], contacts=tuple(found))


def validate(
    documents: list[Document],
    units: list[Unit],
    tasks: list[Task],
    errors: list[DataError],
    unreadable: dict[str, DataError] | None = None,
    records: list[MemberRecord] | None = None,
    names: list[FormerName] | None = None,
    contacts: list[Contact] | None = None,
) -> tuple[Plan, list[DataError]]:
    """Check the records against each other; return the plan and all errors, in file order.

    ``unreadable``: for each kind of file that could not be read, its first error (the cause).
    The references that file's records would have resolved are follow-ons: they are counted
    in one line under the cause, which comes first, instead of burying it.
    """
    errors = list(errors)
    errors += _duplicate_ids(documents, t("document"))
    errors += _duplicate_ids(units, t("unit"))
    errors += _duplicate_ids(tasks, t("task"))
    unit_map = {u.id: u for u in units}
    if names:
        errors += _former_names(unit_map, names)
    if contacts:
        errors += _contacts(unit_map, contacts)
    tasks = _former_ids(unit_map, tasks, errors)
    doc_map = {d.id: d for d in documents}
    task_map = {t.id.casefold(): t for t in reversed(tasks)}
    errors += _unit_parents(unit_map)
    errors += _successions(unit_map, tasks)
    for task in tasks:
        # Each check looks closer only where something may be wrong: 10^5 tasks, most of them clean.
        lead, partners = task.lead, task.partners
        if not (
            all(u in unit_map for u in lead)
            and all(u in unit_map for u in partners)
            and len(set(lead)) == len(lead)
            and len(set(partners)) == len(partners)
            and not set(lead).intersection(partners)
        ):
            errors += _task_units(task, unit_map)
        if task.document not in doc_map or task.implements is not None:
            errors += _task_source(task, doc_map, task_map)
        if task.done is not None or task.done_yearly:
            errors += _task_completions(task, doc_map)
    plan = Plan(doc_map, unit_map, tuple(tasks))
    if records or any(u.members or u.member_of for u in units) or any(task.per_member for task in tasks):
        from .memberchecks import check_members

        plan, found = check_members(plan, records or [])
        errors += found
    if unreadable:
        hidden = {kind: sum(e.needs == kind for e in errors) for kind in unreadable}
        errors = [e for e in errors if e.needs not in unreadable]
        for kind, n in hidden.items():
            if n:
                cause = unreadable[kind]
                errors.append(
                    DataError(
                        cause.path,
                        cause.line,
                        t(
                            "{n} follow-on problem(s) in other records not shown: they name {kind} of this "
                            "file, which cannot be read until the problem above is fixed",
                            n=n,
                            kind=t("units") if kind == "units" else t("tasks"),
                        ),
                    )
                )
    causes = {e.path for e in (unreadable or {}).values()}
    errors.sort(key=lambda e: (e.path not in causes, e.path, e.line))  # stable: a cause before its summary
    return plan, errors
