"""Cross-record checks: each a small function that yields DataErrors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .model import Completion, DataError, Document, Plan, Task, Unit


def _duplicate_ids(records: list, what: str) -> Iterator[DataError]:
    seen: dict[str, tuple[str, int]] = {}
    for record in records:
        key = record.id.casefold()
        if key in seen:
            path, line = seen[key]
            where = f"line {line}" if path == record.path else f"{path}:{line}"
            yield DataError(record.path, record.line, f"duplicate {what} id {record.id!r} (first at {where})")
        else:
            seen[key] = (record.path, record.line)


def _unit_parents(units: dict[str, Unit]) -> Iterator[DataError]:
    for unit in units.values():
        path = unit.path
        if unit.parent is None:
            continue
        if unit.parent not in units:
            yield DataError(path, unit.line, f"unit {unit.id}: unknown parent unit {unit.parent!r}", "units")
            continue
        seen: set[str] = {unit.id}
        current: str | None = unit.parent
        while current is not None and current in units:
            if current in seen:
                yield DataError(path, unit.line, f"unit {unit.id}: its parents form a cycle")
                break
            seen.add(current)
            current = units[current].parent


def _task_units(task: Task, units: dict[str, Unit]) -> Iterator[DataError]:
    for role, ids in (("lead", task.lead), ("partner", task.partners)):
        for unit_id in ids:
            if unit_id not in units:
                yield DataError(task.path, task.line, f"task {task.id}: unknown {role} unit {unit_id!r}", "units")
    both = set(task.lead) & set(task.partners)
    for unit_id in sorted(both):
        yield DataError(task.path, task.line, f"task {task.id}: unit {unit_id!r} is both lead and partner")
    for ids, role in ((task.lead, "lead"), (task.partners, "partners")):
        if len(set(ids)) != len(ids):
            yield DataError(task.path, task.line, f"task {task.id}: a unit is listed twice in {role}")


def _successions(units: dict[str, Unit], tasks: list[Task]) -> Iterator[DataError]:
    for unit in units.values():
        s = unit.successor
        if s is None:
            continue
        if s.to not in units:
            yield DataError(unit.path, unit.line, f"unit {unit.id}: unknown successor unit {s.to!r}", "units")
            continue
        seen, current = {unit.id}, units.get(s.to)
        while current is not None and current.successor is not None:
            if current.id in seen:
                yield DataError(unit.path, unit.line, f"unit {unit.id}: its successors form a cycle")
                break
            seen.add(current.id)
            current = units.get(current.successor.to)
    for task in tasks:
        for move in task.moved:
            if move.unit not in task.lead and move.unit not in task.partners:
                yield DataError(
                    task.path, task.line, f"task {task.id}: moves {move.unit!r}, which is not one of its units"
                )
            if move.to not in units:
                yield DataError(
                    task.path, task.line, f"task {task.id}: moves {move.unit!r} to unknown unit {move.to!r}", "units"
                )


def _task_source(task: Task, documents: dict[str, Document], tasks: dict[str, Task]) -> Iterator[DataError]:
    if task.document not in documents:
        yield DataError(task.path, task.line, f"task {task.id}: unknown source document {task.document!r}", "tasks")
    if task.implements is not None:
        target = tasks.get(task.implements.casefold())
        if target is None:
            yield DataError(
                task.path, task.line, f"task {task.id}: implements unknown task {task.implements!r}", "tasks"
            )
        elif target.id == task.id:
            yield DataError(task.path, task.line, f"task {task.id}: implements itself")


def _task_completions(task: Task, documents: dict[str, Document]) -> Iterator[DataError]:
    doc = documents.get(task.document)
    first_year = doc.year if doc else None
    if task.deadline.standing and (task.done or task.done_yearly):
        yield DataError(task.path, task.line, f"task {task.id}: a standing duty ('thường xuyên') cannot be marked done")
    completions: list[tuple[int | None, Completion]] = [(None, task.done)] if task.done else []
    completions += sorted(task.done_yearly.items())
    for year, c in completions:
        label = f"task {task.id}" + (f" ({year})" if year else "")
        if first_year and c.on < date(first_year, 1, 1):
            yield DataError(
                task.path, task.line, f"{label}: done on {c.on.isoformat()}, before the plan existed ({first_year})"
            )
        if year is not None and first_year and year < first_year:
            yield DataError(task.path, task.line, f"{label}: the plan's yearly duties start in {first_year}")
        if year is not None and c.on.year < year:
            yield DataError(task.path, task.line, f"{label}: done on {c.on.isoformat()}, before the year it is for")


def validate(
    documents: list[Document],
    units: list[Unit],
    tasks: list[Task],
    errors: list[DataError],
    unreadable: dict[str, DataError] | None = None,
) -> tuple[Plan, list[DataError]]:
    """Check the records against each other; return the plan and all errors, in file order.

    ``unreadable``: for each kind of file that could not be read, its first error (the cause).
    The references that file's records would have resolved are follow-ons: they are counted
    in one line under the cause, which comes first, instead of burying it.
    """
    errors = list(errors)
    errors += _duplicate_ids(documents, "document")
    errors += _duplicate_ids(units, "unit")
    errors += _duplicate_ids(tasks, "task")
    unit_map = {u.id: u for u in units}
    doc_map = {d.id: d for d in documents}
    task_map = {t.id.casefold(): t for t in reversed(tasks)}
    errors += _unit_parents(unit_map)
    errors += _successions(unit_map, tasks)
    for task in tasks:
        errors += _task_units(task, unit_map)
        errors += _task_source(task, doc_map, task_map)
        errors += _task_completions(task, doc_map)
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
                        f"{n} follow-on problem(s) in other records not shown: they name {kind} of this "
                        "file, which cannot be read until the problem above is fixed",
                    )
                )
    causes = {e.path for e in (unreadable or {}).values()}
    errors.sort(key=lambda e: (e.path not in causes, e.path, e.line))  # stable: a cause before its summary
    return Plan(doc_map, unit_map, tuple(tasks)), errors
