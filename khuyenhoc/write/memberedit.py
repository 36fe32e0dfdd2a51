"""Recording a member's work: ``kh done/reopen/note ID --member UNIT`` write the member's own
file, ``members/<id>.yaml``, and nothing else, so that clones kept by different members merge
without conflict (docs/reference.md, "Follow-up per member").

The transaction is that of :mod:`khuyenhoc.progress`: the folder's lock, the plan read and
checked, the rule of the operation, the new file checked with every other one like ``kh
check``, an atomic write, a commit if asked. A record is one line appended after the last one,
so a ``git log -p`` entry is that line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core import rules
from ..core.model import Completion, DataError, MemberRecord, Note, Plan, Task
from ..core.typed import Say, check_year, match_unit
from ..errors import KhError
from ..read.loader import MEMBERS_DIR
from ..read.memberfile import MemberText, record_item
from ..words.i18n import Message, t
from .progress import Outcome, Written, writable, write_and_commit


@dataclass(frozen=True)
class Change:
    """A member's file as it will be: its bytes, the summary, and the records it must read as
    (the file's records, in order, with the one added or without the one removed)."""

    data: bytes
    summary: Message
    expected: tuple[MemberRecord, ...]


def _refuse(errors: list[DataError]) -> None:
    """kh writes only valid data (the rule of every recording command, :func:`edit.refuse`)."""
    from .edit import EditError, refuse

    try:
        refuse(errors)
    except EditError as exc:
        raise KhError(str(exc), exc.code) from None


def _load(folder: Path, *replace: tuple[Path, bytes]) -> tuple[Plan, list[DataError]]:
    """The plan as the folder holds it, or as it will with these members' files replaced."""
    from ..read.loader import data_files, merge, parse_files, read_bytes

    listed = data_files(folder)
    files = [(kind, str(p), main, read_bytes(p)) for kind, p, main in listed]
    new = {str(path): data for path, data in replace}
    files = [f for f in files if f[1] not in new] + [("members", path, False, data) for path, data in new.items()]
    return merge(parse_files(files))


def _own_records(plan: Plan, path: Path) -> tuple[MemberRecord, ...]:
    """The records of one member's file, in the file's order."""
    return tuple(r for r in plan.records if r.path == str(path))


def _same(record: MemberRecord) -> MemberRecord:
    """A record without its place in the file, for comparing what it says."""
    return dataclasses.replace(record, path="", line=0)


def _verify(path: Path, data: bytes, expected: tuple[MemberRecord, ...]) -> None:
    """Refuse unless the new file reads, alone, as exactly the intended records: whatever the
    layout of the file, an edit never drops or changes another record."""
    from ..read.memberfile import parse_members
    from ..read.yamlread import decode

    errors: list[DataError] = []
    text = decode(data, str(path), errors)
    records = parse_members(text, str(path), errors) if text is not None else None
    if (
        records is None
        or [e for e in errors if not e.warning]
        or [_same(r) for r in records] != [_same(r) for r in expected]
    ):
        raise KhError(
            t(
                "{path}: kh cannot edit the records written this way without changing others; nothing "
                "written. Write `records:` as a list, one record a line, and run it again",
                path=path,
            ),
            1,
        )


Action = Callable[[Plan, Task, str, Path], tuple[Path, Change]]


def transaction(
    folder: Path, task_id: str, member_typed: str, action: Action, *, say: Say, commit: bool | None,
    written: Written | None,
) -> Outcome:  # fmt: skip
    """Lock, read and check the plan, find the task and the member, let ``action`` make the new
    file, check that it reads as intended and with the others like ``kh check``, write it
    atomically, commit it if asked."""
    from ..core.match import MatchError
    from ..core.match import task as find_task
    from ..git.vcs import GitError, commit_by_default, prepare_commit
    from .writer import LockTimeout, locked, remove_stale_temps

    writable(folder)
    try:
        with locked(folder):
            remove_stale_temps(folder)  # left by a killed kh
            plan, errors = _load(folder)
            _refuse(errors)
            try:
                task = find_task(plan, task_id)
            except MatchError as exc:
                raise KhError(str(exc)) from None
            if not task.per_member:
                raise KhError(
                    t(
                        "{task_id} is not owed by each member (its lead acts as one body); leave out --member",
                        task_id=task.id,
                    )
                )
            member = match_unit(plan, member_typed, "--member", say=say)
            from ..core.members import may_belong

            if not any(may_belong(plan, lead, member) for lead in task.lead):
                raise KhError(t("{member} is not a member of the lead of {task_id}", member=member, task_id=task.id))
            path, change = action(plan, task, member, folder / MEMBERS_DIR / f"{member}.yaml")
            raw = path.read_bytes() if path.exists() else None
            if raw is not None and change.data == raw:
                return Outcome(change.summary, path, changed=False)
            _verify(path, change.data, change.expected)
            _, after = _load(folder, (path, change.data))
            _refuse(after)
            committing = commit if commit is not None else commit_by_default(folder)
            try:
                if committing:
                    prepare_commit(path, new=raw is None)
            except GitError as exc:
                raise KhError(str(exc)) from None
            try:
                path.parent.mkdir(exist_ok=True)
            except OSError as exc:
                why = exc.strerror or exc
                raise KhError(
                    t("{path}: cannot write ({reason}); the file is unchanged", path=path, reason=why)
                ) from None
            return write_and_commit(path, change.data, raw, change.summary, committing, written)
    except LockTimeout as exc:
        raise KhError(str(exc)) from None


def _open(path: Path, member: str) -> MemberText:
    from ..read.loader import read_bytes

    return MemberText(read_bytes(path) if path.exists() else None, path, member)


def _added(plan: Plan, path: Path, member: str, item: str, record: MemberRecord, summary: Message) -> Change:
    """The change that appends ``item`` (``record`` as it will read) to the member's file."""
    expected = (*_own_records(plan, path), record)
    return Change(_open(path, member).append(item), summary, expected)


def completion_item(
    plan: Plan, task: Task, member_id: str, completion: Completion, year: int | None, today: date, say: Say
) -> tuple[str, MemberRecord, Message]:
    """A member's completion as the line to append, the record it reads as, and its summary,
    once every rule of ``kh done --member`` holds (refused with :class:`KhError` otherwise).
    After the member ceased, the record says who did it (``by``: its successor that day)."""
    from ..core.memberchecks import due_on
    from ..core.members import completion as member_done
    from ..core.members import exists_on, owed
    from ..core.succession import holder
    from .refusals import refused

    when = completion.on
    doc = plan.documents[task.document]
    for_year = (check_year(year) if year is not None else when.year) if task.deadline.yearly else year
    if (refusal := rules.refusal(task, doc.year, when, for_year, today)) is not None:
        raise refused(refusal, doc.short)  # the same rules, in the same words, as a task's completion
    due = due_on(plan, task, for_year)
    if due is not None and member_id not in owed(plan, task, due):
        raise KhError(
            t("{member} did not belong to the lead of {task_id} on {day}, when it was due",
              member=member_id, task_id=task.id, day=due)
        )  # fmt: skip
    if (c := member_done(plan, task, member_id, for_year)) is not None:
        again = f"kh reopen {task.id} --member {member_id}" + (f" --year {for_year}" if for_year else "")
        raise KhError(
            t("{member} has already done {task_id} on {on} ({evidence}); to record it again, first `{again}`",
              member=member_id, task_id=task.id, on=c.on, evidence=c.evidence, again=again)
        )  # fmt: skip
    unit = plan.units[member_id]
    by = None
    if not exists_on(unit, when) and unit.successor is not None and when >= unit.successor.on:
        by = holder(plan, member_id, when)
        say(t("{member} had ceased by {on}: recorded as done by {by}", member=member_id, on=when, by=by))
    fields: list[tuple[str, str | date | None]] = [
        ("date" if completion.exact else "no_later_than", when),
        ("evidence", completion.evidence),
        ("source", completion.source),
        ("by", by),
    ]
    item = record_item(task.id, for_year, fields)
    label = f"{task.id} ({for_year})" if for_year else task.id
    summary = t("done {label} by {member} on {on} ({evidence})", label=label, member=_named(plan, member_id),
                on=when, evidence=completion.evidence)  # fmt: skip
    return item, MemberRecord(member_id, task.id, for_year, completion, None, by), summary


def _year(task: Task, year: int | None, on: date) -> int | None:
    if not task.deadline.yearly:
        if year is not None:
            raise KhError(t("{task_id} is not a yearly duty; leave out --year", task_id=task.id))
        return None
    return check_year(year) if year is not None else on.year


def complete(
    folder: Path, task_id: str, member: str, completion: Completion, year: int | None, today: date, *,
    say: Say, commit: bool | None = None, written: Written | None = None,
) -> Outcome:  # fmt: skip
    """Record that a member did its part (a yearly duty: one year of it), with its evidence
    (the rules: :func:`completion_item`)."""

    def action(plan: Plan, task: Task, member_id: str, path: Path) -> tuple[Path, Change]:
        item, record, summary = completion_item(plan, task, member_id, completion, year, today, say)
        return path, _added(plan, path, member_id, item, record, summary)

    return transaction(folder, task_id, member, action, say=say, commit=commit, written=written)


def reopen(
    folder: Path, task_id: str, member: str, year: int | None, *,
    say: Say, commit: bool | None = None, written: Written | None = None,
) -> Outcome:  # fmt: skip
    """Remove a member's recorded completion (a yearly duty: one year's)."""

    def action(plan: Plan, task: Task, member_id: str, path: Path) -> tuple[Path, Change]:
        if task.deadline.yearly and year is None:
            raise KhError(t("{task_id} is a yearly duty: say which year with --year", task_id=task.id))
        if not task.deadline.yearly and year is not None:
            raise KhError(t("{task_id} is not a yearly duty; leave out --year", task_id=task.id))
        for_year = check_year(year) if year is not None else None
        label = f"{task.id} ({for_year})" if for_year else task.id
        found = [r for r in plan.records if r.task == task.id and r.member == member_id and r.year == for_year
                 and r.done is not None]  # fmt: skip
        if not found:
            raise KhError(t("{member} has no completion of {label} to reopen", member=member_id, label=label))
        where = Path(found[0].path)  # members/<id>.yaml, or a file the member split off (<id>.2026.yaml)
        summary = t("reopened {label} for {member}", label=label, member=_named(plan, member_id))
        own = _own_records(plan, where)
        at = own.index(found[0])  # its place among the file's records (a flow list holds several a line)
        expected = own[:at] + own[at + 1 :]
        return where, Change(_open(where, member_id).remove(at, found[0].line), summary, expected)

    return transaction(folder, task_id, member, action, say=say, commit=commit, written=written)


def add_note(
    folder: Path, task_id: str, member: str, note: Note, year: int | None, today: date, *,
    say: Say, commit: bool | None = None, written: Written | None = None,
) -> Outcome:  # fmt: skip
    """Add a dated note to a member's occurrence (a yearly duty: the year of the note's date,
    or --year)."""
    if note.on > today:
        raise KhError(t("--on {on} is in the future (today is {today})", on=note.on, today=today))

    def action(plan: Plan, task: Task, member_id: str, path: Path) -> tuple[Path, Change]:
        for_year = _year(task, year, note.on)
        item = record_item(task.id, for_year, [("date", note.on), ("note", note.text), ("source", note.source)])
        summary = t("note on {task_id} by {member}: {text}", task_id=task.id, member=_named(plan, member_id),
                    text=note.text)  # fmt: skip
        record = MemberRecord(member_id, task.id, for_year, None, note)
        return path, _added(plan, path, member_id, item, record, summary)

    return transaction(folder, task_id, member, action, say=say, commit=commit, written=written)


def _named(plan: Plan, member_id: str) -> str:
    """A member as a message or a commit names it: "Hà Nội (ha-noi)"."""
    unit = plan.units.get(member_id)
    return f"{unit.short} ({member_id})" if unit is not None and unit.short != member_id else member_id
