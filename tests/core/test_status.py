"""Status boundaries: the deadline day is not overdue, the next day is; completions on and
after the deadline; yearly occurrences; standing duties."""

from datetime import date

import pytest

from khuyenhoc.core.model import Status
from khuyenhoc.core.status import Filter, rows, select
from khuyenhoc.read.loader import load_text

from ..helpers import UNITS, task, tasks_yaml


def plan_of(*blocks: str):
    plan, errors = load_text(tasks_yaml(*blocks), UNITS)
    assert errors == []
    return plan


def statuses(plan, today: date) -> list[tuple[str, int | None, Status]]:
    return [(r.task.id, r.occurrence.year, r.status) for r in rows(plan, today)]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2021, 6, 29), Status.OPEN),
        (date(2021, 6, 30), Status.OPEN),  # the deadline day itself
        (date(2021, 7, 1), Status.OVERDUE),  # the next day
    ],
)
def test_open_until_the_deadline_day_then_overdue(today: date, expected: Status) -> None:
    plan = plan_of(task(due="Quý II năm 2021"))
    assert statuses(plan, today) == [("T-1", None, expected)]


def test_days_overdue_counts_from_the_day_after_the_deadline() -> None:
    plan = plan_of(task(due="Quý II năm 2021"))
    (row,) = rows(plan, date(2021, 7, 31))
    assert row.days_overdue == 31


@pytest.mark.parametrize(
    ("done_on", "expected"),
    [("2021-06-30", Status.DONE_ON_TIME), ("2021-07-01", Status.DONE_LATE), ("2021-01-05", Status.DONE_ON_TIME)],
)
def test_done_on_time_or_late(done_on: str, expected: Status) -> None:
    plan = plan_of(task(extra=f"done: {{date: {done_on}, evidence: Thông tư số 1}}"))
    assert statuses(plan, date(2022, 1, 1)) == [("T-1", None, expected)]


def test_a_completion_after_the_as_of_date_does_not_count_yet() -> None:
    plan = plan_of(task(extra="done: {date: 2021-07-30, evidence: Quyết định 1373/QĐ-TTg}"))
    assert statuses(plan, date(2021, 7, 29)) == [("T-1", None, Status.OVERDUE)]
    assert statuses(plan, date(2021, 7, 30)) == [("T-1", None, Status.DONE_LATE)]


def test_standing_duties_are_ongoing_and_never_overdue() -> None:
    plan = plan_of(task(due=None), task("T-2", due="thường xuyên"))
    assert statuses(plan, date(2030, 1, 1)) == [("T-1", None, Status.ONGOING), ("T-2", None, Status.ONGOING)]


def test_a_yearly_duty_has_one_occurrence_per_year_from_the_plans_first_year() -> None:
    plan = plan_of(
        task(
            due="15/11 hằng năm",
            extra="""
            done:
              2020: {date: 2020-11-10, evidence: Báo cáo 2020}
              2021: {date: 2021-11-20, evidence: Báo cáo 2021}
            """,
        )
    )
    assert statuses(plan, date(2023, 11, 15)) == [
        ("T-1", 2020, Status.DONE_ON_TIME),
        ("T-1", 2021, Status.DONE_LATE),
        ("T-1", 2022, Status.OVERDUE),
        ("T-1", 2023, Status.OPEN),
    ]


def test_viewing_a_later_year_adds_its_occurrence() -> None:
    plan = plan_of(task(due="15/11 hằng năm"))
    selected = select(plan, date(2021, 1, 1), Filter(year=2022))
    assert [(r.occurrence.year, r.occurrence.due, r.status) for r in selected] == [
        (2022, date(2022, 11, 15), Status.OPEN)
    ]


def test_before_the_date_is_read_strictly() -> None:
    plan = plan_of(task(due="trước ngày 30/10 hằng năm"))
    by_day = {d: statuses(plan, d)[-1][2] for d in (date(2021, 10, 29), date(2021, 10, 30))}
    assert by_day == {date(2021, 10, 29): Status.OPEN, date(2021, 10, 30): Status.OVERDUE}


def test_select_leaves_done_out_unless_asked_and_sorts_by_deadline() -> None:
    plan = plan_of(
        task("T-1", due="Quý IV năm 2021"),
        task("T-2", due="Quý I năm 2021", extra="done: {date: 2021-03-01, evidence: E}"),
        task("T-3", due="Quý II năm 2021"),
        task("T-4", due=None),
    )
    today = date(2022, 1, 1)
    assert [r.task.id for r in select(plan, today, Filter())] == ["T-3", "T-1", "T-4"]
    assert [r.task.id for r in select(plan, today, Filter(include_done=True))] == ["T-2", "T-3", "T-1", "T-4"]
    assert [r.task.id for r in select(plan, today, Filter(statuses=frozenset({Status.DONE_ON_TIME})))] == ["T-2"]
    assert [r.task.id for r in select(plan, today, Filter(quarter=(2021, 2)))] == ["T-3"]
