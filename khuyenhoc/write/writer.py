"""Writing files safely.

- :func:`atomic_write`: a temporary file in the same folder, fsync, then an atomic rename, so
  readers see the old file or the new one, never a mix. The file keeps its identity: a
  symbolic link's target is what is updated, and the owner, group, mode and extended
  attributes (ACLs among them) are carried over; where that cannot be done (a file with
  several hard links, a file kh may not give back to its owner, a read-only file) kh refuses
  and writes nothing.
- :func:`write_output`: ``-o FILE``: the same, except that a device, a FIFO or a descriptor
  alias (``/dev/stdout``) is written into, as a shell redirect would.
- :func:`locked`: one writer at a time in a plan folder, so that read-modify-write cycles of
  concurrent kh commands never lose one another's change.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from ..words.i18n import t


class FileChanged(OSError):
    """The file changed on disk after kh read it; kh wrote nothing."""


class WriteRefused(OSError):
    """Writing would change what the file is (its links, owner, attributes) or it is read-only;
    kh wrote nothing. ``str()`` is the whole message."""

    def __str__(self) -> str:
        return str(self.args[0])


class LockTimeout(OSError):
    """Another kh kept the plan folder locked for longer than the wait allows."""

    def __str__(self) -> str:
        return str(self.args[0])


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
TMP_SUFFIX = ".tmp"


def temp_name(name: str) -> str:
    """The temporary file written for ``name``: hidden, and matched by ``.*.tmp`` (which
    ``kh init`` puts in the tracking folder's .gitignore)."""
    return f".{name}.{os.urandom(6).hex()}{TMP_SUFFIX}"


def atomic_write(path: Path, data: bytes, expected: bytes | None = None, *, follow: bool = True) -> None:
    """Replace the file at ``path`` with ``data``, keeping its identity (see the module).

    With ``expected`` (the bytes read before editing), refuse with :class:`FileChanged`
    rather than overwrite a change made meanwhile by someone else (an editor, git).
    ``follow=False``: the name itself is replaced, never the file a link there points at
    (a link made after kh looked is replaced, not followed).
    """
    # through links: the file itself is updated
    target = Path(os.path.realpath(path)) if follow else Path(os.path.realpath(path.parent or "."), path.name)
    folder = target.parent
    try:
        st: os.stat_result | None = os.stat(target) if follow else os.lstat(target)
    except FileNotFoundError:
        st = None
    if st is not None and not follow and stat.S_ISLNK(st.st_mode):
        st = None  # a link that appeared meanwhile: the name is replaced, as a new file
    if st is not None:
        _check_replaceable(path, st)
    try:
        tmp = folder / temp_name(target.name)
        fd = open_temp(tmp)
    except OSError as exc:  # name the file asked for, not the temporary one
        if not folder.is_dir():
            raise OSError(exc.errno, t("the folder {folder} does not exist", folder=folder), str(path)) from None
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        _test_hook("created")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
            _test_hook("half-written")
            handle.write(data[len(data) // 2 :])
            handle.flush()
            if st is None:  # a new file: the usual permissions
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(handle.fileno(), 0o666 & ~umask)
            else:
                _carry_over(path, target, handle.fileno(), st)
            os.fsync(handle.fileno())
        _test_hook("synced")
        if expected is not None and _read(target) != expected:
            raise FileChanged(
                t("{path}: changed on disk while kh was editing it; nothing written, run it again", path=path)
            )
        _test_hook("checked")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _test_hook("renamed")
    _sync_folder(folder)


def open_temp(tmp: Path) -> int:
    """Create the temporary file, new and private until it is complete."""
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)


def write_output(path: Path, data: bytes) -> None:
    """``-o FILE``: a regular (or new) file is replaced atomically; a device, a FIFO, a socket
    or a descriptor alias such as ``/dev/stdout`` is written into, as ``> FILE`` would.

    In a folder others may write (``/tmp``), a name another user made (a symbolic link to one
    of this user's files, a FIFO) is refused rather than followed: a name kh chooses there
    (a letter's) is predictable, and following it would let them replace what it points at."""
    try:
        lst: os.stat_result | None = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        lst = None
    if lst is not None and lst.st_uid != _euid() and _shared(path.parent):
        raise WriteRefused(
            t(
                "{path}: made by another user in a folder anyone may write; kh does not write through it. "
                "Choose another name (or folder), or remove it",
                path=path,
            )
        )
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    real = os.path.realpath(path)
    if st is not None and (not stat.S_ISREG(st.st_mode) or real.startswith(("/proc/", "/dev/"))):
        if stat.S_ISDIR(st.st_mode):
            raise OSError(21, os.strerror(21), str(path))  # EISDIR, whatever the platform's number
        with open(path, "wb") as handle:
            handle.write(data)
        return
    atomic_write(path, data, follow=lst is not None and stat.S_ISLNK(lst.st_mode))


def _euid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else -1


def _shared(folder: Path) -> bool:
    """A folder other users may create names in: anyone may write it, or it is sticky (/tmp)."""
    try:
        mode = os.stat(folder or ".").st_mode
    except OSError:
        return False
    return bool(mode & stat.S_IWOTH or (mode & stat.S_ISVTX and mode & (stat.S_IWGRP | stat.S_IWOTH)))


def _check_replaceable(path: Path, st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(t("{path}: not a regular file; nothing written", path=path))
    if st.st_nlink > 1:
        raise WriteRefused(
            t(
                "{path}: the file has {n} hard links, which writing it safely (a new file renamed over it) "
                "would separate; nothing written. Keep one name (or use a symbolic link) and run it again",
                path=path,
                n=st.st_nlink,
            )
        )
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise WriteRefused(t("{path}: the file is read-only; nothing written", path=path))


def _carry_over(path: Path, source: Path, fd: int, st: os.stat_result) -> None:
    """Give the new file the old one's owner, group, mode and extended attributes (ACLs are
    extended attributes on Linux), or refuse."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except OSError:
            raise WriteRefused(
                t(
                    "{path}: the file belongs to another user or group, and kh cannot give the new "
                    "version back to them; nothing written. Run kh as the file's owner",
                    path=path,
                )
            ) from None
    os.fchmod(fd, stat.S_IMODE(st.st_mode))
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:  # a file system without extended attributes
        return
    for name in names:
        try:
            value = os.getxattr(source, name)
            with contextlib.suppress(OSError):
                if os.getxattr(fd, name) == value:
                    continue  # already so (a security label given by the folder)
            os.setxattr(fd, name, value)
        except OSError:
            raise WriteRefused(
                t(
                    "{path}: kh cannot give the new version the file's attribute {name}; nothing written",
                    path=path,
                    name=name,
                )
            ) from None


def _test_hook(stage: str) -> None:
    """Fault injection for the tests, off unless asked: ``KH_TEST_DIE_AT=STAGE`` ends the
    process on the spot at that stage (``os._exit``: no cleanup runs, as with SIGKILL), and
    ``KH_TEST_PAUSE_BEFORE_RENAME=SECONDS`` widens the window between the check and the
    rename, where a concurrent writer would slip in without the lock. Stages, in order:
    created, half-written, synced, checked, renamed."""
    if os.environ.get("KH_TEST_DIE_AT") == stage:
        os._exit(137)
    if stage == "checked" and (pause := os.environ.get("KH_TEST_PAUSE_BEFORE_RENAME")):
        import time

        with contextlib.suppress(ValueError):
            time.sleep(float(pause))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - some platforms cannot open folders
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


LOCK_WAIT = 60.0  # seconds a writer waits for another; KH_LOCK_TIMEOUT changes it


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the plan folder's lock: kh's writers in that folder take turns, each reading the
    file under the lock, so none overwrites another's change. Waits up to ``KH_LOCK_TIMEOUT``
    seconds (60) for another kh, then raises :class:`LockTimeout`. Where ``fcntl`` exists the
    lock is the folder's own (``flock``): no lock file is left behind, and a killed kh releases
    it. Elsewhere (Windows) it is :data:`LOCK_FILE` in the folder, held with the ``filelock``
    library (``msvcrt`` on Windows) and removed when released."""
    try:
        wait = float(os.environ.get("KH_LOCK_TIMEOUT", "") or LOCK_WAIT)
    except ValueError:
        wait = LOCK_WAIT
    try:
        import fcntl
    except ImportError:
        with _file_lock(folder, wait):
            yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            import time

            deadline = time.monotonic() + wait
            while True:
                time.sleep(0.01)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise _timeout(folder, wait) from None
        yield
    finally:
        os.close(fd)  # releases the lock


LOCK_FILE = ".kh.lock"  # the lock where the folder itself cannot be locked (no fcntl)


@contextlib.contextmanager
def _file_lock(folder: Path, wait: float) -> Iterator[None]:
    import warnings

    with warnings.catch_warnings():  # "only soft file lock is available": what this function is for
        warnings.simplefilter("ignore")
        import filelock

    lock = filelock.FileLock(folder / LOCK_FILE, timeout=wait)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise _timeout(folder, wait, stale=folder / LOCK_FILE) from None
    try:
        yield
    finally:
        lock.release()  # and its file removed: by filelock, never by us (another kh may hold it now)


def _timeout(folder: Path, wait: float, stale: Path | None = None) -> LockTimeout:
    message = t(
        "{folder}: another kh has been recording in this plan for {n} s; "
        "nothing written, run it again (KH_LOCK_TIMEOUT sets the wait)",
        folder=folder,
        n=round(wait),
    )
    if stale is not None:  # a lock file outlives a kh killed where the system does not release it
        message = t("{message}; if no kh is running, delete {path}", message=message, path=stale)
    return LockTimeout(message)


_PLAN_FOLDERS = ("", "tasks.d", "units.d", "members")  # where a plan's files live, in its folder
_TEMP = re.compile(r"\..+\.[0-9a-f]{12}" + re.escape(TMP_SUFFIX))  # what temp_name() makes


def remove_stale_temps(folder: Path) -> None:
    """Remove the temporary files a killed kh left in a plan folder (its own, ``tasks.d/``,
    ``units.d/``, ``members/``): those of new files too. Call it holding the plan folder's lock:
    no other kh is writing them then."""
    for sub in _PLAN_FOLDERS:
        try:
            names = os.listdir(folder / sub)
        except OSError:
            continue
        for name in names:
            if _TEMP.fullmatch(name):
                tmp = folder / sub / name
                with contextlib.suppress(OSError):
                    if stat.S_ISREG(tmp.lstat().st_mode):
                        tmp.unlink()
