"""Hostile and broken input: never a crash or traceback, never a lost byte, never injected output."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from khuyenhoc.read.loader import load_text
from khuyenhoc.write import writer

from ..helpers import UNITS

TODAY = "2026-11-22"
EVIL = (
    "[bold red]X[/] [link=http://evil]y[/link] \x1b[2J\x1b]8;;http://evil\x07z\x1b]8;;\x07 \x9b31m "
    "\u202eabc\u2066 | *a* <script>` \u061cb\u200bc\u2060d\ufeffe $x^2$ https://evil.example/p www.evil.example"
)


def kh_process(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """kh in a process of its own: a crash (a signal) cannot take the test runner with it."""
    env = {**os.environ, "KH_TODAY": TODAY}
    return subprocess.run(
        [sys.executable, "-m", "khuyenhoc", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


# -- resource attacks ---------------------------------------------------------------------------

DEEP = "nesting deeper than 64 levels: not kh data"


@pytest.mark.parametrize(
    "body",
    [
        "tasks: " + "[" * 100_000 + "]" * 100_000,
        "tasks: " + "{a: " * 100_000 + "}" * 100_000,
        "tasks:\n  " + "- " * 100_000 + "x",
    ],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_deep_nesting_is_refused_without_crashing(data_dir: Path, body: str) -> None:
    (data_dir / "tasks.yaml").write_text("documents: []\n" + body + "\n", encoding="utf-8")
    r = kh_process("check", "--data", str(data_dir), "--lang", "en")
    assert r.returncode == 1, r  # PyYAML's C composer alone dies of a stack overflow (SIGSEGV)
    # kh's own limit, whatever the installed PyYAML does with such a file (libyaml 6.0.4 gives
    # up on flow nesting at 1,000 levels with words of its own): one line, located.
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and re.fullmatch(rf"{re.escape(str(data_dir / 'tasks.yaml'))}:[23]: {DEEP}", lines[0]), lines
    assert "Traceback" not in r.stderr


def test_billion_laughs_is_refused_with_bounded_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 20):  # 10**20 strings if expanded
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}" if i > 1 else "*a"] * 10) + "]")
    text = "\n".join(lines) + "\ndocuments: []\ntasks: [*a19]\n"
    tracemalloc.start()
    try:
        _, errors = load_text(text, UNITS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(e) for e in errors] == ["tasks.yaml:1: anchors and aliases (&, *) are not supported in kh data"]
    assert peak < 5 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_a_very_long_line_is_fine(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    long_title = "Nhiệm vụ rất dài " * 60_000  # about 1 MB on one line
    text = tasks.read_text(encoding="utf-8").replace(
        "title: Xây dựng chương trình, tài liệu dạy học xóa mù chữ", f"title: {long_title}", 1
    )
    tasks.write_text(text, encoding="utf-8")
    assert kh("check").code == 0
    r = kh("list", "--search", "BGD-07", "--today", TODAY)
    assert r.code == 0 and "BGD-07" in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 100


# -- output injection ------------------------------------------------------------------------------


@pytest.fixture
def hostile(data_dir: Path) -> Path:
    """The shipped plan with hostile text in a title, a unit's names, a note and evidence."""
    tasks, units = data_dir / "tasks.yaml", data_dir / "units.yaml"
    quoted = json.dumps(EVIL, ensure_ascii=True)  # a YAML double-quoted scalar
    text = tasks.read_text(encoding="utf-8")
    text = text.replace("title: Xây dựng chương trình, tài liệu dạy học xóa mù chữ", f"title: {quoted}", 1)
    text = text.replace(
        "evidence: Thông tư 22/2020/TT-BGDĐT ngày 06/08/2020, có hiệu lực từ 21/09/2020", f"evidence: {quoted}"
    )
    tasks.write_text(text, encoding="utf-8")
    u = units.read_text(encoding="utf-8")
    u = u.replace("name: Vụ Giáo dục thường xuyên", f"name: {quoted}", 1).replace(
        "short: Vụ GDTX", f"short: {quoted}", 1
    )
    units.write_text(u, encoding="utf-8")
    return data_dir


def assert_inert(output: str) -> None:
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u061c", "\u200b", "\u2060", "\ufeff"):
        assert bad not in output, f"{bad!r} reached the output"


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--all"),
        ("list", "--all", "--lang", "en"),
        ("show", "BGD-07"),
        ("show", "BGD-03"),
        ("units",),
        ("report", "2021", "--format", "table"),
        ("list", "--all", "--format", "csv"),
        ("list", "--all", "--format", "json"),
        ("report", "2021", "--format", "json"),
    ],
)
def test_terminal_and_data_outputs_keep_hostile_text_inert(kh, hostile: Path, args: tuple[str, ...]) -> None:
    r = kh(*args, "--today", TODAY)
    assert r.code == 0, r
    assert_inert(r.stdout + r.stderr)
    if args[-1] != "json" and args[-1] != "csv":
        assert "[bold red]X[/]" in r.stdout or "[bold red]X[/]" in r.stdout.replace("\n", "")


def test_word_files_and_emails_keep_hostile_text_inert(kh, hostile: Path, tmp_path: Path) -> None:
    """A bidi override in a Word file or an e-mail reorders what the reader sees ("1202/60/03"
    read as "30/06/2021"): there too it is a visible escape."""
    import email
    import email.policy
    import zipfile

    report = tmp_path / "r.docx"
    assert kh("report", "2021", "-f", "docx", "-o", str(report), "--no-charts", "--today", TODAY).code == 0
    letters = tmp_path / "thu"
    letters.mkdir()
    assert kh("remind", "-o", str(letters), "--today", TODAY).code == 0
    assert kh("remind", "-f", "eml", "-o", str(letters), "--today", TODAY).code == 0
    for docx in [report, *letters.glob("*.docx")]:
        with zipfile.ZipFile(docx) as z:
            assert_inert(z.read("word/document.xml").decode("utf-8"))
    for eml in letters.glob("*.eml"):
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        assert_inert(str(message["Subject"]) + body.get_content())
    assert any("\\u202e" in z for z in (zipfile.ZipFile(report).read("word/document.xml").decode(),))


@pytest.mark.parametrize("args", [("report", "2021"), ("list", "--all", "--format", "md"), ("units", "--format", "md")])
def test_markdown_outputs_escape_hostile_text(kh, hostile: Path, args: tuple[str, ...]) -> None:
    from markdown_it import MarkdownIt

    r = kh(*args, "--today", TODAY)
    assert r.code == 0, r
    assert_inert(r.stdout)
    html = MarkdownIt("commonmark").enable("table").render(r.stdout)
    assert "<script>" not in html and "<strong>" not in html and "<em>a</em>" not in html
    assert 'href="http://evil"' not in html
    # nothing GitHub would make live: math, or a bare address its autolinks would take
    assert "$x^2$" not in r.stdout and "\\$x^2\\$" in r.stdout
    assert "https://evil" not in r.stdout and "www.evil" not in r.stdout
    # every table row has as many cells as its header
    for table in html.split("<table>")[1:]:
        head = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        for row in table.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]:
            assert len(re.findall(r"<td[ >]", row)) == head
    # Mermaid blocks hold only our labels and task ids
    for block in r.stdout.split("```mermaid")[1:]:
        chart = block.split("```")[0]
        assert "evil" not in chart and "<" not in chart and "[bold" not in chart


def test_error_messages_keep_hostile_keys_inert(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    key = json.dumps("\x1b[2Jbad\u202e", ensure_ascii=True)
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("    due: Quý I năm 2021\n", f"    {key}: x\n", 1), encoding="utf-8"
    )
    r = kh("check", "--lang", "en")
    assert r.code == 1
    assert "unknown key '\\x1b[2Jbad\\u202e'" in r.stdout
    assert_inert(r.stdout + r.stderr)
    r = kh("list", "--lang", "en")
    assert r.code == 1
    assert_inert(r.stdout + r.stderr)


def test_csv_cells_are_never_formulas(kh, data_dir: Path) -> None:
    import csv
    import io

    tasks = data_dir / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    text = text.replace(
        "title: Xây dựng chương trình, tài liệu dạy học xóa mù chữ", 'title: \'=HYPERLINK("http://evil","x")\'', 1
    )
    text = text.replace("    due: Quý I năm 2021\n", "    due: '@SUM(1+1)'\n", 0)
    tasks.write_text(text, encoding="utf-8")
    r = kh("list", "--all", "--search", "HYPERLINK", "--format", "csv", "--today", TODAY)
    assert r.code == 0, r
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["title"] == '\'=HYPERLINK("http://evil","x")'
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@")), value


@pytest.mark.parametrize("kind", ["unit", "document"])
def test_ids_hold_no_control_characters(kh, data_dir: Path, kind: str) -> None:
    path = data_dir / ("units.yaml" if kind == "unit" else "tasks.yaml")
    old = "  - id: vu-gdtx\n" if kind == "unit" else "  - id: qd489\n"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, '  - id: "x\\e]0;owned\\a"\n', 1), encoding="utf-8")
    r = kh("check", "--lang", "en")
    assert r.code == 1
    assert f"{kind} id 'x\\x1b]0;owned\\x07' may hold only letters, digits" in r.stdout
    assert_inert(r.stdout + r.stderr)


def test_gantt_labels_cannot_be_read_as_mermaid_statements(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    for old, new in (("id: BGD-07", "id: click"), ("id: BGD-08", "id: title"), ("id: BGD-04", "id: '2021-06-30'")):
        text = text.replace(f"  - {old}\n", f"  - {new}\n", 1)
    tasks.write_text(text, encoding="utf-8")
    r = kh("report", "2021", "--today", TODAY)
    assert r.code == 0, r
    gantt = r.stdout.split("\ngantt\n")[1].split("```")[0]
    tasks_lines = [line for line in gantt.splitlines() if " : " in line]
    assert {"click", "title", "2021-06-30"} <= {line.split(" : ")[0].removeprefix("    • ") for line in tasks_lines}
    assert all(line.startswith("    • ") for line in tasks_lines)


# -- writes ---------------------------------------------------------------------------------------


def test_a_failure_between_write_and_rename_keeps_the_old_file(
    kh, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = data_dir / "tasks.yaml"
    before = tasks.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(writer.os, "replace", fail)
    r = kh("note", "BGD-05", "x", "--today", TODAY, "--lang", "en")
    assert r.code == 2
    assert "cannot write (Input/output error); the file is unchanged" in r.stderr
    assert tasks.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == ["calendar.yaml", "tasks.yaml", "units.yaml"]


@pytest.mark.parametrize(
    ("where", "code", "message"),
    [
        ("fsync", errno.ENOSPC, "No space left on device"),
        ("open_temp", errno.EROFS, "Read-only file system"),
        ("open_temp", errno.EACCES, "Permission denied"),
    ],
)
def test_full_disk_and_read_only_give_a_clear_error(
    kh, data_dir: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int, message: str
) -> None:
    tasks = data_dir / "tasks.yaml"
    before = tasks.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    target = writer.os if where == "fsync" else writer
    monkeypatch.setattr(target, where, fail)
    r = kh("done", "BGD-05", "-e", "x", "--on", "2021-12-01", "--today", TODAY, "--lang", "en")
    assert r.code == 2
    assert r.stderr.strip() == f"kh: {tasks}: cannot write ({message}); the file is unchanged"
    assert tasks.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == ["calendar.yaml", "tasks.yaml", "units.yaml"]


def test_report_output_to_an_unwritable_place_is_a_clear_error(kh, tmp_path: Path) -> None:
    r = kh("report", "2021", "-o", str(tmp_path / "missing" / "bao-cao.md"), "--lang", "en")
    assert r.code == 2
    assert r.stderr == f"kh: {tmp_path / 'missing' / 'bao-cao.md'}: the folder {tmp_path / 'missing'} does not exist\n"


@pytest.mark.parametrize("stage", ["created", "half-written", "synced", "checked", "renamed"])
def test_a_writer_killed_at_any_stage_leaves_the_old_or_the_new_file(data_dir: Path, stage: str) -> None:
    """kh done dies at each stage of its write (os._exit: no cleanup, as with SIGKILL); the file
    is always one whole version, and the next run removes what the dead one left."""
    tasks = data_dir / "tasks.yaml"
    old = tasks.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "khuyenhoc", "done", "BGD-05", "-e", "x", "--on", "2021-12-01", "--data", str(data_dir)],
        env={**os.environ, "KH_TODAY": TODAY, "KH_TEST_DIE_AT": stage},
        capture_output=True,
    )
    assert run.returncode == 137, run.stderr
    data = tasks.read_bytes()
    new = b"    done:\n      date: 2021-12-01\n      evidence: x\n" in data
    assert data == old or new
    assert new == (stage == "renamed")
    _, errors = load_text(data.decode("utf-8"), (data_dir / "units.yaml").read_text(encoding="utf-8"))
    assert errors == []
    left = list(data_dir.glob(".tasks.yaml.*.tmp"))
    assert len(left) == (0 if stage == "renamed" else 1)
    run = subprocess.run(
        [sys.executable, "-m", "khuyenhoc", "note", "BGD-05", "y", "--data", str(data_dir)],
        env={**os.environ, "KH_TODAY": TODAY},
        capture_output=True,
    )
    assert run.returncode == 0 and not list(data_dir.glob(".tasks.yaml.*.tmp"))


def test_every_hidden_character_of_this_unicode_is_escaped() -> None:
    """Whatever Unicode version Python has: every control, format, private-use or unassigned
    character is shown as an escape, in text and in JSON alike."""
    import unicodedata

    from khuyenhoc.outputs.contract import dumps
    from khuyenhoc.words.text import safe

    hidden = [chr(n) for n in range(0x110000) if unicodedata.category(chr(n)) in ("Cc", "Cf")]
    hidden = [c for c in hidden if c not in "\n\t\r"]
    assert all(safe(f"a{c}b") != f"a{c}b" for c in hidden)
    shown = dumps("".join(hidden))
    assert not any(c in shown for c in hidden if unicodedata.category(c) == "Cf" or ord(c) >= 0x7F)
    assert safe("30\u00a0ngày") == "30\u00a0ngày"  # a no-break space stays
