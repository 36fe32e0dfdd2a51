"""What the commands share: output formats, languages, and the options every command that
takes them declares alike (written after the command name), with their shell completion."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core

if TYPE_CHECKING:
    from ..core.model import Plan


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class ListFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class UnitsFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


class ReportFormat(str, Enum):
    md = "md"
    table = "table"
    json = "json"
    docx = "docx"
    xlsx = "xlsx"


class RemindFormat(str, Enum):
    docx = "docx"
    md = "md"
    eml = "eml"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class AgendaFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"


class SetField(str, Enum):
    due = "due"
    lead = "lead"
    partners = "partners"


DataOpt = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Folder with tasks.yaml and units.yaml. Default: $KH_DATA, else the nearest "
        "data/ folder upward from here, else the plan bundled with kh.",
        show_default=False,
    ),
]


TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        envvar="KH_TODAY",
        help="Compute statuses as of this day (DD/MM/YYYY or YYYY-MM-DD) instead of the real date. [env: KH_TODAY]",
        show_default=False,
        show_envvar=False,
    ),
]


LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar="KH_LANG", help="Language of labels and messages: vi or en. [env: KH_LANG]", show_envvar=False
    ),
]


NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR=1).")]


def _complete_statuses(incomplete: str) -> list[str]:
    """Shell completion: the statuses' JSON names (kh also reads their Vietnamese labels)."""
    from ..core.model import Status

    return [s.value for s in Status if s.value.startswith(incomplete.casefold())]


def _complete_units(incomplete: str) -> list[str]:
    """Shell completion: unit ids and short names starting with what was typed."""
    from ..words.text import fold

    plan = _plan_for_completion()
    wanted = fold(incomplete)
    return [u.id for u in plan.units.values() if fold(u.id).startswith(wanted) or fold(u.short).startswith(wanted)]


def _complete_tasks(incomplete: str) -> list[str]:
    """Shell completion: task ids starting with what was typed, case ignored, completed in the
    case typed ("bgd-0" → "bgd-01", …): shells keep only candidates that start with the word
    as typed, and kh reads ids in any case."""
    plan = _plan_for_completion()
    wanted = incomplete.casefold()
    n = len(incomplete)
    return [incomplete + t.id[n:] for t in plan.tasks if t.id.casefold().startswith(wanted)]


def _plan_for_completion() -> Plan:
    from ..core.model import Plan
    from ..read.loader import load_plan
    from .where import find_data

    try:
        return load_plan(find_data(None))[0]
    except Exception:  # completion must never print an error into the user's shell
        return Plan({}, {}, ())


def _task_arg(example: str) -> Any:
    """The ID argument of the commands about one task, completed from the plan's ids."""
    return typer.Argument(
        metavar="ID", autocompletion=_complete_tasks, help=f"The task, e.g. {example} (case ignored)."
    )


UnitOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--unit",
        "-u",
        metavar="UNIT",
        help="Only tasks this unit leads or cooperates on (id, short name or part of a name; repeatable).",
        show_default=False,
        autocompletion=_complete_units,
    ),
]


MemberOpt = Annotated[
    str | None,
    typer.Option(
        "--member",
        metavar="MEMBER",
        help="One member of a collective (a province, a ministry, a MOET unit): only its own obligations under "
        'tasks owed by each member, and those of the members it succeeded ("ha noi", "Bộ Y tế").',
        show_default=False,
        autocompletion=_complete_units,
    ),
]


CommitOpt = Annotated[
    bool | None,
    typer.Option(
        "--commit/--no-commit",
        help="Commit the change to git (the data file only), one commit per command. "
        "Default: $KH_COMMIT, else `git config kh.commit`, else no.",
        show_default=False,
    ),
]


# The letterhead of the Word documents (kh report --format docx, kh remind).
RecipientOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--recipient",
        metavar="TEXT",
        help='A line of "Nơi nhận" (repeatable), e.g. "Thứ trưởng Nguyễn Văn B (để báo cáo)". The report: instead '
        'of the body above the issuer; a letter: after "Như trên". The archive line is always last.',
        show_default=False,
    ),
]

IssuerOpt = Annotated[
    str | None,
    typer.Option(
        "--issuer",
        metavar="NAME",
        help="The issuing body. Default: the unit that holds Vụ GDTX's duties today (from the data).",
        show_default=False,
        autocompletion=_complete_units,
    ),
]
NumberOpt = Annotated[
    str | None,
    typer.Option(
        "--number", metavar="TEXT", help='The document number, e.g. "15/BC-GDNN". Default: …', show_default=False
    ),
]
SignerOpt = Annotated[
    str | None, typer.Option("--signer", metavar="NAME", help="Who signs. Default: …", show_default=False)
]
SignerTitleOpt = Annotated[
    str | None,
    typer.Option(
        "--signer-title", metavar="TEXT", help='The signer\'s title, e.g. "Cục trưởng". Default: …', show_default=False
    ),
]
