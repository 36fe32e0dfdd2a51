"""Recording many members' completions in one transaction (``kh import --apply``): all of them
or none.

The transaction of :mod:`khuyenhoc.memberedit`, for several files at once: the folder's lock,
the plan read and checked, each record held to the rules of ``kh done --member``
(:func:`memberedit.completion_item`), each member's file appended to (its own file only, one
line a record), every new file checked to read as intended and all of them with the rest of the
plan like ``kh check``, then written atomically one by one. If a write fails, or git refuses
the commit, the files already written go back to what they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..core.typed import Say
from ..errors import KhError
from ..words.i18n import Message, t

if TYPE_CHECKING:
    from ..core.model import Completion, MemberRecord, Plan, Task

T = TypeVar("T")
Item = tuple["Task", str, "Completion", "int | None"]  # the task, the member, what it did, the year


@dataclass(frozen=True)
class Batch:
    """What was written: the files, the records' summaries, and the commit made, if one was."""

    paths: list[Path]
    summaries: list[Message]
    commit: str | None = None


@dataclass
class _File:
    raw: bytes | None  # as read (None: kh creates it)
    data: bytes | None  # as it will be
    expected: list[MemberRecord]


def complete_many(
    folder: Path, make: Callable[[Plan], tuple[list[Item], T]], today: date, subject: Callable[[int], Message], *,
    say: Say, commit: bool | None,
) -> tuple[T, Batch]:  # fmt: skip
    """Lock the folder, read the plan, let ``make`` say what to record (and what to report),
    write it all (see the module); ``subject(n)`` is the commit's first line."""
    from ..git.vcs import GitError, commit_by_default, commit_files, prepare_commit
    from ..read.loader import MEMBERS_DIR, read_bytes
    from ..read.memberfile import MemberText
    from .memberedit import _load, _own_records, _refuse, _verify, completion_item
    from .progress import writable
    from .writer import LockTimeout, locked, remove_stale_temps

    writable(folder)
    try:
        with locked(folder):
            remove_stale_temps(folder)  # left by a killed kh
            plan, errors = _load(folder)
            _refuse(errors)
            items, result = make(plan)
            files: dict[Path, _File] = {}
            summaries: list[Message] = []
            for task, member, completion, year in items:
                path = folder / MEMBERS_DIR / f"{member}.yaml"
                item, record, summary = completion_item(plan, task, member, completion, year, today, say)
                if path not in files:
                    raw = read_bytes(path) if path.exists() else None
                    files[path] = _File(raw, raw, list(_own_records(plan, path)))
                f = files[path]
                f.data = MemberText(f.data, path, member).append(item)
                f.expected.append(record)
                summaries.append(summary)
            if not files:
                return result, Batch([], [])
            for path, f in files.items():
                assert f.data is not None
                _verify(path, f.data, tuple(f.expected))
            _, after = _load(folder, *((p, f.data) for p, f in files.items() if f.data is not None))
            _refuse(after)
            committing = commit if commit is not None else commit_by_default(folder)
            try:
                for path, f in files.items():
                    if committing:
                        prepare_commit(path, new=f.raw is None)
            except GitError as exc:
                raise KhError(str(exc)) from None
            _write_all(folder / MEMBERS_DIR, files)
            sha = None
            if committing:
                message = "\n".join([f"kh: {subject(len(summaries))}", "", *(f"- {s}" for s in summaries)])
                try:
                    sha = commit_files(list(files), message, new=[p for p, f in files.items() if f.raw is None])
                except GitError as exc:
                    _restore(files, list(files))
                    raise KhError(
                        t("git did not commit the change ({exc}); the files are as they were", exc=exc)
                    ) from None
            return result, Batch(list(files), summaries, sha)
    except LockTimeout as exc:
        raise KhError(str(exc)) from None


def _write_all(folder: Path, files: dict[Path, _File]) -> None:
    """Write every file atomically; if one cannot be written, put back those that were."""
    from .writer import FileChanged, WriteRefused, atomic_write

    done: list[Path] = []
    try:
        folder.mkdir(exist_ok=True)
        for path, f in files.items():
            assert f.data is not None
            atomic_write(path, f.data, expected=f.raw)
            done.append(path)
    except (FileChanged, WriteRefused) as exc:
        _restore(files, done)
        raise KhError(t("{exc}; nothing written", exc=exc)) from None
    except OSError as exc:
        _restore(files, done)
        where = getattr(exc, "filename", None) or folder
        raise KhError(t("{path}: cannot write ({reason}); nothing written", path=where,
                        reason=exc.strerror or exc)) from None  # fmt: skip


def _restore(files: dict[Path, _File], written: list[Path]) -> None:
    """The files written put back as they were read (a new one removed)."""
    from .writer import atomic_write

    for path in written:
        f = files[path]
        try:
            if f.raw is None:
                path.unlink()
            else:
                atomic_write(path, f.raw)
        except OSError:
            continue  # the next one still goes back; `git status` shows what did not
