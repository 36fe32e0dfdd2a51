"""Where output goes: the width of every output, rich consoles on a terminal, plain lines in a
pipe, and the pager."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


RICH_ROWS = 1000  # more rows than this stream as plain lines even on a terminal: rich needs ~0.5 ms a row


MAX_WIDTH = 1000  # wider than any screen; a huge COLUMNS would only make rich build huge lines


def _width() -> int:
    """The width of every output, rich or plain: COLUMNS if it is a positive number, else the
    terminal's, else 100 in a pipe; never under 40 nor over MAX_WIDTH."""
    if columns := os.environ.get("COLUMNS", "").strip():
        with contextlib.suppress(ValueError):
            if int(columns) > 0:  # COLUMNS=0 or a negative number: not a width, as for curses
                return min(MAX_WIDTH, max(40, int(columns)))
    if sys.stdout.isatty():
        import shutil

        return min(MAX_WIDTH, max(40, shutil.get_terminal_size().columns))
    return 100


def _console(no_color: bool = False) -> Console:
    """A rich console of :func:`_width`: colours on a terminal, plain text in a pipe."""
    from rich.console import Console

    kwargs: dict[str, Any] = {"highlight": False, "markup": False, "emoji": False, "width": _width()}
    if not sys.stdout.isatty():
        kwargs["color_system"] = None
    if no_color:
        kwargs["no_color"] = True
    return Console(**kwargs)


def _print(console: Console, *parts: Any) -> None:
    """Rich renderables to stdout; in a pipe, as plain lines without the padding rich adds."""
    if sys.stdout.isatty():
        for part in parts:
            console.print(part)
        return
    with console.capture() as captured:
        for part in parts:
            console.print(part)
    _write(line.rstrip() + "\n" for line in captured.get().splitlines())


def _write(chunks: Iterable[str]) -> None:
    out = sys.stdout
    for chunk in chunks:
        out.write(chunk)
    out.flush()


def _emit(chunks: Iterable[str], output: Path | None) -> None:
    """Text to ``-o FILE`` (written atomically), else to stdout."""
    if output is None:
        _write(chunks)
        return
    from ..write.writer import write_output

    write_output(output, "".join(chunks).encode("utf-8"))


def _paging() -> bool:
    return sys.stdout.isatty() and os.environ.get("KH_PAGER", "").strip().lower() not in ("0", "false", "no")


def _page(chunks: Iterable[str]) -> None:
    """Long text on a terminal goes through a pager ($PAGER, else `less -FRX`, which quits at
    once when the text fits the screen); in a pipe, or with KH_PAGER=0, it is written as is."""
    if not _paging():
        _write(chunks)
        return
    import pydoc

    os.environ.setdefault("LESS", "FRX")
    pydoc.pager("".join(chunks))
