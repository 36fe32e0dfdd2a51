"""Fuzzing: on any file at all, every command succeeds or exits 1 or 2 with a clean message.

Inputs are random byte mutations of the shipped data and generated YAML-ish documents. A
failure is a traceback, an "internal error" (an exception kh did not expect), another exit
code, or a write that leaves the data failing `kh check`.

The default run is short (CI). For a long local run: `KH_FUZZ_EXAMPLES=10000 pytest tests/system/test_fuzz.py`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from khuyenhoc.cli import app

from ..conftest import DATA

EXAMPLES = int(os.environ.get("KH_FUZZ_EXAMPLES", "60"))
SHIPPED = {name: (DATA / name).read_bytes() for name in ("tasks.yaml", "units.yaml")}
COMMANDS = [
    ["list", "--overdue"],
    ["list", "--all", "--format", "md"],
    ["list", "--all", "--format", "json", "--unit", "gdtx"],
    ["show", "BGD-05"],
    ["units"],
    ["check"],
    ["report", "2021"],
    ["report", "2022", "--format", "table"],
    ["done", "BGD-05", "-e", "Văn bản", "--on", "2021-12-01"],
    ["done", "BGD-19", "-e", "Báo cáo", "--on", "2021-11-01"],
    ["reopen", "BGD-03"],
    ["note", "BGD-04", "ghi chú: # [x]"],
    ["set", "BGD-06", "due", "Quý III năm 2021"],
    ["set", "BGD-06", "partners", "hkhvn"],
    ["agenda", "--within", "1m"],
    ["ics"],
]
# Bytes that mean something to YAML, to git, to UTF-8, or to a terminal.
SPICE = [
    *(b":", b": ", b"- ", b"\n", b"\r\n", b"  ", b"\t", b"#", b"[", b"]", b"{", b"}", b",", b"'", b'"', b"|", b">"),
    *(b"&a ", b"*a", b"!!python/object ", b"?", b"%", b"@", b"`", b"~", b"null", b"---\n", b"...\n", b"yes"),
    *(b"<<<<<<< HEAD\n", b"=======\n", b">>>>>>> b\n", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\x00"),
    *(b"\x1b[2J", b"\xe2\x80\xae", b"30/02/2021", b"2021-02-30", b"id: BGD-05\n", b"1e9999", b"0x10"),
]


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, bytes]:
    """The shipped files with a few random byte edits."""
    files = dict(SHIPPED)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(files)))
        data = files[name]
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "truncate"]))
        piece = draw(st.sampled_from(SPICE) | st.binary(min_size=1, max_size=4))
        if op == "insert":
            data = data[:at] + piece + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
        elif op == "replace":
            data = data[:at] + piece + data[at + len(piece) :]
        elif op == "duplicate":
            end = min(len(data), at + draw(st.integers(1, 300)))
            data = data[:end] + data[at:end] + data[end:]
        else:
            data = data[:at]
        files[name] = data
    return files


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates()
KEYS = st.sampled_from(
    ["id", "title", "lead", "partners", "due", "source", "document", "ref", "done", "notes", "on", "evidence",
     "implements", "documents", "tasks", "units", "name", "short", "kind", "parent", "year", "text"]
) | st.text(max_size=8)  # fmt: skip
TREES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=30
)


@st.composite
def generated(draw: st.DrawFn) -> dict[str, bytes]:
    """A YAML-ish document in place of one of the files."""
    files = dict(SHIPPED)
    name = draw(st.sampled_from(sorted(files)))
    tree = draw(TREES)
    text = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=draw(st.sampled_from([None, True, False])))
    files[name] = text.encode("utf-8")
    return files


@settings(max_examples=EXAMPLES, suppress_health_check=list(HealthCheck), deadline=None)
@given(files=mutated() | generated(), command=st.sampled_from(COMMANDS))
def test_every_command_exits_cleanly_on_any_data(files: dict[str, bytes], command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        runner = CliRunner()
        result = runner.invoke(
            app, [*command, "--data", str(folder)], env={"KH_TODAY": "2026-11-22"}, catch_exceptions=False
        )
        out = result.stdout + result.stderr
        assert result.exit_code in (0, 1, 2), out
        assert "Traceback" not in out and "internal error" not in out, out
        if result.exit_code == 0 and command[0] in ("done", "reopen", "note", "set"):
            check = runner.invoke(app, ["check", "--data", str(folder)], catch_exceptions=False)
            assert check.exit_code == 0, check.stdout
        shutil.rmtree(folder)
