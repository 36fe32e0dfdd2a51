"""`kh check` on a large plan with errors: every error reported, each with its file and line.

Run by hand, from a virtual environment with kh installed (see run.py):

    /tmp/kh-bench/bin/python benchmarks/check_errors.py 100000

Generates the plan (34 files), breaks every 500th task (alternately an unknown unit and a
misspelt key), then times `kh check` (cold and warm cache) and checks that it reports exactly
the injected errors, each at the right file and line.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("occurrences", type=int, nargs="?", default=100_000)
    parser.add_argument("--every", type=int, default=500, help="break every Nth task")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kh-check-"))
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(args.occurrences), str(work), "--split"],
        check=True,
        capture_output=True,
    )
    data = work / "data"
    expected: set[tuple[str, int]] = set()
    n = 0
    for path in sorted((data / "tasks.d").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        first = added = 0  # added: lines inserted so far in this file
        for i, line in enumerate(lines):
            if line.startswith("  - id: "):
                n += 1
                first = i + 1 + added
            elif n % args.every == 0 and line.startswith("    lead: ["):
                if (n // args.every) % 2:  # an unknown unit: reported at the task's first line
                    lines[i] = "    lead: [khong-co-don-vi]"
                    expected.add((str(path), first))
                else:  # a misspelt key: reported at its own line
                    lines[i] = line + "\n    tittle: x"
                    expected.add((str(path), i + 2 + added))
                    added += 1
        path.write_text("\n".join(lines), encoding="utf-8")
    env = {**os.environ, "KH_CACHE_DIR": str(work / "cache")}
    kh = str(Path(sys.executable).parent / "kh")
    times = {}
    output = ""
    for label in ("cold", "warm", "warm"):
        if label == "cold":
            shutil.rmtree(work / "cache", ignore_errors=True)
        start = time.perf_counter()
        proc = subprocess.run([kh, "check", "--data", str(data)], env=env, capture_output=True, text=True)
        times.setdefault(label, []).append(time.perf_counter() - start)
        assert proc.returncode == 1, proc.stderr
        output = proc.stdout
    found = set()
    for line in output.splitlines():
        m = re.match(r"(.+?):(\d+): ", line)
        assert m, f"not path:line: {line}"
        found.add((m[1], int(m[2])))
    missing, extra = expected - found, found - expected
    print(f"{args.occurrences:,} occurrences, {n:,} tasks, {len(expected)} errors injected")
    print(f"kh check: {len(found)} reported, {len(missing)} missing, {len(extra)} unexpected")
    print(f"cold {times['cold'][0]:.2f} s, warm {statistics.median(times['warm']):.2f} s")
    shutil.rmtree(work)
    if missing or extra:
        raise SystemExit(f"mismatch: missing {sorted(missing)[:5]}, unexpected {sorted(extra)[:5]}")


if __name__ == "__main__":
    main()
