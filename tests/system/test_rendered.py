"""The Word files as a real renderer prints them: LibreOffice converts the reports and the letters
to PDF, and poppler reads the pages back. What a clerk checks before signing:

- every page after the first carries its number, at the top;
- "Nơi nhận", the signer's title, the archive line and the signer's name are on one page;
- no heading is the last line of a page (it goes with what it heads);
- no id or code is broken inside a table cell (a break after a hyphen of running text is
  allowed, as typesetting does).

Skipped, and said so, where LibreOffice or poppler is not installed (`.ci/run` installs them
when it runs as root).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from khuyenhoc.cli import app

from ..conftest import DATA

TOOLS = ("soffice", "pdftotext", "pdfinfo")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in TOOLS),
    reason="LibreOffice (soffice) or poppler (pdftotext) is not installed: the Word files were not rendered",
)
SIGNER = "Nguyễn Văn A"
IDS = re.compile(r"\b(?:TTG|BGD)-[A-Za-z0-9.\-]*")
HEADING = re.compile(r"^(\d+\. \S.*|BÁO CÁO|PHỤ LỤC)$")


def _kh(*args: str) -> None:
    result = CliRunner().invoke(app, [*args, "--data", str(DATA), "--today", "04/12/2026"], catch_exceptions=False)
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """Each document: (its .docx, its PDF's pages as text)."""
    from khuyenhoc.words.i18n import set_lang

    set_lang("vi")
    out = tmp_path_factory.mktemp("rendered")
    for year in ("2021", "2025", "2026"):
        _kh("report", year, "-f", "docx", "-o", str(out / f"bao-cao-{year}.docx"), "--no-charts")
        _kh("report", year, "-f", "docx", "-o", str(out / f"bao-cao-{year}-ky.docx"),
            "--signer", SIGNER, "--signer-title", "Cục trưởng")  # fmt: skip
    _kh("remind", "-o", str(out / "thu"))
    _kh("remind", "--unit", "so-gddt", "--each", "-o", str(out / "tung-so"))
    documents = sorted(out.rglob("*.docx"))
    pdfs = out / "pdf"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(pdfs), *map(str, documents)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return {d.name: (d, _pages(pdfs / f"{d.stem}.pdf")) for d in documents}


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    return [
        subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                       capture_output=True, text=True, check=True).stdout.replace("\u2011", "-")
        for n in range(1, count + 1)
    ]  # fmt: skip


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_every_report_and_letter_was_rendered(rendered: dict[str, tuple[Path, list[str]]]) -> None:
    assert len([n for n in rendered if n.startswith("bao-cao")]) == 6
    assert len([n for n in rendered if n.startswith("don-doc-so-gddt-")]) >= 34  # one to each Sở, and one to all


def test_pages_after_the_first_carry_their_number(rendered: dict[str, tuple[Path, list[str]]]) -> None:
    wrong = {
        name: [n for n, page in enumerate(pages[1:], 2) if _lines(page)[:1] != [str(n)]]
        for name, (_, pages) in rendered.items()
    }
    assert {name: pages for name, pages in wrong.items() if pages} == {}
    assert all(str(1) not in _lines(pages[0])[:1] for _, pages in rendered.values())  # page 1 unnumbered


def test_the_signature_and_nơi_nhận_are_on_one_page(rendered: dict[str, tuple[Path, list[str]]]) -> None:
    apart = {}
    for name, (_, pages) in rendered.items():
        where = [n for n, page in enumerate(pages, 1) if "Nơi nhận:" in page]
        signer = SIGNER if name.endswith("-ky.docx") else "(Ký, ghi rõ họ tên)"
        if len(where) != 1 or not all(s in pages[where[0] - 1] for s in ("Lưu: VT", signer)):
            apart[name] = where
    assert apart == {}


def test_no_heading_ends_a_page(rendered: dict[str, tuple[Path, list[str]]]) -> None:
    alone = {
        name: [(n, _lines(page)[-1]) for n, page in enumerate(pages[:-1], 1) if HEADING.match(_lines(page)[-1])]
        for name, (_, pages) in rendered.items()
    }
    assert {name: found for name, found in alone.items() if found} == {}


def test_no_id_is_broken_in_two(rendered: dict[str, tuple[Path, list[str]]]) -> None:
    broken = {}
    for name, (docx, pages) in rendered.items():
        document = Document(str(docx))
        cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
        written = "\n".join([p.text for p in document.paragraphs] + cells).replace("\u2011", "-")
        printed = re.sub(r"(?<=\S-)\n\s*", "", "\n".join(pages))  # running text may break after a hyphen
        want = {m.rstrip(".,;:)") for m in IDS.findall(written)}
        if extra := {m.rstrip(".,;:)") for m in IDS.findall(printed)} - want:
            broken[name] = sorted(extra)
    assert broken == {}
