"""Plan files parsed together: a large tasks file in parts (:func:`split_tasks`), so that
memory is bounded by the part, and the parts and files on several cores when there is enough
to parse; the items of a tasks file of FAST_BYTES or more by the fast reader
(:mod:`khuyenhoc.read.fastread`) where it can, else by the node reader (:mod:`khuyenhoc.read.parse`).
Whatever the route, the records and the problems are those of the whole file read by the node
reader (tests/read/test_split.py, tests/read/test_fastread.py).
"""

from __future__ import annotations

import functools

from ..core.model import Parsed, Task, from_fields

PARALLEL_BYTES = 4 * 2**20  # below this, starting worker processes costs more than it saves
SPLIT_BYTES = 4 * 2**20  # a tasks file larger than this is parsed in parts of about PART_BYTES
PART_BYTES = 2 * 2**20
# The work of the forked workers, which inherit it without a copy through a pipe: the files'
# bytes, the texts of those parsed in parts, and the jobs (see parse_many).
_JOBS: list[tuple[str, str, bool, int, int, int]] = []
_FILES: dict[str, bytes] = {}
_TEXTS: dict[str, str] = {}


def split_tasks(text: str, size: int | None = None, least: int = 2) -> tuple[str, list[tuple[int, int, int]]] | None:
    """A large tasks file as a skeleton and parts, each parsed on its own: composing a YAML file
    builds a Python object per node, so a 30 MB file held 700 MB at once; its parts hold a few
    MB each, and the parts are parsed on several cores.

    The skeleton is the file with the items of ``tasks:`` blanked (lines kept, so every line
    number holds); each part is ``(offset, start, end)``: ``"tasks:\n" + text[start:end]``
    read as lines after ``offset``. Items are cut only where a line starts a new item at the
    list's indentation; ``least``: the fewest parts worth it (1 for the fast reader of
    :mod:`khuyenhoc.read.fastread`, which reads items alone). None when the file is not laid out
    so (one item list in block style under a top-level ``tasks:``); the caller then parses it
    whole. A part that does not read cleanly (a cut inside a quoted text that spans lines)
    makes the caller parse the file whole too, so the split never changes what kh reads.
    ``size``: the parts' size, PART_BYTES unless given (read when called, not when defined).
    """
    import itertools
    import re

    size = PART_BYTES if size is None else size
    # Searches led by a literal ("\n…"), which the regular-expression engine finds quickly: a
    # pattern led by "^" tries every position of a 30 MB text.
    heading = re.compile(r"tasks:[ \t]*(?:#[^\n]*)?\r?\n")
    candidates = [0] if text.startswith("tasks:") else []
    at = text.find("\ntasks:")
    while at >= 0:
        candidates.append(at + 1)
        at = text.find("\ntasks:", at + 1)
    found = [m for m in (heading.match(text, at) for at in candidates) if m]
    if len(found) != 1 or text.startswith("\ufeff"):
        return None
    head = found[0]
    # the list ends at the next line that starts at column 0 with anything but a comment
    tail = re.compile(r"\n[^ \t\r\n#]").search(text, head.end() - 1)
    end = tail.start() + 1 if tail else len(text)
    first = re.compile(r"^([ \t]*)(?!#)\S", re.M).search(text, head.end(), end)
    if first is None or not text.startswith("- ", first.end() - 1) or not first[1] or "\t" in first[1]:
        return None  # empty, a flow list, or items at column 0 (which also end the list above)
    item = re.compile(rf"\n{first[1]}- ")
    cuts = [head.end()]
    for m in item.finditer(text, first.start() - 1, end):
        if m.start() + 1 - cuts[-1] >= size:
            cuts.append(m.start() + 1)
    cuts.append(end)
    if len(cuts) < least + 1:
        return None  # one part, when parts are for the cores: nothing gained
    lines = text.count("\n", 0, head.end())  # the lines before the first part
    parts = []
    for start, stop in itertools.pairwise(cuts):
        parts.append((lines - 1, start, stop))  # "tasks:" takes the line before the part's first
        lines += text.count("\n", start, stop)
    skeleton = text[: head.start()] + "tasks: []" + "\n" * text.count("\n", head.start(), end) + text[end:]
    return skeleton, parts


def _parse_job(i: int) -> Parsed:
    """Job i of _JOBS: a whole file (offset -1) or a part of a tasks file."""
    import gc

    from .parse import parse_file

    gc.disable()
    kind, path, main, offset, start, end = _JOBS[i]
    if offset >= 0:
        return _read_part(path, offset, _TEXTS[path][start:end])
    if kind == "tasks" and len(_FILES[path]) >= FAST_BYTES and _fast_reader():
        return _read_tasks_file(path, main, _FILES[path])
    return parse_file(kind, path, _FILES[path], main)


def _sent_job(i: int) -> Parsed:
    """Job i, its tasks as their fields: a dict pickles and unpickles in C, a Task by a call
    per object (0.2 s of the parent's time at 10^5 tasks, half of it saved)."""
    parsed = _parse_job(i)
    return parsed._replace(tasks=[task.__dict__ for task in parsed.tasks])  # type: ignore[misc]


def _received(parsed: Parsed) -> Parsed:
    """A worker's answer (:func:`_sent_job`) as records again."""
    return parsed._replace(tasks=[from_fields(Task, fields) for fields in parsed.tasks])  # type: ignore[arg-type]


FAST_BYTES = 256 * 2**10  # a tasks file from this size is read by rapidyaml where it can (khuyenhoc.read.fastread)


def _fast_reader() -> bool:
    """Is the fast reader's parser (the `rapidyaml` wheel) installed? ``KH_YAML=pyyaml``
    turns it off (to compare the two readers, or to rule it out)."""
    import os

    return os.environ.get("KH_YAML", "").strip().lower() != "pyyaml" and _ryml_installed()


@functools.cache
def _ryml_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("ryml") is not None


def _read_part(path: str, offset: int, items: str) -> Parsed:
    """The items of a tasks list (a part of a file, after ``offset`` lines): by the fast reader
    where it can, else by the node reader."""
    from .parse import parse_file

    text = "tasks:\n" + items
    if _fast_reader():
        from .fastread import read_items

        if (tasks := read_items(text, path, offset)) is not None:
            return Parsed([], tasks, [], [])
    return parse_file("tasks", path, text, main=False, offset=offset)


def _read_tasks_file(path: str, main: bool, data: bytes) -> Parsed:
    """A tasks file, its items as one part (read fast where they can be), the rest by the node reader."""
    from .parse import parse_file

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    pieces = split_tasks(text, len(text) + 1, least=1) if text is not None else None
    if text is None or pieces is None:
        return parse_file("tasks", path, data, main)
    skeleton, spans = pieces
    return _combine("tasks", path, main, data, skeleton, [_read_part(path, o, text[s:e]) for o, s, e in spans])


def _combine(kind: str, path: str, main: bool, data: bytes, skeleton: str, parts: list[Parsed]) -> Parsed:
    """A file from its skeleton and its parts, read apart; where anything is wrong, the file is
    read whole, so that every problem is said exactly as the whole file says it."""
    from .parse import parse_file

    whole = parse_file(kind, path, skeleton, main)
    if whole.unreadable or any(not e.warning for one in (whole, *parts) for e in one.errors):
        return parse_file(kind, path, data, main)
    tasks = [task for part in parts for task in part.tasks]
    errors = sorted((e for one in (whole, *parts) for e in one.errors), key=lambda e: e.line)
    return Parsed(whole.documents, tasks, [], errors, whole.calendar)


def parse_many(files: list[tuple[str, str, bool, bytes]]) -> list[Parsed]:
    """Parse files, large tasks files in parts (:func:`split_tasks`), on several cores when
    there is enough to parse (the cost of a cold start: ~0.2 s a MB for PyYAML's nodes, a
    quarter of that for the fast reader)."""
    import os
    import sys

    jobs: list[tuple[str, str, bool, int, int, int]] = []
    texts: dict[str, str] = {}
    layout: list[tuple[int, int, str | None]] = []  # per file: its first job, its job count, its skeleton
    for kind, path, main, data in files:
        pieces = None
        if kind == "tasks" and len(data) > SPLIT_BYTES:
            try:
                texts[path] = data.decode("utf-8")
                pieces = split_tasks(texts[path])
            except UnicodeDecodeError:
                pieces = None
        if pieces is None:
            layout.append((len(jobs), 1, None))
            jobs.append((kind, path, main, -1, 0, 0))
            continue
        skeleton, spans = pieces
        layout.append((len(jobs), len(spans), skeleton))
        jobs += [(kind, path, main, offset, start, end) for offset, start, end in spans]

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    _JOBS[:] = jobs
    _TEXTS.update(texts)
    _FILES.update({path: data for _, path, _, data in files})
    try:
        results: list[Parsed] | None = None
        if len(jobs) > 1 and cores > 1 and sum(len(f[3]) for f in files) >= PARALLEL_BYTES and sys.platform == "linux":
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            size = [end - start if offset >= 0 else len(_FILES[path]) for _, path, _, offset, start, end in jobs]
            order = sorted(range(len(jobs)), key=lambda i: -size[i])  # the largest first: the cores finish together
            try:
                with ProcessPoolExecutor(min(cores, 8), mp_context=multiprocessing.get_context("fork")) as pool:
                    done = dict(zip(order, pool.map(_sent_job, order), strict=True))
                results = [_received(done[i]) for i in range(len(jobs))]
            except (OSError, RuntimeError):  # no processes allowed here: parse in this one
                results = None
        if results is None:
            results = [_parse_job(i) for i in range(len(jobs))]
    finally:
        _JOBS.clear()
        _TEXTS.clear()
        _FILES.clear()
    out = []
    for (kind, path, main, data), (first, count, outline) in zip(files, layout, strict=True):
        if outline is None:
            out.append(results[first])
            continue
        out.append(_combine(kind, path, main, data, outline, results[first : first + count]))
    return out
