"""Recording without the command line: the operations of khuyenhoc.write.progress on a plan folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from khuyenhoc.core.model import Completion, Note
from khuyenhoc.errors import KhError
from khuyenhoc.read.loader import load_plan
from khuyenhoc.write import progress

TODAY = date(2026, 11, 22)


def test_complete_writes_only_the_task_and_reads_back(data_dir: Path) -> None:
    before = (data_dir / "tasks.yaml").read_text(encoding="utf-8")
    seen: list[progress.Outcome] = []
    outcome = progress.complete(
        data_dir, "bgd-04", Completion(date(2021, 3, 30), "Thông tư 09/2021/TT-BGDĐT"), None, TODAY, written=seen.append
    )
    assert outcome.changed and outcome.commit is None and seen == [outcome]
    after = (data_dir / "tasks.yaml").read_text(encoding="utf-8")
    assert len(after.splitlines()) == len(before.splitlines()) + 3  # done:, date:, evidence:
    plan, errors = load_plan(data_dir)
    task = plan.task("BGD-04")
    assert errors == [] and task is not None and task.done == Completion(date(2021, 3, 30), "Thông tư 09/2021/TT-BGDĐT")


@pytest.mark.parametrize(
    ("task_id", "on", "year", "refusal"),
    [
        ("BGD-III.2", date(2021, 1, 1), None, "standing duty"),
        ("BGD-04", date(2027, 1, 1), None, "in the future"),
        ("BGD-04", date(2019, 5, 1), None, "before the plan existed"),
        ("BGD-04", date(2021, 5, 1), 2021, "not a yearly duty"),
        ("BGD-19", date(2021, 5, 1), 2022, "before the year 2022"),
        ("BGD-03", date(2020, 8, 6), None, "already done"),
    ],
)
def test_complete_refuses_what_the_rules_forbid(
    data_dir: Path, task_id: str, on: date, year: int | None, refusal: str
) -> None:
    before = (data_dir / "tasks.yaml").read_bytes()
    with pytest.raises(KhError) as caught:
        progress.complete(data_dir, task_id, Completion(on, "x"), year, TODAY)
    assert refusal in str(caught.value)
    assert (data_dir / "tasks.yaml").read_bytes() == before


def test_reopen_then_complete_again(data_dir: Path) -> None:
    assert progress.reopen(data_dir, "BGD-03", None).changed
    with pytest.raises(KhError, match="not done"):
        progress.reopen(data_dir, "BGD-03", None)
    again = Completion(date(2021, 5, 4), "Quyết định số 1/QĐ-BGDĐT")
    assert progress.complete(data_dir, "BGD-03", again, None, TODAY).changed
    task = load_plan(data_dir)[0].task("BGD-03")
    assert task is not None and task.done is not None and task.done.evidence == "Quyết định số 1/QĐ-BGDĐT"


def test_a_note_in_the_future_is_refused(data_dir: Path) -> None:
    with pytest.raises(KhError, match="in the future"):
        progress.add_note(data_dir, "BGD-10", Note(date(2027, 1, 1), "x"), TODAY)
    assert progress.add_note(data_dir, "BGD-10", Note(TODAY, "đã hỏi tiến độ"), TODAY).changed


def test_set_units_announces_a_loose_match_and_needs_a_lead(data_dir: Path) -> None:
    said: list[str] = []
    progress.set_units(data_dir, "BGD-06", "lead", ["vu giao duc thuong xuyen"], say=lambda m: said.append(str(m)))
    assert said == []  # the full name, without diacritics, is exact
    progress.set_units(data_dir, "BGD-06", "partners", ["hkh"], say=lambda m: said.append(str(m)))
    assert len(said) == 1 and "hkhvn" in said[0]
    with pytest.raises(KhError, match="at least one lead"):
        progress.set_units(data_dir, "BGD-06", "lead", [], say=lambda m: said.append(str(m)))


def test_the_bundled_plan_is_read_only() -> None:
    from khuyenhoc.read.paths import bundled_data

    with pytest.raises(KhError, match="read-only"):
        progress.set_due(bundled_data(), "BGD-04", "Quý III năm 2021")
