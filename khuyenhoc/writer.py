"""Writing files safely: a temporary file in the same folder, fsync, then an atomic rename."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .i18n import t


class FileChanged(OSError):
    """The file changed on disk after kh read it; kh wrote nothing."""


def atomic_write(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data``: readers see the old file or the new one, never a mix.

    With ``expected`` (the bytes read before editing), refuse with :class:`FileChanged`
    rather than overwrite a change made meanwhile by someone else (an editor, git, another kh).
    The file's permission bits are kept.
    """
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:  # a new file: the usual permissions (mkstemp's are 0600)
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # name the file asked for, not the temporary one
        if not folder.is_dir():
            raise OSError(exc.errno, t("the folder {folder} does not exist", folder=folder), str(path)) from None
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if expected is not None and _read(path) != expected:
            raise FileChanged(
                t("{path}: changed on disk while kh was editing it; nothing written, run it again", path=path)
            )
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
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
