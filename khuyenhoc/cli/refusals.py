"""A recording's refusal (:class:`khuyenhoc.core.rules.Refusal`, a value) in the words of the
recording commands, with the options the user typed (``--on``, ``--year``, ``--member``,
``--commit``): one wording for a task's completion and for a member's, whichever command met
it (``kh done``, ``kh import``)."""

from __future__ import annotations

from ..core.rules import Refusal
from ..words.i18n import Msg, t


def words(r: Refusal) -> Msg:
    """What to tell the user of ``r``."""
    v = r.values
    task_id, member, year = v.get("task_id"), v.get("member"), v.get("year")
    if r.why == "standing":
        return t(
            "{task_id} is a standing duty ('thường xuyên'): it has no deadline and is never "
            "done; record progress with `kh note {task_id} TEXT`",
            task_id=task_id,
        )
    if r.why == "future":
        return t("--on {on} is in the future (today is {today})", on=v["on"], today=v["today"])
    if r.why == "before_plan":
        return t(
            "--on {on} is before the plan existed ({doc_short}, {doc_year})",
            on=v["on"],
            doc_short=v["plan"],
            doc_year=v["first_year"],
        )
    if r.why == "not_yearly":
        return t("{task_id} is not a yearly duty; leave out --year", task_id=task_id)
    if r.why == "before_yearly_duties":
        return t(
            "{task_id}: the plan's yearly duties start in {doc_year}, not {for_year}",
            task_id=task_id,
            doc_year=v["first_year"],
            for_year=year,
        )
    if r.why == "before_its_year":
        return t(
            "{task_id}: done on {on}, before the year {for_year} it would be for",
            task_id=task_id,
            on=v["on"],
            for_year=year,
        )
    if r.why == "already_done":
        return _already_done(r)
    if r.why == "not_done":
        label = f"{task_id} ({year})" if year else task_id
        if member is not None:
            return t("{member} has no completion of {label} to reopen", member=member, label=label)
        if year is not None:
            return t("{task_id} is not done for {year} (done for: {years})", task_id=task_id, year=year,
                     years=_years(v))  # fmt: skip
        return t("{task_id} is not done; nothing to reopen", task_id=task_id)
    if r.why == "year_needed":
        if v.get("years") is None:
            return t("{task_id} is a yearly duty: say which year with --year", task_id=task_id)
        return t("{task_id} is a yearly duty: say which year with --year (done for: {years})", task_id=task_id,
                 years=_years(v))  # fmt: skip
    if r.why == "per_member":
        return t(
            "{task_id} is owed by each member of its lead: say which one with --member, e.g. "
            "`kh {command} {task_id} --member {example} …`",
            task_id=task_id,
            command=v["command"],
            example=v["example"],
        )
    if r.why == "not_per_member":
        return t("{task_id} is not owed by each member (its lead acts as one body); leave out --member",
                 task_id=task_id)  # fmt: skip
    if r.why == "not_a_member":
        return t("{member} is not a member of the lead of {task_id}", member=member, task_id=task_id)
    if r.why == "not_owed_then":
        return t("{member} did not belong to the lead of {task_id} on {day}, when it was due",
                 member=member, task_id=task_id, day=v["day"])  # fmt: skip
    if r.why == "no_lead":
        return t("{task_id} needs at least one lead unit", task_id=task_id)
    if r.why == "commit_unclean":  # "leave out --commit" only helps who typed it
        if v.get("typed"):
            return t("{reason} (or leave out --commit)", reason=v["reason"])
        because = t("as KH_COMMIT says") if v.get("default_from") == "env" else t("as `git config kh.commit` says")
        return t("{reason} (or add --no-commit: kh commits here by default, {because})", reason=v["reason"],
                 because=because)  # fmt: skip
    raise AssertionError(f"a refusal without words: {r.why}")


def _years(values: dict[str, object]) -> object:
    years = values.get("years")
    return ", ".join(str(y) for y in years) if isinstance(years, list | tuple) and years else t("none")


def _already_done(r: Refusal) -> Msg:
    v = r.values
    task_id, member, year = v["task_id"], v.get("member"), v.get("year")
    if member is not None:
        again = f"kh reopen {task_id} --member {member}" + (f" --year {year}" if year else "")
        return t("{member} has already done {task_id} on {on} ({evidence}); to record it again, first `{again}`",
                 member=member, task_id=task_id, on=v["on"], evidence=v["evidence"], again=again)  # fmt: skip
    if year is not None:
        return t(
            "{task_id} is already done for {for_year} on {on} ({c_evidence}); to record it "
            "again, first `kh reopen {task_id} --year {for_year}`",
            task_id=task_id,
            for_year=year,
            on=v["on"],
            c_evidence=v["evidence"],
        )
    return t(
        "{task_id} is already done on {on} ({task_done_evidence}); to record it again, first `kh reopen {task_id}`",
        task_id=task_id,
        on=v["on"],
        task_done_evidence=v["evidence"],
    )
