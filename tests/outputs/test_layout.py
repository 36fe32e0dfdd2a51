"""Terminal tables on any width: ids, dates and numbers never break, text breaks only between
words (syllables), and the table fits the terminal."""

from __future__ import annotations

import io

import pytest

from khuyenhoc.outputs.layout import GAP, LONG_WORD, READABLE, Column, minimum, natural, widths

TODAY = "2026-11-22"


def test_a_table_that_fits_gets_its_natural_widths() -> None:
    cols = [Column("Mã", ["BGD-01"], kind="k"), Column("Nhiệm vụ", ["Xây dựng đề án"]), Column("Số", ["12"], kind="n")]
    assert widths(cols, 80) == [6, 14, 2]


def test_text_columns_keep_their_longest_word() -> None:
    cols = [Column("Mã", ["TTG-III.1.a"], kind="k"), Column("Tên", ["Bộ Lao động - Thương binh và Xã hội"])]
    assert minimum(cols[1]) == len("Thương")
    got = widths(cols, len("TTG-III.1.a") + GAP + 10)
    assert got == [11, 10]


def test_a_key_breaks_only_at_a_space_it_holds() -> None:
    key = Column("Mã", ["BGD-III.3-BC (2021)"], kind="k")
    assert minimum(key) == len("BGD-III.3-BC") and natural(key) == len("BGD-III.3-BC (2021)")


def test_numbers_never_break_and_widen_toward_their_header_last() -> None:
    cols = [Column("Đơn vị", ["Vụ GDTX"]), Column("Quá hạn", ["12345"], kind="n")]
    assert minimum(cols[1]) == 5
    assert widths(cols, 7 + GAP + 5) == [7, 5]
    assert widths(cols, 40) == [7, 7]


def test_optional_columns_go_first_on_a_narrow_terminal() -> None:
    cols = [
        Column("Mã", ["BGD-01"], kind="k"),
        Column("Loại", ["organisation"], drop=2),
        Column("Tên", ["Văn phòng Bộ"], drop=1),
        Column("Số", ["1"], kind="n"),
    ]
    assert widths(cols, 30)[1] is None and widths(cols, 30)[2] is not None
    assert widths(cols, 14)[1:3] == [None, None]


def test_an_optional_column_goes_before_names_read_one_word_a_line() -> None:
    # kh units at 60 columns squeezed "Bộ Giáo dục và Đào tạo" to one syllable a line
    cols = [
        Column("Mã", ["bgddt"], kind="k"),
        Column("Tên viết tắt", ["Bộ LĐTBXH → Bộ Nội vụ"]),
        Column("Tên đầy đủ", ["Bộ Lao động - Thương binh và Xã hội"], drop=1),
        Column("Loại", ["bộ, cơ quan ngang bộ"], drop=2),
    ]
    got = widths(cols, 5 + 2 * READABLE + 2 * GAP + READABLE)  # all four need one gap more
    assert got[3] is None and (got[1] or 0) >= READABLE and (got[2] or 0) >= READABLE
    assert widths(cols, 20)[2:] == [None, None]


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize(
    "args", [["units"], ["report", "2021", "-f", "table"], ["show", "BGD-19"]], ids=["units", "report", "show"]
)
def test_narrow_tables_fit_and_break_only_between_words(kh, monkeypatch: pytest.MonkeyPatch, width: int, args) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # every cell on one line: the words as written
    words = set(kh(*args, "--today", TODAY).stdout.split())
    monkeypatch.setenv("COLUMNS", str(width))
    r = kh(*args, "--today", TODAY)
    assert r.code == 0
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    long_words = [w for w in words if len(w) > LONG_WORD]  # addresses may fold: no syllable is that long
    broken = {w for w in r.stdout.split() if w not in words and set(w) != {"─"}}
    broken = {w for w in broken if not any(w in long for long in long_words)}
    assert broken == set(), f"words or ids cut at {width} columns: {sorted(broken)[:10]}"


@pytest.mark.parametrize("width", [60, 80, 100])
def test_the_rich_list_table_fits_and_keeps_ids_and_dates(kh, data_dir, width: int) -> None:
    from rich.console import Console

    from khuyenhoc.core.status import Filter, select
    from khuyenhoc.outputs.render import rows_table
    from khuyenhoc.read.loader import load_plan

    plan, _ = load_plan(data_dir)
    day = __import__("datetime").date(2026, 11, 22)
    rows = select(plan, day, Filter())
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(rows_table(rows, plan, "vi", width, day))
    text = out.getvalue()
    assert max(len(line.rstrip()) for line in text.splitlines()) <= width
    tokens = set(text.split())
    for row in rows:
        assert row.task.id in tokens, row.task.id  # whole, on one line
        if row.occurrence.due:
            assert row.occurrence.due.strftime("%d/%m/%Y") in text
