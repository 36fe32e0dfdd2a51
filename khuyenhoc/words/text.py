"""Text from files others edit, made safe for terminals and Markdown; folding for search."""

from __future__ import annotations

import functools
import re
import unicodedata

# The format characters (Unicode category Cf, as of Unicode 15), for outputs escaped by a
# pattern (JSON): the bidirectional marks, overrides and isolates that can reorder what a
# reader sees (U+061C, U+200E, U+202E, U+2066…), and the invisible ones that hide in a name or
# an id (U+00AD, U+200B–U+200D, U+2060, U+FEFF, the tag characters…). safe() needs no list.
FORMAT_CHARS = (
    "\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)  # a regular-expression class's content
_LINEBREAKS = re.compile(r"\s*[\n\t\r\u2028\u2029]\s*")


def safe(text: str) -> str:
    """One line of inert text: line breaks as spaces, and every other character a terminal
    would act on or a reader would not see (Unicode's "other" categories: controls, format
    characters such as the bidi overrides and zero-width marks, private-use, unassigned) as a
    visible escape, whatever the Unicode version."""
    if text.isprintable():  # no control, format (bidi) or line-break character: the usual case
        return text
    text = _LINEBREAKS.sub(" ", text)
    if text.isprintable():
        return text
    # Spaces of other widths (a no-break space) are not "printable" either: they stay.
    return "".join(_escape(c) if unicodedata.category(c)[0] == "C" else c for c in text)


def _escape(c: str) -> str:
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


# Marks that open inline markup anywhere: code, emphasis, links and images, HTML and
# entities, GFM strikethrough, the table cell separator, and math on GitHub ($…$).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&$])")
_MD_MARKS = "\\`*_[]<>|~&$"
# What GitHub turns into a link without any mark (its autolink extension): "scheme://…" and
# "www.…". Escaping the ':' or the '.' leaves the text as it reads, and no link.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?<![\w.])((?i:www))(\.)")
# Marks that open a block at the start of a line: heading, list, quote, rule.
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


@functools.lru_cache(maxsize=1 << 16)  # a report repeats unit names and titles thousands of times
def md_cell(text: str) -> str:
    """Text for a Markdown table cell: it renders as the same plain text, whatever it
    contains. Inline markup marks are escaped, line breaks become spaces."""
    if text.isprintable() and not any(mark in text for mark in _MD_MARKS) and ":" not in text and "." not in text:
        return text  # nothing to escape: most ids, dates and names
    escaped = _MD_INLINE.sub(r"\\\1", safe(text))
    if "://" in escaped or "." in escaped:
        escaped = _AUTOLINK.sub(lambda m: "\\:" if m[1] else m[2] + "\\.", escaped)
    return escaped


def md(text: str) -> str:
    """Text for a Markdown line or list item: as :func:`md_cell`, and a leading mark that
    would open a block (heading, list, quote) is escaped too."""
    # "1." is escaped as "1\." (a backslash before a digit is no escape in Markdown: it shows).
    return _MD_BLOCK_START.sub(
        lambda m: m[1] + (m[2][:-1] + "\\" + m[2][-1] if m[2][0].isdigit() else "\\" + m[2]), md_cell(text)
    )


def fold(text: str) -> str:
    """For matching what people type: NFC, no diacritics, "đ" → "d", case-folded, single spaces."""
    text = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def clean_text(value: str) -> str:
    """Text as kh keeps it: NFC (so search and comparison work on NFD input), trimmed."""
    return unicodedata.normalize("NFC", value).strip()


# One e-mail address as offices write them (ASCII: "gdtx@moet.gov.vn"): nothing that would
# open another header line, hold a second address or an encoded word in a message's To: or From:.
_ADDRESS = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_NAMED = re.compile(r"([^<>\"\\,;:@]*)<([^<>]*)>")


def is_address(text: str, named: bool = False) -> bool:
    """One e-mail address; ``named``: also "Name <address>" (the name printable, on one line)."""
    if _ADDRESS.fullmatch(text) and len(text) <= 254:
        return True
    m = _NAMED.fullmatch(text.strip()) if named else None
    return bool(m and m[1].isprintable() and "=?" not in m[1] and is_address(m[2]))
