"""Every command through the CLI, as a user runs it: golden output, formats, errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from khuyenhoc import __version__

from ..conftest import ROOT, golden

TODAY = "2021-07-01"  # Quý II/2021 has just ended: a day with every status in the plan


# -- kh list ---------------------------------------------------------------------------------


def test_list_overdue_table_vi(kh) -> None:
    r = kh("list", "--overdue", "--today", TODAY)
    assert r.code == 0
    golden("list-overdue-2021-07-01.vi.txt", r.stdout)


def test_list_overdue_table_en(kh) -> None:
    r = kh("list", "--overdue", "--today", TODAY, "--lang", "en")
    assert r.code == 0
    golden("list-overdue-2021-07-01.en.txt", r.stdout)


def test_list_all_markdown(kh) -> None:
    r = kh("list", "--all", "--source", "bgddt", "--year", "2021", "--today", TODAY, "--format", "md")
    assert r.code == 0
    golden("list-bgddt-2021.md", r.stdout)


def test_table_fits_the_width_it_is_given(kh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    r = kh("list", "--overdue", "--today", TODAY)
    assert r.code == 0
    assert max(len(line) for line in r.stdout.splitlines()) <= 60
    golden("list-overdue-2021-07-01.width60.txt", r.stdout)


def test_list_json_contract(kh) -> None:
    r = kh("list", "--all", "--today", TODAY, "--format", "json")
    assert r.code == 0
    items = json.loads(r.stdout)
    assert isinstance(items, list) and items
    contract = {"id", "title", "lead", "partners", "due", "due_text", "occurrence", "status", "done_on", "source"}
    for item in items:
        assert contract <= item.keys()
        assert set(item["source"]) == {"document", "ref"}
        assert item["status"] in {"done_on_time", "done_late", "done_undated", "open", "overdue", "ongoing"}
    by_id = {(i["id"], i["occurrence"]): i for i in items}
    assert by_id[("BGD-03", None)] | {"title": ""} == {
        "id": "BGD-03", "title": "", "lead": ["vu-gdtx"], "partners": ["hkhvn", "ubnd-tinh"],
        "due": "2020-09-30", "due_text": "Quý III năm 2020", "occurrence": None, "status": "done_on_time",
        "done_on": "2020-08-06", "source": {"document": "kh-bgddt", "ref": "PL.3"}, "days_overdue": 0,
        "lead_now": ["vu-gdtx"], "due_written": "2020-09-30", "done_exact": True, "member": None,
    }  # fmt: skip
    assert by_id[("BGD-19", 2020)]["due"] == "2020-11-15"
    assert by_id[("BGD-19", 2020)]["status"] == "overdue"
    assert by_id[("TTG-II.1.b", None)]["status"] == "ongoing" and by_id[("TTG-II.1.b", None)]["due"] is None


def test_list_csv_has_a_header_and_one_row_per_occurrence(kh) -> None:
    r = kh("list", "--overdue", "--today", TODAY, "--format", "csv")
    assert r.code == 0
    table = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(dict.fromkeys(row["id"] for row in table))[:2] == ["TTG-II.1.a", "TTG-III.1.a"]
    assert table[0]["member"] == "bgddt"  # one row per member of a task owed by each member
    assert table[0]["lead"] == "bo-nganh;ubnd-tinh" and table[0]["status"] == "overdue"
    assert table[0]["days_overdue"] == "366"
    json_ids = [i["id"] for i in json.loads(kh("list", "--overdue", "--today", TODAY, "--format", "json").stdout)]
    assert [row["id"] for row in table] == json_ids


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        # Vụ GDTX and Cục CNTT owe their 2021 report as MOET units (BGD-III.2-BC, owed by each member)
        (
            ["--unit", "vu gdtx", "--lead-only", "--year", "2021"],
            ["BGD-07", "BGD-06", "BGD-13", "BGD-III.2-BC", "BGD-19"],
        ),
        (["--unit", "Cục CNTT", "--year", "2021"], ["BGD-08", "BGD-11", "BGD-III.2-BC"]),
        (["--quarter", "2021Q1"], ["BGD-07", "BGD-08"]),
        (["--search", "xoa mu chu", "--year", "2021"], ["BGD-07", "BGD-08"]),
        (["--status", "done_on_time", "--status", "done_late"], ["BGD-03", "TTG-II.1.d"]),
        (["--status", "done_undated"], ["BGD-09"]),  # done by 30/07/2021; the day MOET submitted it is unknown
        # TTG-II.1.d was reviewed on 18/06/2021, after its Quý IV/2020 deadline: done late, not overdue
        (["--source", "489", "--status", "overdue"], ["TTG-II.1.a", "TTG-III.1.a"]),
    ],
)
def test_list_filters(kh, args: list[str], ids: list[str]) -> None:
    r = kh("list", "--today", "2021-12-31", "--format", "json", *args)
    assert r.code == 0, r
    got = [i["id"] for i in json.loads(r.stdout) if i["status"] != "ongoing" or "--year" not in args]
    assert list(dict.fromkeys(got)) == ids  # a task owed by each member has a row per member


def test_unit_filter_includes_the_units_below(kh) -> None:
    r = kh("list", "--unit", "vp-bo", "--today", TODAY, "--format", "json")
    rows = json.loads(r.stdout)
    # Văn phòng Bộ owes its yearly report as a MOET unit (BGD-III.2-BC, one row a year)
    assert list(dict.fromkeys(i["id"] for i in rows)) == ["BGD-01", "BGD-III.2-BC", "BGD-III.5"]
    assert {i["member"] for i in rows if i["id"] == "BGD-III.2-BC"} == {"vp-bo"}


def test_today_from_the_environment(kh) -> None:
    r = kh("list", "--overdue", "--format", "json", env={"KH_TODAY": "2020-07-01"})
    rows = json.loads(r.stdout)
    assert list(dict.fromkeys(i["id"] for i in rows)) == ["TTG-II.1.a", "TTG-III.1.a", "BGD-01"]
    assert len(rows) == 93 + 93 + 1  # 22 ministries, 8 Government agencies and 63 provinces owe each TTG duty


def test_no_match_says_so(kh) -> None:
    r = kh("list", "--search", "không có nhiệm vụ này", "--today", TODAY)
    assert r.code == 0
    assert "Không có nhiệm vụ nào phù hợp." in r.stdout


# -- kh show / units / check / init ----------------------------------------------------------


def test_show_one_off_task(kh) -> None:
    r = kh("show", "bgd-09", "--today", "2026-11-22")
    assert r.code == 0
    golden("show-BGD-09.txt", r.stdout)


def test_show_yearly_task_lists_its_occurrences(kh) -> None:
    r = kh("show", "BGD-19", "--today", "2022-11-16", "--lang", "en")
    assert r.code == 0
    golden("show-BGD-19.en.txt", r.stdout)


def test_show_json_has_links_both_ways(kh) -> None:
    r = kh("show", "TTG-II.5.a", "--today", TODAY, "--format", "json")
    record = json.loads(r.stdout)
    assert record["implemented_by"] == ["BGD-07", "BGD-08"]
    assert json.loads(kh("show", "BGD-07", "--format", "json", "--today", TODAY).stdout)["implements"] == "TTG-II.5.a"


def test_units_table(kh) -> None:
    r = kh("units", "--today", TODAY)
    assert r.code == 0
    golden("units-2021-07-01.txt", r.stdout)


def test_units_json_contract(kh) -> None:
    units = json.loads(kh("units", "--today", TODAY, "--format", "json").stdout)
    by_id = {u["id"]: u for u in units}
    assert by_id["vu-gdtx"] == {
        "id": "vu-gdtx", "name": "Vụ Giáo dục thường xuyên", "short": "Vụ GDTX", "kind": "moet-unit",
        "parent": "bgddt", "leads": 9, "overdue": 6, "code": None, "former_names": [], "ceased": None,
    }  # fmt: skip  # 8 tasks it leads, and its own yearly report as a MOET unit (BGD-III.2-BC, 2020 overdue)
    assert by_id["vu-csvc"]["former_names"] == [
        {"until": "2022-10-31", "name": "Cục Cơ sở vật chất", "short": "Cục CSVC", "code": None,
         "by": "Nghị định 86/2022/NĐ-CP"}
    ]  # fmt: skip
    assert by_id["vu-gddt"]["ceased"] == {"date": "2025-03-01", "by": "Nghị định 37/2025/NĐ-CP"}


def test_check_clean_data(kh) -> None:
    r = kh("check")
    assert r.code == 0 and r.stdout == ""
    # 49 named in the plans + 14 ministries + 63 provinces + 19 MOET units of the three decrees + 5 Government agencies
    assert "68 nhiệm vụ, 150 đơn vị" in r.stderr


def test_check_reports_every_problem_with_path_and_line(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    text = text.replace("lead: [cuc-cntt]", "lead: [cuc-cnt]", 1).replace("due: Quý I năm 2023", "due: đầu năm 2023", 1)
    tasks.write_text(text, encoding="utf-8")
    r = kh("check", "--lang", "en")
    assert r.code == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tasks}:") and "task BGD-08: unknown lead unit 'cuc-cnt'" in lines[0]
    assert "unknown deadline 'đầu năm 2023'" in lines[1]
    j = kh("check", "--format", "json", "--lang", "en")
    assert j.code == 1
    assert [p["message"].split(":")[0] for p in json.loads(j.stdout)] == [
        "task BGD-08",
        "unknown deadline 'đầu năm 2023'",
    ]


def test_commands_refuse_data_with_problems(kh, data_dir: Path) -> None:
    (data_dir / "units.yaml").write_text("units:\n  - id: x\n", encoding="utf-8")
    r = kh("list", "--overdue", "--lang", "en")
    assert r.code == 1
    assert "run `kh check`" in r.stderr and r.stdout == ""


def test_init_writes_the_bundled_plan_and_refuses_to_overwrite(kh, tmp_path: Path) -> None:
    target = tmp_path / "theo-doi"
    r = kh("init", str(target), "--lang", "en")
    assert r.code == 0
    for name in ("tasks.yaml", "units.yaml", "calendar.yaml"):
        assert (target / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes()
    again = kh("init", str(target), "--lang", "en")
    assert again.code == 2 and "already exists" in again.stderr


def test_data_is_found_upward_from_the_current_folder(kh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kh("init", str(tmp_path / "repo"), "--lang", "en")
    tasks = tmp_path / "repo" / "data" / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("id: BGD-07", "id: BGD-07X"), encoding="utf-8")
    deep = tmp_path / "repo" / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    from typer.testing import CliRunner

    from khuyenhoc.cli import app

    r = CliRunner().invoke(app, ["show", "BGD-07X", "--format", "json", "--today", TODAY])
    assert r.exit_code == 0 and json.loads(r.stdout)["id"] == "BGD-07X"
    monkeypatch.setenv("KH_DATA", str(ROOT / "data"))
    r = CliRunner().invoke(app, ["show", "BGD-07X", "--lang", "en"])
    assert r.exit_code == 2 and "no task 'BGD-07X'; did you mean BGD-07" in r.stderr


# -- errors: one clear line, the right exit code, never a traceback ---------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["list", "--today", "2021-02-30"], 2, "kh: invalid date '2021-02-30' for --today: no such day"),
        (["list", "--today", "1.7.2021"], 2, "kh: invalid date '1.7.2021' for --today: expected DD/MM/YYYY or"),
        (["list", "--quarter", "2021-2"], 2, "kh: invalid quarter '2021-2': expected a form such as 2021Q2"),
        (["list", "--unit", "vu gd"], 2, "kh: unit 'vu gd' is ambiguous:"),
        (["list", "--unit", "cuc cnt thong tin"], 2, "kh: unknown unit 'cuc cnt thong tin'"),
        (["list", "--source", "abc"], 2, "kh: unknown source 'abc': known plans are qd489"),
        (["list", "--lead-only"], 2, "kh: --lead-only needs --unit"),
        (["show", "BGD-99"], 2, "kh: no task 'BGD-99'; did you mean"),
        (["list", "--data", "/nonexistent/kh"], 2, "kh: /nonexistent/kh: no such data folder"),
    ],
)
def test_errors_are_one_line_with_an_exit_code(kh, args: list[str], code: int, message: str) -> None:
    r = kh(*args, "--lang", "en")
    assert r.code == code, r
    assert r.stderr.startswith(message), r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_missing_file_in_the_data_folder(kh, data_dir: Path) -> None:
    (data_dir / "units.yaml").unlink()
    r = kh("units", "--lang", "en")
    assert r.code == 2 and r.stderr == f"kh: {data_dir / 'units.yaml'}: no such file\n"


def test_bad_yaml_is_a_data_problem(kh, data_dir: Path) -> None:
    (data_dir / "tasks.yaml").write_text("tasks: [\n", encoding="utf-8")
    r = kh("check", "--lang", "en")
    assert r.code == 1 and "invalid YAML" in r.stdout


def test_unknown_option_is_a_usage_error(kh) -> None:
    r = kh("list", "--overdeu")
    assert r.code == 2


def test_version(kh) -> None:
    r = kh("--version")
    assert r.code == 0 and r.stdout == f"kh {__version__}\n"


@pytest.mark.parametrize("command", ["list", "show", "units", "check", "init"])
def test_every_command_has_help_with_examples(kh, command: str) -> None:
    r = kh(command, "--help")
    assert r.code == 0
    assert "Examples:" in r.stdout and "kh " + command in r.stdout


# -- untrusted text ----------------------------------------------------------------------------


def test_titles_cannot_inject_markup_or_escape_sequences(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    evil = 'title: "[bold red]X[/] \\e[2J\\e]8;;http://x\\a | *a* <script>\\u202e"'
    text = tasks.read_text(encoding="utf-8").replace(
        "title: Xây dựng chương trình, tài liệu dạy học xóa mù chữ", evil, 1
    )
    tasks.write_text(text, encoding="utf-8")
    table = kh("list", "--search", "BGD-07", "--today", TODAY).stdout
    assert "\x1b" not in table and "\u202e" not in table
    assert "[bold red]X[/]" in table and "\\x1b[2J" in table
    md = kh("list", "--search", "BGD-07", "--today", TODAY, "--format", "md").stdout
    assert "\\<script\\>" in md and "\\|" in md and "\\*a\\*" in md
    raw = kh("list", "--search", "BGD-07", "--today", TODAY, "--format", "json").stdout
    assert "\x1b" not in raw and "\u202e" not in raw
    assert json.loads(raw)[0]["title"].startswith("[bold red]X[/] \x1b[2J")


@pytest.mark.parametrize("width", [40, 60, 89, 90, 120, 200])
def test_plain_table_lines_fit_the_width(kh, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    r = kh("list", "--all", "--today", TODAY)
    assert r.code == 0
    assert max(len(line) for line in r.stdout.splitlines()) <= width
    assert all(line == line.rstrip() for line in r.stdout.splitlines())


def test_the_single_command_app_behaves_like_the_full_one(kh) -> None:
    from typer.testing import CliRunner

    from khuyenhoc.cli import _app_for, app

    for argv in (["list", "--overdue", "--today", TODAY], ["show", "BGD-09", "--today", TODAY], ["set", "--help"]):
        full = CliRunner().invoke(app, argv)
        single = CliRunner().invoke(_app_for(argv), argv)
        assert (single.exit_code, single.stdout) == (full.exit_code, full.stdout)
    assert _app_for(["--version"]) is app and _app_for([]) is app and _app_for(["nope"]) is app


def test_kh_alone_prints_the_help_and_succeeds() -> None:
    """`kh`, the first thing a newcomer types: the formatted help on stdout, exit 0 (it was the
    whole help collapsed on one line, as an error)."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "khuyenhoc"], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0 and r.stderr == ""
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Cách dùng: kh") and "  kh list --overdue" in r.stdout
    assert max(len(line) for line in lines) <= 120  # formatted, not one long line
    commands = lines[lines.index("Lệnh:") + 1 :]
    assert [c.split()[0] for c in commands[:5]] == ["list", "show", "agenda", "report", "remind"]  # a week's order
    assert "  list       Việc đến hạn, quá hạn, và ai phải làm" in commands  # one line each, whole
    assert not any(c.endswith("...") for c in commands) and len(commands) == 17


def test_data_may_name_the_folder_kh_init_made(kh, tmp_path: Path) -> None:
    """`kh init theo-doi` then `--data theo-doi`: the plan in theo-doi/data is read (and written)."""
    folder = tmp_path / "theo-doi"
    assert kh("init", str(folder)).code == 0
    assert kh("check", "--data", str(folder)).code == 0
    r = kh("done", "BGD-07", "--on", "28/06/2021", "-e", "Quyết định số 9/QĐ-BGDĐT", "--today", TODAY,
           "--data", str(folder))  # fmt: skip
    assert r.code == 0, r
    assert "Quyết định số 9/QĐ-BGDĐT" in (folder / "data" / "tasks.yaml").read_text(encoding="utf-8")


def test_reading_the_bundled_plan_is_said(tmp_path: Path) -> None:
    """Outside a tracking folder kh reads the plan it ships: one line on stderr says so, so that
    a user's own plan does not seem to vanish when kh runs from another folder."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "KH_DATA"}
    r = subprocess.run([sys.executable, "-m", "khuyenhoc", "list", "--overdue", "--today", TODAY, "--format", "csv"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8")  # fmt: skip
    assert r.returncode == 0 and r.stdout.startswith("id,")
    assert "kế hoạch đi kèm kh" in r.stderr and "kh init" in r.stderr and r.stderr.count("\n") == 1


def test_a_year_before_the_plans_says_why_nothing_is_listed(kh) -> None:
    r = kh("list", "--year", "2019", "--today", TODAY)
    assert r.code == 0 and "Các kế hoạch bắt đầu từ năm 2020: năm 2019 không có nhiệm vụ nào." in r.stdout
    assert "bắt đầu" not in kh("list", "--year", "2021", "--status", "done_late", "--today", TODAY).stdout
