"""The kh command line: parse options → call the core → print → exit code.

Exit codes: 0 success; 1 the data has problems (or ``check`` found some); 2 usage or I/O error.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from . import __version__
from .text import safe  # stdlib only: cheap at start-up

if TYPE_CHECKING:
    from rich.console import Console

    from .model import Plan

EXIT_DATA = 1
EXIT_USAGE = 2


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class ListFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"
    csv = "csv"


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


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class StatusName(str, Enum):
    done_on_time = "done_on_time"
    done_late = "done_late"
    open = "open"
    overdue = "overdue"
    ongoing = "ongoing"


# -- options every command shares (written after the command name) ---------------------------

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
        metavar="YYYY-MM-DD",
        envvar="KH_TODAY",
        help="Compute statuses as of this day instead of the real date. [env: KH_TODAY]",
        show_default=False,
        show_envvar=False,
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option("--lang", envvar="KH_LANG", help="Language of labels: vi or en. [env: KH_LANG]", show_envvar=False),
]


class KhError(Exception):
    """An error to show the user as one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def _stderr(message: str) -> None:
    sys.stderr.write(f"kh: {safe(message)}\n")


F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """No traceback ever reaches the user: known errors become one line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .loader import DataLocationError

        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except KhError as exc:
            _stderr(str(exc))
            raise typer.Exit(exc.code) from None
        except DataLocationError as exc:
            _stderr(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        except BrokenPipeError:
            _quiet_broken_pipe()
            raise typer.Exit(0) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _stderr(f"{where}{exc.strerror or exc}")
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as exc:
            if os.environ.get("KH_DEBUG"):
                raise
            _stderr(f"internal error: {type(exc).__name__}: {exc} (set KH_DEBUG=1 for details)")
            raise typer.Exit(EXIT_USAGE) from None

    return wrapper  # type: ignore[return-value]


def _quiet_broken_pipe() -> None:
    # The reader went away (`kh list | head`): stop quietly, as other tools do.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kh {__version__}\n")
        raise typer.Exit()


app = typer.Typer(
    name="kh",
    help="Track the obligations of Vietnam's learning-society plans (489/QĐ-TTg and the "
    "MOET plan) over plain YAML files.\n\n"
    "Examples:\n\n"
    "  kh list --overdue                 what is late today, and who must act\n\n"
    "  kh show BGD-09                    everything about one task\n\n"
    "  kh report 2021 -o bao-cao.md      the year's follow-up report, in Markdown\n\n"
    "  kh check                          validate the data (exit 1 on problems)",
    no_args_is_help=True,
    add_completion=False,
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


# -- helpers -------------------------------------------------------------------------------


def parse_day(text: str, option: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise KhError(f"invalid date {text!r} for {option}: expected YYYY-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise KhError(f"invalid date {text!r} for {option}: no such day") from None


def resolve_today(today: str | None) -> date:
    return parse_day(today, "--today") if today else date.today()


def load(data: str | None) -> Plan:
    """Load the plan; a plan with problems stops the command with exit 1."""
    from .loader import load_dir
    from .paths import find_data

    plan, errors = load_dir(find_data(data))
    if errors:
        for error in errors[:20]:
            sys.stderr.write(f"{safe(str(error))}\n")
        more = f" ({len(errors) - 20} more)" if len(errors) > 20 else ""
        raise KhError(f"the data has {len(errors)} problem(s){more}; run `kh check` for the list", EXIT_DATA)
    return plan


def _console(no_color: bool = False) -> Console:
    """A rich console: colours and the terminal's width on a terminal; plain text of a
    stable width (COLUMNS, else 100) in a pipe."""
    from rich.console import Console

    kwargs: dict[str, Any] = {"highlight": False, "markup": False, "emoji": False}
    if not sys.stdout.isatty():
        kwargs.update(width=int(os.environ.get("COLUMNS", "") or 100), color_system=None)
    if no_color:
        kwargs["no_color"] = True
    return Console(**kwargs)


def _write(chunks: Iterable[str]) -> None:
    out = sys.stdout
    for chunk in chunks:
        out.write(chunk)
    out.flush()


def resolve_units(plan: Plan, names: list[str]) -> frozenset[str]:
    """Unit ids for what the user typed: an id, a short name or a full name (case and
    diacritics ignored), or a unique part of one; with every unit below each."""
    import difflib

    from .status import descendants
    from .text import fold

    found: set[str] = set()
    for name in names:
        wanted = fold(name)
        exact = [u for u in plan.units.values() if wanted in (fold(u.id), fold(u.short), fold(u.name))]
        if not exact:
            exact = [
                u for u in plan.units.values()
                if wanted in fold(u.id) or wanted in fold(u.short) or wanted in fold(u.name)
            ]  # fmt: skip
        if len(exact) == 1:
            found.add(exact[0].id)
            continue
        if exact:
            names_ = ", ".join(f"{u.id} ({u.short})" for u in exact[:8])
            raise KhError(f"unit {name!r} is ambiguous: {names_}")
        close = difflib.get_close_matches(
            wanted, [fold(u.id) for u in plan.units.values()] + [fold(u.short) for u in plan.units.values()], n=3
        )
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `kh units`"
        raise KhError(f"unknown unit {name!r}{hint}")
    return descendants(plan, found)


def resolve_documents(plan: Plan, names: list[str]) -> frozenset[str]:
    from .text import fold

    found = set()
    for name in names:
        wanted = fold(name)
        match = [d.id for d in plan.documents.values() if wanted in fold(d.id) or wanted in fold(d.short)]
        if len(match) != 1:
            known = ", ".join(f"{d.id} ({d.short})" for d in plan.documents.values())
            what = "ambiguous" if match else "unknown"
            raise KhError(f"{what} source {name!r}: known plans are {known}")
        found.add(match[0])
    return frozenset(found)


def parse_quarter(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{4})\s*-?\s*[qQ]([1-4])\s*", text)
    if not m:
        raise KhError(f"invalid quarter {text!r}: expected a form such as 2021Q2")
    return int(m[1]), int(m[2])


# -- commands ------------------------------------------------------------------------------


@app.command("list")
@handles_errors
def list_cmd(
    overdue: Annotated[bool, typer.Option("--overdue", help="Only what is late (same as --status overdue).")] = False,
    status: Annotated[
        list[StatusName] | None,
        typer.Option("--status", help="Only these statuses (repeatable).", show_default=False),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            "-u",
            help="Only tasks this unit leads or cooperates on (id, short name or part of a name; repeatable).",
            show_default=False,
        ),
    ] = None,
    lead_only: Annotated[bool, typer.Option("--lead-only", help="With --unit: only tasks the unit leads.")] = False,
    year: Annotated[
        int | None, typer.Option("--year", help="Only obligations due in this year.", show_default=False)
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter", metavar="YYYYQn", help="Only obligations due in this quarter, e.g. 2021Q2.", show_default=False
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Only tasks of this plan: 489 (qd489) or bgddt (kh-bgddt).", show_default=False),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Only tasks whose id or title contains TEXT (case and diacritics ignored).",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", "-a", help="Include what is already done.")] = False,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR=1).")] = False,
) -> None:
    """List obligations with their deadline and status, oldest deadline first.

    Done tasks are left out unless --all or --status asks for them. Yearly duties appear once
    per year, from 2020 through the current (or --year) year.

    Examples:

      kh list --overdue

      kh list --unit "Vụ GDTX" --year 2021 --all

      kh list --quarter 2021Q2 --format md > q2.md

      kh list --overdue --format json | jq '.[].id'
    """
    from .model import Status
    from .status import Filter, select
    from .text import fold

    day = resolve_today(today)
    plan = load(data)
    statuses = {Status(s.value) for s in status or []}
    if overdue:
        statuses.add(Status.OVERDUE)
    flt = Filter(
        statuses=frozenset(statuses),
        include_done=all_,
        units=resolve_units(plan, unit) if unit else frozenset(),
        lead_only=lead_only,
        year=year,
        quarter=parse_quarter(quarter) if quarter else None,
        documents=resolve_documents(plan, source) if source else frozenset(),
        search=fold(search) if search else None,
    )
    if lead_only and not unit:
        raise KhError("--lead-only needs --unit")
    rows = select(plan, day, flt)
    lang_ = lang.value
    if fmt is ListFormat.json:
        from .render import rows_json

        _write([rows_json(rows)])
    elif fmt is ListFormat.csv:
        from .render import rows_csv

        _write(rows_csv(rows))
    elif fmt is ListFormat.md:
        from .render import rows_markdown

        _write([rows_markdown(rows, plan, day, lang_)])
    else:
        from .i18n import format_date, label
        from .render import rows_table

        console = _console(no_color)
        if rows:
            console.print(rows_table(rows, plan, lang_, console.width))
        else:
            console.print(label("none_found", lang_))
        console.print(
            f"{label('as_of', lang_, date=format_date(day, lang_))} · {label('count', lang_, n=len(rows))}",
            style="dim",
        )


@app.command()
@handles_errors
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help="The task's id, e.g. BGD-09 (case ignored).")],
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.text,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR=1).")] = False,
) -> None:
    """Everything about one task: the deadline as written and as a date, its status, the
    units with their full names, its source, its links, and each year's occurrence.

    Examples:

      kh show BGD-09

      kh show ttg-ii.5.a --today 2021-01-01

      kh show BGD-19 --format json
    """
    import difflib

    day = resolve_today(today)
    plan = load(data)
    task = plan.task(task_id)
    if task is None:
        close = difflib.get_close_matches(task_id.upper(), [t.id.upper() for t in plan.tasks], n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `kh list --all`"
        raise KhError(f"no task {task_id!r}{hint}")
    if fmt is ShowFormat.json:
        from .render import dumps, task_record

        _write([dumps(task_record(task, plan, day)) + "\n"])
        return
    from .render import task_detail

    _console(no_color).print(task_detail(task, plan, day, lang.value))


@app.command()
@handles_errors
def units(
    fmt: Annotated[UnitsFormat, typer.Option("--format", "-f", help="Output format.")] = UnitsFormat.table,
    data: DataOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR=1).")] = False,
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
        from .render import dumps, unit_counts, unit_record

        counts = unit_counts(plan, day)
        _write([dumps([unit_record(u, counts[u.id]) for u in plan.units.values()]) + "\n"])
    elif fmt is UnitsFormat.md:
        from .render import units_markdown

        _write([units_markdown(plan, day, lang.value)])
    else:
        from .render import units_table

        _console(no_color).print(units_table(plan, day, lang.value))


@app.command()
@handles_errors
def check(
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    data: DataOpt = None,
    lang: LangOpt = Lang.vi,
) -> None:
    """Validate the data: every problem as `path:line: message`; exit 1 if any, else 0.

    Checks YAML syntax, unknown or missing keys, wrong types, unknown units and documents,
    duplicate ids, deadlines kh cannot read, broken links and impossible completions.

    Examples:

      kh check

      kh check --data ~/theo-doi/data --format json
    """
    from .i18n import label
    from .loader import load_dir
    from .paths import find_data

    plan, errors = load_dir(find_data(data))
    if fmt is CheckFormat.json:
        from .render import dumps

        _write([dumps([{"path": e.path, "line": e.line, "message": e.message} for e in errors]) + "\n"])
    else:
        _write(safe(str(e)) + "\n" for e in errors)
        summary = (
            label("check_problems", lang.value, n=len(errors))
            if errors
            else label("check_clean", lang.value, tasks=len(plan.tasks), units=len(plan.units))
        )
        sys.stderr.write(summary + "\n")
    if errors:
        raise typer.Exit(EXIT_DATA)


@app.command()
@handles_errors
def report(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year to report on, e.g. 2021.", min=2000, max=2100)],
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Markdown, rich tables, or JSON.")
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.", show_default=False
        ),
    ] = None,
    charts: Annotated[
        bool, typer.Option("--charts/--no-charts", help="Mermaid pie and Gantt charts in Markdown.")
    ] = True,
    data: DataOpt = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            envvar="KH_TODAY",
            help="The as-of date. Default: today if it falls in YEAR, else 31/12/YEAR. [env: KH_TODAY]",
            show_default=False,
            show_envvar=False,
        ),
    ] = None,
    lang: LangOpt = Lang.vi,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR=1).")] = False,
) -> None:
    """The year's follow-up report, ready to paste into the official document: summary in the
    four status categories, a table per lead unit, overdue obligations, completions with their
    evidence, what falls due next year, and the yearly reporting duties.

    The same data and as-of date always give byte-identical output.

    Examples:

      kh report 2021

      kh report 2021 --lang en --no-charts -o bao-cao-2021.md

      kh report 2022 --today 2022-11-15 --format json
    """
    from .report import as_json, build, default_as_of, markdown

    as_of = parse_day(today, "--today") if today else default_as_of(year, date.today())
    plan = load(data)
    rep = build(plan, year, as_of)
    if fmt is ReportFormat.table:
        if output:
            raise KhError("--output writes Markdown or JSON; use --format md or json with it")
        from .report import rich_tables

        console = _console(no_color)
        for part in rich_tables(rep, plan, lang.value):
            console.print(part)
            console.print()
        return
    if fmt is ReportFormat.json:
        from .render import dumps

        text = dumps(as_json(rep, plan)) + "\n"
    else:
        text = markdown(rep, plan, lang.value, charts=charts)
    if output:
        from .writer import atomic_write

        atomic_write(output, text.encode("utf-8"))
    else:
        _write([text])


@app.command()
@handles_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Where to start tracking; created if missing.")],
) -> None:
    """Start a tracking folder: write the bundled plan to DIR/data/ (tasks.yaml, units.yaml).

    Refuses to overwrite existing files. Then `cd DIR && git init && kh list` works there.

    Examples:

      kh init theo-doi-489
    """
    from .loader import TASKS_FILE, UNITS_FILE
    from .paths import bundled_data
    from .writer import atomic_write

    source = bundled_data()
    target = folder / "data"
    existing = [target / n for n in (TASKS_FILE, UNITS_FILE) if (target / n).exists()]
    if existing:
        raise KhError(f"{existing[0]} already exists; not overwriting it")
    target.mkdir(parents=True, exist_ok=True)
    for name in (UNITS_FILE, TASKS_FILE):
        atomic_write(target / name, (source / name).read_bytes())
    sys.stdout.write(f"{target / TASKS_FILE}\n{target / UNITS_FILE}\n")


def main() -> NoReturn:
    """Console-script entry point."""
    try:
        app(prog_name="kh")
    except BrokenPipeError:
        _quiet_broken_pipe()
        raise SystemExit(0) from None
    raise SystemExit(0)  # pragma: no cover - app() always exits


if __name__ == "__main__":  # pragma: no cover
    main()
