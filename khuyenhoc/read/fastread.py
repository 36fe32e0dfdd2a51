"""The items of a large tasks file read without a Python object per YAML node: rapidyaml (C++)
parses the text and writes it as JSON, Python's C JSON reader builds plain values, and the
records are built from those. At 10^5 tasks this is about a quarter of PyYAML's compose
(benchmarks/RESULTS.md).

It is a shortcut, never a second reader: it answers only when it is certain that the node
reader (:mod:`khuyenhoc.read.parse`) would read the same records and find no problem at all, and
otherwise answers None so that the node reader reads the text and says what it says. So it
declines when:

- the `rapidyaml` wheel is missing, or fails to parse the text;
- the text holds anything the two parsers may read differently or kh refuses: anchors,
  aliases, tags, directives, document markers, block texts with ``+`` or an indentation
  indicator (``|+``, ``>2``), a backslash, a tab, a carriage return,
  YAML 1.1's other line breaks, a character PyYAML refuses, a quoted year as a key, a complex key,
  merge-conflict markers, deep nesting;
- a value is one that YAML 1.1 would read as something else than text if it was written
  plain (``yes``, ``~``, ``1_000``, ``12:30``…), since JSON no longer says whether it was
  quoted (a plain ``2021-06-30`` where a day is expected is the one exception: both readers
  give that day);
- a mapping repeats a key, a key is unknown, a value is of the wrong kind, a date or deadline
  does not read, a source is shortened with "…": anything the node reader would report.

A record's line is that of its item's "- " in the text (what the node reader gives), found
by the item's indentation; the items found must be exactly the list's, each with its own id.
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from ..core.deadlines import MAX_YEAR, MIN_YEAR, DeadlineError, parse_date, parse_deadline
from ..core.model import Completion, Note, Succession, Task, from_fields
from ..words.text import clean_text
from .parse import ID
from .yamlread import NO_COMPLETIONS, NO_ROLES, SafeLoader, suspicious

try:
    import ryml  # type: ignore[import-untyped, import-not-found, unused-ignore]
except ImportError:  # no wheel for this platform: the node reader reads everything
    ryml = None

# Anything the two parsers might read differently, or that kh refuses (the node reader then
# says why): substring tests on the UTF-8 bytes first, a regular expression only where one may
# match (a pattern that tries every position of 30 MB costs a tenth of a second).
# Escapes, tabs, YAML 1.1's other line breaks, a BOM inside, and U+FFFE, U+FFFF (which PyYAML
# refuses): single characters, found in the text quicker than their UTF-8 in the bytes.
_REFUSED = "\\\t\r\x85\u2028\u2029\ufeff\ufffe\uffff"
# Documents and directives (a marker indented too: the two parsers end a block text differently
# there), merge conflicts, and block texts that keep their last line breaks or say their
# indentation (|+, >2): searches led by a literal.
_MARKERS = re.compile(rb"\n[ ]*(?:---|\.\.\.)(?=[ \n]|$)|\n(?:%|<{7}|>{7}|={7})")
_PIPE_INDICATOR, _FOLD_INDICATOR = re.compile(rb"\|-?[0-9+]"), re.compile(rb">-?[0-9+]")
_COMPLEX_KEY = re.compile(r"^[ ]*(?:- )*\?(?:[ ]|$)", re.M)
_TAG = re.compile(r"(?:^|[ \[{,])![^\s\[\]{},]", re.M)
# A quoted year as a key (other keys read the same, quoted or not): with digits mapped to "0"
# and quotes to "q", a search for `0q:` or `0q :` (more spaces: the pattern, led by a literal).
_QUOTED_YEAR = re.compile(rb"0q *:")
_QUOTE_CLASSES = bytes(
    ord("0") if byte in b"0123456789" else ord("q") if byte in b"\"'" else byte if byte in b": " else ord("x")
    for byte in range(256)
)
# What PyYAML refuses to read (yaml.reader.Reader.NON_PRINTABLE), in UTF-8: the control
# characters but tab and the line breaks (left once the other bytes are deleted), the C1 controls
# U+0080–U+009F (0xC2 0x80–0x9F, U+0085 among them: a YAML 1.1 line break); U+FFFE and U+FFFF
# are in _REFUSED.
_PRINTABLE_BYTES = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100)) + b"\t\n\r"
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_IMPLICIT = {
    first: tuple(rx for tag, rx in resolvers if not tag.endswith(":str"))
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}
_PLAIN_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BARE_ANCHOR = re.compile(rb"(?:(?:^|[:\-,\n]) +|[\[{,] *)[&*](?=[ \n,\]}]|$)")
# A value that starts with one of YAML's indicators: written plain, PyYAML refuses most of them
# (` @ %, and ] } , ? : in a flow list) where rapidyaml reads text; quoted, it reads the same, but
# the JSON no longer says which it was.
_INDICATORS = frozenset("`@%]},?:!&*|>#[{'\"-")
_YEAR_KEY = re.compile(r"[1-9][0-9]{3}")
_FIRST_ITEM = re.compile(r"tasks:\n(?:[ ]*(?:#[^\n]*)?\n)*( +)- ")  # after blank and comment lines


def _declined(text: str, data: bytes) -> bool:
    """Does the text (``data`` in UTF-8) hold anything this reader leaves to the node reader?"""
    if data.translate(None, _PRINTABLE_BYTES) or (b"\xc2" in data and _C1.search(data)):
        return True
    if any(one in text for one in _REFUSED):
        return True
    if data.startswith((b"---", b"...", b"%")) or _MARKERS.search(data):
        return True
    if (b"|" in data or b">" in data) and (_PIPE_INDICATOR.search(data) or _FOLD_INDICATOR.search(data)):
        return True
    if (b"?" in data and _COMPLEX_KEY.search(text)) or (b"!" in data and _TAG.search(text)):
        return True
    if (b'"' in data or b"'" in data) and _QUOTED_YEAR.search(data.translate(_QUOTE_CLASSES)):
        return True
    if any(sign in data for sign in (b"& ", b"* ", b"&\n", b"*\n", b"&,", b"*,")) and _BARE_ANCHOR.search(data):
        return True  # an anchor or alias without a name, where a value starts (suspicious() needs a name)
    return suspicious(text, data)


class _Decline(Exception):
    """The node reader must read this text."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _Decline  # a repeated key: the node reader reports it
    return found


def _ambiguous(value: str) -> bool:
    """Would YAML 1.1 read this, written plain, as something else than text?"""
    return not value or any(rx.match(value) for rx in _IMPLICIT.get(value[0], ()))


def _parse(data: bytes) -> Any:
    """The text (in UTF-8) as plain values, by rapidyaml, its messages kept off kh's stderr."""
    import json

    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        try:
            tree = ryml.parse_in_arena(data)
            # into a buffer Python owns and frees (emit_json_malloc's is never freed: +0.4 MiB a parse)
            out = bytearray(ryml.compute_json_length(tree, tree.root_id()))
            ryml.emit_json_in_place(tree, out, tree.root_id())
        finally:
            os.dup2(saved, 2)
    except Exception:  # rapidyaml's parse errors: the node reader locates and says them
        raise _Decline from None
    finally:
        os.close(saved)
    try:
        return json.loads(out, object_pairs_hook=_pairs)
    except (ValueError, RecursionError):  # a number JSON does not take (+1, 0o7): the node reader
        raise _Decline from None


class _Builder:
    """Records from plain values, the node reader's rules on the path where nothing is wrong;
    anything else raises :class:`_Decline`. Values a plan repeats are read once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.shared: dict[Any, Any] = {}
        self.texts_read: dict[str, str] = {}  # value → text as kh keeps it
        self.days_read: dict[str, date] = {}
        self.dues_read: dict[str, str] = {}

    def share(self, value: Any) -> Any:
        return self.shared.setdefault(value, value)

    def text(self, value: Any) -> str:
        try:
            return self.texts_read[value]
        except (KeyError, TypeError):  # new, or not text at all (a list is not hashable)
            pass
        if type(value) is not str or not value.strip() or value[0] in _INDICATORS or _ambiguous(value):
            raise _Decline
        self.texts_read[value] = text = self.share(clean_text(value))
        return text

    def texts(self, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if type(value) is not list:
            return (self.text(value),)
        text = self.text
        return self.share(tuple([text(item) for item in value]))

    def day(self, value: Any) -> date:
        try:
            return self.days_read[value]
        except (KeyError, TypeError):
            pass
        if type(value) is not str or (_ambiguous(value) and not _PLAIN_DAY.fullmatch(value)):
            raise _Decline
        try:
            self.days_read[value] = day = self.share(parse_date(value))
        except DeadlineError:
            raise _Decline from None
        return day

    def due(self, value: Any) -> str:
        try:
            return self.dues_read[value]
        except (KeyError, TypeError):
            pass
        if (
            type(value) is not str
            or not value.strip()
            or value[0] in _INDICATORS
            or (_ambiguous(value) and not _PLAIN_DAY.fullmatch(value))
        ):
            raise _Decline  # a plain 2021-06-30 reads as that text either way
        self.dues_read[value] = text = self.share(clean_text(value))
        return text

    def source(self, value: Any) -> str:
        text = self.text(value)
        if "…" in text:
            raise _Decline  # a warning of the node reader's
        return text

    @staticmethod
    def mapping(value: Any, known: frozenset[str], required: frozenset[str]) -> dict[str, Any]:
        if type(value) is not dict or not value.keys() <= known or not value.keys() >= required:
            raise _Decline
        return value

    def completion(self, value: Any) -> Completion:
        keys = self.mapping(value, _COMPLETION, _EVIDENCE)
        exact = "date" in keys
        if exact == ("no_later_than" in keys):
            raise _Decline
        return from_fields(
            Completion,
            {
                "on": self.day(keys["date" if exact else "no_later_than"]),
                "evidence": self.text(keys["evidence"]),
                "source": self.source(keys["source"]) if "source" in keys else None,
                "exact": exact,
            },
        )

    def task(self, keys: Any, line: int, order: int) -> Task:
        self.mapping(keys, _TASK, _TASK_REQUIRED)
        text = self.text
        task_id = text(keys["id"])
        if not ID.fullmatch(task_id):
            raise _Decline
        lead = self.texts(keys["lead"])
        if not lead:
            raise _Decline
        partners: tuple[str, ...] = ()
        roles: dict[str, str] = NO_ROLES
        if "partners" in keys:
            value = keys["partners"]
            if type(value) is list and any(type(one) is dict for one in value):
                found, roles = [], {}
                for one in value:
                    if type(one) is dict:
                        unit = text(self.mapping(one, _PARTNER, _PARTNER)["unit"])
                        roles[unit] = text(one["role"])
                        found.append(unit)
                    else:
                        found.append(text(one))
                partners = self.share(tuple(found))
            else:
                partners = self.texts(value)
        due = keys.get("due")
        due_text = None if due is None else self.due(due)
        try:
            deadline = parse_deadline(due_text)
        except DeadlineError:
            raise _Decline from None
        source = self.mapping(keys["source"], _SOURCE, _SOURCE)
        done = None
        done_yearly: dict[int, Completion] = NO_COMPLETIONS
        if "done" in keys:
            value = keys["done"]
            if deadline.yearly:
                if type(value) is not dict:
                    raise _Decline
                done_yearly = {}
                for year, one in value.items():
                    if not _YEAR_KEY.fullmatch(year) or not MIN_YEAR <= int(year) <= MAX_YEAR:
                        raise _Decline
                    done_yearly[int(year)] = self.completion(one)
                done_yearly = done_yearly or NO_COMPLETIONS
            else:
                done = self.completion(value)
        moved: tuple[Succession, ...] = ()
        notes: tuple[Note, ...] = ()
        if "moved" in keys:
            if type(keys["moved"]) is not list:
                raise _Decline
            moved = tuple([self.succession(one) for one in keys["moved"]])
        if "notes" in keys:
            if type(keys["notes"]) is not list:
                raise _Decline
            notes = tuple([self.note(one) for one in keys["notes"]])
        per_member = keys.get("per_member", False)
        if type(per_member) is not bool:
            raise _Decline
        return from_fields(
            Task,
            {
                "id": task_id,
                "title": text(keys["title"]),
                "lead": lead,
                "partners": partners,
                "due_text": due_text,
                "deadline": deadline,
                "document": text(source["document"]),
                "ref": text(source["ref"]),
                "implements": text(keys["implements"]) if "implements" in keys else None,
                "done": done,
                "done_yearly": done_yearly,
                "notes": notes,
                "moved": moved,
                "partner_roles": roles,
                "path": self.path,
                "line": line,
                "order": order,
                "per_member": per_member,
            },
        )

    def succession(self, value: Any) -> Succession:
        keys = self.mapping(value, _SUCCESSION, _SUCCESSION)
        return Succession(self.text(keys["unit"]), self.text(keys["to"]), self.day(keys["date"]), self.text(keys["by"]))

    def note(self, value: Any) -> Note:
        keys = self.mapping(value, _NOTE, _NOTE_REQUIRED)
        source = self.source(keys["source"]) if "source" in keys else None
        return Note(self.day(keys["date"]), self.text(keys["text"]), source)


# The keys this reader builds, written out: a key the node reader learns (a new field of a
# record) and this one does not is not dropped, the item is left to the node reader (a test
# keeps these within the node reader's keys).
_TASK = frozenset(("id", "title", "lead", "partners", "due", "source", "implements", "moved", "done", "notes",
                   "per_member"))  # fmt: skip
_TASK_REQUIRED = frozenset(("id", "title", "lead", "source"))
_COMPLETION, _EVIDENCE = frozenset(("date", "no_later_than", "evidence", "source")), frozenset(("evidence",))
_NOTE, _NOTE_REQUIRED = frozenset(("date", "text", "source")), frozenset(("date", "text"))
_PARTNER = frozenset(("unit", "role"))
_SOURCE = frozenset(("document", "ref"))
_SUCCESSION = frozenset(("unit", "to", "date", "by"))


def read_items(text: str, path: str, offset: int = 0) -> list[Task] | None:
    """The tasks of ``text``, which is ``"tasks:\\n"`` and the items of a tasks list in block
    style (a part of a file, after ``offset`` lines), or None for the node reader to read it."""
    if ryml is None or not text.startswith("tasks:\n"):
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (not from a file kh decoded)
        return None
    if _declined(text, data):
        return None
    first = _FIRST_ITEM.match(text)
    if first is None:
        return None
    try:
        root = _parse(data)
        if type(root) is not dict or list(root) != ["tasks"] or type(root["tasks"]) is not list:
            return None
        items = root["tasks"]
        # An item's record starts on its "- " line, where something follows (not a comment).
        # (A search led by "\n" is quick; the text starts with "tasks:\n", so every item follows one.)
        starts = list(re.finditer(rf"\n{first[1]}-[ ]+(?=[^ \n#])", text))
        if len(starts) != len(items):
            return None
        build = _Builder(path)
        tasks = []
        line = 1 + offset
        previous = 0
        for order, (start, item) in enumerate(zip(starts, items, strict=True)):
            line += text.count("\n", previous, start.start() + 1)
            previous = start.start() + 1
            task = build.task(item, line, order)
            at = start.end()
            if text.startswith("id: ", at):  # the item read is the item found here: its id is there
                written = item["id"]
                after = at + 4 + len(written)
                if not text.startswith(written, at + 4) or text[after : after + 1] not in ("\n", " ", ""):
                    return None
            tasks.append(task)
        return tasks
    except _Decline:
        return None
