"""Every console example of the docs (README.md, docs/*.md) runs and prints exactly what the
docs show.

A ```console block is one session, run in a fresh folder that holds a copy of the shipped plan in
`data/` (as a user's tracking folder would), on 04/12/2026 (`KH_TODAY`) unless a command names
another day. Its lines are `$ kh …` (run in-process), `$ git …`, `$ cd DIR` and the readers `cat`
and `tail`; a command may set environment variables first (`KH_WORKING_DAYS=1 kh …`) and end in
`| head -N`. An HTML comment before the block sets it up: `<!-- setup: git -->` makes the folder a
git repository with the plan committed (a fixed author and date, so commit ids are the same on
every run), and `<!-- setup: git, copy FILE -->` also copies a file of the repository there (the
sample register); `<!-- setup: edit FILE "OLD" → "NEW"; … -->` changes the copy first (broken data, for
the examples of errors; `\n` is a line break). A block is left out only by `<!-- not run:
reason -->`, and the docs hold none: a test says so.
`KH_UPDATE_README=1` rewrites the outputs that changed (review the diff before committing).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khuyenhoc.cli import app

from ..conftest import DATA, ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DAY = "04/12/2026"
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Nguyễn Thị Lan",
    "GIT_AUTHOR_EMAIL": "lan@example.vn",
    "GIT_COMMITTER_NAME": "Nguyễn Thị Lan",
    "GIT_COMMITTER_EMAIL": "lan@example.vn",
    "GIT_AUTHOR_DATE": "2026-12-04 09:15:00 +0700",
    "GIT_COMMITTER_DATE": "2026-12-04 09:15:00 +0700",
}
OTHERS = {"git", "cd", "cat", "tail"}  # run as they are, in the session's folder
EDIT = re.compile(r'"((?:[^"\\]|\\.)*)" → "((?:[^"\\]|\\.)*)"')
BLOCK = re.compile(r"(?:<!-- (?P<kind>setup|not run): (?P<what>[^>]*?) -->\n)?```console\n(?P<body>.*?)```", re.S)


class Session:
    def __init__(self, doc: Path, line: int, setup: str | None, body: str):
        self.doc, self.line, self.setup, self.body = doc, line, setup, body
        self.steps = [(c, out) for c, _, out in (s.partition("\n") for s in re.split(r"^\$ ", body, flags=re.M)[1:])]

    @property
    def where(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def sessions() -> tuple[list[Session], list[str]]:
    runnable, skipped = [], []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            line = text.count("\n", 0, m.start("body"))
            if m["kind"] == "not run":
                skipped.append(f"{doc.relative_to(ROOT)}:{line}")
                continue
            runnable.append(Session(doc, line, m["what"] if m["kind"] == "setup" else None, m["body"]))
    return runnable, skipped


SESSIONS, SKIPPED = sessions()


def test_every_example_of_the_docs_is_run() -> None:
    assert SKIPPED == []
    assert {s.doc.name for s in SESSIONS} >= {"README.md", "reference.md"}
    commands = [shlex.split(c.split("|")[0]) for s in SESSIONS for c, _ in s.steps]
    assert {next(w for w in words if "=" not in w) for words in commands} <= {"kh", *OTHERS}


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.mark.parametrize("session", SESSIONS, ids=[s.where for s in SESSIONS])
def test_docs_example(session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "theo-doi"
    shutil.copytree(DATA, home / "data")
    monkeypatch.setenv("KH_TODAY", DAY)
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    for name in ("KH_DATA", "KH_LANG", "KH_COMMIT", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    setup = session.setup
    if setup is not None and ", copy " in setup:  # a file of the repository the example uses (a sample register)
        setup, _, name = setup.partition(", copy ")
        shutil.copy(ROOT / name, home / Path(name).name)
    if setup == "git":
        _git(home, "init", "-q", "-b", "main")
        _git(home, "add", "data")
        _git(home, "commit", "-q", "-m", "Kế hoạch ban đầu")
    elif setup is not None and setup.startswith("edit "):
        name, _, edits = setup.removeprefix("edit ").partition(" ")
        path = home / name
        text = path.read_text(encoding="utf-8")
        for old, new in EDIT.findall(edits):
            old, new = (s.replace("\\n", "\n").replace('\\"', '"') for s in (old, new))
            assert old in text, f"{session.where}: {name} has no {old!r}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    elif setup is not None:
        raise AssertionError(f"{session.where}: unknown setup {setup!r}")
    monkeypatch.chdir(home)
    outputs = []
    for command, expected in session.steps:
        output = _run(command, monkeypatch)
        outputs.append(output)
        if not os.environ.get("KH_UPDATE_README"):
            assert output == expected, f"{session.where}: `{command}` prints something else"
    if os.environ.get("KH_UPDATE_README"):
        new = "".join(f"$ {command}\n{output}" for (command, _), output in zip(session.steps, outputs, strict=True))
        if new != session.body:
            text = session.doc.read_text(encoding="utf-8")
            assert text.count(session.body) == 1, f"{session.where}: cannot find the example to rewrite"
            session.doc.write_text(text.replace(session.body, new), encoding="utf-8")


def _run(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    head = None
    if m := re.search(r"\|\s*head -(\d+)\s*$", command):
        head, command = int(m[1]), command[: m.start()]
    words = shlex.split(command)
    while "=" in words[0]:  # VAR=value before the command
        name, _, value = words.pop(0).partition("=")
        monkeypatch.setenv(name, value)
    if words[0] == "cd":
        monkeypatch.chdir(Path.cwd() / words[1])
        return ""
    if words[0] in OTHERS:
        done = subprocess.run(words, capture_output=True, text=True, env={**os.environ, "GIT_PAGER": "cat"})
        output = done.stdout + done.stderr
    else:
        assert words[0] == "kh", f"not a kh, git or cd command: {command}"
        result = CliRunner().invoke(app, words[1:], catch_exceptions=False)
        output = result.stdout + result.stderr
    if head is not None:
        output = "".join(output.splitlines(keepends=True)[:head])
    return output.replace("\r\n", "\n")
