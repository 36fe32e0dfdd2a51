"""Text from files others edit, made safe for terminals and Markdown; folding for search."""

from __future__ import annotations

import functools
import re
import unicodedata

# C0 and C1 control characters (ESC starts ANSI/OSC sequences; 0x9b is a one-byte CSI),
# DEL, and the bidirectional overrides and isolates that can reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINEBREAKS = re.compile(r"\s*[\n\t\r\u2028\u2029]\s*")


def safe(text: str) -> str:
    """One line of inert text: controls shown as visible escapes, line breaks as spaces."""
    if text.isprintable():  # no control, format (bidi) or line-break character: the usual case
        return text
    text = _LINEBREAKS.sub(" ", text)
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


# Marks that open inline markup anywhere: code, emphasis, links and images, HTML and
# entities, GFM strikethrough, and the table cell separator.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_MARKS = "\\`*_[]<>|~&"
# Marks that open a block at the start of a line: heading, list, quote, rule.
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


@functools.lru_cache(maxsize=1 << 16)  # a report repeats unit names and titles thousands of times
def md_cell(text: str) -> str:
    """Text for a Markdown table cell: it renders as the same plain text, whatever it
    contains. Inline markup marks are escaped, line breaks become spaces."""
    if text.isprintable() and not any(mark in text for mark in _MD_MARKS):
        return text  # nothing to escape: most ids, dates and names
    return _MD_INLINE.sub(r"\\\1", safe(text))


def md(text: str) -> str:
    """Text for a Markdown line or list item: as :func:`md_cell`, and a leading mark that
    would open a block (heading, list, quote) is escaped too."""
    return _MD_BLOCK_START.sub(lambda m: m[1] + "\\" + m[2], md_cell(text))


def fold(text: str) -> str:
    """For matching what people type: NFC, no diacritics, "đ" → "d", case-folded, single spaces."""
    text = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())
