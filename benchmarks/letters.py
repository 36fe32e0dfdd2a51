"""Letters that chase every late commune, at national scale.

    /tmp/kh-bench/bin/python benchmarks/letters.py [--runs 3]

The plan of benchmarks/members.py: the shipped one, plus the 3,321 communes as members of a
collective owing four yearly duties (half of them have recorded 2020–2025). On its day
(22/11/2026) every commune is late, so `kh remind --unit ubnd-xa --each` writes one Word
letter to each (3,321 files and the index); the same as e-mail messages with the Word letter
attached; and the grouped letter (one công văn, the 3,321 communes in its annex). Each row:
the median wall time of the runs, the peak resident memory, what was written. Goal (issue 23):
the 3,321 Word letters in under 30 s, under 300 MiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from members import generate  # the plan with the communes' duties
from run import TODAY, run  # the benchmarks' shared helpers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kh-bench")
    args = parser.parse_args()
    kh = Path(sys.executable).parent / "kh"
    if not kh.exists():
        raise SystemExit(f"no kh beside {sys.executable}: install kh in this virtual environment")
    plan = args.work / "plan-members"
    generate(plan)
    out = args.work / "letters"
    env = {**os.environ, "KH_TODAY": TODAY, "KH_CACHE_DIR": str(args.work / "letters-cache")}
    env.pop("KH_NO_CACHE", None)
    data = ["--data", str(plan / "data")]
    cases = {
        "one Word letter per late commune (--each)": ["--unit", "ubnd-xa", "--each"],
        "one e-mail per late commune, its Word letter attached (-f eml --each)": ["--unit", "ubnd-xa", "--each",
                                                                                   "-f", "eml"],
        "one grouped Word letter, the communes in its annex": ["--unit", "ubnd-xa"],
    }  # fmt: skip
    print(f"# letters to every late commune, {TODAY} (the plan's day), median of {args.runs} runs\n")
    print("| run | files written | MiB written | wall s | ms a letter | peak MiB |")
    print("|---|---|---|---|---|---|")
    for name, extra in cases.items():
        walls, peaks = [], []
        for n in range(args.runs + 1):
            shutil.rmtree(out, ignore_errors=True)
            wall, peak, code = run([str(kh), "remind", *extra, "-o", str(out), *data], env)
            if code != 0:
                raise SystemExit(f"kh remind {' '.join(extra)} exited {code}")
            if n:  # the first run fills kh's cache and the OS's
                walls.append(wall)
                peaks.append(peak)
        files = list(out.iterdir())
        letters = len(files) - 1  # and the index
        size = sum(f.stat().st_size for f in files) / 2**20
        wall = statistics.median(walls)
        each = f"{1000 * wall / letters:.1f}" if letters > 1 else "–"
        print(f"| {name} | {letters:,} + index | {size:.1f} | {wall:.1f} | {each} | {max(peaks):.0f} |")


if __name__ == "__main__":
    main()
