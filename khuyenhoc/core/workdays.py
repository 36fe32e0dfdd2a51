"""Working days (opt-in, docs/sources.md §3): a deadline on a weekend or a Vietnamese public holiday
moves to the next working day, as Civil Code 2015 Art. 148(5) does for periods.

Holidays come from the ``holidays`` package (Vietnam: Tết, Giỗ Tổ, 30/4, 1/5, 2/9, and the
days off it knows). Days off and make-up working days decided by the Government each year,
which a given version of the package may lack, are listed in ``calendar.yaml`` beside the
plan, each with its source. The same file turns the rule on::

    working_days: true
    days_off:
      - {on: 2025-05-02, by: Thông báo 6150/TB-BLĐTBXH}
    working:
      - {on: 2025-04-26, by: Thông báo 6150/TB-BLĐTBXH}

``KH_WORKING_DAYS=1`` (or ``0``) overrides ``working_days`` for one run. The file is read
and checked with the rest of the plan (:func:`khuyenhoc.read.loader.load_plan`), so its problems
are located like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


@dataclass
class Calendar:
    days_off: frozenset[date] = frozenset()
    working: frozenset[date] = frozenset()
    _holidays: Any = field(default=None, repr=False)

    def is_working_day(self, day: date) -> bool:
        if day in self.working:
            return True
        if day in self.days_off or day.weekday() >= 5:
            return False
        if self._holidays is None:
            import holidays

            self._holidays = holidays.country_holidays("VN")
        return day not in self._holidays

    def adjust(self, day: date) -> date:
        """The day itself if it is a working day, else the next working day."""
        for _ in range(30):  # Tết is the longest break, about 9 days
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        return day  # pragma: no cover - no month without a working day
