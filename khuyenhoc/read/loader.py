"""A plan folder → one checked plan: which files, and the cache. Files the cache does not have
are parsed by :mod:`khuyenhoc.read.parts` (on several cores when there is much to parse), the YAML
itself read by :mod:`khuyenhoc.read.parse` (and :mod:`khuyenhoc.read.fastread`), each imported only when
a file has to be parsed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import Contact, DataError, Document, FormerName, MemberRecord, Parsed, Plan, Task, Unit
from ..words.i18n import t

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
    from ..core.validate import validate  # cross-record checks

    documents: list[Document] = []
    units: list[Unit] = []
    tasks: list[Task] = []
    records: list[MemberRecord] = []
    names: list[FormerName] = []
    contacts: list[Contact] = []
    errors: list[DataError] = []
    shared: dict[str, str] = {}
    calendar = None
    for one in parsed:
        documents += one.documents
        units += one.units
        errors += one.errors
        records += one.records
        names += one.names
        contacts += one.contacts
        calendar = one.calendar or calendar
        for task in one.tasks:  # records are fresh copies (parsed or unpickled): set in place
            object.__setattr__(task, "order", len(tasks))  # the position across all files
            if len(parsed) > 1:  # equal titles of different files as one object: a smaller cache
                object.__setattr__(task, "title", shared.setdefault(task.title, task.title))
            tasks.append(task)
    unreadable = {one.unreadable: one.errors[0] for one in parsed if one.unreadable and one.errors}
    plan, errors = validate(documents, units, tasks, errors, unreadable, records, names, contacts)
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


def _parse_cached(files: list[tuple[str, str, bool, bytes]], keys: list[str], cache: NoCache) -> list[Parsed]:
    """Each file's records, from the cache where it has them; the others parsed together (on
    several cores when they are large) and kept."""
    from .parts import parse_many

    parsed: list[Parsed | None] = [cache.get(key) for key in keys]
    todo = [i for i, one in enumerate(parsed) if one is None]
    for i, one in zip(todo, parse_many([files[i] for i in todo]), strict=True):
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
    cache keyed on the files' exact bytes (see :mod:`khuyenhoc.read.cache`), so an unchanged plan
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
        from ..core.workdays import Calendar

        settings = plan.calendar_file
        plan = dataclasses.replace(
            plan, calendar=Calendar(settings.days_off, settings.working) if settings else Calendar()
        )
    return plan, errors
