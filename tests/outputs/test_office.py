"""Word documents an office files (the yearly report, urging letters), proved by reading them
back with python-docx, not by trusting the writer; the Markdown report's charts."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest
from docx import Document

from ..conftest import golden

TODAY = "2022-01-10"


def text_of(path: Path) -> str:
    """The document's text as a reader reads it: the hyphens Word keeps unbroken in table cells
    (U+2011) as hyphens."""
    doc = Document(str(path))
    parts = [p.text.replace("\n", " ") for p in doc.paragraphs]  # a line break inside a paragraph: a space
    for table in doc.tables:
        for row in table.rows:
            parts += ["\n".join(p.text.replace("\n", " ") for p in cell.paragraphs) for cell in row.cells]
    return "\n".join(parts).replace("\u2011", "-")


@pytest.fixture
def report_docx(kh, tmp_path: Path) -> Path:
    out = tmp_path / "bao-cao.docx"
    r = kh("report", "2021", "-f", "docx", "-o", str(out), "--today", TODAY, "--number", "15/BC-GDNN")
    assert r.code == 0, r
    return out


def test_the_report_has_the_administrative_layout(report_docx: Path) -> None:
    doc = Document(str(report_docx))
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins if m is not None] == [20, 20, 30, 15]
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size.pt == 13
    head = doc.tables[0].rows[0].cells
    # the issuer on two even lines, "THƯỜNG XUYÊN" never a word alone on the second
    assert [p.text for p in head[0].paragraphs][:3] == ["BỘ GIÁO DỤC VÀ ĐÀO TẠO", "VỤ GIÁO DỤC\nTHƯỜNG XUYÊN", "―――――"]
    assert "Số: 15/BC-GDNN" in head[0].text
    right = [p.text for p in head[1].paragraphs]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert head[1].paragraphs[1].runs[0].underline and head[1].paragraphs[2].runs[0].italic
    assert "Nơi nhận:" in text_of(report_docx)


def test_the_report_holds_every_overdue_obligation_its_charts_and_fitted_tables(kh, report_docx: Path) -> None:
    overdue = json.loads(kh("report", "2021", "--format", "json", "--today", TODAY).stdout)["overdue"]
    text = text_of(report_docx)
    assert overdue and all(item["id"] in text for item in overdue)
    assert "75,0%" in text  # a decimal comma in Vietnamese (9 of the 12 tasks overdue)
    # tasks and members' shares counted apart, and said so
    assert "14 nhiệm vụ, trong đó 2 giao cho từng thành viên: 89 lượt" in text
    summary = next(t for t in Document(str(report_docx)).tables if t.rows[0].cells[0].text == "Tình trạng")
    assert [c.text for c in summary.rows[0].cells] == [
        "Tình trạng",
        "Nhiệm vụ",
        "Tỷ lệ",
        "Lượt của thành viên",
        "Tỷ lệ",
    ]
    assert [c.text for c in summary.rows[-1].cells] == ["Tổng", "12", "100,0%", "89", "100,0%"]
    doc = Document(str(report_docx))
    assert len(doc.inline_shapes) == 2  # the status bars and the timeline
    overdue_table = next(
        t for t in doc.tables if t.rows[0].cells[0].text == "Mã" and t.rows[0].cells[1].text == "Nhiệm vụ"
    )
    widths = [c.width for c in overdue_table.columns]
    assert widths[1] == max(widths)  # the titles take the width
    assert abs(sum(w.mm for w in widths) - 165) < 1  # the text width of A4 less the margins
    header = overdue_table.rows[0]._tr.trPr
    assert (
        header is not None
        and header.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    )


def test_the_same_data_give_the_same_bytes(kh, report_docx: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    kh("report", "2021", "-f", "docx", "-o", str(again), "--today", TODAY, "--number", "15/BC-GDNN")
    assert again.read_bytes() == report_docx.read_bytes()


def test_a_year_with_nothing_due_draws_no_chart(kh, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert kh("report", "2019", "-f", "docx", "-o", str(out), "--today", TODAY).code == 0
    assert len(Document(str(out)).inline_shapes) == 0
    md = kh("report", "2019", "--today", TODAY).stdout
    assert "```mermaid" not in md


def test_hostile_titles_stay_plain_text_in_the_document(kh, data_dir: Path, tmp_path: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    evil = json.dumps("**bold** <w:p>\x0b\x1b[31m" + "x" * 300 + "\u202e</w:t>", ensure_ascii=True)
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace(
            "title: Xây dựng chương trình, tài liệu dạy học xóa mù chữ", f"title: {evil}", 1
        ),
        encoding="utf-8",
    )
    out = tmp_path / "r.docx"
    assert kh("report", "2021", "-f", "docx", "-o", str(out), "--today", TODAY).code == 0
    text = text_of(out)  # it opens: the XML is whole
    assert "**bold** <w:p>" in text and "\x1b" not in text and "\x0b" not in text


def test_docx_needs_a_file(kh) -> None:
    r = kh("report", "2021", "-f", "docx", "--lang", "en")
    assert r.code == 2 and "add -o FILE.docx" in r.stderr


# -- letters ------------------------------------------------------------------------------------


def test_one_letter_per_body_with_overdue_obligations(kh, tmp_path: Path) -> None:
    """In 2022: each unit with an overdue obligation gets one letter; the members of a
    collective late get one letter to them all (the list annexed); never the issuer (Vụ GDTX)."""
    folder = tmp_path / "letters"
    r = kh("remind", "-o", str(folder), "--today", TODAY, "--lang", "en")
    assert r.code == 0, r
    written = sorted(p.name for p in folder.iterdir() if p.suffix == ".docx")
    overdue = json.loads(kh("list", "--overdue", "--format", "json", "--today", TODAY).stdout)
    units = {u for item in overdue if item["member"] is None for u in item["lead_now"]} - {"vu-gdtx", "bgddt"}
    collectives = {"bo-nganh", "ubnd-tinh", "so-gddt", "don-vi-thuoc-bo"}  # members late: one letter each
    assert written == sorted(f"don-doc-{u}-{TODAY}.docx" for u in units | collectives)
    assert f"{len(written)} letter(s) written" in r.stderr and f"danh-sach-cong-van-{TODAY}.csv" in r.stderr
    assert "no letter to Vụ Giáo dục thường xuyên" in r.stderr and "the issuer itself" in r.stderr
    letter = text_of(folder / f"don-doc-vu-gddh-{TODAY}.docx")
    assert "To: Vụ Giáo dục Đại học." in letter and "BGD-10" in letter and "Re: overdue obligations" in letter


def test_a_letter_reads_as_its_golden_file(kh, tmp_path: Path) -> None:
    kh("remind", "-f", "md", "--unit", "vu-gddh", "-o", str(tmp_path), "--today", TODAY, "--reply-by", "25/01/2022")
    golden("letter-vu-gddh.md", (tmp_path / f"don-doc-vu-gddh-{TODAY}.md").read_text(encoding="utf-8"))


def test_a_letter_as_an_email(kh, data_dir: Path, tmp_path: Path) -> None:
    units = data_dir / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace(
            "    short: Vụ GDĐH\n", "    short: Vụ GDĐH\n    email: vgddh@moet.gov.vn\n", 1
        ),
        encoding="utf-8",
    )
    r = kh(
        "remind", "-f", "eml", "--unit", "vu-gddh", "--from", "gdtx@moet.gov.vn", "-o", str(tmp_path), "--today", TODAY
    )
    assert r.code == 0, r
    message = email.message_from_bytes(
        (tmp_path / f"don-doc-vu-gddh-{TODAY}.eml").read_bytes(), policy=email.policy.default
    )
    assert message["To"] == "vgddh@moet.gov.vn" and message["From"] == "gdtx@moet.gov.vn"
    # its spaces kept; its own task and its yearly reports as a MOET unit, in one letter
    assert message["Subject"] == "V/v đôn đốc thực hiện nhiệm vụ quá hạn (3 nhiệm vụ)"
    body = message.get_body(("plain",))
    assert body is not None and "BGD-10" in body.get_content()


def test_no_overdue_obligation_no_letter(kh, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    r = kh("remind", "-o", str(folder), "--today", "2020-01-01", "--lang", "en")
    assert r.code == 0 and not folder.exists() and "nothing overdue on 2020-01-01" in r.stderr


# -- the Markdown report's charts -----------------------------------------------------------------


def test_markdown_charts_use_the_status_colours_and_day_labels(kh) -> None:
    md = kh("report", "2021", "--today", TODAY).stdout
    pie = md.split("```mermaid\n")[1]
    assert '"pie1": "#7cb342", "pie2": "#1565c0", "pie3": "#c62828"' in pie  # undated, open, overdue
    assert '"Quá hạn: 75%" : 9\n' in pie  # the tasks; the members' shares in a pie of their own
    assert '"pieSectionTextSize": "0px"' in pie  # shares in the legend: thin slices' labels overlapped
    shares = md.split("```mermaid\n")[2]
    assert "Lượt của thành viên" in shares and '"Quá hạn: 100%" : 89\n' in shares
    gantt = md.split("```mermaid\n")[3]
    assert '"critBkgColor": "#c62828"' in gantt and "axisFormat %d/%m" in gantt


def test_the_letterhead_follows_the_succession(kh, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert kh("report", "2025", "-f", "docx", "-o", str(out), "--today", "2026-01-15", "--no-charts").code == 0
    assert "CỤC GIÁO DỤC NGHỀ NGHIỆP VÀ GIÁO DỤC THƯỜNG XUYÊN" in text_of(out)


def test_a_word_letter_reads_as_its_golden_text(kh, tmp_path: Path) -> None:
    """The letter as Word holds it, paragraph by paragraph and cell by cell."""
    kh("remind", "--unit", "vu-gddh", "-o", str(tmp_path), "--today", TODAY, "--reply-by", "25/01/2022")
    golden("letter-vu-gddh.docx.txt", text_of(tmp_path / f"don-doc-vu-gddh-{TODAY}.docx") + "\n")


def test_without_matplotlib_the_report_is_written_without_charts_and_says_how_to_get_them(
    kh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """matplotlib is the optional extra khuyenhoc[charts]: the default install leaves it out."""
    import sys
    import zipfile

    with_charts, without = tmp_path / "with.docx", tmp_path / "without.docx"
    assert kh("report", "2021", "-f", "docx", "-o", str(with_charts), "--today", TODAY).code == 0
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    r = kh("report", "2021", "-f", "docx", "-o", str(without), "--today", TODAY)
    assert r.code == 0 and 'pip install "khuyenhoc[charts]"' in r.stderr and "không có biểu đồ" in r.stderr
    assert any(n.startswith("word/media/") for n in zipfile.ZipFile(with_charts).namelist())
    assert not any(n.startswith("word/media/") for n in zipfile.ZipFile(without).namelist())
    assert text_of(without).count("BÁO CÁO") == text_of(with_charts).count("BÁO CÁO")  # the rest as before
    quiet = kh("report", "2021", "-f", "docx", "-o", str(without), "--today", TODAY, "--no-charts")
    assert quiet.code == 0 and quiet.stderr == ""


def test_the_word_report_says_what_it_is_in_vietnamese_with_no_template_leftovers(kh, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "r.docx"
    args = ("report", "2021", "-f", "docx", "-o", str(out), "--today", TODAY, "--no-charts")
    assert kh(*args, "--signer", "Nguyễn Văn A", "--signer-title", "Vụ trưởng").code == 0
    parts = zipfile.ZipFile(out)
    names = parts.namelist()
    core, app = parts.read("docProps/core.xml").decode(), parts.read("docProps/app.xml").decode()
    styles = parts.read("word/styles.xml").decode()
    assert "docProps/thumbnail.jpeg" not in names and "thumbnail" not in parts.read("_rels/.rels").decode()
    assert "python-docx" not in core and "<Application>kh</Application>" in app and "Macintosh" not in app
    assert "<dc:language>vi-VN</dc:language>" in core and "Báo cáo kết quả thực hiện" in core
    assert 'w:lang w:val="vi-VN"' in styles and "en-US" not in styles
    text = text_of(out)
    assert "BÁO CÁO\nKết quả thực hiện nhiệm vụ khuyến học" in text  # the kind is not said twice
    assert "(Ký, ghi rõ họ tên)" not in text and "VỤ TRƯỞNG" in text  # a signer given: no placeholder
    header = parts.read("word/header1.xml").decode() if "word/header1.xml" in names else ""
    assert "PAGE" in header  # the page number, from page 2 (the first page's header is empty)
    again = tmp_path / "again.docx"
    assert kh(*args[:5], str(again), *args[6:], "--signer", "Nguyễn Văn A", "--signer-title", "Vụ trưởng").code == 0
    assert again.read_bytes() == out.read_bytes()  # the same data and day: the same bytes


def test_the_issuer_is_read_as_any_unit_and_nơi_nhận_follows_it(kh, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    base = ("report", "2021", "-f", "docx", "-o", str(out), "--today", TODAY, "--no-charts")
    r = kh(*base, "--issuer", "vu gdtx")  # typed loosely, as every unit option
    text = text_of(out)
    assert r.code == 0 and "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nVỤ GIÁO DỤC THƯỜNG XUYÊN" in text
    assert "- Bộ trưởng (để báo cáo);\n- Lưu: VT, Vụ GDTX." in text  # a unit of the ministry reports to its Minister
    assert "Văn phòng Chính phủ" not in text
    assert kh(*base, "--issuer", "Bộ GDĐT").code == 0  # the ministry itself reports to the Prime Minister
    assert "- Thủ tướng Chính phủ (để báo cáo);\n- Văn phòng Chính phủ;\n- Lưu: VT, Bộ GDĐT." in text_of(out)
    assert kh(*base, "--recipient", "Thứ trưởng Nguyễn Văn B (để báo cáo)").code == 0
    assert "Nơi nhận:\n- Thứ trưởng Nguyễn Văn B (để báo cáo);\n- Lưu: VT," in text_of(out)
    wrong = kh(*base, "--issuer", "khong co")
    assert wrong.code == 2 and "khong co" in wrong.stderr


def test_a_letter_names_the_plans_by_their_titles_and_takes_more_recipients(kh, tmp_path: Path) -> None:
    kh("remind", "--unit", "vu-gddh", "-o", str(tmp_path), "--today", TODAY, "--recipient", "Thứ trưởng (để báo cáo)")
    text = text_of(tmp_path / f"don-doc-vu-gddh-{TODAY}.docx")
    assert "Thực hiện Kế hoạch của Bộ Giáo dục và Đào tạo thực hiện Quyết định số 489/QĐ-TTg" in text
    assert "Thực hiện KH Bộ GDĐT 2020" not in text  # kh's own label, not a letter's words
    assert "- Như trên;\n- Thứ trưởng (để báo cáo);\n- Lưu: VT, Vụ GDTX." in text


def test_the_per_member_table_is_an_annex_after_the_signature_summarised_in_the_body(kh, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "r.docx"
    assert kh("report", "2021", "-f", "docx", "-o", str(out), "--today", TODAY, "--no-charts").code == 0
    text = text_of(out)
    assert "Kết quả của từng thành viên (89 thành viên) ở Phụ lục kèm theo" in text
    assert "- BGD-III.3-BC (2021), chưa hoàn thành (63): Sở GDĐT Hà Nội, Sở GDĐT Cao Bằng," in text
    assert "PHỤ LỤC\nKẾT QUẢ CỦA TỪNG THÀNH VIÊN NĂM 2021\n(Kèm theo Báo cáo số …/BC-…)" in text
    document = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert document.index("Nơi nhận:") < document.index("PHỤ LỤC")  # after the signature
    assert document.count("<w:sectPr") == 2 and 'w:orient="landscape"' in document  # eight columns: landscape


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("VỤ GIÁO DỤC THƯỜNG XUYÊN", ["VỤ GIÁO DỤC", "THƯỜNG XUYÊN"]),  # was "… THƯỜNG / XUYÊN"
        ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", ["BỘ GIÁO DỤC VÀ ĐÀO TẠO"]),
        ("CỤC NHÀ GIÁO VÀ CÁN BỘ QUẢN LÝ GIÁO DỤC", ["CỤC NHÀ GIÁO VÀ CÁN BỘ", "QUẢN LÝ GIÁO DỤC"]),
    ],
)
def test_the_issuers_name_breaks_between_words_evenly(name: str, lines: list[str]) -> None:
    from khuyenhoc.outputs.office.measure import balanced

    assert balanced(name, 22) == lines


def test_a_thin_slice_of_the_pie_shows_its_share_in_the_legend_never_as_zero() -> None:
    from khuyenhoc.core.model import Status
    from khuyenhoc.outputs.charts import pie

    lines = pie({Status.DONE_ON_TIME: 1, Status.DONE_LATE: 2, Status.OVERDUE: 497}, "T", "vi")
    assert '    "Hoàn thành đúng hạn: <1%" : 1' in lines and '    "Quá hạn: 99%" : 497' in lines
