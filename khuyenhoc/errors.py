"""The errors kh shows a user as one line, with their exit code (the core raises them; the
command line maps them to `kh: …` and the code)."""

from __future__ import annotations

from .words.i18n import Message

EXIT_DATA = 1  # the data has problems
EXIT_USAGE = 2  # usage or I/O error


class KhError(Exception):
    """An error to show the user as one line, with its exit code."""

    def __init__(self, message: Message, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code
