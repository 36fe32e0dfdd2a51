"""What officers type: dates either way, and nothing chosen or dropped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from khuyenhoc.deadlines import DateError, parse_date, parse_deadline
from khuyenhoc.loader import load_text

from .helpers import UNITS, task, tasks_yaml

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
    text = tasks_yaml(task(extra="done: {on: 30/06/2021, evidence: Quyết định số 1/QĐ}"))
    plan, errors = load_text(text, UNITS)
    assert errors == [] and plan.tasks[0].done is not None
    assert plan.tasks[0].done.on.isoformat() == "2021-06-30"
