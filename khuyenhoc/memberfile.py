"""The members' side of the data: who belongs to a collective (``members:`` of a unit in a
units file), and a member's own file of completions and notes (``members/<id>.yaml``).

A member's file holds only that member's records, so that each unit can keep a clone of the
plan, record its own work, and push: merging the members' branches never touches the same
file twice (README, "Follow-up per member"). One record a line, appended at the end, keeps
each ``git log -p`` entry to the line that changed.

    member: ha-noi
    records:
      - {task: BGD-III.3-BC, year: 2025, date: 2025-10-20, evidence: "Báo cáo số 123/SGDĐT-GDTX"}
      - {task: BGD-III.3-BC, year: 2026, date: 2026-10-02, note: "Đã gửi bản dự thảo"}
"""

from __future__ import annotations

from pathlib import PurePath

import yaml

from .deadlines import MAX_YEAR, MIN_YEAR
from .i18n import t
from .model import DataError, MemberRecord, Members, Membership, Note
from .yamlread import Reader, read_completion

MEMBERS_KEYS = ("kind", "units", "name")
MEMBERSHIP_KEYS = ("unit", "since", "until")
RECORD_KEYS = ("task", "year", "date", "no_later_than", "evidence", "source", "by", "note")


def members(r: Reader, node: yaml.Node, what: object) -> Members | None:
    """A collective's ``members:``: ``{kind: province, name: "Sở GDĐT {short}"}``, or
    ``{units: [vp-bo, {unit: vu-gdpt, since: 2025-03-01}], name: …}``."""
    where = t("the members of {what}", what=what)
    keys = r.mapping(node, where, MEMBERS_KEYS)
    if keys is None:
        return None
    if ("kind" in keys) == ("units" in keys):
        r.error(node, t("{where} need either 'kind' (every unit of that kind) or 'units' (a list)", where=where))
        return None
    kind = r.text(keys["kind"], t("the kind of {where}", where=where)) if "kind" in keys else None
    listed: list[Membership] = []
    for item in r.sequence(keys["units"], where) if "units" in keys else []:
        if isinstance(item, yaml.ScalarNode):
            if unit := r.text(item, t("each of {what}", what=where)):
                listed.append(Membership(unit))
            continue
        mk = r.mapping(item, t("each of {what}", what=where), MEMBERSHIP_KEYS, ("unit",))
        if mk is None or "unit" not in mk:
            continue
        unit = r.text(mk["unit"], t("each of {what}", what=where))
        since = r.day(mk["since"], t("the first day of a member of {what}", what=what)) if "since" in mk else None
        until = r.day(mk["until"], t("the last day of a member of {what}", what=what)) if "until" in mk else None
        if unit:
            listed.append(Membership(unit, since, until))
    name = r.text(keys["name"], t("how {what} names a member", what=what)) if "name" in keys else None
    if name is not None and "{short}" not in name and "{name}" not in name:
        r.error(keys["name"], t("{where}: 'name' must hold {{short}} or {{name}}", where=where))
        name = None
    if kind is None and not listed:
        return None
    return Members(kind, tuple(listed), name)


def parse_members(text: str, path: str, errors: list[DataError]) -> list[MemberRecord] | None:
    """A member's file; None when it cannot be read at all."""
    r = Reader(path, errors)
    before = len(errors)
    root = r.compose(text)
    if root is None:
        if len(errors) == before:
            errors.append(DataError(path, 1, t("the file is empty: expected 'member:' and 'records:'")))
        return None
    return parse_members_file(r, root)


def parse_members_file(r: Reader, root: yaml.Node) -> list[MemberRecord]:
    """The records of one member's file. The file's name must be the member's id (or start
    with it and a dot: ``ha-noi.2026.yaml``), so a file cannot speak for another member."""
    keys = r.mapping(root, t("a member's file"), ("member", "records"), ("member",))
    if keys is None or "member" not in keys:
        return []
    member = r.text(keys["member"], t("the member of a member's file"))
    if member is None:
        return []
    stem = PurePath(r.path).name.removesuffix(".yaml")
    if stem != member and not stem.startswith(member + "."):
        r.error(
            keys["member"],
            t(
                "this file is named for {stem!r} but names member {member!r}: a member's records live in "
                "members/{member}.yaml",
                stem=stem,
                member=member,
            ),
        )
        return []
    out: list[MemberRecord] = []
    listed = keys.get("records")
    if listed is not None and isinstance(listed, yaml.ScalarNode) and r.scalar(listed) is None:
        listed = None  # `records:` with nothing yet (the last record reopened): no records
    for item in r.sequence(listed, t("records")) if listed is not None else []:
        record = _record(r, item, member)
        if record is not None:
            out.append(record)
    return out


def _record(r: Reader, node: yaml.Node, member: str) -> MemberRecord | None:
    what = t("a record of {member}", member=member)
    keys = r.mapping(node, what, RECORD_KEYS, ("task",))
    if keys is None or "task" not in keys:
        return None
    task = r.text(keys["task"], t("the task of {what}", what=what))
    year = None
    if "year" in keys:
        year = r.integer(keys["year"], t("the year of {what}", what=what))
        if year is None:
            return None
        if not MIN_YEAR <= year <= MAX_YEAR:
            r.error(keys["year"], t("{what}: the year is outside {v1}–{v2}", what=what, v1=MIN_YEAR, v2=MAX_YEAR))
            return None
    by = r.text(keys["by"], t("who did {what}", what=what)) if "by" in keys else None
    line = r.line(node)
    if "note" in keys:
        for extra in ("no_later_than", "evidence", "by"):
            if extra in keys:
                r.error(keys[extra], t("{what}: a note has no {key!r}", what=what, key=extra))
                return None
        if "date" not in keys:
            r.error(node, t("{what} has no {key!r}", what=what, key="date"))
            return None
        on = r.day(keys["date"], t("the date of {what}", what=what))
        text = r.text(keys["note"], t("the text of {what}", what=what))
        source = r.source(keys["source"], t("the source of {what}", what=what)) if "source" in keys else None
        if task is None or on is None or text is None:
            return None
        return MemberRecord(member, task, year, None, Note(on, text, source), None, r.path, line)
    if "evidence" not in keys and ("date" in keys) != ("no_later_than" in keys):
        r.error(node, t("{what} has no {key!r}", what=what, key="evidence"))
        return None
    done = read_completion(r, node, keys, what)
    if task is None or done is None:
        return None
    return MemberRecord(member, task, year, done, None, by, r.path, line)
