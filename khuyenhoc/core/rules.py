"""The rules of a completion, written once: :mod:`khuyenhoc.validate` checks the data against
them, and :mod:`khuyenhoc.progress` checks a completion against them before recording it.
Each says whether a completion breaks it; the callers word the problem for where it is met
(a record in a file, or an option typed)."""

from __future__ import annotations

from datetime import date

from .model import Task


def cannot_be_done(task: Task) -> bool:
    """A standing duty ('thường xuyên') has no deadline and is never done."""
    return task.deadline.standing


def before_plan(on: date, first_year: int) -> bool:
    """Done before the year the plan begins."""
    return on.year < first_year


def before_yearly_duties(year: int, first_year: int) -> bool:
    """A year the plan's yearly duties do not cover: they start in its first year."""
    return year < first_year


def before_its_year(on: date, year: int) -> bool:
    """Done before the year it would be for."""
    return on.year < year
