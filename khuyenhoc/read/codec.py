"""The cache's format: kh's records as JSON, read back by constructors that run nothing else.

Pickle was the format before: reading a pickle runs whatever code it names, so a planted entry
ran as the user. JSON names no code. Each record is a JSON array whose positions are the
record's fields; the reader knows each field's type, so nothing in the data decides what is
built. A value of a type this module does not know is refused when the entry is written (the
entry is then not cached), and anything unexpected when it is read raises :class:`ValueError`
(the entry is then ignored and the files parsed again).

There is one declaration of the records: the classes of :mod:`khuyenhoc.core.model`. The
writer and the reader of each record follow from its fields and their types (:func:`_factory`),
so a new field is cached, and checked when read, without a line here. They are written into
:mod:`khuyenhoc.read.codec_records` (``python -m khuyenhoc.read.codec``), compiled at install
like any module; a record declared otherwise than written there is made at run time. Texts
and days that a field must have (not an optional one) are written once in a table and referred
to by their position: a plan of 10^5 tasks has a few hundred distinct titles, unit ids and
deadlines.

The values cached are a file's :class:`~khuyenhoc.core.model.Parsed` records, a checked plan with
its problems, and the text of a key (the alias from files' status to their bytes).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import textwrap
import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Any

from ..core.deadlines import Deadline
from ..core.model import DataError, Parsed, Plan
from ..words.i18n import Msg

_day = date.fromisoformat

# Records shared by many others, written once in the table (a deadline: one per phrase).
_SHARED = (Deadline,)


class _Table:
    """The values written once, by position (see the module)."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        n = self.index.get(value)
        if n is None:
            n = self.index[value] = len(self.index)
        return n

    def items(self) -> list[Any]:
        return [list(v) if isinstance(v, tuple) else v for v in self.index]


class _Read:
    """The table of an entry being read, with what was built from its positions."""

    def __init__(self, table: Any):
        self.table = _list(table)
        self.built: dict[tuple[Any, int], Any] = {}

    def at(self, n: Any) -> Any:  # a position (a negative one would silently read another value)
        if type(n) is not int or not 0 <= n < len(self.table):
            raise ValueError("not a position in the table")
        return self.table[n]


Write = Callable[[Any, _Table], Any]
Read = Callable[[Any, _Read], Any]


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
            return _unmessage(x, None)
        if tag == "d":
            return _day(x)
        if tag == "l":
            return tuple(_unvalue(i) for i in x)
    raise ValueError("not a message value")


def _message(m: Any, _: _Table) -> Any:
    if isinstance(m, str):
        return m
    if isinstance(m, Msg):
        return [m.template, {k: _value(x) for k, x in m.values.items()}]
    raise TypeError(f"no cache format for a message of type {type(m).__name__}")


def _unmessage(m: Any, _: _Read | None) -> str | Msg:
    if isinstance(m, str):
        return m
    template, values = _list(m)
    if not isinstance(template, str) or not isinstance(values, dict):
        raise ValueError("not a message")
    message = Msg(template, **{k: _unvalue(x) for k, x in values.items()})
    for lang in ("vi", "en"):  # a value that does not fit its place ({n:02x} given text) fails here, not when shown
        message.render(lang)
    return message


# -- every record's writer and reader, from its declaration ----------------------------------------


def _of(v: Any, kind: type) -> Any:
    """``v`` if it is of exactly this type (JSON's: str, bool, list, dict), else ValueError."""
    if type(v) is not kind:
        raise ValueError(f"expected {kind.__name__}")
    return v


_str, _bool, _list = (functools.partial(_of, kind=k) for k in (str, bool, list))


def _int(v: Any, _: Any = None) -> int:
    """A whole number, never negative: lines, positions, years, months, days."""
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise ValueError("expected a number")
    return v


def _text(n: Any, r: _Read) -> str:
    table = r.table  # (_Read.at, inlined: the reader's most frequent call)
    if type(n) is int and 0 <= n < len(table) and type(text := table[n]) is str:
        return text
    raise ValueError("not a text in the table")


def _shared_day(n: Any, r: _Read) -> date:
    key = (date, n)
    if (day := r.built.get(key)) is None:
        day = r.built[key] = _day(_text(n, r))
    return day


def _optional(write: Write, read: Read) -> tuple[Write, Read]:
    return (lambda v, s: None if v is None else write(v, s)), (lambda x, r: None if x is None else read(x, r))


def _many(kind: Callable[[Any], Any], write: Write, read: Read) -> tuple[Write, Read]:
    def many_write(v: Any, s: _Table) -> list[Any]:
        return [write(x, s) for x in (sorted(v) if kind is frozenset else v)]

    empty = kind([])

    def many_read(x: Any, r: _Read) -> Any:
        if type(x) is not list:
            raise ValueError("expected a list")
        return kind([read(i, r) for i in x]) if x else (empty if kind is not list else [])

    return many_write, many_read


@functools.cache
def _codec(tp: Any, shared: bool = True) -> tuple[Write, Read]:
    """The writer and the reader of a value of type ``tp`` (a field's declared type)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        if set(kinds) == {str, Msg}:  # a message: text, or a template with its values
            return _message, _unmessage
        (kind,) = kinds
        return _optional(*_codec(kind, shared=False))  # an optional text or day: as is (None stays distinct)
    if origin in (tuple, list, frozenset):
        if origin is tuple and (len(args) != 2 or args[1] is not Ellipsis):
            raise TypeError(f"no cache format for {tp}")
        return _many(origin, *_codec(args[0]))
    if origin is dict:
        (write_key, read_key), (write_value, read_value) = _codec(args[0]), _codec(args[1])

        def dict_read(x: Any, r: _Read) -> dict[Any, Any]:
            if type(x) is not list:
                raise ValueError("expected a list")
            return {read_key(k, r): read_value(y, r) for k, y in map(_pair, x)} if x else {}

        return (lambda v, s: [[write_key(k, s), write_value(x, s)] for k, x in v.items()]), dict_read
    if tp is str:
        return ((lambda v, s: s(_of(v, str))), _text) if shared else ((lambda v, s: _of(v, str)), lambda x, r: _str(x))
    if tp is date:
        if shared:
            return (lambda v, s: s(v.isoformat())), _shared_day
        return (lambda v, s: v.isoformat()), lambda x, r: _day(_str(x))
    if tp is bool:
        return (lambda v, s: _of(v, bool)), lambda x, r: _bool(x)
    if tp is int:
        return (lambda v, s: _int(v)), _int
    if isinstance(tp, type) and (dataclasses.is_dataclass(tp) or issubclass(tp, tuple)):
        return _record(tp)
    raise TypeError(f"no cache format for {tp}")


def _pair(x: Any) -> list[Any]:
    if type(x) is not list or len(x) != 2:
        raise ValueError("not a pair")
    return x


# A plan's working days are made per run (load_plan), never cached: the field is not written,
# and reads as None. Its type (core.workdays.Calendar) is then never looked at.
_ABSENT = {"Plan": ("calendar",)}


def _source(tp: Any, names: dict[str, Any]) -> str:
    """A field's type as Python source (``tuple[Completion, ...]``, ``date | None``), each class
    it names kept in ``names``."""
    if tp is type(None):
        return "None"
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_source(a, names) for a in args)
    if origin is not None:
        return f"{origin.__name__}[{', '.join('...' if a is Ellipsis else _source(a, names) for a in args)}]"
    names[tp.__name__] = tp
    return tp.__name__


def _field_code(tp: Any, n: int, names: dict[str, Any]) -> tuple[str, str, list[str]]:
    """How the generated writer and reader (:func:`_factory`) write and read field ``n`` of type
    ``tp``: the commonest kinds inline (a text of the table, a number, a flag, an optional
    text, an empty list), the others through their codec, bound first as ``w{n}``/``r{n}``."""
    f, v = f"f{n}", "v.{name}"
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is str:
        return (
            f"s({v})",
            f"(t{n} if type({f}) is int and 0 <= {f} < size and type(t{n} := table[{f}]) is str else bad())",
            [],
        )
    if tp is int:
        return v, f"({f} if type({f}) is int and {f} >= 0 else bad())", []
    if tp is bool:
        return v, f"({f} if type({f}) is bool else bad())", []
    if origin in (typing.Union, types.UnionType) and set(args) == {str, type(None)}:
        return v, f"({f} if {f} is None or type({f}) is str else bad())", []
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args and str not in args:
        (kind,) = [a for a in args if a is not type(None)]
        bind = [f"w{n}, r{n} = _codec({_source(kind, names)}, shared=False)"]  # an optional record, day or number
        return f"(None if {v} is None else w{n}({v}, s))", f"(None if {f} is None else r{n}({f}, r))", bind
    bind = [f"w{n}, r{n} = _codec({_source(tp, names)})"]
    if origin in (tuple, list, frozenset, dict):
        empty = {list: "[]", dict: "{}"}.get(origin, f"e{n}")
        if origin in (tuple, frozenset):
            bind.append(f"e{n} = {'()' if origin is tuple else 'frozenset()'}")
        return f"w{n}({v}, s)", f"({empty} if type({f}) is list and not {f} else r{n}({f}, r))", bind
    return f"w{n}({v}, s)", f"r{n}({f}, r)", bind


def _declared(cls: type) -> list[tuple[str, Any]]:
    """A record's fields in their declared order, with their annotations as written."""
    if dataclasses.is_dataclass(cls):
        return [(f.name, f.type) for f in dataclasses.fields(cls)]
    return [(name, cls.__annotations__.get(name)) for name in cls._fields]  # type: ignore[attr-defined]


def _fields(cls: type) -> tuple[Any, ...]:
    """What a record's generated codec was made from: its fields, their declared types, and the
    fields never cached. A record whose declaration differs is made again (:func:`_record`)."""
    return (tuple((name, str(kind)) for name, kind in _declared(cls)), _ABSENT.get(cls.__name__, ()))


def _factory(cls: type, names: dict[str, Any]) -> str:
    """The source of ``_<Record>(_codec)``, which returns the record's writer and reader: the
    record as the array of its fields, in their declared order, each read back as its type,
    without running the class's code (its fields set directly, as pickle did: most of the time
    of reading 10^5 tasks went to a frozen class's ``__init__``). One function each, of the
    field names and the kinds above, never of anything read from an entry (a call per field
    read 10^5 tasks twice as slowly); kept in :mod:`khuyenhoc.read.codec_records`, compiled at
    install (making them cost each run 18 ms)."""
    absent = _ABSENT.get(cls.__name__, ())
    hints = typing.get_type_hints(cls, localns={"Calendar": object})
    named = dataclasses.is_dataclass(cls)
    fields = [name for name, _ in _declared(cls) if name not in absent]
    names[cls.__name__] = cls
    codes = [_field_code(hints[name], n, names) for n, name in enumerate(fields)]
    values = [reader for _, reader, _ in codes]
    built = (
        "obj = new(cls)\n"
        f"obj.__dict__.update({', '.join(f'{name}={value}' for name, value in zip(fields, values, strict=True))})\n"
        + "".join(f"obj.__dict__[{name!r}] = None\n" for name in absent)
        + "return obj\n"
        if named
        else f"return cls({', '.join(values)})\n"
    )
    body = (
        "def write(v, s):\n"
        "    if type(v) is not cls:\n"
        f"        raise TypeError('no cache format for ' + type(v).__name__ + ' as {cls.__name__}')\n"
        + "".join(
            f"    if v.{name} is not None:\n        raise TypeError('{name}: made per run, never cached')\n"
            for name in absent
        )
        + f"    return [{', '.join(w.format(name=name) for (w, _, _), name in zip(codes, fields, strict=True))}]\n"
        "\n"
        "def bad():\n"
        f"    raise ValueError('not a {cls.__name__}')\n"
        "\n"
        "def read(x, r):\n"
        f"    if type(x) is not list or len(x) != {len(fields)}:\n"
        "        bad()\n"
        f"    {', '.join(f'f{n}' for n in range(len(fields)))}, = x\n"
        "    table = r.table\n"
        "    size = len(table)\n" + textwrap.indent(built, "    ")
    )
    binds = [line for _, _, lines in codes for line in lines]
    return (
        f"def _{cls.__name__}(_codec):\n"
        f"    cls, new, absent = {cls.__name__}, object.__new__, {absent!r}\n"
        + "".join(f"    {line}\n" for line in binds)
        + textwrap.indent(body, "    ")
        + "    return write, read\n"
    )


def _record(cls: type) -> tuple[Write, Read]:
    """A record's writer and reader: written in :mod:`khuyenhoc.read.codec_records`, or made
    now from the declaration when that was written for another one (a new field not yet
    generated, a record the module does not hold)."""
    from . import codec_records as made

    factory = getattr(made, f"_{cls.__name__}", None)
    if factory is None or getattr(made, cls.__name__, None) is not cls or made.FIELDS.get(cls.__name__) != _fields(cls):
        names: dict[str, Any] = {}
        source = _factory(cls, names)
        exec(compile(source, f"<kh cache codec of {cls.__name__}>", "exec"), names)  # see _factory
        factory = names[f"_{cls.__name__}"]
    write, read = factory(_codec)

    if cls not in _SHARED:
        return write, read

    def read_shared(n: Any, r: _Read) -> Any:
        key = (cls, n)
        if (obj := r.built.get(key)) is None:
            obj = r.built[key] = read(r.at(n), r)
        return obj

    return (lambda v, s: s(tuple(write(v, s)))), read_shared


def generate() -> str:
    """The source of :mod:`khuyenhoc.read.codec_records`: every record a cache entry holds."""
    names: dict[str, Any] = {}
    factories, fields, done = [], [], []
    pending: list[type] = [Parsed, Plan, DataError]
    while pending:
        cls = pending.pop(0)
        if cls in done:
            continue
        done.append(cls)
        factories.append(_factory(cls, names))
        fields.append(f"    {cls.__name__!r}: {_fields(cls)!r},\n")
        pending += [t for t in names.values() if t not in done and (dataclasses.is_dataclass(t) or t.__base__ is tuple)]
    modules = sorted({tp.__module__ for tp in names.values()} - {"builtins"})
    imports = [
        f"from {_relative(m)} import {', '.join(sorted(n for n, tp in names.items() if tp.__module__ == m))}\n"
        for m in modules
    ]
    return (
        '"""Each cached record\'s writer and reader, generated from its declaration in core/model.py by\n'
        ":mod:`khuyenhoc.read.codec`: do not edit. After a record's fields change, run\n"
        "``python -m khuyenhoc.read.codec`` (tests/read/test_cache.py says when)."
        '"""\n\n# mypy: ignore-errors\n\n'
        + "".join(imports)
        + "".join(f"\n\n{f}" for f in factories)
        + "\n\nFIELDS = {\n"
        + "".join(fields)
        + "}\n"
    )


def _relative(module: str) -> str:
    """``khuyenhoc.core.model`` as this package imports it (``..core.model``); others as they are."""
    return re.sub(r"^khuyenhoc\.(read\.)?", lambda m: "." if m[1] else "..", module)


# -- the values the cache holds -------------------------------------------------------------------

_Errors = list[DataError]


def dumps(value: Any) -> bytes:
    """An entry's bytes. Raises TypeError for a value the format does not hold."""
    table = _Table()
    if isinstance(value, str):
        return json.dumps(["key", value], ensure_ascii=False).encode("utf-8")
    if isinstance(value, Parsed):
        body: Any = ["file", _codec(Parsed)[0](value, table)]
    elif isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], Plan):
        plan, errors = value
        body = ["plan", _codec(Plan)[0](plan, table), _codec(_Errors)[0](errors, table)]
    else:
        raise TypeError(f"no cache format for {type(value).__name__}")
    body.insert(1, table.items())
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
        table, parsed = rest
        return _codec(Parsed)[1](parsed, _Read(table))
    if kind == "plan":
        table, plan, errors = rest
        r = _Read(table)
        return _codec(Plan)[1](plan, r), _codec(_Errors)[1](errors, r)
    raise ValueError("not a cache entry")


if __name__ == "__main__":  # python -m khuyenhoc.read.codec: codec_records.py written again
    import os
    import pathlib

    temporary = pathlib.Path(__file__).with_name("codec_records.tmp")
    temporary.write_text(generate(), encoding="utf-8")
    os.replace(temporary, temporary.with_suffix(".py"))
