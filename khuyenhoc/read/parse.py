"""YAML text → records, with every problem collected as a DataError (never raised).

The YAML is composed into nodes first (PyYAML's C parser when present, safe loader only),
so that each record and each problem keeps its line; :mod:`khuyenhoc.read.yamlread` guards the
text before that and reads the values. A run that finds its plan in the cache never imports
either.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import yaml

from ..core.deadlines import MAX_YEAR, MIN_YEAR, DeadlineError, parse_deadline
from ..core.model import (
    CalendarFile,
    Completion,
    DataError,
    Document,
    Note,
    Parsed,
    Task,
)
from ..words.i18n import Message, t
from ..words.text import clean_text
from .unitfile import _succession
from .yamlread import (
    ID,
    ID_MAX,
    INVALID,
    NO_COMPLETIONS,
    NO_ROLES,
    Reader,
    Unreadable,
    decode,
    describe,
    read_completion,
)

# -- documents and tasks ---------------------------------------------------------------------

TASK_KEYS = (
    "id", "title", "lead", "partners", "due", "source", "implements", "moved", "done", "notes", "per_member",
)  # fmt: skip
SUCCESSION_KEYS = ("unit", "to", "date", "by")
COMPLETION_KEYS = ("date", "no_later_than", "evidence", "source")
NOTE_KEYS = ("date", "text", "source")


def _documents(r: Reader, node: yaml.Node) -> Iterator[Document]:
    for item in r.sequence(node, t("documents")):
        keys = r.mapping(item, t("a document"), ("id", "title", "short", "year", "effective"), ("id", "title", "year"))
        if keys is None or not {"id", "title", "year"} <= keys.keys():
            continue
        doc_id = r.text(keys["id"], t("a document's id"))
        if doc_id and not ID.fullmatch(doc_id):
            r.error(
                keys["id"],
                t(
                    "document id {doc_id!r} may hold only letters, digits, '.', '-' and '_', {ID_MAX} at most",
                    doc_id=doc_id,
                    ID_MAX=ID_MAX,
                ),
            )
        title = r.text(keys["title"], t("a document's title"))
        short = r.text(keys["short"], t("a document's short name")) if "short" in keys else title
        year = r.integer(keys["year"], t("a document's year"))
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            r.error(
                keys["year"],
                t("year {year} of a document is outside {first}–{last}", year=year, first=MIN_YEAR, last=MAX_YEAR),
            )
            year = None
        effective = r.day(keys["effective"], t("the day a document took effect")) if "effective" in keys else None
        if doc_id and title and short and year is not None:
            yield Document(doc_id, title, short, year, r.line(item), r.path, effective)


def _completion(r: Reader, node: yaml.Node, what: Message) -> Completion | None:
    keys = r.mapping(node, what, COMPLETION_KEYS, ("evidence",))
    return None if keys is None else read_completion(r, node, keys, what)


def _peek_id(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return clean_text(str(value.value)) or None
    return None


def _task(r: Reader, node: yaml.Node, order: int) -> Task | None:
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
                keys["id"],
                t(
                    "task id {task_id!r} may hold only letters, digits, '.', '-' and '_', {ID_MAX} at most",
                    task_id=task_id,
                    ID_MAX=ID_MAX,
                ),
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
            value = r.scalar(src["ref"])
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                ref = str(value)  # a bare number (an appendix row) is fine as a reference
            else:
                ref = r.text(src["ref"], t("the source reference of {what}", what=what))

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
                            t("year {year} in the completions of {what} is outside {first}–{last}", year=year,
                              what=what, first=MIN_YEAR, last=MAX_YEAR),
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

    per_member = False
    if "per_member" in keys:
        value = r.scalar(keys["per_member"])
        if isinstance(value, bool):
            per_member = value
        elif value is not INVALID:
            r.error(
                keys["per_member"],
                t("per_member must be true or false, not {value}", value=describe(keys["per_member"], value)),
            )

    if not (task_id and title and lead and document and ref):
        return None
    return Task(
        per_member=per_member,
        moved=tuple(moved),
        id=task_id,
        title=title,
        lead=r.share(tuple(lead)),
        partners=r.share(tuple(partners)),
        partner_roles=roles or NO_ROLES,
        due_text=due_text,
        deadline=deadline,
        document=document,
        ref=ref,
        implements=implements,
        done=done,
        done_yearly=done_yearly or NO_COMPLETIONS,
        notes=tuple(notes),
        path=r.path,
        line=r.line(node),
        order=order,
    )


PARTNER_KEYS = ("unit", "role")


def _partners(r: Reader, node: yaml.Node, what: Message) -> tuple[list[str], dict[str, str]]:
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


# -- files -----------------------------------------------------------------------------------


def parse_tasks(
    text: str, path: str, errors: list[DataError], *, main: bool = True, offset: int = 0
) -> tuple[list[Document], list[Task]]:
    """The records of a tasks file. The main file (``tasks.yaml``) must have ``documents:``;
    the files of ``tasks.d/`` may leave it out. ``offset``: the lines before ``text`` in its
    file, when it is a part of a large file (see :func:`khuyenhoc.read.parts.split_tasks`)."""
    r = Reader(path, errors, offset)
    before = len(errors)
    root = r.compose(text)
    if root is None:
        if len(errors) == before:
            expected = t("'documents:' and 'tasks:'") if main else "'tasks:'"
            errors.append(DataError(path, 1, t("the file is empty: expected {expected}", expected=expected)))
        raise Unreadable
    required = ("documents", "tasks") if main else ("tasks",)
    keys = r.mapping(root, t("the tasks file"), ("documents", "tasks"), required)
    if keys is None:
        raise Unreadable
    documents = list(_documents(r, keys["documents"])) if "documents" in keys else []
    tasks = []
    for order, node in enumerate(r.sequence(keys["tasks"], t("tasks")) if "tasks" in keys else []):
        task = _task(r, node, order)
        if task:
            tasks.append(task)
    return documents, tasks


CALENDAR_KEYS = ("working_days", "days_off", "working")


def parse_calendar(text: str, path: str, errors: list[DataError]) -> CalendarFile:
    """``calendar.yaml``: ``working_days: true|false`` and the lists ``days_off`` and ``working``
    of ``{on: YYYY-MM-DD, by: its source}``. An empty file says nothing: working days off."""
    r = Reader(path, errors)
    before = len(errors)
    root = r.compose(text)
    if root is None:
        if len(errors) > before:
            raise Unreadable
        return CalendarFile()
    keys = r.mapping(root, t("the calendar file"), CALENDAR_KEYS)
    if keys is None:
        raise Unreadable
    on = False
    if "working_days" in keys:
        value = r.scalar(keys["working_days"])
        if isinstance(value, bool):
            on = value
        elif value is not INVALID:
            r.error(
                keys["working_days"],
                t("working_days must be true or false, not {value}", value=describe(keys["working_days"], value)),
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


def parse_file(kind: str, path: str, data: bytes | str, main: bool = True, offset: int = 0) -> Parsed:
    """One file's records and problems (``kind`` is "tasks", "units" or "calendar"); with
    ``offset``, a part of a tasks file that starts after that many lines."""
    errors: list[DataError] = []
    text = decode(data, path, errors) if isinstance(data, bytes) else data
    try:
        if text is None:
            raise Unreadable
        if kind == "units":
            from .unitfile import parse_units

            units, names, contacts = parse_units(text, path, errors)
            return Parsed([], [], units, errors, names=tuple(names), contacts=tuple(contacts))
        if kind == "calendar":
            return Parsed([], [], [], errors, calendar=parse_calendar(text, path, errors))
        if kind == "members":
            from .memberfile import parse_members

            if (records := parse_members(text, path, errors)) is None:
                raise Unreadable
            return Parsed([], [], [], errors, records=tuple(records))
        documents, tasks = parse_tasks(text, path, errors, main=main, offset=offset)
        return Parsed(documents, tasks, [], errors)
    except Unreadable:
        return Parsed([], [], [], errors, unreadable=kind)
