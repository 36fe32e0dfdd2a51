"""``kh import``: what each document of a register stands for. For each row, the record it
proposes (the member that sent it, the duty and year it answers, the day, the evidence) and
why, or why it proposes none. Never a guess presented as a fact: a row that two open duties
fit is listed for the user to resolve (``--map ROW=TASK[:YEAR]``), not recorded.

- **The member**: the sender, by the names its collective gives its members ("Sở GDĐT Hà Nội",
  "Sở Giáo dục và Đào tạo Hà Nội", "UBND tỉnh Lạng Sơn", "Ủy ban nhân dân thành phố Hà Nội"),
  diacritics or not, "TP." and "tỉnh" or not, old names too ("Sở GDĐT Hà Giang": after
  01/07/2025 the province that holds its duties, said so).
- **The duty**: among the duties that member owes in the sender's collective, those not done;
  the year from the years the trích yếu names ("… năm 2026"), else every open year; one that
  fits is proposed, two or more are the user's to choose.
- **The day**: the document's own date (the member's act); without one, "no later than" the day
  it was received. The evidence: number, date and trích yếu; the source: the register's row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..words.i18n import Message, format_date, t
from ..words.text import fold

if TYPE_CHECKING:
    from ..core.model import Plan, Row, Task
    from .register import Entry

# The outcome of a row: a record to write, one already in the data, a row the user must
# resolve (two duties fit), one kh cannot place, one the user left out (--skip).
RECORD, RECORDED, AMBIGUOUS, UNPLACED, SKIPPED = "record", "recorded", "ambiguous", "unplaced", "skipped"


@dataclass(frozen=True)
class Proposal:
    entry: Entry
    outcome: str
    why: Message
    member: str | None = None
    task: Task | None = None
    year: int | None = None
    on: date | None = None
    exact: bool = True
    evidence: str = ""
    source: str = ""
    candidates: list[str] = field(default_factory=list)  # AMBIGUOUS: "TASK:YEAR" that fit
    named: str = ""  # the member the record is for, as shown: "Tuyên Quang (tuyen-quang)"

    @property
    def label(self) -> str:
        assert self.task is not None
        return _label(self.task.id, self.year)


# -- senders → members ----------------------------------------------------------------------------

_PHRASES = [
    (r"\bgiao duc va dao tao\b", "gddt"), (r"\bgd va dt\b", "gddt"), (r"\bgd dt\b", "gddt"),
    (r"\bsgddt\b", "so gddt"), (r"\buy ban nhan dan\b", "ubnd"), (r"\bthanh pho\b", " "),
    (r"\b(tinh|tp)\b", " "),
]  # fmt: skip


def sender_key(text: str) -> str:
    """A sender's name as compared: folded, punctuation gone, the usual abbreviations made
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT" → "so gddt"; "Ủy ban nhân dân" → "ubnd"), "tỉnh",
    "thành phố" and "TP." left out."""
    key = " ".join(re.sub(r"[^\w]+", " ", fold(text).replace("&", " va ")).split())
    for pattern, short in _PHRASES:
        key = re.sub(pattern, short, key)
    return " ".join(key.split())


def senders(plan: Plan) -> dict[str, set[tuple[str, str]]]:
    """Every name a collective's members send under → {(collective, member)}: the collective's
    names for them (``members.name`` and ``members.addressee``), with every name each member
    had; a member of a collective without such names, by its own names."""
    out: dict[str, set[tuple[str, str]]] = {}
    for collective in plan.units.values():
        spec = collective.members
        if spec is None or not any(collective.id in task.lead and task.per_member for task in plan.tasks):
            continue
        members = list(plan.by_kind.get(spec.kind, ())) if spec.kind else []
        members += [plan.units[m.unit] for m in spec.units if m.unit in plan.units]
        members += plan.joined.get(collective.id, [])  # the units that say they belong to it
        templates = [x for x in (spec.name, spec.addressee) if x] or ["{name}", "{short}"]
        for member in members:
            shorts = {member.short, *(n.short for n in member.names if n.short)}
            names = {member.name, *(n.name for n in member.names if n.name)}
            for template in templates:
                for short in shorts:
                    for name in names:
                        text = template.replace("{short}", short).replace("{name_lc}", name[:1].lower() + name[1:])
                        out.setdefault(sender_key(text.replace("{name}", name)), set()).add((collective.id, member.id))
    return out


def find_sender(index: dict[str, set[tuple[str, str]]], sender: str) -> tuple[set[tuple[str, str]], str]:
    """The (collective, member) pairs a sender names, and the name matched: the whole name, else
    the longest known name it starts with ("Sở GDĐT Hà Nội - Phòng GDTX")."""
    key = sender_key(sender)
    if key in index:
        return index[key], key
    words = key.split()
    for n in range(len(words) - 1, 1, -1):
        if (head := " ".join(words[:n])) in index:
            return index[head], head
    return set(), ""


# -- rows → proposals -------------------------------------------------------------------------------


def propose(
    plan: Plan, entries: list[Entry], today: date, register: str, maps: dict[int, tuple[str, int | None]],
    skip: set[int],
) -> list[Proposal]:  # fmt: skip
    """A proposal per row of the register (see the module)."""
    from ..core.status import rows

    index = senders(plan)
    owed: dict[str, list[Row]] = {}
    for row in rows(plan, today):
        if row.occurrence.member is not None:
            owed.setdefault(row.occurrence.member, []).append(row)
    seen_docs: dict[tuple[str, str, date | None], int] = {}
    taken: dict[tuple[str, str, int | None], int] = {}
    out = []
    for entry in entries:
        p = _one(plan, entry, today, register, index, owed, maps.get(entry.row), entry.row in skip)
        if p.outcome == RECORD and p.member is not None:
            doc = (p.member, fold(entry.reference), entry.dated)
            occ = (p.task.id if p.task else "", p.member, p.year)
            if entry.reference and doc in seen_docs:
                p = _no(entry, UNPLACED, t("the same document as row {row}", row=seen_docs[doc]))
            elif occ in taken:
                p = _no(entry, UNPLACED, t("{label} is already proposed from row {row}", label=p.label, row=taken[occ]))
            else:
                seen_docs[doc], taken[occ] = entry.row, entry.row
        out.append(p)
    return out


def _no(entry: Entry, outcome: str, why: Message) -> Proposal:
    return Proposal(entry, outcome, why)


def _one(
    plan: Plan, entry: Entry, today: date, register: str, index: dict[str, set[tuple[str, str]]],
    owed: dict[str, list[Row]], mapped: tuple[str, int | None] | None, skipped: bool,
) -> Proposal:  # fmt: skip
    from ..core.succession import holder

    if skipped:
        return _no(entry, SKIPPED, t("left out (--skip)"))
    if entry.problem is not None:
        return _no(entry, UNPLACED, entry.problem)
    if not entry.sender:
        return _no(entry, UNPLACED, t("no sender"))
    day, exact = (entry.dated, True) if entry.dated else (entry.received, False)
    if day is None:
        return _no(entry, UNPLACED, t("no date: neither the document's nor the day it was received"))
    if day > today:
        return _no(entry, UNPLACED, t("dated {day}, after today ({today})", day=day, today=today))
    pairs, matched = find_sender(index, entry.sender)
    if not pairs:
        return _no(entry, UNPLACED, t("no member of a collective is named {sender!r}", sender=entry.sender))
    if len({m for _, m in pairs}) > 1:
        names = ", ".join(sorted(m for _, m in pairs))
        return _no(entry, UNPLACED, t("{sender!r} names more than one member: {names}", sender=entry.sender,
                                      names=names))  # fmt: skip
    member = next(iter(pairs))[1]
    collectives = {c for c, _ in pairs}
    now = holder(plan, member, day)  # a province merged on 01/07/2025: its successor sends for it
    years = {int(y) for y in re.findall(r"\b(20\d\d)\b", entry.summary)}
    candidates = [
        r for m in dict.fromkeys((member, now)) for r in owed.get(m, [])
        if set(r.task.lead) & collectives and _fits(r, day, years)
    ]  # fmt: skip
    said = t("the sender {sender!r} is {name} ({member})", sender=entry.sender, name=plan.units[member].short,
             member=member)  # fmt: skip
    if matched != sender_key(entry.sender):  # "Sở GDĐT Hà Nội - Phòng GDTX": by the start of its name
        said = t("{said} (by the start of the name: {matched!r})", said=said, matched=matched)
    if now != member:
        said = t("{said}, whose duties {now} holds since its merger", said=said, now=_named(plan, now))
    if mapped is not None:
        task_id, year = mapped
        candidates = [r for r in candidates if r.task.id == task_id and (year is None or r.occurrence.year == year)]
        if not candidates:
            return _no(entry, UNPLACED, t("--map {spec}: {member} owes no such duty that this document can answer",
                                          spec=f"{entry.row}={task_id}", member=member))  # fmt: skip
    open_ = [r for r in candidates if not r.status.done]
    done = [r for r in candidates if r.status.done]
    evidence = _evidence(entry)
    source = _source(entry, register)
    if len(open_) == 1:
        r = open_[0]
        how = t("as --map says") if mapped else (
            t("the only duty not done that it owes for {years}", years=", ".join(map(str, sorted(years))))
            if years else t("the only duty not done that it owes")
        )  # fmt: skip
        return Proposal(entry, RECORD, t("{said}; {how}", said=said, how=how), r.occurrence.member, r.task,
                        r.occurrence.year, day, exact, evidence, source,
                        named=_named(plan, r.occurrence.member))  # fmt: skip
    if len(open_) > 1:
        fits = [f"{r.task.id}:{r.occurrence.year}" if r.occurrence.year else r.task.id for r in open_]
        return Proposal(entry, AMBIGUOUS, t("{said}; {n} duties not done fit: {fits}", said=said, n=len(fits),
                        fits=", ".join(fits)), member, candidates=fits)  # fmt: skip
    if done:
        r = done[0]
        c = r.occurrence.completion
        assert c is not None
        why = t("{label} is recorded already: {on} ({evidence})", label=_label(r.task.id, r.occurrence.year), on=c.on,
                evidence=c.evidence)  # fmt: skip
        return Proposal(entry, RECORDED, why, r.occurrence.member, r.task, r.occurrence.year,
                        named=_named(plan, r.occurrence.member))  # fmt: skip
    where = t(" for {years}", years=", ".join(map(str, sorted(years)))) if years else ""
    return _no(entry, UNPLACED, t("{said}; it owes no duty{where} that a document of {day} can answer", said=said,
                                  where=where, day=day))  # fmt: skip


def _named(plan: Plan, member: str | None) -> str:
    unit = plan.units.get(member or "")
    return f"{unit.short} ({unit.id})" if unit is not None else member or ""


def _fits(row: Row, day: date, years: set[int]) -> bool:
    """Whether a document of ``day`` can answer the occurrence: a yearly duty's year named in
    the trích yếu (if it names any), and not before that year began."""
    from ..core import rules

    year = row.occurrence.year
    if year is None:
        return True
    if years and year not in years:
        return False
    return not rules.before_its_year(day, year)


def _label(task_id: str, year: int | None) -> str:
    """An occurrence as messages name it: "BGD-III.3-BC (2026)"."""
    return f"{task_id} ({year})" if year is not None else task_id


def _evidence(entry: Entry) -> str:
    """The document as the evidence names it: "245/BC-SGDĐT ngày 20/10/2026: Báo cáo …"."""
    head = entry.reference or "Văn bản"  # the data is in Vietnamese, whatever --lang
    if entry.dated:
        head += f" ngày {format_date(entry.dated, 'vi')}"
    return f"{head}: {entry.summary}" if entry.summary else head


def _source(entry: Entry, register: str) -> str:
    """Where the document was found: the register, its row, its number and day of receipt."""
    parts = [f"Sổ văn bản đến {register}, dòng {entry.row}"]
    if entry.number:
        parts.append(f"số đến {entry.number}")
    if entry.received:
        parts.append(f"ngày đến {format_date(entry.received, 'vi')}")
    return ", ".join(parts)
