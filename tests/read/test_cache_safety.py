"""No cache file, whatever its origin or content, runs code or changes what kh shows."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from khuyenhoc.read.cache import MAGIC, Cache, _checksum
from khuyenhoc.read.loader import load_dir

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
OTHER_UID = 65534  # "nobody"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KH_CACHE_DIR", str(folder))
    return folder


class Payload:
    """A pickle that, when loaded, creates a file: the proof that an entry ran code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".json")


def forge(entry: Path, payload: bytes) -> None:
    """Rewrite an entry with its own key and a checksum that matches the new payload."""
    key = entry.name.removesuffix(".json").encode()
    entry.write_bytes(MAGIC + key + b"\n" + _checksum(payload) + b"\n" + payload)


def test_a_planted_pickle_runs_nothing(data_dir: Path, cache_dir: Path, tmp_path: Path) -> None:
    expected, _ = load_dir(data_dir)
    marker = tmp_path / "ran"
    evil = pickle.dumps(Payload(marker))
    for entry in entries(cache_dir):
        forge(entry, evil)  # right key, right checksum: only the format stands in the way
        entry.with_suffix(".pickle").write_bytes(b"kh-cache\n" + entry.stem.encode() + evil)  # the old format
    plan, errors = load_dir(data_dir)
    assert not marker.exists()
    assert plan == expected and errors == []


def test_a_changed_byte_is_seen_and_the_files_read_again(data_dir: Path, cache_dir: Path) -> None:
    expected, _ = load_dir(data_dir)
    for entry in entries(cache_dir):
        data = entry.read_bytes()
        entry.write_bytes(data.replace("Đề án".encode(), "Đề ăn".encode(), 1))
    plan, _ = load_dir(data_dir)
    assert plan == expected


def test_a_link_in_the_folder_is_never_followed(data_dir: Path, cache_dir: Path, tmp_path: Path) -> None:
    expected, _ = load_dir(data_dir)
    outside = tmp_path / "outside"
    outside.mkdir()
    for entry in entries(cache_dir):
        # A well-formed entry that changes a title, kept outside and linked in.
        target = outside / entry.name
        target.write_bytes(entry.read_bytes())
        forge(target, target.read_bytes().split(b"\n", 2)[2].replace("Đề án".encode(), "ĐỀ ÁN GIẢ".encode()))
        entry.unlink()
        entry.symlink_to(target)
    victim = outside / ("0" * 40 + ".pickle")  # the user's own file elsewhere, named like an old entry
    victim.write_bytes(b"mine")
    (cache_dir / victim.name).symlink_to(victim)
    plan, _ = load_dir(data_dir)
    assert plan == expected
    assert victim.read_bytes() == b"mine"  # pruning removed the link, not what it points to
    assert all(p.read_bytes().startswith(MAGIC) for p in outside.glob("*.json"))


def test_the_folder_checked_is_the_folder_used(data_dir: Path, tmp_path: Path) -> None:
    """Swapping the folder for a link after kh opened it (the race that planted pickles)
    reaches nothing: every access goes through the folder kh opened and checked."""
    mine = tmp_path / "cache"
    cache = Cache.open(mine)
    assert cache is not None
    cache.put("a" * 40, "b" * 40)
    cache.flush()
    planted = tmp_path / "planted"
    planted.mkdir()
    mine.rename(tmp_path / "moved")
    mine.symlink_to(planted)
    (planted / ("a" * 40 + ".json")).write_bytes(b"anything")
    assert cache.get("a" * 40) == "b" * 40
    assert (planted / ("a" * 40 + ".json")).read_bytes() == b"anything"


def test_a_folder_others_may_write_is_not_used(data_dir: Path, cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    cache_dir.chmod(0o777)
    load_dir(data_dir)
    assert list(cache_dir.iterdir()) == []


@pytest.mark.skipif(not ROOT, reason="making files another user's takes root")
def test_folders_and_entries_of_another_user_are_not_used(data_dir: Path, cache_dir: Path) -> None:
    expected, _ = load_dir(data_dir)
    for entry in entries(cache_dir):
        forge(entry, entry.read_bytes().split(b"\n", 2)[2].replace("Đề án".encode(), "ĐỀ ÁN GIẢ".encode()))
        os.chown(entry, OTHER_UID, OTHER_UID)
    plan, _ = load_dir(data_dir)
    assert plan == expected
    os.chown(cache_dir, OTHER_UID, OTHER_UID)
    for entry in cache_dir.iterdir():
        entry.unlink()
    load_dir(data_dir)
    assert list(cache_dir.iterdir()) == []


def test_only_kh_s_own_files_are_pruned(data_dir: Path, cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    keep = [cache_dir / "notes.txt", cache_dir / "x.pickle", cache_dir / ("A" * 40 + ".json")]
    for path in keep:
        path.write_text("mine")
    old = cache_dir / ("1" * 40 + ".pickle")
    old.write_bytes(b"an entry of the old format")
    load_dir(data_dir)
    assert all(path.read_text() == "mine" for path in keep)
    assert not old.exists()


def _leaves(value: object, path: tuple = ()) -> list[tuple]:
    """The paths of every value in a JSON document (containers too)."""
    out = [path] if path else []
    if isinstance(value, list):
        for i, item in enumerate(value):
            out += _leaves(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            out += _leaves(item, (*path, key))
    return out


def _replaced(value: object, path: tuple, new: object) -> object:
    import copy

    value = copy.deepcopy(value)
    target = value
    for step in path[:-1]:
        target = target[step]  # type: ignore[index]
    target[path[-1]] = new  # type: ignore[index]
    return value


def _wrong(old: object) -> list[object]:
    """Values of other types than ``old`` (a negative position where a number was)."""
    if isinstance(old, bool):
        return [1, "true"]
    if isinstance(old, int):
        return ["1", -1, None]
    if isinstance(old, str):
        return [7, ["x"], {"d": "x"}]
    if old is None:
        return [7, [1]]
    return ["x", {"a": 1}]


def test_an_entry_with_wrongly_typed_fields_is_refused_and_the_files_read_again(
    data_dir: Path, cache_dir: Path
) -> None:
    """A checksum recomputed over fields of the wrong types (as a tool or a bug might write):
    kh reads the files again, and the plan is what they say."""
    import json
    import random

    expected = load_dir(data_dir)
    originals = {entry: entry.read_bytes() for entry in entries(cache_dir)}
    assert len(originals) >= 3  # the files' entries and the plan's
    rng = random.Random(7)
    tried = 0
    for entry, data in originals.items():
        body = json.loads(data.split(b"\n", 3)[3])
        paths = _leaves(body)
        for path in rng.sample(paths, min(150, len(paths))):
            old = body
            for step in path:
                old = old[step]
            for new in _wrong(old):
                forge(entry, json.dumps(_replaced(body, path, new), ensure_ascii=False).encode())
                assert load_dir(data_dir) == expected, (entry.name, path, old, new)
                tried += 1
        entry.write_bytes(data)
    assert tried > 1000


def test_kh_check_the_gate_reads_the_files_not_the_cache(kh, data_dir: Path, cache_dir: Path) -> None:
    """What the cache does not promise (its module says so): an entry forged by someone who can
    write as the user is read by other commands. The gate, kh check, never reads it."""
    import json

    tasks = data_dir / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("lead: [cuc-cntt]", "lead: [cuc-khong-co]", 1))
    assert kh("check").code == 1  # the truth: an unknown unit
    assert kh("list").code == 1  # which fills the cache
    for entry in entries(cache_dir):  # every entry made to say "no problem"
        body = json.loads(entry.read_bytes().split(b"\n", 3)[3])
        if body[0] == "plan":  # ["plan", table, the plan's fields, its problems]
            body[3] = []
        elif body[0] == "file":  # ["file", table, the fields of Parsed: documents, tasks, units, errors, …]
            body[2][3] = []
        forge(entry, json.dumps(body, ensure_ascii=False).encode())
    assert kh("list").code == 0  # a command that reads the cache is fooled
    result = kh("check")
    assert result.code == 1 and "cuc-khong-co" in result.stdout
