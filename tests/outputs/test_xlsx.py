"""Excel workbooks (`--format xlsx`): the follow-up table an office keeps in Excel, read back with
openpyxl as Excel would read it, and through LibreOffice where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from khuyenhoc.core.model import Status
from khuyenhoc.outputs.charts import STATUS_COLOURS

TODAY = "04/12/2026"


def _record(data_dir: Path, member: str, line: str) -> None:
    folder = data_dir / "members"
    folder.mkdir(exist_ok=True)
    (folder / f"{member}.yaml").write_text(f"member: {member}\nrecords:\n  - {line}\n", encoding="utf-8")


@pytest.fixture
def book_2026(kh, data_dir: Path, tmp_path: Path):
    _record(data_dir, "ha-noi", '{task: BGD-III.3-BC, year: 2026, date: 2026-10-20, evidence: "Số 12/BC-SGDĐT"}')
    _record(data_dir, "hue", '{task: BGD-III.3-BC, year: 2026, date: 2026-11-03, evidence: "Báo cáo số 7/BC-SGDĐT"}')
    out = tmp_path / "theo-doi-2026.xlsx"
    r = kh("report", "2026", "-f", "xlsx", "-o", str(out), "--today", TODAY)
    assert r.code == 0, r.stderr
    return out


def _matrix(path: Path, sheet: str = "Sở GDĐT") -> list[tuple]:
    wb = load_workbook(path)
    return [tuple(c for c in row) for row in wb[sheet].iter_rows()]


def test_the_report_workbook_has_the_summary_the_matrices_and_the_lists_in_vietnamese(book_2026: Path) -> None:
    wb = load_workbook(book_2026)
    assert wb.sheetnames == ["Tổng hợp", "Theo đơn vị chủ trì", "Các đơn vị thuộc Bộ", "Sở GDĐT",
                             "Có hạn trong năm 2026", "Quá hạn"]  # fmt: skip
    summary = wb["Tổng hợp"]
    assert summary["A1"].value == "Tình trạng" and summary["A6"].value == "Quá hạn"
    assert summary["B6"].value == 2 and summary["C6"].value == 1  # numbers, not text: 2 tasks, 100%
    assert summary["C6"].number_format == "0.0%"
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"  # the header stays on screen


def test_the_member_matrix_has_one_row_per_province_of_the_day_with_status_and_day(book_2026: Path) -> None:
    rows = _matrix(book_2026)
    header, body = rows[0], rows[1:]
    assert [c.value for c in header] == ["Mã", "Thành viên", "BGD-III.3-BC (2026)\nHạn 29/10/2026", "Chưa hoàn thành"]
    assert len(body) == 34  # the provinces since 01/07/2025
    hanoi = next(r for r in body if r[0].value == "ha-noi")
    assert hanoi[1].value == "Sở GDĐT Hà Nội"
    assert hanoi[2].value == datetime(2026, 10, 20)  # a real date, shown with its status
    assert hanoi[2].number_format == '"Đúng hạn "dd/mm/yyyy' and hanoi[3].value == 0
    hue = next(r for r in body if r[0].value == "hue")
    assert hue[2].number_format == '"Trễ hạn "dd/mm/yyyy'
    late = next(r for r in body if r[0].value == "cao-bang")
    assert late[2].value == "Quá hạn" and late[3].value == 1
    colours = {r[2].fill.fgColor.rgb[-6:] for r in body}
    assert colours == {STATUS_COLOURS[s].lstrip("#").upper() for s in (Status.DONE_ON_TIME, Status.DONE_LATE,
                                                                        Status.OVERDUE)}  # fmt: skip
    assert load_workbook(book_2026)["Sở GDĐT"].auto_filter.ref == "A1:D35"


def test_before_the_mergers_the_matrix_has_the_63_provinces(kh, tmp_path: Path) -> None:
    out = tmp_path / "2024.xlsx"
    assert kh("report", "2024", "-f", "xlsx", "-o", str(out), "--today", TODAY).code == 0
    body = _matrix(out)[1:]
    assert len(body) == 63
    assert "Sở GDĐT Hà Giang" in {r[1].value for r in body}


def test_the_same_data_gives_the_same_bytes(kh, tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (a, b):
        assert kh("report", "2021", "-f", "xlsx", "-o", str(out), "--today", TODAY).code == 0
    assert a.read_bytes() == b.read_bytes()
    wb = load_workbook(a)
    assert wb.properties.language == "vi-VN" and wb.properties.creator == "kh"


def test_the_list_workbook_has_real_dates_numbers_and_member_rows(kh, tmp_path: Path) -> None:
    out = tmp_path / "qua-han.xlsx"
    r = kh("list", "--overdue", "-f", "xlsx", "-o", str(out), "--today", TODAY)
    assert r.code == 0 and r.stdout == ""
    ws = load_workbook(out)["Nhiệm vụ"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Mã", "Năm", "Nhiệm vụ"] and "Số ngày quá hạn" in header
    due, days, status = header.index("Hạn"), header.index("Số ngày quá hạn"), header.index("Tình trạng")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert all(isinstance(row[due], datetime) and isinstance(row[days], int) for row in rows)
    assert {row[status] for row in rows} == {"Quá hạn"}
    assert any(row[header.index("Thành viên")] == "Sở GDĐT Hà Nội" for row in rows)  # one row a member


def test_a_title_that_starts_with_equals_stays_text(kh, data_dir: Path, tmp_path: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    title = "    title: Kế hoạch truyền thông về công tác khuyến học, khuyến tài, xây dựng xã hội học tập"
    assert title in text
    tasks.write_text(text.replace(title, '    title: "=HYPERLINK(\\"http://x.example\\",\\"bấm\\")"'), encoding="utf-8")
    out = tmp_path / "l.xlsx"
    assert kh("list", "--all", "-f", "xlsx", "-o", str(out), "--today", TODAY).code == 0
    cells = [c for row in load_workbook(out)["Nhiệm vụ"].iter_rows() for c in row]
    injected = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert injected and all(c.data_type == "s" for c in injected)  # text, never a formula


def test_a_workbook_needs_a_file(kh) -> None:
    r = kh("report", "2026", "-f", "xlsx", "--today", TODAY)
    assert r.code == 2 and "-o" in r.stderr
    r = kh("list", "-f", "xlsx", "--today", TODAY)
    assert r.code == 2 and "-o" in r.stderr


def test_list_writes_its_text_formats_to_a_file_too(kh, tmp_path: Path) -> None:
    out = tmp_path / "qua-han.csv"
    assert kh("list", "--overdue", "-f", "csv", "-o", str(out), "--today", TODAY).code == 0
    assert out.read_text(encoding="utf-8").startswith("id,title,")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_workbook_dates_matrix_and_colours(book_2026: Path, tmp_path: Path) -> None:
    """LibreOffice opens the workbook and saves it again: what it understood is read back."""
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(book_2026)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    again = out / book_2026.name
    body = _matrix(again)[1:]
    assert len(body) == 34
    hanoi = next(r for r in body if r[0].value == "ha-noi")
    assert hanoi[2].value == datetime(2026, 10, 20) and "Đúng hạn" in hanoi[2].number_format
    assert next(r for r in body if r[0].value == "cao-bang")[2].fill.fgColor.rgb[-6:] == "C62828"
    ws = load_workbook(again)["Quá hạn"]
    assert ws.auto_filter.ref  # the filters; its frozen header is checked above (not kept by a headless save)


def test_a_row_is_as_tall_as_its_wrapped_text(kh, tmp_path: Path) -> None:
    """LibreOffice and Excel do not grow a row for wrapped text when opening a file: a long
    title was drawn over the rows below it."""
    out = tmp_path / "l.xlsx"
    assert kh("list", "--overdue", "-f", "xlsx", "-o", str(out), "--today", TODAY).code == 0
    ws = load_workbook(out)["Nhiệm vụ"]
    long_row = next(r for r in range(2, ws.max_row + 1) if len(str(ws.cell(r, 3).value)) > 200)
    assert ws.row_dimensions[long_row].height >= 3 * 15
