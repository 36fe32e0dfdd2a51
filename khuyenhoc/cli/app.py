"""The Typer application, its global options, and the help that lists the commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

if TYPE_CHECKING:
    pass
from .handling import KhGroup, _version

app = typer.Typer(
    name="kh",
    cls=KhGroup,
    help="Track the obligations of Vietnam's learning-society plans (489/QĐ-TTg and the "
    "MOET plan) over plain YAML files.\n\n"
    "Examples:\n\n"
    "  kh list --overdue                 what is late today, and who must act\n\n"
    "  kh agenda --within 1m             what falls due this month, overdue first\n\n"
    "  kh show BGD-09                    everything about one task\n\n"
    "  kh report 2021 -o bao-cao.md      the year's follow-up report, in Markdown\n\n"
    '  kh done BGD-07 --on 2021-06-28 -e "Quyết định số …/QĐ-BGDĐT" --commit\n\n'
    "                                    record a completion with its evidence\n\n"
    "  kh check                          validate the data (exit 1 on problems)",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """kh: a tracker for the khuyến học, khuyến tài, xã hội học tập plans."""
