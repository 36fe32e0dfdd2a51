"""The JSON contract: a snapshot of every field of every JSON output. A field renamed or
dropped fails here; a field added updates the snapshot (KH_UPDATE_GOLDEN=1) and CHANGELOG.md."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from khuyenhoc.core.model import Completion
from khuyenhoc.git.history import Change, Event
from khuyenhoc.outputs.contract import history_record

from ..conftest import ROOT, golden

TODAY = "2026-11-22"


def fields(value: Any, prefix: str = "") -> set[str]:
    """Every field path of a JSON value: "overdue[].source.ref"."""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            out.add(path)
            if key not in ("partner_roles",):  # keys are unit ids: data, not fields
                out |= fields(item, path)
    elif isinstance(value, list):
        for item in value:
            out |= fields(item, prefix + "[]")
    return out


def test_every_json_output_keeps_its_fields(kh, data_dir: Path) -> None:
    tasks = data_dir / "tasks.yaml"
    tasks.write_text(  # one warning, so that kh check has a record to show
        tasks.read_text(encoding="utf-8").replace("      date: 2020-08-06\n", "      on: 2020-08-06\n", 1),
        encoding="utf-8",
    )
    outputs = {
        "list": kh("list", "--all", "--format", "json", "--today", TODAY),
        "show": kh("show", "BGD-19", "--format", "json", "--today", TODAY),
        "units": kh("units", "--format", "json", "--today", TODAY),
        "check": kh("check", "--format", "json"),
        "report": kh("report", "2021", "--format", "json", "--today", TODAY),
        "agenda": kh("agenda", "--within", "12m", "--format", "json", "--today", "2021-01-01"),
        "import": kh(
            "import",
            str(ROOT / "docs" / "vi-du" / "so-van-ban-den.csv"),
            "--skip",
            "7-9",
            "--format",
            "json",
            "--today",
            TODAY,
        ),
    }
    snapshot = {}
    for name, r in outputs.items():
        assert r.code == 0, (name, r)
        snapshot[name] = sorted(fields(json.loads(r.stdout)))
    event = Event(
        "abc", "2026-11-20T09:00:00+07:00", "a", "a@b", "s", (Change("done", None, Completion(date(2021, 1, 1), "x")),)
    )
    snapshot["history"] = sorted(fields([history_record(event)]))
    golden("contract.json", json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n")
