"""Recording a member's work: ``kh done/reopen/note ID --member UNIT`` write the member's own
file, ``members/<id>.yaml``, and nothing else, so that clones kept by different members merge
without conflict (README, "Follow-up per member").

The transaction is that of :mod:`khuyenhoc.progress`: the folder's lock, the plan read and
checked, the rule of the operation, the new file checked with every other one like ``kh
check``, an atomic write, a commit if asked. A record is one line appended after the last one,
so a ``git log -p`` entry is that line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import rules
from .errors import KhError
from .i18n import Message, t
from .model import Completion, DataError, MemberRecord, Note, Plan, Task
from .progress import Outcome, Written, writable, write_and_commit
from .typed import Say, check_year, match_unit


@dataclass(frozen=True)
class Change:
    data: bytes
    summary: Message


def _text(value: str) -> str:
    """A YAML double-quoted scalar on one line (JSON's string syntax is YAML's)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def record_line(task: str, year: int | None, fields: list[tuple[str, str | date | None]]) -> str:
    parts = [f"task: {task}"] + ([f"year: {year}"] if year is not None else [])
    for key, value in fields:
        if value is None:
            continue
        parts.append(f"{key}: {value.isoformat() if isinstance(value, date) else _text(value)}")
    return "  - {" + ", ".join(parts) + "}\n"


def _lines_of(raw: str) -> tuple[list[str], object]:
    import yaml

    return raw.splitlines(keepends=True), yaml.compose(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _records_node(root: object) -> object | None:
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "records":
            return value
    return None


def append(raw: str | None, member: str, line: str) -> str:
    """The file with one more record; a new file when there is none."""
    import yaml

    if raw is None or not raw.strip():
        return (
            f"# Việc đã làm của {member}: mỗi dòng một bản ghi (kh done/note --member {member} ghi thêm vào cuối).\n"
            f"member: {member}\nrecords:\n{line}"
        )
    lines, root = _lines_of(raw)
    node = _records_node(root)
    if node is None:  # no records yet: the list goes at the end
        text = raw if raw.endswith("\n") else raw + "\n"
        return text + "records:\n" + line
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        end = last.end_mark.line + (1 if last.end_mark.column > 0 else 0)
        while end > last.start_mark.line + 1 and not lines[end - 1].strip():
            end -= 1  # blank lines after the last record stay after the new one
        if end == len(lines) and lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        return "".join([*lines[:end], line, *lines[end:]])
    if isinstance(node, (yaml.SequenceNode, yaml.ScalarNode)) and not getattr(node, "value", None):
        # `records: []` or `records:` with nothing: the list starts on the next line
        row = node.start_mark.line
        head = lines[row][: node.start_mark.column].rstrip()
        rest = lines[row][node.end_mark.column :] if node.end_mark.line == row else "\n"
        lines[row] = head + (rest if rest.strip() else "\n") + line
        return "".join(lines)
    raise KhError(t("{member}: its file's 'records' is not a list kh can add to; fix it by hand", member=member))


def remove(raw: str, record: MemberRecord) -> str:
    """The file without the record's lines."""
    lines, root = _lines_of(raw)
    node = _records_node(root)
    items = list(getattr(node, "value", []))
    for i, item in enumerate(items):
        if item.start_mark.line + 1 != record.line:
            continue
        if item.start_mark.line == item.end_mark.line or i + 1 == len(items):
            end = item.end_mark.line + (1 if item.end_mark.column > 0 else 0)
        else:
            end = items[i + 1].start_mark.line
        return "".join(lines[: item.start_mark.line] + lines[max(end, item.start_mark.line + 1) :])
    raise KhError(t("{member}: the record is not where the file said; run kh again", member=record.member))


def _refuse(errors: list[DataError]) -> None:
    """kh writes only valid data (the rule of every recording command, :func:`edit.refuse`)."""
    from .edit import EditError, refuse

    try:
        refuse(errors)
    except EditError as exc:
        raise KhError(str(exc), exc.code) from None


def _load(folder: Path, replace: tuple[Path, bytes] | None = None) -> tuple[Plan, list[DataError]]:
    from .loader import data_files, merge, parse_files, read_bytes

    listed = data_files(folder)
    files = [(kind, str(p), main, read_bytes(p)) for kind, p, main in listed]
    if replace is not None:
        path, data = replace
        files = [f for f in files if f[1] != str(path)] + [("members", str(path), False, data)]
    return merge(parse_files(files))


def transaction(
    folder: Path,
    task_id: str,
    member_typed: str,
    action: Callable[[Plan, Task, str, Path, str | None], Change],
    *,
    say: Say,
    commit: bool | None,
    written: Written | None,
) -> Outcome:
    """Lock, read and check the plan, find the task and the member, let ``action`` make the new
    file, check it with the others, write it atomically, commit it if asked."""
    from .match import MatchError
    from .match import task as find_task
    from .vcs import GitError, commit_by_default, prepare_commit
    from .writer import LockTimeout, locked

    writable(folder)
    try:
        with locked(folder):
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
            from .members import may_belong

            if not any(may_belong(plan, lead, member) for lead in task.lead):
                raise KhError(t("{member} is not a member of the lead of {task_id}", member=member, task_id=task.id))
            path = folder / "members" / f"{member}.yaml"
            raw = path.read_bytes() if path.exists() else None
            text = raw.decode("utf-8") if raw is not None else None
            change = action(plan, task, member, path, text)
            if raw is not None and change.data == raw:
                return Outcome(change.summary, path, changed=False)
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
                raise KhError(t("{path}: cannot write ({v1}); the file is unchanged", path=path, v1=why)) from None
            return write_and_commit(path, change.data, raw, change.summary, committing, written)
    except LockTimeout as exc:
        raise KhError(str(exc)) from None


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
    """Record that a member did its part (a yearly duty: one year of it), with its evidence.
    After the member ceased, the record says who did it (``by``: its successor that day)."""
    from .memberchecks import due_on
    from .members import completion as member_done
    from .members import exists_on, owed
    from .succession import holder

    when = completion.on

    def action(plan: Plan, task: Task, member_id: str, path: Path, raw: str | None) -> Change:
        if rules.cannot_be_done(task):
            raise KhError(
                t(
                    "{task_id} is a standing duty ('thường xuyên'): it has no deadline and is never "
                    "done; record progress with `kh note {task_id} TEXT`",
                    task_id=task.id,
                )
            )
        if when > today:
            raise KhError(t("--on {v1} is in the future (today is {v2})", v1=when.isoformat(), v2=today.isoformat()))
        for_year = _year(task, year, when)
        due = due_on(plan, task, for_year)
        if due is not None and member_id not in owed(plan, task, due):
            raise KhError(
                t("{member} did not belong to the lead of {task_id} on {day}, when it was due",
                  member=member_id, task_id=task.id, day=due.isoformat())
            )  # fmt: skip
        if (c := member_done(plan, task, member_id, for_year)) is not None:
            again = f"kh reopen {task.id} --member {member_id}" + (f" --year {for_year}" if for_year else "")
            raise KhError(
                t("{member} has already done {task_id} on {v1} ({evidence}); to record it again, first `{again}`",
                  member=member_id, task_id=task.id, v1=c.on.isoformat(), evidence=c.evidence, again=again)
            )  # fmt: skip
        if for_year is not None and rules.before_its_year(when, for_year):
            raise KhError(
                t("{task_id}: done on {v1}, before the year {for_year} it would be for", task_id=task.id,
                  v1=when.isoformat(), for_year=for_year)
            )  # fmt: skip
        unit = plan.units[member_id]
        by = None
        if not exists_on(unit, when) and unit.successor is not None and when >= unit.successor.on:
            by = holder(plan, member_id, when)
            say(
                t("{member} had ceased by {v1}: recorded as done by {by}", member=member_id, v1=when.isoformat(), by=by)
            )
        fields: list[tuple[str, str | date | None]] = [
            ("date" if completion.exact else "no_later_than", when),
            ("evidence", completion.evidence),
            ("source", completion.source),
            ("by", by),
        ]
        line = record_line(task.id, for_year, fields)
        label = f"{task.id} ({for_year})" if for_year else task.id
        summary = t("done {label} by {member} on {v1} ({evidence})", label=label, member=member_id,
                    v1=when.isoformat(), evidence=completion.evidence)  # fmt: skip
        return Change(append(raw, member_id, line).encode("utf-8"), summary)

    return transaction(folder, task_id, member, action, say=say, commit=commit, written=written)


def reopen(
    folder: Path, task_id: str, member: str, year: int | None, *,
    say: Say, commit: bool | None = None, written: Written | None = None,
) -> Outcome:  # fmt: skip
    """Remove a member's recorded completion (a yearly duty: one year's)."""

    def action(plan: Plan, task: Task, member_id: str, path: Path, raw: str | None) -> Change:
        if task.deadline.yearly and year is None:
            raise KhError(t("{task_id} is a yearly duty: say which year with --year", task_id=task.id))
        if not task.deadline.yearly and year is not None:
            raise KhError(t("{task_id} is not a yearly duty; leave out --year", task_id=task.id))
        for_year = check_year(year) if year is not None else None
        found = [r for r in plan.records if r.task == task.id and r.member == member_id and r.year == for_year
                 and r.done is not None]  # fmt: skip
        if not found or raw is None or found[0].path != str(path):
            label = f"{task.id} ({for_year})" if for_year else task.id
            raise KhError(t("{member} has no completion of {label} to reopen", member=member_id, label=label))
        label = f"{task.id} ({for_year})" if for_year else task.id
        summary = t("reopened {label} for {member}", label=label, member=member_id)
        return Change(remove(raw, found[0]).encode("utf-8"), summary)

    return transaction(folder, task_id, member, action, say=say, commit=commit, written=written)


def add_note(
    folder: Path, task_id: str, member: str, note: Note, year: int | None, today: date, *,
    say: Say, commit: bool | None = None, written: Written | None = None,
) -> Outcome:  # fmt: skip
    """Add a dated note to a member's occurrence (a yearly duty: the year of the note's date,
    or --year)."""
    if note.on > today:
        raise KhError(t("--on {v1} is in the future (today is {v2})", v1=note.on.isoformat(), v2=today.isoformat()))

    def action(plan: Plan, task: Task, member_id: str, path: Path, raw: str | None) -> Change:
        for_year = _year(task, year, note.on)
        line = record_line(task.id, for_year, [("date", note.on), ("note", note.text), ("source", note.source)])
        summary = t("note on {task_id} by {member}: {text}", task_id=task.id, member=member_id, text=note.text)
        return Change(append(raw, member_id, line).encode("utf-8"), summary)

    return transaction(folder, task_id, member, action, say=say, commit=commit, written=written)
