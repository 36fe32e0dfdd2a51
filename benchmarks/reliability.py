"""Probes of kh under load, faults and other users, with figures (not a test: it prints).

    .venv/bin/python benchmarks/reliability.py [--writers 40] [--kills 100] [--plants 100] [--git 30]

- writers: N concurrent `kh note` on the shipped plan (different tasks, and all on one task),
  with the window between kh's check and its rename widened (KH_TEST_PAUSE_BEFORE_RENAME);
  counts the runs that failed and the notes lost. Then the same with members' records
  (`kh done --member`: different members, then one member's file in each layout YAML allows:
  block, indentless, flow on one line and on several), and with `--commit` in a git repository
  (tasks and member files, two plans in one repository): the commits missing, the changes left
  uncommitted, git's lock files left.
- kills: `kh note` killed with SIGKILL at random moments, then `kh note --commit` with its whole
  process group killed; counts files left unreadable, temporary files and git lock files left
  behind after the next run.
- plants: every cache entry replaced with a pickle that would create a file when loaded (under
  the entry's key, with a matching checksum, and as an entry of the old pickle format), then
  with JSON whose fields have the wrong types (a matching checksum too), then `kh list`;
  counts the runs in which code ran, that failed, and whose output changed.
- outputs (as root): a link another user planted in a sticky folder under the name `kh remind`
  or `-o` writes; counts the targets replaced.
Run it from a virtual environment's own python (not a shim): it starts many processes.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import pickle
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


MEMBER_LAYOUTS = {
    "block": "member: {m}\nrecords:\n  - {r}\n",
    "indentless": "member: {m}\nrecords:\n- {r}\n",
    "flow, one line": "member: {m}\nrecords: [{r}]\n",
    "flow, several lines": "member: {m}\nrecords: [\n  {r}\n]\n",
}
FIRST = '{task: BGD-III.3-BC, year: 2021, date: 2021-10-20, evidence: "BC 2021"}'


def member_writers(tmp: Path, n: int, layout: str | None) -> tuple[int, int]:
    """n concurrent `kh done --member`: each a different member (layout None), or every year
    of one member whose file starts in ``layout``. Returns (failed, records lost)."""
    data = fresh(tmp, f"members-{layout}")
    provinces = [line.split("id: ")[1].split(",")[0] for line in (DATA / "units.d" / "tinh-34.yaml").read_text(
        encoding="utf-8").splitlines() if "{id: " in line]  # fmt: skip
    if layout is not None:
        (data / "members").mkdir()
        (data / "members" / "ha-noi.yaml").write_text(MEMBER_LAYOUTS[layout].format(m="ha-noi", r=FIRST), "utf-8")
        jobs = [("ha-noi", 2022 + i % 5, f"BC {i}") for i in range(min(n, 5))]
    else:
        jobs = [(provinces[i % len(provinces)], 2026, f"BC {i}") for i in range(min(n, len(provinces)))]
    env = {"KH_TEST_PAUSE_BEFORE_RENAME": "0.02", "KH_LOCK_TIMEOUT": "300"}
    runs = [
        kh("done", "BGD-III.3-BC", "--member", m, "--year", str(y), "--on", f"{y}-10-20", "-e", e, "--data", str(data),
           env=env)
        for m, y, e in jobs
    ]  # fmt: skip
    failed = sum(p.wait() != 0 for p in runs)
    text = "".join(p.read_text(encoding="utf-8") for p in (data / "members").glob("*.yaml"))
    lost = sum(f'"{e}"' not in text for _, _, e in jobs) + (layout is not None and '"BC 2021"' not in text)
    return failed, lost


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False).stdout


GIT_ENV = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
GIT_ENV |= {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER") for what, value in (("NAME", "kh"),
            ("EMAIL", "kh@x.vn"))}  # fmt: skip


def repository(tmp: Path, name: str, plans: int = 1) -> Path:
    root = tmp / name
    for i in range(plans):
        shutil.copytree(DATA, root / f"data{i or ''}")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "plan"]):
        subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, check=True)
    return root


def commit_writers(tmp: Path, n: int) -> tuple[int, int, int, int]:
    """n concurrent --commit writers: notes on tasks in two plans of one repository and members'
    records. Returns (failed, commits missing, paths left uncommitted, git lock files left)."""
    root = repository(tmp, "git-writers", plans=2)
    env = {**GIT_ENV, "KH_LOCK_TIMEOUT": "300", "KH_GIT_LOCK_WAIT": "120"}
    runs = []
    for i in range(n):
        folder = str(root / ("data" if i % 2 else "data1"))
        if i % 3 == 0:
            province = ["ha-noi", "cao-bang", "hue", "lang-son", "son-la", "nghe-an"][i % 6]
            args = ["done", "BGD-III.3-BC", "--member", province, "--year", str(2020 + i // 6), "--on",
                    f"{2020 + i // 6}-10-20", "-e", f"BC {i}"]  # fmt: skip
        else:
            args = ["note", TASKS[i % len(TASKS)], f"ghi chú {i}"]
        runs.append(kh(*args, "--commit", "--data", folder, env=env))
    failed = sum(p.wait() != 0 for p in runs)
    commits = int(git(root, "rev-list", "--count", "HEAD").strip() or 0) - 1
    dirty = len(git(root, "status", "--porcelain").splitlines())
    locks = len(list((root / ".git").glob("*.lock")))
    return failed, n - failed - commits, dirty, locks


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


def commit_kills(tmp: Path, n: int) -> tuple[int, int, int]:
    """`kh note --commit` whose whole process group is killed at a random moment. Returns (times
    the data failed kh check, git lock files left, runs after which the next --commit failed for
    another reason than the change the kill left uncommitted)."""
    root = repository(tmp, "git-kills")
    data = root / "data"
    env = {**GIT_ENV, "KH_NO_CACHE": "1"}
    broken = blocked = 0
    for i in range(n):
        args = ["note", TASKS[i % len(TASKS)], f"k{i}", "--commit", "--data", str(data)]
        p = subprocess.Popen(
            [sys.executable, "-m", "khuyenhoc", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, **env}, start_new_session=True,
        )  # fmt: skip
        time.sleep(random.uniform(0.05, 0.6))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        time.sleep(0.3)  # git, in a session of its own, finishes what it started
        check = subprocess.run([sys.executable, "-m", "khuyenhoc", "check", "--data", str(data)], capture_output=True)
        broken += check.returncode != 0
        git(root, "add", "-A")  # what a kill left written but not committed, as a user would
        subprocess.run(["git", "commit", "-q", "-m", "after a kill"], cwd=root, env={**os.environ, **env},
                       capture_output=True)  # fmt: skip
        after = kh("note", TASKS[0], f"after {i}", "--commit", "--data", str(data), env=env)
        blocked += after.wait() != 0
    locks = len(list((root / ".git").glob("*.lock")))
    return broken, locks, blocked


class Payload:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _forge(entry: Path, body: bytes) -> None:
    """An entry under its own key, with a checksum that matches."""
    checksum = hashlib.blake2b(body, digest_size=20).hexdigest().encode()
    entry.write_bytes(b"kh-cache-json\n" + entry.stem.encode() + b"\n" + checksum + b"\n" + body)


def _retyped(body: Any, rng: random.Random) -> Any:
    """The entry with one value somewhere replaced by one of another type."""
    path: list[Any] = []
    node = body
    while isinstance(node, (list, dict)) and node and rng.random() < 0.85:
        key = rng.randrange(len(node)) if isinstance(node, list) else rng.choice(list(node))
        path.append(key)
        node = node[key]
    if not path:
        return body
    new = {str: 7, int: "7", bool: 1, type(None): [1], list: "x", dict: "x"}.get(type(node), -1)
    if isinstance(node, int) and not isinstance(node, bool) and rng.random() < 0.5:
        new = -1
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return body


def plants(tmp: Path, n: int) -> tuple[int, int, int, int]:
    """Returns (pickles that ran, outputs changed by pickles, retyped entries that made kh fail,
    retyped entries that changed the output)."""
    import json

    data = fresh(tmp, "plants")
    cache = tmp / "cache"
    env = {**os.environ, "KH_CACHE_DIR": str(cache), "KH_TODAY": "2026-11-22"}

    def listing() -> subprocess.CompletedProcess[bytes]:
        args = [
            sys.executable,
            "-m",
            "khuyenhoc",
            "list",
            "--all",
            "--members",
            "--format",
            "json",
            "--data",
            str(data),
        ]
        return subprocess.run(args, capture_output=True, env=env)

    expected = listing().stdout
    ran = changed = 0
    for i in range(n):
        marker = tmp / f"ran-{i}"
        evil = pickle.dumps(Payload(str(marker)))
        for entry in cache.iterdir():
            if entry.suffix == ".json":
                _forge(entry, evil)
                entry.with_suffix(".pickle").write_bytes(b"kh-cache\n" + entry.stem.encode() + evil)
        ran += marker.exists() or bool(listing() and marker.exists())
        changed += listing().stdout != expected
    rng = random.Random(3)
    failed = retyped_changed = 0
    listing()  # entries of the current format again
    originals = {e: e.read_bytes() for e in cache.iterdir() if e.suffix == ".json"}
    for _ in range(n):
        for entry, raw in originals.items():
            _forge(entry, json.dumps(_retyped(json.loads(raw.split(b"\n", 3)[3]), rng)).encode())
        out = listing()
        failed += out.returncode != 0
        retyped_changed += out.stdout != expected
    return ran, changed, failed, retyped_changed


def outputs(tmp: Path, n: int) -> int | None:
    """Links another user planted in a sticky folder where kh writes; None without root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    shared = tmp / "sticky"
    shared.mkdir()
    shared.chmod(0o1777)
    replaced = 0
    for i in range(n):
        victim = tmp / f"victim-{i}"
        victim.write_text("mine")
        name = shared / ("don-doc-vu-gddh-2026-11-22.md" if i % 2 else f"bao-cao-{i}.md")
        name.unlink(missing_ok=True)
        name.symlink_to(victim)
        os.lchown(name, 65534, 65534)
        args = ["remind", "--unit", "vu-gddh", "-f", "md", "-o", str(shared)] if i % 2 else ["report", "2021", "-o",
                                                                                            str(name)]  # fmt: skip
        kh(*args, "--data", str(DATA)).wait()
        replaced += victim.read_text() != "mine"
    return replaced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=40)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--plants", type=int, default=100)
    parser.add_argument("--git", type=int, default=30, help="--commit writers, and --commit runs killed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for one in (False, True):
            failed, lost, elapsed = writers(tmp, args.writers, one)
            where = "one task" if one else "different tasks"
            print(f"{args.writers} concurrent writers ({where}): {failed} failed, {lost} notes lost, {elapsed:.1f} s")
        failed, lost = member_writers(tmp, args.writers, None)
        print(f"{min(args.writers, 34)} concurrent member writers (different members): {failed} failed, {lost} lost")
        for layout in MEMBER_LAYOUTS:
            failed, lost = member_writers(tmp, args.writers, layout)
            print(f"5 concurrent writers of one member's file ({layout}): {failed} failed, {lost} records lost")
        failed, missing, dirty, locks = commit_writers(tmp, args.git)
        print(
            f"{args.git} concurrent --commit writers (tasks and members, two plans in one repository): {failed} "
            f"failed, {missing} commits missing, {dirty} paths left uncommitted, {locks} git lock files left"
        )
        broken, left = kills(tmp, args.kills)
        print(
            f"{args.kills} writers killed (SIGKILL): {broken} times the data failed kh check, "
            f"{left} temporary files left"
        )
        broken, locks, blocked = commit_kills(tmp, args.git)
        print(
            f"{args.git} --commit runs killed with their process group (SIGKILL): {broken} times the data failed "
            f"kh check, {locks} git lock files left, {blocked} next --commit refused"
        )
        ran, changed, failed, retyped = plants(tmp, args.plants)
        print(f"{args.plants} planted pickles: {ran} ran code, {changed} changed the output")
        what = "cache rewrites with wrongly typed fields"
        print(f"{args.plants} {what}: {failed} made kh fail, {retyped} changed the output")
        replaced = outputs(tmp, 20)
        print("links planted by another user in a sticky folder: " + (
            "not run (needs root)" if replaced is None else f"20 tried, {replaced} targets replaced"))  # fmt: skip


if __name__ == "__main__":
    main()
