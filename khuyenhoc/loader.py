"""A plan folder → one checked plan: which files, the cache, and parsing them (on several
cores when there is much to parse). The YAML itself is read by :mod:`khuyenhoc.parse`,
imported only when a file has to be parsed.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import t
from .model import DataError, Document, MemberRecord, Parsed, Plan, Task, Unit

if TYPE_CHECKING:
    from .cache import NoCache

TASKS_FILE = "tasks.yaml"
UNITS_FILE = "units.yaml"
CALENDAR_FILE = "calendar.yaml"
MEMBERS_DIR = "members"  # one file of records per member: members/<id>.yaml


class DataLocationError(OSError):
    """The data files cannot be found or read (an I/O problem, not a data problem)."""


def merge(parsed: list[Parsed]) -> tuple[Plan, list[DataError]]:
    """Files' records as one plan, checked against each other."""
    from .validate import validate  # cross-record checks

    documents: list[Document] = []
    units: list[Unit] = []
    tasks: list[Task] = []
    records: list[MemberRecord] = []
    errors: list[DataError] = []
    shared: dict[str, str] = {}
    calendar = None
    for one in parsed:
        documents += one.documents
        units += one.units
        errors += one.errors
        records += one.records
        calendar = one.calendar or calendar
        for task in one.tasks:  # records are fresh copies (parsed or unpickled): set in place
            object.__setattr__(task, "order", len(tasks))  # the position across all files
            if len(parsed) > 1:  # equal titles of different files as one object: a smaller cache
                object.__setattr__(task, "title", shared.setdefault(task.title, task.title))
            tasks.append(task)
    unreadable = {one.unreadable: one.errors[0] for one in parsed if one.unreadable and one.errors}
    plan, errors = validate(documents, units, tasks, errors, unreadable, records)
    return (dataclasses.replace(plan, calendar_file=calendar) if calendar else plan), errors


def load_text(
    tasks_text: str,
    units_text: str,
    tasks_path: str = TASKS_FILE,
    units_path: str = UNITS_FILE,
) -> tuple[Plan, list[DataError]]:
    """Load a plan from YAML texts (for tests and tools); errors are returned, not raised."""
    from .parse import parse_file

    return merge([parse_file("units", units_path, units_text), parse_file("tasks", tasks_path, tasks_text)])


def data_files(folder: Path) -> list[tuple[str, Path, bool]]:
    """(kind, path, main) of every file of a plan: ``units.yaml`` and ``units.d/*.yaml``, then
    ``tasks.yaml`` and ``tasks.d/*.yaml``, each folder in name order, then ``calendar.yaml``
    (the only optional one), then the members' files ``members/*.yaml``."""
    files: list[tuple[str, Path, bool]] = []
    for kind, main_file in (("units", UNITS_FILE), ("tasks", TASKS_FILE)):
        files.append((kind, folder / main_file, True))
        extra = folder / f"{kind}.d"
        if extra.is_dir():
            files += [(kind, p, False) for p in sorted(extra.glob("*.yaml")) if not p.name.startswith(".")]
    calendar = folder / CALENDAR_FILE
    if calendar.exists() or calendar.is_symlink():  # a dangling link is reported when read
        files.append(("calendar", calendar, True))
    members = folder / MEMBERS_DIR
    if members.is_dir():
        files += [("members", p, False) for p in sorted(members.glob("*.yaml")) if not p.name.startswith(".")]
    return files


MAX_FILE_BYTES = 256 * 2**20  # a plan file larger than this is refused (the 10^5 benchmark's is 29 MiB)


def read_bytes(path: Path) -> bytes:
    """A plan file's bytes. Only a regular file is read (a FIFO would hang, a device such as
    /dev/zero would never end), and only up to :data:`MAX_FILE_BYTES`."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise DataLocationError(t("{path}: no such file", path=path)) from None
    except IsADirectoryError:
        raise DataLocationError(t("{path}: is a folder, not a file", path=path)) from None
    except OSError as exc:
        raise DataLocationError(
            t("{path}: cannot read: {exc_strerror}", path=path, exc_strerror=exc.strerror)
        ) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DataLocationError(t("{path}: is a folder, not a file", path=path))
        if not stat.S_ISREG(st.st_mode):
            raise DataLocationError(t("{path}: not a regular file (a device, a pipe or a socket); not read", path=path))
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise DataLocationError(
                t("{path}: larger than {n} MiB; not read (split the plan into tasks.d/)", path=path,
                  n=MAX_FILE_BYTES // 2**20)
            )  # fmt: skip
        return data
    except DataLocationError:
        raise
    except OSError as exc:
        raise DataLocationError(
            t("{path}: cannot read: {exc_strerror}", path=path, exc_strerror=exc.strerror)
        ) from None
    finally:
        os.close(fd)


PARALLEL_BYTES = 4 * 2**20  # below this, starting worker processes costs more than it saves
SPLIT_BYTES = 4 * 2**20  # a tasks file larger than this is parsed in parts of about PART_BYTES
PART_BYTES = 2 * 2**20
# The work of the forked workers, which inherit it without a copy through a pipe: the files'
# bytes, the texts of those parsed in parts, and the jobs (see _parse_many).
_JOBS: list[tuple[str, str, bool, int, int, int]] = []
_FILES: dict[str, bytes] = {}
_TEXTS: dict[str, str] = {}


def split_tasks(text: str, size: int = PART_BYTES, least: int = 2) -> tuple[str, list[tuple[int, int, int]]] | None:
    """A large tasks file as a skeleton and parts, each parsed on its own: composing a YAML file
    builds a Python object per node, so a 30 MB file held 700 MB at once; its parts hold a few
    MB each, and the parts are parsed on several cores.

    The skeleton is the file with the items of ``tasks:`` blanked (lines kept, so every line
    number holds); each part is ``(offset, start, end)``: ``"tasks:\n" + text[start:end]``
    read as lines after ``offset``. Items are cut only where a line starts a new item at the
    list's indentation; ``least``: the fewest parts worth it (1 for the fast reader of
    :mod:`khuyenhoc.fastread`, which reads items alone). None when the file is not laid out
    so (one item list in block style under a top-level ``tasks:``); the caller then parses it
    whole. A part that does not read
    cleanly (a cut inside a quoted text that spans lines) makes the caller parse the file whole
    too, so the split never changes what kh reads.
    """
    import itertools
    import re

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


FAST_BYTES = 256 * 2**10  # a tasks file from this size is read by rapidyaml where it can (khuyenhoc.fastread)


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


def _parse_many(files: list[tuple[str, str, bool, bytes]]) -> list[Parsed]:
    """Parse files, large tasks files in parts (:func:`split_tasks`), on several cores when
    there is enough to parse (composing YAML nodes in Python is the cost of a cold start:
    ~0.2 s a MB)."""
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
                    done = dict(zip(order, pool.map(_parse_job, order), strict=True))
                results = [done[i] for i in range(len(jobs))]
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


def _parse_cached(files: list[tuple[str, str, bool, bytes]], keys: list[str], cache: NoCache) -> list[Parsed]:
    """Each file's records, from the cache where it has them; the others parsed together (on
    several cores when they are large) and kept."""
    parsed: list[Parsed | None] = [cache.get(key) for key in keys]
    todo = [i for i, one in enumerate(parsed) if one is None]
    for i, one in zip(todo, _parse_many([files[i] for i in todo]), strict=True):
        parsed[i] = one
        cache.put(keys[i], one)
    return [one for one in parsed if one is not None]


def _file_keys(files: list[tuple[str, str, bool, bytes]]) -> list[str]:
    from .cache import digest

    return [digest("file", kind, path, str(main), data) for kind, path, main, data in files]


def parse_files(files: list[tuple[str, str, bool, bytes]]) -> list[Parsed]:
    """Each file's records and problems, from the cache where it has them."""
    from .cache import Cache

    cache = Cache.default()
    try:
        return _parse_cached(files, _file_keys(files), cache)
    finally:
        cache.flush()


RACY_NS = 2_000_000_000  # a file changed less than 2 s ago is hashed, whatever its status


def _stat_key(listed: list[tuple[str, Path, bool]]) -> str | None:
    """A key from the files' status, or None if one of them changed too recently to trust it."""
    import time

    from .cache import digest

    now = time.time_ns()
    parts = []
    for kind, path, main in listed:
        try:
            st = path.stat()
        except OSError:
            return None
        if now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
            return None
        parts.append(f"{kind}|{path}|{main}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}|{st.st_dev}")
    return digest("stat", *parts)


def load_dir(folder: Path, *, use_cache: bool = True) -> tuple[Plan, list[DataError]]:
    """Load every file of a plan folder as one plan (see :func:`data_files`).

    Raises :class:`DataLocationError` when a file is missing or unreadable; problems in the
    files' content are returned as errors. Parsed files and the checked plan are kept in a
    cache keyed on the files' exact bytes (see :mod:`khuyenhoc.cache`), so an unchanged plan
    is not parsed again, and a changed file is the only one parsed again.
    """
    import gc

    from .cache import Cache, NoCache, digest

    if not folder.is_dir():
        raise DataLocationError(t("{folder}: no such data folder", folder=folder))
    listed = data_files(folder)
    cache = Cache.default() if use_cache else NoCache()
    # Building (or reading back) many small objects: the collector's passes over them cost more
    # than the work (benchmarks/RESULTS.md), and none of them form cycles; it runs again after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # The policy, in three keys:
        # - "stat": the files' status (size, times, inode) → the plan key, so that files unchanged
        #   since an earlier run are not even read. Only files last changed more than RACY_NS ago
        #   qualify ("racy git"): a change within the clock's granularity could keep the status;
        # - "plan": the files' bytes → the checked plan;
        # - "file": one file's bytes → its records, so a changed file is the only one parsed.
        stat_key = _stat_key(listed) if isinstance(cache, Cache) else None
        alias = cache.get(stat_key) if stat_key is not None else None
        if alias is not None and (hit := cache.get(alias)) is not None:
            return hit
        files = [(kind, str(path), main, read_bytes(path)) for kind, path, main in listed]
        keys = _file_keys(files)
        plan_key = digest("plan", *keys)
        result = cache.cached(plan_key, lambda: merge(_parse_cached(files, keys, cache)))
        if stat_key is not None:
            cache.put(stat_key, plan_key)
        cache.flush()
        return result
    finally:
        if collecting:
            gc.enable()


class SettingError(ValueError):
    """An environment setting kh cannot use (a usage error, not a data problem)."""


def load_plan(folder: Path, *, use_cache: bool = True) -> tuple[Plan, list[DataError]]:
    """The plan in ``folder`` and every problem of its files: the one loading pipeline of every
    command, ``kh check`` included (files → records → cross-record checks → working days).

    Raises :class:`DataLocationError` when a file is missing or unreadable, and
    :class:`SettingError` for a ``KH_WORKING_DAYS`` that is neither 1 nor 0.
    """
    import os

    plan, errors = load_dir(folder, use_cache=use_cache)
    on = plan.calendar_file.working_days if plan.calendar_file else False
    if env := os.environ.get("KH_WORKING_DAYS", "").strip().lower():
        if env not in ("1", "0", "true", "false", "yes", "no"):
            raise SettingError(t("KH_WORKING_DAYS={env!r}: expected 1 or 0", env=env))
        on = env in ("1", "true", "yes")
    if on:
        from .workdays import Calendar

        settings = plan.calendar_file
        plan = dataclasses.replace(
            plan, calendar=Calendar(settings.days_off, settings.working) if settings else Calendar()
        )
    return plan, errors
