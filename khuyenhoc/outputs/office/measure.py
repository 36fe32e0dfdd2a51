"""Text measured for a printed page, with no Word library: how wide a column must be for its
words (from Times New Roman's glyph widths), where a long name breaks into even lines, and the
hyphens a table cell keeps unbroken. :mod:`.wordfile` lays its pages out with these.
"""

from __future__ import annotations

import re
from itertools import combinations


def clean(text: str) -> str:
    """Text from the data as Word (or an e-mail) takes it, inert as in every output: one line,
    and every control or format character (a bidi override that would show "1202/60/03" as
    "30/06/2021", a zero-width mark) as a visible escape, so none reaches Word's XML either."""
    from ...words.text import safe

    return " ".join(safe(text).split())


_CODE_HYPHEN = re.compile(r"(?<=[0-9A-ZĐ.])-(?=\S)|(?<=\S)-(?=[0-9A-ZĐ])")


def printed(text: str) -> str:
    """Text as a table cell prints it: :func:`clean`, and the hyphens of codes and numbers made
    non-breaking (U+2011), so that a narrow column never ends a line in "BGD-III.3-" with "BC"
    on the next, nor "11-" with "CT/TW". Running text keeps plain hyphens (a break after one
    reads well there, and Word's Find matches them)."""
    return _CODE_HYPHEN.sub("\u2011", clean(text))


# Two-syllable words of the bodies' names, which a line break must not part ("GIÁO / DỤC").
_COMPOUNDS = frozenset(
    re.split(
        r"\s*\|\s*",
        """GIÁO DỤC|ĐÀO TẠO|THƯỜNG XUYÊN|NGHỀ NGHIỆP|ĐẠI HỌC|KHOA HỌC|CÔNG NGHỆ|THÔNG TIN|TRUYỀN THÔNG|
    CHÍNH TRỊ|QUỐC PHÒNG|AN NINH|THỂ CHẤT|TỔ CHỨC|CÁN BỘ|KẾ HOẠCH|TÀI CHÍNH|PHÁP CHẾ|CƠ SỞ|VẬT CHẤT|
    CHẤT LƯỢNG|HỢP TÁC|QUỐC TẾ|NHÀ GIÁO|QUẢN LÝ|MẦM NON|TIỂU HỌC|TRUNG HỌC|HỌC SINH|SINH VIÊN|THI ĐUA|
    KHEN THƯỞNG|VĂN PHÒNG|THANH TRA|ỦY BAN|NHÂN DÂN|THÀNH PHỐ|XÃ HỘI|LAO ĐỘNG|THƯƠNG BINH|MÔI TRƯỜNG|
    HỌC VIỆN|DÂN TỘC|KHUYẾN HỌC|VIỆT NAM""",
    )
)


def balanced(text: str, width: int) -> list[str]:
    """``text`` in as few lines of at most ``width`` characters as it needs, the lines as even as
    the words allow and no two-syllable word parted: "VỤ GIÁO DỤC / THƯỜNG XUYÊN", not "VỤ GIÁO
    DỤC THƯỜNG / XUYÊN"; "CỤC GIÁO DỤC NGHỀ NGHIỆP / VÀ GIÁO DỤC THƯỜNG XUYÊN"."""
    words_ = text.split()
    if len(text) <= width or len(words_) < 2:
        return [text]
    parted = {i for i in range(1, len(words_)) if " ".join(words_[i - 1 : i + 1]) in _COMPOUNDS}

    def lines_at(cuts: tuple[int, ...]) -> list[str]:
        return [" ".join(words_[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words_)), strict=True)]

    def cost(cuts: tuple[int, ...]) -> tuple[int, int, bool, int, int]:
        lines = lines_at(cuts)
        dangling = sum(line.endswith((" VÀ", " CỦA", ",")) for line in lines[:-1])  # "VÀ" opens a line
        too_long = sum(len(line) > width for line in lines)
        # what fits first; then no two-syllable word parted, fewer lines, no lone last word, the most even
        return (
            too_long,
            len(parted & set(cuts)) * 2 + len(lines),
            len(lines[-1].split()) == 1,
            dangling,
            max(map(len, lines)),
        )

    cuts = min((c for n in range(1, min(len(words_), 6)) for c in combinations(range(1, len(words_)), n)), key=cost)
    return lines_at(cuts)


_GLYPH_MM = {
    **dict.fromkeys("0123456789", 1.94),
    **dict.fromkeys("ilj.,;:'!|", 1.1),
    **dict.fromkeys("Iftr()[]-\u2011/ ", 1.35),
    **dict.fromkeys("MWmw", 3.1),
}


def widths(header: list[str], body: list[list[str]], kinds: str, total: float) -> list[float]:
    """Column widths in mm: a number column as wide as its longest cell, so it never wraps (its
    header on two lines at most); a key (id, date) column as wide as its longest word, so it
    wraps only at a space it holds; a text column a few words wide at least ("Vụ GDTX" whole),
    the rest of the line shared by the text columns in proportion to their cells' mean length.
    When the line is too short, only text columns give way, down to their longest word."""
    pad = 4.5  # the cell margins (1.9 mm each side) and a little room

    def mm(text: str) -> float:
        """The width of ``text`` in Times New Roman 11 pt, from its glyphs' widths (em/1000 ×
        11 pt): capitals 0.67 em ("I" 0.33), small letters 0.46, digits 0.5, punctuation 0.27."""
        return sum(_GLYPH_MM.get(ch, 2.6 if ch.isupper() else 1.8) for ch in text)

    def word(c: int) -> float:
        """The widest word of a column; a header's (bold) a fifth wider."""
        cells = max((mm(w) for text in (row[c] for row in body) for w in text.split()), default=0)
        return max(cells, 1.2 * max((mm(w) for w in header[c].split()), default=0))

    kinds = (kinds + "t" * len(header))[: len(header)]
    lines = 2 if len(kinds) <= 6 else 3  # a number's header: "Số ngày / quá hạn"
    widths: list[float] = []
    few: dict[int, float] = {}  # a text column's width for a few words a line
    for c, kind in enumerate(kinds):
        if kind == "n":
            split = mm(header[c]) * 1.2 / lines + 2.0
            widths.append(min(max(word(c), split, *(mm(row[c]) for row in body)) + pad, total / 3))
        elif kind == "k":
            short = [mm(row[c]) for row in body if len(row[c]) <= 12]  # "nhiệm vụ": not worth a break
            widths.append(min(max([word(c), *short]) * 1.05 + pad, total / 3))  # never broken: a margin
        else:  # its longest word first; then a few words, then its share of what is left
            widths.append(min(word(c) + pad, 45.0))
            longest = max((mm(row[c]) for row in body), default=0)
            few[c] = max(widths[-1], min(longest, mm("Vụ GDTX ·")) + pad)
    extra = total - sum(widths)
    if extra > 0 and few:
        want = sum(few[c] - widths[c] for c in few)
        share = min(1.0, extra / want) if want > 0 else 0.0
        for c in few:
            grow = (few[c] - widths[c]) * share
            widths[c] += grow
            extra -= grow
    if extra > 0 and few:
        weight = {c: max(8.0, sum(len(row[c]) for row in body) / max(1, len(body))) for c in few}
        for c in few:
            widths[c] += extra * weight[c] / sum(weight.values())
    scale = total / sum(widths)
    return [w * scale for w in widths] if scale < 1 else widths
