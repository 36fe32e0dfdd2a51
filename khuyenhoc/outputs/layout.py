"""Column widths for terminal tables: ids, dates and numbers never break, and text breaks only
between words (in Vietnamese, between syllables). Pure: no rich, no terminal.

rich, left to itself, squeezes every column evenly when a table is wider than the terminal,
which cuts ids (``BGD-III./3-BC``), dates (``(30/06/2/020)``) and syllables (``Thươ/ng``). kh
works out the widths itself and gives them to rich fixed: each unbreakable column its full
width, each text column at least its longest word, the rest of the line to the text columns;
when even that does not fit, the columns a table marks as optional are left out, in its order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """A column's header and cells as plain text.

    ``kind``: ``t`` text (titles, names), which wraps between words; ``k`` a key (an id, a
    date), which wraps only at a space it holds ("BGD-19 (2021)") and gets its room first;
    ``n`` a number, never wrapped. ``drop``: 0 for a column always shown; else the column may
    be left out on a narrow terminal, the highest number first.
    """

    header: str
    cells: Sequence[str]
    kind: str = "t"
    drop: int = 0


GAP = 2  # between two columns: one blank of padding (collapsed) and the blank separator
LONG_WORD = 20  # a longer "word" (an address, a path) may fold: no syllable is that long
READABLE = 14  # a text column narrower than this reads as one word a line: leave out a column first


def _longest_word(texts: Sequence[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=1)


def _longest_line(texts: Sequence[str]) -> int:
    return max((len(line) for text in texts for line in text.split("\n")), default=1)


def minimum(column: Column) -> int:
    """The narrowest the column can be without breaking a word (a number: its digits)."""
    header = _longest_word([column.header])
    if column.kind == "n":
        cells = _longest_line(column.cells)
    else:
        cells = min(_longest_word(column.cells), LONG_WORD if column.kind == "t" else _longest_word(column.cells))
    return max(header, cells, 1)


def natural(column: Column) -> int:
    """The width the column takes when there is room: its longest line, header included."""
    return max(_longest_line([column.header, *column.cells]), minimum(column))


def readable(column: Column) -> int:
    """The narrowest a text column reads well: a few words a line (or its whole line, if shorter)."""
    if column.kind != "t":
        return minimum(column)
    return max(minimum(column), min(natural(column), READABLE))


def widths(columns: Sequence[Column], width: int) -> list[int | None]:
    """Each column's width (None: left out), the whole table within ``width`` where the
    columns' minimums allow it. Optional columns are left out before a text column is
    squeezed below :func:`readable` (a name one word a line)."""
    kept = list(range(len(columns)))
    easy = [readable(c) for c in columns]

    def need(sizes: list[int]) -> int:
        return sum(sizes[i] for i in kept) + GAP * (len(kept) - 1)

    droppable = sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop)
    while need(easy) > width and droppable:
        kept.remove(droppable.pop(0))
    mins = easy if need(easy) <= width else [minimum(c) for c in columns]
    out: list[int | None] = [None] * len(columns)
    for i in kept:
        out[i] = mins[i]
    spare = width - need(mins)
    if spare < 0:  # still too wide: text columns give way (their words break), widest first
        for _ in range(-spare):
            text = [i for i in kept if columns[i].kind == "t" and (out[i] or 0) > 1]
            if not text:
                break
            widest = max(text, key=lambda i: out[i] or 0)
            out[widest] = (out[widest] or 0) - 1
        return out
    # Room to spare: keys take their whole line first; then text columns grow toward theirs,
    # a column at a time from the one that wants the least more, so that short ones (a unit's
    # name) reach one line before a long title takes the rest; then numbers widen toward
    # their header's line.
    for group in ("k", "t", "n"):
        wants = sorted((i for i in kept if columns[i].kind == group), key=lambda i: natural(columns[i]) - mins[i])
        for n, i in enumerate(wants):
            share = spare if group == "k" else spare // (len(wants) - n)
            grow = min(natural(columns[i]) - (out[i] or 0), share)
            out[i] = (out[i] or 0) + grow
            spare -= grow
    return out
