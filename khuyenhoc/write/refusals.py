"""A completion's refusal (:class:`khuyenhoc.core.rules.Refusal`, a value) in the words of the
recording commands, with the options the user typed (``--on``, ``--year``): one wording for a
task's completion and for a member's."""

from __future__ import annotations

from ..core.rules import Refusal
from ..errors import KhError
from ..words.i18n import t


def refused(r: Refusal, plan_name: str) -> KhError:
    """The error to show for ``r``; ``plan_name``: the short name of the task's plan."""
    v = r.values
    if r.why == "standing":
        return KhError(
            t(
                "{task_id} is a standing duty ('thường xuyên'): it has no deadline and is never "
                "done; record progress with `kh note {task_id} TEXT`",
                task_id=v["task_id"],
            )
        )
    if r.why == "future":
        return KhError(t("--on {on} is in the future (today is {today})", on=v["on"], today=v["today"]))
    if r.why == "before_plan":
        return KhError(
            t(
                "--on {on} is before the plan existed ({doc_short}, {doc_year})",
                on=v["on"],
                doc_short=plan_name,
                doc_year=v["first_year"],
            )
        )
    if r.why == "not_yearly":
        return KhError(t("{task_id} is not a yearly duty; leave out --year", task_id=v["task_id"]))
    if r.why == "before_yearly_duties":
        return KhError(
            t(
                "{task_id}: the plan's yearly duties start in {doc_year}, not {for_year}",
                task_id=v["task_id"],
                doc_year=v["first_year"],
                for_year=v["year"],
            )
        )
    if r.why == "before_its_year":
        return KhError(
            t(
                "{task_id}: done on {on}, before the year {for_year} it would be for",
                task_id=v["task_id"],
                on=v["on"],
                for_year=v["year"],
            )
        )
    raise AssertionError(f"a refusal without words: {r.why}")
