"""Recording a member's work: ``kh done/reopen/note ID --member UNIT`` write the member's own
file, ``members/<id>.yaml``, and nothing else, so that clones kept by different members merge
without conflict (docs/reference.md, "Follow-up per member").

The edits go through the one transaction of every edit (:func:`khuyenhoc.write.transaction.run`):
the folder's lock, the plan read and checked, the rules of the operation, the new files checked
with every other one like ``kh check``, atomic writes, a commit if asked. A record is one line
appended after the last one, so a ``git log -p`` entry is that line; each file changed must
read as exactly the intended records (:class:`MemberFiles`). ``kh import --apply`` records many
in one transaction (:mod:`khuyenhoc.write.memberbatch`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core import rules
from ..core.model import Completion, DataError, MemberRecord, Note, Plan, Task
from ..core.rules import Refused
from ..errors import EXIT_DATA, KhError
from ..read.loader import MEMBERS_DIR
from ..read.memberfile import MemberText, record_item
from ..words.i18n import Message, Say, t
from .transaction import Draft, FileEdit, Outcome, Reading, Written, run

Who = Callable[[Plan], str]  # the member's id in the plan as read (the command line matches the name typed)


@dataclass
class _File:
    member: str
    raw: bytes | None  # as read (None: kh creates it)
    data: bytes | None  # as it will be
    expected: list[MemberRecord] = field(default_factory=list)  # the records it must read as, in order


class MemberFiles:
    """Members' files as they will be, edited a record at a time inside a transaction; the
    :class:`Draft` they make is refused unless each file reads, alone, as exactly its intended
    records (whatever its layout, an edit never drops or changes another record)."""

    def __init__(self, reading: Reading):
        self.plan = reading.plan
        self._reading = reading
        self._files: dict[Path, _File] = {}
        self._summaries: list[Message] = []

    def path_of(self, member: str) -> Path:
        """Where a member's new records go: its own file."""
        return self._reading.folder / MEMBERS_DIR / f"{member}.yaml"

    def own(self, path: Path) -> list[MemberRecord]:
        """The records of one member's file as read, in the file's order."""
        return [r for r in self.plan.records if r.path == str(path)]

    def _file(self, path: Path, member: str) -> _File:
        if path not in self._files:
            raw = self._reading.raw(path)
            self._files[path] = _File(member, raw, raw, self.own(path))
        return self._files[path]

    def append(self, path: Path, member: str, item: str, record: MemberRecord, summary: Message) -> None:
        f = self._file(path, member)
        f.data = MemberText(f.data, path, member).append(item)
        f.expected.append(record)
        self._summaries.append(summary)

    def remove(self, record: MemberRecord, summary: Message) -> None:
        """Remove a record as read (its file: where it was read from)."""
        path = Path(record.path)  # members/<id>.yaml, or a file the member split off (<id>.2026.yaml)
        f = self._file(path, record.member)
        at = f.expected.index(record)  # its place among the file's records (a flow list holds several a line)
        f.data = MemberText(f.data, path, record.member).remove(at, record.line)
        del f.expected[at]
        self._summaries.append(summary)

    def draft(self) -> Draft:
        edits = []
        for path, f in self._files.items():
            assert f.data is not None
            _verify(path, f.data, tuple(f.expected))
            edits.append(FileEdit(path, f.raw, f.data))
        return Draft(tuple(edits), tuple(self._summaries))


def _same(record: MemberRecord) -> MemberRecord:
    """A record without its place in the file, for comparing what it says."""
    return dataclasses.replace(record, path="", line=0)


def _verify(path: Path, data: bytes, expected: tuple[MemberRecord, ...]) -> None:
    """Refuse unless the new file reads, alone, as exactly the intended records."""
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
            EXIT_DATA,
        )


Action = Callable[[MemberFiles, Task, str], None]


def _on_member(
    folder: Path, task_id: str, who: Who, action: Action, *, commit: bool | None, written: Written | None
) -> Outcome:
    """The transaction for a member's share of a task: find the task and the member in the plan
    as read, let ``action`` edit the member's files."""
    from ..core.match import MatchError
    from ..core.match import task as find_task
    from ..core.members import may_belong

    def make(reading: Reading) -> Draft:
        plan = reading.plan
        try:
            task = find_task(plan, task_id)
        except MatchError as exc:
            raise KhError(str(exc)) from None
        if not task.per_member:
            raise Refused("not_per_member", task_id=task.id)
        member = who(plan)
        if not any(may_belong(plan, lead, member) for lead in task.lead):
            raise Refused("not_a_member", member=member, task_id=task.id)
        files = MemberFiles(reading)
        action(files, task, member)
        return files.draft()

    return run(folder, make, commit=commit, written=written)


def completion_item(
    plan: Plan, task: Task, member_id: str, completion: Completion, year: int | None, today: date, say: Say
) -> tuple[str, MemberRecord, Message]:
    """A member's completion (a yearly duty: for ``year``, by default the year it was done in)
    as the line to append, the record it reads as, and its summary, once every rule of ``kh
    done --member`` holds (:class:`Refused` otherwise: the rules of a task's completion, then
    the member's). After the member ceased, the record says who did it (``by``: its successor
    that day)."""
    from ..core.memberchecks import due_on
    from ..core.members import completion as member_done
    from ..core.members import exists_on, owed
    from ..core.succession import holder

    when = completion.on
    for_year = (year if year is not None else when.year) if task.deadline.yearly else year
    if (refusal := rules.refusal(task, plan.documents[task.document], when, for_year, today)) is not None:
        raise Refused(refusal.why, **refusal.values)  # the same rules as a task's completion
    due = due_on(plan, task, for_year)
    if due is not None and member_id not in owed(plan, task, due):
        raise Refused("not_owed_then", member=member_id, task_id=task.id, day=due)
    if (c := member_done(plan, task, member_id, for_year)) is not None:
        raise Refused("already_done", member=member_id, task_id=task.id, on=c.on, evidence=c.evidence, year=for_year)
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


def complete(
    folder: Path, task_id: str, who: Who, completion: Completion, year: int | None, today: date, *,
    say: Say, commit: bool | None = None, written: Written | None = None,
) -> Outcome:  # fmt: skip
    """Record that a member did its part (a yearly duty: one year of it), with its evidence
    (the rules: :func:`completion_item`)."""

    def action(files: MemberFiles, task: Task, member: str) -> None:
        item, record, summary = completion_item(files.plan, task, member, completion, year, today, say)
        files.append(files.path_of(member), member, item, record, summary)

    return _on_member(folder, task_id, who, action, commit=commit, written=written)


def reopen(
    folder: Path, task_id: str, who: Who, year: int | None, *, commit: bool | None = None,
    written: Written | None = None,
) -> Outcome:  # fmt: skip
    """Remove a member's recorded completion (a yearly duty: one year's)."""

    def action(files: MemberFiles, task: Task, member: str) -> None:
        if task.deadline.yearly and year is None:
            raise Refused("year_needed", task_id=task.id, member=member)
        if not task.deadline.yearly and year is not None:
            raise Refused("not_yearly", task_id=task.id)
        found = [r for r in files.plan.records if r.task == task.id and r.member == member and r.year == year
                 and r.done is not None]  # fmt: skip
        if not found:
            raise Refused("not_done", task_id=task.id, year=year, member=member)
        label = f"{task.id} ({year})" if year else task.id
        files.remove(found[0], t("reopened {label} for {member}", label=label, member=_named(files.plan, member)))

    return _on_member(folder, task_id, who, action, commit=commit, written=written)


def add_note(
    folder: Path, task_id: str, who: Who, note: Note, year: int | None, today: date, *,
    commit: bool | None = None, written: Written | None = None,
) -> Outcome:  # fmt: skip
    """Add a dated note to a member's occurrence (a yearly duty: the year of the note's date,
    or ``year``)."""
    if note.on > today:
        raise Refused("future", on=note.on, today=today)

    def action(files: MemberFiles, task: Task, member: str) -> None:
        if not task.deadline.yearly and year is not None:
            raise Refused("not_yearly", task_id=task.id)
        for_year = (year if year is not None else note.on.year) if task.deadline.yearly else None
        item = record_item(task.id, for_year, [("date", note.on), ("note", note.text), ("source", note.source)])
        summary = t("note on {task_id} by {member}: {text}", task_id=task.id, member=_named(files.plan, member),
                    text=note.text)  # fmt: skip
        record = MemberRecord(member, task.id, for_year, None, note)
        files.append(files.path_of(member), member, item, record, summary)

    return _on_member(folder, task_id, who, action, commit=commit, written=written)


def _named(plan: Plan, member_id: str) -> str:
    """A member as a message or a commit names it: "Hà Nội (ha-noi)"."""
    unit = plan.units.get(member_id)
    return f"{unit.short} ({member_id})" if unit is not None and unit.short != member_id else member_id
