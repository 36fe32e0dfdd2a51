"""Commands that export deadlines: agenda (text, Markdown, JSON) and ics (calendars)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

if TYPE_CHECKING:
    pass
from ..errors import KhError
from ..typed import resolve_today, unit_scope
from .app import app
from .handling import KhCommand, _stderr, handles_errors, load
from .options import AgendaFormat, DataOpt, Lang, LangOpt, NoColorOpt, TodayOpt, UnitOpt
from .output import _page, _width, _write


@app.command(cls=KhCommand)
@handles_errors
def agenda(
    within: Annotated[
        str,
        typer.Option(
            "--within", "-w", metavar="PERIOD", help="How far ahead: days, weeks or months, e.g. 30d, 2w, 1m."
        ),
    ] = "30d",
    unit: UnitOpt = None,
    lead_only: Annotated[bool, typer.Option("--lead-only", help="With --unit: only tasks the unit leads.")] = False,
    fmt: Annotated[AgendaFormat, typer.Option("--format", "-f", help="Output format.")] = AgendaFormat.text,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """What falls due soon, week by week, after what is already overdue: the list to chase
    this month.

    Examples:

      kh agenda

      kh agenda --within 2w --unit "cuc gdnn"

      kh agenda --within 1m --format md > lich-thang.md
    """
    from ..agenda import PeriodError, build, lines, markdown, parse_within
    from ..status import Filter

    day = resolve_today(today)
    try:
        until = parse_within(within, day)
    except PeriodError as exc:
        raise KhError(str(exc)) from None
    plan = load(data)
    flt = Filter(units=unit_scope(plan, unit, lead_only, say=_stderr), lead_only=lead_only)
    result = build(plan, day, until, flt)
    if fmt is AgendaFormat.json:
        from ..contract import agenda_record, dumps

        _write([dumps(agenda_record(result, plan)) + "\n"])
    elif fmt is AgendaFormat.md:
        _write([markdown(result, plan, lang.value)])
    else:
        _page(lines(result, plan, lang.value, _width()))


@app.command(cls=KhCommand)
@handles_errors
def ics(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.", show_default=False
        ),
    ] = None,
    unit: UnitOpt = None,
    lead_only: Annotated[bool, typer.Option("--lead-only", help="With --unit: only tasks the unit leads.")] = False,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Export the deadlines as an iCalendar file for Outlook, Google Calendar or Thunderbird:
    one all-day event per obligation (a yearly duty: one per year, through next year).

    Each event keeps its UID across exports, so importing a newer file updates the events
    instead of adding copies. The description holds the lead unit, the deadline as written
    and the status as of the export.

    Examples:

      kh ics -o khuyen-hoc.ics

      kh ics --unit "vu gdtx" --lead-only -o gdtx.ics
    """
    from ..ics import calendar
    from ..status import Filter, select

    day = resolve_today(today)
    plan = load(data)
    flt = Filter(
        units=unit_scope(plan, unit, lead_only, say=_stderr),
        lead_only=lead_only,
        include_done=True,
        between=(date(1900, 1, 1), date(day.year + 1, 12, 31)),
    )
    data_ = calendar(select(plan, day, flt), plan, day, lang.value)
    if output:
        from ..writer import write_output

        write_output(output, data_)
    else:
        sys.stdout.buffer.write(data_)
        sys.stdout.flush()
