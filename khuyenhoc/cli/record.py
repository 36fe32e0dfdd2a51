"""Commands that record progress (done, reopen, note, set, migrate) and start a tracking
folder (init): each parses its options, calls :mod:`khuyenhoc.write.progress`, prints the outcome."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

from ..words.i18n import t
from ..words.text import safe

if TYPE_CHECKING:
    from ..core.model import Plan
    from ..write.transaction import Outcome, Written
from ..errors import KhError
from .app import app
from .handling import KhCommand, _stderr, handles_errors
from .options import CommitOpt, DataOpt, Lang, LangOpt, MemberOpt, NoColorOpt, SetField, TodayOpt, _task_arg
from .typed import check_year, match_unit, parse_day, resolve_today, text_arg


@app.command(cls=KhCommand)
@handles_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Where to start tracking; created if missing.")],
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Start a tracking folder: write the bundled plan to DIR/data/ (tasks.yaml, units.yaml,
    calendar.yaml, and units.d/ with the provinces).

    Refuses to overwrite existing files. Then `cd DIR && git init && kh list` works there.

    Examples:

      kh init theo-doi-489
    """
    from ..read.loader import CALENDAR_FILE, TASKS_FILE, UNITS_FILE
    from ..read.paths import bundled_data
    from ..write.writer import atomic_write

    source = bundled_data()
    target = folder / "data"
    names = [n for n in (TASKS_FILE, UNITS_FILE, CALENDAR_FILE) if (source / n).is_file()]
    # the provinces and ministries of units.d/ (the members of the collectives)
    names += [f"units.d/{p.name}" for p in sorted((source / "units.d").glob("*.yaml"))]
    existing = [target / n for n in names if (target / n).exists()]
    if existing:
        raise KhError(t("{existing} already exists; not overwriting it", existing=existing[0]))
    (target / "units.d").mkdir(parents=True, exist_ok=True)
    for name in names:
        atomic_write(target / name, (source / name).read_bytes())
    ignore = target / ".gitignore"  # the temporary files of a write killed half-way
    if not ignore.exists():
        atomic_write(
            ignore,
            "# tệp tạm của kh, chỉ còn lại khi một lần ghi bị ngắt giữa chừng; khóa thư mục trên Windows\n"
            ".*.tmp\n.kh.lock\n".encode(),
        )
        names.append(ignore.name)
    sys.stdout.write("".join(f"{target / name}\n" for name in names))


def _recorded(data: str | None) -> Written:
    """What every recording command prints once the file is written: the summary and where."""

    def written(outcome: Outcome) -> None:
        where = os.path.relpath(outcome.path) if not os.path.isabs(data or "") else str(outcome.path)
        sys.stdout.write(f"{safe(str(outcome.summary))} → {safe(where)}\n")

    return written


def _member(typed: str) -> Callable[[Plan], str]:
    """The member named by --member, matched in the plan the recording reads (a loose match
    announced on stderr)."""
    return lambda plan: match_unit(plan, typed, "--member", say=_stderr)


def _done_with(outcome: Outcome) -> None:
    """After the operation: what was unchanged, or the commit made."""
    if not outcome.changed:
        sys.stdout.write(safe(str(t("{summary}: unchanged", summary=outcome.summary))) + "\n")
    elif outcome.commit:
        sys.stdout.write(str(t("committed {sha}", sha=outcome.commit)) + "\n")


@app.command(cls=KhCommand)
@handles_errors
def done(
    task_id: Annotated[str, _task_arg("BGD-07")],
    evidence: Annotated[
        str | None,
        typer.Option(
            "--evidence",
            "-e",
            metavar="TEXT",
            help="What shows it is done: the document issued, with its number and date. Required.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="The day it was done (DD/MM/YYYY or YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="TEXT", help="Where the evidence can be checked (a URL).", show_default=False),
    ] = None,
    no_later_than: Annotated[
        str | None,
        typer.Option(
            "--no-later-than",
            metavar="DATE",
            help="Instead of --on, when the evidence shows only a day by which it was done (an approval of "
            "what was submitted earlier).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            help="For a yearly duty: the year done. Default: the year of --on.",
            show_default=False,
        ),
    ] = None,
    member: MemberOpt = None,
    data: DataOpt = None,
    today: TodayOpt = None,
    commit: CommitOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Record that a task is done, with its evidence (a yearly duty: one year of it).

    Only the task's lines of tasks.yaml change; the data is checked before anything is
    written. A date in the future, before the plan, or a second completion is refused.
    --on is the day the evidence gives for the duty itself; when it gives only a day by
    which the duty was done, say so with --no-later-than. With --member, the completion of
    one member of a task owed by each member (a province's report) is written to that
    member's own file, members/ID.yaml, and nowhere else.

    Examples:

      kh done BGD-07 --on 2021-06-28 --evidence "Quyết định số …/QĐ-BGDĐT ngày 28/06/2021"

      kh done BGD-19 --year 2021 --on 2021-11-12 -e "Báo cáo số …/BC-BGDĐT" --commit

      kh done BGD-09 --no-later-than 30/07/2021 -e "Quyết định 1373/QĐ-TTg ngày 30/07/2021"

      kh done BGD-III.3-BC --member "ha noi" --year 2026 --on 20/10/2026 -e "Báo cáo số …/BC-SGDĐT"
    """
    from ..core.model import Completion

    day = resolve_today(today)
    if on and no_later_than:
        raise KhError(t("give --on or --no-later-than, not both"))
    when = parse_day(on, "--on") if on else parse_day(no_later_than, "--no-later-than") if no_later_than else day
    if evidence is None or not evidence.strip():
        raise KhError(
            t(
                "kh records a completion only with its evidence: add --evidence, e.g. --evidence "
                '"Quyết định số …/QĐ-BGDĐT ngày 28/06/2021"'
            )
        )
    completion = Completion(
        when, text_arg(evidence, "--evidence") or "", text_arg(source, "--source"), exact=no_later_than is None
    )

    from ..write.progress import complete
    from .where import find_data

    for_year = check_year(year) if year is not None else None
    if member is not None:
        from ..write.memberedit import complete as member_complete

        outcome = member_complete(
            find_data(data), task_id, _member(member), completion, for_year, day, say=_stderr, commit=commit,
            written=_recorded(data),
        )  # fmt: skip
        _done_with(outcome)
        return
    _done_with(complete(find_data(data), task_id, completion, for_year, day, commit=commit, written=_recorded(data)))


@app.command(cls=KhCommand)
@handles_errors
def reopen(
    task_id: Annotated[str, _task_arg("BGD-07")],
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="YEAR", help="For a yearly duty: the year to reopen.", show_default=False),
    ] = None,
    member: MemberOpt = None,
    data: DataOpt = None,
    commit: CommitOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Remove a recorded completion (a yearly duty: one year's), e.g. one recorded by mistake.

    The completion stays in git's history (`kh history ID`).

    Examples:

      kh reopen BGD-04

      kh reopen BGD-19 --year 2021 --commit

      kh reopen BGD-III.3-BC --member ha-noi --year 2026
    """

    if year is not None:
        check_year(year)

    from .where import find_data

    if member is not None:
        from ..write.memberedit import reopen as member_reopen

        outcome = member_reopen(find_data(data), task_id, _member(member), year, commit=commit,
                                written=_recorded(data))  # fmt: skip
        _done_with(outcome)
        return
    from ..write.progress import reopen as reopen_task

    _done_with(reopen_task(find_data(data), task_id, year, commit=commit, written=_recorded(data)))


@app.command(cls=KhCommand)
@handles_errors
def note(
    task_id: Annotated[str, _task_arg("BGD-10")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note, one line.")],
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="The note's date (DD/MM/YYYY or YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="TEXT", help="Where the fact comes from (a URL).", show_default=False),
    ] = None,
    member: MemberOpt = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            help="With --member, for a yearly duty: the year. Default: the year of --on.",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    today: TodayOpt = None,
    commit: CommitOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Add a dated note to a task: progress, a reminder sent, a fact not yet confirmed.

    Examples:

      kh note BGD-10 "Đề án đang chờ phê duyệt" --source "letrungnghia.mangvn.org/…"

      kh note TTG-II.1.c "Đã gửi công văn đôn đốc các tỉnh" --commit

      kh note BGD-III.3-BC --member "cao bang" --year 2026 "Đã gọi điện đôn đốc"
    """
    from ..core.model import Note
    from ..write.progress import add_note
    from .where import find_data

    day = resolve_today(today)
    when = parse_day(on, "--on") if on else day
    entry = Note(when, text_arg(text, t("the note")) or "", text_arg(source, "--source"))
    if member is not None:
        from ..write.memberedit import add_note as member_note

        outcome = member_note(
            find_data(data), task_id, _member(member), entry, check_year(year) if year is not None else None, day,
            commit=commit, written=_recorded(data),
        )  # fmt: skip
        _done_with(outcome)
        return
    if year is not None:
        raise KhError(t("--year goes with --member (a note on a task is not for one year)"))
    _done_with(add_note(find_data(data), task_id, entry, day, commit=commit, written=_recorded(data)))


@app.command("set", cls=KhCommand)
@handles_errors
def set_cmd(
    task_id: Annotated[str, _task_arg("BGD-04")],
    field: Annotated[SetField, typer.Argument(metavar="FIELD", help="due, lead or partners.")],
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="[VALUE]",
            help="due: the deadline as written; lead, partners: units, comma-separated.",
            show_default=False,
        ),
    ] = None,
    clear: Annotated[
        bool,
        typer.Option("--clear", help="Instead of a VALUE: due: no deadline (a standing duty); partners: none."),
    ] = False,
    data: DataOpt = None,
    commit: CommitOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Change a task's deadline text, lead units or cooperating units, validated like `kh check`.

    Units may be given by id, short name or name, without diacritics. Removing the deadline
    (which makes the task a standing duty) or all partners takes --clear: an empty VALUE is
    refused, so that no quoting slip does it silently.

    Examples:

      kh set BGD-04 due "Quý III năm 2021"

      kh set BGD-06 lead vu-gdtx

      kh set BGD-06 partners "hkhvn, so-gddt" --commit

      kh set BGD-06 partners --clear
    """
    effect = {
        SetField.due: t("turn it into a standing duty (no deadline)"),
        SetField.partners: t("remove all its partners"),
        SetField.lead: None,
    }[field]
    if clear and value is not None:
        raise KhError(t("give a VALUE or --clear, not both (VALUE: {value!r})", value=value))
    if clear and effect is None:
        raise KhError(t("lead cannot be cleared: a task needs at least one lead unit"))
    if not clear and (value is None or not value.strip()):
        what = t("no VALUE") if value is None else t("an empty VALUE")
        hint = (
            t(
                "; to {effect}, write `kh set {task_id} {field_value} --clear`",
                effect=effect,
                task_id=task_id,
                field_value=field.value,
            )
            if effect
            else ""
        )
        raise KhError(t("{what} for {field_value}{hint}", what=what, field_value=field.value, hint=hint))

    from ..write.progress import set_due, set_units
    from .where import find_data

    folder, written = find_data(data), _recorded(data)
    if field is SetField.due:
        due = None if clear else text_arg(value, t("the deadline"))
        _done_with(set_due(folder, task_id, due, commit=commit, written=written))
        return
    from ..write.edit import parse_list

    names = [] if clear else parse_list(value or "")

    def units(plan: Plan) -> list[str]:  # as typed: id, short name or name, announced if loose
        return [match_unit(plan, name, field.value, say=_stderr) for name in names]

    _done_with(set_units(folder, task_id, field.value, units, commit=commit, written=written))


@app.command(cls=KhCommand)
@handles_errors
def migrate(
    data: DataOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Rewrite the data in kh's current spelling: the date key 'on:', which YAML 1.1 readers
    take for the boolean true, becomes 'date:'.

    Only those keys change; the plan is checked to read the same before each file is written
    (atomically). Running it again changes nothing. Commit the result with git.

    Examples:

      kh migrate

      kh migrate --data ~/theo-doi/data && git diff --stat
    """
    from ..write.progress import migrate as migrate_plan
    from .where import find_data

    rewritten = migrate_plan(find_data(data))
    if not rewritten:
        sys.stdout.write(str(t("nothing to migrate: the data already uses the current keys")) + "\n")
    for path, n in rewritten:
        sys.stdout.write(str(t("{path}: {n} key(s) 'on:' renamed 'date:'", path=path, n=n)) + "\n")
