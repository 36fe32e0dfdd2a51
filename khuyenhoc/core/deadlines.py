"""Vietnamese deadline phrases → dates. Pure: no I/O, no clock.

The phrases found in the plans, and their obvious variants:

=================================  =============================================
phrase                             reading
=================================  =============================================
``Quý II năm 2021``                the quarter's last day: 30/06/2021
``quý 2/2021``, ``trong quý II…``  the same
``15/11 hằng năm``                 every year on 15/11 (one occurrence a year)
``trước ngày 30/10 hằng năm``      every year, *before* 30/10: due 29/10
``31/12/2021``, ``2021-12-31``     that day
``trước ngày 31/12/2021``          the day before: 30/12/2021
``tháng 6 năm 2021``, ``tháng 6/2021``  the month's last day
``năm 2021``                       31/12/2021
``thường xuyên``                   a standing duty: no deadline, never overdue
=================================  =============================================

"trước ngày X" is read literally: the work is due the day *before* X, so X itself
is already late. No source settles the point (docs/sources.md §3); the strict reading is
the one a follow-up officer can defend, and the verbatim text is always shown beside the
computed date. A leading "hoàn thành" or "trong" is ignored. Anything else is an error,
never a guess.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from ..words.i18n import Message, t

__all__ = [
    "Deadline",
    "DeadlineError",
    "month_end",
    "parse_date",
    "parse_deadline",
    "quarter_end",
]

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class DeadlineError(ValueError):
    """A deadline phrase that is not one of the known forms, or names an impossible date."""


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline.

    ``kind`` is ``"once"`` (``on`` is the date), ``"yearly"`` (``month``/``day`` recur every
    year) or ``"standing"`` (no deadline).
    """

    kind: str
    on: date | None = None
    month: int = 0
    day: int = 0

    @property
    def yearly(self) -> bool:
        return self.kind == "yearly"

    @property
    def standing(self) -> bool:
        return self.kind == "standing"

    def due_in(self, year: int) -> date | None:
        """The due date of this deadline's occurrence in ``year`` (yearly deadlines only)."""
        if self.kind != "yearly":
            return self.on
        return _yearly_date(year, self.month, self.day)


def quarter_end(year: int, quarter: int) -> date:
    """Last day of a quarter: Q1 → 31/03, Q2 → 30/06, Q3 → 30/09, Q4 → 31/12."""
    if not 1 <= quarter <= 4:
        raise DeadlineError(t("no quarter {quarter}: a year has quarters I to IV", quarter=quarter))
    return month_end(year, quarter * 3)


def month_end(year: int, month: int) -> date:
    """Last day of a month (Civil Code 2015 Art. 146: "cuối tháng" is its last day)."""
    if not 1 <= month <= 12:
        raise DeadlineError(t("no month {month}", month=month))
    return date(year, month, calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=4096)
def _yearly_date(year: int, month: int, day: int) -> date:
    # 29/02 in a common year falls on 28/02.
    if day <= 28:
        return date(year, month, day)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last))


def _make_date(year: int, month: int, day: int, phrase: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DeadlineError(
            t("no such date {day:02d}/{month:02d}/{year} in {phrase!r}", day=day, month=month, year=year, phrase=phrase)
        ) from None


_DMY = re.compile(r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")


MIN_YEAR, MAX_YEAR = 1900, 2199  # the years kh reads in deadlines ("19xx", "20xx"), and a margin


def parse_date(text: str) -> date:
    """A day as people type it: ``30/06/2021`` (how Vietnamese write it, and how kh prints it)
    or ``2021-06-30`` (ISO). Raises :class:`DeadlineError` for anything else or no such day."""
    wanted = text.strip()
    m = _DMY.fullmatch(wanted) or _ISO.fullmatch(wanted)
    if m is None:
        raise DateError(text, t("expected DD/MM/YYYY or YYYY-MM-DD"))
    if not MIN_YEAR <= int(m["y"]) <= MAX_YEAR:
        raise DateError(text, t("the year is outside {first}–{last}", first=MIN_YEAR, last=MAX_YEAR))
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        raise DateError(text, t("no such day")) from None


class DateError(DeadlineError):
    """A typed date kh cannot read; ``reason`` says why."""

    def __init__(self, text: str, reason: Message):
        super().__init__(t("invalid date {text!r}: {reason}", text=text, reason=reason))
        self.text, self.reason = text, reason


_YEAR = r"(?P<year>(?:19|20)\d\d)"
_QUARTER = re.compile(
    r"quý\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:năm\s+|/\s*)" + _YEAR,
)
_DAY_MONTH_YEARLY = re.compile(
    r"(?P<before>trước\s+ngày\s+)?(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s+h[ằà]ng\s+năm"
)
_FULL_DATE = re.compile(r"(?P<before>trước\s+ngày\s+)?(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*" + _YEAR)
_ISO_DEADLINE = re.compile(
    r"(?P<before>trước\s+ngày\s+)?(?:ngày\s+)?(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
)
_MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:năm\s+|/\s*)" + _YEAR)
_YEAR_ONLY = re.compile(r"năm\s+" + _YEAR)
_STANDING = re.compile(r"thường\s+xuyên")
_PREFIX = re.compile(r"^(?:hoàn\s+thành\s+)?(?:trong\s+)?")


def normalise_phrase(text: str) -> str:
    """NFC, lower case, single spaces, no leading "hoàn thành"/"trong" or trailing dot."""
    phrase = unicodedata.normalize("NFC", text).casefold()
    phrase = " ".join(phrase.split()).strip(" .;,")
    return _PREFIX.sub("", phrase, count=1)


@functools.lru_cache(maxsize=4096)  # a large plan repeats its phrases; a Deadline is immutable
def parse_deadline(text: str | None) -> Deadline:
    """Parse a deadline phrase as written in the plans (see the module docstring).

    ``None`` or an empty text is a standing duty. Raises :class:`DeadlineError` for a
    phrase that is not one of the known forms.
    """
    if text is None or not text.strip():
        return Deadline("standing")
    phrase = normalise_phrase(text)

    if _STANDING.fullmatch(phrase):
        return Deadline("standing")
    if m := _QUARTER.fullmatch(phrase):
        return Deadline("once", on=quarter_end(int(m["year"]), ROMAN_QUARTERS[m["q"]]))
    if m := _DAY_MONTH_YEARLY.fullmatch(phrase):
        day, month = int(m["d"]), int(m["m"])
        _make_date(2020, month, day, text)  # 2020 is a leap year: accepts 29/02
        if m["before"]:
            prev = date(2020, month, day) - timedelta(days=1)
            month, day = prev.month, prev.day
            if (month, day) == (2, 28) and (int(m["m"]), int(m["d"])) == (3, 1):
                # "trước ngày 01/03": the last day of February, whatever the year.
                day = 29
        return Deadline("yearly", month=month, day=day)
    if m := _FULL_DATE.fullmatch(phrase):
        on = _make_date(int(m["year"]), int(m["m"]), int(m["d"]), text)
        return Deadline("once", on=on - timedelta(days=1) if m["before"] else on)
    if m := _ISO_DEADLINE.fullmatch(phrase):  # "2021-09-30": a date typed the ISO way
        on = _make_date(int(m["y"]), int(m["m"]), int(m["d"]), text)
        return Deadline("once", on=on - timedelta(days=1) if m["before"] else on)
    if m := _MONTH.fullmatch(phrase):
        return Deadline("once", on=month_end(int(m["year"]), int(m["m"])))
    if m := _YEAR_ONLY.fullmatch(phrase):
        return Deadline("once", on=date(int(m["year"]), 12, 31))
    if (meant := _with_diacritics(text)) is not None:
        raise DeadlineError(t("unknown deadline {text!r}; did you mean {meant!r}?", text=text, meant=meant))
    raise DeadlineError(
        t(
            "unknown deadline {text!r}: expected a form such as 'Quý II năm 2021', '15/11 "
            "hằng năm', 'trước ngày 30/10 hằng năm', '31/12/2021', 'tháng 6 năm 2021', 'năm "
            "2021' or 'thường xuyên'",
            text=text,
        )
    )


# The words of deadline phrases, as typed without diacritics (fold() of them) → as written.
_WORDS = {
    "quy": "quý",
    "nam": "năm",
    "hang": "hằng",
    "truoc": "trước",
    "ngay": "ngày",
    "thang": "tháng",
    "thuong": "thường",
    "xuyen": "xuyên",
    "hoan": "hoàn",
    "thanh": "thành",
}


def _with_diacritics(text: str) -> str | None:
    """The phrase with the diacritics of its known words restored ("Quy III nam 2021" →
    "Quý III năm 2021"), if that is a phrase kh reads and differs from what was typed."""
    folded = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = [_WORDS.get(w, w.upper() if w in ROMAN_QUARTERS and not w.isdigit() else w) for w in folded.split()]
    if not words:
        return None
    meant = " ".join(words)
    if meant.startswith("quý"):  # as the plans write it: "Quý II năm 2021", "trước ngày 30/10 hằng năm"
        meant = "Q" + meant[1:]
    if meant == text.strip():
        return None
    try:
        parse_deadline(meant)
    except DeadlineError:
        return None
    return meant
