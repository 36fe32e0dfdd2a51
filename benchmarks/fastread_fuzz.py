"""Differential fuzz of the fast reader (khuyenhoc/read/fastread.py) against the node reader (PyYAML):
on every input, the fast reader must read exactly the node reader's records, lines included,
or decline. Not a test: it prints figures (benchmarks/RESULTS.md keeps the last ones).

    .venv/bin/python benchmarks/fastread_fuzz.py [--files 20000] [--large 200] [--seed 1]

- files: a task block of the shipped plan with one to three insertions of one to three
  characters (printable ASCII, YAML 1.1's other line breaks, a BOM, a zero-width space,
  Vietnamese letters), half of them where a value starts (after ": ", "- ", ", ", "[", "{");
  read by both readers as a part of a tasks file.
- large: a tasks file above the fast reader's threshold (256 KiB) with one such insertion
  anywhere (the documents section and comments too), read through the loader's parsing with
  the fast reader and with KH_YAML=pyyaml: the records, their lines and every message must be
  the same.
Prints how many inputs each reader read, how many the fast reader declined, and the
differences (0 expected), with the first few shown.
"""

from __future__ import annotations

import argparse
import os
import random
import string
import sys
import time
from pathlib import Path

from khuyenhoc.read import fastread, parts
from khuyenhoc.read.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
ALPHABET = [*string.printable, "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u00a0", "é", "ệ", "Đ", "…"]


def mutate(text: str, rng: random.Random, at_values: bool) -> str:
    for _ in range(rng.randint(1, 3)):
        pos = rng.randrange(len(text))
        if at_values:
            spots = [i for i in range(2, len(text)) if text[i - 2 : i] in (": ", "- ", ", ") or text[i - 1] in "[{"]
            pos = rng.choice(spots) if spots else pos
        text = text[:pos] + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 3))) + text[pos:]
    return text


def blocks(plan: str) -> list[str]:
    """The shipped plan's task items, one text each."""
    items = plan[plan.index("tasks:\n") + len("tasks:\n") :].split("\n  - id:")
    return ["  - id:" + item.rstrip("\n") + "\n" for item in items[1:]]


def part_check(text: str) -> str:
    fast = fastread.read_items(text, "tasks.yaml")
    if fast is None:
        return "declined"
    node = parse_file("tasks", "tasks.yaml", text, main=False)
    if node.errors or [(t.line, t.__dict__) for t in node.tasks] != [(t.line, t.__dict__) for t in fast]:
        return "different"
    return "read fast"


def file_reading(data: bytes, pyyaml: bool) -> tuple[list, list]:
    if pyyaml:
        os.environ["KH_YAML"] = "pyyaml"
    else:
        os.environ.pop("KH_YAML", None)
    (parsed,) = parts.parse_many([("tasks", "tasks.yaml", True, data)])
    return [(t.line, t.__dict__) for t in parsed.tasks], [str(e) for e in parsed.errors]


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--files", type=int, default=20_000)
    args.add_argument("--large", type=int, default=200)
    args.add_argument("--seed", type=int, default=1)
    opts = args.parse_args()
    if fastread.ryml is None:
        sys.exit("the rapidyaml wheel is not installed: there is no fast reader to compare")
    rng = random.Random(opts.seed)
    plan = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    items = blocks(plan)

    counts = {"read fast": 0, "declined": 0, "different": 0}
    shown: list[str] = []
    start = time.perf_counter()
    for n in range(opts.files):
        text = "tasks:\n" + mutate(rng.choice(items), rng, at_values=n % 2 == 0)
        outcome = part_check(text)
        counts[outcome] += 1
        if outcome == "different" and len(shown) < 5:
            shown.append(text)
    parts_time = time.perf_counter() - start

    large = {"same": 0, "different": 0}
    head = plan[: plan.index("tasks:\n") + len("tasks:\n")]
    body = "".join(items) * (parts.FAST_BYTES // len("".join(items).encode()) + 1)
    start = time.perf_counter()
    for _ in range(opts.large):
        text = mutate(head + body, rng, at_values=False)
        data = text.encode("utf-8")
        same = file_reading(data, pyyaml=False) == file_reading(data, pyyaml=True)
        large["same" if same else "different"] += 1
        if not same and len(shown) < 5:
            shown.append(text[:300])
    large_time = time.perf_counter() - start
    os.environ.pop("KH_YAML", None)

    total = sum(counts.values())
    print(f"parts: {total} inputs in {parts_time:.1f} s")
    for outcome, n in counts.items():
        print(f"  {outcome:10} {n:7} ({100 * n / total:.1f}%)")
    kib = parts.FAST_BYTES // 1024
    print(f"large files (≥ {kib} KiB, fast reader vs KH_YAML=pyyaml): {opts.large} in {large_time:.1f} s")
    for outcome, n in large.items():
        print(f"  {outcome:10} {n:7}")
    for text in shown:
        print("\n--- a difference:\n" + repr(text)[:800])
    sys.exit(1 if counts["different"] or large["different"] else 0)


if __name__ == "__main__":
    main()
