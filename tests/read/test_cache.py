"""The load cache (never stale, safe to lose) and plans split over several files."""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from khuyenhoc.core.model import Completion, Note
from khuyenhoc.read import loader, parse, parts
from khuyenhoc.read.loader import load_dir

from ..conftest import DATA

TODAY = "2026-11-22"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(params=["content", "status"])
def keyed_by(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test twice: files hashed on every run, and files trusted by their status (the
    fast path, normally for files unchanged for 2 s)."""
    if request.param == "status":
        monkeypatch.setattr(loader, "RACY_NS", 0)
    return str(request.param)


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = parse.parse_file

    def counting(kind: str, path: str, data: bytes | str, main: bool = True):
        parsed.append(Path(path).name)
        return real(kind, path, data, main)

    monkeypatch.setattr(parse, "parse_file", counting)
    return parsed


def test_a_second_load_parses_nothing(data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = count_parses(monkeypatch)
    first, _ = load_dir(data_dir)
    files = ["calendar.yaml", "tasks.yaml", "tinh-34.yaml", "tinh-63-truoc-2025.yaml", "units.yaml"]
    assert sorted(parsed) == files
    second, errors = load_dir(data_dir)
    assert sorted(parsed) == files  # no more parses
    assert second == first and errors == []
    assert any(cache_dir.iterdir())
    assert sorted(p.name for p in data_dir.iterdir()) == [
        "calendar.yaml",
        "tasks.yaml",
        "units.d",
        "units.yaml",
    ]  # nothing in the data folder


def test_any_byte_change_is_seen(data_dir: Path, cache_dir: Path, keyed_by: str) -> None:
    tasks = data_dir / "tasks.yaml"
    load_dir(data_dir)
    text = tasks.read_text(encoding="utf-8")
    same_size = text.replace("Quý I năm 2021", "Quý I năm 2022", 1)  # BGD-07: one byte differs
    assert len(same_size.encode()) == len(text.encode())
    tasks.write_text(same_size, encoding="utf-8")
    plan, _ = load_dir(data_dir)
    task = plan.task("BGD-07")
    assert task is not None and task.due_text == "Quý I năm 2022"
    tasks.write_text(text, encoding="utf-8")  # and back: the old entry answers, correctly
    plan, _ = load_dir(data_dir)
    task = plan.task("BGD-07")
    assert task is not None and task.due_text == "Quý I năm 2021"


def test_errors_are_cached_with_their_lines(data_dir: Path, cache_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("lead: [vu-gdtrh]", "lead: [khong-co]", 1))
    _, first = load_dir(data_dir)
    _, second = load_dir(data_dir)
    assert first == second and len(first) == 1 and "unknown lead unit 'khong-co'" in first[0].message


@pytest.mark.parametrize("damage", [b"", b"garbage", b"kh-cache\n" + b"0" * 40 + b"\x80\x05truncated"])
def test_a_corrupt_cache_falls_back_to_parsing(
    data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    expected, _ = load_dir(data_dir)
    for entry in cache_dir.iterdir():
        entry.write_bytes(damage)
    parsed = count_parses(monkeypatch)
    plan, errors = load_dir(data_dir)
    assert plan == expected and errors == []
    assert sorted(parsed) == ["calendar.yaml", "tasks.yaml", "tinh-34.yaml", "tinh-63-truoc-2025.yaml", "units.yaml"]
    load_dir(data_dir)  # the damaged entries were replaced
    assert len(parsed) == 5  # no more parses


def test_an_unusable_cache_folder_is_done_without(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("KH_CACHE_DIR", str(not_a_folder / "cache"))
    plan, errors = load_dir(data_dir)
    assert errors == [] and len(plan.tasks) > 60
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)  # others could plant a pickle here: not used
    monkeypatch.setenv("KH_CACHE_DIR", str(shared))
    load_dir(data_dir)
    assert list(shared.iterdir()) == []


def test_no_cache_when_turned_off(data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KH_NO_CACHE", "1")
    load_dir(data_dir)
    assert not cache_dir.exists()


def test_concurrent_runs_share_the_cache_safely(data_dir: Path, cache_dir: Path) -> None:
    env = {**os.environ, "KH_TODAY": TODAY, "KH_CACHE_DIR": str(cache_dir)}
    argv = [sys.executable, "-m", "khuyenhoc", "list", "--all", "--format", "csv", "--data", str(data_dir)]
    for _ in range(3):  # empty cache, then a full one, each time 6 processes at once
        procs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(6)]
        outs = [p.communicate() for p in procs]
        assert all(p.returncode == 0 for p in procs), outs
        assert len({out for out, _ in outs}) == 1
    assert not [p for p in cache_dir.iterdir() if p.name.endswith(".tmp")]


# -- several files --------------------------------------------------------------------------------


@pytest.fixture
def split_dir(tmp_path: Path) -> Path:
    """The shipped plan with the MOET appendix rows moved to tasks.d/bgd.yaml."""
    folder = tmp_path / "split" / "data"
    shutil.copytree(DATA, folder)
    text = (folder / "tasks.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: BGD-01")
    end = text.index("  - id: BGD-III.2")
    (folder / "tasks.d").mkdir()
    (folder / "tasks.d" / "bgd.yaml").write_text("tasks:\n" + text[start:end], encoding="utf-8")
    (folder / "tasks.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    return folder


def test_a_split_plan_loads_as_one(kh, split_dir: Path) -> None:
    whole = kh("list", "--all", "--format", "csv", "--today", TODAY).stdout
    split = kh("list", "--all", "--format", "csv", "--today", TODAY, data=split_dir).stdout
    assert sorted(whole.splitlines()) == sorted(split.splitlines())
    assert kh("check", data=split_dir).code == 0
    plan, _ = load_dir(split_dir)
    task = plan.task("BGD-05")
    assert task is not None and task.path.endswith("bgd.yaml")


def test_problems_in_a_split_plan_name_their_file(kh, split_dir: Path) -> None:
    extra = split_dir / "tasks.d" / "bgd.yaml"
    extra.write_text(extra.read_text(encoding="utf-8") + "  - id: TTG-II.1.a\n    title: x\n    lead: [bgddt]\n"
                     "    source: {document: qd489, ref: x}\n", encoding="utf-8")  # fmt: skip
    r = kh("check", "--lang", "en", data=split_dir)
    assert r.code == 1
    assert "bgd.yaml:" in r.stdout and "duplicate task id 'TTG-II.1.a' (first at " in r.stdout
    assert "tasks.yaml:" in r.stdout.split("(first at ")[1]


def test_a_change_to_one_file_parses_only_that_file(
    split_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_dir(split_dir)
    parsed = count_parses(monkeypatch)
    extra = split_dir / "tasks.d" / "bgd.yaml"
    extra.write_text(extra.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    load_dir(split_dir)
    assert parsed == ["bgd.yaml"]


def test_edits_go_to_the_file_that_holds_the_task(kh, split_dir: Path) -> None:
    main_before = (split_dir / "tasks.yaml").read_bytes()
    r = kh("done", "BGD-05", "-e", "Thông tư 32/2021", "--on", "2021-12-30", "--today", TODAY, data=split_dir)
    assert r.code == 0, r
    assert "bgd.yaml" in r.stdout
    assert (split_dir / "tasks.yaml").read_bytes() == main_before
    assert "      evidence: Thông tư 32/2021\n" in (split_dir / "tasks.d" / "bgd.yaml").read_text(encoding="utf-8")
    assert kh("check", data=split_dir).code == 0


def test_parsing_on_several_cores_gives_the_same_plan(split_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KH_NO_CACHE", "1")
    serial, serial_errors = load_dir(split_dir)
    monkeypatch.setattr(parts, "PARALLEL_BYTES", 0)
    parallel, parallel_errors = load_dir(split_dir)
    assert parallel == serial and parallel_errors == serial_errors


def test_a_large_plan_is_written_by_a_background_process(
    data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making the JSON of 10^5 tasks costs a second: a detached process writes it while the
    command answers. Here every plan counts as large."""
    import time

    from khuyenhoc.read import cache

    monkeypatch.setattr(cache, "BACKGROUND_TASKS", 1)
    expected, _ = load_dir(data_dir)
    deadline = time.monotonic() + 30
    while len(list(cache_dir.glob("*.json"))) < 4 and time.monotonic() < deadline:  # the 3 files and the plan
        time.sleep(0.02)
    parsed = count_parses(monkeypatch)
    plan, _ = load_dir(data_dir)
    assert plan == expected and parsed == []


@dataclasses.dataclass(frozen=True)
class _Extended:
    """A record as a new field would make it: the codec is derived from the declaration."""

    id: str
    title: str
    since: date
    until: date | None = None
    lead: tuple[str, ...] = ()
    done: Completion | None = None
    done_yearly: dict[int, Completion] = dataclasses.field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    count: int = 0
    urgent: bool = False
    comment: str | None = None  # the new field


def test_a_new_field_is_cached_and_checked_without_a_line_of_the_codec() -> None:
    """One declaration of the records (core/model.py): the cache's writer and reader follow from
    each field's type, and read back only values of that type."""
    import json

    from khuyenhoc.read import codec

    write, read = codec._codec(_Extended)
    value = _Extended(
        "BGD-19", "Báo cáo", date(2021, 1, 1), None, ("vu-gdtx", "hkhvn"),
        Completion(date(2021, 11, 12), "Báo cáo số 1", None, False), {2021: Completion(date(2021, 11, 12), "x")},
        (Note(date(2021, 3, 1), "đã nhắc"),), 3, True, "mới",
    )  # fmt: skip
    table = codec._Table()
    row = write(value, table)
    body = json.loads(json.dumps([table.items(), row]))  # as the entry holds it
    assert read(body[1], codec._Read(body[0])) == value
    wrong = [*body[1][:-1], 7]  # the new field, written as a number
    with pytest.raises(ValueError, match="not a _Extended"):
        read(wrong, codec._Read(body[0]))


def test_the_generated_codec_is_current() -> None:
    """codec_records.py is what the records' declarations make: after a field changes, run
    `python -m khuyenhoc.read.codec` (it writes the file again) and commit the result."""
    from khuyenhoc.read import codec

    written = (Path(codec.__file__).with_name("codec_records.py")).read_text(encoding="utf-8")
    assert written == codec.generate(), "codec_records.py is out of date: run `python -m khuyenhoc.read.codec`"


def _entry_read_back(monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """The shipped plan through the codec, its records' codecs made afresh."""
    from khuyenhoc.read import codec

    monkeypatch.setattr(codec, "_codec", functools.cache(codec._codec.__wrapped__))
    plan, errors = load_dir(DATA)
    return codec.loads(codec.dumps((plan, errors))), (plan, errors)


def test_a_run_reads_the_shipped_records_without_compiling_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The records' codecs come compiled with the package: a run makes none (it cost 18 ms)."""
    import builtins

    real = builtins.compile

    def refuse(source: object, name: str, *args: object, **kwargs: object) -> object:
        assert not str(name).startswith("<kh cache codec"), f"{name} made at run time"
        return real(source, name, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "compile", refuse)
    read, original = _entry_read_back(monkeypatch)
    assert read == original


def test_a_record_declared_otherwise_than_generated_is_made_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A field added without regenerating is still cached right (the test above fails in CI)."""
    import builtins

    from khuyenhoc.read import codec_records

    made: list[str] = []
    real = builtins.compile

    def noted(source: object, name: str, *args: object, **kwargs: object) -> object:
        made.append(str(name))
        return real(source, name, *args, **kwargs)  # type: ignore[call-overload]

    stale = codec_records.FIELDS["Task"][0][:-1]  # as if the last field had just been added
    monkeypatch.setitem(codec_records.FIELDS, "Task", (stale, ()))
    monkeypatch.setattr(builtins, "compile", noted)
    read, original = _entry_read_back(monkeypatch)
    assert read == original
    assert [n for n in made if n.startswith("<kh cache codec")] == ["<kh cache codec of Task>"]
