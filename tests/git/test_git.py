"""git as the audit trail: --commit, kh history, and merges of edits made on two branches."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from khuyenhoc.read.loader import load_dir

from ..conftest import DATA, ROOT

TODAY = "2026-11-22"
DONE_BGD04 = ("done", "BGD-04", "--on", "2021-03-30", "-e", "Thông tư 09/2021/TT-BGDĐT", "--commit", "--today", TODAY)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture(autouse=True)
def _git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Nguyễn Thị Lan")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "lan@example.vn")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Nguyễn Thị Lan")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "lan@example.vn")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-20 09:00:00+07:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-20 09:00:00+07:00")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A tracking repository with the shipped plan committed."""
    root = tmp_path / "theo-doi"
    shutil.copytree(DATA, root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "Kế hoạch ban đầu")
    return root


def test_commit_makes_one_commit_with_a_clear_message(kh, repo: Path) -> None:
    data = repo / "data"
    r = kh(*DONE_BGD04, data=data)
    assert r.code == 0, r
    assert r.stdout.splitlines()[-1].startswith("đã commit ")
    assert (
        git(repo, "log", "-1", "--format=%s") == "kh: hoàn thành BGD-04 ngày 30/03/2021 (Thông tư 09/2021/TT-BGDĐT)\n"
    )
    assert git(repo, "show", "--name-only", "--format=", "HEAD") == "data/tasks.yaml\n"
    assert git(repo, "status", "--porcelain") == ""


def test_commit_leaves_other_staged_work_alone(kh, repo: Path) -> None:
    (repo / "README.md").write_text("ghi chú\n", encoding="utf-8")
    git(repo, "add", "README.md")
    assert kh("note", "BGD-05", "x", "--commit", "--today", TODAY, data=repo / "data").code == 0
    assert git(repo, "show", "--name-only", "--format=", "HEAD") == "data/tasks.yaml\n"
    assert git(repo, "status", "--porcelain") == "A  README.md\n"


def test_commit_refuses_a_file_with_uncommitted_changes(kh, repo: Path) -> None:
    tasks = repo / "data" / "tasks.yaml"
    tasks.write_bytes(tasks.read_bytes() + "# sửa tay\n".encode())
    before = tasks.read_bytes()
    r = kh("note", "BGD-05", "x", "--commit", "--today", TODAY, "--lang", "en", data=repo / "data")
    assert r.code == 2
    assert "tasks.yaml has uncommitted changes" in r.stderr
    assert tasks.read_bytes() == before
    assert git(repo, "rev-list", "--count", "HEAD") == "1\n"


@pytest.mark.parametrize(
    ("setting", "flag", "advice"),
    [
        ({}, "--commit", "(or leave out --commit)"),
        ({"KH_COMMIT": "1"}, None, "(or add --no-commit: kh commits here by default, as KH_COMMIT says)"),
        ({"git": "true"}, None, "(or add --no-commit: kh commits here by default, as `git config kh.commit` says)"),
        ({"KH_COMMIT": "1"}, "--commit", "(or leave out --commit)"),
    ],
)
def test_a_commit_refused_says_how_to_go_without_it(
    kh, repo: Path, monkeypatch: pytest.MonkeyPatch, setting: dict[str, str], flag: str | None, advice: str
) -> None:
    """Leaving out --commit helps only who typed it: a folder that commits by default needs --no-commit."""
    tasks = repo / "data" / "tasks.yaml"
    tasks.write_bytes(tasks.read_bytes() + "# sửa tay\n".encode())
    if "KH_COMMIT" in setting:
        monkeypatch.setenv("KH_COMMIT", setting["KH_COMMIT"])
    if "git" in setting:
        git(repo, "config", "kh.commit", setting["git"])
    args = ["note", "BGD-05", "x", "--today", TODAY, "--lang", "en"] + ([flag] if flag else [])
    r = kh(*args, data=repo / "data")
    assert r.code == 2
    refused = "kh: tasks.yaml has uncommitted changes; commit or discard them first, so that kh's commit holds"
    assert r.stderr == f"{refused} only kh's change {advice}\n"
    if flag is None:  # the advice works
        assert kh(*args, "--no-commit", data=repo / "data").code == 0


def test_commit_outside_a_repository_is_refused_before_writing(kh, data_dir: Path) -> None:
    before = (data_dir / "tasks.yaml").read_bytes()
    r = kh("note", "BGD-05", "x", "--commit", "--today", TODAY, "--lang", "en")
    assert r.code == 2
    assert "is not in a git repository" in r.stderr
    assert (data_dir / "tasks.yaml").read_bytes() == before


def test_without_git_edits_still_work(kh, data_dir: Path) -> None:
    assert kh("note", "BGD-05", "x", "--today", TODAY).code == 0


@pytest.mark.parametrize(
    ("setting", "flag", "commits"),
    [
        ({"KH_COMMIT": "1"}, None, 2),
        ({"KH_COMMIT": "1"}, "--no-commit", 1),
        ({"KH_COMMIT": "0"}, None, 1),
        ({"git": "true"}, None, 2),
        ({"git": "true"}, "--no-commit", 1),
        ({}, None, 1),
    ],
)
def test_commit_by_default_setting(
    kh, repo: Path, monkeypatch: pytest.MonkeyPatch, setting: dict[str, str], flag: str | None, commits: int
) -> None:
    if "KH_COMMIT" in setting:
        monkeypatch.setenv("KH_COMMIT", setting["KH_COMMIT"])
    if "git" in setting:
        git(repo, "config", "kh.commit", setting["git"])
    args = ["note", "BGD-05", "x", "--today", TODAY] + ([flag] if flag else [])
    assert kh(*args, data=repo / "data").code == 0
    assert git(repo, "rev-list", "--count", "HEAD") == f"{commits}\n"


def test_history_answers_who_marked_it_done(kh, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = repo / "data"
    kh(*DONE_BGD04, data=data)
    kh("note", "BGD-05", "không liên quan", "--commit", "--today", TODAY, data=data)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Trần Văn Minh")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-21 10:30:00+07:00")
    kh("set", "BGD-04", "due", "Quý III năm 2021", "--commit", data=data)
    kh("reopen", "BGD-04", "--commit", data=data)
    # a hand edit, not committed yet
    tasks = data / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    at = text.index("  - id: BGD-04")
    tasks.write_text(text[:at] + text[at:].replace("lead: [vu-gdtrh]", "lead: [vu-gdtx]", 1), encoding="utf-8")
    r = kh("history", "bgd-04", "--lang", "en", data=data)
    assert r.code == 0, r
    lines = [line[:18] + line[28:] if line[:1].isdigit() else line for line in r.stdout.splitlines()]
    assert lines == [
        "2026-11-20 09:00  Nguyễn Thị Lan <lan@example.vn>  Kế hoạch ban đầu",
        "    created: Thông tư ban hành quy định về dạy học trực tuyến, dạy học qua truyền hình",
        "2026-11-20 09:00  Nguyễn Thị Lan <lan@example.vn>  "
        "kh: hoàn thành BGD-04 ngày 30/03/2021 (Thông tư 09/2021/TT-BGDĐT)",
        "    done: — → 2021-03-30: Thông tư 09/2021/TT-BGDĐT",
        "2026-11-21 10:30  Trần Văn Minh <lan@example.vn>  "
        'kh: sửa thời hạn BGD-04: "Quý III năm 2021" (trước đó: "Quý II năm 2021")',  # in the recorder's language
        "    due: Quý II năm 2021 → Quý III năm 2021",
        "2026-11-21 10:30  Trần Văn Minh <lan@example.vn>  kh: mở lại BGD-04",
        "    reopened (was done 2021-03-30: Thông tư 09/2021/TT-BGDĐT)",
        "(not committed)",
        "    lead: vu-gdtrh → vu-gdtx",
    ]
    events = __import__("json").loads(kh("history", "BGD-04", "--format", "json", data=data).stdout)
    assert events[1]["changes"] == [
        {
            "field": "done",
            "year": None,
            "old": None,
            "new": {"on": "2021-03-30", "evidence": "Thông tư 09/2021/TT-BGDĐT", "source": None},
            "member": None,
        }
    ]
    assert events[-1]["commit"] is None


def test_history_needs_git(kh, data_dir: Path) -> None:
    r = kh("history", "BGD-04", "--lang", "en")
    assert r.code == 2
    assert "is not in a git repository" in r.stderr


def test_history_of_an_unknown_task(kh, repo: Path) -> None:
    r = kh("history", "BGD-99", "--lang", "en", data=repo / "data")
    assert r.code == 2
    assert "no task 'BGD-99'; did you mean BGD-19" in r.stderr


def test_history_reads_an_id_as_every_command_does(kh, repo: Path) -> None:
    r = kh("history", "bgd 4", data=repo / "data")
    assert r.code == 0, r.stderr
    assert "Kế hoạch ban đầu" in r.stdout and "Thông tư ban hành quy định về dạy học trực tuyến" in r.stdout


def test_history_of_a_task_removed_from_the_plan(kh, repo: Path) -> None:
    tasks = repo / "data" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    start = text.index("  - id: BGD-04\n")
    tasks.write_text(text[:start] + text[text.index("  - id: BGD-05\n") :], encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Bỏ BGD-04")
    r = kh("history", "BGD-04", data=repo / "data")
    assert r.code == 0, r.stderr
    assert "Bỏ BGD-04" in r.stdout and "Kế hoạch ban đầu" in r.stdout


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("done", "BGD-05", "-e", "Thông tư 32/2021", "--on", "2021-12-30"), ("note", "BGD-12", "đang soạn thảo")),
        # neighbours in the file: the edits are a few lines apart
        (("done", "BGD-05", "-e", "Thông tư 32/2021", "--on", "2021-12-30"), ("note", "BGD-06", "đang soạn thảo")),
        (("note", "BGD-04", "ghi chú A"), ("set", "BGD-05", "due", "Quý II năm 2022")),
        (("done", "BGD-19", "-e", "Báo cáo 2021", "--on", "2021-11-12"), ("set", "BGD-18", "partners", "hkhvn")),
    ],
)
def test_edits_of_different_tasks_on_two_branches_merge_cleanly(
    kh, repo: Path, first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    data = repo / "data"

    def run(args: tuple[str, ...]) -> None:
        extra = ("--today", TODAY) if args[0] in ("done", "note") else ()
        r = kh(*args, *extra, "--commit", data=data)
        assert r.code == 0, r

    git(repo, "checkout", "-q", "-b", "so-gddt-ha-noi")
    run(first)
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "vu-gdtx")
    run(second)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "so-gddt-ha-noi")
    merged = subprocess.run(["git", "merge", "--no-edit", "vu-gdtx"], cwd=repo, capture_output=True, text=True)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    plan, errors = load_dir(data)
    assert errors == []
    assert kh("check", data=data).code == 0
    # both changes are there
    for args in (first, second):
        task = plan.task(args[1])
        assert task is not None
        if args[0] == "done":
            assert task.done or task.done_yearly
        elif args[0] == "note":
            assert task.notes[-1].text == args[2]


def test_the_pre_commit_hook_runs_kh_check_on_the_data_files() -> None:
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "kh-check"
    assert hook["entry"] == "kh check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "data/tasks.yaml")
    assert re.search(hook["files"], "units.yaml")
    assert not re.search(hook["files"], "README.md")


# -- the README's pre-commit hook, with the real pre-commit ---------------------------------


def readme_hook_config() -> str:
    """The .pre-commit-config.yaml of the README, as written there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("<!-- the hook: tests/git/test_git.py runs it -->") :]
    return section[section.index("```yaml\n") + 8 : section.index("\n```", section.index("```yaml"))] + "\n"


def test_the_hooks_file_and_the_readme_watch_the_same_files() -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (readme_hook,) = yaml.safe_load(readme_hook_config())["repos"][0]["hooks"]
    assert hook["files"] == readme_hook["files"]
    assert hook["entry"] == readme_hook["entry"] == "kh check"


def test_the_readme_hook_blocks_a_broken_file_of_any_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys

    bin_dir = Path(sys.executable).parent
    if shutil.which("pre-commit", path=str(bin_dir)) is None or shutil.which("kh", path=str(bin_dir)) is None:
        pytest.skip("pre-commit and kh are not installed beside this Python (see the README's test command)")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    monkeypatch.setenv("KH_TODAY", TODAY)
    root = tmp_path / "theo-doi"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / ".pre-commit-config.yaml").write_text(readme_hook_config(), encoding="utf-8")
    shutil.copytree(DATA, root / "data")
    (root / "data" / "tasks.d").mkdir()
    split = root / "data" / "tasks.d" / "ha-noi.yaml"
    split.write_text("tasks: []\n", encoding="utf-8")
    subprocess.run(["pre-commit", "install"], cwd=root, check=True, capture_output=True)

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        git(root, "add", "-A")
        return subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, capture_output=True, text=True)

    assert commit("Kế hoạch ban đầu").returncode == 0
    member = root / "data" / "members" / "ha-noi.yaml"
    member.parent.mkdir()
    member.write_text("member: ha-noi\nrecords: []\n", encoding="utf-8")
    for path, broken in (
        (split, "tasks:\n  - id: HN-1\n    title: [oops\n"),
        (root / "data" / "calendar.yaml", "working_days: maybe\n"),
        (root / "data" / "units.yaml", "units: {}\n"),
        (member, "member: ha-noi\nrecords:\n  - {task: BGD-III.3-BC, year: 2026, date: 2026-10-20}\n"),  # no evidence
    ):
        good = path.read_text(encoding="utf-8")
        path.write_text(broken, encoding="utf-8")
        r = commit(f"hỏng {path.name}")
        assert r.returncode != 0, (path.name, r.stdout, r.stderr)
        assert f"data/{path.relative_to(root / 'data')}:" in r.stdout + r.stderr, r.stdout
        path.write_text(good, encoding="utf-8")
        git(root, "reset", "-q")
    assert git(root, "log", "--format=%s") == "Kế hoạch ban đầu\n"  # none of the broken ones landed


def test_commit_is_refused_during_a_merge_before_anything_is_written(kh, repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "data" / "units.yaml").write_text(
        (repo / "data" / "units.yaml").read_text(encoding="utf-8") + "# other\n", encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "other")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "--no-commit", "other")
    before = (repo / "data" / "tasks.yaml").read_bytes()
    r = kh("note", "BGD-05", "x", "--commit", "--today", TODAY, "--lang", "en", data=repo / "data")
    assert r.code == 2 and "in the middle of a merge" in r.stderr and "nothing written" in r.stderr
    assert (repo / "data" / "tasks.yaml").read_bytes() == before


def test_commit_is_refused_during_a_conflicted_rebase(kh, repo: Path) -> None:
    notes = repo / "NOTES.md"
    notes.write_text("a\n")
    git(repo, "add", "NOTES.md")
    git(repo, "commit", "-q", "-m", "notes")
    git(repo, "checkout", "-q", "-b", "topic")
    notes.write_text("topic\n")
    git(repo, "commit", "-q", "-am", "topic")
    git(repo, "checkout", "-q", "main")
    notes.write_text("main\n")
    git(repo, "commit", "-q", "-am", "main")
    git(repo, "checkout", "-q", "topic")
    assert subprocess.run(["git", "rebase", "main"], cwd=repo, capture_output=True).returncode != 0
    before = (repo / "data" / "tasks.yaml").read_bytes()
    r = kh("note", "BGD-05", "x", "--commit", "--today", TODAY, "--lang", "en", data=repo / "data")
    assert r.code == 2 and "in the middle of a rebase" in r.stderr
    assert (repo / "data" / "tasks.yaml").read_bytes() == before


def test_history_follows_the_file_across_a_rename(kh, repo: Path) -> None:
    kh(*DONE_BGD04, data=repo / "data")
    git(repo, "mv", "data", "ke-hoach")
    git(repo, "commit", "-q", "-m", "Đổi tên thư mục")
    r = kh("history", "BGD-04", "--lang", "en", data=repo / "ke-hoach")
    assert r.code == 0, r
    subjects = [line.split(">  ")[1] for line in r.stdout.splitlines() if ">  " in line]
    assert subjects == ["Kế hoạch ban đầu", "kh: hoàn thành BGD-04 ngày 30/03/2021 (Thông tư 09/2021/TT-BGDĐT)"]


# -- kh's commit: checked before writing, undone when git refuses (issue "Trustworthy member files") --

MEMBER_DONE = ("done", "BGD-III.3-BC", "--member", "ha-noi", "--year", "2026", "--on", "2026-10-20", "-e", "BC 12")


def test_a_members_first_record_is_committed(kh, repo: Path) -> None:
    assert not (repo / "data" / "members").exists()
    r = kh(*MEMBER_DONE, "--commit", "--today", TODAY, data=repo / "data")
    assert r.code == 0, r
    assert git(repo, "show", "--name-only", "--format=%s", "HEAD").splitlines() == [
        "kh: hoàn thành BGD-III.3-BC (2026) của Hà Nội (ha-noi) ngày 20/10/2026 (BC 12)",
        "",
        "data/members/ha-noi.yaml",
    ]
    assert git(repo, "status", "--porcelain") == ""


def test_no_identity_is_refused_before_anything_is_written(kh, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(var)
    monkeypatch.setenv("EMAIL", "")
    git(repo, "config", "user.useConfigOnly", "true")
    before = (repo / "data" / "tasks.yaml").read_bytes()
    r = kh(*DONE_BGD04, data=repo / "data")
    assert r.code == 2 and "git config --global user.name" in r.stderr and "chưa ghi gì" in r.stderr
    assert (repo / "data" / "tasks.yaml").read_bytes() == before


def _hook(repo: Path, script: str) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\n{script}\n")
    hook.chmod(0o755)


@pytest.mark.parametrize("member", [False, True], ids=["tasks-file", "new-member-file"])
def test_a_refusing_hook_leaves_the_files_as_they_were(kh, repo: Path, member: bool) -> None:
    _hook(repo, "echo 'cấm commit lúc này' >&2; exit 1")
    before = (repo / "data" / "tasks.yaml").read_bytes()
    args = (*MEMBER_DONE, "--commit", "--today", TODAY) if member else DONE_BGD04
    r = kh(*args, data=repo / "data")
    assert r.code == 2 and "cấm commit lúc này" in r.stderr and "vẫn như cũ" in r.stderr
    assert (repo / "data" / "tasks.yaml").read_bytes() == before
    assert not (repo / "data" / "members" / "ha-noi.yaml").exists()
    assert git(repo, "status", "--porcelain") == ""  # nothing written, nothing staged
    (repo / ".git" / "hooks" / "pre-commit").unlink()
    assert kh(*args, data=repo / "data").code == 0  # and the next --commit goes through


def test_signing_without_a_key_leaves_the_file_as_it_was(kh, repo: Path, tmp_path: Path) -> None:
    git(repo, "config", "commit.gpgsign", "true")
    git(repo, "config", "gpg.program", str(tmp_path / "no-such-gpg"))
    before = (repo / "data" / "tasks.yaml").read_bytes()
    r = kh(*DONE_BGD04, data=repo / "data")
    assert r.code == 2 and "vẫn như cũ" in r.stderr
    assert (repo / "data" / "tasks.yaml").read_bytes() == before


def test_another_gits_lock_is_waited_for_then_named(kh, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KH_GIT_LOCK_WAIT", "0.3")
    lock = repo / ".git" / "index.lock"
    lock.write_text("")
    before = (repo / "data" / "tasks.yaml").read_bytes()
    r = kh(*DONE_BGD04, "--lang", "en", data=repo / "data")
    assert r.code == 2 and str(lock) in r.stderr and "if no git is running" in r.stderr
    assert (repo / "data" / "tasks.yaml").read_bytes() == before
    lock.unlink()
    assert kh(*DONE_BGD04, data=repo / "data").code == 0


def test_a_lock_released_while_kh_waits_is_no_failure(repo: Path) -> None:
    import os
    import sys
    import time

    lock = repo / ".git" / "index.lock"
    lock.write_text("")
    env = {**os.environ, "KH_GIT_LOCK_WAIT": "10"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "khuyenhoc", *DONE_BGD04, "--data", str(repo / "data")], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1.0)
    lock.unlink()
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("flag", ["--assume-unchanged", "--skip-worktree"])
def test_a_file_git_is_told_to_ignore_is_refused_and_the_users_edit_stays_out(kh, repo: Path, flag: str) -> None:
    tasks = repo / "data" / "tasks.yaml"
    edited = tasks.read_text(encoding="utf-8").replace("due: Quý I năm 2023", "due: Quý I năm 2099", 1)
    tasks.write_text(edited, encoding="utf-8")
    git(repo, "update-index", flag, "data/tasks.yaml")
    r = kh(*DONE_BGD04, "--lang", "en", data=repo / "data")
    assert r.code == 2 and f"git update-index --no-{flag[2:]} tasks.yaml" in r.stderr
    assert tasks.read_text(encoding="utf-8") == edited  # nothing written
    assert "2099" not in git(repo, "show", "HEAD:data/tasks.yaml") and git(repo, "rev-list", "--count", "HEAD") == "1\n"


def test_a_symlinked_data_file_is_refused_with_commit(kh, repo: Path) -> None:
    real = repo / "data" / "tasks.real.yaml"
    (repo / "data" / "tasks.yaml").rename(real)
    (repo / "data" / "tasks.yaml").symlink_to("tasks.real.yaml")
    git(repo, "add", "-A", "data")
    git(repo, "commit", "-q", "-m", "link")
    before = real.read_bytes()
    r = kh(*DONE_BGD04, "--lang", "en", data=repo / "data")
    assert r.code == 2 and "symbolic link" in r.stderr
    assert real.read_bytes() == before


def test_two_plans_in_one_repository_commit_at_the_same_time(repo: Path) -> None:
    import os
    import sys

    shutil.copytree(repo / "data", repo / "data2")
    git(repo, "add", "data2")
    git(repo, "commit", "-q", "-m", "second plan")
    jobs = [(f"BGD-{k:02d}", folder) for k in (4, 5, 6) for folder in ("data", "data2")]
    env = {**os.environ, "KH_NO_CACHE": "1"}
    runs = []
    for n, (task, folder) in enumerate(jobs):
        args = ["note", task, f"ghi chú {n}", "--commit", "--today", TODAY, "--data", str(repo / folder)]
        command = [sys.executable, "-m", "khuyenhoc", *args]
        runs.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in runs]
    assert [code for code, _ in results] == [0] * len(runs), results
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "rev-list", "--count", "HEAD") == f"{2 + len(runs)}\n"


def test_history_shows_the_members_records_and_narrows_to_one(kh, repo: Path) -> None:
    data = repo / "data"
    for member, year in (("ha noi", "2025"), ("cao bang", "2026"), ("ha noi", "2026")):
        done = ("done", "BGD-III.3-BC", "--member", member, "--year", year, "--on", f"{year}-10-20", "-e", f"BC {year}")
        assert kh(*done, "--commit", "--today", TODAY, data=data).code == 0
    assert kh("reopen", "BGD-III.3-BC", "--member", "cao bang", "--year", "2026", "--commit", data=data).code == 0
    (data / "members" / "ha-noi.yaml").write_text(
        (data / "members" / "ha-noi.yaml").read_text(encoding="utf-8").replace("BC 2025", "BC 2025 (bản sửa)"), "utf-8"
    )  # a hand edit, not committed yet
    shown = kh("history", "BGD-III.3-BC", "--lang", "en", data=data).stdout
    assert "kh: hoàn thành BGD-III.3-BC (2026) của Cao Bằng (cao-bang)" in shown  # the commit, in its author's language
    assert "    cao-bang: done 2026: — → 2026-10-20: BC 2026\n" in shown
    assert "    cao-bang: reopened 2026 (was done 2026-10-20: BC 2026)\n" in shown
    assert "    ha-noi: done 2025: — → 2025-10-20: BC 2025\n" in shown
    assert shown.index("created:") < shown.index("ha-noi: done 2025") < shown.index("reopened 2026")  # by date
    events = json.loads(kh("history", "BGD-III.3-BC", "--member", "ha-noi", "--format", "json", data=data).stdout)
    assert [c["member"] for e in events for c in e["changes"]] == ["ha-noi", "ha-noi", "ha-noi", "ha-noi"]
    assert events[-1]["commit"] is None  # the hand edit: old record out, new in
    assert [(c["year"], c["new"]["evidence"] if c["new"] else None) for c in events[-1]["changes"]] == [
        (2025, "BC 2025 (bản sửa)"), (2025, None)
    ]  # fmt: skip
    nothing = kh("history", "BGD-III.3-BC", "--member", "lang son", "--lang", "en", data=data)
    assert nothing.code == 2 and "no record of lang-son" in nothing.stderr
