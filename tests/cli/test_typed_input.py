"""What officers type: dates either way, and nothing chosen or dropped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from khuyenhoc.core.deadlines import DateError, parse_date, parse_deadline
from khuyenhoc.read.loader import load_text

from ..helpers import UNITS, task, tasks_yaml

TODAY = "2026-11-22"


# -- dates as officers type them ----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["01/07/2021", "1/7/2021", "2021-07-01", " 01 / 07 / 2021 "])
def test_a_day_is_read_either_way(typed: str) -> None:
    assert parse_date(typed).isoformat() == "2021-07-01"


@pytest.mark.parametrize(("typed", "reason"), [("31/06/2021", "no such day"), ("2021/07/01", "expected")])
def test_a_day_kh_cannot_read_says_why(typed: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date(typed)


def test_today_as_kh_prints_it_gives_the_same_list(kh) -> None:
    iso = kh("list", "--overdue", "--today", "2021-07-01")
    vn = kh("list", "--overdue", "--today", "01/07/2021")
    assert vn.code == 0 and vn.stdout == iso.stdout and "01/07/2021" in vn.stdout


def test_kh_done_on_a_vietnamese_date(kh, data_dir: Path) -> None:
    r = kh("done", "BGD-07", "--on", "28/06/2021", "-e", "Quyết định số …/QĐ-BGDĐT", "--today", TODAY)
    assert r.code == 0, r
    shown = kh("show", "BGD-07", "--format", "json", "--today", TODAY)
    assert '"done_on": "2021-06-28"' in shown.stdout


def test_set_due_takes_an_iso_date_and_keeps_it_as_written(kh, data_dir: Path) -> None:
    r = kh("set", "BGD-04", "due", "2021-09-30")
    assert r.code == 0, r
    text = (data_dir / "tasks.yaml").read_text(encoding="utf-8")
    assert "due: '2021-09-30'" in text  # quoted: a text, as written, not YAML's timestamp
    shown = kh("show", "BGD-04", "--today", TODAY)
    assert "2021-09-30" in shown.stdout and "30/09/2021" in shown.stdout


def test_an_unquoted_iso_deadline_in_yaml_is_read_as_written() -> None:
    plan, errors = load_text(tasks_yaml(task(due="2021-09-30")), UNITS)
    assert errors == []
    (one,) = plan.tasks
    assert one.due_text == "2021-09-30" and one.deadline == parse_deadline("30/09/2021")


def test_a_completion_date_may_be_written_the_vietnamese_way() -> None:
    text = tasks_yaml(task(extra="done: {date: 30/06/2021, evidence: Quyết định số 1/QĐ}"))
    plan, errors = load_text(text, UNITS)
    assert errors == [] and plan.tasks[0].done is not None
    assert plan.tasks[0].done.on.isoformat() == "2021-06-30"


# -- nothing chosen silently ---------------------------------------------------------------------


def test_a_loose_unit_name_says_which_unit_it_chose(kh) -> None:
    loose = kh("list", "--unit", "bo", "--today", TODAY, "--lang", "en")
    assert loose.code == 0
    assert loose.stderr == "kh: --unit 'bo' taken as vp-bo (Văn phòng Bộ)\n"
    exact = kh("list", "--unit", "Vụ GDTX", "--today", TODAY, "--lang", "en")
    assert exact.code == 0 and exact.stderr == ""


def test_a_misspelt_full_name_gets_a_suggestion(kh) -> None:
    r = kh("list", "--unit", "vu giao duc thuong xuyn", "--lang", "en")
    assert r.code == 2 and "did you mean vu-gdtx (Vụ GDTX)" in r.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--year", "21"], "--year 21: expected a year with four digits, such as 2021; did you mean 2021?"),
        (["list", "--year", "2021", "--quarter", "2022Q1"], "select no common day: give one of them"),
        (["list", "--quarter", "0021Q1"], "--quarter 21: expected a year with four digits"),
        (["agenda", "--within", "3"], "has no unit: write 3d (days), 3w (weeks) or 3m (months)"),
        (["report", "21"], "YEAR 21: expected a year with four digits"),
        (["done", "BGD-19", "--year", "21", "-e", "x"], "--year 21: expected a year with four digits"),
    ],
)
def test_numbers_that_mean_nothing_useful_are_usage_errors(kh, args: list[str], message: str) -> None:
    r = kh(*args, "--today", TODAY, "--lang", "en")
    assert r.code == 2 and message in r.stderr, r
    assert r.stderr.count("\n") == 1


def test_year_and_quarter_that_agree_are_fine(kh) -> None:
    both = kh("list", "--all", "--year", "2021", "--quarter", "2021Q2", "--today", TODAY, "--format", "csv")
    quarter = kh("list", "--all", "--quarter", "2021Q2", "--today", TODAY, "--format", "csv")
    assert both.code == 0 and both.stdout == quarter.stdout


def test_a_report_on_a_year_not_begun_is_as_of_today_and_says_so(kh) -> None:
    import json

    r = kh("report", "2035", "--format", "json", env={"KH_TODAY": TODAY})
    assert r.code == 0, r
    data = json.loads(r.stdout)
    assert data["as_of"] == TODAY and data["note"] == "not_begun"
    assert data["summary"]["overdue"] == 0  # nothing due in 2035 is late in 2026
    md = kh("report", "2035", env={"KH_TODAY": TODAY})
    assert "**Năm 2035 chưa bắt đầu: số liệu tính đến ngày 22/11/2026" in md.stdout


def test_a_report_before_the_plans_says_so(kh) -> None:
    import json

    r = kh("report", "2019", "--format", "json", env={"KH_TODAY": TODAY})
    data = json.loads(r.stdout)
    assert data["as_of"] == "2019-12-31" and data["note"] == "before_plan" and data["summary"]["due"] == 0
    md = kh("report", "2019", "--lang", "en", env={"KH_TODAY": TODAY})
    assert "**The plans begin in 2020: nothing is due in 2019.**" in md.stdout


def test_an_ordinary_year_has_no_note(kh) -> None:
    import json

    assert json.loads(kh("report", "2021", "--format", "json").stdout)["note"] is None


def test_a_deadline_typed_without_diacritics_gets_a_did_you_mean(kh, data_dir: Path) -> None:
    before = (data_dir / "tasks.yaml").read_bytes()
    r = kh("set", "BGD-04", "due", "Quy III nam 2021", "--lang", "en")
    assert r.code == 2 and "did you mean 'Quý III năm 2021'?" in r.stderr, r
    assert (data_dir / "tasks.yaml").read_bytes() == before
