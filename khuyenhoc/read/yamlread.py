"""Reading YAML safely, every problem located: the guards that run before PyYAML composes
nodes (merge conflicts, anchors and aliases, nesting too deep), decoding, and the reader that
turns nodes into values (text, dates, numbers, lists, mappings with known keys) and collects a
:class:`~khuyenhoc.core.model.DataError` for each problem instead of raising.

It knows YAML and kh's values, not kh's records: :mod:`khuyenhoc.read.parse` reads documents,
tasks, units and the calendar with it. Imported only when a file has to be parsed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from ..core.deadlines import MAX_YEAR, MIN_YEAR, DeadlineError, parse_date
from ..core.model import Completion, DataError
from ..words.i18n import Message, t
from ..words.text import clean_text
from .yamlerrors import yaml_problem

try:  # the C parser is several times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

_CONFLICT = re.compile(r"^(<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)
MAX_DEPTH = 64  # the plan nests 4 levels; PyYAML's C composer recurses and can crash far deeper
# Cheap signs that a file may hold an anchor or alias, or deep nesting; only then are the
# parser's events walked (slower) to find the exact place.
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")  # deleted from UTF-8: the brackets alone
_FLOW_DEEP = re.compile(rb"[\[{]{%d}" % (MAX_DEPTH // 2))  # in the brackets alone
_BLOCK_DEEP = re.compile(rf"\n[ \t?:-]{{{MAX_DEPTH}}}")  # indentation, or "- - - …" (text after a "\n")
_STR = "tag:yaml.org,2002:str"

# Keys read under their new name, with a warning: YAML 1.1 readers take "on" for the boolean true.
RENAMED_KEYS = {"on": "date"}

# Ids of tasks, units and documents: they reach file names, shell completion and CSV as they
# are, so they hold nothing a terminal or a spreadsheet would act on; and they name files
# (members/<id>.yaml, a letter's file), so they must fit a file name.
ID_MAX = 100
ID = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{ID_MAX - 1}}}")


class Unreadable(Exception):
    """The file's top level could not be read: it yields no records at all."""


class Reader:
    """Walks composed nodes of one file, collecting errors with their lines."""

    def __init__(self, path: str, errors: list[DataError], offset: int = 0):
        self.path = path
        self.errors = errors
        self.offset = offset  # lines before this text in its file (a part of a large file)
        self._constructor: Any = None
        self._seen: set[int] = set()
        self._shared: dict[Any, Any] = {}  # equal texts and dates as one object: a smaller cache

    def share(self, value: Any) -> Any:
        """One object for equal values (texts, dates, unit lists): less memory, a smaller cache."""
        return self._shared.setdefault(value, value)

    def line(self, node: yaml.Node) -> int:
        """The node's line in its file."""
        return node.start_mark.line + 1 + self.offset

    def error(self, node: yaml.Node | None, message: Message) -> None:
        line = self.line(node) if node is not None else 1 + self.offset
        self.errors.append(DataError(self.path, line, message))

    def warn(self, node: yaml.Node, message: Message) -> None:
        """A problem that does not stop kh: `kh check` shows it and still exits 0."""
        self.errors.append(DataError(self.path, self.line(node), message, warning=True))

    def source(self, node: yaml.Node, what: Message) -> str | None:
        """Where a fact can be checked. An address shortened with "…" cannot be followed."""
        text = self.text(node, what, optional=True)
        if text and "…" in text:
            self.warn(
                node,
                t(
                    "{what} is shortened with '…': give the whole address, or the document itself (number, date, "
                    "issuer) and say that its address is unknown",
                    what=what,
                ),
            )
        return text

    def compose(self, text: str) -> yaml.Node | None:
        if ("<<<<<<<" in text or ">>>>>>>" in text or "=======" in text) and (m := _CONFLICT.search(text)):
            line = text.count("\n", 0, m.start()) + 1
            self.errors.append(DataError(self.path, line, t("unresolved merge conflict at line {line}", line=line)))
            return None
        if (odd := odd_line_break(text)) is not None:
            at, char = odd
            line = text.count("\n", 0, at) + 1 + self.offset
            self.errors.append(
                DataError(
                    self.path,
                    line,
                    t(
                        "a line break U+{code:04X} inside line {line}: YAML reads it as a new line, editors and "
                        "git do not; replace it with a space (or a newline)",
                        code=ord(char),
                        line=line,
                    ),
                )
            )
            return None
        if refused := unsafe_structure(text, self.path):
            self.errors.append(refused)
            return None
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            column = t(" (column {column})", column=mark.column + 1) if mark else ""
            lines = text.split("\n", line)
            char = lines[line - 1][mark.column : mark.column + 1] if mark and len(lines) >= line else ""
            self.errors.append(DataError(self.path, line, yaml_problem(exc.context, exc.problem, column, char)))
            return None
        except yaml.YAMLError as exc:
            self.errors.append(DataError(self.path, 1, yaml_problem(None, str(exc))))
            return None
        finally:
            loader.dispose()
        self._constructor = loader
        return node

    # -- shapes ---------------------------------------------------------------------------

    def visit(self, node: yaml.Node) -> bool:
        """False (and an error) if this node was already seen: it came through an alias."""
        if id(node) in self._seen:
            self.error(node, t("anchors and aliases (&, *) are not supported in kh data"))
            return False
        self._seen.add(id(node))
        return True

    def mapping(
        self, node: yaml.Node, what: Message, known: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, yaml.Node] | None:
        """A mapping's items by key; unknown, duplicate and missing keys are errors."""
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(node, t("{what} must be a mapping (key: value), not {found}", what=what, found=_kind(node)))
            return None
        items: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in RENAMED_KEYS and RENAMED_KEYS[key] in known:
                self.warn(
                    key_node,
                    t(
                        "'{old}:' is read as the boolean true by YAML 1.1 readers (PyYAML's safe_load, Ruby, "
                        "yq v3): write '{new}:' (`kh migrate` renames them all)",
                        old=key,
                        new=RENAMED_KEYS[key],
                    ),
                )
                key = RENAMED_KEYS[key]
            if not isinstance(key, str) or key not in known:
                hint = ", ".join(known)
                self.error(
                    key_node, t("unknown key {key!r} in {what} (known keys: {hint})", key=key, what=what, hint=hint)
                )
                continue
            if key in items:
                self.error(key_node, t("duplicate key {key!r} in {what}", key=key, what=what))
                continue
            items[key] = value_node
        for key in required:
            if key not in items:
                self.error(node, t("{what} has no {key!r}", what=what, key=key))
        return items

    def sequence(self, node: yaml.Node, what: Message) -> list[yaml.Node]:
        if not self.visit(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, t("{what} must be a list, not {found}", what=what, found=_kind(node)))
            return []
        return list(node.value)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return _NOT_SCALAR
        if node.tag == _STR:  # most values: no constructor needed
            return node.value
        try:
            return self._constructor.construct_object(node)
        except (ValueError, yaml.YAMLError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.error(node, t("invalid date {node_value!r}: no such day", node_value=node.value))
            else:
                self.error(node, t("invalid value {node_value!r}: {exc}", node_value=node.value, exc=exc))
            return INVALID

    def text(self, node: yaml.Node, what: Message, *, optional: bool = False) -> str | None:
        value = self.scalar(node)
        if value is None and optional:
            return None
        if value is INVALID:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(node, t("{what} must be text, not {found}", what=what, found=describe(node, value)))
            return None
        return self.share(clean_text(value))

    def text_list(self, node: yaml.Node, what: Message) -> list[tuple[str, yaml.Node]]:
        """A list of texts; a single text is accepted as a list of one."""
        if isinstance(node, yaml.ScalarNode):
            if self.scalar(node) is None:
                return []
            one = self.text(node, what)
            return [(one, node)] if one else []
        out = []
        for item in self.sequence(node, what):
            value = self.text(item, t("each of {what}", what=what))
            if value:
                out.append((value, item))
        return out

    def day(self, node: yaml.Node, what: Message) -> date | None:
        value = self.scalar(node)
        if isinstance(value, datetime):
            self.error(
                node, t("{what} must be a day, without a time: write {day}", what=what, day=value.date().isoformat())
            )
            return None
        if isinstance(value, date):
            if not MIN_YEAR <= value.year <= MAX_YEAR:
                self.error(
                    node, t("{what}: the year is outside {first}–{last}", what=what, first=MIN_YEAR, last=MAX_YEAR)
                )
                return None
            return self.share(value)
        if isinstance(value, str):
            try:
                return self.share(parse_date(value))
            except DeadlineError:
                pass
        if value is not INVALID:
            self.error(
                node,
                t(
                    "{what} must be a date (YYYY-MM-DD or DD/MM/YYYY), not {found}",
                    what=what,
                    found=describe(node, value),
                ),
            )
        return None

    def integer(self, node: yaml.Node, what: Message) -> int | None:
        value = self.scalar(node)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if value is not INVALID:
            self.error(node, t("{what} must be a whole number, not {found}", what=what, found=describe(node, value)))
        return None


def read_completion(r: Reader, node: yaml.Node, keys: dict[str, yaml.Node], what: Message) -> Completion | None:
    """A completion from a mapping's keys (a task's ``done:``, a member's record): either 'date'
    or 'no_later_than', with 'evidence' (a caller whose mapping may lack it says so itself)."""
    if ("date" in keys) == ("no_later_than" in keys):
        r.error(
            node,
            t(
                "{what} needs either 'date' (the day of the duty itself) or 'no_later_than' (a day by which it was "
                "done)",
                what=what,
            ),
        )
        return None
    if "evidence" not in keys:
        return None
    exact = "date" in keys
    on = r.day(keys["date" if exact else "no_later_than"], t("the date of {what}", what=what))
    evidence = r.text(keys["evidence"], t("the evidence of {what}", what=what))
    source = r.source(keys["source"], t("the source of {what}", what=what)) if "source" in keys else None
    if on is None or evidence is None:
        return None
    return Completion(on, evidence, source, exact)


# Shared by every task without yearly completions, and by every task whose partners have no
# stated role: never mutated.
NO_COMPLETIONS: dict[int, Completion] = {}
NO_ROLES: dict[str, str] = {}
_NOT_SCALAR = object()
INVALID = object()


_LONE_CR = re.compile(r"\r(?!\n)")


def odd_line_break(text: str) -> tuple[int, str] | None:
    """The first line break that YAML 1.1 counts and editors and git do not (U+0085, U+2028,
    U+2029, a carriage return alone), if any: PyYAML would read what follows it as a new line,
    and every line number after it would be one more than the editor's. kh refuses the file, so
    that every reader (and `path:line`) agrees on its lines."""
    found = [(i, c) for c in ("\x85", "\u2028", "\u2029") if (i := text.find(c)) >= 0]
    if "\r" in text and (m := _LONE_CR.search(text)):
        found.append((m.start(), "\r"))
    return min(found) if found else None


def suspicious(text: str, data: bytes | None = None) -> bool:
    """Cheap signs (no parse) that the text may hold an anchor or an alias, or nest deeply:
    only then are the parser's events walked to find the place. ``data``: the text as UTF-8,
    when the caller has it. Searches for literal bytes, which are quick: a regular expression
    led by a class of characters tries every position of a 30 MB text."""
    data = text.encode("utf-8", "surrogatepass") if data is None else data
    if b"&" in data or b"*" in data:
        # "&" or "*" after a space, a line break, "[", "{" or "," (or first), and before anything
        # but a space or a bracket: with each byte mapped to its class, a search for three letters.
        classes = data.translate(_ALIAS_CLASSES)
        if any(mark in classes for mark in (b"abd", b"abb")) or classes.startswith((b"bd", b"bb")):
            return True
    if _BLOCK_DEEP.search("\n" + text[:MAX_DEPTH]) or _BLOCK_DEEP.search(text):
        return True
    return bool(_FLOW_DEEP.search(data.translate(None, _NOT_BRACKETS)))


def _alias_classes() -> bytes:
    """Bytes → a: may come before an anchor (space, tab, line break, "[", "{", ","); b: "&" or
    "*"; c: may not follow one (other ASCII spaces, "]", "}"); d: anything else (a byte of a
    UTF-8 sequence too, so a non-ASCII space after "&" counts as a sign: a sign only costs a walk)."""
    table = bytearray(b"d" * 256)
    for byte in b" \t\n[{,":
        table[byte] = ord("a")
    for byte in b"\r\f\v]}":
        table[byte] = ord("c")
    table[ord("&")] = table[ord("*")] = ord("b")
    return bytes(table)


_ALIAS_CLASSES = _alias_classes()


def unsafe_structure(text: str, path: str) -> DataError | None:
    """Refuse anchors/aliases ("billion laughs") and deep nesting before composing nodes.

    Walking the parser's events is iterative and stops at the first problem, so a hostile
    file costs little time and memory; plain files skip it (the two regexes find nothing).
    """
    if not suspicious(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return DataError(path, line, t("anchors and aliases (&, *) are not supported in kh data"))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return DataError(
                        path, line, t("nesting deeper than {MAX_DEPTH} levels: not kh data", MAX_DEPTH=MAX_DEPTH)
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        # Some parsers give up on deep flow nesting during their read-ahead, before the
        # events reach this walk (libyaml in PyYAML 6.0.4 stops at 1,000 levels, with its own
        # words). kh's limit must not depend on that: count the brackets here.
        if (deep_line := _flow_too_deep(text)) is not None:
            return DataError(
                path, deep_line, t("nesting deeper than {MAX_DEPTH} levels: not kh data", MAX_DEPTH=MAX_DEPTH)
            )
        return None  # the composer reports it, with its line
    return None


# Quoted scalars and comments (whose brackets do not nest), brackets, and line breaks.
_FLOW_TOKEN = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|(?:^|(?<=\s))#[^\n]*|[\[\]{}\n]""")


def _flow_too_deep(text: str) -> int | None:
    """The line where flow collections (``[…]``, ``{…}``) nest deeper than MAX_DEPTH, if any."""
    depth = 0
    line = 1
    for m in _FLOW_TOKEN.finditer(text):
        token = m.group()
        if token == "\n":
            line += 1
        elif token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


def _kind(node: yaml.Node) -> Message:
    if isinstance(node, yaml.MappingNode):
        return t("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return t("a list")
    return f"{node.value!r}"


def describe(node: yaml.Node, value: Any) -> Message:
    if value is _NOT_SCALAR:
        return _kind(node)
    if value is None:
        return t("empty")
    return f"{node.value!r}"


def decode(data: bytes, path: str, errors: list[DataError]) -> str | None:
    """UTF-8 (a BOM is allowed), CRLF folded; invalid bytes are an error with their offset."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        errors.append(
            DataError(
                path,
                line,
                t(
                    "not valid UTF-8: byte 0x{byte:02x} at offset {exc_start}",
                    byte=data[exc.start],
                    exc_start=exc.start,
                ),
            )
        )
        return None
    return text.replace("\r\n", "\n")
