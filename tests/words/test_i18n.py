"""One language at a time: every message a user reads comes from the one catalogue, in
Vietnamese by default and in English with --lang en (or KH_LANG=en)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from khuyenhoc.words import catalogue, i18n
from khuyenhoc.words.i18n import Msg, set_lang, t

from ..conftest import ROOT

SOURCE = ROOT / "khuyenhoc"
TODAY = "2026-11-22"


def templates() -> dict[str, str]:
    """Every message template in kh's source (the first argument of each t(…) call), with where it is."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
                arg = node.args[0]
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), f"{path.name}:{node.lineno}"
                found.setdefault(arg.value, f"{path.name}:{node.lineno}")
    return found


def placeholders(text: str) -> list[str]:
    return sorted(set(re.findall(r"\{(\w+)", text.replace("{{", "").replace("}}", ""))))


def test_every_message_has_a_vietnamese_entry_with_the_same_placeholders() -> None:
    used = templates()
    missing = {tpl: where for tpl, where in used.items() if tpl not in catalogue.MESSAGES}
    assert missing == {}, "templates with no Vietnamese entry in catalogue.MESSAGES"
    mismatched = [tpl for tpl, vi in catalogue.MESSAGES.items() if placeholders(tpl) != placeholders(vi)]
    assert mismatched == []
    unused = [tpl for tpl in catalogue.MESSAGES if tpl not in used]
    assert unused == [], "catalogue entries no code uses"


def test_a_message_renders_in_the_run_language_and_compares_to_its_english() -> None:
    message = t("{what} has no lead unit", what=t("task {task_id}", task_id="BGD-01"))
    set_lang("vi")
    assert str(message) == "nhiệm vụ BGD-01 chưa có đơn vị chủ trì"
    set_lang("en")
    assert str(message) == "task BGD-01 has no lead unit"
    assert message == "task BGD-01 has no lead unit" and isinstance(message, Msg)


def test_errors_are_vietnamese_by_default_and_english_on_request(kh, monkeypatch: pytest.MonkeyPatch) -> None:
    vi = kh("list", "--unit", "khong co don vi nay", "--today", TODAY)
    assert vi.code == 2 and vi.stderr.startswith("kh: không có đơn vị 'khong co don vi nay'")
    en = kh("list", "--unit", "khong co don vi nay", "--today", TODAY, "--lang", "en")
    assert en.code == 2 and en.stderr.startswith("kh: unknown unit 'khong co don vi nay'")
    monkeypatch.setenv("KH_LANG", "en")
    env = kh("list", "--unit", "khong co don vi nay", "--today", TODAY)
    assert env.stderr == en.stderr


def test_data_problems_and_their_summary_speak_one_language(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("lead: [cuc-cntt]", "lead: [cuc-cnt]", 1), encoding="utf-8"
    )
    vi = kh("check")
    assert vi.code == 1 and "không có đơn vị chủ trì 'cuc-cnt'" in vi.stdout and vi.stderr == f"1 lỗi ({data_dir}).\n"
    en = kh("check", "--lang", "en")
    assert "unknown lead unit 'cuc-cnt'" in en.stdout and en.stderr == f"1 problems ({data_dir}).\n"
    listed = kh("list", "--today", TODAY)
    assert listed.code == 1 and "dữ liệu có 1 lỗi; chạy `kh check`" in listed.stderr


def test_a_cached_problem_reads_in_either_language(kh, data_dir: Path) -> None:
    (data_dir / "calendar.yaml").write_text("working_days: maybe\n", encoding="utf-8")
    first = kh("check")  # parsed, and the problem cached
    second = kh("check", "--lang", "en")  # from the cache
    assert "working_days phải là true hoặc false" in first.stdout
    assert "working_days must be true or false" in second.stdout


@pytest.mark.parametrize("typed", ["quá hạn", "qua han", "QUA HAN", "overdue", "Overdue"])
def test_statuses_are_read_in_either_language_with_or_without_diacritics(kh, typed: str) -> None:
    expected = kh("list", "--overdue", "--today", TODAY, "--format", "csv").stdout
    r = kh("list", "--status", typed, "--today", TODAY, "--format", "csv")
    assert r.code == 0 and r.stdout == expected


def test_an_unknown_status_lists_the_known_ones(kh) -> None:
    r = kh("list", "--status", "xong")
    assert r.code == 2 and "không có trạng thái 'xong'" in r.stderr and "overdue (Quá hạn)" in r.stderr


def test_unit_kinds_are_translated(kh) -> None:
    vi = kh("units", "--today", TODAY)
    assert "bộ, cơ quan ngang bộ" in vi.stdout and "ministry" not in vi.stdout
    en = kh("units", "--today", TODAY, "--lang", "en")
    assert "ministry" in en.stdout
    json_ = kh("units", "--format", "json", "--today", TODAY)
    assert '"kind": "ministry"' in json_.stdout  # the contract keeps the id


# -- help and usage errors --------------------------------------------------------------------------


def kh_process(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """kh through its real entry point, which picks the language before parsing the arguments."""
    environ = {k: v for k, v in os.environ.items() if k != "KH_LANG"} | {"KH_TODAY": TODAY, **env}
    return subprocess.run([sys.executable, "-m", "khuyenhoc", *args], capture_output=True, text=True, env=environ)


def help_texts() -> list[str]:
    """Every help text kh shows: each command's and each parameter's, the help option's included."""
    import typer._click as click
    import typer.main

    from khuyenhoc.cli import app

    root = typer.main.get_command(app)
    texts = []
    for command in [root, *root.commands.values()]:  # type: ignore[attr-defined]
        texts.append(command.help)
        texts += [p.help for p in command.get_params(click.Context(command)) if getattr(p, "help", None)]
    return [text for text in texts if text]


def test_every_help_text_has_a_vietnamese_entry() -> None:
    set_lang("vi")
    missing = [text for text in help_texts() if i18n.help_text(text) == text]
    assert missing == []


@pytest.mark.parametrize("args", [["list", "--help"], ["--help"], ["report", "--help"]])
def test_help_is_vietnamese_by_default_and_english_on_request(args: list[str]) -> None:
    vi = kh_process(*args)
    assert vi.returncode == 0 and vi.stdout.startswith("Cách dùng: kh") and "Tùy chọn:" in vi.stdout
    en = kh_process(*args, KH_LANG="en")
    assert en.stdout.startswith("Usage: kh") and "Options:" in en.stdout
    if args[0] != "--help":
        assert kh_process(*args, "--lang", "en").stdout == en.stdout


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ["list", "--fromat", "x"],
            "không có tùy chọn --fromat; có phải ý bạn là --format?",
            "no such option --fromat",
        ),
        (["list", "--format", "x"], "giá trị 'x' của --format không hợp lệ", "invalid value 'x' for --format"),
        (["show"], "thiếu tham số MÃ", "missing argument ID"),
        (["shw"], "không có lệnh 'shw'; có phải ý bạn là show?", "no such command 'shw'"),
        (
            ["list", "--year", "abc"],
            "giá trị 'abc' của --year không hợp lệ: cần một số nguyên",
            "expected a whole number",
        ),
        (["list", "-f", "x"], "giá trị 'x' của --format không hợp lệ: chọn một trong 'table',", "choose one of"),
        (["list", "--format=x"], "giá trị 'x' của --format không hợp lệ", "invalid value 'x' for --format"),
        (["report", "20x1"], "giá trị '20x1' của NĂM không hợp lệ: cần một số nguyên", "value '20x1' for YEAR"),
        (["set", "BGD-04", "dua", "x"], "giá trị 'dua' của TRƯỜNG không hợp lệ", "value 'dua' for FIELD"),
        (["list", "a", "b"], "thừa tham số: a b", "unexpected extra arguments: a b"),
        (["list", "--overdue=3"], "tùy chọn --overdue không nhận giá trị", "option --overdue takes no value"),
    ],
)
def test_usage_errors_are_one_line_in_the_run_language(args: list[str], vi: str, en: str) -> None:
    r = kh_process(*args)
    assert r.returncode == 2 and r.stderr.startswith(f"kh: {vi}"), r.stderr
    assert r.stderr.splitlines()[1].startswith("xem `kh") and len(r.stderr.splitlines()) == 2
    r = kh_process(*args, KH_LANG="en")
    assert r.returncode == 2 and en in r.stderr.splitlines()[0] and r.stderr.splitlines()[1].startswith("see `kh")


def test_an_option_without_its_value_points_to_the_commands_own_help() -> None:
    r = kh_process("list", "--today")
    assert r.returncode == 2
    assert r.stderr.splitlines() == ["kh: tùy chọn --today cần một giá trị", "xem `kh list --help`"]
