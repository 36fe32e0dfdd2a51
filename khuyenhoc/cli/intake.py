"""``kh import REGISTER``: the month's received reports, recorded from the office's register of
incoming documents in one step (a dry run unless --apply)."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_DATA, KhError
from ..words.i18n import format_date, label, t
from ..words.text import safe
from .app import app
from .handling import KhCommand, _stderr, handles_errors, load
from .options import CommitOpt, DataOpt, Lang, LangOpt, NoColorOpt, TodayOpt
from .output import _width, _write
from .typed import resolve_today
from .where import find_data

if TYPE_CHECKING:
    from ..core.model import Plan
    from ..read.intake import Proposal
    from ..words.i18n import Message
    from ..write.memberbatch import Item


def _complete_registers(incomplete: str) -> list[str]:
    """Shell completion: the spreadsheets (.xlsx, .csv) and folders that start with what was typed."""
    folder, _, start = incomplete.rpartition("/")
    base = Path(folder or ".")
    try:
        entries = sorted(base.iterdir())
    except OSError:
        return []
    prefix = f"{folder}/" if folder else ""
    return [
        prefix + e.name + ("/" if e.is_dir() else "")
        for e in entries
        if e.name.startswith(start)
        and not e.name.startswith(".")
        and (e.is_dir() or e.suffix.lower() in (".xlsx", ".csv"))
    ]


class ImportFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("import", cls=KhCommand)
@handles_errors
def import_cmd(
    register: Annotated[
        Path,
        typer.Argument(
            metavar="REGISTER",
            help="The register of incoming documents: an Excel workbook (.xlsx) or a CSV file.",
            show_default=False,
            autocompletion=_complete_registers,
        ),
    ],
    apply: Annotated[
        bool,
        typer.Option("--apply", help="Write the proposed records (all or none). Default: a dry run, nothing written."),
    ] = False,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="ROW=TASK[:YEAR]",
            help="The duty a row answers, when kh cannot tell (repeatable), e.g. 7=BGD-III.3-BC:2026.",
            show_default=False,
        ),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            metavar="ROWS",
            help="Rows to leave out (repeatable), e.g. 8 or 8,10-12: documents that are not a member's report.",
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            metavar="FIELD=HEADER",
            help="The header of a column when it is not a usual one (repeatable); FIELD: sender, summary, "
            'reference, dated, received, number. E.g. sender="Đơn vị gửi".',
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[ImportFormat, typer.Option("--format", "-f", help="Output format.")] = ImportFormat.text,
    data: DataOpt = None,
    today: TodayOpt = None,
    commit: CommitOpt = None,
    lang: LangOpt = Lang.vi,
    no_color: NoColorOpt = False,
) -> None:
    """Record the members' reports received, from the office's register of incoming documents
    ("sổ văn bản đến", an .xlsx or .csv export): for each row, the record it stands for (the
    member that sent it, the duty and year it answers, the day, the evidence) and why.

    Nothing is written without --apply: first read what kh proposes. A row two duties fit, a
    sender no member matches, a row kh cannot read: listed with the reason, never recorded.
    Resolve them (--map ROW=TASK, --skip ROW) before --apply, which writes every proposed
    record or none, each in its member's file (members/ID.yaml), skipping what is recorded
    already; --commit makes one commit listing them.

    Examples:

      kh import so-van-ban-den.xlsx

      kh import so-van-ban-den.csv --map 7=BGD-III.3-BC:2026 --skip 9

      kh import so-van-ban-den.xlsx --apply --commit

      kh import so-den.xlsx --column sender="Đơn vị gửi" --column summary="Nội dung"
    """
    from ..read.intake import RECORD, propose
    from ..read.register import ColumnsUnknown, read
    from .typed import parse_columns, parse_maps, parse_rows

    day = resolve_today(today)
    wanted = parse_columns(columns or [])
    skipped = parse_rows(skip or [])
    try:
        entries = read(register, wanted)
    except ColumnsUnknown as exc:
        raise KhError(t("{reason} (or name the columns with --column FIELD=HEADER)", reason=exc.args[0])) from None
    name = register.name
    lang_ = lang.value
    if not apply:
        plan = load(data)
        proposals = propose(plan, entries, day, name, parse_maps(maps or [], plan), skipped)
        _show(proposals, fmt, lang_, name, applied=None)
        if _unresolved(proposals):
            raise typer.Exit(EXIT_DATA)
        return
    from ..core.model import Completion
    from ..write.memberbatch import complete_many

    def make(plan: Plan) -> tuple[list[Item], list[Proposal]]:
        proposals = propose(plan, entries, day, name, parse_maps(maps or [], plan), skipped)
        if _unresolved(proposals):
            return [], proposals
        items: list[Item] = [
            (p.task, p.member, Completion(p.on, p.evidence, p.source, p.exact), p.year)
            for p in proposals
            if p.outcome == RECORD and p.task is not None and p.member is not None and p.on is not None
        ]
        return items, proposals

    def subject(n: int) -> Message:
        return t("import {n} record(s) from {register}", n=n, register=name)

    proposals, batch = complete_many(find_data(data), make, day, subject, say=_stderr, commit=commit)
    if _unresolved(proposals):
        _show(proposals, fmt, lang_, name, applied=None)
        _stderr(t("nothing written: resolve the rows above first (--map ROW=TASK, --skip ROW)"))
        raise typer.Exit(EXIT_DATA)
    _show(proposals, fmt, lang_, name, applied=list(batch.paths))
    if fmt is ImportFormat.text:
        where = sorted({_shown(p) for p in batch.paths})
        if not batch.paths:
            _write([label("import.nothing_new", lang_) + "\n"])
        else:
            written = safe(str(t("written: {n} record(s) in {files}", n=len(batch.summaries), files=", ".join(where))))
            _write(_wrapped(written, 0, 2, _width()))
        if batch.commit:
            _write([str(t("committed {sha}", sha=batch.commit)) + "\n"])


def _shown(path: Path) -> str:
    """A file as the user finds it: relative to here when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def _unresolved(proposals: list[Proposal]) -> list[Proposal]:
    from ..read.intake import AMBIGUOUS, UNPLACED

    return [p for p in proposals if p.outcome in (AMBIGUOUS, UNPLACED)]


_ORDER = ("record", "recorded", "ambiguous", "unplaced", "skipped")


def _show(proposals: list[Proposal], fmt: ImportFormat, lang: str, register: str, applied: list[Path] | None) -> None:
    if fmt is ImportFormat.json:
        from ..outputs.contract import dumps, import_record

        _write([dumps([import_record(p) for p in proposals]) + "\n"])
        return
    out = _wrapped(label("import.register", lang, name=safe(register), n=len(proposals)), 0, 2, _width())
    for outcome in _ORDER:
        group = [p for p in proposals if p.outcome == outcome]
        if not group:
            continue
        key = "import.written" if outcome == "record" and applied is not None else f"import.{outcome}"
        out += ["\n", *_wrapped(label(key, lang, n=len(group)), 0, 2, _width())]
        for p in group:
            out.extend(_lines(p, lang))
    if applied is None and not _unresolved(proposals):
        n = sum(p.outcome == "record" for p in proposals)
        out += ["\n", *_wrapped(label("import.dry_run", lang, n=n), 0, 0, _width())]
    elif applied is None:
        out += ["\n", *_wrapped(label("import.resolve", lang), 0, 0, _width())]
    _write(out)


def _lines(p: Proposal, lang: str) -> list[str]:
    """A row's lines, wrapped to the output's width, each part under its heading."""
    width = _width()
    head = label("import.row", lang, row=p.entry.row)
    sender = safe(p.entry.sender) or "-"
    why = f"{label('import.why', lang)}: {safe(str(p.why))}"
    if p.outcome in ("record", "recorded") and p.task is not None:
        when = ""
        if p.on is not None:
            day = format_date(p.on, lang)
            when = ", " + (label("import.on", lang, date=day) if p.exact else label("no_later_than", lang, date=day))
        lines = _wrapped(f"{head} · {sender} → {safe(p.named)}: {p.label}{when}", 2, 6, width)
        if p.outcome == "record":
            lines += _wrapped(f"{label('evidence', lang)}: {safe(p.evidence)}", 6, 8, width)
        return lines + _wrapped(why, 6, 8, width)
    return _wrapped(f"{head} · {sender}", 2, 6, width) + _wrapped(why, 6, 8, width)


def _wrapped(text: str, indent: int, then: int, width: int) -> list[str]:
    """``text`` in lines of at most ``width``: the first indented by ``indent``, the others by ``then``."""
    from ..outputs.plain import wrap

    first, *rest = wrap(text, width - indent)
    lines = [" " * indent + first]
    if rest:
        lines += [" " * then + line for line in wrap(" ".join(rest), width - then)]
    return [line + "\n" for line in lines]
