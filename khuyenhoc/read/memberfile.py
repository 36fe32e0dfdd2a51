"""The members' side of the data: who belongs to a collective (``members:`` of a unit in a
units file), and a member's own file of completions and notes (``members/<id>.yaml``).

A member's file holds only that member's records, so that each unit can keep a clone of the
plan, record its own work, and push: merging the members' branches never touches the same
file twice (docs/reference.md, "Follow-up per member"). One record a line, appended at the end, keeps
each ``git log -p`` entry to the line that changed.

    member: ha-noi
    records:
      - {task: BGD-III.3-BC, year: 2025, date: 2025-10-20, evidence: "Báo cáo số 123/SGDĐT-GDTX"}
      - {task: BGD-III.3-BC, year: 2026, date: 2026-10-02, note: "Đã gửi bản dự thảo"}
"""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePath

import yaml

from ..core.deadlines import MAX_YEAR, MIN_YEAR
from ..core.model import DataError, MemberRecord, Members, Membership, Note
from ..errors import KhError
from ..words.i18n import t
from .yamlread import Reader, read_completion

MEMBERS_KEYS = ("kind", "units", "name", "addressee")
MEMBERSHIP_KEYS = ("unit", "since", "until", "by")
RECORD_KEYS = ("task", "year", "date", "no_later_than", "evidence", "source", "by", "note")


def members(r: Reader, node: yaml.Node, what: object) -> Members | None:
    """A collective's ``members:``: ``{kind: province, name: "Sở GDĐT {short}"}``, or
    ``{units: [vp-bo, {unit: vu-gdpt, since: 2025-03-01}], name: …}``."""
    where = t("the members of {what}", what=what)
    keys = r.mapping(node, where, MEMBERS_KEYS)
    if keys is None:
        return None
    if "kind" not in keys and "units" not in keys:
        r.error(node, t("{where} need 'kind' (every unit of that kind), 'units' (a list), or both", where=where))
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
        by = r.text(mk["by"], t("the legal instrument of a member of {what}", what=what)) if "by" in mk else None
        if since is not None and until is not None and until < since:
            r.error(mk["until"], t("a member of {what} leaves before it joins", what=what))
        if unit:
            listed.append(Membership(unit, since, until, by))
    name = r.text(keys["name"], t("how {what} names a member", what=what)) if "name" in keys else None
    if name is not None and "{short}" not in name and "{name}" not in name:
        r.error(keys["name"], t("{where}: 'name' must hold {{short}} or {{name}}", where=where))
        name = None
    addressee = (
        r.text(keys["addressee"], t("how a letter addresses a member of {what}", what=what))
        if "addressee" in keys
        else None
    )
    if addressee is not None and not any(p in addressee for p in ("{short}", "{name}", "{name_lc}")):
        r.error(keys["addressee"], t("{where}: 'addressee' must hold {{short}}, {{name}} or {{name_lc}}", where=where))
        addressee = None
    if kind is None and not listed:
        return None
    return Members(kind, tuple(listed), name, addressee)


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
            r.error(
                keys["year"], t("{what}: the year is outside {first}–{last}", what=what, first=MIN_YEAR, last=MAX_YEAR)
            )
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


# -- editing a member's file ----------------------------------------------------------------------


def _text(value: str) -> str:
    """A YAML double-quoted scalar on one line (JSON's string syntax is YAML's)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def record_item(task: str, year: int | None, fields: list[tuple[str, str | date | None]]) -> str:
    """One record as a flow mapping on one line: ``{task: …, year: …, date: …, evidence: "…"}``."""
    parts = [f"task: {task}"] + ([f"year: {year}"] if year is not None else [])
    for key, value in fields:
        if value is None:
            continue
        parts.append(f"{key}: {value.isoformat() if isinstance(value, date) else _text(value)}")
    return "{" + ", ".join(parts) + "}"


class MemberText:
    """A member's file as text, for adding or removing one record with the smallest diff: the
    geometry of :mod:`khuyenhoc.read.yamltext`, as for tasks. ``records`` may be a block list
    (indented or not), a flow list on one line or several, empty, or absent; the file's line
    ending and BOM are kept. What comes out is checked to read as the intended records before
    anything is written (:class:`khuyenhoc.write.memberedit.MemberFiles`)."""

    def __init__(self, raw: bytes | None, path: Path, member: str):
        import yaml

        from .yamlread import SafeLoader
        from .yamltext import YamlText

        self.path, self.member = path, member
        try:
            text = raw.decode("utf-8") if raw is not None else ""
        except UnicodeDecodeError:
            raise KhError(t("{path}: not valid UTF-8; run `kh check`", path=path), 1) from None
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.text = text[len(self.bom) :]
        self.geo = YamlText(self.text)
        self.root: yaml.Node | None = None
        if self.text.strip():
            loader = SafeLoader(self.text)
            try:
                self.root = loader.get_single_node()
            except yaml.YAMLError:
                raise KhError(t("{path}: not valid YAML; run `kh check`", path=path), 1) from None
            finally:
                loader.dispose()

    def _records(self) -> tuple[object, object] | None:
        """The ``records`` key and value nodes, if the file has them."""
        import yaml

        if isinstance(self.root, yaml.MappingNode):
            for key, value in self.root.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "records":
                    return key, value
        return None

    def _out(self, text: str) -> bytes:
        return (self.bom + text).encode("utf-8")

    def _refuse(self, node: object) -> KhError:
        line = getattr(getattr(node, "start_mark", None), "line", 0) + 1
        return KhError(
            t(
                "{path}:{line}: kh cannot edit the records written this way; nothing written. Write "
                "`records:` as a list, one record a line, and run it again",
                path=self.path,
                line=line,
            ),
            1,
        )

    def append(self, item: str) -> bytes:
        """The file with one more record, after the last one; a new file when there is none."""
        import yaml

        nl, geo = self.geo.newline, self.geo
        if self.root is None:
            return self._out(
                f"# Việc đã làm của {self.member}: mỗi dòng một bản ghi (kh done/note --member {self.member} "
                f"ghi thêm vào cuối).{nl}member: {self.member}{nl}records:{nl}  - {item}{nl}"
            )
        found = self._records()
        if found is None:  # no records yet: the list goes at the end
            return self._out(geo.splice(len(self.text), len(self.text), f"records:{nl}  - {item}{nl}"))
        key, node = found
        assert isinstance(key, yaml.Node) and isinstance(node, yaml.Node)
        if isinstance(node, yaml.SequenceNode) and node.value:
            last = node.value[-1]
            if node.flow_style:  # [{…}, {…}]: after the last item, on its line or the next
                at = last.end_mark.index
                if node.start_mark.line == node.end_mark.line:
                    return self._out(geo.splice(at, at, f", {item}"))
                return self._out(geo.splice(at, at, f",{nl}{' ' * last.start_mark.column}{item}"))
            first = node.value[0]
            dash = self.text.rfind("-", 0, first.start_mark.index)
            col = dash - geo.line_start(dash)
            gap = first.start_mark.index - dash if first.start_mark.line == self.text.count("\n", 0, dash) else 2
            at = geo.line_end(geo.content_end(last))
            return self._out(geo.splice(at, at, f"{' ' * col}-{' ' * max(gap - 1, 1)}{item}{nl}"))
        empty = (isinstance(node, yaml.SequenceNode) and not node.value) or (
            isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.value
        )
        if not empty:
            raise self._refuse(node)
        # `records: []` or `records:` with nothing: the list starts on the next line; a comment after it stays
        row = key.start_mark.line
        line_start = geo.line_start(key.start_mark.index)
        line_end = geo.line_end(key.start_mark.index)
        head = self.text[line_start : node.start_mark.index if node.start_mark.line == row else key.end_mark.index]
        rest = self.text[node.end_mark.index if node.end_mark.line == row else key.end_mark.index : line_end]
        head = head.rstrip()
        if not head.endswith(":"):
            head += ":"
        comment = rest.strip()
        tail = f"{head}{' ' + comment if comment.startswith('#') else ''}{nl}"
        indent = " " * (key.start_mark.column + 2)
        return self._out(self.text[:line_start] + tail + f"{indent}- {item}{nl}" + self.text[line_end:])

    def remove(self, at: int, line: int) -> bytes:
        """The file without its ``at``-th record (from 0), which starts on ``line``: its lines
        in a block list, the item and one comma beside it in a flow list."""
        import yaml

        found = self._records()
        node = found[1] if found is not None else None
        items = list(getattr(node, "value", None) or [])
        if not isinstance(node, yaml.SequenceNode) or not 0 <= at < len(items) or items[at].start_mark.line + 1 != line:
            raise KhError(t("{member}: the record is not where the file said; run kh again", member=self.member))
        item, geo = items[at], self.geo
        if node.flow_style:
            if at + 1 < len(items):  # "{this}, " up to the next item
                return self._out(geo.splice(item.start_mark.index, items[at + 1].start_mark.index, ""))
            if at > 0:  # the last one: ", {this}" from the end of the one before
                return self._out(geo.splice(items[at - 1].end_mark.index, item.end_mark.index, ""))
            return self._out(geo.splice(item.start_mark.index, item.end_mark.index, ""))
        dash = self.text.rfind("-", 0, item.start_mark.index)
        start = geo.line_start(dash)
        end = geo.line_end(geo.content_end(item))
        if self.text[start:dash].strip() or self.text[geo.content_end(item) : end].strip().split("#")[0].strip():
            raise self._refuse(item)  # something else shares the record's lines
        return self._out(geo.splice(start, end, ""))
