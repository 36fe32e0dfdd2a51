"""The rules of a completion, written once: :mod:`khuyenhoc.core.validate` checks the data
against them, and the recording commands (:mod:`khuyenhoc.write`) check a completion against
them before recording it. Each says whether a completion breaks it; :func:`refusal` gives the
first one broken as a value, and the callers word it for where it is met (a record in a file,
or an option typed).

A recording refused for any reason (these rules, a state of the plan: already done, not a
member, or a commit that could not be clean) is a :class:`Refusal` value raised as
:class:`Refused`; the command line words it with its options (:mod:`khuyenhoc.cli.refusals`):
no words of the command line here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..errors import EXIT_USAGE, KhError

if TYPE_CHECKING:
    from .model import Document, Task


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
    wording needs; the recording command words it (:func:`khuyenhoc.cli.refusals.words`)."""

    why: str  # one of WHYS
    values: dict[str, object] = field(default_factory=dict)


# Every reason a recording is refused (the command line has words for each; a test keeps it so).
WHYS = (
    "standing",  # a standing duty is never done: task_id
    "future",  # on, today
    "before_plan",  # on, first_year, plan (its short name)
    "not_yearly",  # a year given for a task that is not yearly: task_id
    "before_yearly_duties",  # task_id, first_year, year
    "before_its_year",  # task_id, on, year
    "already_done",  # task_id, on, evidence, year (or None), member (or None)
    "not_done",  # nothing to reopen: task_id, year (or None), years done (or None), member (or None)
    "year_needed",  # a yearly duty, reopened without its year: task_id, years done (or None)
    "per_member",  # a task owed by each member, recorded as a whole: task_id, command, example
    "not_per_member",  # a member named for a task its lead does as one body: task_id
    "not_a_member",  # member, task_id
    "not_owed_then",  # member, task_id, day (when it was due)
    "no_lead",  # a task left without a lead unit: task_id
    "commit_unclean",  # kh's commit could not be clean: reason (git's), typed (--commit given), default_from
)


class Refused(KhError):
    """A recording refused: ``refusal`` says why, as a value; nothing was written."""

    def __init__(self, why: str, **values: object):
        assert why in WHYS, why
        super().__init__(why, EXIT_USAGE)
        self.refusal = Refusal(why, values)


def refusal(task: Task, plan: Document, on: date, year: int | None, today: date) -> Refusal | None:
    """The first rule a completion of ``task`` (``year``: the year of a yearly duty) done on
    ``on`` breaks, as of ``today``; None if it breaks none (``plan``: the document of the task,
    whose year its duties start in). The same rules for a task and for a
    member's share of it (the member's path skipped two of them)."""
    first_year = plan.year
    if cannot_be_done(task):
        return Refusal("standing", {"task_id": task.id})
    if on > today:
        return Refusal("future", {"on": on, "today": today})
    if before_plan(on, first_year):
        return Refusal("before_plan", {"on": on, "first_year": first_year, "plan": plan.short})
    if not task.deadline.yearly:
        return Refusal("not_yearly", {"task_id": task.id}) if year is not None else None
    if year is not None and before_yearly_duties(year, first_year):
        return Refusal("before_yearly_duties", {"task_id": task.id, "first_year": first_year, "year": year})
    if year is not None and before_its_year(on, year):
        return Refusal("before_its_year", {"task_id": task.id, "on": on, "year": year})
    return None
