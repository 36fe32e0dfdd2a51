"""A task's history, read back from git: every version of the file that holds it, and of the
members' files (members/ID.yaml) for a task owed by each member, compared record by record, so
that hand edits show up as well as kh's. Only the ``git`` command is used (:mod:`khuyenhoc.git.vcs`)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.model import Completion, DataError, MemberRecord, Note, Task
from ..words.i18n import t
from .vcs import GitError, _git, repo_root

__all__ = ["Change", "Event", "changes", "describe", "history", "member_history"]


@dataclass(frozen=True)
class Change:
    """One field of a task that changed: ``old`` → ``new`` (None where absent); ``member``: the
    member whose record it is, for a task owed by each member (its file, members/ID.yaml)."""

    field: str
    old: Any
    new: Any
    year: int | None = None
    member: str | None = None


@dataclass(frozen=True)
class Event:
    """A commit (or the uncommitted working file) that changed a task."""

    commit: str | None  # None: not committed yet
    date: str
    author: str
    email: str
    subject: str
    changes: tuple[Change, ...] = field(default_factory=tuple)


_FIELDS = ("title", "lead", "partners", "due_text", "document", "ref", "implements")
_NAMES = {"due_text": "due"}  # the key as written in tasks.yaml


def changes(old: Task | None, new: Task | None) -> list[Change]:
    """What changed in a task between two versions, field by field."""
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return [Change("created", None, new.title)]
    if new is None:
        return [Change("removed", old.title, None)]
    out = [
        Change(_NAMES.get(f, f), getattr(old, f), getattr(new, f))
        for f in _FIELDS
        if getattr(old, f) != getattr(new, f)
    ]
    if old.done != new.done:
        out.append(Change("done", old.done, new.done))
    for year in sorted(old.done_yearly.keys() | new.done_yearly.keys()):
        before, after = old.done_yearly.get(year), new.done_yearly.get(year)
        if before != after:
            out.append(Change("done", before, after, year))
    added = [n for n in new.notes if n not in old.notes]
    removed = [n for n in old.notes if n not in new.notes]
    out += [Change("note", None, n) for n in added] + [Change("note", n, None) for n in removed]
    return out


def _versions(folder: Path, name: str) -> Iterator[tuple[list[str], bytes | None]]:
    """(commit fields, file content) for each commit touching the file, oldest first, across
    renames (``git mv``): one version in memory at a time, however long the history."""
    if not _git(folder, "ls-files", "--full-name", "--", name).stdout.strip():
        return
    log = _git(
        folder, "log", "--follow", "--name-only", "--date=iso-strict",  # newest first: git cannot --follow in --reverse
        "--format=%x1e%H%x1f%ad%x1f%an%x1f%ae%x1f%s", "--", name,
    ).stdout.decode("utf-8", "replace")  # fmt: skip
    commits = []
    for record in log.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        paths = [line for line in names.splitlines() if line]
        commits.append((head.split("\x1f"), paths[-1] if paths else ""))
    commits.reverse()
    if not commits:
        return
    with _Blobs(folder) as blobs:
        for fields, path in commits:
            yield fields, blobs.read(f"{fields[0]}:{path}")  # None: the file was deleted in this commit


def _block(text: str, task_id: str) -> str | None:
    """The text of the task's block, found cheaply, to skip parsing versions where it is unchanged."""
    m = re.search(rf"^([ \t]*)-[ \t]+id:[ \t]*['\"]?{re.escape(task_id)}['\"]?[ \t]*(#.*)?$", text, re.M | re.I)
    if not m:
        return None
    nxt = re.compile(rf"^{re.escape(m[1])}-[ \t]|^\S", re.M).search(text, m.end())
    return text[m.start() : nxt.start() if nxt else len(text)]


def _task_in(text: str, task_id: str, path: str) -> Task | None:
    from ..read.parse import parse_tasks

    errors: list[DataError] = []
    _, tasks = parse_tasks(text.replace("\r\n", "\n").lstrip("\ufeff"), path, errors)
    wanted = task_id.casefold()
    return next((t for t in tasks if t.id.casefold() == wanted), None)


def history(path: Path, task_id: str) -> list[Event]:
    """The commits that changed one task, oldest first, and the uncommitted change if any."""
    folder = path.parent
    if repo_root(folder) is None:
        raise GitError(
            t("{folder} is not in a git repository: kh history reads the task's changes from git", folder=folder)
        )
    events: list[Event] = []
    prev_task: Task | None = None
    prev_block: str | None = None
    for fields, data in _versions(folder, path.name):
        text = data.decode("utf-8", "replace") if data is not None else ""
        block = _block(text, task_id)
        if block is not None and block == prev_block:
            continue
        task = _task_in(text, task_id, path.name) if data is not None else None
        found = changes(prev_task, task)
        if found:
            sha, when, author, email, subject = (fields + [""] * 5)[:5]
            events.append(Event(sha, when, author, email, subject, tuple(found)))
        prev_task, prev_block = task, block
    try:
        current = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        current = ""
    if _block(current, task_id) != prev_block or prev_block is None:
        found = changes(prev_task, _task_in(current, task_id, path.name))
        if found:
            events.append(Event(None, "", "", "", "", tuple(found)))
    return events


def member_history(folder: Path, task_id: str, member: str | None = None) -> list[Event]:
    """The commits that changed a task's records in the members' files (``members/``: one
    member's, with ``member``), oldest first, and the uncommitted changes if any. Each change
    is a completion or a note of one member, added or removed."""
    from ..read.loader import MEMBERS_DIR

    if repo_root(folder) is None:
        return []
    prefix = _git(folder, "rev-parse", "--show-prefix").stdout.decode().strip()

    def wanted(path: str) -> bool:
        name = path.rsplit("/", 1)[-1]
        return name.endswith(".yaml") and (member is None or name in (f"{member}.yaml",) or
                                           name.startswith(f"{member}."))  # fmt: skip

    log = _git(
        folder, "log", "--reverse", "--name-status", "--no-renames", "--date=iso-strict",
        "--format=%x1e%H%x1f%ad%x1f%an%x1f%ae%x1f%s", "--", MEMBERS_DIR,
    ).stdout.decode("utf-8", "replace")  # fmt: skip
    commits: list[tuple[list[str], list[str]]] = []
    for record in log.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        paths = [line.split("\t", 1)[1] for line in names.splitlines() if "\t" in line]
        paths = [p for p in paths if wanted(p)]
        if paths:
            commits.append((head.split("\x1f"), paths))
    events = []
    with _Blobs(folder) as blobs:
        for fields, paths in commits:
            found: list[Change] = []
            for path in paths:
                found += _record_changes(blobs.read(f"{fields[0]}^:{path}"), blobs.read(f"{fields[0]}:{path}"),
                                         path, task_id)  # fmt: skip
            if found:
                sha, when, author, email, subject = (fields + [""] * 5)[:5]
                events.append(Event(sha, when, author, email, subject, tuple(found)))
        pending: list[Change] = []
        here = folder / MEMBERS_DIR
        for file in sorted(here.glob("*.yaml")) if here.is_dir() else []:
            rel = f"{prefix}{MEMBERS_DIR}/{file.name}"
            if wanted(rel):
                pending += _record_changes(blobs.read(f"HEAD:{rel}"), file.read_bytes(), rel, task_id)
    if pending:
        events.append(Event(None, "", "", "", "", tuple(pending)))
    return events


class _Blobs:
    """Files at commits, read by one ``git cat-file --batch`` (None: not there)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self) -> _Blobs:
        import subprocess

        exe = shutil.which("git")
        assert exe is not None  # the caller ran git already
        env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
        top = _git(self.folder, "rev-parse", "--show-toplevel").stdout.decode().strip()
        self.proc: Any = subprocess.Popen(
            [exe, "cat-file", "--batch"], cwd=top, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        return self

    def read(self, spec: str) -> bytes | None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(spec.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return None  # "<spec> missing": no such file then
        data = self.proc.stdout.read(int(header[2]))
        self.proc.stdout.read(1)
        return data

    def __exit__(self, *_: object) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def _record_changes(old: bytes | None, new: bytes | None, path: str, task_id: str) -> list[Change]:
    """What changed in one member's file for one task: completions and notes added or removed."""
    from ..read.memberfile import parse_members
    from ..read.yamlread import decode

    def records(data: bytes | None) -> list[MemberRecord]:
        if data is None:
            return []
        errors: list[DataError] = []
        text = decode(data, path, errors)
        found = parse_members(text, path, errors) if text is not None else None
        wanted = task_id.casefold()
        return [r for r in found or [] if r.task.casefold() == wanted]

    def key(r: MemberRecord) -> tuple[Any, ...]:
        return (r.member, r.year, r.done, r.note, r.by)

    before, after = {key(r): r for r in records(old)}, {key(r): r for r in records(new)}
    out = []
    for k, r in after.items():
        if k not in before:
            out.append(Change("note" if r.note else "done", None, r.note or r.done, r.year, r.member))
    for k, r in before.items():
        if k not in after:
            out.append(Change("note" if r.note else "done", r.note or r.done, None, r.year, r.member))
    return out


def describe(change: Change, lang: str = "vi") -> str:
    """A change as one line: the field as tasks.yaml names it, the old and the new value."""
    from ..words.i18n import format_date, label

    def fmt(value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, Completion):
            return f"{format_date(value.on, lang)}: {value.evidence}"
        if isinstance(value, tuple):
            return ", ".join(value) or "—"
        if isinstance(value, Note):
            return f"{format_date(value.on, lang)}: {value.text}"
        return str(value)

    if change.member is not None:
        return f"{change.member}: " + describe(Change(change.field, change.old, change.new, change.year), lang)
    what = change.field + (f" {change.year}" if change.year else "")
    if change.field == "created":
        return f"{label('hist_created', lang)}: {fmt(change.new)}"
    if change.field == "removed":
        return label("hist_removed", lang)
    if change.field == "note":
        if change.new:
            return f"{label('hist_note_added', lang)}: {fmt(change.new)}"
        return f"{label('hist_note_removed', lang)}: {fmt(change.old)}"
    if change.field == "done" and change.new is None:
        reopened = f"{label('hist_reopened', lang)} {change.year or ''}".rstrip()
        return f"{reopened} ({label('hist_was_done', lang)} {fmt(change.old)})"
    return f"{what}: {fmt(change.old)} → {fmt(change.new)}"
