"""How to write one edit into tasks.yaml: text splices guided by PyYAML marks (what kh does)
or a round trip through ruamel.yaml. Run by hand; needs ruamel.yaml in the same environment:

    .venv/bin/pip install ruamel.yaml && .venv/bin/python benchmarks/edit_strategies.py

It makes the same three edits both ways on the shipped plan (a 2021 completion of BGD-19,
the last task before a section comment; a note on BGD-04; the deadline of BGD-06) and prints
the lines added and removed, the comments and blank lines that moved away from the line they
stood before, and the median time of the three edits (load, change, dump).
"""

from __future__ import annotations

import difflib
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from khuyenhoc.core.model import Completion, Note
from khuyenhoc.write.edit import TaskFile

DATA = Path(__file__).resolve().parent.parent / "data"
TEXT = (DATA / "tasks.yaml").read_text(encoding="utf-8")
UNITS = (DATA / "units.yaml").read_text(encoding="utf-8")
EVIDENCE = "Thông tư 32/2021/TT-BGDĐT"
NOTE = "Đã gửi công văn đôn đốc"


def by_kh(text: str) -> str:
    for edit in (
        lambda tf: tf.done(tf.task("BGD-19"), Completion(date(2021, 11, 12), EVIDENCE), 2021),
        lambda tf: tf.note(tf.task("BGD-04"), Note(date(2026, 11, 22), NOTE)),
        lambda tf: tf.set_field(tf.task("BGD-06"), "due", "Quý III năm 2021"),
    ):
        text = edit(TaskFile(Path("tasks.yaml"), text.encode(), UNITS, "units.yaml")).data.decode()
    return text


def by_ruamel(text: str) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    doc = yaml.load(text)
    tasks = {t["id"]: t for t in doc["tasks"]}
    tasks["BGD-19"]["done"] = {2021: {"on": date(2021, 11, 12), "evidence": EVIDENCE}}
    tasks["BGD-04"]["notes"].append({"on": date(2026, 11, 22), "text": NOTE})
    tasks["BGD-06"]["due"] = "Quý III năm 2021"
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def diff_counts(before: str, after: str) -> tuple[int, int]:
    """(lines added, lines removed). The three edits add 7 lines and replace 1 (the old
    deadline): any other removed line is a line the strategy rewrote."""
    added = removed = 0
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("+") and not line.startswith("+++"):
            added += 1
        elif line.startswith("-") and not line.startswith("---"):
            removed += 1
    return added, removed


def moved(before: str, after: str) -> int:
    """Comments and blank lines that now stand before a different line than before the edit:
    a section heading or the blank line between two tasks that ended up inside a task."""

    def anchors(text: str) -> list[tuple[str, str]]:
        lines = text.splitlines()
        out = []
        for i, line in enumerate(lines):
            if not line.strip() or line.lstrip().startswith("#"):
                nxt = next((x for x in lines[i + 1 :] if x.strip() and not x.lstrip().startswith("#")), "")
                out.append((line, nxt))
        return out

    return sum(a != b for a, b in zip(anchors(before), anchors(after), strict=False))


def timed(fn, text: str, runs: int = 7) -> float:
    fn(text)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    print(f"python {sys.version.split()[0]}, tasks.yaml {len(TEXT.encode()) / 1024:.0f} KiB, 3 edits")
    print("expected: 7 lines added, 1 removed (the old deadline), no comment or blank line moved\n")
    print(f"{'strategy':<32}{'added':>7}{'removed':>9}{'moved':>7}{'ms (median of 7)':>19}")
    for name, fn in (("kh: splices at PyYAML marks", by_kh), ("ruamel.yaml round trip", by_ruamel)):
        try:
            after = fn(TEXT)
        except ImportError as exc:
            print(f"{name:<32}  not measured: {exc}")
            continue
        added, removed = diff_counts(TEXT, after)
        print(f"{name:<32}{added:>7}{removed:>9}{moved(TEXT, after):>7}{timed(fn, TEXT):>19.1f}")


if __name__ == "__main__":
    main()
