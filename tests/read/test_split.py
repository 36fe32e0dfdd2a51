"""Large tasks files are parsed in parts (parts.split_tasks), on several cores: the plan and
every problem, with its line, are exactly those of the whole file."""

from __future__ import annotations

from pathlib import Path

import pytest

from khuyenhoc.read import parts as parsing
from khuyenhoc.read.loader import load_dir
from khuyenhoc.read.parts import split_tasks


def both_ways(folder: Path, monkeypatch: pytest.MonkeyPatch, part: int = 3000) -> tuple[tuple, tuple]:
    """(whole, in parts) for the plan in folder, parts of ~3 KB (or ``part``) so that the shipped
    plan splits."""
    monkeypatch.setattr(parsing, "SPLIT_BYTES", 10**12)
    whole = load_dir(folder, use_cache=False)
    monkeypatch.setattr(parsing, "SPLIT_BYTES", 1000)
    monkeypatch.setattr(parsing, "PART_BYTES", part)
    monkeypatch.setattr(parsing, "PARALLEL_BYTES", 1000)  # and on several cores
    parts = load_dir(folder, use_cache=False)
    return whole, parts


def lines(result: tuple) -> list[tuple[int, str]]:
    plan, errors = result
    return [(t.line, t.id) for t in plan.tasks] + [(e.line, str(e)) for e in errors]


def test_the_shipped_plan_reads_the_same_in_parts(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (data_dir / "tasks.yaml").read_text(encoding="utf-8")
    skeleton, parts = split_tasks(text, 3000) or ("", [])
    assert len(parts) > 5 and skeleton.count("\n") == text.count("\n")
    whole, in_parts = both_ways(data_dir, monkeypatch)
    assert in_parts[0] == whole[0] and lines(in_parts) == lines(whole)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("      date: 2020-08-06\n", "      on: 2020-08-06\n"),  # a warning: kept from the parts, at its line
        ("    due: Quý I năm 2021\n", "    due: Quý I năm 2021\n    deadline: x\n"),  # an error: the whole file says it
        ("  - id: BGD-05\n", "  - id: BGD-04\n"),  # a duplicate id across parts
        (  # a quoted title whose second line starts like a new item: the cut falls inside it
            "    title: Biên soạn tài liệu dạy học trực tuyến trong các cơ sở giáo dục thường xuyên\n",
            '    title: "Biên soạn tài liệu dạy học trực tuyến\n  - trong các cơ sở giáo dục thường xuyên"\n',
        ),
        ("  - id: BGD-07\n", "  - id: BGD-07\n    notes: &n [{date: 2021-01-01, text: x}]\n"),  # an anchor
    ],
    ids=["warning", "error", "duplicate", "quoted-title", "anchor"],
)
def test_problems_read_the_same_in_parts(data_dir: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> None:
    tasks = data_dir / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert old in text
    tasks.write_text(text.replace(old, new, 1), encoding="utf-8")
    whole, in_parts = both_ways(data_dir, monkeypatch, part=1)  # every item a part: a cut at every "  - "
    assert lines(in_parts) == lines(whole)
    assert in_parts[0].tasks == whole[0].tasks


@pytest.mark.parametrize(
    "text",
    [
        "documents: []\ntasks: [{id: a}]\n",  # a flow list
        "documents: []\ntasks:\n- id: a\n- id: b\n",  # items at column 0
        "tasks:\n  - id: a\ntasks:\n  - id: b\n",  # two lists
    ],
)
def test_files_not_laid_out_as_one_block_list_are_read_whole(text: str) -> None:
    assert split_tasks(text * 1, 1) is None
