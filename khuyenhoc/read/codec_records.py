"""Each cached record's writer and reader, generated from its declaration in core/model.py by
:mod:`khuyenhoc.read.codec`: do not edit. After a record's fields change, run
``python -m khuyenhoc.read.codec`` (tests/read/test_cache.py says when)."""

# mypy: ignore-errors

from datetime import date
from ..core.deadlines import Deadline
from ..core.model import CalendarFile, Ceased, Completion, Contact, DataError, Document, FormerName, MemberRecord, Members, Membership, Note, Parsed, Plan, Succession, Task, Unit
from ..words.i18n import Msg


def _Parsed(_codec):
    cls, new, absent = Parsed, object.__new__, ()
    w0, r0 = _codec(list[Document])
    w1, r1 = _codec(list[Task])
    w2, r2 = _codec(list[Unit])
    w3, r3 = _codec(list[DataError])
    w4, r4 = _codec(CalendarFile, shared=False)
    w6, r6 = _codec(tuple[MemberRecord, ...])
    e6 = ()
    w7, r7 = _codec(tuple[FormerName, ...])
    e7 = ()
    w8, r8 = _codec(tuple[Contact, ...])
    e8 = ()
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Parsed')
        return [w0(v.documents, s), w1(v.tasks, s), w2(v.units, s), w3(v.errors, s), (None if v.calendar is None else w4(v.calendar, s)), v.unreadable, w6(v.records, s), w7(v.names, s), w8(v.contacts, s)]

    def bad():
        raise ValueError('not a Parsed')

    def read(x, r):
        if type(x) is not list or len(x) != 9:
            bad()
        f0, f1, f2, f3, f4, f5, f6, f7, f8, = x
        table = r.table
        size = len(table)
        return cls(([] if type(f0) is list and not f0 else r0(f0, r)), ([] if type(f1) is list and not f1 else r1(f1, r)), ([] if type(f2) is list and not f2 else r2(f2, r)), ([] if type(f3) is list and not f3 else r3(f3, r)), (None if f4 is None else r4(f4, r)), (f5 if f5 is None or type(f5) is str else bad()), (e6 if type(f6) is list and not f6 else r6(f6, r)), (e7 if type(f7) is list and not f7 else r7(f7, r)), (e8 if type(f8) is list and not f8 else r8(f8, r)))
    return write, read


def _Plan(_codec):
    cls, new, absent = Plan, object.__new__, ('calendar',)
    w0, r0 = _codec(dict[str, Document])
    w1, r1 = _codec(dict[str, Unit])
    w2, r2 = _codec(tuple[Task, ...])
    e2 = ()
    w3, r3 = _codec(CalendarFile, shared=False)
    w4, r4 = _codec(tuple[MemberRecord, ...])
    e4 = ()
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Plan')
        if v.calendar is not None:
            raise TypeError('calendar: made per run, never cached')
        return [w0(v.documents, s), w1(v.units, s), w2(v.tasks, s), (None if v.calendar_file is None else w3(v.calendar_file, s)), w4(v.records, s)]

    def bad():
        raise ValueError('not a Plan')

    def read(x, r):
        if type(x) is not list or len(x) != 5:
            bad()
        f0, f1, f2, f3, f4, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(documents=({} if type(f0) is list and not f0 else r0(f0, r)), units=({} if type(f1) is list and not f1 else r1(f1, r)), tasks=(e2 if type(f2) is list and not f2 else r2(f2, r)), calendar_file=(None if f3 is None else r3(f3, r)), records=(e4 if type(f4) is list and not f4 else r4(f4, r)))
        obj.__dict__['calendar'] = None
        return obj
    return write, read


def _DataError(_codec):
    cls, new, absent = DataError, object.__new__, ()
    w2, r2 = _codec(str | Msg)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as DataError')
        return [s(v.path), v.line, w2(v.message, s), v.needs, v.warning]

    def bad():
        raise ValueError('not a DataError')

    def read(x, r):
        if type(x) is not list or len(x) != 5:
            bad()
        f0, f1, f2, f3, f4, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(path=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), line=(f1 if type(f1) is int and f1 >= 0 else bad()), message=r2(f2, r), needs=(f3 if f3 is None or type(f3) is str else bad()), warning=(f4 if type(f4) is bool else bad()))
        return obj
    return write, read


def _Document(_codec):
    cls, new, absent = Document, object.__new__, ()
    w6, r6 = _codec(date, shared=False)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Document')
        return [s(v.id), s(v.title), s(v.short), v.year, v.line, s(v.path), (None if v.effective is None else w6(v.effective, s))]

    def bad():
        raise ValueError('not a Document')

    def read(x, r):
        if type(x) is not list or len(x) != 7:
            bad()
        f0, f1, f2, f3, f4, f5, f6, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(id=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), title=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()), short=(t2 if type(f2) is int and 0 <= f2 < size and type(t2 := table[f2]) is str else bad()), year=(f3 if type(f3) is int and f3 >= 0 else bad()), line=(f4 if type(f4) is int and f4 >= 0 else bad()), path=(t5 if type(f5) is int and 0 <= f5 < size and type(t5 := table[f5]) is str else bad()), effective=(None if f6 is None else r6(f6, r)))
        return obj
    return write, read


def _Task(_codec):
    cls, new, absent = Task, object.__new__, ()
    w2, r2 = _codec(tuple[str, ...])
    e2 = ()
    w3, r3 = _codec(tuple[str, ...])
    e3 = ()
    w5, r5 = _codec(Deadline)
    w9, r9 = _codec(Completion, shared=False)
    w10, r10 = _codec(dict[int, Completion])
    w11, r11 = _codec(tuple[Note, ...])
    e11 = ()
    w12, r12 = _codec(tuple[Succession, ...])
    e12 = ()
    w13, r13 = _codec(dict[str, str])
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Task')
        return [s(v.id), s(v.title), w2(v.lead, s), w3(v.partners, s), v.due_text, w5(v.deadline, s), s(v.document), s(v.ref), v.implements, (None if v.done is None else w9(v.done, s)), w10(v.done_yearly, s), w11(v.notes, s), w12(v.moved, s), w13(v.partner_roles, s), s(v.path), v.line, v.order, v.per_member]

    def bad():
        raise ValueError('not a Task')

    def read(x, r):
        if type(x) is not list or len(x) != 18:
            bad()
        f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(id=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), title=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()), lead=(e2 if type(f2) is list and not f2 else r2(f2, r)), partners=(e3 if type(f3) is list and not f3 else r3(f3, r)), due_text=(f4 if f4 is None or type(f4) is str else bad()), deadline=r5(f5, r), document=(t6 if type(f6) is int and 0 <= f6 < size and type(t6 := table[f6]) is str else bad()), ref=(t7 if type(f7) is int and 0 <= f7 < size and type(t7 := table[f7]) is str else bad()), implements=(f8 if f8 is None or type(f8) is str else bad()), done=(None if f9 is None else r9(f9, r)), done_yearly=({} if type(f10) is list and not f10 else r10(f10, r)), notes=(e11 if type(f11) is list and not f11 else r11(f11, r)), moved=(e12 if type(f12) is list and not f12 else r12(f12, r)), partner_roles=({} if type(f13) is list and not f13 else r13(f13, r)), path=(t14 if type(f14) is int and 0 <= f14 < size and type(t14 := table[f14]) is str else bad()), line=(f15 if type(f15) is int and f15 >= 0 else bad()), order=(f16 if type(f16) is int and f16 >= 0 else bad()), per_member=(f17 if type(f17) is bool else bad()))
        return obj
    return write, read


def _Unit(_codec):
    cls, new, absent = Unit, object.__new__, ()
    w7, r7 = _codec(Succession, shared=False)
    w8, r8 = _codec(tuple[str, ...])
    e8 = ()
    w10, r10 = _codec(date, shared=False)
    w11, r11 = _codec(Members, shared=False)
    w13, r13 = _codec(tuple[FormerName, ...])
    e13 = ()
    w14, r14 = _codec(tuple[str, ...])
    e14 = ()
    w15, r15 = _codec(Ceased, shared=False)
    w16, r16 = _codec(tuple[Contact, ...])
    e16 = ()
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Unit')
        return [s(v.id), s(v.name), s(v.short), s(v.kind), v.parent, v.line, s(v.path), (None if v.successor is None else w7(v.successor, s)), w8(v.former_ids, s), v.email, (None if v.since is None else w10(v.since, s)), (None if v.members is None else w11(v.members, s)), v.code, w13(v.names, s), w14(v.member_of, s), (None if v.ceased is None else w15(v.ceased, s)), w16(v.contacts, s)]

    def bad():
        raise ValueError('not a Unit')

    def read(x, r):
        if type(x) is not list or len(x) != 17:
            bad()
        f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(id=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), name=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()), short=(t2 if type(f2) is int and 0 <= f2 < size and type(t2 := table[f2]) is str else bad()), kind=(t3 if type(f3) is int and 0 <= f3 < size and type(t3 := table[f3]) is str else bad()), parent=(f4 if f4 is None or type(f4) is str else bad()), line=(f5 if type(f5) is int and f5 >= 0 else bad()), path=(t6 if type(f6) is int and 0 <= f6 < size and type(t6 := table[f6]) is str else bad()), successor=(None if f7 is None else r7(f7, r)), former_ids=(e8 if type(f8) is list and not f8 else r8(f8, r)), email=(f9 if f9 is None or type(f9) is str else bad()), since=(None if f10 is None else r10(f10, r)), members=(None if f11 is None else r11(f11, r)), code=(f12 if f12 is None or type(f12) is str else bad()), names=(e13 if type(f13) is list and not f13 else r13(f13, r)), member_of=(e14 if type(f14) is list and not f14 else r14(f14, r)), ceased=(None if f15 is None else r15(f15, r)), contacts=(e16 if type(f16) is list and not f16 else r16(f16, r)))
        return obj
    return write, read


def _CalendarFile(_codec):
    cls, new, absent = CalendarFile, object.__new__, ()
    w1, r1 = _codec(frozenset[date])
    e1 = frozenset()
    w2, r2 = _codec(frozenset[date])
    e2 = frozenset()
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as CalendarFile')
        return [v.working_days, w1(v.days_off, s), w2(v.working, s)]

    def bad():
        raise ValueError('not a CalendarFile')

    def read(x, r):
        if type(x) is not list or len(x) != 3:
            bad()
        f0, f1, f2, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(working_days=(f0 if type(f0) is bool else bad()), days_off=(e1 if type(f1) is list and not f1 else r1(f1, r)), working=(e2 if type(f2) is list and not f2 else r2(f2, r)))
        return obj
    return write, read


def _MemberRecord(_codec):
    cls, new, absent = MemberRecord, object.__new__, ()
    w2, r2 = _codec(int, shared=False)
    w3, r3 = _codec(Completion, shared=False)
    w4, r4 = _codec(Note, shared=False)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as MemberRecord')
        return [s(v.member), s(v.task), (None if v.year is None else w2(v.year, s)), (None if v.done is None else w3(v.done, s)), (None if v.note is None else w4(v.note, s)), v.by, s(v.path), v.line]

    def bad():
        raise ValueError('not a MemberRecord')

    def read(x, r):
        if type(x) is not list or len(x) != 8:
            bad()
        f0, f1, f2, f3, f4, f5, f6, f7, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(member=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), task=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()), year=(None if f2 is None else r2(f2, r)), done=(None if f3 is None else r3(f3, r)), note=(None if f4 is None else r4(f4, r)), by=(f5 if f5 is None or type(f5) is str else bad()), path=(t6 if type(f6) is int and 0 <= f6 < size and type(t6 := table[f6]) is str else bad()), line=(f7 if type(f7) is int and f7 >= 0 else bad()))
        return obj
    return write, read


def _FormerName(_codec):
    cls, new, absent = FormerName, object.__new__, ()
    w1, r1 = _codec(date)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as FormerName')
        return [s(v.unit), w1(v.until, s), s(v.by), v.name, v.short, v.code, s(v.path), v.line]

    def bad():
        raise ValueError('not a FormerName')

    def read(x, r):
        if type(x) is not list or len(x) != 8:
            bad()
        f0, f1, f2, f3, f4, f5, f6, f7, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(unit=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), until=r1(f1, r), by=(t2 if type(f2) is int and 0 <= f2 < size and type(t2 := table[f2]) is str else bad()), name=(f3 if f3 is None or type(f3) is str else bad()), short=(f4 if f4 is None or type(f4) is str else bad()), code=(f5 if f5 is None or type(f5) is str else bad()), path=(t6 if type(f6) is int and 0 <= f6 < size and type(t6 := table[f6]) is str else bad()), line=(f7 if type(f7) is int and f7 >= 0 else bad()))
        return obj
    return write, read


def _Contact(_codec):
    cls, new, absent = Contact, object.__new__, ()
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Contact')
        return [s(v.unit), s(v.email), v.of, s(v.path), v.line]

    def bad():
        raise ValueError('not a Contact')

    def read(x, r):
        if type(x) is not list or len(x) != 5:
            bad()
        f0, f1, f2, f3, f4, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(unit=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), email=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()), of=(f2 if f2 is None or type(f2) is str else bad()), path=(t3 if type(f3) is int and 0 <= f3 < size and type(t3 := table[f3]) is str else bad()), line=(f4 if type(f4) is int and f4 >= 0 else bad()))
        return obj
    return write, read


def _Deadline(_codec):
    cls, new, absent = Deadline, object.__new__, ()
    w1, r1 = _codec(date, shared=False)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Deadline')
        return [s(v.kind), (None if v.on is None else w1(v.on, s)), v.month, v.day]

    def bad():
        raise ValueError('not a Deadline')

    def read(x, r):
        if type(x) is not list or len(x) != 4:
            bad()
        f0, f1, f2, f3, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(kind=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), on=(None if f1 is None else r1(f1, r)), month=(f2 if type(f2) is int and f2 >= 0 else bad()), day=(f3 if type(f3) is int and f3 >= 0 else bad()))
        return obj
    return write, read


def _Completion(_codec):
    cls, new, absent = Completion, object.__new__, ()
    w0, r0 = _codec(date)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Completion')
        return [w0(v.on, s), s(v.evidence), v.source, v.exact]

    def bad():
        raise ValueError('not a Completion')

    def read(x, r):
        if type(x) is not list or len(x) != 4:
            bad()
        f0, f1, f2, f3, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(on=r0(f0, r), evidence=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()), source=(f2 if f2 is None or type(f2) is str else bad()), exact=(f3 if type(f3) is bool else bad()))
        return obj
    return write, read


def _Note(_codec):
    cls, new, absent = Note, object.__new__, ()
    w0, r0 = _codec(date)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Note')
        return [w0(v.on, s), s(v.text), v.source]

    def bad():
        raise ValueError('not a Note')

    def read(x, r):
        if type(x) is not list or len(x) != 3:
            bad()
        f0, f1, f2, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(on=r0(f0, r), text=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()), source=(f2 if f2 is None or type(f2) is str else bad()))
        return obj
    return write, read


def _Succession(_codec):
    cls, new, absent = Succession, object.__new__, ()
    w2, r2 = _codec(date)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Succession')
        return [s(v.unit), s(v.to), w2(v.on, s), s(v.by)]

    def bad():
        raise ValueError('not a Succession')

    def read(x, r):
        if type(x) is not list or len(x) != 4:
            bad()
        f0, f1, f2, f3, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(unit=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), to=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()), on=r2(f2, r), by=(t3 if type(f3) is int and 0 <= f3 < size and type(t3 := table[f3]) is str else bad()))
        return obj
    return write, read


def _Members(_codec):
    cls, new, absent = Members, object.__new__, ()
    w1, r1 = _codec(tuple[Membership, ...])
    e1 = ()
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Members')
        return [v.kind, w1(v.units, s), v.name, v.addressee]

    def bad():
        raise ValueError('not a Members')

    def read(x, r):
        if type(x) is not list or len(x) != 4:
            bad()
        f0, f1, f2, f3, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(kind=(f0 if f0 is None or type(f0) is str else bad()), units=(e1 if type(f1) is list and not f1 else r1(f1, r)), name=(f2 if f2 is None or type(f2) is str else bad()), addressee=(f3 if f3 is None or type(f3) is str else bad()))
        return obj
    return write, read


def _Ceased(_codec):
    cls, new, absent = Ceased, object.__new__, ()
    w0, r0 = _codec(date)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Ceased')
        return [w0(v.on, s), s(v.by)]

    def bad():
        raise ValueError('not a Ceased')

    def read(x, r):
        if type(x) is not list or len(x) != 2:
            bad()
        f0, f1, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(on=r0(f0, r), by=(t1 if type(f1) is int and 0 <= f1 < size and type(t1 := table[f1]) is str else bad()))
        return obj
    return write, read


def _Membership(_codec):
    cls, new, absent = Membership, object.__new__, ()
    w1, r1 = _codec(date, shared=False)
    w2, r2 = _codec(date, shared=False)
    def write(v, s):
        if type(v) is not cls:
            raise TypeError('no cache format for ' + type(v).__name__ + ' as Membership')
        return [s(v.unit), (None if v.since is None else w1(v.since, s)), (None if v.until is None else w2(v.until, s)), v.by]

    def bad():
        raise ValueError('not a Membership')

    def read(x, r):
        if type(x) is not list or len(x) != 4:
            bad()
        f0, f1, f2, f3, = x
        table = r.table
        size = len(table)
        obj = new(cls)
        obj.__dict__.update(unit=(t0 if type(f0) is int and 0 <= f0 < size and type(t0 := table[f0]) is str else bad()), since=(None if f1 is None else r1(f1, r)), until=(None if f2 is None else r2(f2, r)), by=(f3 if f3 is None or type(f3) is str else bad()))
        return obj
    return write, read


FIELDS = {
    'Parsed': ((('documents', "ForwardRef('list[Document]')"), ('tasks', "ForwardRef('list[Task]')"), ('units', "ForwardRef('list[Unit]')"), ('errors', "ForwardRef('list[DataError]')"), ('calendar', "ForwardRef('CalendarFile | None')"), ('unreadable', "ForwardRef('str | None')"), ('records', "ForwardRef('tuple[MemberRecord, ...]')"), ('names', "ForwardRef('tuple[FormerName, ...]')"), ('contacts', "ForwardRef('tuple[Contact, ...]')")), ()),
    'Plan': ((('documents', 'dict[str, Document]'), ('units', 'dict[str, Unit]'), ('tasks', 'tuple[Task, ...]'), ('calendar', 'Calendar | None'), ('calendar_file', 'CalendarFile | None'), ('records', 'tuple[MemberRecord, ...]')), ('calendar',)),
    'DataError': ((('path', 'str'), ('line', 'int'), ('message', 'Message'), ('needs', 'str | None'), ('warning', 'bool')), ()),
    'Document': ((('id', 'str'), ('title', 'str'), ('short', 'str'), ('year', 'int'), ('line', 'int'), ('path', 'str'), ('effective', 'date | None')), ()),
    'Task': ((('id', 'str'), ('title', 'str'), ('lead', 'tuple[str, ...]'), ('partners', 'tuple[str, ...]'), ('due_text', 'str | None'), ('deadline', 'Deadline'), ('document', 'str'), ('ref', 'str'), ('implements', 'str | None'), ('done', 'Completion | None'), ('done_yearly', 'dict[int, Completion]'), ('notes', 'tuple[Note, ...]'), ('moved', 'tuple[Succession, ...]'), ('partner_roles', 'dict[str, str]'), ('path', 'str'), ('line', 'int'), ('order', 'int'), ('per_member', 'bool')), ()),
    'Unit': ((('id', 'str'), ('name', 'str'), ('short', 'str'), ('kind', 'str'), ('parent', 'str | None'), ('line', 'int'), ('path', 'str'), ('successor', 'Succession | None'), ('former_ids', 'tuple[str, ...]'), ('email', 'str | None'), ('since', 'date | None'), ('members', 'Members | None'), ('code', 'str | None'), ('names', 'tuple[FormerName, ...]'), ('member_of', 'tuple[str, ...]'), ('ceased', 'Ceased | None'), ('contacts', 'tuple[Contact, ...]')), ()),
    'CalendarFile': ((('working_days', 'bool'), ('days_off', 'frozenset[date]'), ('working', 'frozenset[date]')), ()),
    'MemberRecord': ((('member', 'str'), ('task', 'str'), ('year', 'int | None'), ('done', 'Completion | None'), ('note', 'Note | None'), ('by', 'str | None'), ('path', 'str'), ('line', 'int')), ()),
    'FormerName': ((('unit', 'str'), ('until', 'date'), ('by', 'str'), ('name', 'str | None'), ('short', 'str | None'), ('code', 'str | None'), ('path', 'str'), ('line', 'int')), ()),
    'Contact': ((('unit', 'str'), ('email', 'str'), ('of', 'str | None'), ('path', 'str'), ('line', 'int')), ()),
    'Deadline': ((('kind', 'str'), ('on', 'date | None'), ('month', 'int'), ('day', 'int')), ()),
    'Completion': ((('on', 'date'), ('evidence', 'str'), ('source', 'str | None'), ('exact', 'bool')), ()),
    'Note': ((('on', 'date'), ('text', 'str'), ('source', 'str | None')), ()),
    'Succession': ((('unit', 'str'), ('to', 'str'), ('on', 'date'), ('by', 'str')), ()),
    'Members': ((('kind', 'str | None'), ('units', 'tuple[Membership, ...]'), ('name', 'str | None'), ('addressee', 'str | None')), ()),
    'Ceased': ((('on', 'date'), ('by', 'str')), ()),
    'Membership': ((('unit', 'str'), ('since', 'date | None'), ('until', 'date | None'), ('by', 'str | None')), ()),
}
