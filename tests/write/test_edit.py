"""kh done / reopen / note / set: what changes in tasks.yaml, and what is refused."""

from __future__ import annotations

import difflib
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khuyenhoc.cli import app
from khuyenhoc.core.model import Completion
from khuyenhoc.read.loader import load_dir
from khuyenhoc.write.edit import EditError, TaskFile, scalar
from khuyenhoc.write.writer import FileChanged, atomic_write

TODAY = "2026-11-22"


def changed_lines(before: str, after: str) -> list[str]:
    """The +/- lines of a diff, without headers."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def statuses(kh, task_id: str) -> dict[int | None, str]:
    """Each occurrence's status as `kh show --format json` gives it."""
    shown = json.loads(kh("show", task_id, "--format", "json", "--today", TODAY).stdout)
    return {o["occurrence"]: o["status"] for o in shown["occurrences"]}


@pytest.fixture
def tasks(data_dir: Path) -> Path:
    return data_dir / "tasks.yaml"


def test_done_adds_only_the_completion_lines(kh, tasks: Path) -> None:
    before = tasks.read_text(encoding="utf-8")
    r = kh("done", "BGD-05", "--on", "2021-12-30", "--evidence", "Thông tư 32/2021/TT-BGDĐT", "--today", TODAY)
    assert r.code == 0, r
    assert r.stdout.startswith("hoàn thành BGD-05 ngày 30/12/2021 (Thông tư 32/2021/TT-BGDĐT) → ")
    assert changed_lines(before, tasks.read_text(encoding="utf-8")) == [
        "+    done:",
        "+      date: 2021-12-30",
        "+      evidence: Thông tư 32/2021/TT-BGDĐT",
    ]
    assert statuses(kh, "BGD-05") == {None: "done_on_time"}  # due 31/12/2021


def test_done_goes_before_notes_and_their_comment(kh, tasks: Path) -> None:
    before = tasks.read_text(encoding="utf-8")
    r = kh("done", "BGD-04", "--on", "2021-03-30", "-e", "Thông tư 09/2021/TT-BGDĐT", "--source", "x.vn/1")
    assert r.code == 0, r
    after = tasks.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "+    done:",
        "+      date: 2021-03-30",
        "+      evidence: Thông tư 09/2021/TT-BGDĐT",
        "+      source: x.vn/1",
    ]
    # the comment above `notes:` stays with it
    assert "      source: x.vn/1\n    # Chưa ghi hoàn thành:" in after


def test_yearly_done_records_one_year_in_order(kh, tasks: Path) -> None:
    before = tasks.read_text(encoding="utf-8")
    assert kh("done", "BGD-19", "--on", "2022-11-14", "-e", "Báo cáo 2022", "--today", TODAY).code == 0
    assert (
        kh("done", "BGD-19", "--year", "2020", "--on", "2021-01-05", "-e", "Báo cáo 2020", "--today", TODAY).code == 0
    )
    assert changed_lines(before, tasks.read_text(encoding="utf-8")) == [
        "+    done:",
        "+      2020:",
        "+        date: 2021-01-05",
        "+        evidence: Báo cáo 2020",
        "+      2022:",
        "+        date: 2022-11-14",
        "+        evidence: Báo cáo 2022",
    ]
    got = statuses(kh, "BGD-19")
    assert (got[2020], got[2021], got[2022]) == ("done_late", "overdue", "done_on_time")


def test_reopen_removes_exactly_what_done_added(kh, tasks: Path) -> None:
    before = tasks.read_bytes()
    kh("done", "BGD-19", "--on", "2021-11-10", "-e", "A", "--today", TODAY)
    kh("done", "BGD-19", "--on", "2022-11-10", "-e", "B", "--today", TODAY)
    kh("done", "BGD-05", "--on", "2021-11-10", "-e", "C", "--today", TODAY)
    assert kh("reopen", "BGD-19", "--year", "2022").code == 0
    assert kh("reopen", "BGD-19", "--year", "2021").code == 0
    assert kh("reopen", "BGD-05").code == 0
    assert tasks.read_bytes() == before


def test_note_appends_to_existing_notes_and_quotes_what_needs_it(kh, tasks: Path) -> None:
    before = tasks.read_text(encoding="utf-8")
    text = 'Hỏi lại: có "truyền hình"? # không phải chú thích'
    assert kh("note", "BGD-04", text, "--today", TODAY).code == 0
    assert changed_lines(before, tasks.read_text(encoding="utf-8")) == [
        "+      - date: 2026-11-22",
        f"+        text: {scalar(text)}",
    ]
    plan, errors = load_dir(tasks.parent)
    assert not errors
    task = plan.task("BGD-04")
    assert task is not None
    assert task.notes[-1].text == text


def test_note_on_a_task_without_notes(kh, tasks: Path) -> None:
    before = tasks.read_text(encoding="utf-8")
    assert kh("note", "TTG-II.1.c", "Đã gửi công văn đôn đốc", "--on", "2026-11-20", "--today", TODAY).code == 0
    assert changed_lines(before, tasks.read_text(encoding="utf-8")) == [
        "+    notes:",
        "+      - date: 2026-11-20",
        "+        text: Đã gửi công văn đôn đốc",
    ]


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (
            ("BGD-04", "due", "Quý III năm 2021"),
            ["-    due: Quý II năm 2021", "+    due: Quý III năm 2021"],
        ),
        (
            ("BGD-06", "partners", "hkhvn, Sở GDĐT"),
            ["-    partners: [co-so-gdtx, don-vi-thuoc-bo]", "+    partners: [hkhvn, so-gddt]"],
        ),
        (("BGD-06", "lead", "vu gdtrh"), ["-    lead: [vu-gdtx]", "+    lead: [vu-gdtrh]"]),
        (("BGD-06", "partners", "--clear"), ["-    partners: [co-so-gdtx, don-vi-thuoc-bo]"]),
        (("BGD-06", "due", "--clear"), ["-    due: Quý II năm 2021"]),
        (("TTG-II.1.c", "partners", "hkhvn"), ["+    partners: [hkhvn]"]),
        (("TTG-II.1.c", "due", "31/12/2026"), ["+    due: 31/12/2026"]),
    ],
)
def test_set_changes_one_line(kh, tasks: Path, args: tuple[str, ...], lines: list[str]) -> None:
    before = tasks.read_text(encoding="utf-8")
    r = kh("set", *args)
    assert r.code == 0, r
    assert changed_lines(before, tasks.read_text(encoding="utf-8")) == lines


def test_set_keeps_a_comment_after_the_value(kh, tasks: Path) -> None:
    text = tasks.read_text(encoding="utf-8").replace(
        "    due: Quý II năm 2021\n    source: {document: kh-bgddt, ref: PL.4}",
        "    due: Quý II năm 2021  # theo phụ lục\n    source: {document: kh-bgddt, ref: PL.4}",
    )
    tasks.write_text(text, encoding="utf-8")
    assert kh("set", "BGD-04", "due", "Quý IV năm 2021").code == 0
    assert "    due: Quý IV năm 2021  # theo phụ lục\n" in tasks.read_text(encoding="utf-8")


def test_crlf_and_bom_are_kept(kh, tasks: Path) -> None:
    original = b"\xef\xbb\xbf" + tasks.read_bytes().replace(b"\n", b"\r\n")
    tasks.write_bytes(original)
    assert kh("done", "BGD-05", "--on", "2021-12-30", "-e", "Thông tư 32/2021", "--today", TODAY).code == 0
    assert kh("note", "BGD-04", "ghi chú", "--today", TODAY).code == 0
    data = tasks.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert data.count(b"\r\n") == original.count(b"\r\n") + 5
    assert kh("check").code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("done", "BGD-03", "-e", "x"), "BGD-03 is already done on 2020-08-06"),
        (("done", "BGD-05", "-e", "x", "--on", "2026-12-01"), "--on 2026-12-01 is in the future (today is 2026-11-22)"),
        (("done", "BGD-05", "-e", "x", "--on", "2019-12-31"), "is before the plan existed"),
        (("done", "BGD-05"), "kh records a completion only with its evidence"),
        (("done", "BGD-05", "-e", "   "), "kh records a completion only with its evidence"),
        (("done", "BGD-05", "-e", "x", "--year", "2021"), "BGD-05 is not a yearly duty"),
        (("done", "BGD-19", "-e", "x", "--year", "2019"), "yearly duties start in 2020"),
        (("done", "BGD-19", "-e", "x", "--on", "2021-05-01", "--year", "2022"), "before the year 2022"),
        (("done", "TTG-II.1.b", "-e", "x"), "is a standing duty"),
        (("done", "BGD-99", "-e", "x"), "no task 'BGD-99'"),
        (("done", "BGD-05", "-e", "x", "--on", "2021-02-30"), "invalid date '2021-02-30' for --on: no such day"),
        (("reopen", "BGD-05"), "BGD-05 is not done; nothing to reopen"),
        (("reopen", "BGD-19"), "BGD-19 is a yearly duty: say which year with --year (done for: none)"),
        (("reopen", "BGD-03", "--year", "2020"), "BGD-03 is not a yearly duty"),
        (("note", "BGD-05", "  "), "the note is empty"),
        (("note", "BGD-05", "x", "--on", "2027-01-01"), "is in the future"),
        (("set", "BGD-05", "due", "sắp tới"), "unknown deadline 'sắp tới'"),
        (("set", "BGD-05", "lead", ""), "an empty VALUE for lead"),
        (("set", "BGD-05", "lead", "--clear"), "lead cannot be cleared"),
        (("set", "BGD-05", "due", ""), "write `kh set BGD-05 due --clear`"),
        (("set", "BGD-05", "partners", " "), "write `kh set BGD-05 partners --clear`"),
        (("set", "BGD-05", "due", "Quý I năm 2021", "--clear"), "not both"),
        (("set", "BGD-05", "lead", "vu khong co"), "unknown unit 'vu khong co'"),
        (("set", "BGD-05", "title", "x"), "invalid value 'title' for FIELD"),
        (("set", "BGD-19", "due", "Quý II năm 2021"), None),  # allowed: no completions recorded
    ],
)
def test_refusals_write_nothing(kh, tasks: Path, args: tuple[str, ...], message: str | None) -> None:
    before = tasks.read_bytes()
    r = kh(*args, "--today", TODAY, "--lang", "en") if args[0] in ("done", "note") else kh(*args, "--lang", "en")
    if message is None:
        assert r.code == 0, r
        return
    assert r.code == 2, r
    assert message in r.stderr
    assert "Traceback" not in r.stderr
    assert tasks.read_bytes() == before


def test_changing_the_kind_of_deadline_with_completions_is_refused(kh, tasks: Path) -> None:
    kh("done", "BGD-19", "--on", "2021-11-10", "-e", "A", "--today", TODAY, "--lang", "en")
    before = tasks.read_bytes()
    r = kh("set", "BGD-19", "due", "Quý IV năm 2021", "--lang", "en")
    assert r.code == 2
    assert "reopen them before changing the kind of deadline" in r.stderr
    assert tasks.read_bytes() == before


def test_data_with_problems_is_not_edited(kh, tasks: Path) -> None:
    broken = tasks.read_text(encoding="utf-8").replace("lead: [vu-gdtrh]", "lead: [vu-khong-co]", 1)
    tasks.write_text(broken, encoding="utf-8")
    r = kh("note", "BGD-05", "x", "--today", TODAY, "--lang", "en")
    assert r.code == 1
    assert "kh writes only valid data" in r.stderr
    assert tasks.read_text(encoding="utf-8") == broken


def test_the_bundled_plan_is_read_only(kh, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The plan inside the installed package (a private copy stands in for it here), whether
    # named with --data or found because no data/ folder is nearer.
    monkeypatch.setattr("khuyenhoc.read.paths.bundled_data", lambda: data_dir)
    before = (data_dir / "tasks.yaml").read_bytes()
    monkeypatch.chdir(tmp_path)  # no data/ above it: kh falls back to the bundled plan
    named = kh("note", "BGD-05", "x", "--today", TODAY, "--data", str(data_dir), "--lang", "en")
    found = CliRunner().invoke(
        app, ["note", "BGD-05", "x", "--today", TODAY, "--lang", "en"]
    )  # no data/ above tmp_path
    assert (named.code, found.exit_code) == (2, 2), (named, found.output)
    for stderr in (named.stderr, found.stderr):
        assert "read-only" in stderr and "kh init" in stderr
    assert (data_dir / "tasks.yaml").read_bytes() == before


def test_a_change_that_would_break_the_data_is_refused(tasks: Path) -> None:
    units = tasks.parent / "units.yaml"
    tf = TaskFile.read(tasks, [("units", str(units), units.read_bytes(), True), ("tasks", str(tasks), None, True)])
    task = tf.task("BGD-19")
    with pytest.raises(EditError, match="before the year it is for"):
        tf.done(task, Completion(date(2021, 5, 1), "x"), 2022)


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(b"old\n")
    read = path.read_bytes()
    path.write_bytes(b"someone else's edit\n")
    with pytest.raises(FileChanged, match="changed on disk"):
        atomic_write(path, b"kh's edit\n", expected=read)
    assert path.read_bytes() == b"someone else's edit\n"
    assert [p.name for p in tmp_path.iterdir()] == ["tasks.yaml"]  # no temporary file left


def test_kh_refuses_when_the_file_changes_between_read_and_write(
    kh, tasks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = TaskFile.note

    def note_then_someone_edits(self, task, entry):
        edit = real(self, task, entry)
        tasks.write_bytes(tasks.read_bytes() + b"# hand edit\n")
        return edit

    monkeypatch.setattr(TaskFile, "note", note_then_someone_edits)
    r = kh("note", "BGD-05", "x", "--today", TODAY, "--lang", "en")
    assert r.code == 2
    assert "changed on disk while kh was editing it" in r.stderr
    assert tasks.read_bytes().endswith(b"# hand edit\n")


def test_file_mode_is_kept(kh, tasks: Path) -> None:
    tasks.chmod(0o640)
    assert kh("note", "BGD-05", "x", "--today", TODAY).code == 0
    assert tasks.stat().st_mode & 0o777 == 0o640


def test_scalar_round_trips_awkward_text() -> None:
    import yaml

    for text in ["plain", "a: b", "# x", "'q'", '"d"', "2021", "yes", "- x", "a\nb", "tab\there", " lead", "[x]", "…"]:
        assert yaml.safe_load(f"k: {scalar(text)}") == {"k": text}
        assert "\n" not in scalar(text)


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "bao-cao.md", b"x\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "bao-cao.md").stat().st_mode & 0o777 == 0o644
