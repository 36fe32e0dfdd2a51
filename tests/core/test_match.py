"""khuyenhoc.core.match: what users type → units and tasks, exactly or loosely, never silently."""

from __future__ import annotations

import pytest

from khuyenhoc.core.match import MatchError, task, unit_match
from khuyenhoc.core.model import Plan
from khuyenhoc.read.loader import load_plan

from ..conftest import DATA


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(DATA)[0]


@pytest.mark.parametrize(
    ("typed", "unit_id", "exact"),
    [
        ("vu-gdtx", "vu-gdtx", True),
        ("Vụ GDTX", "vu-gdtx", True),
        ("vu giao duc thuong xuyen", "vu-gdtx", True),
        ("gdtx", "vu-gdtx", False),
        ("dh-su-pham", "dh-hv-cdsp", True),  # a former id
    ],
)
def test_units_are_found_as_people_name_them(plan: Plan, typed: str, unit_id: str, exact: bool) -> None:
    assert unit_match(plan, typed) == (unit_id, exact)


def test_an_unknown_unit_gets_a_suggestion(plan: Plan) -> None:
    with pytest.raises(MatchError, match="did you mean"):
        unit_match(plan, "vu giao duc thuong xuyn")


@pytest.mark.parametrize(("typed", "task_id"), [("bgd-09", "BGD-09"), ("bgd 9", "BGD-09"), ("ttg-2.5.a", "TTG-II.5.a")])
def test_tasks_are_found_as_people_type_them(plan: Plan, typed: str, task_id: str) -> None:
    assert task(plan, typed).id == task_id
