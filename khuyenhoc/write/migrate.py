"""`kh migrate`: rewrite the data in the current spelling, with the smallest diff.

Today one change: the date key ``on:``, which YAML 1.1 readers (PyYAML's ``safe_load``, Ruby,
yq v3) take for the boolean ``true``, becomes ``date:``. Only the key's own two letters change:
comments, order, quoting, line endings and a BOM stay as they were. The result is checked to
read as the same plan before anything is written, and each file is written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..read.yamlread import RENAMED_KEYS, SafeLoader
from ..words.i18n import t
from .transaction import File


@dataclass(frozen=True)
class Rewrite:
    path: Path
    old: bytes
    new: bytes
    renamed: int  # keys renamed


def rename_keys(text: str) -> tuple[str, int]:
    """``text`` with every plain mapping key of RENAMED_KEYS written under its new name."""
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    spans: list[tuple[int, int, str]] = []
    todo = [root] if root is not None else []
    while todo:  # iterative: kh data is shallow, but a walk never recurses
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if (
                    isinstance(key, yaml.ScalarNode) and not key.style and key.value in RENAMED_KEYS
                ):  # plain: None or ""
                    spans.append((key.start_mark.index, key.end_mark.index, RENAMED_KEYS[key.value]))
                todo.append(value)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text, len(spans)


def plan_rewrites(files: list[File]) -> list[Rewrite]:
    """What `kh migrate` would write: every file of the plan (as read) whose keys need renaming."""
    out = []
    for _, path, _, old in files:
        text = old.decode("utf-8")
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        new_text, renamed = rename_keys(text[len(bom) :])
        if renamed:
            out.append(Rewrite(Path(path), old, (bom + new_text).encode("utf-8"), renamed))
    return out


def check_same_plan(files: list[File], rewrites: list[Rewrite]) -> None:
    """Refuse (ValueError) unless the rewritten files read as the same plan, with no old key left."""
    from ..read.loader import merge
    from ..read.parse import parse_file

    changed = {str(r.path): r.new for r in rewrites}
    before, after = [], []
    for kind, path, main, data in files:
        before.append(parse_file(kind, path, data, main))
        after.append(parse_file(kind, path, changed.get(path, data), main))
    (plan_before, _), (plan_after, errors_after) = merge(before), merge(after)
    renamed_left = [e for e in errors_after if e.warning and "'on:'" in str(e.message)]
    if plan_before != plan_after or renamed_left:
        raise ValueError(
            t("internal check failed: the rewritten files would not read as the same plan; nothing was written")
        )
