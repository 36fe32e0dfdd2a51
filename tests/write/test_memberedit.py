"""Editing a member's file (``kh done/reopen/note --member``) in every layout YAML allows for its
``records:``: block lists indented or not, flow lists on one line or several, empty or absent;
CRLF and a BOM kept. The result must read as the intended records and nothing else, or kh
refuses and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

R23 = '{task: BGD-III.3-BC, year: 2023, date: 2023-10-20, evidence: "BC 1"}'
R24 = '{task: BGD-III.3-BC, year: 2024, date: 2024-10-20, evidence: "BC 2"}'
R25 = '{task: BGD-III.3-BC, year: 2025, date: 2025-10-01, evidence: "x"}'
DONE_2025 = ("done", "BGD-III.3-BC", "--member", "ha-noi", "--year", "2025", "--on", "2025-10-01", "-e", "x")
REOPEN = ("reopen", "BGD-III.3-BC", "--member", "ha-noi", "--year")

LAYOUTS = {
    "block": f"member: ha-noi\nrecords:\n  - {R23}\n  - {R24}\n",
    "indentless": f"member: ha-noi\nrecords:\n- {R23}\n- {R24}\n",
    "flow, one line": f"member: ha-noi\nrecords: [{R23}, {R24}]\n",
    "flow, several lines": f"member: ha-noi\nrecords: [\n  {R23},\n  {R24}\n]\n",
    "flow, trailing comma": f"member: ha-noi\nrecords: [\n  {R23},\n  {R24},\n]\n",
    "block mappings": (
        "member: ha-noi\nrecords:\n  - task: BGD-III.3-BC\n    year: 2023\n    date: 2023-10-20\n"
        "    evidence: BC 1\n  # a comment between records stays\n  - task: BGD-III.3-BC\n    year: 2024\n"
        "    date: 2024-10-20\n    evidence: BC 2\n"
    ),
}


def years(kh, member: str = "ha-noi") -> list[str]:
    """The years the member has done BGD-III.3-BC, as kh reads them."""
    import json

    out = kh(
        "list", "--member", member, "--all", "--search", "BGD-III.3-BC", "--format", "json", "--today", "2026-11-25"
    )
    assert out.code == 0, out
    return sorted(str(r["occurrence"]) for r in json.loads(out.stdout) if r["status"].startswith("done"))


def write(data_dir: Path, text: str | bytes, name: str = "ha-noi.yaml") -> Path:
    path = data_dir / "members" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("year", ["2023", "2024"])
def test_reopen_removes_one_record_in_every_layout(kh, data_dir: Path, layout: str, year: str) -> None:
    path = write(data_dir, LAYOUTS[layout])
    result = kh(*REOPEN, year)
    assert result.code == 0, result
    assert years(kh) == [y for y in ("2023", "2024") if y != year]
    assert kh("check").code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("member: ha-noi\nrecords:")
    if layout == "block mappings":
        assert "# a comment between records stays" in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_done_appends_one_record_in_every_layout(kh, data_dir: Path, layout: str) -> None:
    path = write(data_dir, LAYOUTS[layout])
    before = path.read_text(encoding="utf-8")
    assert kh(*DONE_2025).code == 0
    assert years(kh) == ["2023", "2024", "2025"]
    after = path.read_text(encoding="utf-8")
    if not layout.startswith("flow"):  # a block list: exactly one line more, nothing else changed
        added = [line for line in after.splitlines() if line not in before.splitlines()]
        assert len(after.splitlines()) == len(before.splitlines()) + 1 and added == [added[0]]
        assert added[0].lstrip("- ") == R25
        assert added[0].startswith("- " if layout == "indentless" else "  - ")


def test_reopen_of_the_only_record_leaves_an_empty_list_and_every_view_agrees(kh, data_dir: Path) -> None:
    path = write(data_dir, f"member: ha-noi\nrecords:\n  - {R24}\n")
    assert kh(*REOPEN, "2024").code == 0
    assert path.read_text(encoding="utf-8") == "member: ha-noi\nrecords:\n"
    assert kh("check").code == 0
    assert years(kh) == []
    assert kh(*DONE_2025).code == 0  # and the next record goes where it belongs
    assert path.read_text(encoding="utf-8") == f"member: ha-noi\nrecords:\n  - {R25}\n"


def test_an_empty_flow_list_becomes_a_block_list_keeping_its_comment(kh, data_dir: Path) -> None:
    path = write(data_dir, "member: ha-noi\nrecords: []  # chưa có\n")
    assert kh(*DONE_2025).code == 0
    assert path.read_text(encoding="utf-8") == f"member: ha-noi\nrecords: # chưa có\n  - {R25}\n"


def test_crlf_and_a_bom_are_kept(kh, data_dir: Path) -> None:
    path = write(data_dir, f"\ufeffmember: ha-noi\r\nrecords:\r\n  - {R23}\r\n  - {R24}\r\n")
    assert kh(*DONE_2025).code == 0
    assert kh(*REOPEN, "2023").code == 0
    assert path.read_bytes() == f"\ufeffmember: ha-noi\r\nrecords:\r\n  - {R24}\r\n  - {R25}\r\n".encode()


def test_a_record_in_a_file_the_member_split_off_is_reopened_there(kh, data_dir: Path) -> None:
    main = write(data_dir, f"member: ha-noi\nrecords:\n  - {R23}\n")
    split = write(data_dir, f"member: ha-noi\nrecords:\n  - {R24}\n", "ha-noi.2024.yaml")
    assert kh(*REOPEN, "2024").code == 0
    assert split.read_text(encoding="utf-8") == "member: ha-noi\nrecords:\n"
    assert main.read_text(encoding="utf-8") == f"member: ha-noi\nrecords:\n  - {R23}\n"


def test_an_edit_that_would_change_another_record_is_refused(data_dir: Path) -> None:
    """The last guard, whatever the layout: the new file must read as exactly the intended
    records, or kh refuses with the file's name and writes nothing."""
    from khuyenhoc.errors import KhError
    from khuyenhoc.read.memberfile import parse_members
    from khuyenhoc.write.memberedit import _verify

    path = data_dir / "members" / "ha-noi.yaml"
    records = parse_members(f"member: ha-noi\nrecords: [{R23}, {R24}]\n", str(path), [])
    assert records is not None and len(records) == 2
    _verify(path, f"member: ha-noi\nrecords: [{R23}, {R24}]\n".encode(), tuple(records))  # as intended: fine
    with pytest.raises(KhError, match="cannot edit the records written this way"):
        _verify(path, f"member: ha-noi\nrecords: [{R23}]\n".encode(), tuple(records))  # one lost


def test_a_flow_list_over_several_lines_loses_only_the_item_and_its_comma(kh, data_dir: Path) -> None:
    r22 = R23.replace("2023", "2022")
    path = write(data_dir, f"member: ha-noi\nrecords: [{R23},\n  {R24}, {r22}]\n")
    assert kh(*REOPEN, "2024").code == 0
    assert path.read_text(encoding="utf-8") == f"member: ha-noi\nrecords: [{R23},\n  {r22}]\n"
    assert years(kh) == ["2022", "2023"]


def test_temporary_files_of_a_killed_member_write_are_cleaned_by_the_next_one(kh, data_dir: Path) -> None:
    left = write(data_dir, "half a file", ".ha-noi.yaml.0123456789ab.tmp")  # a first record's write, killed
    other = write(data_dir, "x", ".cao-bang.yaml.0123456789ab.tmp")
    mine = write(data_dir, "not kh's", "notes.tmp")
    assert kh(*DONE_2025).code == 0
    assert not left.exists() and not other.exists() and mine.exists()
