"""The command that reads the plan's past from git: history."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import KhError
from ..words.i18n import t
from ..words.text import safe
from .app import app
from .handling import KhCommand, _stderr, handles_errors
from .options import DataOpt, HistoryFormat, Lang, LangOpt, MemberOpt, NoColorOpt, _task_arg
from .output import _write
from .typed import find_task


@app.command(cls=KhCommand)
@handles_errors
def history(
    task_id: Annotated[str, _task_arg("BGD-04")],
    member: MemberOpt = None,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.text,
    data: DataOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """A task's changes over time, from git: when, who, and what changed (done, reopened,
    deadline, units, notes), whether made by kh or by hand. For a task owed by each member, the
    members' records too (their files, members/ID.yaml); --member shows one member's. Needs the
    data in a git repository.

    Examples:

      kh history BGD-04

      kh history BGD-III.3-BC --member "ha noi"

      kh history BGD-19 --format json | jq '.[] | select(.changes[].field == "done")'
    """
    from ..git.history import describe, member_history
    from ..git.history import history as task_history
    from ..git.vcs import GitError
    from ..outputs.contract import dumps, history_record
    from ..read.loader import TASKS_FILE, load_plan
    from ..read.paths import is_bundled
    from ..words.i18n import label
    from .typed import match_unit
    from .where import find_data

    folder = find_data(data)
    if is_bundled(folder):
        raise KhError(
            t(
                "the bundled plan has no history of its own (it is the plan shipped with kh); "
                "start a tracking folder with `kh init DIR` and commit it to git, or name one "
                "with --data"
            )
        )
    plan, _ = load_plan(folder)  # which file holds the task now (tasks.d/ in a split plan)
    current = plan.task(task_id)
    unknown: KhError | None = None
    if current is None and plan.tasks:
        try:
            current = find_task(plan, task_id)  # "bgd 9" is BGD-09, as in every command
        except KhError as exc:
            unknown = exc  # a task since removed from the plan still has its history; else the suggestions
    who = match_unit(plan, member, "--member", say=_stderr) if member else None
    path = Path(current.path) if current else folder / TASKS_FILE
    name = current.id if current else task_id
    try:
        events = [] if who else task_history(path, name)
        if current is None or current.per_member or who:
            events += member_history(folder, name, who)
    except GitError as exc:
        raise KhError(str(exc)) from None
    events.sort(key=lambda e: (e.commit is None, e.date))  # the task's and its members', by date; uncommitted last
    if not events:
        if who:
            raise KhError(t("no record of {member} for {task_id} in the history", member=who, task_id=name))
        if unknown is not None:
            raise unknown
        raise KhError(t("no task {task_id!r} in the history of {path_name}", task_id=task_id, path_name=path.name))
    if fmt is HistoryFormat.json:
        _write([dumps([history_record(e) for e in events]) + "\n"])
        return
    out = []
    for e in events:
        head = (
            f"{_when(e.date, lang.value)}  {e.commit[:8]}  {e.author} <{e.email}>  {e.subject}"
            if e.commit
            else label("hist_uncommitted", lang.value)
        )
        out.append(safe(head) + "\n")
        out += [f"    {safe(describe(c, lang.value))}\n" for c in e.changes]
    _write(out)


def _when(stamp: str, lang: str) -> str:
    """A commit's time as its readers write it: "04/12/2026 09:15" (ISO in English)."""
    from datetime import date

    from ..words.i18n import format_date

    day, _, time = stamp[:16].partition("T")
    try:
        return f"{format_date(date.fromisoformat(day), lang)} {time}"
    except ValueError:
        return stamp[:16].replace("T", " ")
