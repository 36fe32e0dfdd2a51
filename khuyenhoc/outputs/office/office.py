"""Documents an office files: the yearly report (and its charts) as a Word file, and who issues
it. The page, paragraphs, tables and closing are :mod:`.wordfile`'s; matplotlib draws the
charts, imported only when they are drawn. The same data and day give the same bytes.
"""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING, Any

from ...core.model import Plan
from ...words.i18n import format_date, label
from ..ooxml import zip_parts
from .wordfile import PLACEHOLDER, Letterhead, OfficeDocument, clean, words

if TYPE_CHECKING:
    from ..report import Report, Section

__all__ = ["PLACEHOLDER", "Letterhead", "OfficeDocument", "clean", "words", "zip_parts"]


# -- charts -------------------------------------------------------------------------------------


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150, metadata={"Software": None}, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return out.getvalue()


def charts(report: Report, plan: Plan, lang: str) -> list[bytes]:
    """A bar of the year's statuses and a timeline of its deadlines, in the status colours; none
    for a year with nothing due."""
    if not report.due:
        return []
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from ...core.status import DATED
    from ..charts import STATUS_COLOURS

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "kh"})
    # the tasks, and the members' shares apart: 89 shares of two duties would hide 12 tasks
    panels = [
        (label("report.tasks_col", lang), report.counts_of(False)),
        (label("report.shares_col", lang), report.counts_of(True)),
    ]
    panels = [(name, counts) for name, counts in panels if any(counts.values())]
    shown = [s for s in DATED if report.counts[s]]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(6.3, sum(0.45 * sum(1 for s in shown if c[s]) + 0.6 for _, c in panels) + 0.3),
        squeeze=False,
    )
    for ax, (name, by_status) in zip(axes[:, 0], panels, strict=True):
        drawn = [s for s in shown if by_status[s]]
        counts = [by_status[s] for s in drawn]
        ax.barh([label(s.value, lang) for s in drawn], counts, color=[STATUS_COLOURS[s] for s in drawn])
        for y, n in enumerate(counts):
            ax.text(n, y, f" {n}", va="center")
        ax.invert_yaxis()
        ax.set_title(name if len(panels) > 1 else label("report.pie_title", lang, year=report.year), fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(panels) > 1:
        fig.suptitle(label("report.pie_title", lang, year=report.year))
    fig.tight_layout()
    bars = _png(fig)

    from ...core.status import grouped

    rows = sorted(grouped(plan, report.due, report.as_of), key=lambda r: (r.occurrence.due or date.max, r.task.id))
    fig, ax = plt.subplots(figsize=(6.3, 0.22 * len(rows) + 1.0))
    for y, r in enumerate(rows):
        assert r.occurrence.due is not None
        ax.scatter([mdates.date2num(r.occurrence.due)], [y], color=STATUS_COLOURS[r.status], s=28, zorder=3,
                   clip_on=False)  # fmt: skip
    ax.set_yticks(range(len(rows)), [r.task.id for r in rows])
    ax.invert_yaxis()
    # a week of room each side: a deadline on 31/12 was drawn half outside the frame
    ax.set_xlim(mdates.date2num(date(report.year, 1, 1)) - 7, mdates.date2num(date(report.year, 12, 31)) + 7)
    # every other month labelled ("01/01" "01/03" apart), the year's last day closing the axis
    days = [date(report.year, m, 1) for m in range(1, 12, 2)] + [date(report.year, 12, 31)]
    ax.set_xticks([mdates.date2num(d) for d in days])
    ax.xaxis.set_minor_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.grid(axis="x", which="both", color="#dddddd", zorder=0)
    ax.set_title(label("report.gantt_title", lang, year=report.year))
    handles = [
        plt.Line2D([], [], marker="o", linestyle="", color=STATUS_COLOURS[s], label=label(s.value, lang)) for s in shown
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, frameon=False)
    return [bars, _png(fig)]


# -- the yearly report --------------------------------------------------------------------------


def report_docx(
    report: Report, plan: Plan, lang: str, head: Letterhead, today: date, *, with_charts: bool = True
) -> bytes:
    """The yearly report (the sections of :func:`khuyenhoc.outputs.report.sections`) as a Word file."""
    from ..report import _note, sections

    title = label("report.title", lang, year=report.year)
    doc = OfficeDocument(lang, title=title, author=head.issuer if head.issuer != PLACEHOLDER else "")
    doc.header(head, "BC", lang, None, today)
    doc.para(
        words("report_title", lang).upper(), bold=True, size=14, align="center", space_after=0, keep_with_next=True
    )
    doc.para(label("report.subject", lang, year=report.year), bold=True, size=14, align="center", space_after=12)
    doc.para(f"{label('report.plans', lang)}:", indent=True)
    for d in plan.documents.values():
        doc.para(f"- {d.title}", indent=True)
    doc.para(label("report.as_of", lang, date=format_date(report.as_of, lang)), italic=True, indent=True)
    if note := _note(report, plan, lang):
        doc.para(note, bold=True, indent=True)
    images = charts(report, plan, lang) if with_charts else []
    parts = sections(report, plan, lang)
    members = parts[-1] if len(parts[-1].body) > ANNEX_ROWS else None  # one row a member: the annex's
    for n, section in enumerate(parts):
        if section is members:
            _members_summary(doc, section, lang)
        else:
            _section(doc, section, lang)
        if n == 0 and images:
            doc.image(images[0], 150)
    if len(images) > 1:
        doc.para(label("report.charts_h", lang), bold=True, align="left", keep_with_next=True)
        doc.image(images[1], 160)
    above = list(head.recipients or head.report_to) or [words("to_minister", lang), words("to_pm_office", lang)]
    doc.closing(head, [*above, words("archive", lang, who=head.short)], lang)
    if members is not None:  # after the signature, as offices attach a list; landscape: eight columns
        doc.annex([words("annex", lang).upper(), members.heading.split(". ", 1)[-1].upper(),
                   words("annex_of_report", lang, number=head.number or "…/BC-…")],
                  members.header, members.body, members.kinds, landscape=len(members.header) > 6)  # fmt: skip
    return doc.bytes(report.as_of)


ANNEX_ROWS = 12  # a per-member table longer than this goes to the annex, the body summarises it


def _members_summary(doc: OfficeDocument, section: Section, lang: str) -> None:
    """The per-member section in the body: who has not done what, one line an occurrence, and
    the whole table in the annex ("Chưa hoàn thành (63): Sở GDĐT Hà Nội, …")."""
    doc.para(section.heading, bold=True, align="left", keep_with_next=True)
    doc.para(label("report.members_in_annex", lang, n=len(section.body)), indent=True)
    late: dict[str, list[str]] = {}
    for row in section.body:
        for key in filter(None, (k.strip() for k in row[-1].split(", "))):
            late.setdefault(key, []).append(row[0])
    for key, names in late.items():
        doc.para(label("report.not_done_by", lang, task=key, n=len(names), names=", ".join(names)), indent=True)


def _section(doc: OfficeDocument, section: Section, lang: str) -> None:
    doc.para(section.heading, bold=True, align="left", keep_with_next=True)
    if section.intro:
        doc.para(section.intro, indent=True, keep_with_next=True)
    if section.body:
        doc.table(section.header, section.body, section.kinds)
    else:
        doc.para(label("report.none", lang), indent=True)
    for line in section.after:
        doc.para(f"- {line}", indent=True)


def letterhead(
    plan: Plan,
    today: date,
    issuer: str | None = None,
    lang: str = "vi",
    recipients: list[str] | None = None,
    **given: str | None,
) -> Letterhead:
    """The letterhead: the issuing unit (``issuer``, a unit id; by default the unit that holds
    Vụ GDTX's duties today, which follows the plans up) with the body above it, as named today,
    and the fields the user gave (number, signer…, the lines of "Nơi nhận" as "- …;")."""
    from ...core import succession

    fields: dict[str, Any] = {k: v for k, v in given.items() if v}
    fields["recipients"] = tuple(f"- {r.strip().removeprefix('- ')};" for r in recipients or ())
    unit_id = issuer or (succession.now(plan, ("vu-gdtx",), today)[0] if "vu-gdtx" in plan.units else None)
    unit = plan.units.get(unit_id or "")
    if unit is not None:
        fields["issuer"] = unit.name_on(today, full=True)
        fields.setdefault("short", unit.name_on(today))
        parent = plan.units.get(unit.parent or "")
        if parent is not None:
            fields.setdefault("parent", parent.name_on(today, full=True))
        fields["report_to"] = _reports_to(plan, unit.id, today, lang)
    return Letterhead(**fields)


def _reports_to(plan: Plan, unit_id: str, today: date, lang: str) -> tuple[str, ...]:
    """Whom a unit's report goes to ("Nơi nhận" before the archive line): a unit of a ministry
    reports to its Minister; a unit under another body, to that body's head; a ministry (MOET
    itself), to the Prime Minister through the Government Office (489/QĐ-TTg, III.3)."""
    unit = plan.units[unit_id]
    parent = plan.units.get(unit.parent or "")
    if parent is not None and parent.kind == "ministry":
        return (words("to_minister", lang),)
    if parent is not None:
        return (words("to_head_of", lang, body=parent.name_on(today)),)
    if unit.kind == "ministry":
        return (words("to_pm", lang), words("to_pm_office", lang))
    return ()


def issuer_of(plan: Plan, today: date, issuer: str | None) -> str | None:
    """The id of the unit that issues the documents (see :func:`letterhead`)."""
    from ...core import succession

    if issuer is not None:
        return issuer
    return succession.now(plan, ("vu-gdtx",), today)[0] if "vu-gdtx" in plan.units else None
