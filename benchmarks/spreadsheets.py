"""The office's spreadsheets at national scale: the report's workbook with the member matrix of
the 3,321 communes, and `kh import` of a 10,000-row register.

    /tmp/kh-bench/bin/python benchmarks/spreadsheets.py [--runs 3]

The plan is benchmarks/members.py's (the shipped plan, the 3,321 communes as members of a
collective, four yearly duties owed by each). The register: one row per commune reporting on
2026 ("UBND Phường Ba Đình", "Báo cáo … năm 2026"), then rows from senders no member matches,
10,000 rows in all, as .xlsx and as .csv. Each row of the table is the median of the runs, with
the peak resident memory. Goals (issue 27): the workbook under 5 s, the import's proposals
under 5 s, under 300 MiB.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from members import generate  # the national plan
from run import TODAY, measure

ROWS = 10_000


def register(folder: Path) -> tuple[Path, Path, int]:
    """The register as .csv and .xlsx; returns both and how many rows name a commune."""
    from openpyxl import Workbook

    from khuyenhoc.outputs.divisions import communes_yaml

    names = re.findall(r'name: "([^"]+)", kind: commune', communes_yaml())
    header = ["Số đến", "Ngày đến", "Số, ký hiệu", "Ngày văn bản", "Cơ quan ban hành", "Trích yếu"]
    rows = []
    for n in range(ROWS):
        if n < len(names):
            sender, summary = f"UBND {names[n]}", "Báo cáo kết quả xây dựng cộng đồng học tập năm 2026"
        else:
            sender, summary = f"Công ty số {n}", "V/v chào giá thiết bị"
        rows.append([str(1000 + n), "12/11/2026", f"{n}/BC-UBND", "10/11/2026", sender, summary])
    path_csv, path_xlsx = folder / "so-den.csv", folder / "so-den.xlsx"
    with path_csv.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path_xlsx)
    return path_csv, path_xlsx, min(len(names), ROWS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kh-bench")
    args = parser.parse_args()
    kh = Path(sys.executable).parent / "kh"
    if not kh.exists():
        raise SystemExit(f"no kh beside {sys.executable}: install kh in this virtual environment")
    plan = args.work / "plan-members"
    generate(plan)
    path_csv, path_xlsx, communes = register(args.work)
    env = {**os.environ, "KH_TODAY": TODAY, "KH_CACHE_DIR": str(args.work / "spreadsheets-cache")}
    data = ["--data", str(plan / "data")]
    runs = {
        "kh report 2026 -f xlsx (member matrix: 3,321 communes × 4 duties)": [
            str(kh), "report", "2026", "-f", "xlsx", "-o", str(args.work / "bao-cao-2026.xlsx"), *data],
        f"kh import so-den.xlsx ({ROWS:,} rows), dry run": [str(kh), "import", str(path_xlsx), "-f", "json", *data],
        f"kh import so-den.csv ({ROWS:,} rows), dry run": [str(kh), "import", str(path_csv), "-f", "json", *data],
        "kh list --overdue -f xlsx (every overdue share)": [
            str(kh), "list", "--overdue", "-f", "xlsx", "-o", str(args.work / "qua-han.xlsx"), *data],
    }  # fmt: skip
    print(f"# spreadsheets at national scale, {time.strftime('%Y-%m-%d')}, median of {args.runs} runs\n")
    print(f"Register: {ROWS:,} rows, {communes:,} of them from a commune.\n")
    print("| run | wall s | peak MiB |")
    print("|---|---|---|")
    for name, argv in runs.items():
        wall, peak = measure(argv, env, args.runs)
        print(f"| {name} | {wall:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
