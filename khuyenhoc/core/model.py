"""The records kh works on. Frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ..words.i18n import Message
from .deadlines import Deadline

if TYPE_CHECKING:
    from .workdays import Calendar

_R = TypeVar("_R")


class Status(str, Enum):
    """The four categories of the Government's task-monitoring regime, plus standing duties.

    Values are the names used by ``--format json`` (a contract: never rename them).
    """

    DONE_ON_TIME = "done_on_time"  # đã hoàn thành đúng hạn
    DONE_LATE = "done_late"  # đã hoàn thành quá hạn
    OPEN = "open"  # chưa hoàn thành, trong hạn
    OVERDUE = "overdue"  # chưa hoàn thành, quá hạn
    ONGOING = "ongoing"  # nhiệm vụ thường xuyên: no deadline, never overdue
    # Done, but the evidence gives only a day by which it was done, after the deadline: whether
    # it was on time is not known, and kh does not claim it was late (e.g. MOET row 9, known
    # done through the Prime Minister's approval, not the day MOET submitted it).
    DONE_UNDATED = "done_undated"

    @property
    def done(self) -> bool:
        return self in (Status.DONE_ON_TIME, Status.DONE_LATE, Status.DONE_UNDATED)


@dataclass(frozen=True)
class DataError:
    """A problem in the data, located for an editor: ``path:line: message``."""

    path: str
    line: int
    message: Message
    # A reference to a record that would be in a file of this kind ("units", "tasks"): when such
    # a file cannot be read, the problem is a follow-on of that one, not a problem of its own.
    needs: str | None = None
    warning: bool = False  # a problem that does not stop kh: kh check shows it and exits 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class CalendarFile:
    """What ``calendar.yaml`` says: whether deadlines move to working days, and the days off
    and make-up working days the Government decided (each listed with its source)."""

    working_days: bool = False
    days_off: frozenset[date] = frozenset()
    working: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    short: str
    year: int  # the plan's first year: yearly duties start here
    line: int = 0
    path: str = ""
    effective: date | None = None  # the day the plan took effect, where the text gives it


@dataclass(frozen=True)
class Succession:
    """``unit`` is succeeded by ``to`` from the day ``on``, by a legal instrument (docs/sources.md §5).

    On a unit: all its duties pass to the successor. On a task: that task's duty of ``unit``
    passes to ``to`` (where a function moved elsewhere than the unit's successor).
    """

    unit: str
    to: str
    on: date
    by: str


UNIT_KINDS = (
    "ministry",  # bộ, cơ quan ngang bộ
    "government-agency",  # cơ quan thuộc Chính phủ (Viện Hàn lâm, BHXH Việt Nam…)
    "moet-unit",  # vụ, cục, văn phòng… of the Ministry of Education and Training
    "university",  # trường đại học
    "press",  # đài, thông tấn xã, cơ quan báo chí
    "party",  # cơ quan của Đảng
    "organisation",  # Mặt trận, hội, đoàn thể
    "international",  # tổ chức quốc tế
    "collective",  # a class of bodies: "UBND cấp tỉnh", "các bộ, ngành"
    "province",  # tỉnh, thành phố trực thuộc trung ương (units.d/tinh-34.yaml: kh divisions provinces)
    "commune",  # xã, phường, đặc khu (kh divisions communes)
)


@dataclass(frozen=True)
class Membership:
    """A unit listed as a member of a collective, between two days (either may be open), and
    the instrument that says so, where the data gives it (a decree on a ministry's structure)."""

    unit: str
    since: date | None = None
    until: date | None = None
    by: str | None = None


@dataclass(frozen=True)
class Members:
    """Who belongs to a collective: every unit of a kind (``kind``: the provinces), the units
    listed (``units``), or both (the ministries, and the Government agencies listed), and the
    units that say they belong (``member_of`` on a unit: a user's list of universities); each
    only while it exists (from its ``since`` to the day before its successor takes over or it
    ceased). ``name``: how a member is named in the collective's duties, with ``{short}`` or
    ``{name}`` for the member's ("Sở GDĐT {short}" → "Sở GDĐT Hà Nội")."""

    kind: str | None = None
    units: tuple[Membership, ...] = ()
    name: str | None = None
    # How a letter addresses a member, with {short}, {name} or {name_lc} (its name, first letter
    # in lower case): "Sở Giáo dục và Đào tạo {short}", "Ủy ban nhân dân {name_lc}". None: the
    # member's own full name ("Bộ Tài chính").
    addressee: str | None = None


@dataclass(frozen=True)
class FormerName:
    """What a unit was called (and its code) until a day: Tỉnh Thừa Thiên Huế until 31/12/2024,
    Lào Cai's code 10 until 30/06/2025. Fields left None did not change. Written apart from the
    unit (``names:`` in a units file), so a generated file (tinh-34.yaml) stays as generated."""

    unit: str
    until: date
    by: str
    name: str | None = None
    short: str | None = None
    code: str | None = None
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Contact:
    """Where a unit's letters go by e-mail (``contacts:`` in a units file, such as a user's
    units.d/contacts.yaml), as a member of a collective (``of``: its Sở GDĐT, not its UBND)
    or as itself."""

    unit: str
    email: str
    of: str | None = None
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Ceased:
    """A unit that ceased on ``on`` with no successor named (its duties' holder is not known)."""

    on: date
    by: str


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short: str
    kind: str
    parent: str | None = None
    line: int = 0
    path: str = ""
    successor: Succession | None = None
    former_ids: tuple[str, ...] = ()  # ids it had before: still read, with a warning
    email: str | None = None  # where kh remind --format eml addresses its letter
    since: date | None = None  # the day it came into being, where it was created in the plans' time
    members: Members | None = None  # a collective's members, where they are known
    code: str | None = None  # an official code (the General Statistics Office's, for provinces)
    names: tuple[FormerName, ...] = ()  # what it was called before, oldest first (set from names: records)
    member_of: tuple[str, ...] = ()  # collectives it belongs to, said by the unit (a user's list of members)
    ceased: Ceased | None = None  # the day it ceased, where no successor took its duties
    contacts: tuple[Contact, ...] = ()  # e-mail addresses given apart from the unit (contacts:)

    def email_for(self, collective: str | None = None) -> str | None:
        """Its address as a member of ``collective`` (else as itself): a contact's, else ``email``."""
        for c in self.contacts:
            if c.of == collective:
                return c.email
        return next((c.email for c in self.contacts if c.of is None), self.email)

    def _former(self, day: date | None) -> FormerName | None:
        if day is None or not self.names:
            return None
        return next((n for n in self.names if day <= n.until), None)

    def name_on(self, day: date | None, *, full: bool = False) -> str:
        """Its name (``full``) or short name on ``day``: Thừa Thiên Huế in 2021, Huế in 2026."""
        former = self._former(day)
        if former is not None and (value := former.name if full else former.short) is not None:
            return value
        return self.name if full else self.short

    def code_on(self, day: date | None) -> str | None:
        former = self._former(day)
        return former.code if former is not None and former.code is not None else self.code


@dataclass(frozen=True)
class Completion:
    """A recorded completion: always with its evidence (docs/sources.md §4).

    ``on`` is the day the evidence gives for the duty itself (``date:`` in the data) or, when
    ``exact`` is false, only the day by which it was done at the latest (``no_later_than:``).
    """

    on: date
    evidence: str
    source: str | None = None
    exact: bool = True


@dataclass(frozen=True)
class Note:
    on: date
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    due_text: str | None
    deadline: Deadline
    document: str
    ref: str
    implements: str | None = None
    done: Completion | None = None
    done_yearly: dict[int, Completion] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    moved: tuple[Succession, ...] = ()  # where this task's duty of a unit went elsewhere
    partner_roles: dict[str, str] = field(default_factory=dict)  # a partner's job, as the text states it
    path: str = ""
    line: int = 0
    order: int = 0  # position in the data, for a stable sort
    per_member: bool = False  # owed by each member of its lead collectives, not by them as one body


def from_fields(cls: type[_R], fields: dict[str, Any]) -> _R:
    """A frozen record from all its fields, without its __init__ (a call per field): the same
    object, as fast as a dict (records read in bulk: the fast reader, the parsing workers)."""
    record = object.__new__(cls)
    object.__setattr__(record, "__dict__", fields)
    return record


@dataclass(frozen=True)
class MemberRecord:
    """A line of a member's file (``members/<id>.yaml``): a completion or a note by ``member``
    of its occurrence of a per-member task. ``by``: the unit that did it, when the member had
    ceased by then (Tuyên Quang sending Hà Giang's late 2024 report in 2026)."""

    member: str
    task: str
    year: int | None
    done: Completion | None = None
    note: Note | None = None
    by: str | None = None
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Plan:
    documents: dict[str, Document]
    units: dict[str, Unit]
    tasks: tuple[Task, ...]
    calendar: Calendar | None = None  # working days, when deadlines move to them (set by load_plan)
    calendar_file: CalendarFile | None = None  # calendar.yaml as written, if the plan has one
    records: tuple[MemberRecord, ...] = ()  # the members' completions and notes (members/*.yaml)

    @cached_property
    def by_kind(self) -> dict[str, list[Unit]]:
        """The units of each kind, in data order (a collective's members by kind)."""
        out: dict[str, list[Unit]] = {}
        for unit in self.units.values():
            out.setdefault(unit.kind, []).append(unit)
        return out

    @cached_property
    def joined(self) -> dict[str, list[Unit]]:
        """Collective → the units that say they belong to it (``member_of``), in data order."""
        out: dict[str, list[Unit]] = {}
        for unit in self.units.values():
            for collective in unit.member_of:
                out.setdefault(collective, []).append(unit)
        return out

    @cached_property
    def member_done(self) -> dict[tuple[str, str, int | None], Completion]:
        """(task id, member, year) → the member's completion of that occurrence."""
        return {(r.task, r.member, r.year): r.done for r in self.records if r.done is not None}

    def task(self, task_id: str) -> Task | None:
        """The task with this id, compared case-insensitively."""
        wanted = task_id.strip().casefold()
        for task in self.tasks:
            if task.id.casefold() == wanted:
                return task
        return None


# Occurrences and rows are made per run, up to 10^5 of them, and never stored: plain slotted
# classes (a frozen dataclass's __init__ sets each field through object.__setattr__).
@dataclass(slots=True, eq=True)
class Occurrence:
    """One obligation to meet: a one-off task, or one year of a yearly task."""

    task: Task
    year: int | None  # the year, for yearly tasks
    due: date | None  # the day it is due: ``written``, or the next working day (opt-in)
    completion: Completion | None
    written: date | None = None  # the day the deadline text gives, when it differs from ``due``
    member: str | None = None  # the member that owes it, for a task owed by each member


@dataclass(slots=True, eq=True)
class Row:
    """An occurrence with its status as of a given day."""

    occurrence: Occurrence
    status: Status
    days_overdue: int = 0
    # A line standing for the members' rows of one occurrence (kh list without --members):
    # (how many members have not done it, how many owe it). Its status is the worst of theirs.
    group: tuple[int, int] | None = None

    @property
    def task(self) -> Task:
        return self.occurrence.task


class Parsed(NamedTuple):
    """One file's records and problems. ``unreadable``: the file could not be read as YAML at
    all, so the problems other files would show for lack of its records are follow-ons."""

    documents: list[Document]
    tasks: list[Task]
    units: list[Unit]
    errors: list[DataError]
    calendar: CalendarFile | None = None
    unreadable: str | None = None  # the file's kind ("units", "tasks", "calendar") when unreadable
    records: tuple[MemberRecord, ...] = ()  # a members file's completions and notes
    names: tuple[FormerName, ...] = ()  # a units file's former names of units (names:)
    contacts: tuple[Contact, ...] = ()  # a units file's e-mail addresses of units (contacts:)
