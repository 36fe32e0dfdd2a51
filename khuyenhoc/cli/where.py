"""Which plan a command reads: ``--data``, else ``$KH_DATA``, else the nearest ``data/``
upward, else the plan bundled with kh. The command line's to decide, and to say: a folder
found by the search is told apart from one the user named (another user's, or one anyone may
write, is passed over with a line on stderr)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..read import paths
from ..read.loader import TASKS_FILE, DataLocationError
from ..words.i18n import Message, t
from ..words.text import safe


def find_data(option: str | None, cwd: Path | None = None) -> Path:
    """The folder of the plan a command reads: ``option`` (``--data``), else ``$KH_DATA``, else
    the nearest ``data/`` holding a tasks file from ``cwd`` upward, else the bundled plan (said
    on stderr, never silently)."""
    if option:
        return _plan_in(Path(option))
    if env := os.environ.get("KH_DATA"):
        return _plan_in(Path(env))
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / TASKS_FILE).is_file():
            if (why := _not_yours(folder / "data")) is not None:
                # Found by searching, not chosen: another user's /tmp/data must not become
                # this user's plan. Said once, then the search goes on.
                sys.stderr.write(f"kh: {safe(str(why))}\n")
                continue
            # data/ of the current folder as the user would type it: what messages and `kh check`
            # print (data/tasks.yaml:12: …) reads the same on every machine
            return Path("data") if folder == here else folder / "data"
    try:
        bundled = paths.bundled_data()
    except DataLocationError as exc:
        raise DataLocationError(t("{reason}; use --data DIR", reason=exc.args[0])) from None
    # Never silently: a user's own plan "disappears" when kh runs from another folder.
    sys.stderr.write(
        "kh: "
        + str(t("no data/ here or above: reading the plan bundled with kh (your own: `kh init DIR`, or --data DIR)"))
        + "\n"
    )
    return bundled


def _plan_in(folder: Path) -> Path:
    """The folder named, or its data/ when it holds the plan there: the tracking folder `kh init
    DIR` makes (DIR/data/tasks.yaml) may be named as DIR."""
    if not (folder / TASKS_FILE).exists() and (folder / "data" / TASKS_FILE).is_file():
        return folder / "data"
    return folder


def _not_yours(folder: Path) -> Message | None:
    """Why a folder found by searching upward is not adopted: it (or its tasks.yaml) belongs to
    another user, or anyone may write it."""
    if not hasattr(os, "getuid"):
        return None
    for path in (folder, folder / TASKS_FILE):
        try:
            st = path.stat()
        except OSError:
            return None
        if st.st_uid != os.getuid() and st.st_uid != 0:
            return t("{folder} not used: it belongs to another user (give --data to read it anyway)", folder=folder)
        if st.st_mode & 0o002:
            return t("{folder} not used: anyone may write it (give --data to read it anyway)", folder=folder)
    return None
