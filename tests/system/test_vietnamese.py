"""No English under the Vietnamese default: every command, its help, its errors and the files it
writes are read for English words.

What is left out before looking: identifiers a user types or a program reads (option names,
the JSON names of statuses, command names, file names, ids, addresses, the lines of examples
and what is quoted in backticks or brackets, where kh shows another program's own words), and
the JSON and CSV formats, which are contracts for programs (docs/reference.md).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khuyenhoc.cli import app

from ..conftest import DATA, ROOT

SAMPLE = ROOT / "docs" / "vi-du" / "so-van-ban-den.csv"

# Words of English prose that are not also a kh identifier (done, overdue, open, report, units…).
ENGLISH = set(
    """the and of is are not with for from by should must cannot this that has have was will which
    when there than only each every none missing invalid unknown expected found usage options
    arguments argument error errors warning see run written nothing already since until without
    between before after into would could file files line days year years late member members
    letter letters task tasks commands command help default required""".split()  # noqa: SIM905
)
IDENTIFIERS = re.compile(
    r"https?://\S+|`[^`]*`|\[[^\]]*\]|--?[a-z][\w-]*|\S*[./\\@_=:]\S*|\S*\d\S*|\b(?:done|overdue|open|ongoing|"
    r"standing|list|show|units|check|report|remind|agenda|ics|history|init|note|set|reopen|migrate|divisions|import)\b"
)
COMMANDS = [
    [], ["--help"],
    ["list", "--overdue"], ["list", "--all", "--members", "--year", "2026"], ["list", "--year", "2019"],
    ["list", "--format", "md"], ["show", "BGD-19"], ["show", "BGD-III.3-BC"], ["show", "BGD-99"], ["units"],
    ["units", "--format", "md"], ["check"], ["report", "2021"], ["report", "2021", "-f", "table"], ["report", "2026"],
    ["report", "2019"], ["agenda"], ["agenda", "--within", "1m", "--format", "md"], ["ics", "-o", "out/a.ics"],
    ["remind", "-o", "out/thu", "--format", "md"], ["remind", "--per-member", "--unit", "so-gddt", "-o", "out/thu2"],
    ["report", "2021", "-f", "docx", "-o", "out/bao-cao.docx", "--no-charts"], ["init", "out/theo-doi"],
    ["done", "BGD-12", "-e", "Công văn 1/BGDĐT", "--on", "01/12/2026"], ["reopen", "BGD-12"],
    ["note", "BGD-12", "đang soạn"], ["set", "BGD-12", "due", "Quý II năm 2027"], ["migrate"],
    ["done", "BGD-III.3-BC", "--member", "ha noi", "-e", "Báo cáo 1/SGDĐT", "--on", "20/10/2026"],
    ["reopen", "BGD-III.3-BC", "--member", "hà nội", "--year", "2026"], ["history", "BGD-19"],
    ["divisions", "provinces", "-o", "out/p.yaml"], ["divisions", "communes", "--province", "khong"],
    ["list", "--fromat"], ["lst"], ["list", "--today", "x"], ["list", "--today"], ["done", "BGD-12"],
    ["list", "--data", "nowhere"], ["show"], ["report"], ["done", "BGD-12", "-e", "x", "--on", "01/01/2099"],
    ["report", "2026", "-f", "xlsx", "-o", "out/theo-doi.xlsx"],
    ["list", "--overdue", "-f", "xlsx", "-o", "out/l.xlsx"],
    ["import", str(SAMPLE)], ["import", str(SAMPLE), "--map", "7=BGD-III.3-BC:2026", "--skip", "8,9", "--apply"],
    ["import", str(SAMPLE), "--apply"], ["import", "out"], ["import", str(SAMPLE), "--map", "x"],
]  # fmt: skip
HELPS = [[c, "--help"] for c in ("list", "show", "units", "check", "report", "agenda", "ics", "remind", "history",
                                 "init", "done", "reopen", "note", "set", "migrate", "divisions",
                                 "import")]  # fmt: skip


def english(text: str) -> list[str]:
    prose = "\n".join(line for line in text.splitlines() if not re.match(r"\s*(\$ )?kh( |$)", line))
    return sorted({w for w in re.findall(r"[A-Za-z]+", IDENTIFIERS.sub(" ", prose)) if w.lower() in ENGLISH})


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KH_TODAY", "04/12/2026")
    for name in ("KH_LANG", "KH_DATA", "KH_COMMIT"):
        monkeypatch.delenv(name, raising=False)
    from khuyenhoc.words.i18n import set_lang

    set_lang("vi")  # as `kh` itself starts (khuyenhoc.cli.main) with no --lang and no KH_LANG
    return tmp_path


def test_the_scan_sees_english() -> None:
    assert english("kh: no such task 'BGD-99'; see `kh list --all`") == ["see", "task"]
    assert english("the data has 2 problems") == ["has", "the"]
    assert english("kh list --overdue --format json   (an example line)") == []
    assert english("Chỉ các việc quá hạn (như --status overdue), `kh check` [YAML parser: found the]") == []


@pytest.mark.parametrize("args", COMMANDS + HELPS, ids=lambda a: " ".join(a) or "kh")
def test_no_english_under_the_vietnamese_default(folder: Path, args: list[str]) -> None:
    if args and args[0] == "history":
        pytest.importorskip("subprocess").run(["git", "init", "-q"], cwd=folder, check=True)
    result = CliRunner().invoke(app, args or ["--help"], catch_exceptions=False)
    seen = {"output": result.stdout + result.stderr}
    for path in sorted((folder / "out").rglob("*")):
        if path.suffix in (".md", ".yaml", ".ics", ".txt") or path.name == ".gitignore":
            seen[path.name] = path.read_text(encoding="utf-8")
        elif path.suffix == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path)
            cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
            seen[path.name] = "\n".join(book.sheetnames + cells)
        elif path.suffix == ".docx":
            from docx import Document

            document = Document(str(path))
            cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
            seen[path.name] = "\n".join([p.text for p in document.paragraphs] + cells)
    found = {name: words for name, text in seen.items() if (words := english(text))}
    assert found == {}, found
