"""The one transaction every edit of a plan folder goes through: a task's completion, note or
field (:mod:`khuyenhoc.write.progress`), a member's record (:mod:`khuyenhoc.write.memberedit`),
many members' records at once (:mod:`khuyenhoc.write.memberbatch`), the rewrite of old keys
(``kh migrate``).

1. hold the folder's lock (concurrent kh commands take turns, each reads what the one before
   wrote) and remove the temporary files a killed kh left;
2. read every file of the plan once, and check the plan like ``kh check``: kh writes only valid
   data (``repair``: an edit that removes the problem may start from it);
3. let the operation make its :class:`Draft` from that :class:`Reading`: the new bytes of each
   file it changes, each already checked to read as intended; a rule that refuses raises
   :class:`khuyenhoc.core.rules.Refused` (a reason, as a value) and nothing is written;
4. check the plan again with the new files, like ``kh check``;
5. refuse now a commit that could not be made clean (``--commit``, or the folder's default);
6. write each file atomically; if one cannot be written, those already written go back;
7. commit the files together; if git refuses (a hook, a signing key), they all go back.

No command line here: the words of a refusal are the command line's (:mod:`khuyenhoc.cli.refusals`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_DATA, KhError
from ..words.i18n import Message, t

if TYPE_CHECKING:
    from ..core.model import DataError, Parsed, Plan

File = tuple[str, str, bool, bytes]  # (kind, path, main, bytes): a file of the plan as read


@dataclass(frozen=True)
class Reading:
    """The plan as the transaction read it under the lock: each file's bytes and records, and
    the plan they make with its problems."""

    folder: Path
    files: list[File]
    parsed: list[Parsed]
    plan: Plan
    errors: list[DataError]

    def raw(self, path: Path) -> bytes | None:
        """A file's bytes as read (None: the plan has no such file yet)."""
        return next((data for _, p, _, data in self.files if p == str(path)), None)

    def parsed_by_path(self) -> dict[str, Parsed]:
        return {f[1]: one for f, one in zip(self.files, self.parsed, strict=True)}

    def replaced(self, new: dict[str, bytes]) -> tuple[Plan, list[DataError]]:
        """The plan as it will be with these files' new bytes (a path the plan lacks: a new
        member's file); only those files are parsed again."""
        from ..read.loader import merge, parse_files

        kept = [one for f, one in zip(self.files, self.parsed, strict=True) if f[1] not in new]
        changed = []
        for path, data in new.items():
            kind, main = next(((k, m) for k, p, m, _ in self.files if p == path), ("members", False))
            changed.append((kind, path, main, data))
        return merge(kept + parse_files(changed))


def read(folder: Path) -> Reading:
    """Every file of the plan in ``folder``, read once, parsed (or taken from the cache)."""
    from ..read.loader import data_files, merge, parse_files, read_bytes

    files = [(kind, str(p), main, read_bytes(p)) for kind, p, main in data_files(folder)]
    parsed = parse_files(files)
    plan, errors = merge(parsed)
    return Reading(folder, files, parsed, plan, errors)


@dataclass(frozen=True)
class FileEdit:
    """One file as it will be: ``raw`` as read (None: kh creates it), ``data`` as written."""

    path: Path
    raw: bytes | None
    data: bytes


@dataclass(frozen=True)
class Draft:
    """What an operation will write, and what it did in a line each (the commit's lines);
    ``subject``: the commit's first line when it records several things (listed below it)."""

    edits: tuple[FileEdit, ...]
    summaries: tuple[Message, ...]
    subject: Message | None = None


@dataclass(frozen=True)
class Outcome:
    """What a transaction did: what it recorded, the files it wrote (or would have: where the
    user finds them), whether anything changed, the commit made, if one was."""

    summaries: tuple[Message, ...]
    paths: tuple[Path, ...]
    changed: bool
    commit: str | None = None

    @property
    def summary(self) -> Message:
        return self.summaries[0]

    @property
    def path(self) -> Path:
        return self.paths[0]


Written = Callable[[Outcome], None]  # told once the files are written, before any commit


def writable(folder: Path) -> None:
    """Refuse the plan shipped with kh: it is read-only."""
    from ..read.paths import is_bundled

    if is_bundled(folder):
        raise KhError(t("the bundled plan is read-only; start a tracking folder with `kh init DIR` and work there"))


def refuse(errors: list[DataError]) -> None:
    """kh writes only valid data: refused (exit 1) while the plan has a problem (a warning, such
    as an old key, stops nothing)."""
    if problems := [e for e in errors if not e.warning]:
        raise KhError(
            t(
                "the data has {count} problem(s) (first: {first}); kh writes only valid data, so fix "
                "them first (`kh check` lists them)",
                count=len(problems),
                first=problems[0],
            ),
            EXIT_DATA,
        )


def run(
    folder: Path, make: Callable[[Reading], Draft], *, commit: bool | None, written: Written | None = None,
    repair: bool = False,
) -> Outcome:  # fmt: skip
    """The transaction (see the module). ``commit``: None for the folder's default."""
    from .writer import LockTimeout, locked, remove_stale_temps

    writable(folder)
    try:
        with locked(folder):
            remove_stale_temps(folder)  # left by a killed kh
            reading = read(folder)
            if not repair:
                refuse(reading.errors)
            draft = make(reading)
            edits = [e for e in draft.edits if e.data != e.raw]
            paths = tuple(e.path for e in draft.edits)
            if not edits:
                return Outcome(draft.summaries, paths, changed=False)
            _, after = reading.replaced({str(e.path): e.data for e in edits})
            if problems := [e for e in after if not e.warning]:
                shown = "; ".join(str(e) for e in problems[:3])
                raise KhError(
                    t("the change would leave the data with problems, so nothing was written: {shown}", shown=shown)
                )
            committing = _prepare(folder, edits, commit)
            _write_all(edits)
            outcome = Outcome(draft.summaries, paths, changed=True)
            if written is not None:
                written(outcome)
            if not committing:
                return outcome
            return Outcome(draft.summaries, paths, changed=True, commit=_commit(edits, draft.summaries, draft.subject))
    except LockTimeout as exc:
        raise KhError(str(exc)) from None


def _prepare(folder: Path, edits: list[FileEdit], commit: bool | None) -> bool:
    """Whether to commit; if so, refused now (before writing) when the commit could not be clean."""
    from ..core.rules import Refused
    from ..git.vcs import CommitRefused, GitError, commit_by_default, prepare_commit

    default_from = None
    try:
        if commit is None:
            default_from = commit_by_default(folder)
        committing = commit if commit is not None else default_from is not None
        if committing:
            for e in edits:
                prepare_commit(e.path, new=e.raw is None)
    except CommitRefused as exc:  # the change could go without its commit: the CLI says how
        raise Refused("commit_unclean", reason=exc.args[0], typed=bool(commit), default_from=default_from) from None
    except GitError as exc:
        raise KhError(str(exc)) from None
    return committing


def _write_all(edits: list[FileEdit]) -> None:
    """Every file written atomically (refused if it changed since it was read); if one cannot
    be, those already written go back as they were."""
    from .writer import FileChanged, WriteRefused, atomic_write

    alone = len(edits) == 1
    done: list[FileEdit] = []
    try:
        for e in edits:
            e.path.parent.mkdir(exist_ok=True)  # members/, for a member's first record
            atomic_write(e.path, e.data, expected=e.raw)
            done.append(e)
    except (FileChanged, WriteRefused) as exc:
        _restore(done)
        raise KhError(str(exc) if alone else t("{exc}; nothing written", exc=exc)) from None
    except OSError as exc:
        _restore(done)
        where, why = getattr(exc, "filename", None) or edits[len(done)].path, exc.strerror or exc
        if alone:
            raise KhError(t("{path}: cannot write ({reason}); the file is unchanged", path=where, reason=why)) from None
        raise KhError(t("{path}: cannot write ({reason}); nothing written", path=where, reason=why)) from None


def _restore(written: list[FileEdit]) -> list[Path]:
    """The files written put back as they were read (a new one removed); returns those that
    could not be (``git status`` shows them)."""
    from .writer import atomic_write

    stuck = []
    for e in written:
        try:
            if e.raw is None:
                e.path.unlink()
            else:
                atomic_write(e.path, e.raw, expected=e.data)
        except OSError:
            stuck.append(e.path)  # the next one still goes back
    return stuck


def _commit(edits: list[FileEdit], summaries: tuple[Message, ...], subject: Message | None) -> str:
    """One commit of the files written; if git refuses it, they go back as they were, so that
    nothing is left written but not committed (which would block the next --commit)."""
    from ..git.vcs import GitError, commit_files

    if subject is None and len(summaries) == 1:
        message = f"kh: {summaries[0]}"
    else:
        message = "\n".join([f"kh: {subject or summaries[0]}", "", *(f"- {s}" for s in summaries)])
    try:
        return commit_files([e.path for e in edits], message, new=[e.path for e in edits if e.raw is None])
    except GitError as exc:
        if stuck := _restore(edits):
            where = os.path.relpath(stuck[0])
            raise KhError(
                t("the change is written to {where} but git did not commit it: {exc}", where=where, exc=exc)
            ) from None
        if len(edits) == 1:
            where = os.path.relpath(edits[0].path)
            raise KhError(
                t("git did not commit the change ({exc}); {where} is as it was", exc=exc, where=where)
            ) from None
        raise KhError(t("git did not commit the change ({exc}); the files are as they were", exc=exc)) from None
