"""Working days (opt-in, DOMAIN.md §3): a deadline on a weekend or a Vietnamese public holiday
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

``KH_WORKING_DAYS=1`` (or ``0``) overrides ``working_days`` for one run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CALENDAR_FILE = "calendar.yaml"


class CalendarError(ValueError):
    """calendar.yaml cannot be used; the message says where and why."""


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


def load(folder: Path) -> Calendar | None:
    """The calendar if working days are on (calendar.yaml, or KH_WORKING_DAYS), else None."""
    env = os.environ.get("KH_WORKING_DAYS", "").strip().lower()
    path = folder / CALENDAR_FILE
    settings: dict[str, Any] = {}
    if path.is_file() and (env in ("1", "true", "yes") or not _plainly_off(path)):
        settings = _check(_read(path), path)
    on = settings.get("working_days", False)
    if env:
        if env not in ("1", "0", "true", "false", "yes", "no"):
            raise CalendarError(f"KH_WORKING_DAYS={env!r}: expected 1 or 0")
        on = env in ("1", "true", "yes")
    if not on:
        return None
    return Calendar(frozenset(_days(settings, "days_off", path)), frozenset(_days(settings, "working", path)))


def _plainly_off(path: Path) -> bool:
    """True when the file says `working_days: false` (or nothing) on a line of its own: then
    the rest need not be parsed, and a run does not pay for importing PyYAML."""
    import re

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False  # let _read report it
    m = re.search(r"^working_days:[ \t]*(\S*)[ \t]*(#.*)?$", text, re.M)
    if m is None:
        return "working_days" not in text
    return m[1] in ("false", "no")


def _read(path: Path) -> dict[str, Any]:
    """The settings, read from YAML nodes so that ``on:`` is a key, not YAML 1.1's boolean."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loader = loader_class(path.read_text(encoding="utf-8-sig"))
        try:
            root = loader.get_single_node()
            return {} if root is None else _value(root, loader, path)
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CalendarError(f"{path}{f':{mark.line + 1}' if mark else ''}: invalid YAML") from None


def _value(node: Any, loader: Any, path: Path) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _value(v, loader, path) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_value(v, loader, path) for v in node.value]
    try:
        return loader.construct_object(node)
    except (ValueError, yaml.YAMLError):
        raise CalendarError(f"{path}:{node.start_mark.line + 1}: invalid value {node.value!r}") from None


def _check(data: Any, path: Path) -> dict[str, Any]:
    if not isinstance(data, dict) or not set(data) <= {"working_days", "days_off", "working"}:
        raise CalendarError(f"{path}: expected the keys working_days, days_off and working")
    if not isinstance(data.get("working_days", False), bool):
        raise CalendarError(f"{path}: working_days must be true or false")
    return data


def _days(settings: dict[str, Any], key: str, path: Path) -> list[date]:
    out = []
    for item in settings.get(key) or []:
        if not (isinstance(item, dict) and isinstance(item.get("on"), date) and isinstance(item.get("by"), str)):
            raise CalendarError(f"{path}: each of {key} must be {{on: YYYY-MM-DD, by: its source}}, not {item!r}")
        out.append(item["on"])
    return out
