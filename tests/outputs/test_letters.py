"""Chasing the members (`kh remind`): a letter to each late province, ministry or MOET unit, or
one to them all with the list annexed; whose obligation each is; who is left out and why;
e-mails a mail client sends as they are. Letters are read back with python-docx and the
messages with Python's `email` package."""

from __future__ import annotations

import csv
import email
import email.policy
from pathlib import Path

import pytest
from docx import Document

TODAY = "2026-11-25"


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def annex_rows(path: Path) -> list[list[str]]:
    """The annex's rows as a reader reads them (its codes' hyphens are non-breaking in Word)."""
    tables = Document(str(path)).tables
    return [[c.text.replace("\u2011", "-") for c in row.cells] for row in tables[-1].rows[1:]]


def remind(kh, folder: Path, *args: str):
    result = kh("remind", "-o", str(folder), "--today", TODAY, *args)
    assert result.code == 0, result
    return result


def test_each_late_sở_gets_its_own_letter_naming_it_and_only_its_obligations(kh, tmp_path: Path) -> None:
    folder = tmp_path / "thu"
    remind(kh, folder, "--unit", "so-gddt", "--each")
    letters = sorted(folder.glob("*.docx"))
    assert len(letters) == 34  # the provinces of today, each its own letter
    hanoi = paragraphs(folder / f"don-doc-so-gddt-ha-noi-{TODAY}.docx")
    assert "Kính gửi: Sở Giáo dục và Đào tạo Hà Nội." in hanoi
    items = [p for p in hanoi if p[:2] in {f"{n}." for n in range(1, 10)}]
    assert [p.split("(BGD-III.3-BC (")[1][:4] for p in items] == [str(y) for y in range(2020, 2027)]  # once a year
    assert all("UBND" not in p and "TTG-" not in p for p in hanoi)  # another collective's duties stay out
    # Tuyên Quang holds Hà Giang's duties since 01/07/2025: it is chased for them, and told whose they were
    tq = paragraphs(folder / f"don-doc-so-gddt-tuyen-quang-{TODAY}.docx")
    assert sum("(nghĩa vụ của Sở GDĐT Hà Giang)" in p for p in tq) == 5  # 2020–2024
    assert not (folder / f"don-doc-so-gddt-ha-giang-{TODAY}.docx").exists()


def test_by_default_a_collective_s_late_members_get_one_letter_with_the_list(kh, tmp_path: Path) -> None:
    folder = tmp_path / "thu"
    result = remind(kh, folder, "--unit", "so-gddt")
    (letter,) = folder.glob("*.docx")
    assert letter.name == f"don-doc-so-gddt-{TODAY}.docx"
    text = paragraphs(letter)
    assert "Kính gửi: Các sở Giáo dục và Đào tạo (theo danh sách kèm theo)." in text
    items = [p for p in text if p.startswith(tuple(f"{n}. " for n in range(1, 10)))]
    assert len(items) == 7 and "63 đơn vị chưa thực hiện" in items[0] and "34 đơn vị chưa thực hiện" in items[-1]
    assert "PHỤ LỤC" in text
    rows = annex_rows(letter)
    assert (
        len(rows) == 34 and rows[0][1] == "Sở Giáo dục và Đào tạo Hà Nội" and rows[0][2] == "BGD-III.3-BC (2020–2026)"
    )
    tq = next(r for r in rows if r[1].endswith("Tuyên Quang"))
    assert tq[2] == "BGD-III.3-BC (2020–2026); BGD-III.3-BC (2020–2024) (nghĩa vụ của Sở GDĐT Hà Giang)"
    # the obligations it names, and the members' shares of them its annex lists
    assert (
        "Các sở Giáo dục và Đào tạo (34) · 7 nhiệm vụ, trong đó 7 giao cho từng thành viên: 383 lượt ·" in result.stdout
    )


def test_the_provinces_people_s_committees_are_addressed_as_such(kh, tmp_path: Path) -> None:
    folder = tmp_path / "thu"
    remind(kh, folder, "--member", "lang son", "--each")
    text = paragraphs(folder / f"don-doc-ubnd-tinh-lang-son-{TODAY}.docx")
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn." in text
    assert all("BGD-III.3-BC" not in p for p in text)  # the Sở's report is the Sở's letter's
    assert "Kính gửi: Sở Giáo dục và Đào tạo Lạng Sơn." in paragraphs(folder / f"don-doc-so-gddt-lang-son-{TODAY}.docx")


def test_the_ministries_are_chased_by_name(kh, tmp_path: Path) -> None:
    folder = tmp_path / "thu"
    remind(kh, folder, "--member", "bo tai chinh")
    text = paragraphs(folder / f"don-doc-bo-nganh-btc-{TODAY}.docx")
    assert "Kính gửi: Bộ Tài chính." in text
    # Bộ KH&ĐT merged into Bộ Tài chính on 01/03/2025: its 2020 duties are chased there
    assert sum("(nghĩa vụ của Bộ KH&ĐT)" in p for p in text) == 2


def test_the_issuer_and_the_bodies_above_it_are_not_chased_and_it_says_so(kh, tmp_path: Path) -> None:
    result = remind(kh, tmp_path / "thu", "--lang", "en")
    assert "no letter to Cục Giáo dục nghề nghiệp và Giáo dục thường xuyên" in result.stderr  # the issuer
    assert "no letter to Bộ Giáo dục và Đào tạo" in result.stderr and "above the issuer" in result.stderr
    assert "no letter to Vụ Giáo dục dân tộc" in result.stderr and "no successor" in result.stderr
    names = {p.name for p in (tmp_path / "thu").iterdir()}
    assert f"don-doc-bgddt-{TODAY}.docx" not in names and f"don-doc-cuc-gdnn-gdtx-{TODAY}.docx" not in names
    other = kh("remind", "-o", str(tmp_path / "vu"), "--today", TODAY, "--issuer", "vu gddh", "--lang", "en")
    assert "no letter to Vụ Giáo dục Đại học" in other.stderr  # whoever issues
    assert (tmp_path / "vu" / f"don-doc-cuc-gdnn-gdtx-{TODAY}.docx").exists()


def test_an_index_of_what_was_written_is_printed_and_kept(kh, tmp_path: Path) -> None:
    folder = tmp_path / "thu"
    result = remind(kh, folder, "--unit", "so-gddt", "--each")
    printed = result.stdout.splitlines()
    assert len(printed) == 34 and printed[0].startswith("Sở Giáo dục và Đào tạo")
    with (folder / f"danh-sach-cong-van-{TODAY}.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = ["Nơi nhận", "Mã đơn vị", "Số nhiệm vụ", "Số đơn vị", "Số lượt của thành viên", "Tệp", "E-mail"]
    assert rows[0] == header and len(rows) == 35
    assert sum(int(r[2]) for r in rows[1:]) == 383 == sum(int(r[4]) for r in rows[1:]) and rows[1][5].endswith(".docx")


def test_a_listing_cut_short_still_writes_every_letter(data_dir: Path, tmp_path: Path) -> None:
    """`kh remind … | head -1`: the reader goes away after one line; the letters do not stop."""
    import subprocess
    import sys

    folder = tmp_path / "thu"
    argv = [sys.executable, "-m", "khuyenhoc", "remind", "--unit", "so-gddt", "--each", "-o", str(folder),
            "--data", str(data_dir), "--today", TODAY]  # fmt: skip
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert len(list(folder.glob("*.docx"))) == 34 and (folder / f"danh-sach-cong-van-{TODAY}.csv").exists()


def test_a_unit_that_is_a_member_as_itself_gets_one_letter(kh, tmp_path: Path) -> None:
    """Vụ GDĐH owes BGD-10 itself and its yearly report as a MOET unit: one letter, both."""
    result = remind(kh, tmp_path / "thu", "--unit", "vu-gddh")
    assert [p.name for p in (tmp_path / "thu").glob("*.docx")] == [f"don-doc-vu-gddh-{TODAY}.docx"]
    text = "\n".join(paragraphs(tmp_path / "thu" / f"don-doc-vu-gddh-{TODAY}.docx"))
    assert "BGD-10" in text and "BGD-III.2-BC (2020)" in text and "Kính gửi: Vụ Giáo dục Đại học." in text
    assert result.stdout.count("don-doc-") == 1


def test_the_folder_is_made_and_nothing_is_overwritten_without_force(kh, tmp_path: Path) -> None:
    folder = tmp_path / "moi" / "thu"
    first = kh("remind", "-o", str(folder), "--member", "ha noi", "--today", TODAY, "--lang", "en")
    assert first.code == 0 and "created the folder" in first.stderr
    before = {p: p.read_bytes() for p in folder.iterdir()}
    again = kh("remind", "-o", str(folder), "--member", "ha noi", "--today", TODAY, "--lang", "en")
    assert again.code == 2 and "--force" in again.stderr
    assert {p: p.read_bytes() for p in folder.iterdir()} == before
    forced = kh("remind", "-o", str(folder), "--member", "ha noi", "--today", TODAY, "--force", "--lang", "en")
    assert forced.code == 0 and {p: p.read_bytes() for p in folder.iterdir()} == before  # the same bytes


@pytest.mark.parametrize(
    ("member", "message"),
    [("khong co tinh nay", "unknown unit"), ("hn", "is ambiguous")],
)
def test_a_member_kh_cannot_name_is_a_usage_error(kh, tmp_path: Path, member: str, message: str) -> None:
    result = kh("remind", "-o", str(tmp_path / "thu"), "--member", member, "--today", TODAY, "--lang", "en")
    assert result.code == 2 and message in result.stderr and not (tmp_path / "thu").exists()


def test_hcm_is_the_city_and_a_member_with_nothing_late_is_said(kh, tmp_path: Path) -> None:
    result = kh("remind", "-o", str(tmp_path / "a"), "--member", "hcm", "--today", TODAY, "--lang", "en")
    assert result.code == 0 and "--member 'hcm' taken as ho-chi-minh" in result.stderr
    early = kh("remind", "-o", str(tmp_path / "b"), "--member", "ha noi", "--today", "2020-06-01", "--lang", "en")
    assert early.code == 2 and "ha-noi has nothing overdue on 2020-06-01" in early.stderr
    assert not (tmp_path / "b").exists()


def test_emails_go_to_the_members_addresses_and_carry_the_letter(kh, data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "units.d" / "contacts.yaml").write_text(
        "# Addresses of the office's own (not in the shipped lists)\n"
        "contacts:\n"
        "  - {unit: ha-noi, of: so-gddt, email: vanthu@hanoi.edu.vn}\n"
        "  - {unit: ha-noi, of: ubnd-tinh, email: vanthu@hanoi.gov.vn}\n"
        "  - {unit: cao-bang, of: so-gddt, email: sogd@caobang.edu.vn}\n",
        encoding="utf-8",
    )
    assert kh("check").code == 0
    folder = tmp_path / "thu"
    remind(
        kh, folder, "-f", "eml", "--member", "ha noi", "--member", "cao bang", "--from", "Vụ GDTX <gdtx@moet.gov.vn>"
    )
    grouped = email.message_from_bytes(
        (folder / f"don-doc-so-gddt-{TODAY}.eml").read_bytes(), policy=email.policy.default
    )
    assert grouped["To"] == "vanthu@hanoi.edu.vn, sogd@caobang.edu.vn"
    assert grouped["From"] == "Vụ GDTX <gdtx@moet.gov.vn>" and grouped["Date"] == "Wed, 25 Nov 2026 08:00:00 +0700"
    assert grouped["Subject"] == "V/v đôn đốc thực hiện nhiệm vụ quá hạn (7 nhiệm vụ)" and grouped["Message-ID"]
    (attached,) = list(grouped.iter_attachments())
    assert attached.get_filename() == f"don-doc-so-gddt-{TODAY}.docx"
    word = tmp_path / "attached.docx"
    word.write_bytes(attached.get_content())
    assert "PHỤ LỤC" in paragraphs(word)
    ubnd = email.message_from_bytes(
        (folder / f"don-doc-ubnd-tinh-{TODAY}.eml").read_bytes(), policy=email.policy.default
    )
    assert ubnd["To"] == "vanthu@hanoi.gov.vn"  # Cao Bằng's UBND has no address: no guess
    first = (folder / f"don-doc-so-gddt-{TODAY}.eml").read_bytes()
    args = ("-f", "eml", "--member", "ha noi", "--member", "cao bang", "--from", "Vụ GDTX <gdtx@moet.gov.vn>")
    remind(kh, folder, *args, "--force")
    assert (folder / f"don-doc-so-gddt-{TODAY}.eml").read_bytes() == first  # the same letter, the same bytes


def test_a_contact_that_is_not_one_address_is_a_located_problem(kh, data_dir: Path) -> None:
    (data_dir / "units.d" / "contacts.yaml").write_text(
        'contacts:\n  - {unit: ha-noi, of: so-gddt, email: "a@b.vn, c@d.vn"}\n  - {unit: hn, email: a@b.vn}\n',
        encoding="utf-8",
    )
    result = kh("check", "--lang", "en")
    assert result.code == 1 and "contacts.yaml:2:" in result.stdout and "contacts.yaml:3:" in result.stdout
