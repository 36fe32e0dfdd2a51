"""A cache of parsed plan files, so that a second run does not parse YAML again.

Entries are keyed on a hash of the files' exact bytes (and their paths, kh's version and the
format), so an entry can never be stale: any change to a file gives a new key. The folder is
the user's cache folder (``$KH_CACHE_DIR``, else ``$XDG_CACHE_HOME/kh``, else
``~/.cache/kh``), never the data folder, so git never sees it; deleting it is always safe.
``KH_NO_CACHE=1`` turns the cache off.

What it promises, whatever wrote an entry:
- no entry runs code: entries are JSON read by :mod:`khuyenhoc.read.codec`, whose readers build
  kh's records and nothing else (they were pickles, which run the code they name);
- no entry stops kh or makes it show a value of the wrong kind: every field is read as its
  type (a position in range, a number not negative), or the entry is ignored and the files
  parsed again;
- no accident is served: each entry carries its key and a checksum of its content; one that
  does not match (a byte changed, a truncated write, another key's entry) is ignored;
- no one else can write one (below): the folder must be the user's own, writable by nobody else.
What it does not promise: the checksum is no signature. Someone who can write in the user's
own cache folder (acting as the user, who could as well edit the data) can write an entry that
reads well and says something else. That is why ``kh check``, the gate before a commit, never
reads the cache: it parses the files themselves. ``KH_NO_CACHE=1`` does the same for any command.
Other users:
- the folder is opened once, and used only if the folder opened belongs to the user and nobody
  else may write it (mode 0700 when kh creates it). Every entry is then opened relative to that open folder,
  never following a symbolic link, and must be a regular file of the user's: swapping a link
  into the path after the check reaches nothing;
- kh removes only files it wrote, by their names, inside that folder.
Entries are written to a temporary file and renamed, so concurrent runs never see half an
entry; the least recently used entries are removed when the folder outgrows its budget.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__

# Bump when the entries change shape (5: JSON, was pickle; 6: units' email; 7: members; 8: names; 9: contacts).
FORMAT = 10
MAGIC = b"kh-cache-json\n"
SUFFIX = ".json"
BUDGET = 512 * 2**20  # bytes kept; the oldest entries beyond this are removed
KEEP = 8192  # entries kept at most: one a file, and a plan may have a file per member (3,321 communes)
# What kh writes, and so all it may remove: entries (and those of earlier formats) and the
# temporary files of entries being written.
_OURS = re.compile(r"[0-9a-f]{40}\.(json|pickle)|\.kh-[0-9a-f]{16}\.tmp")


# The modules whose code decides what a cached entry holds: an edited one (a source checkout, an
# upgrade that kept the version) gives new keys, so an entry is never the output of other code.
_SHAPERS = (
    "read/parse.py", "read/yamlread.py", "core/validate.py", "core/model.py", "read/loader.py", "core/deadlines.py",
    "words/i18n.py", "words/catalogue.py", "read/codec.py", "read/fastread.py", "read/memberfile.py", "read/parts.py",
    "read/unitfile.py",
)  # fmt: skip


@functools.lru_cache(maxsize=1)
def _code_stamp() -> str:
    here = Path(__file__).parent.parent  # the package
    stamps = []
    for name in _SHAPERS:
        try:
            st = (here / name).stat()
            stamps.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamps.append(f"{name}:-")
    return "|".join(stamps)


def digest(*parts: str | bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(f"kh {__version__} cache {FORMAT} {_code_stamp()}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


BACKGROUND_TASKS = 10_000  # entries holding this many tasks or more are written in the background


def _weight(value: Any) -> int:
    """How many tasks an entry holds: what making its JSON costs."""
    if isinstance(value, tuple) and value and hasattr(value[0], "tasks"):
        return len(value[0].tasks)  # a plan and its problems
    return len(getattr(value, "tasks", ()))  # a file's records; a key (text) weighs nothing


def _background() -> bool | None:
    """Start a detached process to write the cache: True in it, False in the command itself,
    which goes on at once, None where no process can be made (the command writes). The writer
    is a grandchild (its parent exits at once and is reaped here, so no zombie is left) with
    /dev/null for its standard streams (a pipe reading kh's output gets its end when kh ends,
    not when the writer does)."""
    import sys

    if not hasattr(os, "fork"):
        return None
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()  # nothing buffered is written twice
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        return False
    try:  # the child: make the writer, then go
        if os.fork():
            os._exit(0)
    except OSError:
        os._exit(0)
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    return True


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=20).hexdigest().encode("ascii")


def default_folder() -> Path | None:
    if os.environ.get("KH_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if folder := os.environ.get("KH_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kh"


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _usable(fd: int) -> bool:
    """An open folder kh may keep entries in: the user's own, and nobody else may write it."""
    st = os.fstat(fd)
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


class NoCache:
    """No cache (``KH_NO_CACHE=1``, or no folder that can be used safely): every value is
    computed. The loader asks both kinds the same questions."""

    def get(self, key: str) -> Any | None:
        return None

    def put(self, key: str, value: Any) -> None:
        pass

    def prune(self) -> None:
        pass

    def flush(self) -> None:
        pass

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        return compute()


class Cache(NoCache):
    """The cache folder, held open: every entry is reached through this handle."""

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """The value kept under ``key``, or ``compute()``'s, kept for next time."""
        hit = self.get(key)
        if hit is not None:
            return hit
        value = compute()
        self.put(key, value)
        return value

    def __init__(self, fd: int):
        self.fd = fd
        self.uid = os.getuid()
        self._pending: list[tuple[str, Any]] = []

    @classmethod
    def default(cls) -> NoCache:
        """The user's cache, or :class:`NoCache` when it is off or cannot be used safely."""
        folder = default_folder()
        return (cls.open(folder) if folder is not None else None) or NoCache()

    @classmethod
    def open(cls, folder: Path) -> Cache | None:
        # Opening relative to a folder and refusing links needs the POSIX calls: where they are
        # missing, kh does without a cache rather than without these guarantees.
        if not (_NOFOLLOW and _DIRECTORY and os.open in os.supports_dir_fd and hasattr(os, "getuid")):
            return None
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Links to the folder are followed (a ~/.cache on another disk): what is checked is
            # the folder actually opened, and every later access goes through this handle.
            fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        except OSError:
            return None  # not a folder, or no permission
        try:
            if _usable(fd):
                return cls(fd)
        except OSError:
            pass
        os.close(fd)  # someone else owns it or could write entries there: not used
        return None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def __del__(self) -> None:
        self.close()

    def _read(self, name: str) -> bytes | None:
        try:
            fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0), dir_fd=self.fd)
        except FileNotFoundError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != self.uid:
                raise ValueError("not an entry kh wrote")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read()
        finally:
            os.close(fd)

    def get(self, key: str) -> Any | None:
        from . import codec

        name = key + SUFFIX
        try:
            data = self._read(name)
            if data is None:
                return None
            header = MAGIC + key.encode("ascii") + b"\n"
            if not data.startswith(header):
                raise ValueError("not an entry for this key")
            checksum, _, payload = data[len(header) :].partition(b"\n")
            if checksum != _checksum(payload):
                raise ValueError("the entry's content does not match its checksum")
            value = codec.loads(payload)
        except Exception:  # corrupt, truncated, a link, someone else's, another format: parse again
            self._remove(name)
            return None
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(name, dir_fd=self.fd, follow_symlinks=False)  # recently used: kept longest
        return value

    def put(self, key: str, value: Any) -> None:
        """Keep an entry: written by :meth:`flush`, which the loader calls once it has what it
        needs."""
        self._pending.append((key, value))

    def flush(self) -> None:
        """Write the entries kept since the last flush, and prune the folder to its budget.

        Writing a plan of 10^4 tasks or more costs about a second (mostly making its JSON): that
        is done by a background process, so that the command prints its answer meanwhile; a
        smaller plan is written here and now. Failures (a full disk, a read-only folder, a value
        the format does not hold) only cost the next run a parse.
        """
        pending, self._pending = self._pending, []
        if not pending:
            return
        writer = _background() if sum(_weight(value) for _, value in pending) >= BACKGROUND_TASKS else None
        if writer is False:
            return  # the command goes on; the background process writes
        try:
            for key, value in pending:
                self._write(key, value)
            self.prune()
        finally:
            if writer:
                os._exit(0)  # the background process ends here, whatever happened

    def _write(self, key: str, value: Any) -> None:
        from . import codec

        try:
            payload = codec.dumps(value)
        except (TypeError, ValueError):
            return
        data = MAGIC + key.encode("ascii") + b"\n" + _checksum(payload) + b"\n" + payload
        tmp = f".kh-{os.urandom(8).hex()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=self.fd)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, key + SUFFIX, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except Exception:
            self._remove(tmp)

    def _remove(self, name: str) -> None:
        """Remove a file kh wrote, inside the folder (a link is removed, never followed)."""
        if _OURS.fullmatch(name):
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=self.fd)

    def prune(self) -> None:
        """Remove the least recently used entries beyond the budget (and entries of earlier
        formats); only regular files of the user's that kh names as its own."""
        import time

        now = time.time()
        try:
            entries = []
            with os.scandir(self.fd) as listing:
                for entry in listing:
                    if not _OURS.fullmatch(entry.name):
                        continue
                    st = entry.stat(follow_symlinks=False)
                    if not stat.S_ISREG(st.st_mode) or st.st_uid != self.uid:
                        continue
                    if entry.name.endswith(".pickle"):  # an earlier format's entry
                        self._remove(entry.name)
                        continue
                    if entry.name.endswith(".tmp"):  # left by a killed run (another may be writing it now)
                        if st.st_mtime < now - 600:
                            self._remove(entry.name)
                        continue
                    entries.append((st.st_mtime, st.st_size, entry.name))
        except OSError:
            return
        entries.sort(reverse=True)
        total = 0
        for n, (_, size, name) in enumerate(entries):
            total += size
            if n >= KEEP or total > BUDGET:
                self._remove(name)
