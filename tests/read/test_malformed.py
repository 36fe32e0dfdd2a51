"""Malformed data × every command: whatever `kh check` accepts every command handles, and
everything else is a located error (exit 1) or a usage error (exit 2), never an internal one.

Each variant replaces one value of the shipped plan with a value of the wrong kind or range;
each command then runs on it. A variant `kh check` accepts must run everywhere (exit 0).
"""

from __future__ import annotations

from pathlib import Path

import pytest

TODAY = "2026-11-22"

# (file, the line as shipped, what replaces it)
TARGETS = {
    "task due": ("tasks.yaml", "    due: Quý II năm 2021\n"),
    "task title": ("tasks.yaml", "    title: Xây dựng chương trình, tài liệu dạy học xóa mù chữ\n"),
    "task lead": ("tasks.yaml", "    lead: [vu-gdtrh]\n"),
    "task id": ("tasks.yaml", "  - id: BGD-05\n"),
    "completion date": ("tasks.yaml", "      date: 2020-08-06\n"),
    "document year": ("tasks.yaml", "    year: 2020\n"),
    "document effective": ("tasks.yaml", "    effective: 2020-04-08"),
    "unit kind": ("units.yaml", "    kind: moet-unit\n"),
    "unit id": ("units.yaml", "  - id: vu-gdtx\n"),
    "succession date": ("units.yaml", "date: 2025-03-01"),
}
VALUES = {
    "null": "~",
    "list": "[a, [b]]",
    "mapping": "{a: 1}",
    "zero": "0",
    "negative": "-5",
    "year 10000": "10000",
    "huge": "123456789012345678901",
    "float": "1.5e308",
    "bool": "yes",
    "date and time": "2021-07-30 09:00:00",
    "far date": "9999-12-31",
    "old date": "0001-01-01",
    "control": '"a\\x1b[2Jb"',
    "empty": '""',
}
COMMANDS = [
    ("check",),
    ("list", "--all"),
    ("list", "--overdue", "--format", "csv"),
    ("show", "BGD-09"),
    ("units",),
    ("report", "2021"),
    ("report", "2021", "--format", "json"),
    ("agenda",),
    ("ics",),
    ("history", "BGD-09"),
]


def _replace(line: str, value: str) -> str:
    if line.startswith("date:") or line.startswith("    effective:"):  # inside a line: key: value
        key = line.split(":")[0]
        return f"{key}: {value}"
    indent_key, _, _ = line.partition(": ")
    return f"{indent_key}: {value}\n"


@pytest.mark.parametrize("value", VALUES, ids=list(VALUES))
@pytest.mark.parametrize("target", TARGETS, ids=list(TARGETS))
def test_malformed_values_never_cause_an_internal_error(kh, data_dir: Path, target: str, value: str) -> None:
    name, line = TARGETS[target]
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert line in text, line
    path.write_text(text.replace(line, _replace(line, VALUES[value]), 1), encoding="utf-8")
    accepted = kh("check").code == 0
    for args in COMMANDS:
        r = kh(*args, "--today", TODAY) if args[0] not in ("history", "check") else kh(*args)
        assert "internal error" not in r.stderr and "lỗi nội bộ" not in r.stderr, (args, r)
        assert "Traceback" not in r.stdout + r.stderr, (args, r)
        if args[0] == "history":
            assert r.code == 2  # no git here: a usage error, whatever the data
        elif accepted:
            assert r.code == 0, (args, r)
        else:
            assert r.code in (1, 2), (args, r)


@pytest.mark.parametrize(
    ("replacement", "vi"),
    [
        ("\tdue: Quý II năm 2021\n", "có ký tự tab: YAML chỉ thụt lề bằng dấu cách"),
        ("   due: Quý II năm 2021\n", "thụt lề không khớp với các dòng trên"),
        ("    due: Quý II năm 2021\n  - id: 'BGD-99\n", "dấu ngoặc kép (hoặc nháy đơn) chưa được đóng"),
    ],
    ids=["tab", "indentation", "quote"],
)
def test_a_file_yaml_cannot_read_is_explained_in_kh_words(kh, data_dir: Path, replacement: str, vi: str) -> None:
    """What is wrong, in Vietnamese, so that a person editing by hand can fix it; the parser's
    English only in brackets after it."""
    tasks = data_dir / "tasks.yaml"
    shipped = "    due: Quý II năm 2021\n"
    text = tasks.read_text(encoding="utf-8")
    if replacement.endswith("'BGD-99\n"):  # a quote never closed: at the end, or a later one closes it
        text, replacement = text + replacement.removeprefix(shipped), shipped
    tasks.write_text(text.replace(shipped, replacement, 1), encoding="utf-8")
    r = kh("check", data=data_dir)
    assert r.code == 1
    (line,) = [x for x in r.stdout.splitlines() if "YAML" in x]
    assert f": YAML không hợp lệ: {vi}" in line
    assert line.index("[bộ đọc YAML: ") > line.index(vi)


@pytest.mark.parametrize(
    ("context", "problem", "kind"),
    [
        # libyaml (PyYAML's C reader) and PyYAML's own reader word the same problems differently
        ("while parsing a block collection", "did not find expected '-' indicator", "indentation"),
        ("while parsing a block mapping", "did not find expected key", "indentation"),
        ("while parsing a block mapping", "expected <block end>, but found '<block mapping start>'", "indentation"),
        ("while scanning a plain scalar", "found a tab character that violates indentation", "tab"),
        ("while scanning for the next token", "found character '\\t' that cannot start any token", "tab"),
        ("while scanning a quoted scalar", "found unexpected end of stream", "quote"),
        ("while parsing a flow sequence", "did not find expected ',' or ']'", "bracket"),
        ("while parsing a flow mapping", "expected ',' or '}', but got '<stream end>'", "bracket"),
        (None, "mapping values are not allowed here", "colon"),
        (None, "mapping values are not allowed in this context", "colon"),
    ],
)
def test_either_parsers_words_become_the_same_kh_words(context: str | None, problem: str, kind: str) -> None:
    from khuyenhoc.read.yamlerrors import yaml_problem
    from khuyenhoc.words.i18n import set_lang

    words = {
        "indentation": "thụt lề không khớp",
        "tab": "có ký tự tab",
        "quote": "chưa được đóng",
        "bracket": "dấu ngoặc chưa được đóng",
        "colon": "dấu ':' ở chỗ không thể bắt đầu giá trị",
    }
    set_lang("vi")
    assert words[kind] in str(yaml_problem(context, problem))
