"""khuyenhoc.git.vcs without git: what changed in a task between two versions, and how it reads."""

from __future__ import annotations

import dataclasses
from datetime import date

from khuyenhoc.core.model import Completion, Note
from khuyenhoc.git.history import Change, changes, describe
from khuyenhoc.read.loader import load_plan

from ..conftest import DATA


def test_changes_list_each_field_that_changed() -> None:
    plan, _ = load_plan(DATA)
    old = plan.task("BGD-04")
    assert old is not None
    done = Completion(date(2021, 3, 30), "Thông tư 09/2021/TT-BGDĐT")
    new = dataclasses.replace(
        old, due_text="Quý III năm 2021", done=done, notes=(*old.notes, Note(date(2021, 4, 1), "x"))
    )
    assert changes(old, new) == [
        Change("due", "Quý II năm 2021", "Quý III năm 2021"),
        Change("done", None, done),
        Change("note", None, Note(date(2021, 4, 1), "x")),
    ]
    assert changes(None, old) == [Change("created", None, old.title)]
    assert changes(old, old) == []


def test_a_change_reads_as_one_line_in_either_language() -> None:
    change = Change("due", "Quý II năm 2021", "Quý III năm 2021")
    assert describe(change, "en") == "due: Quý II năm 2021 → Quý III năm 2021"
    assert describe(Change("done", None, Completion(date(2021, 3, 30), "x")), "vi") == "done: — → 30/03/2021: x"
    assert describe(Change("done", None, Completion(date(2021, 3, 30), "x")), "en") == "done: — → 2021-03-30: x"
