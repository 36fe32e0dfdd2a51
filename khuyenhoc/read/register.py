"""Reading an office's register of incoming documents ("sổ văn bản đến"), kept in Excel or
exported as Excel or CSV by the office's document system, for ``kh import``.

The columns are found by their usual headers (Số đến, Ngày đến, Số ký hiệu, Ngày văn bản, Cơ
quan ban hành / Nơi gửi, Trích yếu), diacritics or not, in the first rows of the first sheet,
or named by the user (``kh import --column``). Each row becomes an :class:`Entry`, numbered as the
spreadsheet shows it; a row kh cannot read (a formula, a day that is not a date) keeps its
reason, and the file as a whole is refused when it is not a register kh can read (not a
spreadsheet, a password-protected workbook, merged header cells): a :class:`RegisterError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import EXIT_USAGE, KhError
from ..words.i18n import Message, t
from ..words.text import clean_text, fold

FIELDS = ("number", "received", "reference", "dated", "sender", "summary")
REQUIRED = ("sender", "summary")
# The headers registers use (Nghị định 30/2020/NĐ-CP, Phụ lục IV: the register of incoming
# documents; and the exports of the usual document systems), folded, without punctuation.
HEADERS = {
    "number": ("so den", "so van ban den"),
    "received": ("ngay den", "ngay nhan", "ngay nhan van ban"),
    "reference": ("so ky hieu", "so va ky hieu", "so hieu", "so ky hieu van ban", "ky hieu", "so van ban"),
    "dated": ("ngay van ban", "ngay thang van ban", "ngay ban hanh", "ngay ky", "ngay thang"),
    "sender": (
        "co quan ban hanh",
        "noi gui",
        "don vi gui",
        "noi ban hanh",
        "co quan gui",
        "don vi ban hanh",
        "tac gia",
        "co quan to chuc ban hanh",
        "noi gui van ban",
    ),
    "summary": (
        "trich yeu",
        "trich yeu noi dung",
        "noi dung",
        "ten loai va trich yeu noi dung",
        "ten loai trich yeu noi dung",
        "trich yeu noi dung van ban",
    ),
}
_SEEN_ROWS = 15  # the header is looked for in the first rows (a title may come before it)


class RegisterError(KhError):
    """The file is not a register kh can read; nothing is proposed or written (exit 2)."""

    def __init__(self, message: Message):
        super().__init__(message, EXIT_USAGE)


class ColumnsUnknown(RegisterError):
    """kh cannot tell which column is which: the user may name them (the command line says how)."""


@dataclass(frozen=True)
class Entry:
    """One document of the register: the row the spreadsheet shows it on, and its fields."""

    row: int
    sender: str = ""
    summary: str = ""
    reference: str = ""
    dated: date | None = None
    received: date | None = None
    number: str = ""
    problem: Message | None = None  # why the row cannot be used, if it cannot


def header_key(text: str) -> str:
    """A header as compared: folded, punctuation as spaces ("Số, ký hiệu" → "so ky hieu")."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def read(path: Path, columns: dict[str, str] | None = None) -> list[Entry]:
    """The register's documents, in the file's order (empty rows left out)."""
    if path.is_dir():
        raise RegisterError(t("{path}: a folder, not a register", path=path))
    if not path.exists():
        raise RegisterError(t("{path}: no such file", path=path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RegisterError(t("{path}: cannot read it ({reason})", path=path, reason=exc.strerror or exc)) from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: an encrypted workbook, or an old .xls
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise RegisterError(
                t("{path}: the workbook is protected by a password; save a copy without it (File, Info, "
                  "Protect Workbook) and import that", path=path)
            )  # fmt: skip
        raise RegisterError(t("{path}: an old Excel file (.xls); save it as .xlsx or CSV and import that", path=path))
    if data.startswith(b"PK\x03\x04"):
        grid, merged = _xlsx(path, data)
    else:
        grid, merged = _csv(path, data), []
    return _entries(path, grid, merged, columns or {})


Grid = list[tuple[int, list[Any]]]  # (the row's number as the spreadsheet shows it, its cells)


def _xlsx(path: Path, data: bytes) -> tuple[Grid, list[str]]:
    """The first sheet's rows, streamed (read-only: a 10,000-row register in about a second),
    and its merged ranges, read from the sheet's XML (the streaming reader does not keep them)."""
    import io
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        ws = wb.worksheets[0]
        grid = [(n, list(row)) for n, row in enumerate(ws.iter_rows(values_only=True), 1)]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            merged = _merged(archive)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError):
        raise RegisterError(
            t("{path}: not a spreadsheet kh can read (an .xlsx workbook or a CSV file)", path=path)
        ) from None
    return grid, merged


def _merged(archive: Any) -> list[str]:
    """The merged ranges of the workbook's first sheet, from the file's own parts (ECMA-376:
    the workbook lists its sheets in order, its relationships name each sheet's part)."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    first = re.search(r"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", workbook)
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    if first is None:
        return []
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        if f'Id="{first[1]}"' in rel[0] and (target := re.search(r'Target="([^"]+)"', rel[0])):
            part = target[1].lstrip("/")
            part = part if part.startswith("xl/") else f"xl/{part}"
            xml = archive.read(part)
            return [m.decode() for m in re.findall(rb'<(?:\w+:)?mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"', xml)]
    return []


def _csv(path: Path, data: bytes) -> Grid:
    import csv

    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")  # Excel's "Unicode text": tab-separated
    elif b"\x00" not in data[:4096]:
        for encoding in ("utf-8-sig", "cp1258"):  # cp1258: Excel's CSV on a Vietnamese Windows
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None or not text.strip() or data.startswith(b"%PDF"):
        raise RegisterError(t("{path}: not a spreadsheet kh can read (an .xlsx workbook or a CSV file)", path=path))
    import io

    sample = text[:8192]  # the first rows tell the separator; the file is not split twice
    delimiter = max(",;\t", key=sample.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # a cell may hold line breaks
    return [(n, [clean_text(c) if c.strip() else None for c in row]) for n, row in enumerate(rows, 1)]


def _entries(path: Path, grid: Grid, merged: list[str], columns: dict[str, str]) -> list[Entry]:
    found = _header(grid, columns)
    if found is None:
        hint = t(" (merged header cells: {cells})", cells=", ".join(merged[:4])) if merged else ""
        raise ColumnsUnknown(
            t(
                "{path}: no header row found in its first {n} rows{hint}. kh needs a row naming the columns: "
                "Cơ quan ban hành, Trích yếu, Số ký hiệu, Ngày văn bản, Ngày đến",
                path=path, n=_SEEN_ROWS, hint=hint,
            )
        )  # fmt: skip
    at, where = found
    for span in merged:
        top, bottom = _rows_of(span)
        if top <= at <= bottom:
            raise ColumnsUnknown(
                t("{path}: header cells {cells} are merged, so kh cannot tell which column is which; unmerge "
                  "them", path=path, cells=span)
            )  # fmt: skip
    entries = []
    for number, row in grid:
        if number <= at or not any(c not in (None, "") for c in row):
            continue
        entries.append(_entry(number, row, where))
    return entries


def _header(grid: Grid, columns: dict[str, str]) -> tuple[int, dict[str, tuple[int, str]]] | None:
    """The header row's number and each field's column and header, in the first rows: the row
    where the required fields are found."""
    for number, cells in grid[:_SEEN_ROWS]:
        keys = [header_key(str(c)) if c is not None else "" for c in cells]
        where: dict[str, int] = {}
        for field in FIELDS:
            wanted = (columns[field],) if field in columns else HEADERS[field]
            col = next((i for i, k in enumerate(keys) if k in wanted), None)
            if col is None and field not in columns:  # "Trích yếu nội dung văn bản đến"
                col = next((i for i, k in enumerate(keys) if any(k.startswith(w + " ") for w in wanted)), None)
            if col is not None and col not in where.values():
                where[field] = col
        if all(f in where for f in REQUIRED):
            return number, {f: (col, str(cells[col]).strip()) for f, col in where.items()}
    return None


def _rows_of(cells: str) -> tuple[int, int]:
    nums = [int(n) for n in re.findall(r"\d+", cells)]
    return (nums[0], nums[-1]) if nums else (0, 0)


def _entry(number: int, cells: list[Any], where: dict[str, tuple[int, str]]) -> Entry:
    values: dict[str, Any] = {}
    for field, (col, header) in where.items():
        value = cells[col] if col < len(cells) else None
        if isinstance(value, str) and value.lstrip().startswith("="):
            return Entry(number, _cell(cells, where, "sender"), problem=t(
                "a formula in the column {header} ({formula}); kh reads values only: write the value instead",
                header=header, formula=value[:40]))  # fmt: skip
        values[field] = value
    days: dict[str, date | None] = {}
    for field in ("dated", "received"):
        try:
            days[field] = _day(values.get(field))
        except ValueError:
            header, value = where[field][1], str(values[field])
            return Entry(number, _cell(cells, where, "sender"), problem=t(
                "{header}: {value!r} is not a date (DD/MM/YYYY)", header=header, value=value))  # fmt: skip
    text = {f: clean_text(str(values[f])) if values.get(f) is not None else "" for f in ("sender", "summary",
            "reference", "number")}  # fmt: skip
    return Entry(number, text["sender"], text["summary"], text["reference"], days["dated"], days["received"],
                 text["number"])  # fmt: skip


def _cell(cells: list[Any], where: dict[str, tuple[int, str]], field: str) -> str:
    """A field's text, for naming a row that cannot be read."""
    col = where[field][0] if field in where else None
    value = cells[col] if col is not None and col < len(cells) else None
    return clean_text(str(value)) if value is not None and not str(value).startswith("=") else ""


def _day(value: Any) -> date | None:
    """A register's day: a date cell, or text as offices write it (20/10/2026, 20-10-2026,
    20.10.2026, 2026-10-20); ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:  # a date typed as its serial number
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    text = str(value).strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)
