"""The plan bundled with the package, and a plan folder as messages name it. Which folder a
command reads (``--data``, ``$KH_DATA``, the nearest ``data/`` upward, else the bundled plan)
is the command line's to decide: :mod:`khuyenhoc.cli.where`."""

from __future__ import annotations

from pathlib import Path

from ..words.i18n import t
from .loader import TASKS_FILE, UNITS_FILE, DataLocationError

_HERE = Path(__file__).resolve().parent.parent  # the package: khuyenhoc/plan in a wheel


def bundled_data() -> Path:
    """The plan shipped in the package (``khuyenhoc/plan`` in a wheel, ``data/`` in a checkout)."""
    for folder in (_HERE / "plan", _HERE.parent / "data"):
        if (folder / TASKS_FILE).is_file() and (folder / UNITS_FILE).is_file():
            return folder
    raise DataLocationError(t("the bundled plan is missing from this installation"))


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
