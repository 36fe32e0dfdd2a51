"""The status colours of every chart kh draws, and the charts of the Markdown report as Mermaid
text (the Word report draws the same with matplotlib, in :mod:`.office`).

Mermaid: every label here is ours (status names, task ids restricted to [A-Za-z0-9._-],
dates), never free text from the data, so nothing in a title can break the chart. A task's
label starts with "• ": an id that is a Mermaid keyword ("click", "title", "section",
"dateFormat", "topAxis"…) or looks like a date would otherwise be read as a statement.
"""

from __future__ import annotations

from ..core.model import Row, Status
from ..core.status import DATED
from ..words.i18n import label

# One colour per status, in every chart kh draws (Markdown, and images in the Word report):
# overdue red, done on time green, done late amber, done with no known day olive, open blue.
STATUS_COLOURS = {
    Status.DONE_ON_TIME: "#2e7d32", Status.DONE_LATE: "#f9a825", Status.DONE_UNDATED: "#7cb342",
    Status.OPEN: "#1565c0", Status.OVERDUE: "#c62828", Status.ONGOING: "#9e9e9e",
}  # fmt: skip


def pie(counts: dict[Status, int], title: str, lang: str) -> list[str]:
    """A pie of ``counts`` by status, each slice in its status's colour.

    The shares are written in the legend ("Quá hạn: 86% [86]"), not on the slices: Mermaid
    draws a slice's percentage at its middle, and those of thin neighbouring slices (1%, 2%)
    overlapped. The slices are opaque, so they match the legend and every other chart."""
    shown = [s for s in DATED if counts.get(s)]
    total = sum(counts[s] for s in shown)
    # Mermaid colours a pie's slices in order (pie1, pie2, …): the status of each slice, not
    # its default palette (which made "Quá hạn" a bright green).
    colours = ", ".join(f'"pie{n}": "{STATUS_COLOURS[s]}"' for n, s in enumerate(shown, 1))
    theme = f'{colours}, "pieOpacity": "1", "pieSectionTextSize": "0px"'
    lines = [
        "```mermaid",
        f'%%{{init: {{"theme": "base", "themeVariables": {{{theme}}}}}}}%%',
        "pie showData",
        f"    title {title}",
    ]
    lines += [f'    "{label(s.value, lang)}: {_share(counts[s], total)}" : {counts[s]}' for s in shown]
    return [*lines, "```"]


def _share(count: int, total: int) -> str:
    """``count`` as a whole percentage of ``total``; "<1%" rather than a "0%" slice that exists."""
    percent = round(100 * count / total)
    return f"{percent}%" if percent else "<1%"


# A Gantt task's tag picks its colour (set below from STATUS_COLOURS): done on time "done",
# done late "active", overdue "crit", open none. Mermaid has four fills and kh five statuses:
# done with no known day is tagged "done, crit" (Mermaid's class doneCrit0-3), which the
# diagram's own CSS (themeCSS) fills with that status's colour (it was drawn as done on time).
_GANTT_TAG = {
    Status.DONE_ON_TIME: "done, ", Status.DONE_LATE: "active, ", Status.DONE_UNDATED: "done, crit, ",
    Status.OVERDUE: "crit, ", Status.OPEN: "",
}  # fmt: skip
_UNDATED = STATUS_COLOURS[Status.DONE_UNDATED]
_GANTT_THEME = (
    f'"doneTaskBkgColor": "{STATUS_COLOURS[Status.DONE_ON_TIME]}", '
    f'"activeTaskBkgColor": "{STATUS_COLOURS[Status.DONE_LATE]}", '
    f'"critBkgColor": "{STATUS_COLOURS[Status.OVERDUE]}", "taskBkgColor": "{STATUS_COLOURS[Status.OPEN]}"'
)
_GANTT_CSS = ", ".join(f".doneCrit{n}" for n in range(4)) + f" {{ fill: {_UNDATED}; stroke: {_UNDATED}; }}"


def gantt(rows: list[Row], title: str, lang: str) -> list[str]:
    """The deadlines of ``rows`` (grouped: one line per occurrence) as milestones, by status."""
    lines = [
        "```mermaid",
        f'%%{{init: {{"theme": "base", "themeVariables": {{{_GANTT_THEME}}}, "themeCSS": "{_GANTT_CSS}"}}}}%%',
        "gantt",
        f"    title {title}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %d/%m",  # the day as well: 30/06 was drawn on the "07/2021" line
    ]
    for status in DATED:
        group = [r for r in rows if r.status is status]
        if group:
            lines.append(f"    section {label(status.value, lang)}")
            for r in group:
                assert r.occurrence.due is not None
                lines.append(f"    • {r.task.id} : {_GANTT_TAG[status]}milestone, {r.occurrence.due.isoformat()}, 0d")
    return [*lines, "```"]


def can_draw_charts() -> bool:
    """Whether matplotlib is installed (the extra ``khuyenhoc[charts]``), without importing it."""
    from importlib.util import find_spec

    try:
        return find_spec("matplotlib") is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, or a broken one
        return False
