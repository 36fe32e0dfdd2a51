"""Commands that export deadlines: agenda (text, Markdown, JSON) and ics (calendars)."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

if TYPE_CHECKING:
    from ..model import Plan
    from ..status import Filter
from ..errors import KhError
from ..i18n import t
from ..text import safe
from ..typed import member_scope, parse_day, resolve_today, unit_scope
from .app import app
from .handling import KhCommand, _stderr, handles_errors, load
from .options import (
    AgendaFormat,
    DataOpt,
    IssuerOpt,
    Lang,
    LangOpt,
    MemberOpt,
    NoColorOpt,
    NumberOpt,
    RemindFormat,
    SignerOpt,
    SignerTitleOpt,
    TodayOpt,
    UnitOpt,
)
from .output import _page, _width, _write


def _scope(plan: Plan, unit: list[str] | None, member: str | None, lead_only: bool) -> Filter:
    """--unit or --member (one member's own obligations under tasks owed by each member)."""
    from ..status import Filter

    units = member_scope(plan, unit, member, lead_only, say=_stderr)
    return Filter(units=units, lead_only=lead_only, members_only=member is not None)


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
    member: MemberOpt = None,
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

      kh agenda --member "ha noi" --within 1m
    """
    from ..agenda import PeriodError, build, lines, markdown, parse_within

    day = resolve_today(today)
    try:
        until = parse_within(within, day)
    except PeriodError as exc:
        raise KhError(str(exc)) from None
    plan = load(data)
    flt = _scope(plan, unit, member, lead_only)
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
    member: MemberOpt = None,
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

      kh ics --member "ha noi" -o ha-noi.ics
    """
    from ..ics import calendar
    from ..status import select

    day = resolve_today(today)
    plan = load(data)
    flt = replace(
        _scope(plan, unit, member, lead_only), include_done=True, between=(date(1900, 1, 1), date(day.year + 1, 12, 31))
    )
    rows = select(plan, day, flt)
    if member is None:
        from ..status import grouped

        rows = grouped(plan, rows, day, flt.units)  # one event per occurrence of a task owed by each member
    data_ = calendar(rows, plan, day, lang.value)
    if output:
        from ..writer import write_output

        write_output(output, data_)
    else:
        sys.stdout.buffer.write(data_)
        sys.stdout.flush()


@app.command(cls=KhCommand)
@handles_errors
def remind(
    unit: UnitOpt = None,
    fmt: Annotated[RemindFormat, typer.Option("--format", "-f", help="Word, Markdown, or e-mail (.eml).")] = (
        RemindFormat.docx
    ),
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="DIR", help="The folder for the letters, one file per unit."),
    ] = Path("."),
    reply_by: Annotated[
        str | None,
        typer.Option(
            "--reply-by",
            metavar="DATE",
            help="The day to report back by. Default: 15 days from today.",
            show_default=False,
        ),
    ] = None,
    sender: Annotated[
        str | None, typer.Option("--from", metavar="ADDRESS", help="eml: the sender's address.", show_default=False)
    ] = None,
    issuer: IssuerOpt = None,
    number: NumberOpt = None,
    signer: SignerOpt = None,
    signer_title: SignerTitleOpt = None,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Draft the letters that chase late units ("công văn đôn đốc"): one per unit that holds the
    lead of an overdue obligation today, listing each one with its source, its deadline as
    written and as a day, and the days overdue.

    The letters have the layout of Nghị định 30/2020/NĐ-CP; the number and the signer stay
    "…" until given. A unit with nothing overdue gets no letter.

    Examples:

      kh remind -o thu-don-doc/

      kh remind --unit ubnd-tinh --reply-by 15/12/2026 -o thu-don-doc/

      kh remind -f eml --from gdtx@moet.gov.vn -o thu-don-doc/
    """
    from datetime import timedelta

    from ..letters import file_name, letter_docx, letter_email, letter_markdown, letters
    from ..model import Status
    from ..office import letterhead
    from ..status import Filter, select
    from ..text import is_address
    from ..writer import write_output

    if sender is not None and not is_address(sender, named=True):
        raise KhError(
            t('--from {value!r} is not one e-mail address (gdtx@moet.gov.vn, or "Vụ GDTX <gdtx@moet.gov.vn>")',
              value=sender)
        )  # fmt: skip
    day = resolve_today(today)
    reply = parse_day(reply_by, "--reply-by") if reply_by else day + timedelta(days=15)
    if reply < day:
        raise KhError(t("--reply-by {v1} is before today ({v2})", v1=reply.isoformat(), v2=day.isoformat()))
    if not output.is_dir():
        raise KhError(t("the folder {folder} does not exist", folder=output))
    plan = load(data)
    chosen = unit_scope(plan, unit, False, say=_stderr) if unit else None
    rows = select(plan, day, Filter(statuses=frozenset({Status.OVERDUE})))
    head = letterhead(plan, day, issuer=issuer, number=number, signer=signer, signer_title=signer_title)
    drafts = letters(plan, rows, day, reply, chosen, head.issuer)
    for letter in drafts:
        if fmt is RemindFormat.docx:
            data_ = letter_docx(letter, plan, head, lang.value)
        elif fmt is RemindFormat.md:
            data_ = letter_markdown(letter, plan, head, lang.value).encode("utf-8")
        else:
            data_ = letter_email(letter, plan, head, lang.value, sender)
        path = output / file_name(letter, fmt.value)
        write_output(path, data_)
        sys.stdout.write(f"{safe(str(path))}\n")
    sys.stderr.write(str(t("{n} letter(s) written", n=len(drafts))) + "\n")


class Division(str, Enum):
    provinces = "provinces"
    communes = "communes"


@app.command(cls=KhCommand)
@handles_errors
def divisions(
    which: Annotated[Division, typer.Argument(metavar="provinces|communes", help="What to write.")],
    province: Annotated[
        str | None,
        typer.Option(
            "--province", metavar="ID", help="communes: only this province's (its id, e.g. ha-noi).", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.", show_default=False
        ),
    ] = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Write Vietnam's provinces or communes as a units file, from the package vietnam-provinces
    (the codes and names of the General Statistics Office, 34 provinces from 01/07/2025).

    data/units.d/tinh-34.yaml is its output for the provinces. To follow a duty owed by each
    commune, write the communes to units.d/ and give a collective `members: {kind: commune}`.

    Examples:

      kh divisions provinces -o data/units.d/tinh-34.yaml

      kh divisions communes --province ha-noi -o data/units.d/xa-ha-noi.yaml
    """
    from ..divisions import communes_yaml, provinces_yaml

    if province is not None and which is Division.provinces:
        raise KhError(t("--province goes with communes"))
    try:
        text = provinces_yaml() if which is Division.provinces else communes_yaml(province)
    except KeyError:
        raise KhError(t("unknown province {province!r}: see data/units.d/tinh-34.yaml", province=province)) from None
    if output:
        from ..writer import write_output

        write_output(output, text.encode("utf-8"))
    else:
        _write([text])
