"""A cache of parsed plan files, so that a second run does not parse YAML again.

Entries are keyed on a hash of the files' exact bytes (and their paths, kh's version and the
format), so an entry can never be stale: any change to a file gives a new key. The folder is
the user's cache folder (``$KH_CACHE_DIR``, else ``$XDG_CACHE_HOME/kh``, else
``~/.cache/kh``), never the data folder, so git never sees it; deleting it is always safe.
``KH_NO_CACHE=1`` turns the cache off.

Entries are pickles. Because unpickling runs code, kh only uses a folder that belongs to the
user and that nobody else may write (mode 0700 when kh creates it); otherwise it does without.
A corrupt, truncated or unreadable entry is ignored (and removed): the files are parsed
again. Entries are written to a temporary file and renamed, so concurrent runs never see half
an entry; the least recently used entries are removed when the folder outgrows its budget.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 4  # bump when the pickled records change shape
MAGIC = b"kh-cache\n"
BUDGET = 512 * 2**20  # bytes kept; the oldest entries beyond this are removed
KEEP = 256  # entries kept at most


# The modules whose code decides what a cached entry holds: an edited one (a source checkout, an
# upgrade that kept the version) gives new keys, so an entry is never the output of other code.
_SHAPERS = ("parse.py", "validate.py", "model.py", "loader.py", "deadlines.py", "i18n.py")


@functools.lru_cache(maxsize=1)
def _code_stamp() -> str:
    here = Path(__file__).parent
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


def default_folder() -> Path | None:
    if os.environ.get("KH_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if folder := os.environ.get("KH_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kh"


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder

    @classmethod
    def default(cls) -> Cache | None:
        """The user's cache, or None when it is off or cannot be used safely."""
        folder = default_folder()
        if folder is None:
            return None
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = folder.stat()
        except OSError:
            return None
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None  # someone else could plant a pickle there
        return cls(folder)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        path = self._path(key)
        try:
            with open(path, "rb") as handle:
                if handle.read(len(MAGIC)) != MAGIC or handle.read(len(key)).decode("ascii", "replace") != key:
                    raise ValueError("not an entry for this key")
                value = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # corrupt, truncated, unreadable, or from another version: parse again
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest
        return value

    def put(self, key: str, value: Any) -> None:
        """Store an entry; failures (full disk, read-only folder) only cost the next run a parse."""
        import tempfile

        try:
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + key.encode("ascii"))
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._path(key))
        except Exception:
            Path(tmp).unlink(missing_ok=True)

    def prune(self) -> None:
        """Remove the least recently used entries beyond the budget."""
        try:
            entries = []
            for entry in os.scandir(self.folder):
                if entry.name.endswith(".pickle"):
                    st = entry.stat()
                    entries.append((st.st_mtime, st.st_size, entry.path))
        except OSError:
            return
        entries.sort(reverse=True)
        total = 0
        for n, (_, size, path) in enumerate(entries):
            total += size
            if n >= KEEP or total > BUDGET:
                with contextlib.suppress(OSError):
                    os.unlink(path)
