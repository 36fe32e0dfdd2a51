"""Bad data is reported as `path:line: message`, each class of problem once, never raised.

Each file in tests/data/invalid/ is a tasks.yaml whose first line says what kh must report:
`# expect: LINE: MESSAGE`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from khuyenhoc.read.loader import load_text

from ..conftest import TESTS
from ..helpers import UNITS, task, tasks_yaml

INVALID = sorted((TESTS / "data" / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_each_invalid_file_reports_its_problem_with_its_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"# expect: (\d+): (.*)", text)
    assert m, f"{path.name} has no '# expect:' line"
    line, message = int(m[1]), m[2]
    _, errors = load_text(text, UNITS, tasks_path="tasks.yaml")
    rendered = [str(e) for e in errors]
    assert any(r.startswith(f"tasks.yaml:{line}: ") and message in r for r in rendered), rendered


def test_a_valid_file_has_no_errors_and_keeps_every_field() -> None:
    plan, errors = load_text(
        tasks_yaml(
            task(extra="partners: bgddt\nimplements: T-2\nnotes: [{date: 2021-01-02, text: Ghi chú}]"), task("T-2")
        ),
        UNITS,
    )
    assert errors == []
    t = plan.task("t-1")
    assert t is not None
    assert (t.lead, t.partners, t.due_text, t.implements) == (("vu-gdtx",), ("bgddt",), "Quý II năm 2021", "T-2")
    assert t.notes[0].text == "Ghi chú"


def test_nfd_text_is_stored_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Xây dựng chương trình xóa mù chữ")
    plan, errors = load_text(tasks_yaml(task().replace("Nhiệm vụ thử", nfd)), UNITS)
    assert errors == []
    assert plan.tasks[0].title == unicodedata.normalize("NFC", nfd)


def test_crlf_and_bom_are_read_like_plain_utf8(tmp_path: Path) -> None:
    from khuyenhoc.read.loader import load_dir

    (tmp_path / "tasks.yaml").write_bytes(b"\xef\xbb\xbf" + tasks_yaml(task()).replace("\n", "\r\n").encode())
    (tmp_path / "units.yaml").write_text(UNITS, encoding="utf-8")
    plan, errors = load_dir(tmp_path)
    assert errors == [] and plan.tasks[0].due_text == "Quý II năm 2021"


def test_invalid_utf8_reports_the_byte_offset(tmp_path: Path) -> None:
    from khuyenhoc.read.loader import load_dir

    data = tasks_yaml(task()).encode()
    (tmp_path / "tasks.yaml").write_bytes(data[:20] + b"\xff" + data[20:])
    (tmp_path / "units.yaml").write_text(UNITS, encoding="utf-8")
    _, errors = load_dir(tmp_path)
    assert [e.message for e in errors] == ["not valid UTF-8: byte 0xff at offset 20"]


def test_unit_problems_are_reported_in_units_yaml() -> None:
    units = UNITS + "  - id: vu-gdtx\n    name: Trùng\n    kind: moet-unit\n    parent: bo-khong-co\n"
    units += "  - id: x\n    name: X\n    kind: ministerium\n"
    _, errors = load_text(tasks_yaml(task()), units)
    assert [str(e) for e in errors] == [
        "units.yaml:11: duplicate unit id 'vu-gdtx' (first at line 6)",
        "units.yaml:11: unit vu-gdtx: unknown parent unit 'bo-khong-co'",
        "units.yaml:17: unknown kind 'ministerium' of unit x (known kinds: ministry, government-agency, moet-unit, "
        "university, press, party, organisation, international, collective, province, commune)",
    ]


# -- one pipeline: kh check and the other commands agree ------------------------------------

BROKEN_CALENDARS = {
    "unclosed-list": ("working_days: [oops\n", 2),
    "not-a-boolean": ("working_days: maybe\n", 1),
    "no-such-day": ("working_days: true\ndays_off:\n  - {date: 2025-02-30, by: Thông báo …}\n", 3),
    "no-such-day-while-off": ("working_days: false\nworking:\n  - {date: 2025-13-01, by: Thông báo …}\n", 3),
    "unknown-key": ("working_day: true\n", 1),
}


@pytest.mark.parametrize("text, line", BROKEN_CALENDARS.values(), ids=BROKEN_CALENDARS.keys())
def test_check_and_every_command_agree_on_a_broken_calendar(kh, data_dir: Path, text: str, line: int) -> None:
    (data_dir / "calendar.yaml").write_text(text, encoding="utf-8")
    where = f"{data_dir / 'calendar.yaml'}:{line}: "
    check = kh("check")
    assert check.code == 1 and check.stdout.startswith(where), check
    for args in (["list"], ["show", "BGD-09"], ["units"], ["report", "2021"], ["agenda"], ["ics"]):
        r = kh(*args, "--today", "2026-11-22")
        assert r.code == 1 and r.stderr.startswith(where), (args, r)


def test_an_unreadable_file_comes_first_and_its_follow_ons_are_counted(kh, data_dir: Path) -> None:
    units = data_dir / "units.yaml"
    lines = units.read_text(encoding="utf-8").split("\n")
    lines[2] = "\t" + lines[2]  # a tab where YAML wants spaces, at line 3
    units.write_text("\n".join(lines), encoding="utf-8")
    check = kh("check", "--lang", "en")
    assert check.code == 1
    out = check.stdout.splitlines()
    assert len(out) == 2, out  # the cause, then one line for the references to its units
    assert out[0].startswith(f"{units}:3: invalid YAML")
    assert re.match(rf"{re.escape(str(units))}:3: \d+ follow-on problem", out[1])
    listed = kh("list", "--today", "2026-11-22", "--lang", "en")
    assert listed.code == 1 and listed.stderr.splitlines()[:2] == out


def test_an_unreadable_deadline_brings_no_follow_on_about_completions() -> None:
    text = tasks_yaml(task(due="Quý V năm 2021", extra="done: {date: 2021-05-01, evidence: Quyết định số 1/QĐ}"))
    _, errors = load_text(text, UNITS)
    assert len(errors) == 1 and "unknown deadline" in errors[0].message, errors
