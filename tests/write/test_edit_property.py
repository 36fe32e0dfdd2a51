"""Property: an edit changes only the lines of its task, keeps every comment, and reloads as
exactly the intended change, on random valid files written in many styles.

Examples per run: 150 by default; `HYPOTHESIS_PROFILE=thorough` runs 3,000.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from khuyenhoc.core.model import Completion, Note, Task
from khuyenhoc.read.loader import load_text
from khuyenhoc.words.text import clean_text
from khuyenhoc.write.edit import TaskFile

UNIT_IDS = ["bgddt", "vu-gdtx", "hkhvn", "so-gddt"]
UNITS = "units:\n" + "".join(f"  - {{id: {u}, name: Đơn vị {u}, kind: ministry}}\n" for u in UNIT_IDS)
ONCE = ["Quý II năm 2021", "quý 4/2022", "31/12/2021", "tháng 6 năm 2023", "năm 2024", "trước ngày 31/12/2021"]
YEARLY = ["15/11 hằng năm", "trước ngày 30/10 hằng năm"]

# Text a user might type: Vietnamese, and what YAML cares about (: # ' " - [ ] { } , &).
TEXT = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạếềệọờửỳ ABCĐ0123456789:#'\"-[]{},&*!|>%@`/.…")),
    min_size=1,
    max_size=40,
).filter(lambda s: clean_text(s) == s and s != "")


def quoted(draw: st.DrawFn, text: str) -> str:
    """The same text, written plain, single- or double-quoted (only when that is valid)."""
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


@st.composite
def task_files(draw: st.DrawFn) -> tuple[str, str, str, bool]:
    """(text, newline, step, bom): a valid tasks.yaml with comments everywhere a person puts them."""
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    dash = " " * draw(st.sampled_from([0, 2]))
    step = " " * draw(st.sampled_from([2, 4]))
    key = dash + "  "
    comment_no = iter(range(10_000))

    def comment(at: str, owner: str) -> str:
        return f"{at}# c{next(comment_no)} {owner}"

    lines = ["# Kế hoạch thử", "documents:", "  - id: kh", "    title: Kế hoạch thử", "    year: 2020", "tasks:"]
    for i in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["once", "yearly", "standing"]))
        blocks: dict[str, list[str]] = {
            "title": [f"title: {quoted(draw, f'Nhiệm vụ {i} - thử')}"],
            "source": [f"source: {{document: kh, ref: '{i}'}}"]
            if draw(st.booleans())
            else ["source:", f"{step}document: kh", f"{step}ref: '{i}'"],
        }
        lead = draw(st.lists(st.sampled_from(UNIT_IDS), min_size=1, max_size=2, unique=True))
        blocks["lead"] = (
            [f"lead: [{', '.join(lead)}]"] if draw(st.booleans()) else ["lead:", *(f"{step}- {u}" for u in lead)]
        )
        if draw(st.booleans()):
            others = [u for u in UNIT_IDS if u not in lead]  # a unit is lead or partner, not both
            partners = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
            blocks["partners"] = [f"partners: [{', '.join(partners)}]"]
        if kind != "standing":
            due = draw(st.sampled_from(ONCE if kind == "once" else YEARLY))
            trailing = f"  # c{next(comment_no)} due" if draw(st.booleans()) else ""
            blocks["due"] = [f"due: {quoted(draw, due)}{trailing}"]
        if kind == "once" and draw(st.booleans()):
            inner = [comment(step, f"D{i}")] if draw(st.booleans()) else []
            blocks["done"] = [
                "done:",
                f"{step}date: 2021-03-01",
                *inner,
                f"{step}evidence: {quoted(draw, 'Văn bản số 1')}",
            ]
        if kind == "yearly" and draw(st.booleans()):
            years = draw(st.lists(st.integers(2020, 2023), min_size=1, max_size=3, unique=True))
            body = []
            for y in years:
                body += [f"{step}{y}:", f"{step}{step}date: {y}-12-01", f"{step}{step}evidence: Báo cáo {y}"]
            blocks["done"] = ["done:", *body]
        if draw(st.booleans()):
            blocks["notes"] = ["notes:", f"{step}- date: 2021-01-01", f"{step}  text: {quoted(draw, 'ghi chú')}"]
        order = draw(st.permutations(list(blocks)))
        lines.append(f"{dash}- id: T-{i}")
        for name in order:
            if draw(st.integers(0, 3)) == 0:
                lines.append(comment(key, "K"))
            if draw(st.integers(0, 7)) == 0:
                lines.append("")
            lines += [key + line for line in blocks[name]]
        for _ in range(draw(st.integers(0, 2))):
            lines.append("")
        if draw(st.booleans()):
            lines += [comment(dash, "S"), ""]
    text = nl.join(lines) + nl
    return text, nl, step, draw(st.booleans())


@st.composite
def edits(draw: st.DrawFn, tasks: tuple[Task, ...]) -> tuple[str, Task, tuple]:
    """(operation, task, arguments) valid for that task."""
    task = draw(st.sampled_from(tasks))
    ops = ["note", "lead", "partners"]
    if task.deadline.kind == "once":
        ops += ["reopen"] if task.done else ["done"]
    if task.deadline.yearly:
        ops += ["done_year"] + (["reopen_year"] if task.done_yearly else [])
    if not task.done and not task.done_yearly:
        ops.append("due")
    op = draw(st.sampled_from(ops))
    if op == "done":
        return op, task, (Completion(date(2021, 5, 5), draw(TEXT), draw(st.none() | TEXT)),)
    if op == "done_year":
        year = draw(st.integers(2020, 2025).filter(lambda y: y not in task.done_yearly))
        return op, task, (Completion(date(year, 12, 2), draw(TEXT), draw(st.none() | TEXT)), year)
    if op == "reopen_year":
        return op, task, (draw(st.sampled_from(sorted(task.done_yearly))),)
    if op == "note":
        return op, task, (Note(date(2026, 11, 22), draw(TEXT), draw(st.none() | TEXT)),)
    if op == "due":
        return op, task, (draw(st.none() | st.sampled_from(ONCE + YEARLY)),)
    if op in ("lead", "partners"):
        other = task.partners if op == "lead" else task.lead
        free = [u for u in UNIT_IDS if u not in other]
        return op, task, (draw(st.lists(st.sampled_from(free), min_size=op == "lead", max_size=3, unique=True)),)
    return op, task, ()


def apply(tf: TaskFile, op: str, task: Task, args: tuple):
    from khuyenhoc.core.deadlines import parse_deadline

    if op == "done":
        return tf.done(task, args[0], None), dataclasses.replace(task, done=args[0])
    if op == "done_year":
        c, year = args
        return tf.done(task, c, year), dataclasses.replace(task, done_yearly={**task.done_yearly, year: c})
    if op == "reopen":
        return tf.reopen(task, None), dataclasses.replace(task, done=None)
    if op == "reopen_year":
        rest = {y: c for y, c in task.done_yearly.items() if y != args[0]}
        return tf.reopen(task, args[0]), dataclasses.replace(task, done_yearly=rest)
    if op == "note":
        return tf.note(task, args[0]), dataclasses.replace(task, notes=(*task.notes, args[0]))
    if op == "due":
        return tf.set_field(task, "due", args[0]), dataclasses.replace(
            task, due_text=args[0], deadline=parse_deadline(args[0])
        )
    units = tuple(args[0])
    replaced = dataclasses.replace(task, lead=units) if op == "lead" else dataclasses.replace(task, partners=units)
    return tf.set_field(task, op, list(units)), replaced


def comments(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if line.strip().startswith("#")} | {
        "#" + line.split("#", 1)[1] for line in text.splitlines() if "  # c" in line
    }


def region(text: str, task: Task, tasks: tuple[Task, ...]) -> tuple[int, int]:
    """Character range from the task's first line to the next task's first line."""
    starts = [sum(len(line) for line in text.splitlines(keepends=True)[: t.line - 1]) for t in tasks]
    i = tasks.index(task)
    return starts[i], starts[i + 1] if i + 1 < len(tasks) else len(text)


@given(data=st.data(), file=task_files())
def test_an_edit_touches_only_its_task(data: st.DataObject, file: tuple[str, str, str, bool]) -> None:
    text, nl, _, bom = file
    plan, errors = load_text(text.replace("\r\n", "\n"), UNITS)
    assert [e for e in errors if not e.warning] == [], (errors, text)  # a generated "…" in a source warns
    op, task, args = data.draw(edits(plan.tasks))
    raw = (("\ufeff" if bom else "") + text).encode("utf-8")
    tf = TaskFile(Path("tasks.yaml"), raw, UNITS, "units.yaml")
    edit, expected = apply(tf, op, task, args)
    new = edit.data.decode("utf-8")

    # the BOM and the line endings are kept
    assert new.startswith("\ufeff") == bom
    new = new.removeprefix("\ufeff")
    if nl == "\r\n":
        assert new.count("\n") == new.count("\r\n")
    else:
        assert "\r" not in new

    # every byte outside the task's lines is unchanged
    start, end = region(text, task, plan.tasks)
    assert new[:start] == text[:start]
    assert new[len(new) - (len(text) - end) :] == text[end:]

    # every comment is kept, but those inside a completion that was removed, or after a value removed
    lost = comments(text) - comments(new)
    allowed = {
        c
        for c in lost
        if (op.startswith("reopen") and c.endswith(f"D{task.id[2:]}"))
        or (op == "due" and args[0] is None and c.endswith(" due"))
    }
    assert lost == allowed

    # the file reloads as exactly the intended change
    after, errors = load_text(new.replace("\r\n", "\n"), UNITS)
    assert [e for e in errors if not e.warning] == []

    def same(t: Task) -> Task:
        return dataclasses.replace(t, line=0, order=0, path="")

    assert [same(t) for t in after.tasks] == [same(expected if t.id == task.id else t) for t in plan.tasks]
