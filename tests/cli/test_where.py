"""khuyenhoc.cli.where: which plan a command reads. --data, else $KH_DATA, else the nearest
data/ upward, else the plan bundled with kh, said on stderr; a folder found by the search is
passed over when another user owns it or anyone may write it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khuyenhoc.cli.where import find_data
from khuyenhoc.read import paths
from khuyenhoc.read.loader import DataLocationError
from khuyenhoc.words.i18n import set_lang, t

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
OTHER_UID = 65534  # "nobody"


def _plan(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "tasks.yaml").write_text("tasks: []\n")
    return folder


def test_data_then_kh_data_then_the_nearest_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    near, named, env = _plan(tmp_path / "work" / "data"), _plan(tmp_path / "named"), _plan(tmp_path / "env")
    (tmp_path / "work" / "sub").mkdir()
    monkeypatch.delenv("KH_DATA", raising=False)
    assert find_data(None, cwd=tmp_path / "work" / "sub") == near
    assert find_data(None, cwd=tmp_path / "work") == Path("data")  # as the user would type it
    monkeypatch.setenv("KH_DATA", str(env))
    assert find_data(None, cwd=tmp_path / "work") == env
    assert find_data(str(named), cwd=tmp_path / "work") == named
    assert find_data(str(tmp_path / "work"), cwd=tmp_path) == near  # a tracking folder named by its root


def test_no_plan_above_reads_the_bundled_one_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KH_DATA", raising=False)
    set_lang("en")
    try:
        assert find_data(None, cwd=tmp_path) == paths.bundled_data()
    finally:
        set_lang("vi")
    assert "no data/ here or above: reading the plan bundled with kh" in capsys.readouterr().err


def test_an_installation_without_its_plan_asks_for_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> Path:
        raise DataLocationError(t("the bundled plan is missing from this installation"))

    monkeypatch.delenv("KH_DATA", raising=False)
    monkeypatch.setattr(paths, "bundled_data", missing)
    set_lang("en")
    try:
        with pytest.raises(DataLocationError) as caught:
            find_data(None, cwd=tmp_path)
        assert str(caught.value) == "the bundled plan is missing from this installation; use --data DIR"
    finally:
        set_lang("vi")


def test_a_folder_anyone_may_write_is_not_adopted_by_the_search(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "data").mkdir(parents=True)
    (shared / "data" / "tasks.yaml").write_text("tasks: []\n")
    (shared / "data").chmod(0o777)
    (shared / "work").mkdir()
    found = find_data(None, cwd=shared / "work")
    assert found != shared / "data"
    assert find_data(str(shared / "data")) == shared / "data"  # chosen explicitly: read


@pytest.mark.skipif(not ROOT, reason="a folder of another user takes root to make")
def test_another_user_s_data_folder_is_not_adopted_by_the_search(tmp_path: Path, capsys) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tasks.yaml").write_text("tasks: []\n")
    os.chown(tmp_path / "data", OTHER_UID, OTHER_UID)
    (tmp_path / "work").mkdir()
    assert find_data(None, cwd=tmp_path / "work") != tmp_path / "data"
    assert "belongs to another user" in capsys.readouterr().err or "thuộc người dùng khác" in capsys.readouterr().err
