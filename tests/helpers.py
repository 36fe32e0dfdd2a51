"""Small plans written inline, for tests of the core."""

from __future__ import annotations

import textwrap

UNITS = textwrap.dedent(
    """\
    units:
      - id: bgddt
        name: Bộ Giáo dục và Đào tạo
        short: Bộ GDĐT
        kind: ministry
      - id: vu-gdtx
        name: Vụ Giáo dục thường xuyên
        short: Vụ GDTX
        kind: moet-unit
        parent: bgddt
    """
)

HEADER = textwrap.dedent(
    """\
    documents:
      - id: kh
        title: Kế hoạch thử
        year: 2020
    tasks:
    """
)


def tasks_yaml(*blocks: str) -> str:
    """A tasks file with the given task blocks (each a dedented YAML mapping)."""
    body = "".join(textwrap.indent(textwrap.dedent(b).strip("\n") + "\n", "  ").replace("  ", "- ", 1) for b in blocks)
    return HEADER + (body or "  []\n")


def task(task_id: str = "T-1", due: str | None = "Quý II năm 2021", extra: str = "") -> str:
    lines = [
        f"id: {task_id}",
        "title: Nhiệm vụ thử",
        "lead: [vu-gdtx]",
        "source: {document: kh, ref: '1'}",
    ]
    if due is not None:
        lines.append(f"due: {due}")
    return "\n".join(lines) + ("\n" + textwrap.dedent(extra).strip("\n") if extra else "") + "\n"
