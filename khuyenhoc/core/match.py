"""What people type → records: unit names without diacritics or by abbreviation, task ids
written loosely. Pure functions over a plan; errors say what was meant or what is close."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from ..words.i18n import t
from ..words.text import fold
from .model import Plan, Task, Unit

# Words naming the kind of body, left out when people abbreviate: "gdtx" for "Vụ GDTX".
_KIND_WORDS = re.compile(
    r"^(vu|cuc|bo|so|ban|van phong|trung tam|truong|hoi|dai|vien|tong cuc|uy ban|ubnd|cac|tp|thanh pho|tinh) "
)


class MatchError(LookupError):
    """Nothing, or more than one thing, matches what was typed; the message says which."""


def _names(unit: Unit) -> set[str]:
    """Its names without the word for its kind, and the initials of a short name of several
    words ("hcm" for Hồ Chí Minh, "ttxvn"), as people abbreviate."""
    names = _exact_names(unit)
    names |= {_KIND_WORDS.sub("", n) for n in names}
    for short in {fold(unit.short), _KIND_WORDS.sub("", fold(unit.short))}:
        words = short.replace("-", " ").split()
        if len(words) > 1 and all(w.isalpha() for w in words):
            names.add("".join(w[0] for w in words))
    return names


def unit(plan: Plan, typed: str) -> str:
    """The id of the unit meant by ``typed`` (see :func:`unit_match`)."""
    return unit_match(plan, typed)[0]


def unit_match(plan: Plan, typed: str, prefer: Callable[[Unit], bool] | None = None) -> tuple[str, bool]:
    """The id of the unit meant by ``typed``, and whether it was named exactly.

    Exactly: its id, short or full name, with or without diacritics. Loosely: without the
    word for its kind ("gdtx" for "Vụ GDTX"), else a unique part of a name; among equally
    good loose matches, a single body wins over classes of bodies, and then the one ``prefer``
    picks (a member of a collective, for --member: the province, not the university, for "hcm").
    A caller says which unit a loose match chose, so that nothing is picked silently.
    """
    wanted = fold(typed)
    if not wanted:
        raise MatchError(t("no unit given"))
    units = list(plan.units.values())
    exact = [u for u in units if wanted in _exact_names(u)]
    if len(exact) == 1:
        return exact[0].id, True
    bare = _KIND_WORDS.sub("", wanted)  # "tp hcm", "tinh lang son": the kind word typed too
    for found in (
        exact or [u for u in units if wanted in _names(u) or bare in _names(u)],
        [u for u in units if any(wanted in n for n in _names(u))],
    ):
        if len(found) > 1:
            single = [u for u in found if u.kind != "collective"]
            found = single if len(single) == 1 else found
        if len(found) > 1 and prefer is not None:
            preferred = [u for u in found if prefer(u)]
            found = preferred if len(preferred) == 1 else found
        if len(found) == 1:
            return found[0].id, False
        if found:
            names = ", ".join(f"{u.id} ({u.short})" for u in found[:8])
            more = t(" and {count} more", count=len(found) - 8) if len(found) > 8 else ""
            raise MatchError(t("unit {typed!r} is ambiguous: {names}{more}", typed=typed, names=names, more=more))
    choices = {n: u.id for u in units for n in _names(u)}  # full names too: a misspelt name gets a hint
    close = list(dict.fromkeys(choices[c] for c in difflib.get_close_matches(wanted, list(choices), n=6)))[:3]
    names = ", ".join(f"{c} ({plan.units[c].short})" for c in close)
    hint = t("; did you mean {names}?", names=names) if close else t("; see `kh units`")
    raise MatchError(t("unknown unit {typed!r}{hint}", typed=typed, hint=hint))


def _exact_names(unit: Unit) -> set[str]:
    """What a unit answers to: its id, names and former ids, and the names it had ("Thừa Thiên Huế")."""
    names = {fold(unit.id), fold(unit.id.replace("-", " ")), fold(unit.short), fold(unit.name)}
    names |= {fold(n) for former in unit.names for n in (former.name, former.short) if n}
    return names | {fold(old) for old in unit.former_ids}


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}


def _id_key(text: str) -> str:
    """ "BGD-09", "bgd 9", "bgd9" → "bgd.9"; "TTG-II.1.a" and "ttg 2.1.a" → "ttg.2.1.a".

    Leading zeros go, and a section in Roman numerals reads as its number when a number
    follows it ("II.1" is "2.1"; the letter "i" of an item stays a letter)."""
    parts = re.findall(r"[a-z]+|\d+", fold(text))
    out = []
    for i, p in enumerate(parts):
        if p.isdigit():
            p = p.lstrip("0") or "0"
        elif p in _ROMAN and i + 1 < len(parts) and parts[i + 1].isdigit():
            p = _ROMAN[p]
        out.append(p)
    return ".".join(out)


def task(plan: Plan, typed: str) -> Task:
    """The task with this id (case ignored), else the one id written the same way once
    punctuation and leading zeros are ignored ("bgd 9" is BGD-09)."""
    found = plan.task(typed)
    if found is not None:
        return found
    key = _id_key(typed)
    loose = [t for t in plan.tasks if _id_key(t.id) == key] if key else []
    if len(loose) == 1:
        return loose[0]
    if len(loose) > 1:
        raise MatchError(
            t("task {typed!r} is ambiguous: {tasks}", typed=typed, tasks=", ".join(x.id for x in loose[:8]))
        )
    ids = {t.id.upper(): t.id for t in plan.tasks}  # compared without case, suggested as written
    close = [ids[c] for c in difflib.get_close_matches(typed.upper(), list(ids), n=3, cutoff=0.5)]
    hint = t("; did you mean {near}?", near=", ".join(close)) if close else t("; see `kh list --all`")
    raise MatchError(t("no task {typed!r}{hint}", typed=typed, hint=hint))


def member_by_name(plan: Plan, typed: str) -> str | None:
    """The member a collective's name for it names ("Sở GDĐT Hà Nội", "ubnd ha noi"), if any."""
    from .members import members_named

    return members_named(plan).get(fold(typed))
