"""What users type, read strictly: dates, statuses, quarters, years, units, plans and task ids.

Each function returns the value or raises :class:`khuyenhoc.errors.KhError` (a usage error)
saying what was expected. A loose match of a unit is announced through ``say`` (the command line
writes it on stderr): nothing is picked silently.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ..errors import KhError
from ..words.i18n import Message, Say, t

if TYPE_CHECKING:
    from ..core.model import Plan, Status, Task, Unit


def parse_day(text: str, option: str) -> date:
    """A date typed as DD/MM/YYYY or YYYY-MM-DD (see :func:`khuyenhoc.core.deadlines.parse_date`)."""
    from ..core.deadlines import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise KhError(
            t("invalid date {text!r} for {option}: {exc_reason}", text=text, option=option, exc_reason=exc.reason)
        ) from None


def resolve_today(today: str | None) -> date:
    return parse_day(today, "--today") if today else date.today()


def match_unit(plan: Plan, name: str, option: str = "--unit", *, say: Say) -> str:
    """The unit id for what the user typed (see :func:`khuyenhoc.core.match.unit_match`). A loose
    match is announced through ``say``, naming the option typed: nothing is picked silently.
    For --member, a unit that belongs to a collective is preferred among equal matches."""
    from ..core.match import MatchError, unit_match

    prefer = None
    if option == "--member":
        from ..core.match import member_by_name

        if (named := member_by_name(plan, name)) is not None:
            return named  # as a collective names it: "Sở GDĐT Hà Nội"
        joined = {m for u in plan.units.values() if u.members for m in u.members.units} | {
            u.id for members in plan.joined.values() for u in members
        }
        kinds = {u.members.kind for u in plan.units.values() if u.members and u.members.kind}

        def prefer(unit: Unit) -> bool:
            return unit.kind in kinds or unit.id in joined

    try:
        unit_id, exact = unit_match(plan, name, prefer)
    except MatchError as exc:
        raise KhError(str(exc)) from None
    if not exact:
        say(
            t(
                "{option} {name!r} taken as {unit_id} ({full_name})",
                option=option,
                name=name,
                unit_id=unit_id,
                full_name=plan.units[unit_id].name,
            )
        )
    return unit_id


def resolve_units(plan: Plan, names: list[str], option: str = "--unit", *, say: Say) -> frozenset[str]:
    """The units the user named (see :func:`match_unit`), with every unit below each."""
    from ..core.status import descendants

    return descendants(plan, {match_unit(plan, name, option, say=say) for name in names})


def unit_scope(
    plan: Plan, unit: list[str] | None, lead_only: bool, option: str = "--unit", *, say: Say
) -> frozenset[str]:
    """The units of --unit (with those below them); --lead-only makes sense only with them."""
    if lead_only and not unit:
        raise KhError(t("--lead-only needs --unit"))
    return resolve_units(plan, unit, option, say=say) if unit else frozenset()


def member_scope(
    plan: Plan, unit: list[str] | None, member: str | None, lead_only: bool, *, say: Say
) -> frozenset[str]:
    """The units of --unit, or of --member (one member, with the units below it): not both."""
    if member and unit:
        raise KhError(t("--member and --unit cannot be used together"))
    if member:
        return unit_scope(plan, [member], lead_only, "--member", say=say)
    return unit_scope(plan, unit, lead_only, say=say)


def resolve_documents(plan: Plan, names: list[str]) -> frozenset[str]:
    from ..words.text import fold

    found = set()
    for name in names:
        wanted = fold(name)
        match = [d.id for d in plan.documents.values() if wanted in fold(d.id) or wanted in fold(d.short)]
        if len(match) != 1:
            known = ", ".join(f"{d.id} ({d.short})" for d in plan.documents.values())
            what = t("ambiguous") if match else t("unknown")
            raise KhError(t("{what} source {name!r}: known plans are {known}", what=what, name=name, known=known))
        found.add(match[0])
    return frozenset(found)


def find_task(plan: Plan, task_id: str) -> Task:
    from ..core.match import MatchError, task

    try:
        return task(plan, task_id)
    except MatchError as exc:
        raise KhError(str(exc)) from None


def parse_status(text: str) -> Status:
    """A status as typed: its JSON name, or its label in either language, diacritics and
    punctuation optional."""
    from ..core.model import Status
    from ..words.i18n import label
    from ..words.text import fold

    def words(s: str) -> str:  # "Hoàn thành (chưa rõ ngày)" as typed: "hoan thanh chua ro ngay"
        return " ".join(re.split(r"[\W_]+", fold(s))).strip()

    wanted = words(text)
    for status in Status:
        names = {words(status.value)} | {words(label(status.value, lang)) for lang in ("vi", "en")}
        if wanted in names:
            return status
    known = ", ".join(f"{s.value} ({label(s.value, 'vi')})" for s in Status)
    raise KhError(t("unknown status {text!r}: known statuses are {known}", text=text, known=known))


def parse_quarter(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{4})\s*-?\s*[qQ]([1-4])\s*", text)
    if not m:
        raise KhError(t("invalid quarter {text!r}: expected a form such as 2021Q2", text=text))
    return check_year(int(m[1]), "--quarter"), int(m[2])


FIRST_YEAR, LAST_YEAR = 1900, 2199  # deadlines.MIN_YEAR, MAX_YEAR (a test keeps them equal)


def check_year(year: int, option: str = "--year") -> int:
    """A year as a year: ``--year 21`` is a usage error, not the year 21."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        hint = t("; did you mean {near}?", near=2000 + year) if 0 <= year < 100 else ""
        raise KhError(
            t(
                "{option} {year}: expected a year with four digits, such as 2021{hint}",
                option=option,
                year=year,
                hint=hint,
            )
        )
    return year


def period_filter(year: int | None, quarter: str | None) -> tuple[int | None, tuple[int, int] | None]:
    """--year and --quarter, which must agree when both are given."""
    q = parse_quarter(quarter) if quarter else None
    if year is not None:
        check_year(year)
        if q is not None and q[0] != year:
            raise KhError(
                t(
                    "--year {year} and --quarter {quarter} select no common day: give one of them",
                    year=year,
                    quarter=quarter,
                )
            )
    return year, q


def text_arg(value: str | None, what: Message) -> str | None:
    from ..words.text import clean_text

    if value is None:
        return None
    # One line, as the data keeps evidence, notes and sources: every line break YAML knows
    # (U+0085 and U+2028/9 too, which would not read back as written) becomes a space.
    cleaned = clean_text(" ".join(re.split(r"[\r\n\x0b\x0c\x85\u2028\u2029]+", value)))
    if not cleaned:
        raise KhError(t("{what} is empty", what=what))
    return cleaned


# -- kh import's options: rows mapped to duties, rows skipped, columns named ---------------


def parse_maps(specs: list[str], plan: Plan) -> dict[int, tuple[str, int | None]]:
    """``--map ROW=TASK[:YEAR]`` (repeatable) → {row: (task id, year)}."""
    from ..core.match import MatchError
    from ..core.match import task as find_task

    out: dict[int, tuple[str, int | None]] = {}
    for spec in specs:
        m = re.fullmatch(r"\s*(\d+)\s*=\s*([^:]+?)\s*(?::\s*(\d{4}))?\s*", spec)
        if not m:
            raise KhError(t("--map {spec!r}: expected ROW=TASK or ROW=TASK:YEAR (e.g. 7=BGD-III.3-BC:2026)",
                            spec=spec))  # fmt: skip
        try:
            task = find_task(plan, m[2])
        except MatchError as exc:
            raise KhError(t("--map {spec!r}: {exc}", spec=spec, exc=exc)) from None
        out[int(m[1])] = (task.id, int(m[3]) if m[3] else None)
    return out


def parse_rows(specs: list[str]) -> set[int]:
    """``--skip ROWS`` (repeatable): "8", "8,10-12"."""
    out: set[int] = set()
    for spec in specs:
        for part in spec.split(","):
            m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
            if not m:
                raise KhError(t("--skip {spec!r}: expected row numbers, e.g. 8 or 8,10-12", spec=spec))
            out.update(range(int(m[1]), int(m[2] or m[1]) + 1))
    return out


def parse_columns(specs: list[str]) -> dict[str, str]:
    """``--column FIELD=HEADER`` (repeatable) → {field: header as compared}."""
    from ..read.register import FIELDS, header_key

    out: dict[str, str] = {}
    for spec in specs:
        field, sep, header = spec.partition("=")
        field = field.strip().lower()
        if not sep or field not in FIELDS or not header.strip():
            raise KhError(
                t("--column {spec!r}: expected FIELD=HEADER, FIELD one of {fields}", spec=spec,
                  fields=", ".join(FIELDS)),
            )  # fmt: skip
        out[field] = header_key(header)
    return out
