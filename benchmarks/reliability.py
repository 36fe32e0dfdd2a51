"""Probes of kh under load, faults and other users, with figures (not a test: it prints).

    .venv/bin/python benchmarks/reliability.py [--writers 40] [--kills 100] [--plants 100]

- writers: N concurrent `kh note` on the shipped plan (different tasks, and all on one task),
  with the window between kh's check and its rename widened (KH_TEST_PAUSE_BEFORE_RENAME);
  counts the runs that failed and the notes lost.
- kills: `kh note` killed with SIGKILL at random moments; counts files left unreadable and
  temporary files left behind after the next run.
- plants: every cache entry replaced with a pickle that would create a file when loaded (under
  the entry's key, with a matching checksum, and as an entry of the old pickle format), then
  `kh list`; counts the runs in which it ran, and the runs whose output changed.
Run it from a virtual environment's own python (not a shim): it starts many processes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TASKS = [f"BGD-{n:02d}" for n in range(1, 20) if n not in (3, 9)] + ["BGD-III.2", "BGD-III.3", "BGD-III.4"]


def kh(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "khuyenhoc", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "KH_TODAY": "2026-11-22", **(env or {})},
    )


def fresh(tmp: Path, name: str) -> Path:
    folder = tmp / name
    shutil.copytree(DATA, folder)
    return folder


def writers(tmp: Path, n: int, one_task: bool) -> tuple[int, int, float]:
    data = fresh(tmp, f"writers-{n}-{one_task}")
    notes = [(TASKS[0] if one_task else TASKS[i % len(TASKS)], f"ghi chú {i}") for i in range(n)]
    start = time.perf_counter()
    env = {"KH_TEST_PAUSE_BEFORE_RENAME": "0.02", "KH_LOCK_TIMEOUT": "300"}
    runs = [kh("note", task, text, "--data", str(data), env=env) for task, text in notes]
    failed = sum(p.wait() != 0 for p in runs)
    elapsed = time.perf_counter() - start
    text = (data / "tasks.yaml").read_text(encoding="utf-8")
    lost = sum(note not in text for _, note in notes)
    return failed, lost, elapsed


def kills(tmp: Path, n: int) -> tuple[int, int]:
    data = fresh(tmp, "kills")
    broken = 0
    for i in range(n):
        p = kh("note", TASKS[i % len(TASKS)], f"k{i}", "--data", str(data), env={"KH_NO_CACHE": "1"})
        time.sleep(random.uniform(0.0, 0.4))
        p.kill()
        p.wait()
        check = subprocess.run([sys.executable, "-m", "khuyenhoc", "check", "--data", str(data)], capture_output=True)
        broken += check.returncode != 0
    kh("note", TASKS[0], "after", "--data", str(data)).wait()  # cleans what the kills left
    left = len(list(data.glob(".*.tmp")))
    return broken, left


class Payload:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


def plants(tmp: Path, n: int) -> tuple[int, int]:
    data = fresh(tmp, "plants")
    cache = tmp / "cache"
    env = {"KH_CACHE_DIR": str(cache)}
    expected = subprocess.run(
        [sys.executable, "-m", "khuyenhoc", "list", "--all", "--data", str(data)],
        capture_output=True,
        env={**os.environ, **env, "KH_TODAY": "2026-11-22"},
    ).stdout
    ran = changed = 0
    for i in range(n):
        marker = tmp / f"ran-{i}"
        evil = pickle.dumps(Payload(str(marker)))
        for entry in cache.iterdir():
            if entry.suffix == ".json":
                key = entry.stem.encode()
                body = evil  # under the entry's own key, with a checksum that matches
                checksum = hashlib.blake2b(body, digest_size=20).hexdigest().encode()
                entry.write_bytes(b"kh-cache-json\n" + key + b"\n" + checksum + b"\n" + body)
                entry.with_suffix(".pickle").write_bytes(b"kh-cache\n" + key + evil)
        out = subprocess.run(
            [sys.executable, "-m", "khuyenhoc", "list", "--all", "--data", str(data)],
            capture_output=True,
            env={**os.environ, **env, "KH_TODAY": "2026-11-22"},
        ).stdout
        ran += marker.exists()
        changed += out != expected
    return ran, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=40)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--plants", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for one in (False, True):
            failed, lost, elapsed = writers(tmp, args.writers, one)
            where = "one task" if one else "different tasks"
            print(f"{args.writers} concurrent writers ({where}): {failed} failed, {lost} notes lost, {elapsed:.1f} s")
        broken, left = kills(tmp, args.kills)
        print(
            f"{args.kills} writers killed (SIGKILL): {broken} times the data failed kh check, "
            f"{left} temporary files left"
        )
        ran, changed = plants(tmp, args.plants)
        print(f"{args.plants} planted cache entries: {ran} ran code, {changed} changed the output")


if __name__ == "__main__":
    main()
