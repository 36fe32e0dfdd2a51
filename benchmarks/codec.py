"""Time the cache's format (khuyenhoc.read.codec): writing and reading back a file's records and
a checked plan, on the shipped plan and on a generated one. Prints one table.

    python benchmarks/generate.py 100000 /tmp/kh-100k
    /tmp/kh-bench/bin/python benchmarks/codec.py /tmp/kh-100k/data

Each figure is the median of --runs runs, with the garbage collector off as kh's loader runs
it. A read is what a command pays when the cache answers; a write, once after a file changed.
Then what each process pays once, before its first read: getting every record's writer and
reader, from codec_records.py as shipped, and made from the declarations (a stale file).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
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

    once(args.runs)


_ONCE = """
import time
from khuyenhoc.core.model import Parsed, Plan
from khuyenhoc.read import codec
if {made}:
    from khuyenhoc.read import codec_records
    codec_records.FIELDS.clear()  # as if written for other declarations: each record made now
start = time.perf_counter()  # codec_records imported in this time, as a run imports it
codec._codec(Parsed), codec._codec(Plan), codec._codec(codec._Errors)
print(time.perf_counter() - start)
"""


def once(runs: int) -> None:
    """The records' codecs, in fresh processes of the installed kh (compiled at install, as
    users get it; the source folder would be compiled each time where bytecode is not written)."""
    for made, label in ((False, "from codec_records.py"), (True, "made from the declarations")):
        code = _ONCE.format(made=made)
        run = [sys.executable, "-c", code]
        times = [float(subprocess.check_output(run, cwd=Path.home(), text=True)) for _ in range(runs)]
        print(f"codecs of every record, {label}: {statistics.median(times) * 1000:.1f} ms a process")


if __name__ == "__main__":
    main()
