"""Time the cache's format (khuyenhoc.read.codec): writing and reading back a file's records and
a checked plan, on the shipped plan and on a generated one. Prints one table.

    python benchmarks/generate.py 100000 /tmp/kh-100k
    /tmp/kh-bench/bin/python benchmarks/codec.py /tmp/kh-100k/data

Each figure is the median of --runs runs, with the garbage collector off as kh's loader runs
it. A read is what a command pays when the cache answers; a write, once after a file changed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khuyenhoc.core.model import Parsed  # noqa: E402
from khuyenhoc.read import codec  # noqa: E402
from khuyenhoc.read.loader import load_dir  # noqa: E402


def timed(f: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        gc.disable()
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="plan folders (default: the shipped plan)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'plan':28} {'entry':8} {'tasks':>7} {'write ms':>9} {'read ms':>8} {'size kB':>8}")
    for folder in [ROOT / "data", *args.folders]:
        plan, errors = load_dir(folder, use_cache=False)
        values = {"file": Parsed([], list(plan.tasks), [], []), "plan": (plan, errors)}
        for kind, value in values.items():
            write_ms, data = timed(lambda value=value: codec.dumps(value), args.runs)
            read_ms, back = timed(lambda data=data: codec.loads(data), args.runs)
            assert back == value, "the entry does not read back as written"
            name = "shipped" if folder == ROOT / "data" else str(folder)[-28:]
            print(f"{name:28} {kind:8} {len(plan.tasks):7} {write_ms:9.1f} {read_ms:8.1f} {len(data) / 1000:8.0f}")


if __name__ == "__main__":
    main()
