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
