"""khuyenhoc.core.validate: records checked against each other, with the rules they share with
recording (khuyenhoc.core.rules)."""

from __future__ import annotations

from khuyenhoc.read.loader import load_text

from ..helpers import UNITS, task, tasks_yaml


def messages(tasks: str, units: str = UNITS) -> list[str]:
    _, errors = load_text(tasks, units)
    return [str(e.message) for e in errors]


def test_a_clean_plan_has_no_problem() -> None:
    assert messages(tasks_yaml(task("T-1"))) == []


def test_references_that_resolve_to_nothing_are_named() -> None:
    text = tasks_yaml(task("T-1", extra="partners: [nobody]"))
    assert messages(text) == ["task T-1: unknown partner unit 'nobody'"]


def test_duplicate_ids_are_refused() -> None:
    assert any("duplicate task id 'T-1'" in m for m in messages(tasks_yaml(task("T-1"), task("T-1"))))


def test_completion_rules() -> None:
    before_plan = task("T-1", extra="done: {date: 2019-05-01, evidence: x}")
    standing = task("T-2", due=None, extra="done: {date: 2021-05-01, evidence: x}")
    before_year = task("T-3", due="15/11 hằng năm", extra="done: {2022: {date: 2021-05-01, evidence: x}}")
    found = messages(tasks_yaml(before_plan, standing, before_year))
    assert found == [
        "task T-1: done on 2019-05-01, before the plan existed (2020)",
        "task T-2: a standing duty ('thường xuyên') cannot be marked done",
        "task T-3 (2022): done on 2021-05-01, before the year it is for",
    ]
