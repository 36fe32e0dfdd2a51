"""`kh import REGISTER`: the reports received, recorded from the office's register of incoming
documents, as the README's example does it; and every kind of bad register refused clearly."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ..conftest import ROOT

SAMPLE = ROOT / "docs" / "vi-du" / "so-van-ban-den.csv"
TODAY = "04/12/2026"
RESOLVED = ("--map", "7=BGD-III.3-BC:2026", "--skip", "8,9")


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLE, tmp_path / SAMPLE.name))


def _json(kh, *args: str) -> tuple[int, list[dict]]:
    r = kh("import", *args, "--format", "json", "--today", TODAY)
    return r.code, json.loads(r.stdout)


def test_the_dry_run_proposes_says_why_and_writes_nothing(kh, register: Path, data_dir: Path) -> None:
    r = kh("import", str(register), "--today", TODAY)
    assert r.code == 1  # rows to resolve: the data is not yet what the register says
    assert not (data_dir / "members").exists()
    assert "Dòng 3 · Sở GDĐT Hà Nội → Hà Nội (ha-noi): BGD-III.3-BC (2026), ngày 20/10/2026" in r.stdout
    assert "Sở GDĐT Hà Giang → Tuyên Quang (tuyen-quang)" in r.stdout  # an old name, after the merger
    assert "SỞ GD&ĐT TP. HỒ CHÍ MINH → TP Hồ Chí Minh (ho-chi-minh)" in r.stdout
    assert "Cần chỉ rõ nhiệm vụ" in r.stdout and "BGD-III.3-BC:2025, BGD-III.3-BC:2026" in r.stdout  # no year given
    assert "trùng văn bản ở dòng 3" in r.stdout and "Chưa ghi gì" in r.stdout


def test_the_json_says_each_rows_outcome(kh, register: Path) -> None:
    code, rows = _json(kh, str(register))
    assert code == 1
    assert [(r["row"], r["outcome"]) for r in rows] == [
        (3, "record"), (4, "record"), (5, "record"), (6, "record"), (7, "ambiguous"), (8, "unplaced"), (9, "unplaced"),
    ]  # fmt: skip
    first = rows[0]
    assert first["member"] == "ha-noi" and first["task"] == "BGD-III.3-BC" and first["year"] == 2026
    assert first["date"] == "2026-10-20" and first["evidence"].startswith("245/BC-SGDĐT ngày 20/10/2026: Báo cáo")
    assert first["source"] == "Sổ văn bản đến so-van-ban-den.csv, dòng 3, số đến 1021, ngày đến 22/10/2026"
    assert rows[2]["member"] == "tuyen-quang" and len(rows[4]["candidates"]) == 7


def test_apply_refuses_while_rows_are_unresolved(kh, register: Path, data_dir: Path) -> None:
    r = kh("import", str(register), "--apply", "--today", TODAY)
    assert r.code == 1 and "chưa ghi gì" in r.stderr
    assert not (data_dir / "members").exists()


def test_apply_writes_every_record_then_the_matrix_shows_them_done(kh, register: Path, data_dir: Path,
                                                                    tmp_path: Path) -> None:  # fmt: skip
    r = kh("import", str(register), *RESOLVED, "--apply", "--today", TODAY)
    assert r.code == 0, r.stderr
    assert "đã ghi: 5 bản ghi" in r.stdout
    assert sorted(p.name for p in (data_dir / "members").iterdir()) == [
        "cao-bang.yaml", "ha-noi.yaml", "ho-chi-minh.yaml", "lang-son.yaml", "tuyen-quang.yaml"]  # fmt: skip
    assert kh("check").code == 0
    out = tmp_path / "2026.xlsx"
    assert kh("report", "2026", "-f", "xlsx", "-o", str(out), "--today", TODAY).code == 0
    rows = {r[0].value: r for r in load_workbook(out)["Sở GDĐT"].iter_rows(min_row=2)}
    assert rows["ha-noi"][2].value == datetime(2026, 10, 20) and "Đúng hạn" in rows["ha-noi"][2].number_format
    assert "Trễ hạn" in rows["ho-chi-minh"][2].number_format  # 05/11, after the 29/10 deadline
    assert rows["tuyen-quang"][2].value == datetime(2026, 10, 28)
    assert rows["dien-bien"][2].value == "Quá hạn"
    again = kh("import", str(register), *RESOLVED, "--today", TODAY)  # what is recorded is left alone
    assert again.code == 0 and "Đã ghi từ trước, bỏ qua (5)" in again.stdout and "ghi 0 bản ghi" in again.stdout


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repo(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "Lan", "GIT_AUTHOR_EMAIL": "lan@x.vn",
                        "GIT_COMMITTER_NAME": "Lan", "GIT_COMMITTER_EMAIL": "lan@x.vn"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    _git(data_dir, "init", "-q")
    _git(data_dir, "add", ".")
    _git(data_dir, "commit", "-q", "-m", "plan")
    return data_dir


def test_commit_makes_one_commit_listing_the_records(kh, register: Path, repo: Path) -> None:
    assert kh("import", str(register), *RESOLVED, "--apply", "--commit", "--today", TODAY).code == 0
    log = subprocess.run(["git", "log", "-1", "--format=%B", "--name-only"], cwd=repo, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    assert log.startswith("kh: nhập 5 bản ghi từ so-van-ban-den.csv\n")
    assert "- hoàn thành BGD-III.3-BC (2026) của Hà Nội (ha-noi) ngày 20/10/2026" in log
    assert log.count("members/") == 5
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout
    assert status == ""


def test_all_or_nothing_when_git_refuses_the_commit(kh, register: Path, repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the office' >&2\nexit 1\n")
    hook.chmod(0o755)
    r = kh("import", str(register), *RESOLVED, "--apply", "--commit", "--today", TODAY)
    assert r.code == 2 and "refused by the office" in r.stderr
    assert not list(repo.glob("members/*.yaml"))  # the files written were put back: none is left


# -- registers as offices keep them -----------------------------------------------------------------


def _book(path: Path, rows: list[list], merge: str | None = None) -> Path:
    wb = Workbook()
    ws = wb.create_sheet("Sổ đến", 0)
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


HEADER = ["Số đến", "Ngày đến", "Số ký hiệu", "Ngày văn bản", "Nơi gửi", "Trích yếu"]


def test_an_excel_register_with_a_title_row_and_date_cells(kh, tmp_path: Path) -> None:
    path = _book(tmp_path / "so-den.xlsx", [
        ["SỔ VĂN BẢN ĐẾN NĂM 2026"], HEADER,
        [1, datetime(2026, 10, 22), "245/BC-SGDĐT", datetime(2026, 10, 20), "So GDDT Ha Noi", "Báo cáo năm 2026"],
        [2, "23/10/2026", "9/BC-SGDĐT", "21/10/2026", "Sở GD&ĐT Huế", "Báo cáo năm 2026"],
    ], merge="A1:F1")  # fmt: skip
    code, rows = _json(kh, str(path))
    assert code == 0
    assert [(r["row"], r["member"], r["date"]) for r in rows] == [(3, "ha-noi", "2026-10-20"), (4, "hue", "2026-10-21")]


def test_columns_named_by_the_user(kh, tmp_path: Path) -> None:
    path = _book(tmp_path / "so.xlsx", [["Người gửi", "Tóm tắt", "Ngày"],
                                         ["Sở GDĐT Hà Nội", "Báo cáo năm 2026", "20/10/2026"]])  # fmt: skip
    assert kh("import", str(path), "--today", TODAY).code == 2  # its headers are not the usual ones
    code, rows = _json(kh, str(path), "--column", "sender=Người gửi", "--column", "summary=tom tat",
                       "--column", "dated=Ngày")  # fmt: skip
    assert code == 0 and rows[0]["member"] == "ha-noi" and rows[0]["date"] == "2026-10-20"


def test_a_formula_and_a_day_that_is_not_a_date_are_named_by_row(kh, tmp_path: Path) -> None:
    path = _book(tmp_path / "so.xlsx", [HEADER,
        [1, "22/10/2026", "1/BC", "20/10/2026", "Sở GDĐT Hà Nội", '=HYPERLINK("http://x.example","Báo cáo")'],
        [2, "22/10/2026", "2/BC", "31/02/2026", "Sở GDĐT Huế", "Báo cáo năm 2026"],
    ])  # fmt: skip
    code, rows = _json(kh, str(path))
    assert code == 1 and [r["outcome"] for r in rows] == ["unplaced", "unplaced"]
    assert "công thức" in rows[0]["reason"] and "Trích yếu" in rows[0]["reason"]
    assert "'31/02/2026' không phải là ngày" in rows[1]["reason"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "không phải bảng tính"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "mật khẩu"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".xls"),
        (b"PK\x03\x04not really a zip", "không phải bảng tính"),
    ],
    ids=["pdf", "password", "xls", "broken-zip"],
)
def test_a_file_that_is_not_a_register_kh_reads_is_refused(kh, tmp_path: Path, data_dir: Path, content: bytes,
                                                            words: str) -> None:  # fmt: skip
    path = tmp_path / "so-den.xlsx"
    path.write_bytes(content)
    r = kh("import", str(path), "--apply", "--today", TODAY)
    assert r.code == 2 and words in r.stderr and "Traceback" not in r.stderr
    assert not (data_dir / "members").exists()


def test_merged_header_cells_are_refused(kh, tmp_path: Path) -> None:
    path = _book(tmp_path / "so.xlsx", [["Văn bản đến", None, "Số ký hiệu", "Ngày văn bản", "Nơi gửi", "Trích yếu"],
                                         [1, "x", "1/BC", "20/10/2026", "Sở GDĐT Hà Nội", "Báo cáo"]],
                 merge="A1:B1")  # fmt: skip
    r = kh("import", str(path), "--today", TODAY)
    assert r.code == 2 and "A1:B1" in r.stderr and "gộp" in r.stderr
    assert r.stderr.endswith("(hoặc chỉ tên cột bằng --column TRƯỜNG=TIÊU_ĐỀ)\n")  # the way round it


def test_a_register_without_a_header_row_says_how_to_name_the_columns(kh, tmp_path: Path) -> None:
    path = tmp_path / "so.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    r = kh("import", str(path), "--today", TODAY, "--lang", "en")
    assert r.code == 2
    assert r.stderr == (
        f"kh: {path}: no header row found in its first 15 rows. kh needs a row naming the columns: Cơ quan ban "
        "hành, Trích yếu, Số ký hiệu, Ngày văn bản, Ngày đến (or name the columns with --column FIELD=HEADER)\n"
    )


def test_bad_map_and_skip_are_usage_errors(kh, register: Path) -> None:
    assert kh("import", str(register), "--map", "7", "--today", TODAY).code == 2
    assert kh("import", str(register), "--map", "7=BGD-99", "--today", TODAY).code == 2
    assert kh("import", str(register), "--skip", "x", "--today", TODAY).code == 2
    r = kh("import", str(register), "--column", "who=Nơi gửi", "--today", TODAY)
    assert r.code == 2 and "sender" in r.stderr


def test_a_csv_from_excel_semicolons_bom_and_a_cell_on_two_lines(kh, tmp_path: Path) -> None:
    path = tmp_path / "so-den.csv"
    text = ("Số đến;Ngày đến;Số ký hiệu;Ngày văn bản;Nơi gửi;Trích yếu\r\n"
            '1;22/10/2026;245/BC;20/10/2026;Sở GDĐT Hà Nội - Phòng GDTX;"Báo cáo\r\nnăm 2026"\r\n'
            "2;23/10/2026;9/BC;;So GD&DT Hue;Báo cáo năm 2026\r\n")  # fmt: skip
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, rows = _json(kh, str(path))
    assert code == 0
    assert [(r["row"], r["member"]) for r in rows] == [(2, "ha-noi"), (3, "hue")]
    assert "theo phần đầu của tên" in rows[0]["reason"]  # "- Phòng GDTX" is not part of a member's name
    assert rows[1]["date"] is None and rows[1]["no_later_than"] == "2026-10-23"  # no date of its own: received by


def test_apply_again_writes_nothing_new(kh, register: Path) -> None:
    assert kh("import", str(register), *RESOLVED, "--apply", "--today", TODAY).code == 0
    r = kh("import", str(register), *RESOLVED, "--apply", "--today", TODAY)
    assert r.code == 0 and "Không có bản ghi mới nào để ghi." in r.stdout


def test_a_narrow_terminal_gets_lines_that_fit(kh, register: Path) -> None:
    r = kh("import", str(register), "--today", TODAY, env={"COLUMNS": "60"})
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert "      Vì sao: cơ quan ban hành 'Sở GDĐT Hà Nội' là Hà Nội" in lines  # wrapped under its heading


def test_the_register_completes_to_spreadsheets_and_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khuyenhoc.cli.intake import _complete_registers

    for name in ("so-den.xlsx", "so-den.csv", "so-den.txt", ".an.csv"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sổ").mkdir()
    monkeypatch.chdir(tmp_path)
    assert _complete_registers("so") == ["so-den.csv", "so-den.xlsx"]
    assert _complete_registers("") == ["so-den.csv", "so-den.xlsx", "sổ/"]
