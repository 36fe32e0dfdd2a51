"""khuyenhoc.core.rules: the rules of a completion, one place for a task's and a member's; a
refusal is a value, worded by the recording command."""

from __future__ import annotations

from datetime import date

import pytest

from khuyenhoc.core.rules import Refusal, refusal
from khuyenhoc.read.loader import load_plan

from ..conftest import DATA

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def plan():
    return load_plan(DATA)[0]


@pytest.mark.parametrize(
    ("task_id", "on", "year", "why"),
    [
        ("BGD-19", date(2026, 12, 5), 2026, "future"),
        ("BGD-19", date(2019, 3, 1), None, "before_plan"),
        ("BGD-07", date(2021, 6, 28), 2021, "not_yearly"),
        ("BGD-19", date(2021, 11, 1), 2019, "before_yearly_duties"),
        ("BGD-19", date(2021, 11, 1), 2022, "before_its_year"),
        ("BGD-19", date(2021, 11, 1), 2021, None),
    ],
)
def test_the_first_rule_broken_is_a_value(plan, task_id: str, on: date, year: int | None, why: str | None) -> None:
    task = plan.task(task_id)
    found = refusal(task, plan.documents[task.document], on, year, TODAY)
    assert (found.why if found else None) == why
    assert found is None or isinstance(found, Refusal)


def test_the_member_path_refuses_as_the_task_path_does(kh) -> None:
    """A member's completion before the plan, or for a year before its yearly duties: refused
    as a mistake in what was typed (exit 2), in the task's words; it passed to a re-check that
    called it a problem of the data (exit 1)."""
    member = ("BGD-III.3-BC", "--member", "ha noi", "-e", "Báo cáo", "--today", "04/12/2026")
    r = kh("done", *member, "--on", "15/03/2019")
    assert r.code == 2 and "trước khi có kế hoạch" in r.stderr
    task = kh("done", "BGD-19", "-e", "Báo cáo", "--on", "15/03/2019", "--today", "04/12/2026")
    assert task.code == 2 and task.stderr.split(":", 1)[1] == r.stderr.split(":", 1)[1]
    r = kh("done", *member, "--on", "10/11/2020", "--year", "2019")
    assert r.code == 2 and "2019" in r.stderr and "2020" in r.stderr
