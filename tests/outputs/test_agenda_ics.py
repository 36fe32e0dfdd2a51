"""kh agenda and kh ics, and the shell habits: completion, pager, plain output in pipes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

TODAY = "2021-06-10"


def test_agenda_lists_overdue_first_then_each_week(kh) -> None:
    r = kh("agenda", "--within", "30d", "--today", TODAY)
    assert r.code == 0, r
    headings = [line for line in r.stdout.splitlines() if line and not line.startswith(" ")]
    assert headings == [
        "Quá hạn · 11 nhiệm vụ, trong đó 4 giao cho từng thành viên: 275 lượt",  # counted apart
        "Tuần 26 · 28/06/2021 – 04/07/2021",
    ]
    week = r.stdout.split("Tuần 26")[1]
    assert "  30/06/2021  BGD-04 Thông tư ban hành quy định về dạy học trực tuyến" in week
    assert week.index("BGD-04") < week.index("BGD-09")  # plan order within a day
    r = kh("agenda", "--within", "2m", "--today", TODAY, "--lang", "en")
    assert "Week 26 · 2021-06-28 – 2021-07-04" in r.stdout and "Week 31 · 2021-08-02" not in r.stdout


def test_agenda_json_groups_by_iso_week(kh) -> None:
    data = json.loads(kh("agenda", "--within", "1m", "--today", TODAY, "--format", "json").stdout)
    assert data["as_of"] == TODAY and data["until"] == "2021-07-10"
    assert all(i["status"] == "overdue" for i in data["overdue"])
    for week in data["weeks"]:
        start, end = date.fromisoformat(week["start"]), date.fromisoformat(week["end"])
        assert start.weekday() == 0 and (end - start).days == 6
        assert week["week"] == f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02d}"
        for item in week["items"]:
            assert week["start"] <= item["due"] <= week["end"] and item["status"] == "open"
    due = [i["id"] for w in data["weeks"] for i in w["items"]]
    assert "BGD-09" in due and "BGD-04" in due  # both due 30/06/2021


@pytest.mark.parametrize(("within", "until"), [("30d", "2021-07-10"), ("2w", "2021-06-24"), ("1m", "2021-07-10")])
def test_agenda_periods(kh, within: str, until: str) -> None:
    data = json.loads(kh("agenda", "--within", within, "--today", TODAY, "--format", "json").stdout)
    assert data["until"] == until


def test_agenda_month_is_a_calendar_month(kh) -> None:
    data = json.loads(kh("agenda", "--within", "1m", "--today", "2021-01-31", "--format", "json").stdout)
    assert data["until"] == "2021-02-28"


def test_agenda_refuses_a_bad_period(kh) -> None:
    r = kh("agenda", "--within", "soon", "--lang", "en")
    assert r.code == 2 and "invalid period 'soon'" in r.stderr


def test_agenda_with_nothing_due_says_so(kh) -> None:
    r = kh("agenda", "--within", "3d", "--unit", "vu-gdtx", "--today", "2021-07-01")
    assert "Không có hạn nào từ nay đến 04/07/2021." in r.stdout


def test_agenda_markdown_is_valid(kh) -> None:
    from markdown_it import MarkdownIt

    r = kh("agenda", "--today", TODAY, "--format", "md")
    html = MarkdownIt("commonmark").render(r.stdout)
    assert html.count("<h3>") >= 2 and "<li><strong>" in html


# -- iCalendar ---------------------------------------------------------------------------------


def test_ics_is_valid_icalendar_with_stable_uids(kh, tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "kh.ics"
    assert kh("ics", "-o", str(out), "--today", "2026-11-22").code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # RFC 5545 3.1: folded at 75 octets
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    by_uid = {str(e["UID"]): e for e in events}
    bgd19 = by_uid["BGD-19-2021@khuyenhoc"]
    assert bgd19.decoded("DTSTART") == date(2021, 11, 15)
    assert str(bgd19["SUMMARY"]) == "BGD-19 (2021): Tổng hợp và xây dựng báo cáo"
    assert "Vụ GDTX → Cục GDNN và GDTX" in str(bgd19["DESCRIPTION"])
    assert "BGD-19-2027@khuyenhoc" in by_uid and "BGD-19-2028@khuyenhoc" not in by_uid  # through next year
    assert by_uid["BGD-09-once@khuyenhoc"].decoded("DTSTART") == date(2021, 6, 30)
    assert not any(u.startswith("TTG-II.1.b-") for u in uids)  # standing duties have no date

    # a later export keeps the UIDs and raises SEQUENCE, so calendars update the events
    later = Calendar.from_ical(kh("ics", "--today", "2026-12-01").stdout.encode())
    later_events = {str(e["UID"]): e for e in later.walk("VEVENT")}
    assert set(later_events) == set(by_uid)
    assert int(str(later_events["BGD-19-2021@khuyenhoc"]["SEQUENCE"])) > int(str(bgd19["SEQUENCE"]))


def test_ics_for_one_unit(kh) -> None:
    from icalendar import Calendar

    cal = Calendar.from_ical(kh("ics", "--unit", "cuc-cntt", "--lead-only", "--today", "2026-11-22").stdout.encode())
    uids = sorted(str(e["UID"]) for e in cal.walk("VEVENT"))
    # and Cục CNTT's own yearly report as a MOET unit (BGD-III.2-BC, owed by each member), 2020–2024:
    # from 01/03/2025 Cục KHCN&TT holds its duties (Nghị định 37/2025/NĐ-CP) and owes its own reports
    own = [f"BGD-III.2-BC-{y}-cuc-cntt@khuyenhoc" for y in range(2020, 2025)]
    assert uids == sorted(["BGD-08-once@khuyenhoc", "BGD-11-once@khuyenhoc", *own])


def test_ics_text_is_escaped(kh, data_dir: Path) -> None:
    from icalendar import Calendar

    tasks = data_dir / "tasks.yaml"
    evil = 'title: "A, B; C\\\\ D\\nEND:VEVENT\\nBEGIN:VEVENT \\u001b[2J"'
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "title: Xây dựng chương trình, tài liệu dạy học xóa mù chữ", evil, 1), encoding="utf-8")  # fmt: skip
    raw = kh("ics", "--today", "2026-11-22").stdout
    cal = Calendar.from_ical(raw.encode())
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "BGD-07-once@khuyenhoc")
    assert str(event["SUMMARY"]) == "BGD-07: A, B; C\\ D END:VEVENT BEGIN:VEVENT \\x1b[2J"
    assert raw.splitlines().count("BEGIN:VEVENT") == len(cal.walk("VEVENT"))  # no event injected


# -- shell habits ------------------------------------------------------------------------------


def test_completion_offers_task_ids_and_units(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khuyenhoc import cli

    monkeypatch.setenv("KH_DATA", str(data_dir))
    assert cli._complete_tasks("bgd-1") == [f"bgd-{n}" for n in range(10, 20)]  # in the case typed
    assert "vu-gdtx" in cli._complete_units("vu") and "cuc-cntt" in cli._complete_units("cuc")
    assert cli._complete_units("vụ gd") and cli._complete_tasks("zzz") == []


def test_every_member_and_unit_option_completes_names(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--member, --unit and --issuer take a unit's id on every command that has them, the
    provinces and ministries included (kh remind --member ha<TAB>)."""
    import typer.main

    from khuyenhoc.cli import app

    monkeypatch.setenv("KH_DATA", str(data_dir))
    group = typer.main.get_command(app)
    seen = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            if set(param.opts) & {"--member", "--unit", "--issuer"}:
                ctx = command.make_context(name, ["--help"], resilient_parsing=True)
                offered = [c.value for c in param.shell_complete(ctx, "ha")]
                assert "ha-noi" in offered, (name, param.opts)
                seen.append(name)
    assert {"remind", "list", "done", "history"} <= set(seen)
    listing = group.commands["list"]  # type: ignore[attr-defined]
    status = next(p for p in listing.params if "--status" in p.opts)
    ctx = listing.make_context("list", ["--help"], resilient_parsing=True)
    assert [c.value for c in status.shell_complete(ctx, "o")] == ["open", "overdue", "ongoing"]  # statuses, not files


def test_completion_in_a_real_shell_call(data_dir: Path) -> None:
    env = {**os.environ, "KH_DATA": str(data_dir), "_KH_COMPLETE": "complete_bash", "COMP_WORDS": "kh show BGD-0",
           "COMP_CWORD": "2"}  # fmt: skip
    r = subprocess.run([sys.executable, "-m", "khuyenhoc"], env=env, capture_output=True, text=True)
    assert "BGD-09" in r.stdout.split() and "BGD-19" not in r.stdout.split()


def test_install_completion_is_offered(kh) -> None:
    assert "--install-completion" in kh("--help").stdout


def test_install_completion_says_what_it_did_in_vietnamese(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    env.pop("KH_LANG", None)
    r = subprocess.run([sys.executable, "-m", "khuyenhoc", "--install-completion", "bash"], env=env,
                       capture_output=True, text=True)  # fmt: skip
    script = tmp_path / ".bash_completions" / "kh.sh"
    assert r.returncode == 0 and script.exists() and "_KH_COMPLETE" in script.read_text()
    assert r.stdout == (
        f"đã cài tự động hoàn thành lệnh cho bash vào {script}\ncó hiệu lực khi mở cửa sổ dòng lệnh (terminal) mới\n"
    )
    r = subprocess.run([sys.executable, "-m", "khuyenhoc", "--install-completion", "cmd"], env=env,
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2 and "kh tự hoàn thành lệnh trong bash, zsh, fish" in r.stderr


@pytest.mark.parametrize(
    "command",
    ["list", "show", "units", "check", "report", "init", "done", "reopen", "note", "set", "history", "agenda", "ics"],
)
def test_every_command_has_help_with_an_example(kh, command: str) -> None:
    r = kh(command, "--help")
    assert r.code == 0 and "Examples:" in r.stdout and f"kh {command}" in r.stdout


def test_pipes_get_plain_text_and_no_pager(data_dir: Path) -> None:
    env = {**os.environ, "KH_TODAY": "2026-11-22", "PAGER": "false", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    r = subprocess.run([sys.executable, "-m", "khuyenhoc", "list", "--overdue", "--data", str(data_dir)],
                       env=env, capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0 and "\x1b" not in r.stdout and "TTG-II.1.a" in r.stdout


def test_long_output_on_a_terminal_goes_through_the_pager(data_dir: Path, tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    seen = tmp_path / "paged.txt"
    env = {**os.environ, "KH_TODAY": "2026-11-22", "PAGER": f"cat > {seen}", "COLUMNS": "100", "LINES": "10"}
    argv = [sys.executable, "-m", "khuyenhoc", "agenda", "--data", str(data_dir)]
    pid, fd = pty.fork()
    if pid == 0:  # the child runs kh with a terminal as stdout
        os.execvpe(argv[0], argv, env)
    while True:
        try:
            if not os.read(fd, 4096):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    assert "Quá hạn · " in seen.read_text(encoding="utf-8")


def _on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """What kh writes when its stdout is a terminal (a pseudo-terminal here)."""
    pty = pytest.importorskip("pty")
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("no_color", [None, "NO_COLOR", "--no-color"])
def test_colours_on_a_terminal_follow_no_color(data_dir: Path, no_color: str | None) -> None:
    env = {**os.environ, "KH_TODAY": "2021-07-01", "KH_PAGER": "0", "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    argv = [sys.executable, "-m", "khuyenhoc", "list", "--overdue", "--data", str(data_dir)]
    if no_color == "NO_COLOR":
        env["NO_COLOR"] = "1"
    elif no_color:
        argv.append(no_color)
    out = _on_a_terminal(argv, env)
    assert "TTG-II.1.a" in out
    codes = {int(p) for params in re.findall(r"\x1b\[([0-9;]*)m", out) for p in params.split(";") if p}
    colours = {c for c in codes if 30 <= c <= 38 or 90 <= c <= 97}  # bold and dim are not colours
    assert bool(colours) is (no_color is None), colours
