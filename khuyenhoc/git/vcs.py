"""git as the audit trail: one commit per kh edit (:mod:`khuyenhoc.git.history` reads a task's
history back from git).

Only the ``git`` command is used (no library): it is what users have, and it honours their
configuration (identity, hooks, signing).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from ..words.i18n import t

__all__ = ["GitError", "commit", "commit_by_default", "prepare_commit", "repo_root"]


class GitError(Exception):
    """git is missing, the folder is not a repository, or git refused."""


class CommitRefused(GitError):
    """kh's commit could not be made clean here, though the change could be written without a
    commit: the caller may say how to go without it (the option, or the folder's default)."""


def _git(
    folder: Path, *args: str, stdin: bytes | None = None, check: bool = True, own_session: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``folder``. ``own_session``: in a session of its own, so that a signal meant
    for kh (Ctrl-C, a kill of its process group) does not stop git half-way through a commit,
    leaving its lock files behind: git finishes, and removes them."""
    exe = shutil.which("git")
    if exe is None:
        raise GitError(t("git is not installed (or not on PATH)"))
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    proc = subprocess.run(
        [exe, "-c", "core.quotepath=off", *args], cwd=folder, input=stdin, capture_output=True, env=env, check=False,
        start_new_session=own_session,
    )  # fmt: skip
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return proc


def _where(path: Path) -> tuple[Path, str]:
    """A folder that exists to run git in, and the path from it: a member's first file lives in
    ``members/``, which kh creates only when it writes."""
    folder = path.parent
    rel = Path(path.name)
    while not folder.is_dir() and folder != folder.parent:
        rel = Path(folder.name) / rel
        folder = folder.parent
    return folder, rel.as_posix()


def repo_root(folder: Path) -> Path | None:
    try:
        proc = _git(folder, "rev-parse", "--show-toplevel", check=False)
    except GitError:
        return None
    return Path(proc.stdout.decode().strip()) if proc.returncode == 0 else None


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def commit_by_default(folder: Path) -> str | None:
    """The setting that has kh commit when no option says: ``"env"`` (``KH_COMMIT`` true), else
    ``"config"`` (``git config kh.commit`` of the data's repository true); None: not to commit.
    A ``KH_COMMIT`` set, true or false, decides alone."""
    env = os.environ.get("KH_COMMIT")
    if env is not None:
        if env.strip().lower() in _TRUE | _FALSE:
            return "env" if env.strip().lower() in _TRUE else None
        raise GitError(t("KH_COMMIT={env!r}: expected 1 or 0 (true or false)", env=env))
    try:
        proc = _git(folder, "config", "--type=bool", "--get", "kh.commit", check=False)
    except GitError:
        return None
    return "config" if proc.returncode == 0 and proc.stdout.strip() == b"true" else None


# Files git keeps while an operation is under way: a commit then would join it (a merge) or
# be thrown away with it (`git rebase --abort`).
_IN_PROGRESS = {
    "MERGE_HEAD": t("a merge"), "rebase-merge": t("a rebase"), "rebase-apply": t("a rebase or git am"),
    "CHERRY_PICK_HEAD": t("a cherry-pick"), "REVERT_HEAD": t("a revert"), "BISECT_LOG": t("a bisect"),
}  # fmt: skip


LOCK_WAIT = 5.0  # seconds kh waits for another git's index.lock; KH_GIT_LOCK_WAIT changes it


def _lock_wait() -> float:
    try:
        return float(os.environ.get("KH_GIT_LOCK_WAIT", "") or LOCK_WAIT)
    except ValueError:
        return LOCK_WAIT


def _git_dir(folder: Path) -> Path:
    return Path(folder, _git(folder, "rev-parse", "--git-dir").stdout.decode().strip())


def _wait_for_index(folder: Path) -> None:
    """Wait a little for another git that holds the index's lock; then say which file, and what to do."""
    import time

    lock = _git_dir(folder) / "index.lock"
    deadline = time.monotonic() + _lock_wait()
    while lock.exists():
        if time.monotonic() >= deadline:
            raise GitError(
                t(
                    "another git process is using this repository ({lock} exists); nothing written. Run kh "
                    "again when it has finished; if no git is running, that file was left by one that was "
                    "stopped: remove it",
                    lock=lock,
                )
            )
        time.sleep(0.05)


def prepare_commit(path: Path, *, new: bool = False) -> None:
    """Refuse before writing when kh's commit could not be made, or could not hold kh's change
    alone: not a repository, an operation under way (a merge…), no commit yet, no identity,
    another git holding the index, a file git would not see as it is (a symbolic link,
    ``--assume-unchanged``, ``--skip-worktree``), or a file with changes of someone else's,
    staged or not. A hook or a signing key that refuses is only known by committing:
    :func:`khuyenhoc.write.transaction.run` then puts the file back as it was."""
    folder, rel = _where(path)
    if repo_root(folder) is None:
        raise CommitRefused(t("{folder} is not in a git repository; run `git init` there", folder=path.parent))
    git_dir = _git_dir(folder)
    for name, operation in _IN_PROGRESS.items():
        if (git_dir / name).exists():
            raise GitError(
                t(
                    "git is in the middle of {operation}; finish it (or abort it) first, then run kh again: "
                    "nothing written",
                    operation=operation,
                )
            )
    if _git(folder, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode != 0:
        raise GitError(
            t("the repository has no commit yet; commit {path_name} first (git add, git commit)", path_name=path.name)
        )
    for who in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        if _git(folder, "var", who, check=False).returncode != 0:
            raise GitError(
                t(
                    "git does not know who you are, so it cannot commit; nothing written. Tell it once: "
                    '`git config --global user.name "Họ Tên"` and `git config --global user.email ten@example.vn`'
                )
            )
    _wait_for_index(folder)
    if path.is_symlink():
        raise CommitRefused(
            t(
                "{path_name} is a symbolic link: git would commit the link, not the change kh makes to the file "
                "it points at; nothing written. Commit in the repository that holds the file",
                path_name=path.name,
            )
        )
    listed = _git(folder, "ls-files", "-v", "--", rel).stdout.decode("utf-8", "replace")
    if new and not listed:
        return  # a file kh creates (a member's first record): nothing of it to keep out of the commit
    if not listed:
        raise GitError(
            t("{path_name} is not tracked by git; commit it first (git add, git commit)", path_name=path.name)
        )
    tag = listed[:1]
    if tag == "S" or tag.islower():
        flag = "--no-skip-worktree" if tag == "S" else "--no-assume-unchanged"
        raise GitError(
            t(
                "git is told not to look at {path_name} ({flag} undoes it), so its commit could hold changes "
                "kh did not make, or miss kh's; nothing written. Run `git update-index {flag} {rel}` first",
                path_name=path.name,
                flag=flag,
                rel=rel,
            )
        )
    if _git(folder, "diff", "--quiet", "HEAD", "--", rel, check=False).returncode != 0:
        raise CommitRefused(
            t(
                "{path_name} has uncommitted changes; commit or discard them first, so that kh's "
                "commit holds only kh's change",
                path_name=path.name,
            )
        )


def commit(path: Path, message: str, *, add: bool = False) -> str:
    """Commit the data file alone (other staged files stay staged), with the user's hooks and
    signing; returns the short hash. ``add``: a file kh has just created, added first (and
    unstaged again if the commit fails). Another git's index lock is waited for a little."""
    return commit_files([path], message, new=[path] if add else [])


def commit_files(paths: list[Path], message: str, *, new: list[Path]) -> str:
    """Commit these files, and only them, in one commit (:func:`commit`); ``new``: those kh has
    just created."""
    import time

    folder, _ = _where(paths[0])
    rels = [Path(os.path.relpath(p, folder)).as_posix() for p in paths]
    added = [Path(os.path.relpath(p, folder)).as_posix() for p in new]
    deadline = time.monotonic() + _lock_wait()
    while True:
        try:
            if added:
                _git(folder, "add", "--", *added)
            proc = _git(folder, "commit", "-q", "-m", message, "--only", "--", *rels, check=False, own_session=True)
            if proc.returncode == 0:
                return _git(folder, "rev-parse", "--short", "HEAD").stdout.decode().strip()
            why = (proc.stderr + b"\n" + proc.stdout).decode("utf-8", "replace").strip().splitlines()
            if added:
                _git(folder, "reset", "-q", "--", *added, check=False)
            if any(_RACE.search(line) for line in why) and time.monotonic() < deadline:
                time.sleep(0.05)  # another git (kh's in another plan of this repository, the user's)
                continue
            raise GitError(_reason(why))
        except GitError as exc:
            if _RACE.search(str(exc)) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            raise


# Another git got there first (its lock files, or HEAD moved under this commit): try again.
_RACE = re.compile(r"index\.lock|HEAD\.lock|cannot lock ref|\.lock': File exists")


def _reason(stderr: list[str]) -> str:
    """What git said, in one line: its own reason (a hook's words, a signing failure), not the
    advice it adds after it."""
    lines = [line.strip() for line in stderr if line.strip() and not line.startswith(("hint:", "  (use "))]
    for line in lines:
        if line.startswith(("error:", "fatal:")):
            return line.partition(":")[2].strip()
    return lines[-1] if lines else "git commit failed"
