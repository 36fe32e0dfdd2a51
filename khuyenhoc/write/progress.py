"""Recording progress on a task: done, reopen, note and set, and the rewrite of old keys
(``kh migrate``), as operations on a plan folder.

Each operation makes its change of the task's lines (:mod:`khuyenhoc.write.edit`) inside the
one transaction of every edit (:func:`khuyenhoc.write.transaction.run`: the lock, the plan read
and checked, the change checked like ``kh check``, an atomic write, a commit if asked). A rule
that refuses raises :class:`khuyenhoc.core.rules.Refused` and nothing is written. No command
line here: the operations are called by :mod:`khuyenhoc.cli.record`, and by tests directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import rules
from ..core.rules import Refused
from ..errors import KhError
from ..words.i18n import t
from .transaction import Draft, FileEdit, Outcome, Reading, Written, run

if TYPE_CHECKING:
    from ..core.model import Completion, Note, Plan, Task
    from .edit import Edit, TaskFile

__all__ = ["Outcome", "Written", "add_note", "complete", "migrate", "reopen", "set_due", "set_units"]


def _on_task(
    folder: Path, task_id: str, action: Callable[[TaskFile], Edit], *, commit: bool | None, written: Written | None,
    repair: bool = False,
) -> Outcome:  # fmt: skip
    """The transaction for an edit of one task: ``action`` makes it from the task's file."""
    from .edit import EditError, TaskFile

    def make(reading: Reading) -> Draft:
        try:
            tf = TaskFile.within(reading, task_id, repair=repair)
            edit = action(tf)
        except EditError as exc:
            raise KhError(str(exc), exc.code) from None
        return Draft((FileEdit(tf.path, tf.raw, edit.data),), (edit.summary,))

    return run(folder, make, commit=commit, written=written, repair=repair)


# -- the operations ------------------------------------------------------------------------------


def complete(
    folder: Path,
    task_id: str,
    completion: Completion,
    year: int | None,
    today: date,
    *,
    commit: bool | None = None,
    written: Written | None = None,
) -> Outcome:
    """Record that a task (a yearly duty: one year of it, by default the year it was done in)
    is done, with its evidence. Refused: a standing duty, a day in the future or before the
    plan, a year its duties do not cover, a second completion."""

    def action(tf: TaskFile) -> Edit:
        task = tf.task(task_id)
        _not_per_member(tf.plan, task, "done", today)
        for_year = (year if year is not None else completion.on.year) if task.deadline.yearly else year
        if refusal := rules.refusal(task, tf.plan.documents[task.document], completion.on, for_year, today):
            raise Refused(refusal.why, **refusal.values)
        done = task.done_yearly.get(for_year) if for_year is not None else task.done
        if done is not None:
            raise Refused("already_done", task_id=task.id, on=done.on, evidence=done.evidence, year=for_year)
        return tf.done(task, completion, for_year)

    return _on_task(folder, task_id, action, commit=commit, written=written)


def reopen(
    folder: Path, task_id: str, year: int | None, *, commit: bool | None = None, written: Written | None = None
) -> Outcome:
    """Remove a recorded completion (a yearly duty: one year's)."""

    def action(tf: TaskFile) -> Edit:
        task = tf.task(task_id)
        if task.done is None and not task.done_yearly:
            _not_per_member(tf.plan, task, "reopen", None)
        if task.deadline.yearly:
            years = sorted(task.done_yearly)
            if year is None:
                raise Refused("year_needed", task_id=task.id, years=years)
            if year not in task.done_yearly:
                raise Refused("not_done", task_id=task.id, year=year, years=years)
            return tf.reopen(task, year)
        if year is not None:
            raise Refused("not_yearly", task_id=task.id)
        if task.done is None:
            raise Refused("not_done", task_id=task.id)
        return tf.reopen(task, None)

    # Removing a completion may be what makes the data valid again (one written by mistake on a
    # task owed by each member): the data may have problems before, never after.
    return _on_task(folder, task_id, action, commit=commit, written=written, repair=True)


def add_note(
    folder: Path, task_id: str, note: Note, today: date, *, commit: bool | None = None, written: Written | None = None
) -> Outcome:
    """Add a dated note to a task. Refused: a date in the future."""
    if note.on > today:
        raise Refused("future", on=note.on, today=today)

    def action(tf: TaskFile) -> Edit:
        task = tf.task(task_id)
        _not_per_member(tf.plan, task, "note", today)
        return tf.note(task, note)

    return _on_task(folder, task_id, action, commit=commit, written=written)


def _not_per_member(plan: Plan, task: Task, command: str, today: date | None) -> None:
    """A task owed by each member is recorded member by member, in the members' files: a
    completion (or note) of the task itself would be counted by no view."""
    from ..core.members import owed, per_member

    if not per_member(plan, task):
        return
    example = next(iter(owed(plan, task, today)), None) if today is not None else None
    raise Refused("per_member", task_id=task.id, command=command, example=example or "ha-noi")


def set_due(
    folder: Path, task_id: str, text: str | None, *, commit: bool | None = None, written: Written | None = None
) -> Outcome:
    """Set the deadline as written; None makes the task a standing duty."""
    return _on_task(
        folder, task_id, lambda tf: tf.set_field(tf.task(task_id), "due", text), commit=commit, written=written
    )


def set_units(
    folder: Path,
    task_id: str,
    field: str,
    units: Callable[[Plan], Iterable[str]],
    *,
    commit: bool | None = None,
    written: Written | None = None,
) -> Outcome:
    """Set the lead or partner units: ``units`` gives their ids in the plan as read (the command
    line matches the names typed). Refused: a task left without a lead unit."""

    def action(tf: TaskFile) -> Edit:
        task = tf.task(task_id)
        ids = list(dict.fromkeys(units(tf.plan)))
        if field == "lead" and not ids:
            raise Refused("no_lead", task_id=task.id)
        return tf.set_field(task, field, ids)

    return _on_task(folder, task_id, action, commit=commit, written=written)


def migrate(folder: Path) -> list[tuple[Path, int]]:
    """Rewrite the data in kh's current spelling ('on:' → 'date:') in the one transaction, each
    file checked to read as the same plan; never committed. Only valid data is rewritten (its
    only warning may be the old key): a file that is not UTF-8, not YAML, or holds an alias is
    the problem `kh check` names, not a crash. Returns (file, keys renamed)."""
    from .migrate import check_same_plan, plan_rewrites

    done: list[tuple[Path, int]] = []

    def make(reading: Reading) -> Draft:
        rewrites = plan_rewrites(reading.files)
        try:
            check_same_plan(reading.files, rewrites)
        except ValueError as exc:
            raise KhError(str(exc)) from None
        done.extend((r.path, r.renamed) for r in rewrites)
        edits = tuple(FileEdit(r.path, r.old, r.new) for r in rewrites)
        return Draft(edits, tuple(t("{path}: {n} key(s) 'on:' renamed 'date:'", path=r.path, n=r.renamed)
                                  for r in rewrites))  # fmt: skip

    run(folder, make, commit=False)
    return done
