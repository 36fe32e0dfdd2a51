"""khuyenhoc.outputs.render: the rich terminal tables, compared exactly (as rich's own tests do: a
Console writing to a string at a fixed width, no colour), and CSV cells."""

from __future__ import annotations

import io
from datetime import date

import pytest
from rich.console import Console

from khuyenhoc.core.model import Status
from khuyenhoc.core.status import Filter, grouped, select
from khuyenhoc.outputs.render import cell, rows_table, units_table
from khuyenhoc.read.loader import load_plan

from ..conftest import DATA, golden

TODAY = date(2021, 7, 1)


def rendered(renderable: object, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False, highlight=False)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


@pytest.mark.parametrize("width", [60, 100])
def test_the_overdue_table_at_a_fixed_width(width: int) -> None:
    plan, _ = load_plan(DATA)
    # as kh list shows them: a task owed by each member is one line per occurrence
    rows = grouped(plan, select(plan, TODAY, Filter(statuses=frozenset({Status.OVERDUE}))), TODAY)
    golden(f"rows-table-{width}.txt", rendered(rows_table(rows, plan, "vi", width, TODAY), width))


def test_the_units_table_at_60_columns() -> None:
    plan, _ = load_plan(DATA)
    golden("units-table-60.txt", rendered(units_table(plan, TODAY, "en", 60), 60))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+84", "'+84"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        (" =1", "' =1"),
        ("Quý II", "Quý II"),
    ],
)
def test_csv_cells_never_start_a_formula(text: str, shown: str) -> None:
    assert cell(text) == shown


def test_a_status_has_one_colour_on_the_terminal_and_in_every_chart() -> None:
    """Done with no known day is olive everywhere (it was green on the terminal, like done on
    time), open is blue (it was cyan); the Word and Mermaid charts use STATUS_COLOURS."""
    from khuyenhoc.core.model import Status
    from khuyenhoc.outputs.charts import STATUS_COLOURS
    from khuyenhoc.outputs.render import STATUS_STYLE

    assert {s: STATUS_STYLE[s].split()[-1] for s in Status} == {s: STATUS_COLOURS[s] for s in Status}
    assert len(set(STATUS_COLOURS.values())) == len(Status)  # no two statuses share a colour
    assert STATUS_STYLE[Status.OVERDUE].startswith("bold ")
