"""Precise edits of one task in ``tasks.yaml``: only that task's lines change.

The file is the audit trail (every change is a git commit), so an edit must not rewrite it.
PyYAML composes the file into nodes whose marks give the character offsets of every key and
value; an edit is a splice of new text at those offsets. Every other byte (comments, also
inside the task, key order, quoting, blank lines, CRLF line endings, a BOM) is left as it was.
Round-trip libraries re-emit the whole document and change more than the edit (measured in
``benchmarks/edit_strategies.py``; see docs/reference.md).

Each edit is checked before anything is written: the new text must load without a single
problem, the edited task must hold exactly the intended change, and every other record must
load exactly as before. Otherwise :class:`EditError` is raised and nothing is written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..core.model import Completion, DataError, Note, Parsed, Plan, Task
from ..read.loader import merge, parse_files
from ..read.parse import TASK_KEYS, parse_file
from ..read.yamlread import SafeLoader
from ..read.yamltext import SharedLine, YamlText, items
from ..words.i18n import Message, t
from ..words.text import clean_text

if TYPE_CHECKING:
    from .transaction import Reading

Context = Sequence[tuple[str, str, bytes | None, bool]]  # (kind, path, bytes or None for this file, main)

__all__ = ["Edit", "EditError", "TaskFile"]


class EditError(Exception):
    """An edit kh refuses to make; nothing has been written. ``code`` is the exit code:
    1 when the data already has problems, else 2."""

    def __init__(self, message: Message, code: int = 2):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Edit:
    """The result of an edit: the new bytes, and the task as it will load from them."""

    data: bytes
    task: Task
    summary: Message  # one line, also the commit message: "done BGD-07 on 2021-03-30 (…)"


_WIDE = 1 << 30


def scalar(value: str | int | date) -> str:
    """A YAML scalar on one line that loads back as exactly ``value``."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    out = yaml.safe_dump({"k": value}, allow_unicode=True, width=_WIDE, sort_keys=False)
    if out.count("\n") == 1 and out.startswith("k: "):
        return out[3:-1]
    out = yaml.safe_dump({"k": value}, allow_unicode=True, width=_WIDE, default_style='"')
    return out[len('"k": ') : -1]


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


class TaskFile:
    """``tasks.yaml`` as read from disk, ready for edits of one task at a time."""

    @classmethod
    def within(cls, reading: Reading, task_id: str, *, repair: bool = False) -> TaskFile:
        """The file of the plan, as the transaction read it, that holds the task (a split plan
        has several). ``repair``: the data may have problems now (a reopen that removes the one
        kh check found); the edit must still leave none (:meth:`_finish`)."""
        from ..core.match import MatchError, task

        try:
            path = task(reading.plan, task_id).path
        except MatchError as exc:
            raise EditError(str(exc)) from None
        own = reading.raw(Path(path))
        assert own is not None  # the task was read from it
        context = [(kind, p, None if p == path else data, main) for kind, p, main, data in reading.files]
        return cls(Path(path), own, context=context, parsed=reading.parsed_by_path(), repair=repair)

    @classmethod
    def read(cls, path: Path, context: Context) -> TaskFile:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise EditError(t("{path}: cannot read: {exc_strerror}", path=path, exc_strerror=exc.strerror)) from None
        return cls(path, raw, context=context)

    def __init__(
        self,
        path: Path,
        raw: bytes,
        units_text: str = "",
        units_path: str = "units.yaml",
        *,
        context: Context = (),
        parsed: dict[str, Parsed] | None = None,
        repair: bool = False,
    ):
        """``context``: every file of the plan as (kind, path, bytes, main), with None as the
        bytes of this one; without it, the plan is this file and ``units_text``. ``parsed``:
        the other files' records where they are already at hand."""
        self.path = path
        self.raw = raw
        if not context:
            context = [("units", units_path, units_text.encode("utf-8"), True), ("tasks", str(path), None, True)]
        self._context = list(context)
        others = [(kind, p, main, data) for kind, p, data, main in self._context if data is not None]
        if parsed is not None:
            self._others = {p: parsed[p] for _, p, _, _ in others}
        else:
            self._others = dict(zip([p for _, p, _, _ in others], parse_files(others), strict=True))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise EditError(t("{path}: not valid UTF-8; run `kh check`", path=path)) from None
        self.bom = text.startswith("\ufeff")
        self.text = text[1:] if self.bom else text
        self.geo = YamlText(self.text)
        self.plan, errors = self._load(self.text)
        if not repair:
            from .transaction import refuse

            refuse(errors)  # kh writes only valid data
        loader = SafeLoader(self.text)
        try:
            self.root = loader.get_single_node()
        finally:
            loader.dispose()

    # -- locating ----------------------------------------------------------------------------

    def task(self, task_id: str) -> Task:
        from ..core.match import MatchError, task

        try:
            return task(self.plan, task_id)
        except MatchError as exc:
            raise EditError(str(exc)) from None

    def _node(self, task: Task) -> yaml.MappingNode:
        assert isinstance(self.root, yaml.MappingNode)  # it loaded without problems
        tasks_node = items(self.root)["tasks"][1]
        for node in tasks_node.value:
            if isinstance(node, yaml.MappingNode):
                id_node = items(node).get("id")
                if id_node and clean_text(str(id_node[1].value)) == task.id:
                    if node.flow_style:
                        raise EditError(
                            t(
                                "task {task_id} is written in flow style {{…}}; kh edits block-style tasks only "
                                "(one key per line): rewrite it so by hand, then run the command again",
                                task_id=task.id,
                            )
                        )
                    return node
        raise EditError(
            t("task {task_id} not found in {path}", task_id=task.id, path=self.path)
        )  # pragma: no cover - loaded above

    # -- splicing and checking -------------------------------------------------------------------

    def _load(self, text: str) -> tuple[Plan, list[DataError]]:
        """The whole plan with this file's text as given."""
        parsed = [
            parse_file("tasks", p, text, main) if data is None else self._others[p]
            for kind, p, data, main in self._context
        ]
        return merge(parsed)

    def _finish(self, task: Task, new_text: str, expected: Task, summary: Message) -> Edit:
        plan, errors = self._load(new_text)
        errors = [e for e in errors if not e.warning]
        if errors:
            shown = "; ".join(str(e) for e in errors[:3])
            raise EditError(
                t("the change would leave the data with problems, so nothing was written: {shown}", shown=shown)
            )
        _same_except(self.plan, plan, task.id)
        got = plan.task(task.id)
        if got is None or _key(got) != _key(expected):  # pragma: no cover - a bug in this module
            raise EditError(
                t("internal check failed: task {task_id} would not hold the intended change", task_id=task.id)
            )
        data = ("\ufeff" if self.bom else "") + new_text
        return Edit(data.encode("utf-8"), got, summary)

    def _replace_key(self, node: yaml.MappingNode, key: str, render: Callable[[str, str], list[str]] | None) -> str:
        """The text with ``key`` of the task replaced by ``render(indent, step)`` (None removes it)."""
        geo = self.geo
        indent, step = geo.indent(node)
        entries = items(node)
        if key in entries:
            try:
                start, end = geo.span(*entries[key])
            except SharedLine as exc:
                raise EditError(
                    t(
                        "{path}:{line}: kh cannot edit {key_value!r} here because it shares its line with "
                        "another key; put it on a line of its own",
                        path=self.path,
                        line=exc.key.start_mark.line + 1,
                        key_value=exc.key.value,
                    )
                ) from None
        else:
            start = end = geo.insert_at(node, key, TASK_KEYS)
        new = geo.lines(render(indent, step)) if render else ""
        return geo.splice(start, end, new)

    # -- edits -----------------------------------------------------------------------------------

    def done(self, task: Task, completion: Completion, year: int | None) -> Edit:
        node = self._node(task)
        what = _one_line(completion.evidence, 80)
        if year is None:
            expected = dataclasses.replace(task, done=completion)
            text = self._replace_key(node, "done", lambda i, s: [f"{i}done:", *_completion_lines(completion, i + s)])
            summary = t("done {task_id} on {on} ({what})", task_id=task.id, on=completion.on, what=what)
            return self._finish(task, text, expected, summary)
        expected = dataclasses.replace(task, done_yearly={**task.done_yearly, year: completion})
        summary = t(
            "done {task_id} for {year} on {on} ({what})",
            task_id=task.id,
            year=year,
            on=completion.on,
            what=what,
        )
        present = items(node)
        done = present.get("done")
        if done and isinstance(done[1], yaml.MappingNode) and not done[1].flow_style and done[1].value:
            step = self.geo.indent(node)[1]
            entries = done[1].value
            col = " " * entries[0][0].start_mark.column
            lines = self.geo.lines([f"{col}{year}:", *_completion_lines(completion, col + step)])
            later = [k for k, _ in entries if _year(k) > year and self.geo.starts_line(k)]
            at = (
                self.geo.comments_above(later[0].start_mark.index)
                if later
                else self.geo.line_end(self.geo.content_end(entries[-1][1]))
            )
            return self._finish(task, self.geo.splice(at, at, lines), expected, summary)
        return self._finish(
            task, self._replace_key(node, "done", _yearly_block(expected.done_yearly)), expected, summary
        )

    def reopen(self, task: Task, year: int | None) -> Edit:
        node = self._node(task)
        if year is None:
            expected = dataclasses.replace(task, done=None)
            return self._finish(
                task, self._replace_key(node, "done", None), expected, t("reopen {task_id}", task_id=task.id)
            )
        remaining = {y: c for y, c in task.done_yearly.items() if y != year}
        expected = dataclasses.replace(task, done_yearly=remaining)
        summary = t("reopen {task_id} for {year}", task_id=task.id, year=year)
        done = items(node)["done"][1]
        if not remaining:
            text = self._replace_key(node, "done", None)
        elif isinstance(done, yaml.MappingNode) and not done.flow_style:
            key, value = next((k, v) for k, v in done.value if _year(k) == year)
            start, end = self.geo.span(key, value)  # a year's key on its own line: block style
            text = self.geo.splice(start, end, "")
        else:
            text = self._replace_key(node, "done", _yearly_block(remaining))
        return self._finish(task, text, expected, summary)

    def note(self, task: Task, note: Note) -> Edit:
        node = self._node(task)
        expected = dataclasses.replace(task, notes=(*task.notes, note))
        summary = t("note on {task_id} ({on}): {text}", task_id=task.id, on=note.on, text=_one_line(note.text, 60))
        notes = items(node).get("notes")
        if notes and isinstance(notes[1], yaml.SequenceNode) and not notes[1].flow_style and notes[1].value:
            first = notes[1].value[0]
            dash_at = self.text.rfind("-", 0, first.start_mark.index)
            dash = " " * (dash_at - self.geo.line_start(dash_at))
            gap = max(first.start_mark.column - len(dash), 2)  # "- " before the item's keys
            at = self.geo.line_end(self.geo.content_end(notes[1].value[-1]))
            lines = self.geo.lines(_note_lines(note, dash, gap))
            return self._finish(task, self.geo.splice(at, at, lines), expected, summary)

        def render(i: str, s: str) -> list[str]:
            out = [f"{i}notes:"]
            for n in expected.notes:
                out += _note_lines(n, i + s, 2)
            return out

        return self._finish(task, self._replace_key(node, "notes", render), expected, summary)

    def set_field(self, task: Task, field: str, value: str | list[str] | None) -> Edit:
        """Set ``due`` (text, or None for a standing duty), ``lead`` or ``partners`` (unit ids)."""
        from ..core.deadlines import DeadlineError, parse_deadline

        node = self._node(task)
        present = items(node)
        if field == "due":
            assert value is None or isinstance(value, str)
            try:
                deadline = parse_deadline(value)
            except DeadlineError as exc:
                raise EditError(str(exc)) from None
            if (task.done_yearly and not deadline.yearly) or (task.done and deadline.yearly):
                raise EditError(
                    t(
                        "task {task_id} has completions recorded for a {kind} deadline; reopen them before "
                        "changing the kind of deadline",
                        task_id=task.id,
                        kind=t("yearly") if task.done_yearly else t("one-off"),
                    )
                )
            expected = dataclasses.replace(task, due_text=value, deadline=deadline)
            rendered = scalar(value) if value is not None else None
            old: Message = f'"{task.due_text}"' if task.due_text else t("none")
            new: Message = f'"{value}"' if value else t("none (standing duty)")
            summary = t("set {task_id} due {new} (was {old})", task_id=task.id, new=new, old=old)
        else:
            assert isinstance(value, list)
            units = tuple(value)
            expected = (
                dataclasses.replace(task, lead=units) if field == "lead" else dataclasses.replace(task, partners=units)
            )
            rendered = flow_list(value) if value else None
            old_value = getattr(task, field)
            summary = t(
                "set {task_id} {field} {new} (was {old})",
                task_id=task.id,
                field=t("lead") if field == "lead" else t("partners"),
                new=", ".join(value) or t("none"),
                old=", ".join(old_value) or t("none"),
            )
        current = present.get(field)
        if rendered is not None and current and isinstance(current[1], yaml.ScalarNode | yaml.SequenceNode):
            value_node = current[1]
            if isinstance(value_node, yaml.ScalarNode) and value_node.style not in ("|", ">"):
                # in place: a comment after the value stays where it is
                start, end = value_node.start_mark.index, self.geo.content_end(value_node)
                return self._finish(task, self.geo.splice(start, end, rendered), expected, summary)
            if isinstance(value_node, yaml.SequenceNode) and value_node.flow_style:
                start, end = value_node.start_mark.index, value_node.end_mark.index
                return self._finish(task, self.geo.splice(start, end, rendered), expected, summary)
        render = (lambda i, s: [f"{i}{field}: {rendered}"]) if rendered is not None else None
        return self._finish(task, self._replace_key(node, field, render), expected, summary)


# -- helpers ---------------------------------------------------------------------------------------


def _key(task: Task) -> Task:
    """A task without its position in the file, for comparing what it says."""
    return dataclasses.replace(task, line=0, order=0)


def _same_except(before: Plan, after: Plan, task_id: str) -> None:
    """Every record but the edited task loads exactly as before."""
    old = [_key(t) for t in before.tasks if t.id != task_id]
    new = [_key(t) for t in after.tasks if t.id != task_id]
    same_docs = {k: dataclasses.replace(d, line=0) for k, d in before.documents.items()} == {
        k: dataclasses.replace(d, line=0) for k, d in after.documents.items()
    }
    if old != new or not same_docs or before.units != after.units:  # pragma: no cover - a bug here
        raise EditError(t("internal check failed: the edit would change other records; nothing was written"))


def _year(node: yaml.Node) -> int:
    try:
        return int(node.value)
    except (TypeError, ValueError):
        return -1


def _completion_lines(c: Completion, indent: str) -> list[str]:
    key = "date" if c.exact else "no_later_than"
    lines = [f"{indent}{key}: {c.on.isoformat()}", f"{indent}evidence: {scalar(c.evidence)}"]
    if c.source:
        lines.append(f"{indent}source: {scalar(c.source)}")
    return lines


def _yearly_block(done: dict[int, Completion]) -> Callable[[str, str], list[str]]:
    def render(indent: str, step: str) -> list[str]:
        lines = [f"{indent}done:"]
        for y, c in sorted(done.items()):
            lines += [f"{indent}{step}{y}:", *_completion_lines(c, indent + step + step)]
        return lines

    return render


def _note_lines(n: Note, dash: str, gap: int) -> list[str]:
    pad = dash + " " * gap
    lines = [f"{dash}-{' ' * (gap - 1)}date: {n.on.isoformat()}", f"{pad}text: {scalar(n.text)}"]
    if n.source:
        lines.append(f"{pad}source: {scalar(n.source)}")
    return lines


def _one_line(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_list(value: str) -> list[str]:
    """``"a, Vụ GDTX"`` → ``["a", "Vụ GDTX"]``; ``""`` or ``"-"`` → ``[]``."""
    if value.strip() in ("", "-"):
        return []
    return [v.strip() for v in value.split(",") if v.strip()]
