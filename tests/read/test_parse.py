"""khuyenhoc.read.parse and yamlread: YAML text → records, every problem located, nothing raised."""

from __future__ import annotations

from datetime import date

from khuyenhoc.read.parse import parse_file

from ..helpers import task, tasks_yaml


def test_a_task_is_read_with_its_line_and_its_deadline() -> None:
    parsed = parse_file("tasks", "tasks.yaml", tasks_yaml(task("T-1"), task("T-2", due="15/11 hằng năm")))
    assert parsed.errors == []
    first, second = parsed.tasks
    assert (first.id, first.line, first.deadline.on) == ("T-1", 6, date(2021, 6, 30))
    assert (second.line, second.deadline.kind, second.deadline.month, second.deadline.day) == (11, "yearly", 11, 15)


def test_problems_are_records_at_their_line_not_exceptions() -> None:
    text = tasks_yaml(task("T-1", extra="deadline: soon"), task("T 2"))
    parsed = parse_file("tasks", "tasks.yaml", text)
    assert [(e.line, str(e.message).split(":")[0]) for e in parsed.errors] == [
        (11, "unknown key 'deadline' in task T-1 (known keys"),
        (12, "task id 'T 2' may hold only letters, digits, '.', '-' and '_', 100 at most"),
    ]


def test_an_unreadable_file_says_so_once_and_is_marked_unreadable() -> None:
    parsed = parse_file("tasks", "tasks.yaml", "tasks:\n\t- id: x\n")
    assert parsed.unreadable == "tasks" and len(parsed.errors) == 1
    assert "invalid YAML" in str(parsed.errors[0].message)


def test_anchors_are_refused_before_they_can_expand() -> None:
    text = tasks_yaml(task("T-1", extra="notes: &a [{date: 2021-01-01, text: x}]"), task("T-2", extra="notes: *a"))
    parsed = parse_file("tasks", "tasks.yaml", text)
    assert [e.line for e in parsed.errors] == [11] and "anchors and aliases" in str(parsed.errors[0].message)


def test_the_old_date_key_is_read_with_a_warning() -> None:
    text = tasks_yaml(task("T-1", extra="done: {on: 2021-05-01, evidence: x}"))
    parsed = parse_file("tasks", "tasks.yaml", text)
    assert parsed.tasks[0].done is not None and parsed.tasks[0].done.on == date(2021, 5, 1)
    assert [e.warning for e in parsed.errors] == [True]


def test_an_appendix_row_may_be_a_bare_number() -> None:
    text = tasks_yaml(task("T-1").replace("ref: '1'", "ref: 12"))
    parsed = parse_file("tasks", "tasks.yaml", text)
    assert parsed.errors == []
    assert parsed.tasks[0].ref == "12"
