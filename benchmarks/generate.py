"""Generate a large plan in kh's schema, for benchmarks (not for tracking: the data is made up).

The province-level obligations of the shipped plan (those led by "UBND cấp tỉnh" or the
provincial departments of education) are fanned out to each of the 34 provinces and then to
communes, one task per unit and obligation, until the plan holds the number of occurrences
asked for (a one-off or standing task is one occurrence; a yearly duty one per year from 2020
through 2026). About half of the occurrences with a deadline are recorded done, with
evidence; there are comments, as in a file people edit.

    python benchmarks/generate.py 100000 /tmp/kh-100k            # one tasks.yaml
    python benchmarks/generate.py 100000 /tmp/kh-100k --split    # tasks.d/<province>.yaml

It also writes ``taskwarrior.json``: the same occurrences as Taskwarrior tasks (one per
occurrence, done ones "completed"), for ``task import``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khuyenhoc.read.loader import load_dir  # noqa: E402
from khuyenhoc.write.edit import scalar  # noqa: E402

# The 34 provincial-level units working from 01/07/2025 (Nghị quyết 202/2025/QH15).
PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
    "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "TP Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau",
    "An Giang",
]  # fmt: skip
LAST_YEAR = 2026


def occurrences_of(due) -> int:  # type: ignore[no-untyped-def]
    return LAST_YEAR - 2020 + 1 if due.yearly else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("occurrences", type=int, help="how many occurrences, e.g. 1000, 10000, 100000")
    parser.add_argument("folder", type=Path, help="where to write data/ (created)")
    parser.add_argument("--split", action="store_true", help="one file per province in tasks.d/")
    parser.add_argument("--seed", type=int, default=489)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    plan, errors = load_dir(ROOT / "data")
    assert not errors
    templates = [t for t in plan.tasks if {"ubnd-tinh", "so-gddt"} & set(t.lead)]
    per_unit = sum(occurrences_of(t.deadline) for t in templates)
    units_needed = -(-args.occurrences // per_unit)

    data = args.folder / "data"
    (data / "tasks.d").mkdir(parents=True, exist_ok=True)
    shipped_units = (ROOT / "data" / "units.yaml").read_text(encoding="utf-8")
    unit_lines = [shipped_units.rstrip("\n"), "", "  # ==== generated: provinces and communes ===="]
    files: dict[str, list[str]] = {}
    tw: list[dict] = []
    made = 0
    # units: provinces first, then communes spread over the provinces
    units = [(f"p{i:02d}", f"UBND {name}", name, None) for i, name in enumerate(PROVINCES, 1)]
    for n in range(max(0, units_needed - len(units))):
        p = n % len(PROVINCES)
        units.append(
            (f"p{p + 1:02d}-x{n + 1:05d}", f"UBND xã số {n + 1}, {PROVINCES[p]}", f"Xã {n + 1}", f"p{p + 1:02d}")
        )
    for unit_id, name, short, parent in units[:units_needed]:
        unit_lines += [f"  - id: {unit_id}", f"    name: {scalar(name)}", f"    short: {scalar(short)}"]
        unit_lines += ["    kind: collective"] + ([f"    parent: {parent}"] if parent else [])
        province = parent or unit_id
        lines = files.setdefault(province, [f"  # ==== {PROVINCES[int(province[1:3]) - 1]} ===="])
        if parent:
            lines.append(f"  # {name}")
        for t in templates:
            task_id = f"{t.id}.{unit_id}"
            lines += [f"  - id: {task_id}", f"    title: {scalar(t.title)}", f"    lead: [{unit_id}]"]
            if t.due_text:
                lines.append(f"    due: {scalar(t.due_text)}")
            lines.append(f"    source: {{document: {t.document}, ref: {scalar(t.ref)}}}")
            done: list[tuple[int | None, date, date]] = []
            if t.deadline.kind == "once":
                due = t.deadline.on
                assert due is not None
                if rng.random() < 0.5:
                    done.append((None, due, due + timedelta(days=rng.randint(-60, 120))))
                    on = done[0][2]
                    lines += [
                        "    done:",
                        f"      date: {on}",
                        f"      evidence: Công văn số {rng.randint(1, 999)}/UBND",
                    ]
                tw.append(_tw(task_id, t.title, due, done[0][2] if done else None))
            elif t.deadline.yearly:
                years = [y for y in range(2020, LAST_YEAR + 1) if rng.random() < 0.5]
                if years:
                    lines.append("    done:")
                for y in range(2020, LAST_YEAR + 1):
                    due = t.deadline.due_in(y)
                    on = min(due + timedelta(days=rng.randint(-30, 60)), date(LAST_YEAR, 11, 1))
                    if y in years:
                        lines += [
                            f"      {y}:",
                            f"        date: {on}",
                            f"        evidence: Báo cáo số {rng.randint(1, 999)}/BC-UBND",
                        ]
                        if rng.random() < 0.05:
                            lines.append("        # bản ký số gửi qua hệ thống quản lý văn bản")
                    tw.append(_tw(f"{task_id}.{y}", t.title, due, on if y in years else None))
            else:
                tw.append(_tw(task_id, t.title, None, None))
            made += occurrences_of(t.deadline)
            lines.append("")

    shipped = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    if args.split:
        (data / "tasks.yaml").write_text(shipped, encoding="utf-8")
        for province, lines in files.items():
            (data / "tasks.d" / f"{province}.yaml").write_text("tasks:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    else:
        (data / "tasks.d").rmdir()
        body = "\n".join(line for lines in files.values() for line in lines)
        (data / "tasks.yaml").write_text(shipped.rstrip("\n") + "\n\n" + body + "\n", encoding="utf-8")
    (data / "units.yaml").write_text("\n".join(unit_lines) + "\n", encoding="utf-8")
    (args.folder / "taskwarrior.json").write_text("\n".join(json.dumps(t, ensure_ascii=False) for t in tw) + "\n")
    size = sum(p.stat().st_size for p in data.rglob("*.yaml"))
    print(
        f"{made} generated occurrences ({units_needed} units × {len(templates)} tasks), {size / 2**20:.1f} MiB of YAML"
    )


def _tw(uuid_seed: str, title: str, due: date | None, done: date | None) -> dict:
    import uuid

    task: dict = {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, uuid_seed)),
        "description": title[:80],
        "entry": "20200408T000000Z",
        "status": "completed" if done else "pending",
    }
    if due:
        task["due"] = due.strftime("%Y%m%dT000000Z")
    if done:
        task["end"] = done.strftime("%Y%m%dT000000Z")
    return task


if __name__ == "__main__":
    main()
