"""``kh report YEAR``: the year's follow-up report, as Markdown, rich tables, JSON, a Word
document ready to sign or an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import KhError
from ..words.i18n import t
from .app import app
from .handling import KhCommand, _stderr, handles_errors, load
from .options import (
    DataOpt,
    IssuerOpt,
    Lang,
    LangOpt,
    NoColorOpt,
    NumberOpt,
    RecipientOpt,
    ReportFormat,
    SignerOpt,
    SignerTitleOpt,
    TodayOpt,
)
from .output import _console, _emit, _print
from .typed import check_year, resolve_today


@app.command(cls=KhCommand)
@handles_errors
def report(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year to report on, e.g. 2021.")],
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Markdown, rich tables, JSON, a Word file (docx) or an Excel workbook (xlsx), with -o.",
        ),
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.", show_default=False
        ),
    ] = None,
    charts: Annotated[
        bool, typer.Option("--charts/--no-charts", help="The charts (Mermaid in Markdown, images in Word).")
    ] = True,
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
    """The year's follow-up report, ready to paste into the official document: summary in the
    four status categories, a table per lead unit, overdue obligations, completions with their
    evidence, what falls due next year, and the yearly reporting duties.

    Figures are as of the year's last day if the year has ended, else as of today (--today):
    nothing that falls due after today is counted as late. The same data and as-of date always
    give byte-identical output.

    Examples:

      kh report 2021

      kh report 2021 --lang en --no-charts -o bao-cao-2021.md

      kh report 2022 --today 2022-11-15 --format json

      kh report 2021 -f docx -o bao-cao-2021.docx --number 15/BC-GDNN --signer "Nguyễn Văn A"

      kh report 2026 -f xlsx -o theo-doi-2026.xlsx
    """
    from ..outputs.report import build, default_as_of, markdown

    check_year(year, "YEAR")
    day = resolve_today(today)
    as_of = default_as_of(year, day)
    plan = load(data)
    rep = build(plan, year, as_of)
    if fmt is ReportFormat.table:
        if output:
            raise KhError(t("--output writes Markdown or JSON; use --format md or json with it"))
        from rich.console import Group
        from rich.text import Text

        from ..outputs.report import rich_tables

        console = _console(no_color)
        _print(console, *(Group(part, Text("")) for part in rich_tables(rep, plan, lang.value, console.width)))
        return
    if fmt is ReportFormat.docx:
        if not output:
            raise KhError(t("a Word file is written to a file: add -o FILE.docx"))
        from ..outputs.charts import can_draw_charts
        from ..outputs.office.office import letterhead, report_docx
        from ..write.writer import write_output
        from .typed import match_unit

        chosen = match_unit(plan, issuer, "--issuer", say=_stderr) if issuer else None  # "vu gdtx", as everywhere
        head = letterhead(plan, day, issuer=chosen, lang=lang.value, recipients=recipient, number=number,
                          signer=signer, signer_title=signer_title)  # fmt: skip
        if charts and not can_draw_charts():
            charts = False  # the document without them, and the user told how to get them
            _stderr(t('the charts need matplotlib, which is not installed: the report is written without them '
                      '(pip install "khuyenhoc[charts]" adds it; --no-charts says you do not want them)'))  # fmt: skip
        write_output(output, report_docx(rep, plan, lang.value, head, day, with_charts=charts))
        return
    if fmt is ReportFormat.xlsx:
        if not output:
            raise KhError(t("an Excel workbook is written to a file: add -o FILE.xlsx"))
        from ..outputs.xlsx import report_workbook
        from ..write.writer import write_output
        from .typed import match_unit

        author = plan.units[match_unit(plan, issuer, "--issuer", say=_stderr)].name if issuer else "kh"
        write_output(output, report_workbook(rep, plan, lang.value, author))
        return
    if fmt is ReportFormat.json:
        from ..outputs.contract import dumps, report_record

        text = dumps(report_record(rep, plan)) + "\n"
    else:
        text = markdown(rep, plan, lang.value, charts=charts)
    _emit([text], output)
