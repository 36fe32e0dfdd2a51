"""Commands that read the plan: list, show, units, check, report."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
import typer.core

from ..errors import EXIT_DATA, KhError
from ..words.i18n import t
from ..words.text import safe
from .app import app
from .handling import KhCommand, _stderr, handles_errors, load, load_checked
from .options import (
    CheckFormat,
    DataOpt,
    Lang,
    LangOpt,
    ListFormat,
    MemberOpt,
    NoColorOpt,
    ShowFormat,
    TodayOpt,
    UnitOpt,
    UnitsFormat,
    _complete_statuses,
    _task_arg,
)
from .output import RICH_ROWS, _console, _emit, _page, _paging, _print, _width, _write
from .typed import (
    find_task,
    member_scope,
    parse_status,
    period_filter,
    resolve_documents,
    resolve_today,
)


@app.command("list", cls=KhCommand)
@handles_errors
def list_cmd(
    overdue: Annotated[bool, typer.Option("--overdue", help="Only what is late (same as --status overdue).")] = False,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only these statuses (repeatable): overdue, open, done_on_time, done_late, ongoing, or their "
            'Vietnamese names, with or without diacritics ("quá hạn", "qua han", "trong hạn").',
            show_default=False,
            autocompletion=_complete_statuses,
        ),
    ] = None,
    unit: UnitOpt = None,
    lead_only: Annotated[bool, typer.Option("--lead-only", help="With --unit: only tasks the unit leads.")] = False,
    member: MemberOpt = None,
    members: Annotated[
        bool,
        typer.Option(
            "--members",
            help="One line per member of a task owed by each member (by default, one line per task and year, "
            "with how many members have not done it).",
        ),
    ] = False,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="YEAR", help="Only obligations due in this year.", show_default=False),
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter", metavar="YYYYQn", help="Only obligations due in this quarter, e.g. 2021Q2.", show_default=False
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="PLAN",
            help="Only tasks of this plan: 489 (qd489) or bgddt (kh-bgddt).",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Only tasks whose id or title contains TEXT (case and diacritics ignored).",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", "-a", help="Include what is already done.")] = False,
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format (xlsx: an Excel workbook, with -o).")
    ] = ListFormat.table,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.", show_default=False
        ),
    ] = None,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """List obligations with their deadline and status, oldest deadline first.

    Done tasks are left out unless --all or --status asks for them. Yearly duties appear once
    per year, from 2020 through the current (or --year) year. A task owed by each member of a
    collective (each Sở GDĐT, each ministry) shows one line per year with how many members
    have not done it; --members lists them, --member shows one member's.

    Examples:

      kh list --overdue

      kh list --overdue --members --search BGD-III.3-BC --year 2026

      kh list --member "ha noi" --all

      kh list --unit "Vụ GDTX" --year 2021 --all

      kh list --quarter 2021Q2 --format md > q2.md

      kh list --overdue --format json | jq '.[].id'

      kh list --overdue --format xlsx -o qua-han.xlsx
    """
    import itertools

    from ..core.model import Status
    from ..core.status import Filter, select
    from ..words.text import fold

    day = resolve_today(today)
    year, quarter_ = period_filter(year, quarter)
    plan = load(data)
    statuses = {parse_status(s) for s in status or []}
    if overdue:
        statuses.add(Status.OVERDUE)
    flt = Filter(
        statuses=frozenset(statuses),
        include_done=all_,
        units=member_scope(plan, unit, member, lead_only, say=_stderr),
        members_only=member is not None,
        lead_only=lead_only,
        year=year,
        quarter=quarter_,
        documents=resolve_documents(plan, source) if source else frozenset(),
        search=fold(search) if search else None,
    )
    rows = select(plan, day, flt)
    lang_ = lang.value
    from ..core.status import tally

    counted = tally(rows)  # before the members' rows are grouped: what was selected
    if not (members or member) and fmt in (ListFormat.table, ListFormat.md):
        from ..core.status import grouped

        rows = grouped(plan, rows, day, flt.units)
    if fmt is ListFormat.xlsx:
        if not output:
            raise KhError(t("an Excel workbook is written to a file: add -o FILE.xlsx"))
        from ..outputs.xlsx import list_workbook
        from ..write.writer import write_output

        write_output(output, list_workbook(rows, plan, day, lang_))
        return
    if output and fmt is ListFormat.table:
        raise KhError(t("--output writes a file format; use --format md, json, csv or xlsx with it"))
    if fmt is ListFormat.json:
        from ..outputs.contract import rows_json

        _emit([rows_json(rows, plan, day)], output)
    elif fmt is ListFormat.csv:
        from ..outputs.render import rows_csv

        _emit(rows_csv(rows), output)
    elif fmt is ListFormat.md:
        from ..outputs.render import rows_markdown

        _emit([rows_markdown(rows, plan, day, lang_, counted)], output)
    else:
        from ..outputs.plain import wrap
        from ..outputs.render import count_text
        from ..words.i18n import format_date, label

        footer = f"{label('as_of', lang_, date=format_date(day, lang_))} · {count_text(counted, lang_)}"
        end = "".join(line + "\n" for line in wrap(footer, _width()))  # plain output: within the width too
        if not rows:
            first = min((d.year for d in plan.documents.values()), default=None)
            why = []  # a year before the plans: say why nothing is listed, in the report's words
            if year is not None and first is not None and year < first:
                why = [label("report.before_plan", lang_, first=first, year=year) + "\n"]
            _write([label("none_found", lang_) + "\n", *why, end])
        elif members and not member and any(r.occurrence.member for r in rows):
            from ..outputs.plain import member_blocks

            _page(itertools.chain(member_blocks(rows, plan, lang_, _width(), day), ["\n", end]))
        elif not sys.stdout.isatty() or len(rows) > RICH_ROWS:
            from ..outputs.plain import rows_lines

            _page(itertools.chain(rows_lines(rows, plan, lang_, _width(), day), [end]))
        else:
            from ..outputs.render import rows_table

            console = _console(no_color)
            table = rows_table(rows, plan, lang_, console.width, day)
            if _paging() and len(rows) * 2 > console.height:
                os.environ.setdefault("LESS", "FRX")
                with console.pager(styles=True):
                    console.print(table)
                    console.print(footer, style="dim")
            else:
                console.print(table)
                console.print(footer, style="dim")


@app.command(cls=KhCommand)
@handles_errors
def show(
    task_id: Annotated[str, _task_arg("BGD-09")],
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.text,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Everything about one task: the deadline as written and as a date, its status, the
    units with their full names, its source, its links, and each year's occurrence.

    Examples:

      kh show BGD-09

      kh show ttg-ii.5.a --today 2021-01-01

      kh show BGD-19 --format json
    """
    day = resolve_today(today)
    plan = load(data)
    task = find_task(plan, task_id)
    if fmt is ShowFormat.json:
        from ..outputs.contract import dumps, task_record

        _write([dumps(task_record(task, plan, day)) + "\n"])
        return
    from ..outputs.render import task_detail

    _print(_console(no_color), task_detail(task, plan, day, lang.value))


@app.command(cls=KhCommand)
@handles_errors
def units(
    fmt: Annotated[UnitsFormat, typer.Option("--format", "-f", help="Output format.")] = UnitsFormat.table,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """The units named in the plans, with how many tasks each leads and how many of those
    obligations are overdue.

    Examples:

      kh units

      kh units --format json | jq '.[] | select(.overdue > 0) | .short'
    """
    day = resolve_today(today)
    plan = load(data)
    if fmt is UnitsFormat.json:
        from ..core.status import unit_counts
        from ..outputs.contract import dumps, unit_record

        counts = unit_counts(plan, day)
        _write([dumps([unit_record(u, counts[u.id]) for u in plan.units.values()]) + "\n"])
    elif fmt is UnitsFormat.md:
        from ..outputs.render import units_markdown

        _write([units_markdown(plan, day, lang.value)])
    else:
        from ..outputs.render import units_table

        console = _console(no_color)
        _print(console, units_table(plan, day, lang.value, console.width))


@app.command(cls=KhCommand)
@handles_errors
def check(
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    data: DataOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Validate the data: every problem as `path:line: message`; exit 1 if any, else 0.

    Checks YAML syntax, unknown or missing keys, wrong types, unknown units and documents,
    duplicate ids, deadlines kh cannot read, broken links and impossible completions.

    Examples:

      kh check

      kh check --data ~/theo-doi/data --format json
    """
    from ..read.paths import shown
    from ..words.i18n import label
    from .where import find_data

    where = find_data(data)
    plan, errors = load_checked(str(where), use_cache=False)  # the gate reads the files themselves, never the cache
    folder = safe(shown(where))  # which plan was checked: a user's, or the one bundled with kh
    if fmt is CheckFormat.json:
        from ..outputs.contract import check_record, dumps

        _write([dumps([check_record(e) for e in errors]) + "\n"])
    else:
        _write(
            safe(f"{e.path}:{e.line}: {label('warning', lang.value)}: {e.message}" if e.warning else str(e)) + "\n"
            for e in errors
        )
        problems = sum(not e.warning for e in errors)
        summary = (
            label("check_problems", lang.value, n=problems, folder=folder)
            if problems
            else label("check_clean", lang.value, folder=folder, tasks=len(plan.tasks), units=len(plan.units))
        )
        if warnings := len(errors) - problems:
            summary += " " + label("check_warnings", lang.value, n=warnings)
        sys.stderr.write(summary + "\n")
    if any(not e.warning for e in errors):
        raise typer.Exit(EXIT_DATA)
