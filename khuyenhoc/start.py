"""The console script's first steps, before kh's modules are imported.

Ctrl-C at any moment (even while Typer is still importing) ends the run with exit code 130 and
no traceback; ``finally`` blocks still run, so a write in progress leaves the old file and
releases its lock. A closed standard output, or one whose encoding cannot show Vietnamese, is
handled here too: a clear line, never a crash.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import Any, NoReturn

EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130, as shells report it


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click turns into "Aborted!" and exit 1."""


def _interrupted(signum: int, frame: Any) -> None:
    raise Interrupted


def _say(message: object) -> None:
    """One line on stderr, in the run's language (a message of the catalogue renders then)."""
    from .words.i18n import lang_of, set_lang

    set_lang(lang_of(sys.argv[1:]))
    text = f"kh: {message}\n"
    if sys.stderr is not None:
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def _not_utf8(arg: str) -> bool:
    """An argument the system could not decode as UTF-8 (its bytes kept as lone surrogates)."""
    return not arg.isascii() and any("\udc80" <= c <= "\udcff" for c in arg)


def utf8_on_windows(streams: tuple[Any, ...], platform: str = sys.platform) -> None:
    """On Windows, output to a pipe or a file is written in the ANSI code page (cp1252, cp1258),
    which cannot carry every Vietnamese letter: kh writes UTF-8 there, as everywhere else. (The
    console itself is UTF-8 since Python 3.6; PowerShell reads a pipe as UTF-8 once told:
    README.)"""
    if platform != "win32":
        return
    for stream in streams:
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if stream is not None and encoding != "utf8":
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(encoding="utf-8")


def main() -> NoReturn:
    signal.signal(signal.SIGINT, _interrupted)
    try:
        # A test hook: the handler is in place. Inside the try: the test's signal may come
        # while the file is being created (it exists once open() has made it).
        if ready := os.environ.get("KH_TEST_SIGNAL_READY"):
            open(ready, "w").close()
        if sys.stdout is None:  # started with its output closed (`kh list >&-`)
            from .words.i18n import t

            _say(t("standard output is closed; nothing to write to"))
            raise SystemExit(2)
        utf8_on_windows((sys.stdout, sys.stderr))
        for stream in (sys.stdout, sys.stderr):
            encoding = getattr(stream, "encoding", None) or "utf-8"
            try:
                "ệđ".encode(encoding)
            except (UnicodeEncodeError, LookupError):
                # Vietnamese letters this output cannot carry are written as \u escapes.
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
                if stream is sys.stdout:
                    from .words.i18n import t

                    _say(
                        t(
                            "the output encoding ({encoding}) cannot show Vietnamese letters; they are written "
                            "as \\u escapes (use a UTF-8 locale, e.g. LANG=C.UTF-8)",
                            encoding=encoding,
                        )
                    )
        if bad := next((arg for arg in sys.argv[1:] if _not_utf8(arg)), None):
            from .words.i18n import t

            shown = bad.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            _say(t("the argument {arg!r} is not valid UTF-8 (type it again, or save the file that holds it as UTF-8)",
                   arg=shown))  # fmt: skip
            raise SystemExit(2)
        from .cli import main as run

        run()
    except Interrupted:
        if sys.stderr is not None:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write("\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    raise SystemExit(0)  # pragma: no cover - run() always exits
