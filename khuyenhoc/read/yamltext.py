"""The geometry of a YAML text: where a node's lines start and end, their indentation, where a
new key goes, and splicing new lines in. It knows YAML nodes and text, nothing of tasks: the
edits of :mod:`khuyenhoc.write.edit` are built on it, so that kh changes only the lines of the task it
edits and the diff stays small."""

from __future__ import annotations

from collections.abc import Sequence

import yaml


class SharedLine(ValueError):
    """A key shares its line with another one: its lines cannot be replaced alone."""

    def __init__(self, key: yaml.Node):
        super().__init__(key.value)
        self.key = key


def items(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A block mapping's entries by key."""
    return {str(k.value): (k, v) for k, v in node.value}


class YamlText:
    """One file's text (without its BOM), and its own line ending."""

    def __init__(self, text: str):
        self.text = text
        # What most of its lines end with: one stray CRLF pasted into an LF file must not turn
        # every line kh adds into CRLF.
        crlf = text.count("\r\n")
        self.newline = "\r\n" if crlf > text.count("\n") - crlf else "\n"

    def content_end(self, node: yaml.Node) -> int:
        """Offset just after the last character of a value (not of trailing comments or blanks)."""
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
            last = node.value[-1]
            return self.content_end(last[1] if isinstance(last, tuple) else last)
        end = node.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Offset after the newline ending the line at ``index`` (a trailing comment stays on it)."""
        nl = self.text.find("\n", index)
        return len(self.text) if nl < 0 else nl + 1

    def starts_line(self, node: yaml.Node) -> bool:
        start = node.start_mark.index
        return self.text[self.line_start(start) : start].strip() == ""

    def comments_above(self, index: int) -> int:
        """Start of the comment lines directly above the line at ``index`` (they belong to it)."""
        start = self.line_start(index)
        while start > 0:
            prev = self.line_start(start - 1)
            if not self.text[prev:start].lstrip().startswith("#"):
                break
            start = prev
        return start

    def span(self, key: yaml.Node, value: yaml.Node) -> tuple[int, int]:
        """The whole lines of one ``key: value`` entry. Raises :class:`SharedLine`."""
        if not self.starts_line(key):
            raise SharedLine(key)
        return self.line_start(key.start_mark.index), self.line_end(self.content_end(value))

    def indent(self, node: yaml.MappingNode) -> tuple[str, str]:
        """The indentation of a mapping's keys, and one step of nesting as the file writes it."""
        col = next(k.start_mark.column for k, _ in node.value)
        for _, value in node.value:
            if isinstance(value, yaml.MappingNode | yaml.SequenceNode) and not value.flow_style and value.value:
                first = value.value[0]
                child = first[0] if isinstance(first, tuple) else first
                at = child.start_mark.index
                if isinstance(value, yaml.SequenceNode):  # the dash's column, not the item's
                    at = self.text.rfind("-", 0, at)
                step = at - self.line_start(at) - col
                if step > 0:
                    return " " * col, " " * step
        return " " * col, "  "

    def lines(self, lines: list[str]) -> str:
        """Lines as this file ends them."""
        return "".join(line + self.newline for line in lines)

    def insert_at(self, node: yaml.MappingNode, key: str, order: Sequence[str]) -> int:
        """Where a new key goes in a mapping whose keys come in ``order``: before the first key
        that comes after it (with the comments above that key), else after the last line."""
        rank = order.index(key)
        for k, _ in node.value:
            if k.value in order and order.index(k.value) > rank and self.starts_line(k):
                return self.comments_above(k.start_mark.index)
        return self.line_end(self.content_end(node.value[-1][1]))

    def splice(self, start: int, end: int, new: str) -> str:
        """The text with ``[start, end)`` replaced by ``new``."""
        text = self.text
        if start == len(text) and text and not text.endswith("\n"):
            new = self.newline + new
        return text[:start] + new + text[end:]
