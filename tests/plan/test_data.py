"""The shipped plan: complete, clean, and traceable to the source texts."""

from __future__ import annotations

import re
import unicodedata

import pytest

from khuyenhoc.core.model import Status
from khuyenhoc.core.status import rows
from khuyenhoc.read.loader import load_dir

from ..conftest import DATA, SOURCES


@pytest.fixture(scope="module")
def plan():
    plan, errors = load_dir(DATA)
    assert errors == []
    return plan


def flat(text: str) -> str:
    """A source text with the PDF's line breaks and stray spaces folded away."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_every_lettered_item_and_bullet_of_489_is_a_task(plan) -> None:
    refs = {t.ref for t in plan.tasks if t.document == "qd489"}
    expected = {
        "II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.2.a", "II.2.b", "II.2.c",
        "II.3.a", "II.3.b", "II.3.c", "II.4.a.1", "II.4.a.2", "II.4.a.3", "II.4.b",
        "II.4.c.1", "II.4.c.2", "II.4.d", "II.5.a", "II.5.b", "II.5.c", "II.5.d",
        "II.6.a", "II.6.b.1", "II.6.b.2", "II.6.c", "II.6.d.1", "II.6.d.2", "II.6.d.3",
        "II.7.a.1", "II.7.a.2", "II.7.a.3", "II.7.a.4", "II.7.b.1", "II.7.b.2",
        "III.1.a", "III.1.b", "III.1.c", "III.2", "III.3",
    }  # fmt: skip
    assert refs == expected


def test_all_19_moet_appendix_rows_and_the_body_duties_are_tasks(plan) -> None:
    moet = [t for t in plan.tasks if t.document == "kh-bgddt"]
    assert {t.ref for t in moet if t.ref.startswith("PL.")} == {f"PL.{n}" for n in range(1, 20)}
    assert {t.ref for t in moet if not t.ref.startswith("PL.")} == {"III.2", "III.3", "III.4", "III.5", "IV.2"}
    yearly_reports = sorted(t.id for t in moet if t.due_text == "trước ngày 30/10 hằng năm")
    assert yearly_reports == ["BGD-III.2-BC", "BGD-III.3-BC", "BGD-III.4-BC"]


def test_titles_are_clean_nfc_without_pdf_artefacts(plan) -> None:
    for task in plan.tasks:
        assert unicodedata.is_normalized("NFC", task.title), task.id
        assert not any(unicodedata.combining(c) for c in task.title), task.id
        assert "  " not in task.title and task.title == task.title.strip(), task.id


def test_every_deadline_is_written_exactly_as_in_its_source(plan) -> None:
    texts = {
        "qd489": flat((SOURCES / "qd-489-ttg-2020.txt").read_text(encoding="utf-8")),
        "kh-bgddt": flat((SOURCES / "bgddt-ke-hoach-2020.txt").read_text(encoding="utf-8")),
    }
    for task in plan.tasks:
        if task.due_text:
            assert task.due_text in texts[task.document], (task.id, task.due_text)


def test_moet_appendix_titles_match_the_table(plan) -> None:
    text = flat((SOURCES / "bgddt-ke-hoach-2020.txt").read_text(encoding="utf-8"))
    # The PDF splits words ("2012- 2020", "hội học") and puts stray marks on a few letters.
    text = text.replace("MUC̣", "MỤC").replace("- ", "-")
    squeeze = re.compile(r"\s+")
    for task in plan.tasks:
        if task.ref.startswith("PL."):
            title = squeeze.sub(" ", task.title)
            assert title in text or title.replace("- ", "-") in text, task.id


def test_moet_tasks_link_to_the_489_items_the_domain_notes_confirm(plan) -> None:
    assert plan.task("BGD-07").implements == "TTG-II.5.a"
    assert plan.task("BGD-17").implements == "TTG-II.4.a.1"


def test_only_sourced_outcomes_are_recorded(plan) -> None:
    done = {t.id: t.done for t in plan.tasks if t.done or t.done_yearly}
    assert set(done) == {"BGD-03", "BGD-09", "TTG-II.1.d"}
    assert done["BGD-03"].on.isoformat() == "2020-08-06" and "22/2020/TT-BGDĐT" in done["BGD-03"].evidence
    assert done["BGD-09"].on.isoformat() == "2021-07-30" and "1373/QĐ-TTg" in done["BGD-09"].evidence
    # The national review of the 2012-2020 Đề án, held after the Quý IV/2020 deadline: done late.
    assert done["TTG-II.1.d"].on.isoformat() == "2021-06-18" and "tổng kết 8 năm" in done["TTG-II.1.d"].evidence
    assert all(c.source for c in done.values())
    # The same review is only a note on BGD-02, which asks for three Đề án to be reviewed.
    assert plan.task("BGD-02").done is None and plan.task("BGD-02").notes[0].on.isoformat() == "2021-06-18"


def test_the_outcomes_give_the_expected_statuses(plan) -> None:
    from datetime import date

    by_id = {r.task.id: r.status for r in rows(plan, date(2022, 1, 1)) if r.occurrence.year is None}
    assert by_id["BGD-03"] is Status.DONE_ON_TIME  # due Quý III/2020, Thông tư 22 on 06/08/2020
    # Due Quý II/2021; the Prime Minister approved it on 30/07/2021: done by then, and whether MOET
    # submitted it on time is not known, so kh does not say it was late.
    assert by_id["BGD-09"] is Status.DONE_UNDATED and not plan.task("BGD-09").done.exact
    assert by_id["BGD-04"] is Status.OVERDUE  # Thông tư 09/2021 is only a note: TV teaching unconfirmed
    assert by_id["BGD-10"] is Status.OVERDUE  # no approval found
    assert by_id["TTG-II.1.d"] is Status.DONE_LATE  # due Quý IV/2020, reviewed on 18/06/2021


SOURCE_FILES = {"qd489": "qd-489-ttg-2020.txt", "kh-bgddt": "bgddt-ke-hoach-2020.txt"}


def _flat(text: str) -> str:
    """A text as the titles are compared with it: one line, case folded, and the PDF artefacts
    of the MOET text (words split at line ends, stray combining marks) undone."""
    text = " ".join(unicodedata.normalize("NFC", text).split()).replace("- ", "-")
    for broken, whole in (("hơp̣", "hợp"), ("đươc̣", "được"), ("MUC̣", "MỤC"), ("hoac̣h", "hoạch")):
        text = text.replace(broken, whole)
    return text.casefold()


def test_every_title_is_the_text_s_own_words(plan) -> None:
    """A title is its source's words (case aside): the duty, after the unit that owes it. Where
    words are left out inside it, "…" marks the cut. A title in the body of a plan (not an
    appendix row, a table cell) ends where the text's sentence ends, or where the deadline
    phrase that `due:` holds follows, or where another task's title follows (one sentence
    giving two duties): never a silent cut at its end either."""
    texts = {doc: _flat((SOURCES / name).read_text(encoding="utf-8")) for doc, name in SOURCE_FILES.items()}
    for task in plan.tasks:
        text = texts[task.document]
        at = 0
        for piece in (p.strip() for p in _flat(task.title).split("…")):
            found = text.find(piece, at)
            assert found >= 0, (task.id, piece)
            at = found + len(piece)
        if task.ref.startswith("PL."):
            continue
        rest = text[at : at + 300]
        same_sentence = [t for t in plan.tasks if (t.document, t.ref) == (task.document, task.ref) and t is not task]
        after = [_flat(t.title) for t in same_sentence]
        due = _flat(task.due_text) if task.due_text else None
        assert (
            re.match(r"\s*[.;]", rest)
            or (due is not None and re.match(r"\s*,?\s*" + re.escape(due) + r"\s*[.;,]", rest))
            or any(rest.lstrip().startswith(other) for other in after)
        ), f"{task.id}: the sentence goes on: {rest[:80]!r}"


def test_the_title_check_catches_a_silent_cut(plan) -> None:
    import dataclasses

    task = plan.task("TTG-III.2")
    cut = dataclasses.replace(task, title=task.title.removesuffix(" để bảo đảm thực hiện Kế hoạch đồng bộ, hiệu quả"))
    shorter = dataclasses.replace(plan, tasks=(cut,))
    with pytest.raises(AssertionError, match="the sentence goes on"):
        test_every_title_is_the_text_s_own_words(shorter)


def test_a_partner_s_stated_role_is_kept_and_shown(kh) -> None:
    import json

    shown = kh("show", "BGD-02", "--today", "2026-11-22")
    assert "vai trò: chuẩn bị nội dung tổng kết, đánh giá Đề án “Đào tạo từ xa giai đoạn" in " ".join(
        shown.stdout.split()
    )
    record = json.loads(kh("show", "BGD-02", "--format", "json", "--today", "2026-11-22").stdout)
    assert record["partners"] == ["bo-nganh", "ubnd-tinh", "vu-gddh"]  # the contract's ids, unchanged
    assert record["partner_roles"] == {
        "vu-gddh": "chuẩn bị nội dung tổng kết, đánh giá Đề án “Đào tạo từ xa giai đoạn 2015-2020”"
    }
    report = kh("report", "2021").stdout
    assert "Vụ GDĐH (chuẩn bị nội dung tổng kết" in " ".join(report.split())


def test_a_unit_is_never_shown_as_its_own_partner(kh) -> None:
    before = kh("show", "TTG-II.1.b", "--today", "2025-02-28").stdout
    after = kh("show", "TTG-II.1.b", "--today", "2025-03-01").stdout
    assert "Bộ LĐTBXH" in before
    partners_after = after.split("Phối hợp")[1].split("Nguồn")[0]
    assert "Bộ LĐTBXH" not in partners_after and "Bộ GDĐT" not in partners_after


def test_the_duties_of_moet_plan_iii_5_and_489_iii_3_are_each_a_task(plan) -> None:
    proposals = plan.task("BGD-III.5-DX")
    assert proposals is not None and proposals.lead == ("don-vi-thuoc-bo",) and proposals.partner_roles["vu-gdtx"]
    assert (
        "biện pháp cần thiết nhằm bảo đảm Kế hoạch được thực hiện hiệu quả, đúng tiến độ"
        in plan.task("BGD-III.5").title
    )
    assert "bgddt" not in plan.task("TTG-III.3").partners and plan.task("TTG-III.3-TH").lead == ("bgddt",)
