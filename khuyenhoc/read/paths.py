"""Where the data is: --data, else $KH_DATA, else the nearest data/tasks.yaml upward,
else the plan bundled with the package."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..words.i18n import Message, t
from ..words.text import safe
from .loader import TASKS_FILE, UNITS_FILE, DataLocationError

_HERE = Path(__file__).resolve().parent.parent  # the package: khuyenhoc/plan in a wheel


def bundled_data() -> Path:
    """The plan shipped in the package (``khuyenhoc/plan`` in a wheel, ``data/`` in a checkout)."""
    for folder in (_HERE / "plan", _HERE.parent / "data"):
        if (folder / TASKS_FILE).is_file() and (folder / UNITS_FILE).is_file():
            return folder
    raise DataLocationError(t("the bundled plan is missing from this installation; use --data DIR"))


def is_bundled(folder: Path) -> bool:
    """Whether ``folder`` is the plan shipped with kh (read-only, with no history of its own)."""
    try:
        return folder.resolve() == bundled_data().resolve()
    except DataLocationError:
        return False


def shown(folder: Path) -> str:
    """A plan's folder as a message names it: relative to the current folder where it is
    under it, else as given; the bundled plan by what it is."""
    if is_bundled(folder):
        return str(t("the plan bundled with kh"))
    try:
        return str(folder.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(folder)


def find_data(option: str | None, cwd: Path | None = None) -> Path:
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
    bundled = bundled_data()
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
