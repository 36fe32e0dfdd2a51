"""Urging letters ("công văn đôn đốc"): who is chased for what, and the letters themselves, as
Word files in the layout of :mod:`khuyenhoc.outputs.office.wordfile`, as Markdown, or as e-mail messages.

Who: each body that owes an overdue obligation today. A duty owed by each member of a
collective (each Sở GDĐT's report) is chased at that member, addressed by its name ("Sở Giáo
dục và Đào tạo Hà Nội"), or at the member that holds its duties today (Hà Giang's 2024 report
at Tuyên Quang, the letter saying whose it was); one collective's duties never reach a letter
to another. Office practice is one letter to many with the list attached: the members of a
collective late on the day get one letter (the obligations named once, and an annex, "Phụ
lục", listing each member and what it has not done), unless each member is to get its own
(``each``). The issuer is never chased, nor a body above it; a member that ceased with no
successor cannot be: both are left out, and said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ...core.model import Plan, Row, Status
from ...core.status import Tally
from ...words.i18n import Message, format_date, t
from .wordfile import Letterhead, words


@dataclass(frozen=True)
class Item:
    """An obligation in a letter: a row (a member's or a unit's occurrence), and whose it was
    when the recipient holds it for another (a ceased member, a unit that was replaced)."""

    row: Row
    owner: str | None = None  # the owner's name, when it is not the recipient


@dataclass(frozen=True)
class AnnexLine:
    """A member in a letter's annex: its name, its obligations not done, the most days overdue."""

    unit: str
    name: str
    items: list[Item]
    days: int


@dataclass(frozen=True)
class Letter:
    """One letter: to one body (``unit``: a member, a unit, or a collective for a letter to its
    late members, with ``annex``), about its overdue obligations as of a day."""

    key: str  # names its file: the recipient's id, with its collective's for a member's letter
    unit: str
    to: str  # "Sở Giáo dục và Đào tạo Hà Nội"; a collective's name for a letter to its members
    items: list[Item]
    as_of: date
    reply_by: date
    collective: str | None = None  # the collective of the members chased
    annex: list[AnnexLine] = field(default_factory=list)
    emails: tuple[str, ...] = ()

    def tally(self) -> Tally:
        """What the letter chases: its obligations ("12 nhiệm vụ"); a letter to many, the
        obligations it names and the members' shares of them in its annex ("7 nhiệm vụ, trong
        đó 7 giao cho từng thành viên: 383 lượt")."""
        if not self.annex:
            return Tally(len(self.items), 0, 0)
        return Tally(len(self.items), len(self.items), self.shares)

    @property
    def shares(self) -> int:
        """How many members' shares the letter chases: those of its annex, or the recipient's."""
        if self.annex:
            return sum(len(line.items) for line in self.annex)
        return sum(1 for i in self.items if i.row.occurrence.member is not None)

    def covers(self) -> set[str]:
        """The bodies this letter chases: its recipient, the members in its annex, and those whose
        duties its recipients hold."""
        items = [*self.items, *(i for line in self.annex for i in line.items)]
        heirs = {line.unit for line in self.annex}
        return {self.unit, *heirs, *(i.row.occurrence.member for i in items if i.row.occurrence.member)}


@dataclass(frozen=True)
class LeftOut:
    """A body kh does not write to, and why."""

    name: str
    why: Message
    obligations: int


@dataclass(frozen=True)
class Drafts:
    letters: list[Letter]
    left_out: list[LeftOut]


def addressee(plan: Plan, collective: str | None, member: str, day: date) -> str:
    """How a letter addresses a body: the collective's form for its members ("Ủy ban nhân dân
    {name_lc}" → "Ủy ban nhân dân tỉnh Lạng Sơn"), else the name it gives them ("UBND {name}"),
    else the body's full name, as on ``day``."""
    unit = plan.units.get(member)
    if unit is None:
        return member
    name, short = unit.name_on(day, full=True), unit.name_on(day)
    spec = plan.units[collective].members if collective in plan.units else None
    form = spec and (spec.addressee or spec.name)
    if not form:
        return name
    return form.replace("{short}", short).replace("{name_lc}", name[:1].lower() + name[1:]).replace("{name}", name)


def ancestors(plan: Plan, unit_id: str) -> list[str]:
    """The bodies above a unit, nearest first (Cục GDNN và GDTX → Bộ GDĐT)."""
    out: list[str] = []
    current = plan.units.get(unit_id)
    while current is not None and current.parent and current.parent not in out:
        out.append(current.parent)
        current = plan.units.get(current.parent)
    return out


def plan_letters(
    plan: Plan, rows: Iterable[Row], today: date, reply_by: date, *, issuer: str | None = None,
    members: frozenset[str] | None = None, units: frozenset[str] | None = None, each: bool = False,
) -> Drafts:  # fmt: skip
    """The letters to write today about the overdue ``rows`` (see the module). ``members``: only
    these members (and the ones whose duties they hold); ``units``: only these units, or the
    members of these collectives."""
    from ...core.members import collective_of, exists_on, member_name
    from ...core.succession import holder, now

    skip = ({issuer} | set(ancestors(plan, issuer))) if issuer else set()
    buckets: dict[tuple[str | None, str], list[Item]] = {}
    gone: dict[str, int] = {}
    for row in rows:
        if row.status is not Status.OVERDUE:
            continue
        member, task = row.occurrence.member, row.task
        if member is not None:
            collective = collective_of(plan, task, member)
            heir = holder(plan, member, today)
            chosen = (
                (members is None or member in members or heir in members)
                and (units is None or collective in units or heir in units or member in units)
            )  # fmt: skip
            if not chosen:
                continue
            if not exists_on(plan.units[heir], today):  # ceased, with no successor named
                gone[heir] = gone.get(heir, 0) + 1
                continue
            owner = None
            if heir != member:
                owner = member_name(plan, task, member, today, row.occurrence.written or row.occurrence.due)
                owner = owner.split(" → ")[0]
            buckets.setdefault((collective, heir), []).append(Item(row, owner))
            continue
        if members is not None:
            continue
        for unit in now(plan, task.lead, today, task):
            if units is not None and unit not in units and not set(task.lead) & units:
                continue
            if unit in plan.units and not exists_on(plan.units[unit], today):
                gone[unit] = gone.get(unit, 0) + 1
                continue
            owner = None if unit in task.lead else ", ".join(plan.units[u].name_on(today) for u in task.lead)
            buckets.setdefault((None, unit), []).append(Item(row, owner))
    left_out = [_left_out(plan, unit, issuer, buckets, today) for unit in skip if any(k[1] == unit for k in buckets)]
    left_out += [
        LeftOut(plan.units[u].name_on(today, full=True), t("ceased with no successor named: nobody to chase"), n)
        for u, n in gone.items()
    ]
    buckets = {k: v for k, v in buckets.items() if k[1] not in skip}
    return Drafts(_letters(plan, buckets, today, reply_by, each), [x for x in left_out if x is not None])


def _left_out(
    plan: Plan, unit: str, issuer: str | None, buckets: dict[tuple[str | None, str], list[Item]], today: date
) -> LeftOut:
    n = sum(len(items) for (_, u), items in buckets.items() if u == unit)
    name = plan.units[unit].name_on(today, full=True) if unit in plan.units else unit
    why = t("the issuer itself") if unit == issuer else t("a body above the issuer: an office does not chase it")
    return LeftOut(name, why, n)


def _sorted(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.row.occurrence.due or date.max, i.row.task.order, i.row.occurrence.year or 0))


def _letters(
    plan: Plan, buckets: dict[tuple[str | None, str], list[Item]], today: date, reply_by: date, each: bool
) -> list[Letter]:
    by_collective: dict[str, list[tuple[str, list[Item]]]] = {}
    out: list[Letter] = []
    for (collective, unit), items in buckets.items():
        if collective is not None and not each:
            by_collective.setdefault(collective, []).append((unit, items))
            continue
        key = f"{collective}-{unit}" if collective else unit
        emails = _emails(plan, [(collective, unit)])
        out.append(
            Letter(key, unit, addressee(plan, collective, unit, today), _sorted(items), today, reply_by, collective,
                   emails=emails)
        )  # fmt: skip
    for collective, late in by_collective.items():
        if len(late) == 1:  # one late member: its own letter
            unit, items = late[0]
            emails = _emails(plan, [(collective, unit)])
            out.append(Letter(f"{collective}-{unit}", unit, addressee(plan, collective, unit, today), _sorted(items),
                              today, reply_by, collective, emails=emails))  # fmt: skip
            continue
        occurrences: dict[tuple[str, int | None], Item] = {}
        annex = []
        for unit, items in sorted(late, key=lambda ui: list(plan.units).index(ui[0]) if ui[0] in plan.units else 0):
            for item in _sorted(items):
                occurrences.setdefault((item.row.task.id, item.row.occurrence.year), Item(item.row))
            days = max(i.row.days_overdue for i in items)
            annex.append(AnnexLine(unit, addressee(plan, collective, unit, today), _sorted(items), days))
        emails = _emails(plan, [(collective, unit) for unit, _ in late])
        name = plan.units[collective].name_on(today, full=True)
        out.append(Letter(collective, collective, name, _sorted(list(occurrences.values())), today, reply_by,
                          collective, annex, emails))  # fmt: skip
    return sorted(_one_per_body(out), key=lambda letter: letter.key)


def _one_per_body(letters: list[Letter]) -> list[Letter]:
    """A body that is a member by itself (Vụ GDĐH among the MOET units, as itself) gets one
    letter for its own duties and its duties as a member, not two the same day; bodies named
    apart (UBND Hà Nội, Sở GDĐT Hà Nội) keep theirs."""
    by_body: dict[tuple[str, str], list[Letter]] = {}
    for letter in letters:
        by_body.setdefault((letter.unit, letter.to) if not letter.annex else (letter.key, ""), []).append(letter)
    out = []
    for (unit, _), same in by_body.items():
        if len(same) == 1:
            out.append(same[0])
            continue
        first = same[0]
        items = _sorted([i for letter in same for i in letter.items])
        emails = tuple(dict.fromkeys(e for letter in same for e in letter.emails))
        out.append(Letter(unit, unit, first.to, items, first.as_of, first.reply_by, None, emails=emails))
    return out


def _emails(plan: Plan, recipients: list[tuple[str | None, str]]) -> tuple[str, ...]:
    found = []
    for collective, unit in recipients:
        u = plan.units.get(unit)
        if u is not None and (address := u.email_for(collective)):
            found.append(address)
    return tuple(dict.fromkeys(found))


# -- the words of a letter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    subject: str
    to: str
    opening: str
    items: list[str]
    request: str
    recipients: list[str]
    annex_title: list[str] = field(default_factory=list)
    annex_header: list[str] = field(default_factory=list)
    annex_rows: list[list[str]] = field(default_factory=list)


def _item_text(n: int, item: Item, plan: Plan, lang: str, members_late: int | None = None) -> str:
    r = item.row
    doc = plan.documents.get(r.task.document)
    source = f"{doc.short if doc else r.task.document}, {r.task.ref}"
    due = format_date(r.occurrence.due, lang) if r.occurrence.due else ""
    year = f" ({r.occurrence.year})" if r.occurrence.year else ""
    text = words("item", lang, n=n, title=r.task.title, id=r.task.id + year, source=source,
                 written=r.task.due_text or "", due=due, days=r.days_overdue)  # fmt: skip
    if members_late is not None:
        text = text.removesuffix(".") + words("item_members", lang, n=members_late)
    if item.owner:
        text = text.removesuffix(".") + words("item_owner", lang, owner=item.owner)
    return text


def content(letter: Letter, plan: Plan, head: Letterhead, lang: str) -> Content:
    """What a letter says, once, for every format it is written in."""
    # the plans by their titles, as a letter names what it applies ("KH Bộ GDĐT 2020" is kh's label)
    plans = words("and", lang).join(
        plan.documents[d].title for d in dict.fromkeys(i.row.task.document for i in letter.items)
    )
    when = format_date(letter.as_of, lang)
    subject = words("subject", lang, n=len(letter.items))
    to = words("to_grouped", lang, unit=letter.to) if letter.annex else letter.to
    if letter.annex:
        opening = words("opening_grouped", lang, plans=plans, issuer=head.issuer, date=when)
        late: dict[tuple[str, int | None], int] = {}
        for line in letter.annex:
            for i in line.items:
                key = (i.row.task.id, i.row.occurrence.year)
                late[key] = late.get(key, 0) + 1
        items = [
            _item_text(n, i, plan, lang, late[(i.row.task.id, i.row.occurrence.year)])
            for n, i in enumerate(letter.items, 1)
        ]
    else:
        opening = words("opening", lang, plans=plans, issuer=head.issuer, unit=to, date=when)
        items = [_item_text(n, i, plan, lang) for n, i in enumerate(letter.items, 1)]
    request = words("request", lang, issuer=head.issuer, reply_by=format_date(letter.reply_by, lang))
    recipients = [words("as_above", lang), *head.recipients, words("archive", lang, who=head.short)]
    if not letter.annex:
        return Content(subject, to, opening, items, request, recipients)
    title = [
        words("annex", lang).upper(),
        words("annex_title", lang, unit=plan.units[letter.unit].name).upper(),
        words("annex_of", lang, number=head.number or "…/…", issuer=head.issuer),
    ]
    header = [words("annex_no", lang), words("annex_unit", lang), words("annex_items", lang), words("annex_days", lang)]
    rows = [[str(n), line.name, owed_text(line.items, lang), str(line.days)] for n, line in enumerate(letter.annex, 1)]
    return Content(subject, to, opening, items, request, recipients, title, header, rows)


def owed_text(items: list[Item], lang: str) -> str:
    """A member's obligations in a line, each task once with its years as ranges:
    "BGD-III.3-BC (2020–2026); BGD-III.3-BC (2020–2024) (nghĩa vụ của Sở GDĐT Hà Giang)"."""
    years: dict[tuple[str, str | None], list[int]] = {}
    for i in items:
        years.setdefault((i.row.task.id, i.owner), []).append(i.row.occurrence.year or 0)
    out = []
    for (task_id, owner), found in years.items():
        spans = _spans(sorted(y for y in found if y))
        text = task_id + (f" ({spans})" if spans else "")
        out.append(text + (words("item_owner", lang, owner=owner) if owner else ""))
    return "; ".join(out)


def _spans(years: list[int]) -> str:
    """2020, 2021, 2022, 2024 → "2020–2022, 2024"."""
    out: list[str] = []
    for y in years:
        if out and (last := out[-1]).split("–")[-1] == str(y - 1):
            out[-1] = f"{last.split('–')[0]}–{y}"
        else:
            out.append(str(y))
    return ", ".join(out)
