"""YAML text → records, with every problem collected as a DataError (never raised).

The YAML is composed into nodes first (PyYAML's C parser when present, safe loader only),
so that each record and each problem keeps its line. Anchors and aliases are refused: the
plan never needs them, and refusing them closes the "billion laughs" expansion.

Only this module (and ``edit``) imports PyYAML: a run that finds its plan in the cache never
pays for importing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import yaml

from .deadlines import MAX_YEAR, MIN_YEAR, DeadlineError, parse_date, parse_deadline
from .i18n import Message, t
from .model import CalendarFile, Completion, DataError, Document, Note, Parsed, Succession, Task, Unit
from .text import clean_text

try:  # the C parser is several times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

UNIT_KINDS = (
    "ministry",  # bộ, cơ quan ngang bộ
    "moet-unit",  # vụ, cục, văn phòng… of the Ministry of Education and Training
    "university",  # trường đại học
    "press",  # đài, thông tấn xã, cơ quan báo chí
    "party",  # cơ quan của Đảng
    "organisation",  # Mặt trận, hội, đoàn thể
    "international",  # tổ chức quốc tế
    "collective",  # a class of bodies: "UBND cấp tỉnh", "các bộ, ngành"
)

_CONFLICT = re.compile(r"^(<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)
MAX_DEPTH = 64  # the plan nests 4 levels; PyYAML's C composer recurses and can crash far deeper
# Cheap signs that a file may hold an anchor or alias, or deep nesting; only then are the
# parser's events walked (slower) to find the exact place.
_ALIAS_MARK = re.compile(r"[&*][^\s\[\]{},]")  # an anchor or alias where preceded by space, [, { or ,
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_FLOW_DEEP = re.compile(rf"[\[{{]{{{MAX_DEPTH // 2}}}")  # in the brackets alone
_BLOCK_DEEP = re.compile(rf"\n[ \t?:-]{{{MAX_DEPTH}}}")  # indentation, or "- - - …" (text after a "\n")
_STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"


class _Reader:
    """Walks composed nodes of one file, collecting errors with their lines."""

    def __init__(self, path: str, errors: list[DataError]):
        self.path = path
        self.errors = errors
        self._constructor: Any = None
        self._seen: set[int] = set()
        self._shared: dict[Any, Any] = {}  # equal texts and dates as one object: a smaller cache

    def share(self, value: Any) -> Any:
        """One object for equal values (texts, dates, unit lists): less memory, a smaller cache."""
        return self._shared.setdefault(value, value)

    def error(self, node: yaml.Node | None, message: Message) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.errors.append(DataError(self.path, line, message))

    def warn(self, node: yaml.Node, message: Message) -> None:
        """A problem that does not stop kh: `kh check` shows it and still exits 0."""
        self.errors.append(DataError(self.path, node.start_mark.line + 1, message, warning=True))

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
        if refused := _unsafe_structure(text, self.path):
            self.errors.append(refused)
            return None
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            column = t(" (column {v1})", v1=mark.column + 1) if mark else ""
            problem = exc.problem or exc.context or "unreadable"
            self.errors.append(
                DataError(self.path, line, t("invalid YAML: {problem}{column}", problem=problem, column=column))
            )
            return None
        except yaml.YAMLError as exc:
            self.errors.append(DataError(self.path, 1, t("invalid YAML: {exc}", exc=exc)))
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
            self.error(node, t("{what} must be a mapping (key: value), not {v1}", what=what, v1=_kind(node)))
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
            self.error(node, t("{what} must be a list, not {v1}", what=what, v1=_kind(node)))
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
            return _INVALID

    def text(self, node: yaml.Node, what: Message, *, optional: bool = False) -> str | None:
        value = self.scalar(node)
        if value is None and optional:
            return None
        if value is _INVALID:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(node, t("{what} must be text, not {v1}", what=what, v1=_describe(node, value)))
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
                node, t("{what} must be a day, without a time: write {v1}", what=what, v1=value.date().isoformat())
            )
            return None
        if isinstance(value, date):
            if not MIN_YEAR <= value.year <= MAX_YEAR:
                self.error(node, t("{what}: the year is outside {v1}–{v2}", what=what, v1=MIN_YEAR, v2=MAX_YEAR))
                return None
            return self.share(value)
        if isinstance(value, str):
            try:
                return self.share(parse_date(value))
            except DeadlineError:
                pass
        if value is not _INVALID:
            self.error(
                node,
                t("{what} must be a date (YYYY-MM-DD or DD/MM/YYYY), not {v1}", what=what, v1=_describe(node, value)),
            )
        return None

    def integer(self, node: yaml.Node, what: Message) -> int | None:
        value = self.scalar(node)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if value is not _INVALID:
            self.error(node, t("{what} must be a whole number, not {v1}", what=what, v1=_describe(node, value)))
        return None


# Shared by every task without yearly completions, and by every task whose partners have no
# stated role: never mutated.
_NO_COMPLETIONS: dict[int, Completion] = {}
_NO_ROLES: dict[str, str] = {}
_NOT_SCALAR = object()
_INVALID = object()


def _unsafe_structure(text: str, path: str) -> DataError | None:
    """Refuse anchors/aliases ("billion laughs") and deep nesting before composing nodes.

    Walking the parser's events is iterative and stops at the first problem, so a hostile
    file costs little time and memory; plain files skip it (the two regexes find nothing).
    """
    alias = ("&" in text or "*" in text) and any(
        m.start() == 0 or text[m.start() - 1] in " \t\n[{," for m in _ALIAS_MARK.finditer(text)
    )
    deep = _BLOCK_DEEP.search("\n" + text[:MAX_DEPTH]) or _BLOCK_DEEP.search(text)
    deep = deep or _FLOW_DEEP.search(_NOT_BRACKETS.sub("", text))
    if not alias and not deep:
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
# Ids of tasks, units and documents: they reach file names, shell completion and CSV as they
# are, so they hold nothing a terminal or a spreadsheet would act on.
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
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


def _describe(node: yaml.Node, value: Any) -> Message:
    if value is _NOT_SCALAR:
        return _kind(node)
    if value is None:
        return t("empty")
    return f"{node.value!r}"


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


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
                t("not valid UTF-8: byte 0x{v1:02x} at offset {exc_start}", v1=data[exc.start], exc_start=exc.start),
            )
        )
        return None
    return text.replace("\r\n", "\n")


# -- documents and tasks ---------------------------------------------------------------------

TASK_KEYS = ("id", "title", "lead", "partners", "due", "source", "implements", "moved", "done", "notes")
SUCCESSION_KEYS = ("unit", "to", "date", "by")
COMPLETION_KEYS = ("date", "no_later_than", "evidence", "source")
NOTE_KEYS = ("date", "text", "source")
# Keys read under their new name, with a warning: YAML 1.1 readers take "on" for the boolean true.
RENAMED_KEYS = {"on": "date"}


def _documents(r: _Reader, node: yaml.Node) -> Iterator[Document]:
    for item in r.sequence(node, t("documents")):
        keys = r.mapping(item, t("a document"), ("id", "title", "short", "year", "effective"), ("id", "title", "year"))
        if keys is None or not {"id", "title", "year"} <= keys.keys():
            continue
        doc_id = r.text(keys["id"], t("a document's id"))
        if doc_id and not ID.fullmatch(doc_id):
            r.error(keys["id"], t("document id {v1!r} may hold only letters, digits, '.', '-' and '_'", v1=doc_id))
        title = r.text(keys["title"], t("a document's title"))
        short = r.text(keys["short"], t("a document's short name")) if "short" in keys else title
        year = r.integer(keys["year"], t("a document's year"))
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            r.error(keys["year"], t("year {v1} of a document is outside {v2}–{v3}", v1=year, v2=MIN_YEAR, v3=MAX_YEAR))
            year = None
        effective = r.day(keys["effective"], t("the day a document took effect")) if "effective" in keys else None
        if doc_id and title and short and year is not None:
            yield Document(doc_id, title, short, year, _line(item), r.path, effective)


def _completion(r: _Reader, node: yaml.Node, what: Message) -> Completion | None:
    keys = r.mapping(node, what, COMPLETION_KEYS, ("evidence",))
    if keys is not None and ("date" in keys) == ("no_later_than" in keys):
        r.error(
            node,
            t(
                "{what} needs either 'date' (the day of the duty itself) or 'no_later_than' (a day by which it was "
                "done)",
                what=what,
            ),
        )
        return None
    if keys is None or "evidence" not in keys:
        return None
    exact = "date" in keys
    on = r.day(keys["date" if exact else "no_later_than"], t("the date of {what}", what=what))
    evidence = r.text(keys["evidence"], t("the evidence of {what}", what=what))
    source = r.source(keys["source"], t("the source of {what}", what=what)) if "source" in keys else None
    if on is None or evidence is None:
        return None
    return Completion(on, evidence, source, exact)


def _peek_id(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return clean_text(str(value.value)) or None
    return None


def _task(r: _Reader, node: yaml.Node, order: int) -> Task | None:
    peeked = _peek_id(node)
    what = t("task {peeked}", peeked=peeked) if peeked else t("a task")
    keys = r.mapping(node, what, TASK_KEYS, ("id", "title", "lead", "source"))
    if keys is None:
        return None
    task_id = r.text(keys["id"], t("a task's id")) if "id" in keys else None
    if task_id:
        what = t("task {task_id}", task_id=task_id)
        if not ID.fullmatch(task_id):
            r.error(
                keys["id"], t("task id {task_id!r} may hold only letters, digits, '.', '-' and '_'", task_id=task_id)
            )
    title = r.text(keys["title"], t("the title of {what}", what=what)) if "title" in keys else None
    lead = [u for u, _ in r.text_list(keys["lead"], t("the lead of {what}", what=what))] if "lead" in keys else []
    if "lead" in keys and not lead:
        r.error(keys["lead"], t("{what} has no lead unit", what=what))
    partners, roles = _partners(r, keys["partners"], what) if "partners" in keys else ([], {})

    due_text = None
    deadline = parse_deadline(None)
    due_unreadable = False
    if "due" in keys:
        due_node = keys["due"]
        if isinstance(due_node, yaml.ScalarNode) and isinstance(r.scalar(due_node), date):
            due_text = r.share(clean_text(due_node.value))  # an unquoted 2021-09-30: the text as written
        else:
            due_text = r.text(due_node, t("the deadline of {what}", what=what), optional=True)
        due_unreadable = due_text is None and r.scalar(due_node) is not None
        try:
            deadline = parse_deadline(due_text)
        except DeadlineError as exc:
            r.error(keys["due"], str(exc))
            due_text = None
            due_unreadable = True

    document = ref = None
    if "source" in keys:
        src = r.mapping(keys["source"], t("the source of {what}", what=what), ("document", "ref"), ("document", "ref"))
        if src and {"document", "ref"} <= src.keys():
            document = r.text(src["document"], t("the source document of {what}", what=what))
            ref = r.text(src["ref"], t("the source reference of {what}", what=what))
            if ref is None:  # a bare number (an appendix row) is fine as a reference
                value = r.scalar(src["ref"])
                ref = str(value) if isinstance(value, int) else None

    implements = r.text(keys["implements"], t("the link of {what}", what=what)) if "implements" in keys else None

    done = None
    done_yearly: dict[int, Completion] = {}
    if "done" in keys and not due_unreadable:  # whether it is one date or one per year depends on the deadline
        if deadline.yearly:
            done_keys = keys["done"]
            if r.visit(done_keys) and isinstance(done_keys, yaml.MappingNode):
                for year_node, value_node in done_keys.value:
                    year = r.integer(year_node, t("a year in the completions of {what}", what=what))
                    if year is None:
                        continue
                    if not MIN_YEAR <= year <= MAX_YEAR:
                        r.error(
                            year_node,
                            t("year {v1} in the completions of {what} is outside {v2}–{v3}", v1=year, what=what,
                              v2=MIN_YEAR, v3=MAX_YEAR),
                        )  # fmt: skip
                        continue
                    if year in done_yearly:
                        r.error(
                            year_node,
                            t("year {year} is recorded twice in the completions of {what}", year=year, what=what),
                        )
                        continue
                    c = _completion(r, value_node, t("the {year} completion of {what}", year=year, what=what))
                    if c:
                        done_yearly[year] = c
            else:
                r.error(
                    done_keys,
                    t("the completions of yearly {what} must be a mapping: year → {{date, evidence}}", what=what),
                )
        else:
            done = _completion(r, keys["done"], t("the completion of {what}", what=what))

    moved = []
    for move_node in r.sequence(keys["moved"], t("the moves of {what}", what=what)) if "moved" in keys else []:
        move = _succession(r, move_node, t("a move of {what}", what=what), SUCCESSION_KEYS)
        if move:
            moved.append(move)

    notes = []
    for note_node in r.sequence(keys["notes"], t("the notes of {what}", what=what)) if "notes" in keys else []:
        nk = r.mapping(note_node, t("a note of {what}", what=what), NOTE_KEYS, ("date", "text"))
        if nk and {"date", "text"} <= nk.keys():
            on = r.day(nk["date"], t("the date of a note of {what}", what=what))
            text = r.text(nk["text"], t("a note of {what}", what=what))
            source = r.source(nk["source"], t("a note's source")) if "source" in nk else None
            if on and text:
                notes.append(Note(on, text, source))

    if not (task_id and title and lead and document and ref):
        return None
    return Task(
        moved=tuple(moved),
        id=task_id,
        title=title,
        lead=r.share(tuple(lead)),
        partners=r.share(tuple(partners)),
        partner_roles=roles or _NO_ROLES,
        due_text=due_text,
        deadline=deadline,
        document=document,
        ref=ref,
        implements=implements,
        done=done,
        done_yearly=done_yearly or _NO_COMPLETIONS,
        notes=tuple(notes),
        path=r.path,
        line=_line(node),
        order=order,
    )


PARTNER_KEYS = ("unit", "role")


def _partners(r: _Reader, node: yaml.Node, what: Message) -> tuple[list[str], dict[str, str]]:
    """A task's partners: unit ids, each either alone or with the role the text states for it,
    ``{unit: vu-gddh, role: "chuẩn bị nội dung tổng kết …"}``."""
    if isinstance(node, yaml.ScalarNode):
        return [u for u, _ in r.text_list(node, t("the partners of {what}", what=what))], {}
    ids: list[str] = []
    roles: dict[str, str] = {}
    for item in r.sequence(node, t("the partners of {what}", what=what)):
        if isinstance(item, yaml.MappingNode):
            keys = r.mapping(item, t("a partner of {what}", what=what), PARTNER_KEYS, PARTNER_KEYS)
            if keys and set(PARTNER_KEYS) <= keys.keys():
                unit = r.text(keys["unit"], t("the unit of a partner of {what}", what=what))
                role = r.text(keys["role"], t("the role of a partner of {what}", what=what))
                if unit and role:
                    ids.append(unit)
                    roles[unit] = role
        elif value := r.text(item, t("each of {what}", what=t("the partners of {what}", what=what))):
            ids.append(value)
    return ids, roles


def _succession(r: _Reader, node: yaml.Node, what: Message, known: tuple[str, ...], unit: str | None = None) -> Any:
    """``{unit, to, on, by}`` (on a unit, ``unit`` is the unit itself and is not written)."""
    required = tuple(k for k in known)
    keys = r.mapping(node, what, known, required)
    if keys is None or not set(required) <= keys.keys():
        return None
    from_unit = unit if unit is not None else r.text(keys["unit"], t("the unit of {what}", what=what))
    to = r.text(keys["to"], t("the successor in {what}", what=what))
    on = r.day(keys["date"], t("the date of {what}", what=what))
    by = r.text(keys["by"], t("the legal instrument of {what}", what=what))
    if not (from_unit and to and on and by):
        return None
    return Succession(from_unit, to, on, by)


def _unit(r: _Reader, node: yaml.Node) -> Unit | None:
    keys = r.mapping(
        node, t("a unit"), ("id", "name", "short", "kind", "parent", "successor", "former_ids"), ("id", "name", "kind")
    )
    if keys is None or not {"id", "name", "kind"} <= keys.keys():
        return None
    unit_id = r.text(keys["id"], t("a unit's id"))
    if unit_id and not ID.fullmatch(unit_id):
        r.error(keys["id"], t("unit id {v1!r} may hold only letters, digits, '.', '-' and '_'", v1=unit_id))
    what = t("unit {unit_id}", unit_id=unit_id) if unit_id else t("a unit")
    name = r.text(keys["name"], t("the name of {what}", what=what))
    short = r.text(keys["short"], t("the short name of {what}", what=what)) if "short" in keys else name
    kind = r.text(keys["kind"], t("the kind of {what}", what=what))
    if kind and kind not in UNIT_KINDS:
        r.error(
            keys["kind"],
            t("unknown kind {kind!r} of {what} (known kinds: {v1})", kind=kind, what=what, v1=", ".join(UNIT_KINDS)),
        )
        kind = None
    parent = r.text(keys["parent"], t("the parent of {what}", what=what), optional=True) if "parent" in keys else None
    successor = None
    if "successor" in keys and unit_id:
        successor = _succession(
            r, keys["successor"], t("the successor of {what}", what=what), ("to", "date", "by"), unit_id
        )
    former = (
        [f for f, _ in r.text_list(keys["former_ids"], t("the former ids of {what}", what=what))]
        if "former_ids" in keys
        else []
    )
    if not (unit_id and name and short and kind):
        return None
    return Unit(unit_id, name, short, kind, parent, _line(node), r.path, successor, tuple(former))


# -- files -----------------------------------------------------------------------------------


def parse_tasks(
    text: str, path: str, errors: list[DataError], *, main: bool = True
) -> tuple[list[Document], list[Task]]:
    """The records of a tasks file. The main file (``tasks.yaml``) must have ``documents:``;
    the files of ``tasks.d/`` may leave it out."""
    r = _Reader(path, errors)
    before = len(errors)
    root = r.compose(text)
    if root is None:
        if len(errors) == before:
            expected = t("'documents:' and 'tasks:'") if main else "'tasks:'"
            errors.append(DataError(path, 1, t("the file is empty: expected {expected}", expected=expected)))
        raise _Unreadable
    required = ("documents", "tasks") if main else ("tasks",)
    keys = r.mapping(root, t("the tasks file"), ("documents", "tasks"), required)
    if keys is None:
        raise _Unreadable
    documents = list(_documents(r, keys["documents"])) if "documents" in keys else []
    tasks = []
    for order, node in enumerate(r.sequence(keys["tasks"], t("tasks")) if "tasks" in keys else []):
        task = _task(r, node, order)
        if task:
            tasks.append(task)
    return documents, tasks


def parse_units(text: str, path: str, errors: list[DataError]) -> list[Unit]:
    r = _Reader(path, errors)
    before = len(errors)
    root = r.compose(text)
    if root is None:
        if len(errors) == before:
            errors.append(DataError(path, 1, t("the file is empty: expected 'units:'")))
        raise _Unreadable
    keys = r.mapping(root, t("the units file"), ("units",), ("units",))
    if keys is None or "units" not in keys:
        raise _Unreadable
    return [u for u in (_unit(r, n) for n in r.sequence(keys["units"], t("units"))) if u]


CALENDAR_KEYS = ("working_days", "days_off", "working")


def parse_calendar(text: str, path: str, errors: list[DataError]) -> CalendarFile:
    """``calendar.yaml``: ``working_days: true|false`` and the lists ``days_off`` and ``working``
    of ``{on: YYYY-MM-DD, by: its source}``. An empty file says nothing: working days off."""
    r = _Reader(path, errors)
    before = len(errors)
    root = r.compose(text)
    if root is None:
        if len(errors) > before:
            raise _Unreadable
        return CalendarFile()
    keys = r.mapping(root, t("the calendar file"), CALENDAR_KEYS)
    if keys is None:
        raise _Unreadable
    on = False
    if "working_days" in keys:
        value = r.scalar(keys["working_days"])
        if isinstance(value, bool):
            on = value
        elif value is not _INVALID:
            r.error(
                keys["working_days"],
                t("working_days must be true or false, not {v1}", v1=_describe(keys["working_days"], value)),
            )
    days: dict[str, frozenset[date]] = {}
    for key in ("days_off", "working"):
        found = []
        for item in r.sequence(keys[key], key) if key in keys else []:
            day_keys = r.mapping(item, t("each of {key}", key=key), ("date", "by"), ("date", "by"))
            if day_keys and {"date", "by"} <= day_keys.keys():
                day = r.day(day_keys["date"], t("a day of {key}", key=key))
                by = r.text(day_keys["by"], t("the source of a day of {key}", key=key))
                if day and by:
                    found.append(day)
        days[key] = frozenset(found)
    return CalendarFile(on, days["days_off"], days["working"])


class _Unreadable(Exception):
    """The file's top level could not be read: it yields no records at all."""


def parse_file(kind: str, path: str, data: bytes | str, main: bool = True) -> Parsed:
    """One file's records and problems (``kind`` is "tasks", "units" or "calendar")."""
    errors: list[DataError] = []
    text = decode(data, path, errors) if isinstance(data, bytes) else data
    try:
        if text is None:
            raise _Unreadable
        if kind == "units":
            return Parsed([], [], parse_units(text, path, errors), errors)
        if kind == "calendar":
            return Parsed([], [], [], errors, calendar=parse_calendar(text, path, errors))
        documents, tasks = parse_tasks(text, path, errors, main=main)
        return Parsed(documents, tasks, [], errors)
    except _Unreadable:
        return Parsed([], [], [], errors, unreadable=kind)
