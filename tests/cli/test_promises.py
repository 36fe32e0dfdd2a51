"""What the README promises, every command keeps: small defects a first-time user met."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from khuyenhoc.cli import app

from ..conftest import ROOT

TODAY = "2026-11-22"


@pytest.mark.parametrize("columns", ["abc", "0", "-5", ""])
@pytest.mark.parametrize("args", [["show", "BGD-09"], ["list"], ["units"], ["report", "2021", "--format", "table"]])
def test_any_columns_value_is_survived(kh, monkeypatch: pytest.MonkeyPatch, columns: str, args: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    r = kh(*args, "--today", TODAY)
    assert r.code == 0 and r.stdout and "Traceback" not in r.stderr, r


@pytest.mark.parametrize("args", [["show", "BGD-09"], ["show", "BGD-19"], ["units"], ["report", "2021", "-f", "table"]])
def test_piped_output_has_no_trailing_spaces(kh, args: list[str]) -> None:
    r = kh(*args, "--today", TODAY)
    assert r.code == 0
    assert [line for line in r.stdout.splitlines() if line != line.rstrip()] == []


def test_task_ids_complete_in_the_case_typed(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    from khuyenhoc import cli

    monkeypatch.setenv("KH_DATA", str(data_dir))
    assert cli._complete_tasks("bgd-0") == [f"bgd-0{n}" for n in range(1, 10)]
    assert cli._complete_tasks("BGD-1")[:2] == ["BGD-10", "BGD-11"]


@pytest.mark.parametrize("typed", ["ttg-2.5.a", "TTG-ii.5.A", "ttg 2 5 a"])
def test_a_section_number_reads_as_its_roman_numeral(kh, typed: str) -> None:
    r = kh("show", typed, "--today", TODAY)
    assert r.code == 0 and r.stdout.startswith("TTG-II.5.a\n"), r


def test_suggestions_are_real_ids(kh) -> None:
    r = kh("show", "TTG-II.5.x", "--lang", "en")
    assert r.code == 2 and "did you mean TTG-II.5." in r.stderr
    suggested = r.stderr.split("did you mean ")[1].rstrip("?\n").split(", ")
    ids = kh("list", "--all", "--format", "csv", "--today", TODAY, "--lang", "en").stdout
    assert all(f"\n{s}," in ids for s in suggested), suggested


def test_history_of_the_bundled_plan_says_it_has_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no data/ above: kh falls back to the bundled plan
    r = CliRunner().invoke(app, ["history", "BGD-04", "--lang", "en"])
    assert r.exit_code == 2
    assert "the bundled plan has no history" in r.stderr and "kh init" in r.stderr


def test_the_reference_options_table_is_what_each_command_takes() -> None:
    import re

    import typer.main

    readme = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    table = readme[readme.index("<!-- the options table") :].split("\n\n")[0]
    shared = ["--data", "--today", "--lang", "--no-color"]
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    seen = set()
    for line in table.splitlines()[3:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        names = re.findall(r"`(\w+)", cells[0])
        for name in names:
            seen.add(name)
            params = {o: p for p in commands[name].params for o in p.opts}
            promised = [opt for opt, cell in zip(shared, cells[1:5], strict=True) if cell == "✓"]
            assert sorted(o for o in shared if o in params) == sorted(promised), name
            formats = re.findall(r"`(\w+)`", cells[5])
            actual = (
                sorted(str(getattr(c, "value", c)) for c in params["--format"].type.choices)
                if "--format" in params
                else []
            )
            assert sorted(formats) == actual, name
    assert seen == set(commands), set(commands) - seen
