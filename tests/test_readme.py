"""Every console example in the README runs and prints exactly what the README shows.

A block is skipped only when an HTML comment `<!-- not run: reason -->` precedes it (examples
of broken data, or a session in a git repository). Commands may set environment variables
(`KH_WORKING_DAYS=1 kh …`) and end in `| head -N`. `KH_UPDATE_README=1` rewrites the examples
whose output changed (review the diff before committing).
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khuyenhoc.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def examples() -> list[tuple[str, str, str]]:
    """(where, command, expected output) for each `$ kh …` line of a runnable console block."""
    text = README.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"(<!-- not run: [^>]*-->\n)?```console\n(.*?)```", text, re.S):
        if m[1]:
            continue
        line = text.count("\n", 0, m.start()) + 1
        for chunk in re.split(r"^\$ ", m[2], flags=re.M)[1:]:
            command, _, expected = chunk.partition("\n")
            out.append((f"README.md:{line}", command, expected))
    return out


EXAMPLES = examples()


def test_the_readme_has_runnable_examples() -> None:
    commands = {shlex.split(c.split("|")[0])[0 if c.startswith("kh") else 1] for _, c, _ in EXAMPLES}
    assert commands == {"kh"} and len(EXAMPLES) >= 8


@pytest.mark.parametrize(("where", "command", "expected"), EXAMPLES, ids=[w for w, _, _ in EXAMPLES])
def test_readme_example(
    where: str, command: str, expected: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head, written = None, command
    if m := re.search(r"\|\s*head -(\d+)\s*$", command):
        head, command = int(m[1]), command[: m.start()]
    words = shlex.split(command)
    while "=" in words[0]:  # VAR=value before the command
        name, _, value = words.pop(0).partition("=")
        monkeypatch.setenv(name, value)
    assert words[0] == "kh", f"{where}: not a kh command: {command}"
    monkeypatch.chdir(data_dir.parent)  # so that kh finds data/ as a user's checkout would
    result = CliRunner().invoke(app, words[1:], catch_exceptions=False)
    output = result.stdout + result.stderr
    if head is not None:
        output = "".join(output.splitlines(keepends=True)[:head])
    output = output.replace("\r\n", "\n")
    if os.environ.get("KH_UPDATE_README") and output != expected:  # rewrite, then review the diff
        text = README.read_text(encoding="utf-8")
        block = f"$ {written}\n"
        assert text.count(block + expected) == 1, f"{where}: cannot find the example to rewrite"
        README.write_text(text.replace(block + expected, block + output), encoding="utf-8")
        return
    assert output == expected, f"{where}: `{command}` prints something else"
