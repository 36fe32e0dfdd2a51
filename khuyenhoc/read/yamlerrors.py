"""The YAML parser's complaints in kh's words: what is wrong, said so that a person who edits
the file by hand can fix it, in the run's language; the parser's own English at most in
brackets after it. Both parsers PyYAML may use (libyaml and its pure-Python reader) word the
same problems differently: each kind is recognised by either wording."""

from __future__ import annotations

import re

from ..words.i18n import Message, t

# (pattern on "context: problem", what kh says); the first that matches wins.
TAB = t("a tab character: YAML indents with spaces only")
_KINDS: tuple[tuple[re.Pattern[str], Message], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), words)
    for pattern, words in (
        (r"\btab\b|'\\t'", TAB),
        (r"quoted scalar.*end of stream|end of stream.*quoted", t("a quotation mark is not closed")),
        (r"expected ',' or '[]}]'|flow (mapping|sequence)", t("a bracket is not closed, or a comma is missing")),
        (r"undefined alias|unknown anchor", t("an alias (*name) with no anchor (&name)")),
        (r"duplicate anchor", t("the same anchor (&name) twice")),
        (r"unknown escape", t(r"an unknown escape (\…) in double quotes: use single quotes, or write \\")),
        (
            r"mapping values are not allowed",
            t(
                "a ':' where no value can start: the line is indented differently from the lines above, or a "
                "value that holds ': ' needs quotes"
            ),
        ),
        (
            r"expected <block end>|expected key|expected '-' indicator|could not find expected ':'"
            r"|block (mapping|collection)",
            t("the indentation does not match the lines above (or a ':' is missing after a key)"),
        ),
    )
)


def yaml_problem(context: str | None, problem: str | None, column: Message | str = "", char: str = "") -> Message:
    """kh's message for a parser error (``context`` and ``problem`` as PyYAML gives them;
    ``column``: where on the line, already worded; ``char``: the character there, which libyaml
    does not name)."""
    detail = "; ".join(part for part in (context, problem) if part) or "?"
    what = next((words for pattern, words in _KINDS if pattern.search(detail)), t("not readable as YAML"))
    if char == "\t":  # libyaml: "found character that cannot start any token"
        what = TAB
    return t("invalid YAML: {what}{column} [YAML parser: {detail}]", what=what, column=column, detail=detail)
