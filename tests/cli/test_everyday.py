"""Everyday use: successor units, forgiving names and ids, working days."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from khuyenhoc.core.workdays import Calendar
from khuyenhoc.read.loader import load_dir

from ..conftest import ROOT

NOW = "2026-11-22"


def ids(kh, *args: str) -> list[str]:
    r = kh("list", *args, "--format", "json")
    assert r.code == 0, r
    return [i["id"] for i in json.loads(r.stdout)]


# -- successor units (docs/sources.md §5) -------------------------------------------------------------


def test_views_show_the_successor_after_the_change(kh) -> None:
    after = kh("list", "--overdue", "--unit", "vu gdtx", "--today", NOW).stdout
    assert "Vụ GDTX → Cục GDNN" in after
    before = kh("list", "--overdue", "--unit", "vu gdtx", "--today", "2025-02-28").stdout
    assert "Vụ GDTX" in before and "Cục GDNN" not in before
    shown = kh("show", "BGD-09", "--today", NOW).stdout
    assert "→ Cục GDNN và GDTX (cuc-gdnn-gdtx): Cục Giáo dục nghề nghiệp và Giáo dục" in shown
    report = kh("report", "2025", "--today", "2025-12-31").stdout
    assert "| Vụ GDTX → Cục GDNN và GDTX |" in report


def test_the_successor_finds_the_predecessors_tasks(kh) -> None:
    # the successor holds every duty of Vụ GDTX, and owes its own reports as a MOET unit (a member
    # of don-vi-thuoc-bo since 01/03/2025), which Vụ GDTX does not
    successor, predecessor = ids(kh, "--unit", "cuc gdnn", "--today", NOW), ids(kh, "--unit", "vu-gdtx", "--today", NOW)
    assert set(predecessor) <= set(successor) and set(successor) - set(predecessor) <= {"BGD-III.2-BC"}
    assert "BGD-19" in ids(kh, "--unit", "cuc-gdnn-gdtx", "--today", NOW)
    assert ids(kh, "--unit", "cuc-gdnn-gdtx", "--today", "2024-12-31") == []  # it did not exist yet


def test_a_task_can_move_a_function_elsewhere(kh) -> None:
    # Bộ LĐTBXH → Bộ Nội vụ, but vocational education (TTG-II.5.c) → Bộ GDĐT
    assert "TTG-II.5.c" in ids(kh, "--unit", "bgddt", "--lead-only", "--today", NOW)
    assert "TTG-II.5.c" not in ids(kh, "--unit", "bnv", "--today", NOW)
    assert "TTG-II.5.c" in ids(kh, "--unit", "bldtbxh", "--today", NOW)  # as written
    shown = kh("show", "TTG-II.5.c", "--today", NOW).stdout
    assert "→ Bộ GDĐT (bgddt): Bộ Giáo dục và Đào tạo từ 01/03/2025 (Nghị định" in shown
    item = json.loads(kh("list", "--search", "TTG-II.2.a", "--format", "json", "--today", NOW).stdout)[0]
    assert item["lead"] == ["btttt"] and item["lead_now"] == ["bvhttdl"]


@pytest.mark.parametrize(
    ("units", "tasks", "message"),
    [
        ("successor: {to: khong-co, date: 2025-03-01, by: x}", "", "unknown successor unit 'khong-co'"),
        ("", "moved: [{unit: bqp, to: bgddt, date: 2025-03-01, by: x}]", "moves 'bqp', which is not one of its units"),
        ("", "moved: [{unit: vu-gdtx, to: khong-co, date: 2025-03-01, by: x}]", "to unknown unit 'khong-co'"),
    ],
)
def test_successions_are_checked(kh, data_dir: Path, units: str, tasks: str, message: str) -> None:
    if units:
        path = data_dir / "units.yaml"
        text = path.read_text(encoding="utf-8").replace("  - id: bca\n", f"  - id: bca\n    {units}\n", 1)
        path.write_text(text, encoding="utf-8")
    if tasks:
        path = data_dir / "tasks.yaml"
        anchor = "    source: {document: kh-bgddt, ref: PL.7}\n"
        text = path.read_text(encoding="utf-8").replace(anchor, f"{anchor}    {tasks}\n")
        path.write_text(text, encoding="utf-8")
    r = kh("check", "--lang", "en")
    assert r.code == 1 and message in r.stdout, r


# -- forgiving names and ids ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "unit"),
    [("vu gdtx", "vu-gdtx"), ("gdtx", "vu-gdtx"), ("Vụ GDTX", "vu-gdtx"), ("VU-GDTX", "vu-gdtx"),
     ("cuc cntt", "cuc-cntt"), ("vu gddh", "vu-gddh"), ("đại học mở hà nội", "dh-mo-hn"),
     ("dai hoc mo ha noi", "dh-mo-hn"), ("cuc gdnn", "cuc-gdnn-gdtx"), ("hoi khuyen hoc", "hkhvn")],
)  # fmt: skip
def test_units_match_without_diacritics_and_by_short_name(typed: str, unit: str) -> None:
    from khuyenhoc.core.match import unit as match_unit

    plan, _ = load_dir(ROOT / "data")
    assert match_unit(plan, typed) == unit


def test_an_ambiguous_or_unknown_unit_says_what_it_could_be(kh) -> None:
    r = kh("list", "--unit", "vu", "--lang", "en")
    assert r.code == 2 and "unit 'vu' is ambiguous: " in r.stderr and "vu-gdtx (Vụ GDTX)" in r.stderr
    r = kh("list", "--unit", "vu gdtxx", "--lang", "en")
    assert r.code == 2 and "unknown unit 'vu gdtxx'; did you mean vu-gdtx (Vụ GDTX)" in r.stderr


@pytest.mark.parametrize("typed", ["BGD-09", "bgd-09", "bgd 9", "BGD9", "bgd_09"])
def test_task_ids_match_loosely(kh, typed: str) -> None:
    r = kh("show", typed, "--today", NOW)
    assert r.code == 0 and r.stdout.startswith("BGD-09\n")


def test_search_ignores_diacritics(kh) -> None:
    assert ids(kh, "--all", "--search", "xoa mu chu", "--today", NOW) == ids(
        kh, "--all", "--search", "xóa mù chữ", "--today", NOW
    )


# -- working days (docs/sources.md §3) -------------------------------------------------------------------


def test_deadlines_move_to_the_next_working_day_when_asked(kh, monkeypatch: pytest.MonkeyPatch) -> None:
    # 15/11/2020 was a Sunday
    plain = kh("list", "--search", "BGD-19", "--year", "2020", "--today", "2020-11-16")
    assert "15/11/2020" in plain.stdout and "Quá hạn (1 ngày)" in plain.stdout
    monkeypatch.setenv("KH_WORKING_DAYS", "1")
    moved = kh("list", "--search", "BGD-19", "--year", "2020", "--today", "2020-11-16")
    assert "15/11/2020 → 16/11/2020" in moved.stdout and "Trong hạn" in moved.stdout
    item = json.loads(kh("list", "--search", "BGD-19", "--year", "2020", "--format", "json", "--today", NOW).stdout)
    assert (item[0]["due"], item[0]["due_written"]) == ("2020-11-16", "2020-11-15")


def test_the_calendar_file_adds_government_swaps() -> None:
    cal = Calendar(days_off=frozenset({date(2025, 5, 2)}), working=frozenset({date(2025, 4, 26)}))
    assert cal.adjust(date(2025, 4, 26)) == date(2025, 4, 26)  # a Saturday made a working day
    assert cal.adjust(date(2025, 4, 30)) == date(2025, 5, 5)  # 30/4, 1/5, 2/5 off, then a weekend
    assert cal.adjust(date(2026, 2, 16)) == date(2026, 2, 23)  # Tết 2026
    assert Calendar().adjust(date(2026, 9, 2)) == date(2026, 9, 3)


def test_working_days_are_set_in_calendar_yaml(kh, data_dir: Path) -> None:
    path = data_dir / "calendar.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("working_days: false", "working_days: true"))
    r = kh("list", "--search", "BGD-19", "--year", "2020", "--today", "2020-11-16")
    assert "15/11/2020 → 16/11/2020" in r.stdout
    path.write_text("working_days: maybe\n")
    r = kh("list", "--today", NOW, "--lang", "en")
    assert r.code == 1 and "calendar.yaml:1: working_days must be true or false" in r.stderr
    path.write_text("days_off: [{date: 2025-02-30, by: x}]\nworking_days: true\n")
    r = kh("list", "--today", NOW, "--lang", "en")
    assert r.code == 1 and "calendar.yaml:1: invalid date '2025-02-30': no such day" in r.stderr
