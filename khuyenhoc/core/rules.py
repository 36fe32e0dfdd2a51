"""The rules of a completion, written once: :mod:`khuyenhoc.core.validate` checks the data
against them, and the recording commands (:mod:`khuyenhoc.write`) check a completion against
them before recording it. Each says whether a completion breaks it; :func:`refusal` gives the
first one broken as a value, and the callers word it for where it is met (a record in a file,
or an option typed)."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Refusal:
    """Why a completion cannot be recorded, as a value (``why`` names the rule), with what the
    wording needs; the recording command words it (:func:`khuyenhoc.write.refusals.refused`)."""

    why: str  # standing, future, before_plan, not_yearly, before_yearly_duties, before_its_year
    values: dict[str, object] = field(default_factory=dict)


def refusal(task: Task, first_year: int, on: date, year: int | None, today: date) -> Refusal | None:
    """The first rule a completion of ``task`` (``year``: the year of a yearly duty) done on
    ``on`` breaks, as of ``today``; None if it breaks none. The same rules for a task and for a
    member's share of it (the member's path skipped two of them)."""
    if cannot_be_done(task):
        return Refusal("standing", {"task_id": task.id})
    if on > today:
        return Refusal("future", {"on": on, "today": today})
    if before_plan(on, first_year):
        return Refusal("before_plan", {"on": on, "first_year": first_year})
    if not task.deadline.yearly:
        return Refusal("not_yearly", {"task_id": task.id}) if year is not None else None
    if year is not None and before_yearly_duties(year, first_year):
        return Refusal("before_yearly_duties", {"task_id": task.id, "first_year": first_year, "year": year})
    if year is not None and before_its_year(on, year):
        return Refusal("before_its_year", {"task_id": task.id, "on": on, "year": year})
    return None
