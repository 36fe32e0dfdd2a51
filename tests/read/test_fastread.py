"""The fast reader of large tasks files (khuyenhoc/read/fastread.py) reads exactly what the node
reader reads, or declines and leaves the text to it: never a different record, line or message."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from khuyenhoc.read import fastread, loader, parts
from khuyenhoc.read.parse import parse_file

pytestmark = pytest.mark.skipif(fastread.ryml is None, reason="the rapidyaml wheel is not installed here")

TASK = """\
tasks:
  # a comment before the first item
  - id: A-1
    title: Tổ chức nghiên cứu, quán triệt Chỉ thị số 11-CT/TW
    lead: [bo-nganh, ubnd-tinh]
    partners: [cap-uy]
    due: hoàn thành trong quý II năm 2020
    source: {document: qd489, ref: II.1.a}
    done:
      date: 2020-06-30
      evidence: Công văn số 152/UBND

  - id: A-2
    title: Báo cáo kết quả
    lead: so-gddt
    due: trước ngày 30/10 hằng năm
    source: {document: kh-bgddt, ref: III.3}
    done:
      2023:
        date: 2023-10-02
        evidence: Báo cáo số 969/BC-UBND
      2024: {no_later_than: 2024-11-01, evidence: Báo cáo 12/BC, source: https://example.org/bc}
"""


def node_read(text: str, offset: int = 0) -> tuple[list, list]:
    parsed = parse_file("tasks", "tasks.yaml", text, main=False, offset=offset)
    return parsed.tasks, [str(e) for e in parsed.errors]


def spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The parts the fast reader reads from now on (their number of tasks), as the loader calls it."""
    read: list[int] = []
    real = fastread.read_items

    def counted(text: str, path: str, offset: int = 0):
        tasks = real(text, path, offset)
        if tasks is not None:
            read.append(len(tasks))
        return tasks

    monkeypatch.setattr(fastread, "read_items", counted)
    return read


def same_as_node(text: str, offset: int = 0) -> list | None:
    """The fast reading, after checking that it is the node reader's (or that it declined)."""
    fast = fastread.read_items(text, "tasks.yaml", offset)
    if fast is not None:
        tasks, errors = node_read(text, offset)
        assert errors == []
        assert fast == tasks
        assert [(t.line, t.__dict__) for t in fast] == [(t.line, t.__dict__) for t in tasks]
    return fast


def test_the_shipped_plan_is_read_fast_and_the_same(data_dir: Path) -> None:
    text = (data_dir / "tasks.yaml").read_text(encoding="utf-8")
    _, spans = parts.split_tasks(text, 3000, least=1) or ("", [])
    assert len(spans) > 5
    for offset, start, end in spans:
        assert same_as_node("tasks:\n" + text[start:end], offset) is not None


def test_lines_count_from_the_part_s_place_in_its_file() -> None:
    tasks = same_as_node(TASK, offset=40)
    assert tasks is not None
    assert [(t.id, t.line) for t in tasks] == [("A-1", 43), ("A-2", 53)]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    title: Báo cáo kết quả\n", "    title: Báo cáo\n      kết quả trên\n      nhiều dòng\n"),  # plain, folded
        ("    title: Báo cáo kết quả\n", "    title: >\n      Báo cáo\n      kết quả\n"),
        ("    title: Báo cáo kết quả\n", "    title: |-\n      Báo cáo\n\n      kết quả\n"),
        ("    title: Báo cáo kết quả\n", "    title: 'Báo cáo ''kết quả'': yes'\n"),
        ("    title: Báo cáo kết quả\n", '    title: "Báo cáo: kết quả # không phải chú thích"\n'),
        ("    title: Báo cáo kết quả\n", "    title: Báo cáo # a comment\n"),
        ("    title: Báo cáo kết quả\n", "    title: Bao cao ke\u0302\u0301t qua\u0309 📚\n"),  # NFD, emoji
        ("    title: Báo cáo kết quả\n", "    title: '2021-06-30'\n"),  # quoted: text (declined: JSON can't tell)
        ("    partners: [cap-uy]\n", "    partners:\n      - cap-uy\n      - {unit: mttq, role: phối hợp}\n"),
        ("    due: hoàn thành trong quý II năm 2020\n", "    due: 2020-06-30\n"),  # a plain date: its text
        ("  - id: A-2\n", "  - id: A-2  # an id, then a comment\n"),
        ("    lead: so-gddt\n", "    lead: so-gddt\n    per_member: true\n"),
        (
            "    lead: so-gddt\n",
            "    lead: so-gddt\n    notes:\n      - {date: 01/02/2024, text: Đã nhắc, source: Công văn 5/GDĐT}\n"
            "    moved:\n      - {unit: so-gddt, to: ubnd-tinh, date: 2025-07-01, by: NQ 202/2025/QH15}\n",
        ),
    ],
    ids=[
        "plain-lines", "folded", "literal", "single-quoted", "double-quoted", "comment", "nfd-emoji",
        "quoted-date", "partner-roles", "plain-date-due", "id-comment", "per-member", "notes-moved",
    ],
)  # fmt: skip
def test_what_both_readers_read_alike(old: str, new: str) -> None:
    assert old in TASK
    text = TASK.replace(old, new, 1)
    fast = same_as_node(text)
    if "'2021-06-30'" not in new:
        assert fast is not None, "the fast reader should read this"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - id: A-2\n", "  - id: A-2\n    notes: &n [{date: 2021-01-01, text: x}]\n"),  # an anchor
        ("    title: Báo cáo kết quả\n", "    title: !!str Báo cáo\n"),  # a tag
        ("    title: Báo cáo kết quả\n", '    title: "Báo\\tcáo"\n'),  # an escape
        ("    title: Báo cáo kết quả\n", "    title: Báo\tcáo\n"),  # a tab
        ("    title: Báo cáo kết quả\n", "    title: Báo\x85cáo\n"),  # YAML 1.1's next line
        ("    title: Báo cáo kết quả\n", "    title: Báo\u2028cáo\n"),
        ("    title: Báo cáo kết quả\n", "    title: Báo\x07cáo\n"),  # a control character
        ("    title: Báo cáo kết quả\n", "    title: yes\n"),  # YAML 1.1's true
        ("    title: Báo cáo kết quả\n", "    title: 2021-06-30\n"),  # a date, not text
        ("    title: Báo cáo kết quả\n", "    title: 1_000\n"),
        ("    title: Báo cáo kết quả\n", "    title: 12:30\n"),  # sexagesimal 750
        ("    title: Báo cáo kết quả\n", '    title: ""\n'),
        ("    title: Báo cáo kết quả\n", "    title: Báo cáo\n    title: lại\n"),  # a repeated key
        ("    title: Báo cáo kết quả\n", "    title: Báo cáo\n    deadline: x\n"),  # an unknown key
        ("    partners: [cap-uy]\n", "    partners: [~]\n"),
        ("      2023:\n", '      "2023":\n'),  # a quoted year: text, not a year
        ("        date: 2023-10-02\n", "        date: 2023-02-30\n"),  # no such day
        ("        date: 2023-10-02\n", "        on: 2023-10-02\n"),  # the old key: a warning
        ("        date: 2023-10-02\n", "        date: 2023-10-02 10:00\n"),  # a time
        ("source: https://example.org/bc}", "source: https://example.org/…}"),  # shortened: a warning
        ("    due: trước ngày 30/10 hằng năm\n", "    due: trước ngày 31/02 hằng năm\n"),  # no such day
        ("  - id: A-2\n", "  - id: A 2\n"),  # not an id
        ("  - id: A-2\n", "  -\n    id: A-2\n"),  # the item's mapping starts on the next line
        ("  - id: A-2\n", "  - # a comment\n    id: A-2\n"),
        ("  - id: A-2\n", "---\n  - id: A-2\n"),
        ("  - id: A-2\n", "<<<<<<< HEAD\n  - id: A-2\n"),
        ("    lead: so-gddt\n", "    lead: so-gddt\n    per_member: yes\n"),
        ("    lead: so-gddt\n", "    ? lead\n    : so-gddt\n"),  # a complex key
    ],
)
def test_what_the_fast_reader_leaves_to_the_node_reader(old: str, new: str) -> None:
    assert old in TASK
    assert fastread.read_items(TASK.replace(old, new, 1), "tasks.yaml") is None


def test_a_plan_reads_the_same_with_or_without_the_fast_reader(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the loader, with a problem in one part: the same plan, lines and messages."""
    tasks = data_dir / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("    due: Quý I năm 2021\n", "    due: Quý I năm 2021\n    title2: x\n", 1))
    monkeypatch.setattr(parts, "SPLIT_BYTES", 1000)  # the shipped plan counts as large: read in parts
    monkeypatch.setattr(parts, "PART_BYTES", 3000)
    read_fast = spy(monkeypatch)
    fast = loader.load_dir(data_dir, use_cache=False)
    assert len(read_fast) > 5  # parts the fast reader did read (a stubbed one would read none)
    monkeypatch.setenv("KH_YAML", "pyyaml")
    node = loader.load_dir(data_dir, use_cache=False)
    assert fast[0] == node[0]
    assert [(t.line, t.id) for t in fast[0].tasks] == [(t.line, t.id) for t in node[0].tasks]
    assert [(e.path, e.line, str(e)) for e in fast[1]] == [(e.path, e.line, str(e)) for e in node[1]]
    assert any("title2" in str(e) for e in fast[1])


def test_rapidyaml_s_own_messages_do_not_reach_the_terminal(capfd: pytest.CaptureFixture[str]) -> None:
    assert fastread.read_items(TASK + "  - id: [unclosed\n", "tasks.yaml") is None
    assert capfd.readouterr().err == ""


# Values people type, in every style PyYAML writes them: whatever the fast reader reads must be
# what the node reader reads.
VALUES = st.text(
    alphabet=st.sampled_from([*"aăâbđeêoôơuưyAĐ áàảãạ0129:-#'\"&*!?%@`[]{},.|>~\n/…", "\u0301", "📚"]),
    max_size=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=VALUES,
    evidence=VALUES,
    style=st.sampled_from([None, "'", '"', "|", ">"]),
    width=st.sampled_from([12, 40, 200]),
)
def test_any_value_reads_the_same_or_is_left_to_the_node_reader(
    title: str, evidence: str, style: str | None, width: int
) -> None:
    task = {
        "id": "A-1",
        "title": title,
        "lead": ["so-gddt"],
        "source": {"document": "qd489", "ref": "II.1"},
        "due": "Quý II năm 2021",
        "done": {"date": "2021-06-30", "evidence": evidence},
    }
    items = yaml.safe_dump([task], default_style=style, allow_unicode=True, width=width, sort_keys=False)
    fast = same_as_node("tasks:\n" + textwrap.indent(items, "  "))
    event("read fast" if fast is not None else "declined")


# Every start a value may have, one or two printable ASCII characters (the second after any
# punctuation), in a block value, a flow list and a flow mapping: what PyYAML refuses (a plain
# value starting with ` or @, or with % : ? in a flow list), the fast reader must not read.
PRINTABLE = [chr(c) for c in range(0x20, 0x7F)]
STARTS = PRINTABLE + [a + b for a in PRINTABLE if not a.isalnum() for b in PRINTABLE]
ONE_TASK = "tasks:\n  - id: A-1\n    title: {title}\n    lead: {lead}\n    source: {{document: qd489, ref: {ref}}}\n"


def test_every_ascii_start_of_a_value_reads_the_same_or_is_declined() -> None:
    differ = []
    for start in STARTS:
        for where, text in (
            ("block", ONE_TASK.format(title=start + "x", lead="[u]", ref="r")),
            ("flow list", ONE_TASK.format(title="T", lead=f"[{start}u, v]", ref="r")),
            ("flow mapping", ONE_TASK.format(title="T", lead="[u]", ref=start + "r")),
        ):
            fast = fastread.read_items(text, "tasks.yaml")
            if fast is None:
                continue
            tasks, errors = node_read(text)
            if errors or [t.__dict__ for t in tasks] != [t.__dict__ for t in fast]:
                differ.append((where, start))
    assert len(STARTS) == 95 + 33 * 95
    assert differ == []


def test_a_title_starting_with_a_backtick_is_the_same_problem_for_both_readers(data_dir: Path) -> None:
    """A large file (read fast) and the same file read by PyYAML alone give the same message."""
    big = data_dir / "tasks.d" / "big.yaml"
    big.parent.mkdir()
    items = "".join(
        f"  - id: X-{n}\n    title: Nhiệm vụ {n}\n    lead: [vu-gdtx]\n    source: {{document: qd489, ref: II.1}}\n"
        for n in range(4000)
    ).replace("title: Nhiệm vụ 2500\n", "title: `Nhiệm vụ 2500\n")
    big.write_text("tasks:\n" + items, encoding="utf-8")
    assert big.stat().st_size >= parts.FAST_BYTES
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parts, "SPLIT_BYTES", 100_000)  # in parts: those without the backtick are read fast
        mp.setattr(parts, "PART_BYTES", 50_000)
        read_fast = spy(mp)
        fast = loader.load_plan(data_dir, use_cache=False)[1]
    assert read_fast  # parts without the backtick were read fast: both readers met the file
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KH_YAML", "pyyaml")
        slow = loader.load_plan(data_dir, use_cache=False)[1]
    assert [str(e) for e in fast] == [str(e) for e in slow] != []
    assert any(e.line == 1 + 4 * 2500 + 2 for e in fast)


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029", "\r"])
def test_a_line_break_only_yaml_counts_is_refused_where_it_is(brk: str) -> None:
    text = TASK.replace("    title: Báo cáo kết quả\n", f"    title: Báo cáo{brk}kết quả\n")
    assert fastread.read_items(text, "tasks.yaml") is None
    _, errors = node_read(text, offset=10)
    assert len(errors) == 1 and errors[0].startswith("tasks.yaml:24: ") and f"U+{ord(brk):04X}" in errors[0]


def test_a_key_the_fast_reader_does_not_build_is_left_to_the_node_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new field: its declaration and the node reader's rule are enough; the fast reader,
    which does not know the key yet, declines the item rather than drop the field."""
    from khuyenhoc.read import parse

    for fast, node in [(fastread._TASK, parse.TASK_KEYS), (fastread._COMPLETION, parse.COMPLETION_KEYS),
                       (fastread._NOTE, parse.NOTE_KEYS), (fastread._SUCCESSION, parse.SUCCESSION_KEYS)]:  # fmt: skip
        assert fast.issubset(node)
    assert same_as_node(TASK) is not None
    monkeypatch.setattr(fastread, "_TASK", fastread._TASK - {"partners"})  # as if "partners" were new
    assert "partners:" in TASK and fastread.read_items(TASK, "tasks.yaml") is None
