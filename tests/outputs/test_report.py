"""`kh report YEAR`: figures counted by hand from the plan, consistency with `kh list`,
deterministic and valid Markdown whatever the titles hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ..conftest import golden

# Counted by hand from the sources (README "Statuses and deadlines"), as of 31/12 of each year:
# 2020: due are 489 II.1.a, II.1.d, III.1.a (quý II/IV 2020), MOET rows 1, 2, 3, and the 2020
#       occurrences of row 19 and the three "trước ngày 30/10" reports: 10. Row 3 was done on
#       06/08/2020 (Thông tư 22/2020, due Quý III): on time. II.1.d and row 2 fall due on
#       31/12/2020 itself: still open. The other 7 are overdue.
# 2021: rows 4-13 (10) and the four yearly reports: 14. Row 9 was done by 30/07/2021 (approved
#       then; the day MOET submitted it is unknown): done, neither on time nor late;
#       rows 5 and 10 fall due on 31/12/2021: open; 11 overdue. Of the 9 not-done 2020
#       obligations, II.1.d was reviewed on 18/06/2021 (done late): 8 carry over.
# 2022: rows 14, 15, 16 and the four yearly reports: 7; row 16 is due 31/12/2022: open; 6
#       overdue. Carried over: 8 from 2020 and 13 from 2021 = 21.
# Standing duties, every year: 37 of 489/QĐ-TTg's 40 tasks (III.3 gives two duties) and 6 MOET
#       duties (III.2, III.3, III.4, the two of III.5, IV.2) = 43.
HAND_COUNTS = {
    2020: {
        "due": 10,
        "done_on_time": 1,
        "done_late": 0,
        "done_undated": 0,
        "open": 2,
        "overdue": 7,
        "ongoing": 43,
        "carried_over": 0,
    },
    2021: {
        "due": 14,
        "done_on_time": 0,
        "done_late": 0,
        "done_undated": 1,
        "open": 2,
        "overdue": 11,
        "ongoing": 43,
        "carried_over": 8,
    },
    2022: {
        "due": 7,
        "done_on_time": 0,
        "done_late": 0,
        "done_undated": 0,
        "open": 1,
        "overdue": 6,
        "ongoing": 43,
        "carried_over": 21,
    },
}


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_report_markdown_golden(kh, year: int) -> None:
    r = kh("report", str(year))
    assert r.code == 0, r
    golden(f"report-{year}.vi.md", r.stdout)


# The tasks owed by each member (per_member), due in each year, and how many members owed each on
# its due day: 22 ministries and ministry-level agencies, 8 Government agencies and 63 provinces
# (TTG-*), the 26 units of MOET's structure under Nghị định 69/2017/NĐ-CP (BGD-III.2-BC: its
# 2022 report was due on 29/10/2022, before Nghị định 86/2022/NĐ-CP), the 63 provinces' Sở GDĐT
# (BGD-III.3-BC). BGD-III.4-BC is owed by each university too, but the plans list none: one row.
# None has a member's completion in the shipped data, so each member's occurrence is overdue:
# the hand counts above count each task once, the report counts each member's occurrence once.
MEMBERS_OWING = {
    2020: {"TTG-II.1.a": 93, "TTG-III.1.a": 93, "BGD-III.2-BC": 26, "BGD-III.3-BC": 63},
    2021: {"BGD-III.2-BC": 26, "BGD-III.3-BC": 63},
    2022: {"BGD-III.2-BC": 26, "BGD-III.3-BC": 63},
}


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_report_counts_equal_the_hand_counts(kh, year: int) -> None:
    r = kh("report", str(year), "--format", "json")
    report = json.loads(r.stdout)
    assert report["as_of"] == f"{year}-12-31"
    expected = dict(HAND_COUNTS[year])
    extra = sum(MEMBERS_OWING[year].values()) - len(MEMBERS_OWING[year])  # one row became n
    expected["due"] += extra
    expected["overdue"] += extra
    # and every member's occurrence of an earlier year is carried over, where one row was
    expected["carried_over"] += sum(n - 1 for e, owing in MEMBERS_OWING.items() if e < year for n in owing.values())
    summary = report["summary"]
    assert {k: summary[k] for k in expected} == expected
    # the same counted apart, as the report's first section reads: "14 nhiệm vụ, trong đó 2 giao
    # cho từng thành viên: 89 lượt" (the task owed by each member once, its members' shares apart)
    owing = MEMBERS_OWING[year]
    assert (summary["tasks"], summary["tasks_per_member"], summary["member_shares"]) == (
        HAND_COUNTS[year]["due"], len(owing), sum(owing.values()),
    )  # fmt: skip
    assert summary["by_member_share"]["overdue"] == sum(owing.values())  # nobody reported
    assert summary["by_task"]["overdue"] == HAND_COUNTS[year]["overdue"] - len(owing)
    assert sum(summary["by_task"].values()) + sum(summary["by_member_share"].values()) == summary["due"]
    assert [(d["id"], d["owed"], d["overdue"]) for d in report["duties"]] == [
        (task_id, n, n) for task_id, n in MEMBERS_OWING[year].items()
    ]


@pytest.mark.parametrize(("year", "today"), [(2021, "2021-12-31"), (2022, "2022-07-01"), (2021, "2026-11-22")])
def test_report_counts_equal_kh_list(kh, year: int, today: str) -> None:
    report = json.loads(kh("report", str(year), "--today", today, "--format", "json").stdout)
    assert report["as_of"] == min(today, f"{year}-12-31")  # an ended year is reported as of its last day
    as_of = report["as_of"]
    listed = json.loads(kh("list", "--year", str(year), "--all", "--today", as_of, "--format", "json").stdout)
    for status in ("done_on_time", "done_late", "open", "overdue"):
        assert report["summary"][status] == sum(1 for i in listed if i["status"] == status), status
    assert report["summary"]["due"] == len(listed)
    dues = [i["due"] for i in report["overdue"]]
    assert dues == sorted(dues)  # oldest first


def test_report_as_of_defaults_to_today_within_the_year(kh) -> None:
    r = kh("report", "2021", "--format", "json", env={"KH_TODAY": "2021-07-01"})
    report = json.loads(r.stdout)
    assert report["as_of"] == "2021-07-01"
    assert report["summary"]["done_late"] == 0  # BGD-09 was approved on 30/07/2021, after the as-of date


def test_report_units_table_and_reporting_duties(kh) -> None:
    report = json.loads(kh("report", "2021", "--format", "json").stdout)
    by_unit = {u["unit"]: u for u in report["units"]}
    assert by_unit["vu-gdtx"] == {
        "unit": "vu-gdtx",
        "counted": "tasks",
        "due": 5,
        "done_on_time": 0,
        "done_late": 0,
        "done_undated": 1,  # BGD-09: done by 30/07/2021 (approved then); submitted on a day not known
        "open": 0,
        "overdue": 4,
    }
    # each 2021 obligation has one lead unit; a member's, its collective (don-vi-thuoc-bo, so-gddt)
    assert sum(u["due"] for u in report["units"]) == 14 - 2 + 26 + 63
    assert by_unit["so-gddt"]["overdue"] == 63 and by_unit["so-gddt"]["counted"] == "member_shares"
    assert [u["unit"] for u in report["units"] if u["counted"] == "member_shares"] == ["so-gddt", "don-vi-thuoc-bo"]
    assert list(dict.fromkeys((d["id"], d["status"]) for d in report["reporting"])) == [
        ("BGD-III.2-BC", "overdue"), ("BGD-III.3-BC", "overdue"), ("BGD-III.4-BC", "overdue"), ("BGD-19", "overdue"),
    ]  # fmt: skip
    assert sum(1 for d in report["reporting"] if d["member"] is not None) == 26 + 63
    # what was completed in 2021: the 2020 review (TTG-II.1.d, late) and BGD-09
    assert [c["id"] for c in report["completed"]] == ["TTG-II.1.d", "BGD-09"]
    assert report["completed"][1]["evidence"].startswith("Quyết định 1373/QĐ-TTg")
    assert [n["id"] for n in report["next_year"]][:2] == ["BGD-14", "BGD-15"]


def test_report_english_without_charts_golden(kh) -> None:
    r = kh("report", "2021", "--lang", "en", "--no-charts")
    assert r.code == 0 and "```mermaid" not in r.stdout
    golden("report-2021.en.md", r.stdout)


def test_report_table_format(kh) -> None:
    r = kh("report", "2021", "--format", "table")
    assert r.code == 0
    golden("report-2021.table.txt", r.stdout)


def test_report_is_deterministic_and_written_atomically(kh, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao" / "bao-cao-2021.md"
    out.parent.mkdir()
    assert kh("report", "2021", "-o", str(out)).code == 0
    first = out.read_bytes()
    assert kh("report", "2021", "-o", str(out)).code == 0
    assert out.read_bytes() == first == kh("report", "2021").stdout.encode()
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_report_output_to_a_missing_folder_is_an_io_error(kh, tmp_path: Path) -> None:
    r = kh("report", "2021", "-o", str(tmp_path / "no" / "such" / "r.md"))
    assert r.code == 2 and r.stderr.startswith("kh: ") and "Traceback" not in r.stderr


EVIL = 'title: "A | B *c* _d_ `e` <script>alert(1)</script> [x](http://e) &amp; \\nline # ~~s~~"'


def test_report_markdown_stays_valid_whatever_the_titles_hold(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    for title in ("title: Xây dựng chương trình, tài liệu dạy học xóa mù chữ", "title: Tổng hợp và xây dựng báo cáo"):
        text = text.replace(title, EVIL, 1)
    tasks.write_text(text, encoding="utf-8")
    report = kh("report", "2021").stdout
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(report)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert not kinds & {"html_inline", "html_block", "link_open", "strong_open", "code_inline", "s_open"}
    inline = [c.type for t in tokens for c in (t.children or [])]
    assert inline.count("em_open") == 1  # the report's own as-of line, nothing from the titles
    # every table row has as many cells as its header
    rows: list[int] = []
    for t in tokens:
        if t.type == "tr_open":
            rows.append(0)
        elif t.type in ("th_open", "td_open"):
            rows[-1] += 1
        elif t.type == "table_close":
            assert len(set(rows)) == 1, rows
            rows = []
    rendered = MarkdownIt("commonmark").enable("table").render(report)
    assert "<script>" not in rendered and "A | B *c* _d_ `e` &lt;script&gt;" in rendered.replace("\\", "")


def test_the_markdown_gantt_draws_done_with_no_known_day_in_its_own_colour(kh) -> None:
    """Mermaid's Gantt has four fills for kh's five statuses: "done, day unknown" is tagged
    "done, crit" and the diagram's CSS fills that class with the status's colour (it was the
    green of "done on time"). Checked with mermaid-cli 11.17 (see the CHANGELOG)."""
    from khuyenhoc.core.model import Status
    from khuyenhoc.outputs.charts import STATUS_COLOURS

    md = kh("report", "2021", "--today", "2022-01-10").stdout
    gantt = md.split("```mermaid\n")[3]
    assert "• BGD-09 : done, crit, milestone, 2021-06-30, 0d" in gantt  # done, date unknown
    undated = STATUS_COLOURS[Status.DONE_UNDATED]
    assert (
        f'"themeCSS": ".doneCrit0, .doneCrit1, .doneCrit2, .doneCrit3 {{ fill: {undated}; stroke: {undated}; }}"'
        in gantt
    )
    assert "done, crit" not in gantt.replace("• BGD-09 : done, crit", "")  # no other task tagged so
