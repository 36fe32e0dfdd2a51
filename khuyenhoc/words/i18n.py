"""The one catalogue of what kh says to its users, Vietnamese first, English with ``--lang en``:
labels (``label(key)``) and messages (``t(template)``: errors, data problems, notes).

A message is written in the code as its English template, ``t("unknown unit {typed!r}",
typed=…)``, and rendered when it is shown, in the language of the command being run
(:func:`set_lang`): the same record (a data problem kept in the cache, say) reads in either
language. A message whose template has no Vietnamese entry in ``MESSAGES`` is shown in
English; a test checks that every template in kh's source has one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import Any

from .catalogue import HELP, LABELS, MESSAGES, METAVARS

_lang = "vi"


def lang_now() -> str:
    """The language messages are rendered in now (set by :func:`set_lang`)."""
    return _lang


def set_lang(lang: str) -> None:
    """The language of every message rendered from now on (one per run)."""
    global _lang
    _lang = "en" if lang == "en" else "vi"


class Msg:
    """A message to show a user, rendered in the current language when turned into text."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, **values: Any):
        self.template = template
        self.values = values

    def render(self, lang: str) -> str:
        text = self.template if lang == "en" else MESSAGES.get(self.template, self.template)
        values = {k: _value(v, lang) for k, v in self.values.items()}
        return text.format(**values) if values else text

    def __str__(self) -> str:
        return self.render(_lang)

    def __repr__(self) -> str:
        return f"Msg({self.render('en')!r})"

    def __eq__(self, other: object) -> bool:
        """Equal to the same message, and to its English text (as tests write it)."""
        if isinstance(other, Msg):
            return (self.template, self.values) == (other.template, other.values)
        if isinstance(other, str):
            return self.render("en") == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.render("en"))

    def __add__(self, other: object) -> str:  # f"…{msg}" and msg + "…" read as text
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def __getstate__(self) -> tuple[str, dict[str, Any]]:
        return self.template, self.values

    def __setstate__(self, state: tuple[str, dict[str, Any]]) -> None:
        self.template, self.values = state


def _value(value: Any, lang: str) -> Any:
    """A message's value in ``lang``: a nested message rendered, a day as its readers write it."""
    if isinstance(value, Msg):
        return value.render(lang)
    if type(value) is date:
        return format_date(value, lang)
    return value


Message = str | Msg  # what the code hands a user: text as is, or a message of the catalogue
Say = Callable[[Message], None]  # where a notice goes (the command line: one line on stderr)


def t(template: str, **values: Any) -> Msg:
    """A message: its English template and the values it names."""
    return Msg(template, **values)


def label(key: str, lang: str = "vi", **values: object) -> str:
    if values.get("n") == 1 and f"{key}_one" in LABELS:
        key = f"{key}_one"
    vi, en = LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def format_date(day: date, lang: str = "vi") -> str:
    """dd/mm/yyyy for Vietnamese readers, ISO for English."""
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


# -- messages: English template → Vietnamese ---------------------------------------------------


# -- help: English text (a docstring's prose, or an option's help) → Vietnamese ------------------
# A command's examples are shown as written, under "Ví dụ:" (see help_text).


def help_text(text: str | None) -> str | None:
    """Help as the run's language has it: a docstring's prose from HELP, its examples as
    written (under "Ví dụ:"); text with no entry as it is."""
    if text is None or _lang == "en":
        return text
    if text in HELP:
        return HELP[text]
    prose, sep, examples = text.partition("\n\nExamples:")
    if sep and prose in HELP:
        return f"{HELP[prose]}\n\n{HELP['Examples:']}{examples}"
    return text


def lang_of(argv: list[str]) -> str:
    """The language asked for on the command line (``--lang en``, ``--lang=en``), else in
    KH_LANG, else Vietnamese: known before the arguments are parsed, for help and usage errors."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("KH_LANG", "vi")


def metavar(text: str | None) -> str | None:
    """A help placeholder ("FILE", "[OPTIONS]") in the run's language."""
    return text if text is None or _lang == "en" else METAVARS.get(text, text)
