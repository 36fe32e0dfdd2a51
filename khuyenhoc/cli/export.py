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
    from ..core.model import Plan
    from ..core.status import Filter
from ..errors import KhError
from ..words.i18n import t
from ..words.text import safe
from .app import app
from .handling import KhCommand, _quiet_broken_pipe, _stderr, handles_errors, load
from .options import (
    AgendaFormat,
    DataOpt,
    IssuerOpt,
    Lang,
    LangOpt,
    MemberOpt,
    NoColorOpt,
    NumberOpt,
    RecipientOpt,
    RemindFormat,
    SignerOpt,
    SignerTitleOpt,
    TodayOpt,
    UnitOpt,
    _complete_units,
)
from .output import _page, _width, _write
from .typed import member_scope, parse_day, resolve_today


def _scope(plan: Plan, unit: list[str] | None, member: str | None, lead_only: bool) -> Filter:
    """--unit or --member (one member's own obligations under tasks owed by each member)."""
    from ..core.status import Filter

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
    from ..outputs.agenda import PeriodError, build, lines, markdown, parse_within

    day = resolve_today(today)
    try:
        until = parse_within(within, day)
    except PeriodError as exc:
        raise KhError(str(exc)) from None
    plan = load(data)
    flt = _scope(plan, unit, member, lead_only)
    result = build(plan, day, until, flt)
    if fmt is AgendaFormat.json:
        from ..outputs.contract import agenda_record, dumps

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
    from ..core.status import select
    from ..outputs.ics import calendar

    day = resolve_today(today)
    plan = load(data)
    flt = replace(
        _scope(plan, unit, member, lead_only), include_done=True, between=(date(1900, 1, 1), date(day.year + 1, 12, 31))
    )
    rows = select(plan, day, flt)
    if member is None:
        from ..core.status import grouped

        rows = grouped(plan, rows, day, flt.units)  # one event per occurrence of a task owed by each member
    data_ = calendar(rows, plan, day, lang.value)
    if output:
        from ..write.writer import write_output

        write_output(output, data_)
    else:
        sys.stdout.buffer.write(data_)
        sys.stdout.flush()


@app.command(cls=KhCommand)
@handles_errors
def remind(
    unit: UnitOpt = None,
    member: Annotated[
        list[str] | None,
        typer.Option(
            "--member",
            "-m",
            metavar="MEMBER",
            help="Only this member (repeatable): a province, a ministry, a MOET unit, by id or name.",
            show_default=False,
            autocompletion=_complete_units,
        ),
    ] = None,
    each: Annotated[
        bool,
        typer.Option(
            "--each",
            help="One letter to each late member. By default the late members of a collective get one letter, "
            "with the list of them and of what each has not done attached.",
        ),
    ] = False,
    fmt: Annotated[RemindFormat, typer.Option("--format", "-f", help="Word, Markdown, or e-mail (.eml).")] = (
        RemindFormat.docx
    ),
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="DIR", help="The folder for the letters (created if missing), one file a letter."
        ),
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Replace letters already in the folder.")] = False,
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
    recipient: RecipientOpt = None,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Draft the letters that chase what is late ("công văn đôn đốc"): to each body that owes an
    overdue obligation today, each obligation with its source, its deadline as written and as
    a day, and the days overdue.

    A duty owed by each member of a collective (each Sở GDĐT's report) is chased at that member,
    by its name, or at the member that holds its duties today. The late members of a collective
    get one letter with the list of them attached (as offices send); --each writes one letter to
    each. The issuer and the bodies above it are not chased. An index of what was written is
    printed and kept in the folder (danh-sach-cong-van-DATE.csv; -eml.csv, -md.csv for those).
    The letters have the layout of Nghị định 30/2020/NĐ-CP; the number and the signer stay "…"
    until given.

    Examples:

      kh remind -o thu-don-doc/

      kh remind --unit so-gddt --each -o thu-don-doc/

      kh remind --member "ha noi" --member "cao bang" -o thu-don-doc/

      kh remind -f eml --from gdtx@moet.gov.vn -o thu-don-doc/
    """
    from datetime import timedelta

    from ..core.model import Status
    from ..core.status import Filter, descendants, select
    from ..outputs.office.letterformats import WordLetters, file_name, index_csv, letter_email, letter_markdown
    from ..outputs.office.letters import content, plan_letters
    from ..outputs.office.office import issuer_of, letterhead
    from ..outputs.render import count_text
    from ..words.text import is_address
    from ..write.writer import write_output
    from .typed import match_unit

    if sender is not None and not is_address(sender, named=True):
        raise KhError(
            t('--from {value!r} is not one e-mail address (gdtx@moet.gov.vn, or "Vụ GDTX <gdtx@moet.gov.vn>")',
              value=sender)
        )  # fmt: skip
    if member and unit:
        raise KhError(t("--member and --unit cannot be used together"))
    day = resolve_today(today)
    reply = parse_day(reply_by, "--reply-by") if reply_by else day + timedelta(days=15)
    if reply < day:
        raise KhError(t("--reply-by {reply_by} is before today ({today})", reply_by=reply, today=day))
    if output.exists() and not output.is_dir():
        raise KhError(t("{folder} is not a folder", folder=output))
    plan = load(data)
    chosen_members = frozenset(match_unit(plan, m, "--member", say=_stderr) for m in member) if member else None
    chosen_units = descendants(plan, [match_unit(plan, u, say=_stderr) for u in unit]) if unit else None
    issuer_id = issuer_of(plan, day, match_unit(plan, issuer, "--issuer", say=_stderr) if issuer else None)
    rows = select(plan, day, Filter(statuses=frozenset({Status.OVERDUE})))
    drafts = plan_letters(plan, rows, day, reply, issuer=issuer_id, members=chosen_members, units=chosen_units,
                          each=each)  # fmt: skip
    for gone in drafts.left_out:
        _stderr(t("no letter to {name} ({n} obligation(s)): {why}", name=gone.name, n=gone.obligations, why=gone.why))
    covered = {m for letter in drafts.letters for m in letter.covers()}
    for m in sorted(chosen_members or ()):
        if m not in covered:
            _stderr(t("{member} has nothing overdue on {day}", member=m, day=day))
    if not drafts.letters:
        if chosen_members or chosen_units:
            raise KhError(t("nothing overdue on {day} for what was chosen: no letter written", day=day))
        _stderr(t("nothing overdue on {day}: no letter written", day=day))
        return
    head = letterhead(plan, day, issuer_id, lang=lang.value, recipients=recipient, number=number, signer=signer,
                      signer_title=signer_title)  # fmt: skip
    ext = fmt.value
    paths = [output / file_name(letter, ext) for letter in drafts.letters]
    index = output / f"danh-sach-cong-van-{day.isoformat()}{'' if fmt is RemindFormat.docx else '-' + ext}.csv"
    existing = [p for p in (*paths, index) if p.exists() or p.is_symlink()]
    if existing and not force:
        raise KhError(
            t("{path} exists, and {n} more: nothing written. Add --force to replace them, or choose another folder",
              path=existing[0], n=len(existing) - 1)
        )  # fmt: skip
    if not output.is_dir():
        try:
            output.mkdir(parents=True)
        except OSError as exc:
            raise KhError(t("{folder}: cannot create it ({why})", folder=output, why=exc.strerror or exc)) from None
        _stderr(t("created the folder {folder}", folder=output))
    word = WordLetters(head, lang.value, day, [])
    written = []
    for letter, path in zip(drafts.letters, paths, strict=True):
        c = content(letter, plan, head, lang.value)
        if word.recipients != c.recipients:
            word = WordLetters(head, lang.value, day, c.recipients)
        if fmt is RemindFormat.docx:
            data_ = word.write(c)
        elif fmt is RemindFormat.md:
            data_ = letter_markdown(c, head, day, lang.value).encode("utf-8")
        else:
            attached = (file_name(letter, "docx"), word.write(c))
            data_ = letter_email(c, letter, head, lang.value, sender, attached)
        write_output(path, data_)
        written.append((letter, str(path)))
        who = letter.to + (f" ({len(letter.annex)})" if letter.annex else "")
        line = f"{safe(who)} · {count_text(letter.tally(), lang.value)} · {safe(str(path))}\n"
        try:
            sys.stdout.write(line)
        except BrokenPipeError:  # `kh remind … | head`: the listing stops, the letters do not
            _quiet_broken_pipe()
    write_output(index, index_csv(written, lang.value))
    sys.stderr.write(str(t("{n} letter(s) written; their list: {index}", n=len(written), index=index)) + "\n")


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
    from ..outputs.divisions import communes_yaml, provinces_yaml

    if province is not None and which is Division.provinces:
        raise KhError(t("--province goes with communes"))
    try:
        text = provinces_yaml() if which is Division.provinces else communes_yaml(province)
    except KeyError:
        raise KhError(t("unknown province {province!r}: see data/units.d/tinh-34.yaml", province=province)) from None
    if output:
        from ..write.writer import write_output

        write_output(output, text.encode("utf-8"))
    else:
        _write([text])
