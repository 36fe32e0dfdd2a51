"""Under load, faults and other users: no lost update, files keep their identity, `-o` writes
into what it is given."""

from __future__ import annotations

import os
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

TODAY = "2026-11-22"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
OTHER_UID = 65534  # "nobody"
TASKS = ["BGD-01", "BGD-02", "BGD-04", "BGD-05", "BGD-06", "BGD-07", "BGD-08", "BGD-10", "BGD-11", "BGD-12"]


def kh_process(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "khuyenhoc", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KH_TODAY": TODAY, "KH_NO_CACHE": "1", **(env or {})},
    )


# -- concurrent writers ---------------------------------------------------------------------------


def without_fcntl(tmp_path: Path) -> dict[str, str]:
    """The environment of a Python that has no fcntl, as on Windows."""
    fake = tmp_path / "no-fcntl"
    fake.mkdir(exist_ok=True)
    (fake / "fcntl.py").write_text('raise ImportError("no fcntl: as on Windows")\n')
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(fake), os.environ.get("PYTHONPATH")]))}


@pytest.mark.parametrize("fcntl", [True, False], ids=["flock", "no-fcntl"])
@pytest.mark.parametrize("same_task", [False, True], ids=["different-tasks", "one-task"])
def test_concurrent_writers_all_succeed_and_nothing_is_lost(
    data_dir: Path, tmp_path: Path, same_task: bool, fcntl: bool
) -> None:
    """The window between kh's check and its rename is widened (the test hook): without the
    lock, writers overwrite one another there; with it, they take turns. Where fcntl is
    missing (Windows), the lock is a lock file, gone when the writers are done."""
    env = {"KH_TEST_PAUSE_BEFORE_RENAME": "0.05", **({} if fcntl else without_fcntl(tmp_path))}
    notes = [(TASKS[0] if same_task else TASKS[n], f"ghi chú số {n}") for n in range(len(TASKS))]
    runs = [kh_process("note", task, text, "--data", str(data_dir), env=env) for task, text in notes]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in runs]
    assert [code for code, _ in results] == [0] * len(runs), results
    text = (data_dir / "tasks.yaml").read_text(encoding="utf-8")
    assert all(note in text for _, note in notes)
    check = kh_process("check", "--data", str(data_dir))
    assert check.wait(timeout=60) == 0
    assert not (data_dir / ".kh.lock").exists()


def test_without_fcntl_a_writer_that_waits_too_long_names_the_lock_file(data_dir: Path, tmp_path: Path) -> None:
    before = (data_dir / "tasks.yaml").read_bytes()
    (data_dir / ".kh.lock").write_text("")  # held by another kh, or left by one that was killed
    env = {"KH_LOCK_TIMEOUT": "0.3", **without_fcntl(tmp_path)}
    run = kh_process("note", "BGD-04", "x", "--data", str(data_dir), "--lang", "en", env=env)
    assert run.wait(timeout=60) == 2
    err = run.stderr.read() if run.stderr else ""
    assert "another kh has been recording in this plan" in err and f"if no kh is running, delete {data_dir}" in err
    assert (data_dir / "tasks.yaml").read_bytes() == before


def test_a_writer_that_waits_too_long_says_so_and_writes_nothing(data_dir: Path) -> None:
    import fcntl

    before = (data_dir / "tasks.yaml").read_bytes()
    fd = os.open(data_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another kh, busy
        run = kh_process("note", "BGD-04", "x", "--data", str(data_dir), "--lang", "en", env={"KH_LOCK_TIMEOUT": "0.3"})
        assert run.wait(timeout=60) == 2
        assert run.stderr and "another kh has been recording in this plan" in run.stderr.read()
    finally:
        os.close(fd)
    assert (data_dir / "tasks.yaml").read_bytes() == before


def test_temporary_files_of_a_killed_run_are_cleaned(kh, data_dir: Path) -> None:
    left = data_dir / ".tasks.yaml.0123456789ab.tmp"
    left.write_text("half a file")
    assert kh("note", "BGD-04", "x", "--today", TODAY).code == 0
    assert not left.exists()


def test_a_new_tracking_folder_ignores_temporary_files(kh, tmp_path: Path) -> None:
    assert kh("init", str(tmp_path / "theo-doi")).code == 0
    ignored = (tmp_path / "theo-doi" / "data" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".*.tmp" in ignored and ".kh.lock" in ignored  # the lock file where there is no flock (Windows)


# -- the file keeps its identity -----------------------------------------------------------------


def test_a_symlinked_file_is_updated_through_the_link(kh, data_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "tasks.yaml"
    real.parent.mkdir()
    (data_dir / "tasks.yaml").rename(real)
    (data_dir / "tasks.yaml").symlink_to(real)
    assert kh("note", "BGD-04", "qua liên kết", "--today", TODAY).code == 0
    assert (data_dir / "tasks.yaml").is_symlink()
    assert "qua liên kết" in real.read_text(encoding="utf-8")


def test_a_hard_linked_file_is_refused(kh, data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-name.yaml"
    os.link(data_dir / "tasks.yaml", other)
    before = other.read_bytes()
    r = kh("note", "BGD-04", "x", "--today", TODAY, "--lang", "en")
    assert r.code == 2 and "2 hard links" in r.stderr and "nothing written" in r.stderr
    assert other.read_bytes() == before and os.stat(other).st_nlink == 2


def _acl(reader_uid: int) -> bytes:
    """A POSIX ACL as Linux stores it: owner rw, one more user r, group none, mask r, other none."""

    def entry(tag: int, perm: int, uid: int = 0xFFFFFFFF) -> bytes:
        return struct.pack("<HHI", tag, perm, uid)

    return struct.pack("<I", 2) + entry(1, 6) + entry(2, 4, reader_uid) + entry(4, 0) + entry(0x10, 4) + entry(0x20, 0)


def test_mode_acl_and_attributes_are_kept(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    tasks.chmod(0o640)
    try:
        os.setxattr(tasks, "user.kh-test", b"kept")
        os.setxattr(tasks, "system.posix_acl_access", _acl(OTHER_UID))
    except (AttributeError, OSError):
        pytest.skip("this file system has no extended attributes or ACLs")
    before = {name: os.getxattr(tasks, name) for name in os.listxattr(tasks)}
    mode = stat.S_IMODE(tasks.stat().st_mode)
    assert kh("note", "BGD-04", "x", "--today", TODAY).code == 0
    assert stat.S_IMODE(tasks.stat().st_mode) == mode
    assert {name: os.getxattr(tasks, name) for name in os.listxattr(tasks)} == before


@pytest.mark.skipif(not ROOT, reason="a file of another user, written by root, takes root")
def test_a_file_edited_by_root_stays_its_owner_s(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    os.chown(tasks, OTHER_UID, OTHER_UID)
    assert kh("note", "BGD-04", "x", "--today", TODAY).code == 0
    st = tasks.stat()
    assert (st.st_uid, st.st_gid) == (OTHER_UID, OTHER_UID)


def test_a_read_only_file_is_refused(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    tasks.chmod(0o444)
    before = tasks.read_bytes()
    r = kh("note", "BGD-04", "x", "--today", TODAY, "--lang", "en")
    assert r.code == 2 and "read-only" in r.stderr
    assert tasks.read_bytes() == before


# -- -o writes into what it is given ------------------------------------------------------------


def test_output_to_a_fifo_is_written_into(kh, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    r = kh("report", "2021", "-o", str(fifo), "--today", TODAY)
    out, _ = reader.communicate(timeout=30)
    assert r.code == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert out.decode("utf-8").startswith("# ")


def test_output_to_dev_stdout_reaches_the_pipe(data_dir: Path) -> None:
    run = kh_process("ics", "-o", "/dev/stdout", "--data", str(data_dir))
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert out.startswith("BEGIN:VCALENDAR")


@pytest.mark.skipif(not ROOT, reason="replacing /dev/null takes root")
def test_output_to_dev_null_leaves_the_device(kh) -> None:
    assert kh("report", "2021", "-o", "/dev/null", "--today", TODAY).code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_through_a_link_updates_its_target(kh, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "2021.md"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert kh("report", "2021", "-o", str(link), "--today", TODAY).code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.skipif(not ROOT, reason="a link owned by another user takes root to make")
@pytest.mark.parametrize("planted", ["link", "fifo"])
def test_a_name_another_user_planted_in_a_shared_folder_is_not_written_through(
    kh, tmp_path: Path, planted: str
) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    name = shared / f"don-doc-vu-gddh-{TODAY}.md"  # the name kh remind would choose
    if planted == "link":
        name.symlink_to(victim)
    else:
        os.mkfifo(name)
    os.lchown(name, OTHER_UID, OTHER_UID)
    result = kh("remind", "--unit", "vu-gddh", "-f", "md", "-o", str(shared), "--today", TODAY)
    assert result.code == 2 and "--force" in result.stderr  # there is a file of that name already
    result = kh("remind", "--unit", "vu-gddh", "-f", "md", "-o", str(shared), "--force", "--today", TODAY)
    assert result.code == 2 and "người dùng khác" in result.stderr  # even --force does not write through it
    result = kh("report", "2021", "-o", str(name), "--today", TODAY)
    assert result.code == 2 and "người dùng khác" in result.stderr
    assert victim.read_text() == "mine" and (name.is_symlink() or stat.S_ISFIFO(name.lstat().st_mode))


def test_a_link_that_appears_after_kh_looked_is_replaced_not_followed(tmp_path: Path) -> None:
    """A new output in a shared folder is renamed over its name: a link planted meanwhile is
    replaced, and what it points at is left alone."""
    from khuyenhoc.write.writer import atomic_write

    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    name = tmp_path / "out.md"
    name.symlink_to(victim)  # as if planted between kh's look and its write
    atomic_write(name, b"report", follow=False)
    assert not name.is_symlink() and name.read_bytes() == b"report" and victim.read_text() == "mine"


# -- odd environments -----------------------------------------------------------------------------


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3])
def test_ctrl_c_ends_the_run_with_130_and_no_traceback(data_dir: Path, tmp_path: Path, delay: float) -> None:
    """From the moment kh's own code runs (the interpreter's start-up before it is Python's)."""
    import signal
    import time

    ready = tmp_path / "ready"
    run = kh_process("report", "2021", "--data", str(data_dir), env={"KH_TEST_SIGNAL_READY": str(ready)})
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)  # while kh is importing, loading or writing
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    # 0: the run was over before the signal came; -SIGINT: it came while the interpreter was
    # finalizing, after kh's work, when Python has put the default handler back (a shell reports
    # it as 130 too, and nothing is printed)
    assert run.returncode in (130, 0, -signal.SIGINT), err
    assert "Traceback" not in err and "Aborted" not in err


def test_a_closed_standard_output_is_a_clear_error(data_dir: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "khuyenhoc", "list", "--data", str(data_dir), "--lang", "en"],
        stdout=None,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KH_TODAY": TODAY},
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert run.returncode == 2
    assert run.stderr == "kh: standard output is closed; nothing to write to\n"


def test_an_output_encoding_without_vietnamese_does_not_crash(data_dir: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "khuyenhoc", "show", "BGD-09", "--data", str(data_dir), "--lang", "en"],
        capture_output=True,
        env={**os.environ, "KH_TODAY": TODAY, "PYTHONIOENCODING": "latin-1"},
    )
    assert run.returncode == 0
    assert b"\\u1ec7" in run.stdout  # "ệ", escaped
    assert b"cannot show Vietnamese letters" in run.stderr and b"Traceback" not in run.stderr


def test_on_windows_a_pipe_in_the_ansi_code_page_carries_utf8() -> None:
    """What `kh list > ds.txt` writes on Windows, where a pipe's encoding is the ANSI code page
    (cp1258 for Vietnamese): the letters cp1258 lacks would be escaped; kh writes UTF-8. The
    same stream on Linux is left as it is."""
    import io

    from khuyenhoc.start import utf8_on_windows

    def pipe() -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(), encoding="cp1258")

    out, err = pipe(), pipe()
    utf8_on_windows((out, err), platform="win32")
    out.write("Bộ Giáo dục và Đào tạo · ệ")
    out.flush()
    assert out.encoding == err.encoding == "utf-8"
    assert out.buffer.getvalue().decode("utf-8") == "Bộ Giáo dục và Đào tạo · ệ"  # type: ignore[attr-defined]
    linux = pipe()
    utf8_on_windows((linux,), platform="linux")
    assert linux.encoding == "cp1258"


@pytest.mark.parametrize("columns", ["0", "-3", "abc"])
def test_a_columns_value_that_is_no_width_is_ignored(kh, columns: str) -> None:
    r = kh("show", "BGD-09", "--today", TODAY, env={"COLUMNS": columns})
    wide = kh("show", "BGD-09", "--today", TODAY, env={"COLUMNS": ""})
    assert r.code == 0 and r.stdout == wide.stdout


def test_the_command_line_and_the_data_agree_on_the_years_kh_reads() -> None:
    from khuyenhoc import cli
    from khuyenhoc.core import deadlines

    assert (cli.FIRST_YEAR, cli.LAST_YEAR) == (deadlines.MIN_YEAR, deadlines.MAX_YEAR)


# -- data discovery does not cross users ------------------------------------------------------------


@pytest.mark.parametrize("special", ["fifo", "dev-zero"])
def test_only_regular_files_are_read(data_dir: Path, special: str) -> None:
    units = data_dir / "units.yaml"
    units.unlink()
    if special == "fifo":
        os.mkfifo(units)  # nobody writes it: reading would wait for ever
    else:
        units.symlink_to("/dev/zero")  # reading would never end
    run = subprocess.run(
        [sys.executable, "-m", "khuyenhoc", "check", "--data", str(data_dir), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr == f"kh: {units}: not a regular file (a device, a pipe or a socket); not read\n"


def test_a_plan_file_too_large_is_refused(kh, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khuyenhoc.read import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    r = kh("check", "--lang", "en")
    assert r.code == 2 and "larger than 0 MiB; not read" in r.stderr


# -- small ----------------------------------------------------------------------------------------


def test_one_stray_crlf_line_does_not_turn_new_lines_into_crlf(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    data = tasks.read_bytes().replace(b"  - id: BGD-01\n", b"  - id: BGD-01\r\n", 1)
    tasks.write_bytes(data)
    assert kh("note", "BGD-04", "một ghi chú", "--today", TODAY).code == 0
    assert tasks.read_bytes().count(b"\r\n") == 1


def test_a_crlf_file_stays_crlf(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    tasks.write_bytes(tasks.read_bytes().replace(b"\n", b"\r\n"))
    assert kh("note", "BGD-04", "một ghi chú", "--today", TODAY).code == 0
    assert b"\n" not in tasks.read_bytes().replace(b"\r\n", b"")


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\n", "\r\n"])
def test_evidence_with_any_line_break_is_recorded_on_one_line(kh, data_dir: Path, brk: str) -> None:
    r = kh("done", "BGD-04", "--on", "2021-03-30", "-e", f"Thông tư 09/2021{brk}TT-BGDĐT", "--today", TODAY)
    assert r.code == 0, r
    shown = kh("show", "BGD-04", "--format", "json", "--today", TODAY).stdout
    assert '"Thông tư 09/2021 TT-BGDĐT"' in shown


# -- values kh check lets through must not crash a command later (issue "Trustworthy member files") --


def _with_email(data_dir: Path, address: str) -> None:
    units = data_dir / "units.yaml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("    short: Vụ GDĐH\n", f"    short: Vụ GDĐH\n    email: {address}\n", 1), "utf-8")


@pytest.mark.parametrize(
    "address",
    [
        '"a@moet.gov.vn\\r\\nBcc: x@evil.example"',
        '"a@moet.gov.vn\\nBcc: x@evil.example"',
        '"a@moet.gov.vn\\u0085Bcc: x@evil.example"',
        '"a@moet.gov.vn\\u2028x"',
        '"=?utf-8?q?a=0D=0ABcc:_x@evil.example?= <a@moet.gov.vn>"',
        "a@moet.gov.vn, b@moet.gov.vn",
        "not an address",
    ],
)
def test_a_unit_email_that_is_not_one_address_is_a_located_problem(kh, data_dir: Path, tmp_path: Path, address: str):
    _with_email(data_dir, address)
    check = kh("check", "--lang", "en")
    assert check.code == 1 and "units.yaml:" in check.stdout and "is not one address" in check.stdout
    out = tmp_path / "thu"
    out.mkdir()
    result = kh("remind", "-f", "eml", "-o", str(out), "--today", TODAY)
    assert result.code == 1 and "internal error" not in result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("sender", ["gdtx@moet.gov.vn\r\nBcc: x@evil.example", "a@b.vn, c@d.vn", "Vụ\nGDTX <a@b.vn>"])
def test_a_from_that_is_not_one_address_is_a_usage_error(kh, tmp_path: Path, sender: str) -> None:
    out = tmp_path / "thu"
    out.mkdir()
    result = kh("remind", "-f", "eml", "--from", sender, "-o", str(out), "--today", TODAY)
    assert result.code == 2 and "--from" in result.stderr and "internal error" not in result.stderr
    assert list(out.iterdir()) == []


def test_a_named_from_is_accepted(kh, tmp_path: Path) -> None:
    assert (
        kh("remind", "-f", "eml", "--from", "Vụ GDTX <gdtx@moet.gov.vn>", "-o", str(tmp_path), "--today", TODAY).code
        == 0
    )


def test_an_argument_that_is_not_utf8_is_a_usage_error(data_dir: Path, tmp_path: Path) -> None:
    out, data = str(tmp_path / "r.docx").encode(), str(data_dir).encode()
    argv = [sys.executable.encode(), b"-m", b"khuyenhoc", b"report", b"2021", b"-f", b"docx", b"-o", out]
    argv += [b"--issuer", b"V\xe1 GDTX", b"--data", data]
    result = subprocess.run(argv, capture_output=True, env={**os.environ, "KH_TODAY": TODAY, "LC_ALL": "C.UTF-8"})
    assert result.returncode == 2 and b"UTF-8" in result.stderr and b"Traceback" not in result.stderr
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invalid UTF-8", b"tasks:\n  - id: \xff\n"),
        ("invalid YAML", b"tasks: [\n"),
        ("undefined alias", b"tasks: *nowhere\n"),
        ("billion laughs", b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
         b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
         b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"),
    ],
)  # fmt: skip
def test_migrate_refuses_data_with_problems_quickly(kh, data_dir: Path, name: str, content: bytes) -> None:
    import time

    extra = data_dir / "tasks.d" / "x.yaml"
    extra.parent.mkdir()
    extra.write_bytes(content)
    start = time.monotonic()
    result = kh("migrate")
    assert result.code == 1 and "kh check" in result.stderr and "internal error" not in result.stderr, name
    assert time.monotonic() - start < 20 and extra.read_bytes() == content


def test_a_huge_columns_is_capped(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "khuyenhoc", "list", "--overdue", "--data", str(data_dir)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "KH_TODAY": TODAY, "COLUMNS": "10000000", "KH_NO_CACHE": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 1000


def test_an_id_too_long_for_a_file_name_is_a_located_problem(kh, data_dir: Path, tmp_path: Path) -> None:
    units = data_dir / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("id: vu-gddh\n", f"id: {'v' * 300}\n"), "utf-8")
    tasks = data_dir / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("lead: [vu-gddh]", f"lead: [{'v' * 300}]"), "utf-8")
    check = kh("check", "--lang", "en")
    assert check.code == 1 and "100 at most" in check.stdout
    assert kh("remind", "-o", str(tmp_path), "--today", TODAY).code == 1
