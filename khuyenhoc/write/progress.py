"""Recording progress: done, reopen, note and set as operations on a plan folder.

Each operation is one transaction (:func:`record`): hold the folder's lock, find the file that
holds the task and read it, check the rule of the operation, splice the task's lines
(:mod:`khuyenhoc.edit`), check the result like ``kh check``, write atomically, commit if asked.
Rules refuse with :class:`khuyenhoc.errors.KhError` and nothing is written. No command line
here: the operations are called by :mod:`khuyenhoc.cli.record`, and by tests directly.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import rules
from ..core.typed import Say, check_year, match_unit
from ..errors import KhError
from ..words.i18n import Message, t

if TYPE_CHECKING:
    from ..core.model import Completion, Note, Plan, Task
    from .edit import Edit, TaskFile


@dataclass(frozen=True)
class Outcome:
    """What an operation did: its summary, the file it wrote (where the user would find it),
    whether anything changed, and the commit made, if one was."""

    summary: Message
    path: Path
    changed: bool
    commit: str | None = None


Written = Callable[[Outcome], None]  # told once the file is written, before any commit


def writable(folder: Path) -> None:
    """Refuse the plan shipped with kh: it is read-only."""
    from ..read.paths import is_bundled

    if is_bundled(folder):
        raise KhError(t("the bundled plan is read-only; start a tracking folder with `kh init DIR` and work there"))


def record(
    folder: Path, task_id: str, action: Callable[[TaskFile], Edit], *, commit: bool | None, written: Written | None,
    repair: bool = False,
) -> Outcome:  # fmt: skip
    """The transaction every recording operation goes through (see the module): concurrent kh
    commands take turns on the folder's lock, and each reads what the one before wrote."""
    from .writer import LockTimeout, locked

    writable(folder)
    try:
        with locked(folder):
            return _record_locked(folder, task_id, action, commit, written, repair)
    except LockTimeout as exc:
        raise KhError(str(exc)) from None


def _record_locked(
    folder: Path, task_id: str, action: Callable[[TaskFile], Edit], commit: bool | None, written: Written | None,
    repair: bool = False,
) -> Outcome:  # fmt: skip
    from ..git.vcs import GitError, commit_by_default, prepare_commit
    from .edit import EditError, TaskFile
    from .writer import remove_stale_temps

    remove_stale_temps(folder)  # left by a killed kh
    try:
        tf = TaskFile.for_task(folder, task_id, repair=repair)
    except EditError as exc:
        raise KhError(str(exc), exc.code) from None
    path = tf.path
    try:
        committing = commit if commit is not None else commit_by_default(folder)
        if committing:
            prepare_commit(path)  # before writing: a commit that cannot be clean refuses now
    except GitError as exc:
        raise KhError(str(exc)) from None
    try:
        edit = action(tf)
    except EditError as exc:
        raise KhError(str(exc), exc.code) from None
    if edit.data == tf.raw:
        return Outcome(edit.summary, path, changed=False)
    return write_and_commit(path, edit.data, tf.raw, edit.summary, committing, written)


def write_and_commit(
    path: Path, data: bytes, raw: bytes | None, summary: Message, committing: bool, written: Written | None
) -> Outcome:
    """The end of every recording transaction: write atomically (refused if the file changed
    since ``raw`` was read; ``raw`` None: a new file), tell ``written``, commit if asked."""
    from ..git.vcs import GitError
    from ..git.vcs import commit as git_commit
    from .writer import FileChanged, WriteRefused, atomic_write

    try:
        atomic_write(path, data, expected=raw)
    except (FileChanged, WriteRefused) as exc:
        raise KhError(str(exc)) from None
    except OSError as exc:
        raise KhError(
            t("{path}: cannot write ({reason}); the file is unchanged", path=path, reason=exc.strerror or exc)
        ) from None
    outcome = Outcome(summary, path, changed=True)
    if written is not None:
        written(outcome)
    if not committing:
        return outcome
    try:
        sha = git_commit(path, f"kh: {summary}", add=raw is None)
    except GitError as exc:
        # A hook, a signing key or another git refused: the file goes back to what it was, so
        # that nothing is left written but not committed (which would block the next --commit).
        where = os.path.relpath(path)
        try:
            if raw is None:
                path.unlink()
            else:
                atomic_write(path, raw, expected=data)
        except OSError:
            raise KhError(
                t("the change is written to {where} but git did not commit it: {exc}", where=where, exc=exc)
            ) from None
        raise KhError(t("git did not commit the change ({exc}); {where} is as it was", exc=exc, where=where)) from None
    return Outcome(summary, path, changed=True, commit=sha)


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
    """Record that a task (a yearly duty: one year of it) is done, with its evidence. Refused: a
    standing duty, a day in the future or before the plan, a year its duties do not cover, a
    second completion."""

    from .refusals import refused

    when, day = completion.on, today

    def action(tf: TaskFile) -> Edit:
        task = tf.task(task_id)
        _not_per_member(tf.plan, task, "done", today)
        doc = tf.plan.documents[task.document]
        for_year = (check_year(year) if year is not None else when.year) if task.deadline.yearly else year
        if (refusal := rules.refusal(task, doc.year, when, for_year, day)) is not None:
            raise refused(refusal, doc.short)
        if not task.deadline.yearly:
            if task.done:
                raise KhError(
                    t(
                        "{task_id} is already done on {on} ({task_done_evidence}); to record it again, "
                        "first `kh reopen {task_id}`",
                        task_id=task.id,
                        on=task.done.on,
                        task_done_evidence=task.done.evidence,
                    )
                )
            return tf.done(task, completion, None)
        assert for_year is not None
        if for_year in task.done_yearly:
            c = task.done_yearly[for_year]
            raise KhError(
                t(
                    "{task_id} is already done for {for_year} on {on} ({c_evidence}); to record it "
                    "again, first `kh reopen {task_id} --year {for_year}`",
                    task_id=task.id,
                    for_year=for_year,
                    on=c.on,
                    c_evidence=c.evidence,
                )
            )
        return tf.done(task, completion, for_year)

    return record(folder, task_id, action, commit=commit, written=written)


def reopen(
    folder: Path, task_id: str, year: int | None, *, commit: bool | None = None, written: Written | None = None
) -> Outcome:
    """Remove a recorded completion (a yearly duty: one year's)."""

    def action(tf: TaskFile) -> Edit:
        task = tf.task(task_id)
        if task.done is None and not task.done_yearly:
            _not_per_member(tf.plan, task, "reopen", None)
        if task.deadline.yearly:
            years = ", ".join(str(y) for y in sorted(task.done_yearly)) or t("none")
            if year is None:
                raise KhError(
                    t(
                        "{task_id} is a yearly duty: say which year with --year (done for: {years})",
                        task_id=task.id,
                        years=years,
                    )
                )
            if year not in task.done_yearly:
                raise KhError(
                    t("{task_id} is not done for {year} (done for: {years})", task_id=task.id, year=year, years=years)
                )
            return tf.reopen(task, year)
        if year is not None:
            raise KhError(t("{task_id} is not a yearly duty; leave out --year", task_id=task.id))
        if task.done is None:
            raise KhError(t("{task_id} is not done; nothing to reopen", task_id=task.id))
        return tf.reopen(task, None)

    # Removing a completion may be what makes the data valid again (one written by mistake on a
    # task owed by each member): the data may have problems before, never after.
    return record(folder, task_id, action, commit=commit, written=written, repair=True)


def add_note(
    folder: Path, task_id: str, note: Note, today: date, *, commit: bool | None = None, written: Written | None = None
) -> Outcome:
    """Add a dated note to a task. Refused: a date in the future."""
    if note.on > today:
        raise KhError(t("--on {on} is in the future (today is {today})", on=note.on, today=today))

    def action(tf: TaskFile) -> Edit:
        task = tf.task(task_id)
        _not_per_member(tf.plan, task, "note", today)
        return tf.note(task, note)

    return record(folder, task_id, action, commit=commit, written=written)


def _not_per_member(plan: Plan, task: Task, command: str, today: date | None) -> None:
    """A task owed by each member is recorded member by member, in the members' files: a
    completion (or note) of the task itself would be counted by no view."""
    from ..core.members import owed, per_member

    if not per_member(plan, task):
        return
    example = next(iter(owed(plan, task, today)), None) if today is not None else None
    raise KhError(
        t(
            "{task_id} is owed by each member of its lead: say which one with --member, e.g. "
            "`kh {command} {task_id} --member {example} …`",
            task_id=task.id,
            command=command,
            example=example or "ha-noi",
        )
    )


def set_due(
    folder: Path, task_id: str, text: str | None, *, commit: bool | None = None, written: Written | None = None
) -> Outcome:
    """Set the deadline as written; None makes the task a standing duty."""
    return record(
        folder, task_id, lambda tf: tf.set_field(tf.task(task_id), "due", text), commit=commit, written=written
    )


def set_units(
    folder: Path,
    task_id: str,
    field: str,
    names: Iterable[str],
    *,
    say: Say,
    commit: bool | None = None,
    written: Written | None = None,
) -> Outcome:
    """Set the lead or partner units, each named as a user types it (id, short name, name).
    Refused: a task left without a lead unit."""

    def action(tf: TaskFile) -> Edit:
        task = tf.task(task_id)
        ids = list(dict.fromkeys(match_unit(tf.plan, name, field, say=say) for name in names))
        if field == "lead" and not ids:
            raise KhError(t("{task_id} needs at least one lead unit", task_id=task.id))
        return tf.set_field(task, field, ids)

    return record(folder, task_id, action, commit=commit, written=written)


def migrate(folder: Path) -> list[tuple[Path, int]]:
    """Rewrite the data in kh's current spelling ('on:' → 'date:'), holding the folder's lock:
    each file checked to read as the same plan before it is written. Returns (file, keys renamed)."""
    from ..read.loader import load_plan
    from .migrate import check_same_plan, plan_rewrites
    from .writer import FileChanged, LockTimeout, WriteRefused, atomic_write, locked

    writable(folder)
    done: list[tuple[Path, int]] = []
    try:
        with locked(folder):
            # Only valid data is rewritten (its only warning may be the old key): a file that is
            # not UTF-8, not YAML, or holds an alias is the problem `kh check` names, not a crash.
            _, errors = load_plan(folder, use_cache=False)
            if problems := [e for e in errors if not e.warning]:
                raise KhError(
                    t(
                        "the data has {count} problem(s) (first: {first}); kh migrate rewrites only valid data, so fix "
                        "them first (`kh check` lists them)",
                        count=len(problems),
                        first=problems[0],
                    ),
                    1,
                )
            rewrites = plan_rewrites(folder)
            try:
                check_same_plan(folder, rewrites)
            except ValueError as exc:
                raise KhError(str(exc)) from None
            for r in rewrites:
                try:
                    atomic_write(r.path, r.new, expected=r.old)
                except (FileChanged, WriteRefused) as exc:
                    raise KhError(str(exc)) from None
                except OSError as exc:
                    raise KhError(
                        t(
                            "{path}: cannot write ({reason}); the file is unchanged",
                            path=r.path,
                            reason=exc.strerror or exc,
                        )
                    ) from None
                done.append((r.path, r.renamed))
    except LockTimeout as exc:
        raise KhError(str(exc)) from None
    return done
