"""Compare the start-up of two or more installs of kh (two commits, say): where a run of
`kh list --overdue` on the shipped plan (warm cache) spends its time. Prints one table.

    git worktree add /tmp/kh-old OLD && python3 -m venv /tmp/v-old
    /tmp/v-old/bin/pip install -r /tmp/kh-old/requirements/run.txt && /tmp/v-old/bin/pip install --no-deps /tmp/kh-old
    (the same for the new commit, into /tmp/v-new), then
    python3 benchmarks/startup.py /tmp/v-old /tmp/v-new --runs 25

Each install runs in fresh processes, from a neutral folder (so that its own copy of kh is
imported, compiled at install as users get it), alternately with the others, so that a
machine whose speed drifts affects them alike. Per install, the medians of:
- import: `khuyenhoc.start` and the command line (Typer, rich…), in-process;
- first read: the process's first `load_plan` through the warm cache (with what a process
  makes once: the cache's codecs…), in-process;
- command: then the command itself (the plan read again, statuses, the table), in-process;
- process: the CPU time of a whole `kh list --overdue` process (the console script).
The process figure is the noisiest on a shared machine; the in-process ones tell where a
difference comes from.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "04/12/2026"

_PHASES = r"""
import contextlib, io, sys, time
t0 = time.perf_counter()
import khuyenhoc.start
from khuyenhoc.cli import main
t1 = time.perf_counter()
from pathlib import Path
from khuyenhoc.read.loader import load_plan
load_plan(Path(DATA))
t2 = time.perf_counter()
sys.argv = ["kh", "list", "--overdue", "--today", TODAY, "--data", DATA]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print(t1 - t0, t2 - t1, time.perf_counter() - t2)
"""


def phases(venv: Path, data: Path, folder: Path) -> list[float]:
    code = _PHASES.replace("TODAY", repr(TODAY)).replace("DATA", repr(str(data)))
    out = subprocess.run([str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, cwd=folder)
    if out.returncode:
        raise SystemExit(f"{venv}: {out.stderr.strip()}")
    return [float(x) for x in out.stdout.split()]


def process_cpu(venv: Path, data: Path, folder: Path) -> float:
    argv = [str(venv / "bin" / "kh"), "list", "--overdue", "--today", TODAY, "--data", str(data)]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("venvs", nargs="+", type=Path, help="virtual environments with kh installed")
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        datas = {}
        os.environ["KH_CACHE_DIR"] = str(folder / "cache")
        for n, venv in enumerate(args.venvs):  # a plan each: caches of different formats apart
            datas[venv] = shutil.copytree(ROOT / "data", folder / f"data-{n}")
            phases(venv, datas[venv], folder)  # the cache filled, the OS's file cache warm
        figures: dict[Path, list[list[float]]] = {v: [[], [], [], []] for v in args.venvs}
        for _ in range(args.runs):
            for venv in args.venvs:
                values = [*phases(venv, datas[venv], folder), process_cpu(venv, datas[venv], folder)]
                for column, value in zip(figures[venv], values, strict=True):
                    column.append(value)
    print(f"| median of {args.runs}, ms | import | first read | command | process (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for venv, columns in figures.items():
        print(f"| {venv} | " + " | ".join(f"{statistics.median(c) * 1000:.1f}" for c in columns) + " |")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
