"""Recording without the command line: the operations of khuyenhoc.write.progress on a plan folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from khuyenhoc.core.model import Completion, Note
from khuyenhoc.core.rules import Refused
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
        ("BGD-III.2", date(2021, 1, 1), None, "standing"),
        ("BGD-04", date(2027, 1, 1), None, "future"),
        ("BGD-04", date(2019, 5, 1), None, "before_plan"),
        ("BGD-04", date(2021, 5, 1), 2021, "not_yearly"),
        ("BGD-19", date(2021, 5, 1), 2022, "before_its_year"),
        ("BGD-03", date(2020, 8, 6), None, "already_done"),
    ],
)
def test_complete_refuses_what_the_rules_forbid(
    data_dir: Path, task_id: str, on: date, year: int | None, refusal: str
) -> None:
    before = (data_dir / "tasks.yaml").read_bytes()
    with pytest.raises(Refused) as caught:
        progress.complete(data_dir, task_id, Completion(on, "x"), year, TODAY)
    assert caught.value.refusal.why == refusal  # a reason, as a value: the command line words it
    assert (data_dir / "tasks.yaml").read_bytes() == before


def test_reopen_then_complete_again(data_dir: Path) -> None:
    assert progress.reopen(data_dir, "BGD-03", None).changed
    with pytest.raises(Refused) as caught:
        progress.reopen(data_dir, "BGD-03", None)
    assert caught.value.refusal.why == "not_done"
    again = Completion(date(2021, 5, 4), "Quyết định số 1/QĐ-BGDĐT")
    assert progress.complete(data_dir, "BGD-03", again, None, TODAY).changed
    task = load_plan(data_dir)[0].task("BGD-03")
    assert task is not None and task.done is not None and task.done.evidence == "Quyết định số 1/QĐ-BGDĐT"


def test_a_note_in_the_future_is_refused(data_dir: Path) -> None:
    with pytest.raises(Refused, match="future"):
        progress.add_note(data_dir, "BGD-10", Note(date(2027, 1, 1), "x"), TODAY)
    assert progress.add_note(data_dir, "BGD-10", Note(TODAY, "đã hỏi tiến độ"), TODAY).changed


def test_set_units_takes_the_ids_found_in_the_plan_it_reads_and_needs_a_lead(data_dir: Path) -> None:
    seen = []

    def units(plan):  # the command line matches the names typed in the plan the transaction reads
        seen.append(plan)
        return ["vu-gdtx", "hkhvn", "vu-gdtx"]

    assert progress.set_units(data_dir, "BGD-06", "lead", units).changed
    task = load_plan(data_dir)[0].task("BGD-06")
    assert len(seen) == 1 and task is not None and task.lead == ("vu-gdtx", "hkhvn")  # once each
    with pytest.raises(Refused) as caught:
        progress.set_units(data_dir, "BGD-06", "lead", lambda plan: [])
    assert caught.value.refusal.why == "no_lead"


def test_the_bundled_plan_is_read_only() -> None:
    from khuyenhoc.read.paths import bundled_data

    with pytest.raises(KhError, match="read-only"):
        progress.set_due(bundled_data(), "BGD-04", "Quý III năm 2021")
