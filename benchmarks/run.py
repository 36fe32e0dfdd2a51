"""Time whole kh processes on the shipped plan and on generated plans; print one table.

Run by hand (not in CI), from a virtual environment's own python, with kh installed in it as
a user gets it (not editable: an editable install adds an import hook to every start):

    python3 -m venv /tmp/kh-bench && /tmp/kh-bench/bin/pip install .
    /tmp/kh-bench/bin/python benchmarks/run.py            # about 10 minutes on 2 cores

For each command: the median wall time of --runs runs after a warm-up, "cold" (an empty
cache: the YAML is parsed) and "warm" (the second run onwards: the cache answers), and the
peak resident memory of the largest process. The floor is `python -c "import typer, yaml"`.
When Taskwarrior is installed (Debian package `taskwarrior`), `task overdue` runs on the
same occurrences (one Taskwarrior task per occurrence, done ones completed).
Record the output in benchmarks/RESULTS.md with the date and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MiB, exit code) of one process, its output thrown away."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr:
        proc.stderr.close()
    return wall, usage.ru_maxrss / 1024, proc.returncode


def measure(argv: list[str], env: dict[str, str], runs: int, cold_cache: Path | None = None) -> tuple[float, float]:
    """Median wall time and peak memory. With cold_cache, the cache folder is emptied before each run."""
    times, peaks = [], []
    for n in range(runs + 1):
        if cold_cache is not None:
            shutil.rmtree(cold_cache, ignore_errors=True)
        wall, peak, code = run(argv, env)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} exited {code}")
        if n:  # the first run warms the OS's file cache (and kh's cache, for warm runs)
            times.append(wall)
            peaks.append(peak)
    return statistics.median(times), max(peaks)


def interleaved(kh: Path, floor_argv: list[str], env: dict[str, str], runs: int) -> None:
    """The shipped plan's commands, each run alternately with the floor, so that a machine
    whose speed drifts affects both alike; the ratio is of the two medians."""
    print("| command (shipped plan, warm cache) | kh s | floor s | ratio |")
    print("|---|---|---|---|")
    for label, argv in (
        ("kh list --overdue", ["list", "--overdue"]),
        ("kh list --overdue --format csv", ["list", "--overdue", "--format", "csv"]),
        ("kh report 2021", ["report", "2021"]),
        ("kh check", ["check"]),
    ):
        full = [str(kh), *argv, "--data", str(ROOT / "data")]
        ours, base = [], []
        for n in range(runs + 1):
            a, _, _ = run(full, env)
            b, _, _ = run(floor_argv, env)
            if n:
                ours.append(a)
                base.append(b)
        o, f = statistics.median(ours), statistics.median(base)
        print(f"| `{label}` | {o:.3f} | {f:.3f} | {o / f:.2f} × floor |")


def taskwarrior(data: Path, tasks_json: Path) -> tuple[list[str], dict[str, str]] | None:
    task = shutil.which("task")
    if task is None:
        return None
    twdata = data.parent / "taskwarrior"
    rc = data.parent / "taskrc"
    rc.write_text(f"data.location={twdata}\nconfirmation=off\nverbose=nothing\nrecurrence=off\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(twdata)}
    if not (twdata / "pending.data").exists():
        twdata.mkdir(exist_ok=True)
        subprocess.run([task, "import", str(tasks_json)], env=env, check=True, capture_output=True)
    # Taskwarrior's own notion of today: faketime is not needed, the data is in the past
    return [task, "rc.gc=off", "overdue"], env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="occurrences of the generated plans")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (after a warm-up)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kh-bench")
    parser.add_argument("--single-file", action="store_true", help="only one-file plans (for kh before 1.0's tasks.d/)")
    parser.add_argument(
        "--shipped-only", action="store_true", help="only the shipped plan, each command interleaved with the floor"
    )
    args = parser.parse_args()

    bindir = Path(sys.executable).parent
    kh = bindir / "kh"
    if not kh.exists():
        raise SystemExit(f"no kh beside {sys.executable}: install kh in this virtual environment")
    args.work.mkdir(parents=True, exist_ok=True)
    cache = args.work / "cache"
    env = {**os.environ, "KH_TODAY": TODAY, "KH_CACHE_DIR": str(cache), "COLUMNS": "100"}
    env.pop("KH_NO_CACHE", None)

    print(f"# kh benchmark, {time.strftime('%Y-%m-%d')}")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(f"today pinned to {TODAY}; median of {args.runs} runs after a warm-up; peak RSS of the largest process\n")
    floor_argv = [sys.executable, "-c", "import typer, yaml"]
    if args.shipped_only:
        interleaved(kh, floor_argv, env, args.runs)
        return
    floor, floor_mem = measure(floor_argv, env, args.runs)
    print("| data | command | cold s | warm s | peak MiB (cold / warm) | ratio |")
    print("|---|---|---|---|---|---|")
    print(f'| – | floor: `python -c "import typer, yaml"` | {floor:.3f} | | {floor_mem:.0f} | 1.00 × floor |')

    commands = [
        ("kh list --overdue", ["list", "--overdue"]),
        ("kh list --overdue --format csv", ["list", "--overdue", "--format", "csv"]),
        ("kh report 2021", ["report", "2021"]),
        ("kh check", ["check"]),
    ]
    datasets: list[tuple[str, Path, Path | None]] = [("shipped plan", ROOT / "data", None)]
    for size in (int(s) for s in args.sizes.split(",")):
        layouts = (False,) if args.single_file else (False, True) if size >= 100_000 else (True,)
        for split in layouts:
            name = f"{size:,} occ." + (" (34 files)" if split else " (1 file)")
            folder = args.work / f"plan-{size}{'-split' if split else ''}"
            if not (folder / "data" / "tasks.yaml").exists():
                gen = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(size), str(folder)]
                subprocess.run(gen + (["--split"] if split else []), check=True, capture_output=True)
            datasets.append((name, folder / "data", folder / "taskwarrior.json"))

    per_occurrence: dict[str, float] = {}
    for name, data, tw_json in datasets:
        for label, argv in commands:
            full = [str(kh), *argv, "--data", str(data)]
            cold, cold_mem = measure(full, env, args.runs, cold_cache=cache)
            warm, warm_mem = measure(full, env, args.runs)
            ratio = f"{warm / floor:.2f} × floor" if name == "shipped plan" else ""
            print(f"| {name} | `{label}` | {cold:.3f} | {warm:.3f} | {cold_mem:.0f} / {warm_mem:.0f} | {ratio} |")
            if label == "kh list --overdue":
                per_occurrence[name] = warm
        if tw_json is not None:
            tw = taskwarrior(data, tw_json)
            if tw is not None:
                argv, tw_env = tw
                t, mem = measure(argv, tw_env, args.runs)
                ours = per_occurrence.get(name, 0)
                versus = f"kh warm / task = {ours / t:.2f}"
                print(f"| {name} | `task overdue` (Taskwarrior) | | {t:.3f} | {mem:.0f} | {versus} |")
    sys.stdout.flush()
    print("\nsizes of the generated plans:")
    for name, data, _ in datasets[1:]:
        size = sum(p.stat().st_size for p in data.rglob("*.yaml"))
        print(f"- {name}: {size / 2**20:.1f} MiB of YAML")


if __name__ == "__main__":
    main()
