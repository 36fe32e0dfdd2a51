"""Cold start at 10^5 occurrences, interleaved with Taskwarrior, and the parser's floor.

    /tmp/kh-bench/bin/python benchmarks/cold.py [--runs 5]

Run from a virtual environment's own python with kh installed in it (not editable), and
Taskwarrior installed (Debian package `taskwarrior`). In each round, one after the other:
kh `list --overdue --format csv` on one 32 MB tasks.yaml with kh's cache emptied; the same
on the plan in 34 files; the 34-file plan after one file changed (the cache holds the others,
as after a `git pull`); the same warm; and `task overdue` on the same occurrences. Medians of
the rounds, with the peak resident memory of the largest process (a background cache writer
is not waited for: it starts once the command has what it needs, see khuyenhoc/read/cache.py).

The floor: the time to compose the one-file plan's YAML nodes with PyYAML's C parser; with
the `rapidyaml` wheel, to build rapidyaml's tree of the same bytes, to have it as plain Python
values (the tree written as JSON, read by Python's json), and kh's fast reader's records of the
file on one core. A row runs kh cold with PyYAML alone (`KH_YAML=pyyaml`), as where the wheel
is missing.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import TODAY, run, taskwarrior  # the benchmarks' shared helpers

ROOT = Path(__file__).resolve().parent.parent


def floor(tasks_yaml: Path) -> list[str]:
    data = tasks_yaml.read_bytes()
    out = []
    import yaml

    gc.disable()
    start = time.perf_counter()
    loader = yaml.CSafeLoader(data.decode("utf-8"))
    loader.get_single_node()
    loader.dispose()
    out.append(
        f"PyYAML {yaml.__version__} C parser, compose the nodes of tasks.yaml: {time.perf_counter() - start:.2f} s"
    )
    gc.enable()
    try:
        import ryml  # type: ignore[import-not-found]
    except ImportError:
        out.append("rapidyaml: not installed (pip install rapidyaml to measure its floor)")
        return out
    import json

    gc.disable()
    start = time.perf_counter()
    tree = ryml.parse_in_arena(data)
    tree_s = time.perf_counter() - start
    out.append(f"rapidyaml, the tree of the same bytes (no Python object per node): {tree_s:.2f} s")
    start = time.perf_counter()
    text = ryml.emit_json_malloc(tree, tree.root_id())
    emit_s = time.perf_counter() - start
    start = time.perf_counter()
    json.loads(text)
    loads_s = time.perf_counter() - start
    out.append(
        f"rapidyaml's tree written as JSON {emit_s:.2f} s, read by Python's json {loads_s:.2f} s: plain values of the "
        f"whole file in {tree_s + emit_s + loads_s:.2f} s (what khuyenhoc/read/fastread.py builds records from)"
    )
    from khuyenhoc.read import fastread

    whole = data.decode("utf-8")
    start = time.perf_counter()
    for offset, begin, end in pieces(whole):
        fastread.read_items("tasks:\n" + whole[begin:end], "tasks.yaml", offset)
    out.append(f"kh's fast reader, every record of the file on one core: {time.perf_counter() - start:.2f} s")
    gc.enable()
    return out


def pieces(text: str) -> list[tuple[int, int, int]]:
    from khuyenhoc.read.parts import split_tasks

    found = split_tasks(text, least=1)
    if found is None:
        raise SystemExit("the generated tasks.yaml is not one block list")
    return found[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kh-bench")
    args = parser.parse_args()
    kh = Path(sys.executable).parent / "kh"
    if not kh.exists():
        raise SystemExit(f"no kh beside {sys.executable}: install kh in this virtual environment")
    plans = {}
    for split in (False, True):
        folder = args.work / ("plan-100000-split" if split else "plan-100000")
        if not (folder / "data" / "tasks.yaml").exists():
            gen = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "100000", str(folder)]
            subprocess.run(gen + (["--split"] if split else []), check=True, capture_output=True)
        plans[split] = folder
    tw = taskwarrior(plans[True] / "data", plans[True] / "taskwarrior.json")
    if tw is None:
        raise SystemExit("Taskwarrior is not installed (Debian package taskwarrior)")
    tw_argv, tw_env = tw
    cache = args.work / "cold-cache"
    env = {**os.environ, "KH_TODAY": TODAY, "KH_CACHE_DIR": str(cache)}
    env.pop("KH_NO_CACHE", None)

    def kh_argv(folder: Path) -> list[str]:
        return [str(kh), "list", "--overdue", "--format", "csv", "--data", str(folder / "data")]

    changed = plans[True] / "data" / "tasks.d" / "p07.yaml"
    rows: dict[str, list[tuple[float, float]]] = {}

    def note(name: str, figures: tuple[float, float, int]) -> None:
        wall, peak, code = figures
        if code not in (0, 1):
            raise SystemExit(f"{name} exited {code}")
        rows.setdefault(name, []).append((wall, peak))

    for n in range(args.runs + 1):
        shutil.rmtree(cache, ignore_errors=True)
        one = run(kh_argv(plans[False]), env)
        time.sleep(2)  # let the background cache writer finish before the next run
        shutil.rmtree(cache, ignore_errors=True)
        split = run(kh_argv(plans[True]), env)
        time.sleep(2)
        changed.write_text(changed.read_text(encoding="utf-8") + f"# round {n}\n", encoding="utf-8")
        one_changed = run(kh_argv(plans[True]), env)
        time.sleep(2)
        warm = run(kh_argv(plans[True]), env)
        shutil.rmtree(cache, ignore_errors=True)
        pyyaml = run(kh_argv(plans[True]), {**env, "KH_YAML": "pyyaml"})
        time.sleep(2)
        task = run(tw_argv, tw_env)
        if n:  # the first round warms the OS's file cache
            note("kh cold, 100k in 1 file", one)
            note("kh cold, 100k in 34 files", split)
            note("kh, one of 34 files changed", one_changed)
            note("kh warm, 100k in 34 files", warm)
            note("kh cold, 100k in 34 files, PyYAML alone (KH_YAML=pyyaml)", pyyaml)
            note("task overdue (Taskwarrior)", task)
    tw_median = statistics.median(w for w, _ in rows["task overdue (Taskwarrior)"])
    print(f"# cold start at 10^5, {time.strftime('%Y-%m-%d')}, median of {args.runs} interleaved rounds\n")
    print("| run | wall s | peak MiB | / Taskwarrior |")
    print("|---|---|---|---|")
    for name, figures in rows.items():
        wall = statistics.median(w for w, _ in figures)
        peak = max(p for _, p in figures)
        print(f"| {name} | {wall:.2f} | {peak:.0f} | {wall / tw_median:.2f} × |")
    print()
    for line in floor(plans[False] / "data" / "tasks.yaml"):
        print(f"- {line}")


if __name__ == "__main__":
    main()
