"""Where the data is: --data, else $KH_DATA, else the nearest data/tasks.yaml upward,
else the plan bundled with the package."""

from __future__ import annotations

import os
from pathlib import Path

from .i18n import t
from .loader import TASKS_FILE, UNITS_FILE, DataLocationError

_HERE = Path(__file__).resolve().parent


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


def find_data(option: str | None, cwd: Path | None = None) -> Path:
    if option:
        return Path(option)
    if env := os.environ.get("KH_DATA"):
        return Path(env)
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / TASKS_FILE).is_file():
            return folder / "data"
    return bundled_data()
