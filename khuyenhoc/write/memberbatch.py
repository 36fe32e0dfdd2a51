"""Recording many members' completions in one transaction (``kh import --apply``): all of them
or none.

The one transaction of every edit (:func:`khuyenhoc.write.transaction.run`) with several files:
each record held to the rules of ``kh done --member`` (:func:`memberedit.completion_item`),
appended to its member's own file (one line a record), every file changed checked to read as
intended (:class:`memberedit.MemberFiles`) and all of them with the rest of the plan like ``kh
check``, then written atomically; if a write fails, or git refuses the commit, the files
already written go back to what they were. One commit holds them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..words.i18n import Message, Say
from .transaction import Draft, Outcome, Reading, run

if TYPE_CHECKING:
    from ..core.model import Completion, Plan, Task

T = TypeVar("T")
Item = tuple["Task", str, "Completion", "int | None"]  # the task, the member, what it did, the year


def complete_many(
    folder: Path, make: Callable[[Plan], tuple[list[Item], T]], today: date, subject: Callable[[int], Message], *,
    say: Say, commit: bool | None,
) -> tuple[T, Outcome]:  # fmt: skip
    """Let ``make`` say, from the plan as read under the lock, what to record (and what to
    report), and record it all (see the module); ``subject(n)`` is the commit's first line."""
    from .memberedit import MemberFiles, completion_item

    result: list[T] = []

    def draft(reading: Reading) -> Draft:
        items, made = make(reading.plan)
        result.append(made)
        files = MemberFiles(reading)
        for task, member, completion, year in items:
            item, record, summary = completion_item(reading.plan, task, member, completion, year, today, say)
            files.append(files.path_of(member), member, item, record, summary)
        return dataclasses.replace(files.draft(), subject=subject(len(items)))

    outcome = run(folder, draft, commit=commit)
    return result[0], outcome
