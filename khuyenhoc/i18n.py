"""The one catalogue of what kh says to its users, Vietnamese first, English with ``--lang en``:
labels (``label(key)``) and messages (``t(template)``: errors, data problems, notes).

A message is written in the code as its English template, ``t("unknown unit {typed!r}",
typed=…)``, and rendered when it is shown, in the language of the command being run
(:func:`set_lang`): the same record (a data problem kept in the cache, say) reads in either
language. A message whose template has no Vietnamese entry in ``_MESSAGES`` is shown in
English; a test checks that every template in kh's source has one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

LANGS = ("vi", "en")
_lang = "vi"


def set_lang(lang: str) -> None:
    """The language of every message rendered from now on (one per run)."""
    global _lang
    _lang = "en" if lang == "en" else "vi"


def current_lang() -> str:
    return _lang


class Msg:
    """A message to show a user, rendered in the current language when turned into text."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, **values: Any):
        self.template = template
        self.values = values

    def render(self, lang: str) -> str:
        text = self.template if lang == "en" else _MESSAGES.get(self.template, self.template)
        values = {k: v.render(lang) if isinstance(v, Msg) else v for k, v in self.values.items()}
        return text.format(**values) if values else text

    def __str__(self) -> str:
        return self.render(_lang)

    def __repr__(self) -> str:
        return f"Msg({self.render('en')!r})"

    def __eq__(self, other: object) -> bool:
        """Equal to the same message, and to its English text (as tests write it)."""
        if isinstance(other, Msg):
            return (self.template, self.values) == (other.template, other.values)
        if isinstance(other, str):
            return self.render("en") == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.render("en"))

    def __add__(self, other: object) -> str:  # f"…{msg}" and msg + "…" read as text
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def __getstate__(self) -> tuple[str, dict[str, Any]]:
        return self.template, self.values

    def __setstate__(self, state: tuple[str, dict[str, Any]]) -> None:
        self.template, self.values = state


Message = str | Msg  # what the code hands a user: text as is, or a message of the catalogue


def t(template: str, **values: Any) -> Msg:
    """A message: its English template and the values it names."""
    return Msg(template, **values)


_LABELS: dict[str, tuple[str, str]] = {
    # statuses (docs/sources.md §2)
    "done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "done_late": ("Hoàn thành quá hạn", "Done late"),
    "open": ("Trong hạn", "Open"),
    "overdue": ("Quá hạn", "Overdue"),
    "ongoing": ("Thường xuyên", "Ongoing"),
    "days_late": ("{n} ngày", "{n} days"),
    "days_late_one": ("{n} ngày", "{n} day"),
    # columns and fields
    "id": ("Mã", "ID"),
    "task": ("Nhiệm vụ", "Task"),
    "lead": ("Chủ trì", "Lead"),
    "partners": ("Phối hợp", "Partners"),
    "due": ("Hạn", "Due"),
    "due_text": ("Thời hạn (nguyên văn)", "Deadline (as written)"),
    "status": ("Trạng thái", "Status"),
    "source": ("Nguồn", "Source"),
    "implements": ("Thực hiện nhiệm vụ", "Implements"),
    "implemented_by": ("Được cụ thể hóa bởi", "Implemented by"),
    "done_on": ("Ngày hoàn thành", "Done on"),
    "evidence": ("Minh chứng", "Evidence"),
    "notes": ("Ghi chú", "Notes"),
    "occurrences": ("Các kỳ", "Occurrences"),
    "year": ("Năm", "Year"),
    "standing": ("thường xuyên", "standing duty"),
    "yearly": ("hằng năm", "yearly"),
    "unit": ("Đơn vị", "Unit"),
    "short": ("Tên viết tắt", "Short name"),
    "name": ("Tên đầy đủ", "Full name"),
    "kind": ("Loại", "Kind"),
    "parent": ("Trực thuộc", "Parent"),
    "leads": ("Chủ trì", "Leads"),
    "as_of": ("Tính đến ngày {date}", "As of {date}"),
    "since": ("từ {date}", "from {date}"),
    "none_found": ("Không có nhiệm vụ nào phù hợp.", "No matching tasks."),
    "count": ("{n} nhiệm vụ", "{n} tasks"),
    "check_clean": (
        "Dữ liệu hợp lệ: {tasks} nhiệm vụ, {units} đơn vị.",
        "The data is clean: {tasks} tasks, {units} units.",
    ),
    "check_problems": ("{n} lỗi.", "{n} problems."),
    # kh report
    "report.title": (
        "Báo cáo kết quả thực hiện nhiệm vụ khuyến học, khuyến tài, xây dựng xã hội học tập năm {year}",
        "Follow-up report on the learning-society plans, {year}",
    ),
    "report.plans": ("Căn cứ", "Plans"),
    "report.before_plan": (
        "Các kế hoạch bắt đầu từ năm {first}: năm {year} không có nhiệm vụ nào.",
        "The plans begin in {first}: nothing is due in {year}.",
    ),
    "report.not_begun": (
        "Năm {year} chưa bắt đầu: số liệu tính đến ngày {date}, chưa nhiệm vụ nào của năm {year} quá hạn.",
        "{year} has not begun: figures as of {date}; nothing due in {year} can be late yet.",
    ),
    "report.as_of": ("Số liệu tính đến ngày {date}.", "Figures as of {date}."),
    "report.summary": ("1. Tổng hợp", "1. Summary"),
    "report.summary_intro": (
        "Nhiệm vụ có thời hạn trong năm {year}: {n}.",
        "Obligations due in {year}: {n}.",
    ),
    "report.category": ("Tình trạng", "Status"),
    "report.count": ("Số lượng", "Count"),
    "report.share": ("Tỷ lệ", "Share"),
    "report.total": ("Tổng", "Total"),
    "report.standing_line": (
        "Nhiệm vụ thường xuyên (không có thời hạn, theo dõi riêng): {n}.",
        "Standing duties (no deadline, counted apart): {n}.",
    ),
    "report.carried_line": (
        "Nhiệm vụ của các năm trước chưa hoàn thành, chuyển sang: {n}.",
        "Obligations of earlier years carried over, still not done: {n}.",
    ),
    "report.by_unit": ("2. Theo đơn vị chủ trì", "2. By lead unit"),
    "report.unit": ("Đơn vị chủ trì", "Lead unit"),
    "report.due_in_year": ("Có hạn trong năm", "Due in the year"),
    "report.overdue_h": ("3. Nhiệm vụ quá hạn", "3. Overdue obligations"),
    "report.completed_h": ("4. Nhiệm vụ hoàn thành trong năm {year}", "4. Completed in {year}"),
    "report.next_h": ("5. Nhiệm vụ đến hạn trong năm {year}", "5. Falling due in {year}"),
    "report.reporting_h": ("6. Chế độ báo cáo hằng năm {year}", "6. Yearly reporting duties, {year}"),
    "report.charts_h": ("7. Biểu đồ", "7. Charts"),
    "report.none": ("Không có.", "None."),
    "report.id": ("Mã", "ID"),
    "report.task": ("Nhiệm vụ", "Task"),
    "report.lead": ("Chủ trì", "Lead"),
    "report.partners": ("Phối hợp", "Partners"),
    "report.deadline": ("Thời hạn", "Deadline"),
    "report.due": ("Hạn", "Due"),
    "report.days": ("Số ngày quá hạn", "Days overdue"),
    "report.done_on": ("Ngày hoàn thành", "Done on"),
    "report.evidence": ("Minh chứng", "Evidence"),
    "report.status": ("Tình trạng", "Status"),
    "report.met": ("Kết quả", "Met"),
    "report.gantt_title": ("Thời hạn các nhiệm vụ năm {year}", "Deadlines in {year}"),
    "report.pie_title": ("Tình trạng nhiệm vụ có hạn trong năm {year}", "Obligations due in {year}"),
    # kh agenda
    "agenda_overdue": ("Quá hạn · {n} nhiệm vụ", "Overdue · {n} tasks"),
    "agenda_overdue_one": ("Quá hạn · {n} nhiệm vụ", "Overdue · {n} task"),
    "agenda_week": ("Tuần {week} · {start} – {end}", "Week {week} · {start} – {end}"),
    "agenda_none": ("Không có hạn nào từ nay đến {date}.", "Nothing falls due until {date}."),
    "agenda_until": ("Đến hạn từ nay đến {date}", "Due until {date}"),
    # kh ics
    "ics_name": ("Khuyến học – thời hạn nhiệm vụ", "Learning society plans – deadlines"),
    # kh history
    "hist_created": ("tạo mới", "created"),
    "hist_removed": ("xóa", "removed"),
    "hist_reopened": ("mở lại", "reopened"),
    "hist_was_done": ("trước đó: hoàn thành", "was done"),
    "hist_note_added": ("thêm ghi chú", "note added"),
    "hist_note_removed": ("xóa ghi chú", "note removed"),
    "hist_uncommitted": ("(chưa commit)", "(not committed)"),
}


def label(key: str, lang: str = "vi", **values: object) -> str:
    if values.get("n") == 1 and f"{key}_one" in _LABELS:
        key = f"{key}_one"
    vi, en = _LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def format_date(day: date, lang: str = "vi") -> str:
    """dd/mm/yyyy for Vietnamese readers, ISO for English."""
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


# -- messages: English template → Vietnamese ---------------------------------------------------

_MESSAGES: dict[str, str] = {}
