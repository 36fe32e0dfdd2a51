"""Shared fixtures: the CLI runs in-process against a copy of the shipped plan, with a pinned
environment (no real clock, stable width, no colour)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


def _installed_kh() -> None:
    """The suite tests kh as installed (`pip install .`, or `-e .` while developing), never
    the checkout's source by accident: `python -m pytest` puts the checkout first on the import
    path, where a plain install would be shadowed by the files it was built from."""
    import importlib.metadata
    import json

    try:
        dist = importlib.metadata.distribution("khuyenhoc")
    except importlib.metadata.PackageNotFoundError:
        pytest.exit("kh is not installed: `pip install .` (or `pip install -e .`) first", returncode=2)
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    if not direct.get("dir_info", {}).get("editable"):
        here = {"", ".", str(ROOT)}
        sys.path[:] = [p for p in sys.path if p not in here and Path(p or ".").resolve() != ROOT]
    import khuyenhoc

    where = Path(khuyenhoc.__file__).resolve().parent
    # the checkout's own source, not a virtual environment inside the checkout (the README's .venv)
    if not direct.get("dir_info", {}).get("editable") and where == ROOT / "khuyenhoc":
        pytest.exit(f"the tests would import the checkout ({where}), not the installed kh", returncode=2)


_installed_kh()

from khuyenhoc.cli import app  # noqa: E402 (after the check above)
from khuyenhoc.words.i18n import set_lang  # noqa: E402

DATA = ROOT / "data"
TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"
SOURCES = ROOT / "docs" / "sources"  # the texts of both plans, as transcribed (docs/sources.md)


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kh-cache")


@pytest.fixture(autouse=True)
def _pinned_env(monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    for var in ("KH_DATA", "KH_TODAY", "KH_LANG", "KH_DEBUG", "KH_COMMIT", "KH_NO_CACHE", "KH_YAML"):
        monkeypatch.delenv(var, raising=False)
    for var in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("KH_CACHE_DIR", str(_cache_dir))  # never the user's own cache
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    # Core functions render messages in the run's language: the English templates, unless a test
    # (or a command it runs, through --lang, Vietnamese by default) says otherwise.
    set_lang("en")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped plan."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


class Result:
    def __init__(self, code: int, stdout: str, stderr: str):
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def __repr__(self) -> str:  # shown by pytest when an assertion fails
        return f"Result(code={self.code}, stdout={self.stdout[:2000]!r}, stderr={self.stderr[:2000]!r})"


@pytest.fixture
def kh(data_dir: Path):
    """Run `kh ARGS…` in-process; `--data` points at the private copy unless given."""

    def run(*args: str, data: Path | None = None, env: dict[str, str] | None = None) -> Result:
        argv = list(args)
        if "--data" not in argv and args and args[0] not in ("init", "divisions") and not args[0].startswith("-"):
            argv += ["--data", str(data or data_dir)]
        runner = CliRunner()
        result = runner.invoke(app, argv, env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME exactly; KH_UPDATE_GOLDEN=1 rewrites the file."""
    path = GOLDEN / name
    if os.environ.get("KH_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with KH_UPDATE_GOLDEN=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}"


# Hypothesis: a short run by default (CI); `HYPOTHESIS_PROFILE=thorough` for a long local run.
settings.register_profile("default", max_examples=150, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=3000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
