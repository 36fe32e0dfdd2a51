"""The cache's format: kh's records as JSON, read back by constructors that run nothing else.

Pickle was the format before: reading a pickle runs whatever code it names, so a planted entry
ran as the user. JSON names no code. Each record is a JSON array whose positions are the
record's fields; the reader knows each field's type, so nothing in the data decides what is
built. A value of a type this module does not know is refused when the entry is written (the
entry is then not cached), and anything unexpected when it is read raises :class:`ValueError`
(the entry is then ignored and the files parsed again).

The values cached are a file's :class:`~khuyenhoc.core.model.Parsed` records, a checked plan with
its problems, and the text of a key (the alias from files' status to their bytes).
"""

from __future__ import annotations

import functools
import json
from datetime import date
from typing import Any

from ..core.deadlines import Deadline
from ..core.model import (
    CalendarFile,
    Ceased,
    Completion,
    Contact,
    DataError,
    Document,
    FormerName,
    MemberRecord,
    Members,
    Membership,
    Note,
    Parsed,
    Plan,
    Succession,
    Task,
    Unit,
)
from ..words.i18n import Msg

_day = date.fromisoformat


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


# -- messages: a template and values, which may be messages themselves ----------------------------


def _value(v: Any) -> Any:
    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    if isinstance(v, Msg):
        return {"m": [v.template, {k: _value(x) for k, x in v.values.items()}]}
    if isinstance(v, date):
        return {"d": v.isoformat()}
    if isinstance(v, (tuple, list)):
        return {"l": [_value(x) for x in v]}
    raise TypeError(f"no cache format for {type(v).__name__}")


def _unvalue(v: Any) -> Any:
    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    if isinstance(v, dict) and len(v) == 1:
        ((tag, x),) = v.items()
        if tag == "m":
            return _unmessage(x)
        if tag == "d":
            return _day(x)
        if tag == "l":
            return tuple(_unvalue(i) for i in x)
    raise ValueError("not a message value")


def _message(m: Any) -> Any:
    if isinstance(m, str):
        return m
    if isinstance(m, Msg):
        return [m.template, {k: _value(x) for k, x in m.values.items()}]
    raise TypeError(f"no cache format for a message of type {type(m).__name__}")


def _unmessage(m: Any) -> str | Msg:
    if isinstance(m, str):
        return m
    template, values = m
    if not isinstance(template, str) or not isinstance(values, dict):
        raise ValueError("not a message")
    message = Msg(template, **{k: _unvalue(x) for k, x in values.items()})
    for lang in ("vi", "en"):  # a value that does not fit its place ({n:02x} given text) fails here, not when shown
        message.render(lang)
    return message


# -- records --------------------------------------------------------------------------------------


def _error(e: DataError) -> list[Any]:
    return [e.path, e.line, _message(e.message), e.needs, e.warning]


def _unerror(x: list[Any]) -> DataError:
    path, line, message, needs, warning = x
    return DataError(_str(path), _int(line), _unmessage(message), _opt(needs), _bool(warning))


def _document(d: Document) -> list[Any]:
    return [d.id, d.title, d.short, d.year, d.line, d.path, _iso(d.effective)]


def _undocument(x: list[Any]) -> Document:
    doc_id, title, short, year, line, path, effective = x
    return Document(_str(doc_id), _str(title), _str(short), _int(year), _int(line), _str(path), _opt_day(effective))


def _succession(s: Succession) -> list[Any]:
    return [s.unit, s.to, s.on.isoformat(), s.by]


def _unsuccession(x: list[Any]) -> Succession:
    unit, to, on, by = x
    return Succession(_str(unit), _str(to), _day(on), _str(by))


def _unit(u: Unit) -> list[Any]:
    successor = _succession(u.successor) if u.successor else None
    members = None
    if u.members is not None:
        m = u.members
        members = [m.kind, [[x.unit, _iso(x.since), _iso(x.until), x.by] for x in m.units], m.name, m.addressee]
    return [
        u.id, u.name, u.short, u.kind, u.parent, u.line, u.path, successor, list(u.former_ids), u.email,
        _iso(u.since), members, u.code, [_name(n) for n in u.names], list(u.member_of),
        u.ceased and [u.ceased.on.isoformat(), u.ceased.by], [_contact(c) for c in u.contacts],
    ]  # fmt: skip


def _name(n: FormerName) -> list[Any]:
    return [n.unit, n.until.isoformat(), n.by, n.name, n.short, n.code, n.path, n.line]


def _unname(x: Any) -> FormerName:
    unit, until, by, name, short, code, path, line = _list(x)
    return FormerName(_str(unit), _day(_str(until)), _str(by), _opt(name), _opt(short), _opt(code), _str(path),
                      _int(line))  # fmt: skip


def _unmembers(x: list[Any] | None) -> Members | None:
    if x is None:
        return None
    kind, listed, name, addressee = x
    units = tuple(
        Membership(_str(unit), _opt_day(since), _opt_day(until), _opt(by)) for unit, since, until, by in _list(listed)
    )
    return Members(_opt(kind), units, _opt(name), _opt(addressee))


def _record(r: MemberRecord) -> list[Any]:
    return [r.member, r.task, r.year, _completion(r.done), r.note and [r.note.on.isoformat(), r.note.text,
            r.note.source], r.by, r.path, r.line]  # fmt: skip


def _unrecord(x: list[Any]) -> MemberRecord:
    member, task, year, done, note, by, path, line = x
    return MemberRecord(
        _str(member), _str(task), year if year is None else _int(year), _uncompletion(done),
        None if note is None else _unnote(note), _opt(by), _str(path), _int(line),
    )  # fmt: skip


def _ununit(x: list[Any]) -> Unit:
    (unit_id, name, short, kind, parent, line, path, successor, former, email, since, members, code, names, of, ceased,
     contacts) = x  # fmt: skip
    return Unit(
        _str(unit_id), _str(name), _str(short), _str(kind), _opt(parent), _int(line), _str(path),
        None if successor is None else _unsuccession(successor), tuple(_str(f) for f in _list(former)), _opt(email),
        _opt_day(since), _unmembers(members), _opt(code), tuple(_unname(n) for n in _list(names)),
        tuple(_str(c) for c in _list(of)), None if ceased is None else _unceased(ceased),
        tuple(_uncontact(c) for c in _list(contacts)),
    )  # fmt: skip


def _contact(c: Contact) -> list[Any]:
    return [c.unit, c.email, c.of, c.path, c.line]


def _uncontact(x: Any) -> Contact:
    unit, email, of, path, line = _list(x)
    return Contact(_str(unit), _str(email), _opt(of), _str(path), _int(line))


def _unceased(x: Any) -> Ceased:
    on, by = _list(x)
    return Ceased(_day(_str(on)), _str(by))


def _completion(c: Completion | None) -> list[Any] | None:
    return None if c is None else [c.on.isoformat(), c.evidence, c.source, c.exact]


def _uncompletion(x: list[Any] | None) -> Completion | None:
    if x is None:
        return None
    on, evidence, source, exact = x
    if type(evidence) is not str or not (source is None or type(source) is str) or type(exact) is not bool:
        raise ValueError("not a completion")
    c = _new_completion(Completion)  # fields set directly, as in _untasks
    c.__dict__.update(on=_day(on), evidence=evidence, source=source, exact=exact)
    return c


_new_completion = Completion.__new__


class _Table:
    """Texts and deadlines that many tasks share (titles, paths, unit ids), written once and
    referred to by their position: a plan of 10^5 tasks has a few hundred distinct ones."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        n = self.index.get(value)
        if n is None:
            n = self.index[value] = len(self.index)
        return n

    def items(self) -> list[Any]:
        return list(self.index)


def _task(t: Task, s: _Table) -> list[Any]:
    d = t.deadline
    return [
        t.id,
        s(t.title),
        [s(u) for u in t.lead],
        [s(u) for u in t.partners],
        t.due_text,
        s((d.kind, _iso(d.on), d.month, d.day)),
        s(t.document),
        s(t.ref),
        t.implements,
        _completion(t.done),
        [[year, _completion(c)] for year, c in t.done_yearly.items()] if t.done_yearly else 0,
        [[n.on.isoformat(), n.text, n.source] for n in t.notes] if t.notes else 0,
        [_succession(s) for s in t.moved] if t.moved else 0,
        t.partner_roles or 0,
        s(t.path),
        t.line,
        t.order,
        t.per_member,
    ]


def _untasks(rows: list[Any], table: list[Any]) -> list[Task]:
    texts = [v if isinstance(v, str) else None for v in _list(table)]
    deadlines: list[Deadline | None] = [None] * len(table)
    for n, v in enumerate(table):
        if isinstance(v, list):
            kind, on, month, day = v
            deadlines[n] = Deadline(_str(kind), _opt_day(on), _int(month), _int(day))
    size = len(table)

    def at(n: Any) -> int:  # a position in the table (a negative one would silently read another value)
        if type(n) is not int or not 0 <= n < size:
            raise ValueError("not a position in the table")
        return n

    new = Task.__new__
    out = []
    for x in rows:
        (task_id, title, lead, partners, due_text, dl, document, ref, implements, done, yearly, notes, moved, roles,
         path, line, order, per_member) = x  # fmt: skip
        deadline = deadlines[at(dl)]
        if (
            deadline is None
            or type(task_id) is not str
            or type(line) is not int
            or type(order) is not int
            or line < 0
            or order < 0
            or type(per_member) is not bool
        ):
            raise ValueError("not a task")
        # As pickle did: the fields set directly, not through the frozen class's __init__ (one
        # object.__setattr__ per field), which is most of the time of reading 10^5 tasks.
        task = new(Task)
        t_title, t_document, t_ref, t_path = texts[at(title)], texts[at(document)], texts[at(ref)], texts[at(path)]
        if t_title is None or t_document is None or t_ref is None or t_path is None:
            raise ValueError("not a text")
        task.__dict__.update(
            id=task_id,
            title=t_title,
            lead=tuple([texts[at(u)] for u in _list(lead)]),
            partners=tuple([texts[at(u)] for u in _list(partners)]) if partners else (),
            due_text=due_text if due_text is None else _str(due_text),
            deadline=deadline,
            document=t_document,
            ref=t_ref,
            implements=implements if implements is None else _str(implements),
            done=None if done is None else _uncompletion(done),
            done_yearly={_int(y): _completed(c) for y, c in _list(yearly)} if yearly != 0 else {},
            notes=tuple(_unnote(n) for n in _list(notes)) if notes != 0 else (),
            moved=tuple(_unsuccession(s) for s in _list(moved)) if moved != 0 else (),
            partner_roles={_str(k): _str(v) for k, v in _dict(roles).items()} if roles != 0 else {},
            path=t_path,
            line=line,
            order=order,
            per_member=per_member is True,
        )
        if None in task.lead or None in task.partners:
            raise ValueError("not a unit id")
        out.append(task)
    return out


def _calendar(c: CalendarFile | None) -> list[Any] | None:
    if c is None:
        return None
    return [c.working_days, sorted(d.isoformat() for d in c.days_off), sorted(d.isoformat() for d in c.working)]


def _uncalendar(x: list[Any] | None) -> CalendarFile | None:
    if x is None:
        return None
    on, days_off, working = x
    return CalendarFile(_bool(on), frozenset(map(_day, _list(days_off))), frozenset(map(_day, _list(working))))


def _int(v: Any) -> int:
    """A whole number, never negative: lines, positions, years, months, days."""
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise ValueError("expected a number")
    return v


# Every field is read as its type, or the entry is refused: a value of another type that got
# through would only fail later, in a command (the cache is then an error, not a shortcut).


def _of(v: Any, kind: type) -> Any:
    """``v`` if it is of exactly this type (JSON's: str, bool, list, dict), else ValueError."""
    if type(v) is not kind:
        raise ValueError(f"expected {kind.__name__}")
    return v


_str, _bool, _list, _dict = (functools.partial(_of, kind=k) for k in (str, bool, list, dict))


def _opt(v: Any) -> str | None:
    return None if v is None else _str(v)


def _opt_day(v: Any) -> date | None:
    return None if v is None else _day(_str(v))


def _unnote(x: Any) -> Note:
    on, text, source = _list(x)
    return Note(_day(_str(on)), _str(text), _opt(source))


def _completed(x: Any) -> Completion:
    c = _uncompletion(x)
    if c is None:
        raise ValueError("expected a completion")
    return c


# -- the values the cache holds -------------------------------------------------------------------


def dumps(value: Any) -> bytes:
    """An entry's bytes. Raises TypeError for a value the format does not hold."""

    table = _Table()
    if isinstance(value, str):
        body: Any = ["key", value]
    elif isinstance(value, Parsed):
        tasks = [_task(t, table) for t in value.tasks]
        body = [
            "file",
            table.items(),
            [_document(d) for d in value.documents],
            tasks,
            [_unit(u) for u in value.units],
            [_error(e) for e in value.errors],
            _calendar(value.calendar),
            value.unreadable,
            [_record(r) for r in value.records],
            [_name(n) for n in value.names],
            [_contact(c) for c in value.contacts],
        ]
    elif isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], Plan):
        plan, errors = value
        if plan.calendar is not None:
            raise TypeError("a plan with working days is made per run, never cached")
        tasks = [_task(t, table) for t in plan.tasks]
        body = [
            "plan",
            table.items(),
            [_document(d) for d in plan.documents.values()],
            [_unit(u) for u in plan.units.values()],
            tasks,
            _calendar(plan.calendar_file),
            [_error(e) for e in errors],
            [_record(r) for r in plan.records],
        ]
    else:
        raise TypeError(f"no cache format for {type(value).__name__}")
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    """The value of an entry's bytes. Raises ValueError (or TypeError, KeyError) for anything
    else; the caller then parses the files again."""

    body = json.loads(data)
    if not isinstance(body, list) or not body:
        raise ValueError("not a cache entry")
    kind, *rest = body
    if kind == "key":
        (key,) = rest
        return _str(key)
    if kind == "file":
        table, documents, tasks, units, errors, calendar, unreadable, records, names, contacts = rest
        return Parsed(
            [_undocument(d) for d in _list(documents)], _untasks(_list(tasks), table),
            [_ununit(u) for u in _list(units)], [_unerror(e) for e in _list(errors)], _uncalendar(calendar),
            _opt(unreadable), tuple(_unrecord(r) for r in _list(records)), tuple(_unname(n) for n in _list(names)),
            tuple(_uncontact(c) for c in _list(contacts)),
        )  # fmt: skip
    if kind == "plan":
        table, documents, units, tasks, calendar, errors, records = rest
        docs, unit_list = [_undocument(d) for d in _list(documents)], [_ununit(u) for u in _list(units)]
        plan = Plan(
            {d.id: d for d in docs}, {u.id: u for u in unit_list}, tuple(_untasks(_list(tasks), table)), None,
            _uncalendar(calendar), tuple(_unrecord(r) for r in _list(records)),
        )  # fmt: skip
        return plan, [_unerror(e) for e in _list(errors)]
    raise ValueError("not a cache entry")
