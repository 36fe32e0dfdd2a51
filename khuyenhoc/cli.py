"""The kh command line: parse options → call the core → print → exit code.

Exit codes: 0 success; 1 the data has problems (or ``check`` found some); 2 usage or I/O error.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
import typer.core

from . import __version__
from .i18n import Message, lang_of, set_lang, t
from .text import safe  # stdlib only: cheap at start-up

if TYPE_CHECKING:
    from rich.console import Console

    from .model import DataError, Plan, Status, Task

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


def _complete_units(incomplete: str) -> list[str]:
    """Shell completion: unit ids and short names starting with what was typed."""
    from .text import fold

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
    from .loader import load_plan
    from .model import Plan
    from .paths import find_data

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
        help="Only tasks this unit leads or cooperates on (id, short name or part of a name; repeatable).",
        show_default=False,
        autocompletion=_complete_units,
    ),
]


class KhError(Exception):
    """An error to show the user as one line, with its exit code."""

    def __init__(self, message: Message, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def _stderr(message: Message) -> None:
    sys.stderr.write(f"kh: {safe(str(message))}\n")


F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """No traceback ever reaches the user: known errors become one line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .loader import DataLocationError

        if isinstance(lang := kwargs.get("lang"), Lang):
            set_lang(lang.value)  # every message of this command in its language
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
            _stderr(t("internal error: {v1}: {exc} (set KH_DEBUG=1 for details)", v1=type(exc).__name__, exc=exc))
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


# -- help and usage errors in the run's language --------------------------------------------------

# Usage errors of the command-line parser (Typer's vendored Click words them in English) → the
# catalogue's templates, from the error's kind and attributes. A kind not handled here is shown
# as the parser words it.
_CHOICE = re.compile(r"'?(?P<value>.*?)'? is not one of (?P<choices>.*?)\.?")
_NOT_NUMBER = re.compile(r"'?(?P<value>.*?)'? is not a valid int(?:eger)?\.?")
_NO_COMMAND = re.compile(r"No such command '(?P<name>[^']+)'\.(?: Did you mean '(?P<near>[^']+)'\?)?")
_EXTRA = re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)")
_NEEDS_VALUE = re.compile(r"Option '(?P<name>[^']+)' requires an argument\.")


def _usage_message(exc: Any) -> Message:
    errors = typer._click.exceptions
    param = getattr(exc, "param", None)
    name = (param.opts[0] if param.param_type_name == "option" else param.human_readable_name) if param else "?"
    if isinstance(exc, errors.NoSuchOption):
        text = t("no such option {option}", option=exc.option_name)
        near = ", ".join(sorted(exc.possibilities or []))
        return t("{text}; did you mean {near}?", text=text, near=near) if near else text
    if isinstance(exc, errors.MissingParameter):
        return (
            t("missing option {name}", name=name)
            if param and param.param_type_name == "option"
            else t("missing argument {name}", name=name)
        )
    if isinstance(exc, errors.BadParameter):
        if m := _CHOICE.fullmatch(exc.message):
            return t("invalid value {value!r} for {name}: choose one of {choices}", name=name, **m.groupdict())
        if m := _NOT_NUMBER.fullmatch(exc.message):
            return t("invalid value {value!r} for {name}: expected a whole number", name=name, value=m["value"])
        return exc.format_message()
    if m := _NO_COMMAND.fullmatch(exc.message):
        text = t("no such command {name!r}", name=m["name"])
        return t("{text}; did you mean {near}?", text=text, near=m["near"]) if m["near"] else text
    if m := _EXTRA.fullmatch(exc.message):
        return t("unexpected extra arguments: {args}", args=m["args"])
    if m := _NEEDS_VALUE.fullmatch(exc.message):
        return t("option {name} needs a value", name=m["name"])
    return exc.format_message()


class _UsageError(typer._click.exceptions.UsageError):
    """A usage error shown as kh shows its own: one line, in the run's language, and where help is."""

    def show(self, file: Any = None) -> None:
        where = self.ctx.command_path if self.ctx is not None else "kh"
        sys.stderr.write(f"kh: {safe(str(self.message))}\n{t('see `{where} --help`', where=where)}\n")


@contextlib.contextmanager
def _help_in_lang(command: Any, ctx: Any) -> Iterator[None]:
    """The command's and its options' help, and Typer's own words around them, in the run's language."""
    import typer.core

    from .i18n import help_text

    saved = [(command, command.help)] + [(p, getattr(p, "help", None)) for p in command.get_params(ctx)]
    words = typer.core._
    try:
        for obj, text in saved:
            obj.help = help_text(text)

        def words_in_lang(message: str) -> str:  # "Arguments", "Options", "default: …"
            return help_text(message) or message

        typer.core._ = words_in_lang
        yield
    finally:
        typer.core._ = words
        for obj, text in saved:
            obj.help = text


class _Translated(typer._click.Command):
    """Help and usage errors of a kh command or of kh itself, in the run's language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _help_in_lang(self, ctx):
            super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        from .i18n import help_text

        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=help_text("Usage: "))

    def get_short_help_str(self, limit: int = 45) -> str:
        from .i18n import help_text

        text = help_text(self.help)
        return typer._click.utils.make_default_short_help(text, limit) if text else ""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer._click.exceptions.UsageError as exc:
            if isinstance(exc, _UsageError):
                raise
            raise _UsageError(str(_usage_message(exc)), exc.ctx) from None


class KhCommand(_Translated, typer.core.TyperCommand):
    pass


class KhGroup(_Translated, typer.core.TyperGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except typer._click.exceptions.UsageError as exc:
            raise _UsageError(str(_usage_message(exc)), exc.ctx) from None


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


# -- helpers -------------------------------------------------------------------------------


def parse_day(text: str, option: str) -> date:
    """A date typed as DD/MM/YYYY or YYYY-MM-DD (see :func:`khuyenhoc.deadlines.parse_date`)."""
    from .deadlines import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise KhError(
            t("invalid date {text!r} for {option}: {exc_reason}", text=text, option=option, exc_reason=exc.reason)
        ) from None


def resolve_today(today: str | None) -> date:
    return parse_day(today, "--today") if today else date.today()


def load_checked(data: str | None) -> tuple[Plan, list[DataError]]:
    """The plan and its problems, through the one pipeline (:func:`khuyenhoc.loader.load_plan`)."""
    from .loader import SettingError, load_plan
    from .paths import find_data

    try:
        return load_plan(find_data(data))
    except SettingError as exc:
        raise KhError(str(exc)) from None


def load(data: str | None) -> Plan:
    """Load the plan; a plan with problems stops the command with exit 1 (the first problems,
    the cause first, are shown; `kh check` lists them all)."""
    plan, errors = load_checked(data)
    errors = [e for e in errors if not e.warning]  # warnings are kh check's to show
    if errors:
        for error in errors[:20]:
            sys.stderr.write(f"{safe(str(error))}\n")
        more = t(" ({v1} more)", v1=len(errors) - 20) if len(errors) > 20 else ""
        raise KhError(
            t("the data has {v1} problem(s){more}; run `kh check` for the list", v1=len(errors), more=more), EXIT_DATA
        )
    return plan


RICH_ROWS = 1000  # more rows than this stream as plain lines even on a terminal: rich needs ~0.5 ms a row


def _width() -> int:
    """The width of every output, rich or plain: COLUMNS if it is a positive number, else the
    terminal's, else 100 in a pipe; never under 40."""
    if columns := os.environ.get("COLUMNS", "").strip():
        with contextlib.suppress(ValueError):
            if int(columns) > 0:  # COLUMNS=0 or a negative number: not a width, as for curses
                return max(40, int(columns))
    if sys.stdout.isatty():
        import shutil

        return max(40, shutil.get_terminal_size().columns)
    return 100


def _console(no_color: bool = False) -> Console:
    """A rich console of :func:`_width`: colours on a terminal, plain text in a pipe."""
    from rich.console import Console

    kwargs: dict[str, Any] = {"highlight": False, "markup": False, "emoji": False, "width": _width()}
    if not sys.stdout.isatty():
        kwargs["color_system"] = None
    if no_color:
        kwargs["no_color"] = True
    return Console(**kwargs)


def _print(console: Console, *parts: Any) -> None:
    """Rich renderables to stdout; in a pipe, as plain lines without the padding rich adds."""
    if sys.stdout.isatty():
        for part in parts:
            console.print(part)
        return
    with console.capture() as captured:
        for part in parts:
            console.print(part)
    _write(line.rstrip() + "\n" for line in captured.get().splitlines())


def _write(chunks: Iterable[str]) -> None:
    out = sys.stdout
    for chunk in chunks:
        out.write(chunk)
    out.flush()


def match_unit(plan: Plan, name: str, option: str = "--unit") -> str:
    """The unit id for what the user typed (see :func:`khuyenhoc.match.unit_match`). A loose
    match says on stderr which unit it chose: nothing is picked silently."""
    from .match import MatchError, unit_match

    try:
        unit_id, exact = unit_match(plan, name)
    except MatchError as exc:
        raise KhError(str(exc)) from None
    if not exact:
        _stderr(
            t(
                "{option} {name!r} taken as {unit_id} ({v1})",
                option=option,
                name=name,
                unit_id=unit_id,
                v1=plan.units[unit_id].name,
            )
        )
    return unit_id


def resolve_units(plan: Plan, names: list[str]) -> frozenset[str]:
    """The units the user named (see :func:`match_unit`), with every unit below each."""
    from .status import descendants

    return descendants(plan, {match_unit(plan, name) for name in names})


def unit_scope(plan: Plan, unit: list[str] | None, lead_only: bool) -> frozenset[str]:
    """The units of --unit (with those below them); --lead-only makes sense only with them."""
    if lead_only and not unit:
        raise KhError(t("--lead-only needs --unit"))
    return resolve_units(plan, unit) if unit else frozenset()


def resolve_documents(plan: Plan, names: list[str]) -> frozenset[str]:
    from .text import fold

    found = set()
    for name in names:
        wanted = fold(name)
        match = [d.id for d in plan.documents.values() if wanted in fold(d.id) or wanted in fold(d.short)]
        if len(match) != 1:
            known = ", ".join(f"{d.id} ({d.short})" for d in plan.documents.values())
            what = t("ambiguous") if match else t("unknown")
            raise KhError(t("{what} source {name!r}: known plans are {known}", what=what, name=name, known=known))
        found.add(match[0])
    return frozenset(found)


def _find_task(plan: Plan, task_id: str) -> Task:
    from .match import MatchError, task

    try:
        return task(plan, task_id)
    except MatchError as exc:
        raise KhError(str(exc)) from None


def parse_status(text: str) -> Status:
    """A status as typed: its JSON name, or its label in either language, diacritics and
    punctuation optional."""
    from .i18n import label
    from .model import Status
    from .text import fold

    def words(s: str) -> str:  # "Hoàn thành (chưa rõ ngày)" as typed: "hoan thanh chua ro ngay"
        return " ".join(re.split(r"[\W_]+", fold(s))).strip()

    wanted = words(text)
    for status in Status:
        names = {words(status.value)} | {words(label(status.value, lang)) for lang in ("vi", "en")}
        if wanted in names:
            return status
    known = ", ".join(f"{s.value} ({label(s.value, 'vi')})" for s in Status)
    raise KhError(t("unknown status {text!r}: known statuses are {known}", text=text, known=known))


def parse_quarter(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{4})\s*-?\s*[qQ]([1-4])\s*", text)
    if not m:
        raise KhError(t("invalid quarter {text!r}: expected a form such as 2021Q2", text=text))
    return check_year(int(m[1]), "--quarter"), int(m[2])


FIRST_YEAR, LAST_YEAR = 1900, 2199  # deadlines.MIN_YEAR, MAX_YEAR (not imported: start-up time)


def check_year(year: int, option: str = "--year") -> int:
    """A year as a year: ``--year 21`` is a usage error, not the year 21."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        hint = t("; did you mean {v1}?", v1=2000 + year) if 0 <= year < 100 else ""
        raise KhError(
            t(
                "{option} {year}: expected a year with four digits, such as 2021{hint}",
                option=option,
                year=year,
                hint=hint,
            )
        )
    return year


def period_filter(year: int | None, quarter: str | None) -> tuple[int | None, tuple[int, int] | None]:
    """--year and --quarter, which must agree when both are given."""
    q = parse_quarter(quarter) if quarter else None
    if year is not None:
        check_year(year)
        if q is not None and q[0] != year:
            raise KhError(
                t(
                    "--year {year} and --quarter {quarter} select no common day: give one of them",
                    year=year,
                    quarter=quarter,
                )
            )
    return year, q


# -- commands ------------------------------------------------------------------------------


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
        ),
    ] = None,
    unit: UnitOpt = None,
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
    no_color: NoColorOpt = False,
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
    year, quarter_ = period_filter(year, quarter)
    plan = load(data)
    statuses = {parse_status(s) for s in status or []}
    if overdue:
        statuses.add(Status.OVERDUE)
    flt = Filter(
        statuses=frozenset(statuses),
        include_done=all_,
        units=unit_scope(plan, unit, lead_only),
        lead_only=lead_only,
        year=year,
        quarter=quarter_,
        documents=resolve_documents(plan, source) if source else frozenset(),
        search=fold(search) if search else None,
    )
    rows = select(plan, day, flt)
    lang_ = lang.value
    if fmt is ListFormat.json:
        from .render import rows_json

        _write([rows_json(rows, plan, day)])
    elif fmt is ListFormat.csv:
        from .render import rows_csv

        _write(rows_csv(rows))
    elif fmt is ListFormat.md:
        from .render import rows_markdown

        _write([rows_markdown(rows, plan, day, lang_)])
    else:
        from .i18n import format_date, label

        footer = f"{label('as_of', lang_, date=format_date(day, lang_))} · {label('count', lang_, n=len(rows))}"
        if not rows:
            _write([label("none_found", lang_) + "\n", footer + "\n"])
        elif not sys.stdout.isatty() or len(rows) > RICH_ROWS:
            import itertools

            from .render import rows_lines

            _page(itertools.chain(rows_lines(rows, plan, lang_, _width(), day), [footer + "\n"]))
        else:
            from .render import rows_table

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
    task = _find_task(plan, task_id)
    if fmt is ShowFormat.json:
        from .render import dumps, task_record

        _write([dumps(task_record(task, plan, day)) + "\n"])
        return
    from .render import task_detail

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
        from .render import dumps, unit_counts, unit_record

        counts = unit_counts(plan, day)
        _write([dumps([unit_record(u, counts[u.id]) for u in plan.units.values()]) + "\n"])
    elif fmt is UnitsFormat.md:
        from .render import units_markdown

        _write([units_markdown(plan, day, lang.value)])
    else:
        from .render import units_table

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
    from .i18n import label

    plan, errors = load_checked(data)
    if fmt is CheckFormat.json:
        from .render import dumps

        _write([dumps([check_record(e) for e in errors]) + "\n"])
    else:
        _write(
            safe(f"{e.path}:{e.line}: {label('warning', lang.value)}: {e.message}" if e.warning else str(e)) + "\n"
            for e in errors
        )
        problems = sum(not e.warning for e in errors)
        summary = (
            label("check_problems", lang.value, n=problems)
            if problems
            else label("check_clean", lang.value, tasks=len(plan.tasks), units=len(plan.units))
        )
        if warnings := len(errors) - problems:
            summary += " " + label("check_warnings", lang.value, n=warnings)
        sys.stderr.write(summary + "\n")
    if any(not e.warning for e in errors):
        raise typer.Exit(EXIT_DATA)


def check_record(error: DataError) -> dict[str, Any]:
    """One problem for `kh check --format json`: path, line, message, severity."""
    severity = "warning" if error.warning else "error"
    return {"path": error.path, "line": error.line, "message": str(error.message), "severity": severity}


@app.command(cls=KhCommand)
@handles_errors
def report(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year to report on, e.g. 2021.")],
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
    """
    from .report import as_json, build, default_as_of, markdown

    check_year(year, "YEAR")
    as_of = default_as_of(year, resolve_today(today))
    plan = load(data)
    rep = build(plan, year, as_of)
    if fmt is ReportFormat.table:
        if output:
            raise KhError(t("--output writes Markdown or JSON; use --format md or json with it"))
        from rich.console import Group
        from rich.text import Text

        from .report import rich_tables

        console = _console(no_color)
        _print(console, *(Group(part, Text("")) for part in rich_tables(rep, plan, lang.value, console.width)))
        return
    if fmt is ReportFormat.json:
        from .render import dumps

        text = dumps(as_json(rep, plan)) + "\n"
    else:
        text = markdown(rep, plan, lang.value, charts=charts)
    if output:
        from .writer import write_output

        write_output(output, text.encode("utf-8"))
    else:
        _write([text])


@app.command(cls=KhCommand)
@handles_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Where to start tracking; created if missing.")],
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Start a tracking folder: write the bundled plan to DIR/data/ (tasks.yaml, units.yaml,
    calendar.yaml).

    Refuses to overwrite existing files. Then `cd DIR && git init && kh list` works there.

    Examples:

      kh init theo-doi-489
    """
    from .loader import CALENDAR_FILE, TASKS_FILE, UNITS_FILE
    from .paths import bundled_data
    from .writer import atomic_write

    source = bundled_data()
    target = folder / "data"
    names = [n for n in (TASKS_FILE, UNITS_FILE, CALENDAR_FILE) if (source / n).is_file()]
    existing = [target / n for n in names if (target / n).exists()]
    if existing:
        raise KhError(t("{v1} already exists; not overwriting it", v1=existing[0]))
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        atomic_write(target / name, (source / name).read_bytes())
    ignore = target / ".gitignore"  # the temporary files of a write killed half-way
    if not ignore.exists():
        atomic_write(ignore, b"# kh's temporary files, left only by a write that was killed\n.*.tmp\n")
        names.append(ignore.name)
    sys.stdout.write("".join(f"{target / name}\n" for name in names))


# -- recording progress ------------------------------------------------------------------------

CommitOpt = Annotated[
    bool | None,
    typer.Option(
        "--commit/--no-commit",
        help="Commit the change to git (the data file only), one commit per command. "
        "Default: $KH_COMMIT, else `git config kh.commit`, else no.",
        show_default=False,
    ),
]


class SetField(str, Enum):
    due = "due"
    lead = "lead"
    partners = "partners"


def _edit(data: str | None, commit: bool | None, task_id: str, action: Callable[[Any], Any]) -> None:
    """Find the file that holds the task, let ``action`` make one edit of it, write it
    atomically, commit it if asked: all of it holding the plan folder's lock, so concurrent
    kh commands take turns and each reads what the one before wrote."""
    from .paths import find_data, is_bundled
    from .writer import LockTimeout, locked

    folder = find_data(data)
    if is_bundled(folder):
        raise KhError(t("the bundled plan is read-only; start a tracking folder with `kh init DIR` and work there"))
    try:
        with locked(folder):
            _edit_locked(folder, data, commit, task_id, action)
    except LockTimeout as exc:
        raise KhError(str(exc)) from None


def _edit_locked(
    folder: Path, data: str | None, commit: bool | None, task_id: str, action: Callable[[Any], Any]
) -> None:
    from .edit import EditError, TaskFile
    from .loader import data_files
    from .vcs import GitError, commit_by_default, prepare_commit
    from .vcs import commit as git_commit
    from .writer import FileChanged, WriteRefused, atomic_write, remove_stale_temps

    remove_stale_temps(p for _, p, _ in data_files(folder))  # left by a killed kh
    try:
        tf = TaskFile.for_task(folder, task_id)
    except EditError as exc:
        raise KhError(str(exc), exc.code) from None
    path = tf.path
    try:
        committing = commit if commit is not None else commit_by_default(folder)
        if committing:
            prepare_commit(path)
    except GitError as exc:
        raise KhError(str(exc)) from None
    try:
        edit = action(tf)
    except EditError as exc:
        raise KhError(str(exc), exc.code) from None
    where = os.path.relpath(path) if not os.path.isabs(data or "") else str(path)
    if edit.data == tf.raw:
        sys.stdout.write(safe(str(t("{summary}: unchanged", summary=edit.summary))) + "\n")
        return
    try:
        atomic_write(path, edit.data, expected=tf.raw)
    except (FileChanged, WriteRefused) as exc:
        raise KhError(str(exc)) from None
    except OSError as exc:
        raise KhError(
            t("{path}: cannot write ({v1}); the file is unchanged", path=path, v1=exc.strerror or exc)
        ) from None
    sys.stdout.write(f"{safe(str(edit.summary))} → {safe(where)}\n")
    if committing:
        try:
            sha = git_commit(path, f"kh: {edit.summary}")
        except GitError as exc:
            raise KhError(
                t("the change is written to {where} but git did not commit it: {exc}", where=where, exc=exc)
            ) from None
        sys.stdout.write(str(t("committed {sha}", sha=sha)) + "\n")


def _text_arg(value: str | None, what: Message) -> str | None:
    from .text import clean_text

    if value is None:
        return None
    # One line, as the data keeps evidence, notes and sources: every line break YAML knows
    # (U+0085 and U+2028/9 too, which would not read back as written) becomes a space.
    cleaned = clean_text(" ".join(re.split(r"[\r\n\x0b\x0c\x85\u2028\u2029]+", value)))
    if not cleaned:
        raise KhError(t("{what} is empty", what=what))
    return cleaned


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
        typer.Option("--year", help="For a yearly duty: the year done. Default: the year of --on.", show_default=False),
    ] = None,
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
    which the duty was done, say so with --no-later-than.

    Examples:

      kh done BGD-07 --on 2021-06-28 --evidence "Quyết định số …/QĐ-BGDĐT ngày 28/06/2021"

      kh done BGD-19 --year 2021 --on 2021-11-12 -e "Báo cáo số …/BC-BGDĐT" --commit

      kh done BGD-09 --no-later-than 30/07/2021 -e "Quyết định 1373/QĐ-TTg ngày 30/07/2021"
    """
    from .model import Completion

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
        when, _text_arg(evidence, "--evidence") or "", _text_arg(source, "--source"), exact=no_later_than is None
    )

    def action(tf: Any) -> Any:
        task = tf.task(task_id)
        doc = tf.plan.documents[task.document]
        if task.deadline.standing:
            raise KhError(
                t(
                    "{task_id} is a standing duty ('thường xuyên'): it has no deadline and is never "
                    "done; record progress with `kh note {task_id} TEXT`",
                    task_id=task.id,
                )
            )
        if when > day:
            raise KhError(t("--on {v1} is in the future (today is {v2})", v1=when.isoformat(), v2=day.isoformat()))
        if when.year < doc.year:
            raise KhError(
                t(
                    "--on {v1} is before the plan existed ({doc_short}, {doc_year})",
                    v1=when.isoformat(),
                    doc_short=doc.short,
                    doc_year=doc.year,
                )
            )
        if not task.deadline.yearly:
            if year is not None:
                raise KhError(t("{task_id} is not a yearly duty; leave out --year", task_id=task.id))
            if task.done:
                raise KhError(
                    t(
                        "{task_id} is already done on {v1} ({task_done_evidence}); to record it again, "
                        "first `kh reopen {task_id}`",
                        task_id=task.id,
                        v1=task.done.on.isoformat(),
                        task_done_evidence=task.done.evidence,
                    )
                )
            return tf.done(task, completion, None)
        for_year = check_year(year) if year is not None else when.year
        if for_year < doc.year:
            raise KhError(
                t(
                    "{task_id}: the plan's yearly duties start in {doc_year}, not {for_year}",
                    task_id=task.id,
                    doc_year=doc.year,
                    for_year=for_year,
                )
            )
        if for_year > when.year:
            raise KhError(
                t(
                    "{task_id}: done on {v1}, before the year {for_year} it would be for",
                    task_id=task.id,
                    v1=when.isoformat(),
                    for_year=for_year,
                )
            )
        if for_year in task.done_yearly:
            c = task.done_yearly[for_year]
            raise KhError(
                t(
                    "{task_id} is already done for {for_year} on {v1} ({c_evidence}); to record it "
                    "again, first `kh reopen {task_id} --year {for_year}`",
                    task_id=task.id,
                    for_year=for_year,
                    v1=c.on.isoformat(),
                    c_evidence=c.evidence,
                )
            )
        return tf.done(task, completion, for_year)

    _edit(data, commit, task_id, action)


@app.command(cls=KhCommand)
@handles_errors
def reopen(
    task_id: Annotated[str, _task_arg("BGD-07")],
    year: Annotated[
        int | None, typer.Option("--year", help="For a yearly duty: the year to reopen.", show_default=False)
    ] = None,
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
    """

    if year is not None:
        check_year(year)

    def action(tf: Any) -> Any:
        task = tf.task(task_id)
        if task.deadline.yearly:
            years = ", ".join(str(y) for y in sorted(task.done_yearly)) or t("none")
            if year is None:
                raise KhError(
                    t(
                        "{task_id} is a yearly duty: say which year with --year (done for: {years})",
                        task_id=task.id,
                        years=years,
                    )
                )
            if year not in task.done_yearly:
                raise KhError(
                    t("{task_id} is not done for {year} (done for: {years})", task_id=task.id, year=year, years=years)
                )
            return tf.reopen(task, year)
        if year is not None:
            raise KhError(t("{task_id} is not a yearly duty; leave out --year", task_id=task.id))
        if task.done is None:
            raise KhError(t("{task_id} is not done; nothing to reopen", task_id=task.id))
        return tf.reopen(task, None)

    _edit(data, commit, task_id, action)


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
    """
    from .model import Note

    day = resolve_today(today)
    when = parse_day(on, "--on") if on else day
    if when > day:
        raise KhError(t("--on {v1} is in the future (today is {v2})", v1=when.isoformat(), v2=day.isoformat()))
    entry = Note(when, _text_arg(text, t("the note")) or "", _text_arg(source, "--source"))
    _edit(data, commit, task_id, lambda tf: tf.note(tf.task(task_id), entry))


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

    def action(tf: Any) -> Any:
        task = tf.task(task_id)
        if field is SetField.due:
            return tf.set_field(task, "due", None if clear else _text_arg(value, t("the deadline")))
        from .edit import parse_list

        names = [] if clear else parse_list(value or "")
        ids = list(dict.fromkeys(match_unit(tf.plan, name, field.value) for name in names))
        if field is SetField.lead and not ids:
            raise KhError(t("{task_id} needs at least one lead unit", task_id=task.id))
        return tf.set_field(task, field.value, ids)

    _edit(data, commit, task_id, action)


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
    from .paths import find_data, is_bundled
    from .writer import LockTimeout, locked

    folder = find_data(data)
    if is_bundled(folder):
        raise KhError(t("the bundled plan is read-only; start a tracking folder with `kh init DIR` and work there"))
    try:
        with locked(folder):
            _migrate_locked(folder)
    except LockTimeout as exc:
        raise KhError(str(exc)) from None


def _migrate_locked(folder: Path) -> None:
    from .migrate import check_same_plan, plan_rewrites
    from .writer import FileChanged, WriteRefused, atomic_write

    rewrites = plan_rewrites(folder)
    if not rewrites:
        sys.stdout.write(str(t("nothing to migrate: the data already uses the current keys")) + "\n")
        return
    try:
        check_same_plan(folder, rewrites)
    except ValueError as exc:
        raise KhError(str(exc)) from None
    for r in rewrites:
        try:
            atomic_write(r.path, r.new, expected=r.old)
        except (FileChanged, WriteRefused) as exc:
            raise KhError(str(exc)) from None
        except OSError as exc:
            raise KhError(
                t("{path}: cannot write ({v1}); the file is unchanged", path=r.path, v1=exc.strerror or exc)
            ) from None
        sys.stdout.write(str(t("{path}: {n} key(s) 'on:' renamed 'date:'", path=r.path, n=r.renamed)) + "\n")


class AgendaFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


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
    from .agenda import PeriodError, as_json, build, lines, markdown, parse_within
    from .status import Filter

    day = resolve_today(today)
    try:
        until = parse_within(within, day)
    except PeriodError as exc:
        raise KhError(str(exc)) from None
    plan = load(data)
    flt = Filter(units=unit_scope(plan, unit, lead_only), lead_only=lead_only)
    result = build(plan, day, until, flt)
    if fmt is AgendaFormat.json:
        from .render import dumps

        _write([dumps(as_json(result, plan)) + "\n"])
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
    from .ics import calendar
    from .status import Filter, select

    day = resolve_today(today)
    plan = load(data)
    flt = Filter(
        units=unit_scope(plan, unit, lead_only),
        lead_only=lead_only,
        include_done=True,
        between=(date(1900, 1, 1), date(day.year + 1, 12, 31)),
    )
    data_ = calendar(select(plan, day, flt), plan, day, lang.value)
    if output:
        from .writer import write_output

        write_output(output, data_)
    else:
        sys.stdout.buffer.write(data_)
        sys.stdout.flush()


def _paging() -> bool:
    return sys.stdout.isatty() and os.environ.get("KH_PAGER", "").strip().lower() not in ("0", "false", "no")


def _page(chunks: Iterable[str]) -> None:
    """Long text on a terminal goes through a pager ($PAGER, else `less -FRX`, which quits at
    once when the text fits the screen); in a pipe, or with KH_PAGER=0, it is written as is."""
    if not _paging():
        _write(chunks)
        return
    import pydoc

    os.environ.setdefault("LESS", "FRX")
    pydoc.pager("".join(chunks))


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(cls=KhCommand)
@handles_errors
def history(
    task_id: Annotated[str, _task_arg("BGD-04")],
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.text,
    data: DataOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """A task's changes over time, from git: when, who, and what changed (done, reopened,
    deadline, units, notes), whether made by kh or by hand. Needs the data in a git repository.

    Examples:

      kh history BGD-04

      kh history BGD-19 --format json | jq '.[] | select(.changes[].field == "done")'
    """
    from .i18n import label
    from .loader import TASKS_FILE, load_plan
    from .paths import find_data, is_bundled
    from .render import dumps
    from .vcs import GitError, describe, record
    from .vcs import history as task_history

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
    path = Path(current.path) if current else folder / TASKS_FILE
    try:
        events = task_history(path, task_id)
    except GitError as exc:
        raise KhError(str(exc)) from None
    if not events:
        raise KhError(t("no task {task_id!r} in the history of {path_name}", task_id=task_id, path_name=path.name))
    if fmt is HistoryFormat.json:
        _write([dumps([record(e) for e in events]) + "\n"])
        return
    out = []
    for e in events:
        head = (
            f"{e.date[:16].replace('T', ' ')}  {e.commit[:8]}  {e.author} <{e.email}>  {e.subject}"
            if e.commit
            else label("hist_uncommitted", lang.value)
        )
        out.append(safe(head) + "\n")
        out += [f"    {safe(describe(c, lang.value))}\n" for c in e.changes]
    _write(out)


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command being run: Typer builds every command's options on each
    run (about 10 ms for all of them); the full app is used for help and anything unusual."""
    name = argv[0] if argv else ""
    chosen = [c for c in app.registered_commands if (c.name or (c.callback.__name__ if c.callback else "")) == name]
    if len(chosen) != 1:
        return app
    single = typer.Typer(
        name="kh", cls=KhGroup, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )  # fmt: skip
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


def main() -> NoReturn:
    """Console-script entry point."""
    # One short run that builds many small, acyclic objects: the cyclic collector's passes
    # over them would cost more than the run (benchmarks/RESULTS.md); memory is freed at exit.
    gc.disable()
    set_lang(lang_of(sys.argv[1:]))
    try:
        _app_for(sys.argv[1:])(prog_name="kh")
    except BrokenPipeError:
        _quiet_broken_pipe()
        raise SystemExit(0) from None
    raise SystemExit(0)  # pragma: no cover - app() always exits


if __name__ == "__main__":  # pragma: no cover
    main()
