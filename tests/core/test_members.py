"""Follow-up per member: the members of the collectives across the 2025 mergers, a task owed by
each member, recording a member's work in its own file, the views, and merging 34 clones."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from khuyenhoc.core.members import members_on
from khuyenhoc.read.loader import load_plan

from ..conftest import DATA, golden

NOW = "2026-11-25"


@pytest.fixture(scope="module")
def plan():
    plan, errors = load_plan(DATA)
    assert [e for e in errors if not e.warning] == []
    return plan


# -- who belongs to what, and when -------------------------------------------------------------------


def test_63_provinces_until_the_merger_and_34_from_01_07_2025(plan) -> None:
    assert len(members_on(plan, "so-gddt", date(2024, 10, 29))) == 63
    assert len(members_on(plan, "so-gddt", date(2025, 6, 30))) == 63
    assert len(members_on(plan, "so-gddt", date(2025, 7, 1))) == 34
    assert members_on(plan, "ubnd-tinh", date(2026, 1, 1)) == members_on(plan, "so-gddt", date(2026, 1, 1))
    assert "ha-giang" in members_on(plan, "so-gddt", date(2025, 6, 30))
    assert "ha-giang" not in members_on(plan, "so-gddt", date(2025, 7, 1))


def test_the_ministries_and_government_agencies_before_and_after_01_03_2025(plan) -> None:
    before, after = members_on(plan, "bo-nganh", date(2025, 2, 28)), members_on(plan, "bo-nganh", date(2025, 3, 1))
    ministries = [m for m in before if plan.units[m].kind == "ministry"]
    assert len(ministries) == 22 and len([m for m in after if plan.units[m].kind == "ministry"]) == 17  # 18 + 4, 14 + 3
    assert len(before) == 22 + 8 and len(after) == 17 + 5  # and the Government agencies (489 I.1)
    assert {"bkhdt", "bgtvt", "btnmt", "bnnptnt", "btttt", "bldtbxh", "ubdt"} <= set(before) - set(after)
    assert {"bql-lang", "bhxh-vn", "ubqlv"} == set(before) - set(after) - set(ministries)
    assert set(after) - set(before) == {"bnnmt", "bdttg"}
    assert {"vtv", "vov", "ttxvn", "vast", "vass"} <= set(after)


def test_the_moet_units_are_those_of_each_decree(plan) -> None:
    """Every unit of MOET's structure owes its yearly report (MOET plan III.2): 26 under Nghị định
    69/2017/NĐ-CP, 23 under 86/2022/NĐ-CP from 01/11/2022, 18 under 37/2025/NĐ-CP from 01/03/2025."""
    assert len(members_on(plan, "don-vi-thuoc-bo", date(2022, 10, 31))) == 26
    assert len(members_on(plan, "don-vi-thuoc-bo", date(2022, 11, 1))) == 23
    assert len(members_on(plan, "don-vi-thuoc-bo", date(2025, 2, 28))) == 23
    now = members_on(plan, "don-vi-thuoc-bo", date(2025, 3, 1))
    assert len(now) == 18 and len([m for m in now if m not in ("bao-gdtd", "tap-chi-gd", "vien-khgd")]) == 15
    assert {"vu-gdtx", "cuc-cntt", "vu-gdct", "vu-gddt", "vu-gdtrh", "vu-gdth"}.isdisjoint(now)
    assert {"cuc-gdnn-gdtx", "cuc-khcntt", "vu-hssv", "vu-gdpt"} <= set(now)
    assert "vu-gdtx" in members_on(plan, "don-vi-thuoc-bo", date(2025, 2, 28))
    assert "cuc-gdnn-gdtx" not in members_on(plan, "don-vi-thuoc-bo", date(2025, 2, 28))


def _shipped_provinces() -> str:
    """data/units.d/tinh-34.yaml as the installed package would write it: the header names the
    package's version, which CI's newest and lowest runs change."""
    from importlib.metadata import version

    text = (DATA / "units.d" / "tinh-34.yaml").read_text(encoding="utf-8")
    return re.sub(r"vietnam-provinces \S+", f"vietnam-provinces {version('vietnam-provinces')}", text, count=1)


def test_the_34_provinces_come_from_the_package_and_the_29_others_merge_into_them(plan) -> None:
    from khuyenhoc.outputs.divisions import provinces_yaml
    from khuyenhoc.words.i18n import set_lang

    set_lang("vi")  # the default, which wrote the shipped file
    assert _shipped_provinces() == provinces_yaml()  # generated, not typed
    provinces = plan.by_kind["province"]
    assert len(provinces) == 63
    ended = [u for u in provinces if u.successor is not None]
    assert len(ended) == 29
    assert {u.successor.to for u in ended} <= {u.id for u in provinces if u.successor is None}
    assert all(u.successor.on == date(2025, 7, 1) and "202/2025/QH15" in u.successor.by for u in ended)
    merged = {u.id: u.successor.to for u in ended}
    assert merged["ha-giang"] == "tuyen-quang" and merged["ba-ria-vung-tau"] == "ho-chi-minh"
    assert sorted(k for k, v in merged.items() if v == "ninh-binh") == ["ha-nam", "nam-dinh"]
    assert plan.units["ha-noi"].code == "01" and plan.units["ca-mau"].code == "96"


def test_communes_are_generated_from_the_package() -> None:
    from khuyenhoc.outputs.divisions import communes_yaml

    text = communes_yaml("ha-noi")
    assert "kind: commune, parent: ha-noi" in text and "Phường Hoàn Kiếm" in text
    assert len(communes_yaml().splitlines()) - 4 > 3000  # about 3,321 communes, wards and special zones
    assert communes_yaml("ha noi") == communes_yaml("Hà Nội") == text  # a name as every option reads it


def test_divisions_reads_a_province_as_other_options_do(kh) -> None:
    r = kh("divisions", "communes", "--province", "ha noi")
    assert r.code == 0 and "parent: ha-noi}" in r.stdout
    bad = kh("divisions", "communes", "--province", "zz")
    assert bad.code == 2 and "zz" in bad.stderr


# -- the views ------------------------------------------------------------------------------------------


def test_list_groups_the_members_and_lists_them_on_request(kh) -> None:
    out = kh("list", "--overdue", "--year", "2026", "--today", NOW).stdout
    assert "Sở GDĐT · 34/34 chưa" in out
    rows = json.loads(kh("list", "--overdue", "--year", "2026", "--today", NOW, "--format", "json").stdout)
    report = [r for r in rows if r["id"] == "BGD-III.3-BC"]
    assert len(report) == 34 and report[0]["member"] == "ha-noi"
    assert all(r["member"] is None for r in rows if r["id"] == "BGD-19")
    members = kh("list", "--overdue", "--members", "--search", "BGD-III.3-BC", "--year", "2026", "--today", NOW)
    assert "Sở GDĐT Hà Nội" in members.stdout and "Sở GDĐT Cà Mau" in members.stdout
    csv_head = kh("list", "--overdue", "--today", NOW, "--format", "csv").stdout.splitlines()[0]
    assert csv_head.endswith(",member")


def test_who_has_not_done_it_in_one_screen_of_80_columns(kh, data_dir: Path) -> None:
    """The chaser's view: the task's title once per occurrence, then its 34 members in a table
    (member, status, day, evidence), not a 40-word title repeated 34 times."""
    kh("done", "BGD-III.3-BC", "--member", "ha noi", "--year", "2026", "--on", "20/10/2026", "-e",
       "Báo cáo số 12/BC-SGDĐT ngày 20/10/2026", "--today", NOW)  # fmt: skip
    r = kh("list", "--search", "BGD-III.3-BC", "--year", "2026", "--all", "--members", "--today", NOW,
           env={"COLUMNS": "80"})  # fmt: skip
    assert r.code == 0, r
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert sum("Định kỳ báo cáo về Bộ GDĐT" in line for line in lines) == 1  # the title once
    assert sum(line.startswith("Sở GDĐT ") for line in lines) == 34  # one line a member
    assert lines[-1].endswith("1 nhiệm vụ giao cho từng thành viên: 34 lượt")
    golden("members-block-2026.width80.txt", r.stdout)
    # nobody has done it: no empty columns, the names get the room ("Bà Rịa - Vũng Tàu → TP Hồ Chí Minh")
    old = kh("list", "--search", "BGD-III.3-BC", "--year", "2024", "--members", "--today", NOW, env={"COLUMNS": "80"})
    assert "Minh chứng" not in old.stdout and "Sở GDĐT Bà Rịa - Vũng Tàu → TP Hồ Chí Minh  Quá hạn" in old.stdout


def test_one_members_obligations_with_those_it_succeeded(kh) -> None:
    rows = json.loads(kh("list", "--member", "tuyen quang", "--all", "--today", NOW, "--format", "json").stdout)
    assert {r["member"] for r in rows} == {"tuyen-quang", "ha-giang"}  # Hà Giang's duties are chased at Tuyên Quang
    assert {r["id"] for r in rows} == {"TTG-II.1.a", "TTG-III.1.a", "BGD-III.3-BC"}
    out = kh("list", "--member", "tuyen quang", "--today", NOW, env={"COLUMNS": "160"}).stdout
    assert "Sở GDĐT Hà Giang → Tuyên Quang" in out


# -- recording ---------------------------------------------------------------------------------------


def test_done_member_writes_only_the_members_file(kh, data_dir: Path) -> None:
    before = {p: p.read_bytes() for p in data_dir.rglob("*.yaml")}
    r = kh("done", "BGD-III.3-BC", "--member", "ha noi", "--year", "2026", "--on", "20/10/2026", "-e",
           "Báo cáo số 12/BC-SGDĐT", "--today", NOW)  # fmt: skip
    assert r.code == 0, r
    own = data_dir / "members" / "ha-noi.yaml"
    assert {p: p.read_bytes() for p in data_dir.rglob("*.yaml") if p != own} == before
    assert own.read_text(encoding="utf-8").splitlines()[-1] == (
        '  - {task: BGD-III.3-BC, year: 2026, date: 2026-10-20, evidence: "Báo cáo số 12/BC-SGDĐT"}'
    )
    out = kh("list", "--overdue", "--year", "2026", "--today", NOW).stdout
    assert "Sở GDĐT · 33/34 chưa" in out
    again = kh("done", "BGD-III.3-BC", "--member", "ha-noi", "--year", "2026", "-e", "x", "--today", NOW)
    assert again.code == 2 and "reopen" in again.stderr
    kh("note", "BGD-III.3-BC", "--member", "ha-noi", "--year", "2026", "Đã nhận bản giấy", "--today", NOW)
    assert own.read_text(encoding="utf-8").count("\n  - {") == 2  # a line appended, the first kept
    assert kh("reopen", "BGD-III.3-BC", "--member", "ha-noi", "--year", "2026").code == 0
    text = own.read_text(encoding="utf-8")
    assert "evidence" not in text and "Đã nhận bản giấy" in text
    assert kh("check").code == 0


def test_a_late_report_of_a_merged_province_is_recorded_as_done_by_its_successor(kh, data_dir: Path) -> None:
    r = kh("done", "BGD-III.3-BC", "--member", "ha giang", "--year", "2024", "--on", "10/01/2026", "-e",
           "Báo cáo bổ sung", "--today", NOW, "--lang", "en")  # fmt: skip
    assert r.code == 0, r
    assert "ha-giang had ceased by 2026-01-10: recorded as done by tuyen-quang" in r.stderr
    assert 'by: "tuyen-quang"' in (data_dir / "members" / "ha-giang.yaml").read_text(encoding="utf-8")
    rows = json.loads(kh("list", "--member", "tuyen-quang", "--all", "--today", NOW, "--format", "json").stdout)
    late = [r for r in rows if r["member"] == "ha-giang" and r["occurrence"] == 2024]
    assert late[0]["status"] == "done_late"


def test_a_task_owed_as_one_body_refuses_member(kh) -> None:
    r = kh("done", "BGD-19", "--member", "ha-noi", "--year", "2026", "-e", "x", "--today", NOW, "--lang", "en")
    assert r.code == 2 and "not owed by each member" in r.stderr
    r = kh("done", "BGD-III.2-BC", "--member", "ha-noi", "--year", "2026", "-e", "x", "--today", NOW, "--lang", "en")
    assert r.code == 2 and "is not a member of the lead" in r.stderr


# -- bad input: located kh check errors, nothing written ------------------------------------------------------


def _member_file(data_dir: Path, name: str, member: str, *records: str) -> Path:
    folder = data_dir / "members"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"member: {member}\nrecords:\n" + "".join(f"  - {r}\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "member", "record", "message"),
    [
        ("ha-noi.yaml", "ha-noi", "{task: BGD-III.2-BC, year: 2025, date: 2025-10-01, evidence: x}",
         "ha-noi is not a member of the task's lead"),
        ("bnnmt.yaml", "bnnmt", "{task: TTG-III.1.a, date: 2025-03-05, evidence: x}",
         "bnnmt did not belong to the task's lead on 2020-06-30"),
        ("cuc-gdnn-gdtx.yaml", "cuc-gdnn-gdtx", "{task: BGD-III.2-BC, year: 2025, date: 2025-02-28, evidence: x}",
         "before cuc-gdnn-gdtx existed (2025-03-01)"),
        ("ha-giang.yaml", "ha-giang", "{task: BGD-III.3-BC, year: 2024, date: 2026-01-10, evidence: x}",
         "after ha-giang ceased (2025-07-01): write 'by: tuyen-quang'"),
        ("cao-bang.yaml", "ha-noi", "{task: BGD-III.3-BC, year: 2025, date: 2025-10-01, evidence: x}",
         "this file is named for 'cao-bang' but names member 'ha-noi'"),
        ("ha-noi.yaml", "ha-noi", "{task: BGD-19, year: 2025, date: 2025-10-01, evidence: x}",
         "the task is not owed by each member"),
        ("ha-noi.yaml", "ha-noi", "{task: BGD-III.3-BC, date: 2025-10-01, evidence: x}",
         "the task is yearly: give the year"),
    ],
)  # fmt: skip
def test_bad_member_records_are_located_errors(kh, data_dir: Path, name, member, record, message) -> None:
    _member_file(data_dir, name, member, record)
    r = kh("check", "--lang", "en")
    assert r.code == 1
    line = 1 if "is named for" in message else 3  # the file's member, or the record
    assert f"members/{name}:{line}: " in r.stdout and message in r.stdout, r.stdout


def test_a_completion_recorded_in_two_files_is_an_error(kh, data_dir: Path) -> None:
    record = "{task: BGD-III.3-BC, year: 2025, date: 2025-10-01, evidence: x}"
    _member_file(data_dir, "ha-noi.yaml", "ha-noi", record)
    _member_file(data_dir, "ha-noi.2025.yaml", "ha-noi", record)
    r = kh("check", "--lang", "en")
    assert r.code == 1 and "recorded twice (also at" in r.stdout and "members/ha-noi.yaml:3" in r.stdout


def test_nothing_is_written_while_the_data_has_problems(kh, data_dir: Path) -> None:
    bad = _member_file(
        data_dir, "cao-bang.yaml", "ha-noi", "{task: BGD-III.3-BC, year: 2025, date: 2025-10-01, evidence: x}"
    )
    r = kh("done", "BGD-III.3-BC", "--member", "lang son", "--year", "2026", "-e", "x", "--today", NOW)
    assert r.code == 1 and not (data_dir / "members" / "lang-son.yaml").exists()
    assert bad.exists()


# -- the report --------------------------------------------------------------------------------------------------


def test_the_report_shows_each_members_compliance(kh) -> None:
    kh(
        "done",
        "BGD-III.3-BC",
        "--member",
        "ha-noi",
        "--year",
        "2026",
        "--on",
        "2026-10-20",
        "-e",
        "BC 12",
        "--today",
        NOW,
    )
    kh("done", "BGD-III.3-BC", "--member", "hue", "--year", "2026", "--on", "2026-11-02", "-e", "BC 7", "--today", NOW)
    report = json.loads(kh("report", "2026", "--today", NOW, "--format", "json").stdout)
    duty = next(d for d in report["duties"] if d["id"] == "BGD-III.3-BC")
    assert (duty["owed"], duty["done_on_time"], duty["done_late"], duty["overdue"]) == (34, 1, 1, 32)
    assert "ha-noi" not in duty["not_done"] and "ca-mau" in duty["not_done"]
    hue = next(m for m in report["members"] if m["member"] == "hue")
    assert hue["done_late"] == 1 and hue["not_done"] == []
    text = kh("report", "2026", "--today", NOW, "--no-charts").stdout
    assert "## 7. Nhiệm vụ giao cho từng thành viên" in text and "| Sở GDĐT Huế | 1 | 0 | 1 |" in text


# -- git is the engine: each province a clone, merge is sync ------------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "kh", "GIT_AUTHOR_EMAIL": "kh@example.org", "GIT_COMMITTER_NAME": "kh",
           "GIT_COMMITTER_EMAIL": "kh@example.org", "PATH": "/usr/bin:/bin", "HOME": str(cwd)}  # fmt: skip
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_34_clones_record_their_reports_and_merge_without_a_conflict(kh, data_dir: Path, tmp_path: Path) -> None:
    central = data_dir.parent
    _git(central, "init", "-q", "-b", "main")
    _git(central, "add", "data")
    _git(central, "commit", "-q", "-m", "the plan")
    plan, _ = load_plan(data_dir)
    now = members_on(plan, "so-gddt", date(2026, 10, 29))
    assert len(now) == 34
    for n, province in enumerate(now):
        clone = tmp_path / "clones" / province
        _git(tmp_path, "clone", "-q", str(central), str(clone))
        r = kh("done", "BGD-III.3-BC", "--member", province, "--year", "2026", "--on", f"{1 + n % 28:02d}/10/2026",
               "-e", f"Báo cáo của {province}", "--today", NOW, data=clone / "data")  # fmt: skip
        assert r.code == 0, r
        _git(clone, "add", "data")
        _git(clone, "commit", "-q", "-m", f"{province}: báo cáo 2026")
        _git(central, "fetch", "-q", str(clone), f"main:{province}")
    for province in now:  # one merge a branch, as MOET would pull each province's work
        _git(central, "merge", "-q", "--no-edit", province)
    assert _git(central, "status", "--porcelain", "--", "data") == ""  # merged cleanly, nothing left over
    assert len(list((data_dir / "members").glob("*.yaml"))) == 34
    assert kh("check").code == 0
    rows = json.loads(kh("list", "--year", "2026", "--all", "--today", NOW, "--format", "json").stdout)
    assert {r["status"] for r in rows if r["id"] == "BGD-III.3-BC"} == {"done_on_time"}
    assert "Sở GDĐT · 0/34 chưa" in kh("list", "--all", "--year", "2026", "--today", NOW).stdout


def test_kh_divisions_writes_the_provinces_file_as_shipped(kh, tmp_path: Path) -> None:
    out = tmp_path / "tinh.yaml"
    assert kh("divisions", "provinces", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8") == _shipped_provinces()
    assert out.read_text(encoding="utf-8").startswith("# 34 tỉnh, thành phố từ 01/07/2025: tạo bằng `kh divisions")
    r = kh("divisions", "communes", "--province", "khong-co", "--lang", "en")
    assert r.code == 2 and "unknown province 'khong-co'" in r.stderr


# -- the per-member loop closed (issue "Chase the members") ----------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("done", "BGD-III.3-BC", "--year", "2026", "--on", "2026-10-20", "-e", "Báo cáo số 12/BC-SGDĐT"),
        ("note", "BGD-III.3-BC", "Đã gọi điện đôn đốc"),
        ("reopen", "BGD-III.3-BC", "--year", "2026"),
    ],
)
def test_a_per_member_task_refuses_a_record_without_its_member(kh, data_dir: Path, args: tuple[str, ...]) -> None:
    before = (data_dir / "tasks.yaml").read_bytes()
    result = kh(*args, *(("--today", NOW) if args[0] != "reopen" else ()), "--lang", "en")
    assert result.code == 2 and "owed by each member" in result.stderr and "--member" in result.stderr
    assert (data_dir / "tasks.yaml").read_bytes() == before


def test_a_task_level_completion_of_a_per_member_task_is_a_located_problem(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    marker = "    source: {document: kh-bgddt, ref: III.3}\n    per_member: true"
    assert marker in text
    tasks.write_text(text.replace(marker, marker + "\n    done: {2026: {date: 2026-10-20, evidence: x}}"), "utf-8")
    result = kh("check", "--lang", "en")
    assert result.code == 1 and "tasks.yaml:" in result.stdout and "recorded in the members' files" in result.stdout
    assert kh("reopen", "BGD-III.3-BC", "--year", "2026").code == 0  # the mistake can be undone
    assert kh("check").code == 0


@pytest.mark.parametrize(
    ("typed", "member"),
    [("hcm", "ho-chi-minh"), ("tp hcm", "ho-chi-minh"), ("Sở GDĐT Hà Nội", "ha-noi"), ("ubnd thua thien hue", "hue"),
     ("bo tai chinh", "btc")],
)  # fmt: skip
def test_member_prefers_members_and_says_which_option(kh, typed: str, member: str) -> None:
    result = kh("list", "--member", typed, "--all", "--format", "json", "--today", NOW, "--lang", "en")
    assert result.code == 0, result
    found = {r["member"] for r in json.loads(result.stdout)}  # the member, and those it succeeded
    assert member in found and {"dh-mo-hcm", "dh-mo-hn"}.isdisjoint(found)
    assert "--unit" not in result.stderr
