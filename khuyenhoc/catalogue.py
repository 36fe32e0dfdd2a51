"""The catalogue: every word kh shows a user, in Vietnamese and English.

- ``LABELS``: short labels of tables, reports and statuses, ``key → (vi, en)``;
- ``MESSAGES``: the Vietnamese of every message template (the English is the template itself,
  written where the message is raised; ``tests/test_i18n.py`` checks that every template has
  its entry, with the same placeholders, and that no entry is unused);
- ``HELP``: the Vietnamese of the command line's help texts.

Data only: :mod:`khuyenhoc.i18n` renders them.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # statuses (docs/sources.md §2)
    "done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "done_late": ("Hoàn thành quá hạn", "Done late"),
    "done_undated": ("Hoàn thành (chưa rõ ngày)", "Done (date unknown)"),
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
    "role": ("  vai trò", "  role"),
    "due": ("Hạn", "Due"),
    "due_text": ("Thời hạn (nguyên văn)", "Deadline (as written)"),
    "deadline_kind": ("Loại thời hạn", "Kind of deadline"),
    "deadline_kind.once": ("một lần", "once"),
    "deadline_kind.yearly": ("hằng năm", "yearly"),
    "deadline_kind.standing": ("thường xuyên (văn bản không nêu thời hạn)", "standing (the text gives no deadline)"),
    "status": ("Trạng thái", "Status"),
    "source": ("Nguồn", "Source"),
    "implements": ("Thực hiện nhiệm vụ", "Implements"),
    "implemented_by": ("Được cụ thể hóa bởi", "Implemented by"),
    "done_on": ("Ngày hoàn thành", "Done on"),
    "no_later_than": ("chậm nhất {date}", "no later than {date}"),
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
    # unit kinds (the ids of units.yaml's kind:)
    "kind.ministry": ("bộ, cơ quan ngang bộ", "ministry"),
    "kind.moet-unit": ("đơn vị thuộc Bộ GDĐT", "MOET unit"),
    "kind.university": ("trường đại học", "university"),
    "kind.press": ("cơ quan báo chí", "press"),
    "kind.party": ("cơ quan của Đảng", "Party body"),
    "kind.organisation": ("tổ chức", "organisation"),
    "kind.international": ("tổ chức quốc tế", "international body"),
    "kind.collective": ("nhóm đơn vị", "collective"),
    "as_of": ("Tính đến ngày {date}", "As of {date}"),
    "since": ("từ {date}", "from {date}"),
    "none_found": ("Không có nhiệm vụ nào phù hợp.", "No matching tasks."),
    "count": ("{n} nhiệm vụ", "{n} tasks"),
    "check_clean": (
        "Dữ liệu hợp lệ: {tasks} nhiệm vụ, {units} đơn vị.",
        "The data is clean: {tasks} tasks, {units} units.",
    ),
    "check_problems": ("{n} lỗi.", "{n} problems."),
    "check_warnings": ("{n} cảnh báo.", "{n} warnings."),
    "check_warnings_one": ("{n} cảnh báo.", "{n} warning."),
    "warning": ("cảnh báo", "warning"),
    # kh report
    "report.title": (
        "Báo cáo kết quả thực hiện nhiệm vụ khuyến học, khuyến tài, xây dựng xã hội học tập năm {year}",
        "Follow-up report on the learning-society plans, {year}",
    ),
    "report.plans": ("Căn cứ", "Plans"),
    # Word documents (NĐ 30/2020/NĐ-CP, Phụ lục I)
    "office.number": ("Số: {number}", "No. {number}"),
    "office.nation": ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Socialist Republic of Viet Nam"),
    "office.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "office.place_date": ("{place}, ngày … tháng … năm {year}", "{place}, … … {year}"),
    "office.report_title": ("Báo cáo", "Report"),
    "office.recipients": ("Nơi nhận:", "To:"),
    "office.sign_here": ("(Ký, ghi rõ họ tên)", "(signature, full name)"),
    "office.to_minister": ("- Bộ trưởng (để báo cáo);", "- The Minister (for information);"),
    "office.to_pm_office": ("- Văn phòng Chính phủ;", "- The Government Office;"),
    "office.as_above": ("- Như trên;", "- As above;"),
    "office.archive": ("- Lưu: VT, {who}.", "- Archive: VT, {who}."),
    "office.to": ("Kính gửi: {unit}.", "To: {unit}."),
    "office.subject": (
        "V/v đôn đốc thực hiện nhiệm vụ quá hạn ({n} nhiệm vụ)",
        "Re: overdue obligations to carry out ({n})",
    ),
    "office.opening": (
        "Thực hiện {plans}, {issuer} nhận thấy tính đến ngày {date}, {unit} còn các nhiệm vụ sau đã quá thời hạn mà chưa có báo cáo kết quả:",
        "Under {plans}, {issuer} finds that as of {date} {unit} has the following obligations past their deadline, with no result reported:",
    ),
    "office.item": (
        "{n}. {title} ({id}; {source}): thời hạn “{written}” ({due}), đã quá hạn {days} ngày.",
        "{n}. {title} ({id}; {source}): deadline “{written}” ({due}), {days} days overdue.",
    ),
    "office.request": (
        "Đề nghị quý cơ quan khẩn trương hoàn thành các nhiệm vụ trên và báo cáo kết quả (kèm văn bản, minh chứng) về {issuer} trước ngày {reply_by}.",
        "Please complete these obligations and report the result (with the documents that show it) to {issuer} by {reply_by}.",
    ),
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

MESSAGES: dict[str, str] = {
    # -- typed input: dates, periods, years, quarters, units, tasks --------------------------------
    "invalid date {text!r} for {option}: {exc_reason}": "ngày {text!r} của {option} không hợp lệ: {exc_reason}",
    "expected DD/MM/YYYY or YYYY-MM-DD": "cần dạng DD/MM/YYYY hoặc YYYY-MM-DD",
    "no such day": "không có ngày này",
    "invalid date {text!r}: {reason}": "ngày {text!r} không hợp lệ: {reason}",
    "invalid period {text!r}: expected a number of days, weeks or months: 30d, 2w, 1m": "khoảng thời gian {text!r} không hợp lệ: cần số ngày, tuần hoặc tháng: 30d, 2w, 1m",
    "period {text!r} has no unit: write {n}d (days), {n}w (weeks) or {n}m (months)": "khoảng thời gian {text!r} thiếu đơn vị: viết {n}d (ngày), {n}w (tuần) hoặc {n}m (tháng)",
    "invalid quarter {text!r}: expected a form such as 2021Q2": "quý {text!r} không hợp lệ: cần dạng như 2021Q2",
    "; did you mean {v1}?": "; có phải ý bạn là {v1}?",
    "; did you mean {names}?": "; có phải ý bạn là {names}?",
    "{option} {year}: expected a year with four digits, such as 2021{hint}": "{option} {year}: cần năm có bốn chữ số, như 2021{hint}",
    "--year {year} and --quarter {quarter} select no common day: give one of them": "--year {year} và --quarter {quarter} không có ngày nào chung: chỉ dùng một trong hai",
    "--lead-only needs --unit": "--lead-only cần đi cùng --unit",
    "{option} {name!r} taken as {unit_id} ({v1})": "{option} {name!r} được hiểu là {unit_id} ({v1})",
    "no unit given": "chưa nêu đơn vị",
    "unit {typed!r} is ambiguous: {names}{more}": "đơn vị {typed!r} chưa rõ, có thể là: {names}{more}",
    " and {v1} more": " và {v1} đơn vị khác",
    "unknown unit {typed!r}{v1}": "không có đơn vị {typed!r}{v1}",
    "; see `kh units`": "; xem `kh units`",
    "task {typed!r} is ambiguous: {v1}": "nhiệm vụ {typed!r} chưa rõ, có thể là: {v1}",
    "no task {typed!r}{hint}": "không có nhiệm vụ {typed!r}{hint}",
    "; see `kh list --all`": "; xem `kh list --all`",
    "ambiguous": "chưa rõ",
    "unknown": "không có",
    "{what} source {name!r}: known plans are {known}": "nguồn {name!r} {what}: các kế hoạch hiện có là {known}",
    # -- the data and its files ----------------------------------------------------------------------
    "the data has {v1} problem(s){more}; run `kh check` for the list": "dữ liệu có {v1} lỗi{more}; chạy `kh check` để xem danh sách",
    " ({v1} more)": " (còn {v1} lỗi khác)",
    "{folder}: no such data folder": "{folder}: không có thư mục dữ liệu này",
    "{path}: no such file": "{path}: không có tệp này",
    "{path}: is a folder, not a file": "{path}: là thư mục, không phải tệp",
    "{path}: cannot read: {exc_strerror}": "{path}: không đọc được: {exc_strerror}",
    "the bundled plan is missing from this installation; use --data DIR": "bản cài đặt này thiếu kế hoạch đi kèm; hãy dùng --data THƯ_MỤC",
    "KH_WORKING_DAYS={env!r}: expected 1 or 0": "KH_WORKING_DAYS={env!r}: cần 1 hoặc 0",
    "{n} follow-on problem(s) in other records not shown: they name {kind} of this file, which cannot be "
    "read until the problem above is fixed": "{n} lỗi kéo theo ở các bản ghi khác không được liệt kê: chúng nhắc đến {kind} của tệp này, "
    "tệp chưa đọc được cho đến khi sửa lỗi ở trên",
    "units": "đơn vị",
    "tasks": "nhiệm vụ",
    "documents": "văn bản",
    # -- YAML ------------------------------------------------------------------------------------------
    "unresolved merge conflict at line {line}": "xung đột gộp (merge) chưa giải quyết ở dòng {line}",
    "invalid YAML: {problem}{column}": "YAML không hợp lệ: {problem}{column}",
    " (column {v1})": " (cột {v1})",
    "invalid YAML: {exc}": "YAML không hợp lệ: {exc}",
    "anchors and aliases (&, *) are not supported in kh data": "dữ liệu kh không dùng anchor và alias (&, *)",
    "nesting deeper than {MAX_DEPTH} levels: not kh data": "lồng sâu quá {MAX_DEPTH} cấp: không phải dữ liệu kh",
    "not valid UTF-8: byte 0x{v1:02x} at offset {exc_start}": "không phải UTF-8 hợp lệ: byte 0x{v1:02x} ở vị trí {exc_start}",
    "the file is empty: expected {expected}": "tệp trống: cần có {expected}",
    "the file is empty: expected 'units:'": "tệp trống: cần có 'units:'",
    "'documents:' and 'tasks:'": "'documents:' và 'tasks:'",
    "{what} must be a mapping (key: value), not {v1}": "{what} phải là một bảng khóa: giá trị, không phải {v1}",
    "{what} must be a list, not {v1}": "{what} phải là một danh sách, không phải {v1}",
    "{what} must be text, not {v1}": "{what} phải là chữ, không phải {v1}",
    "{what} must be a date (YYYY-MM-DD or DD/MM/YYYY), not {v1}": "{what} phải là một ngày (YYYY-MM-DD hoặc DD/MM/YYYY), không phải {v1}",
    "{what} must be a whole number, not {v1}": "{what} phải là số nguyên, không phải {v1}",
    "a mapping": "một bảng khóa: giá trị",
    "a list": "một danh sách",
    "empty": "giá trị trống",
    "unknown key {key!r} in {what} (known keys: {hint})": "khóa {key!r} không hợp lệ trong {what} (các khóa hợp lệ: {hint})",
    "duplicate key {key!r} in {what}": "khóa {key!r} lặp lại trong {what}",
    "{what} has no {key!r}": "{what} thiếu {key!r}",
    "invalid date {node_value!r}: no such day": "ngày {node_value!r} không hợp lệ: không có ngày này",
    "invalid value {node_value!r}: {exc}": "giá trị {node_value!r} không hợp lệ: {exc}",
    "each of {what}": "mỗi mục của {what}",
    "each of {key}": "mỗi mục của {key}",
    # -- records: what the problem is about ---------------------------------------------------------
    "the tasks file": "tệp nhiệm vụ",
    "the units file": "tệp đơn vị",
    "the calendar file": "tệp lịch",
    "a document": "một văn bản",
    "a document's id": "mã của một văn bản",
    "a document's title": "tên của một văn bản",
    "a document's short name": "tên viết tắt của một văn bản",
    "a document's year": "năm của một văn bản",
    "the day a document took effect": "ngày có hiệu lực của một văn bản",
    "a task": "một nhiệm vụ",
    "a task's id": "mã của một nhiệm vụ",
    "task {peeked}": "nhiệm vụ {peeked}",
    "task {task_id}": "nhiệm vụ {task_id}",
    "task {task_id} ({year})": "nhiệm vụ {task_id} (năm {year})",
    "a unit": "một đơn vị",
    "a unit's id": "mã của một đơn vị",
    "unit {unit_id}": "đơn vị {unit_id}",
    "the title of {what}": "tên của {what}",
    "the lead of {what}": "đơn vị chủ trì của {what}",
    "the partners of {what}": "đơn vị phối hợp của {what}",
    "a partner of {what}": "một đơn vị phối hợp của {what}",
    "the unit of a partner of {what}": "đơn vị của một đơn vị phối hợp của {what}",
    "the role of a partner of {what}": "vai trò của một đơn vị phối hợp của {what}",
    "the deadline of {what}": "thời hạn của {what}",
    "the source of {what}": "nguồn của {what}",
    "the source document of {what}": "văn bản nguồn của {what}",
    "the source reference of {what}": "mục trích dẫn của {what}",
    "the link of {what}": "liên kết của {what}",
    "the completion of {what}": "kết quả hoàn thành của {what}",
    "the {year} completion of {what}": "kết quả hoàn thành năm {year} của {what}",
    "a year in the completions of {what}": "một năm trong các kết quả hoàn thành của {what}",
    "the date of {what}": "ngày của {what}",
    "the evidence of {what}": "minh chứng của {what}",
    "the moves of {what}": "các lần chuyển giao của {what}",
    "a move of {what}": "một lần chuyển giao của {what}",
    "the notes of {what}": "các ghi chú của {what}",
    "a note of {what}": "một ghi chú của {what}",
    "the date of a note of {what}": "ngày của một ghi chú của {what}",
    "a note's source": "nguồn của một ghi chú",
    "the unit of {what}": "đơn vị của {what}",
    "the successor in {what}": "đơn vị kế thừa trong {what}",
    "the legal instrument of {what}": "văn bản pháp lý của {what}",
    "the name of {what}": "tên của {what}",
    "the former ids of {what}": "các mã cũ của {what}",
    "the email address of {what}": "địa chỉ thư điện tử của {what}",
    "task {task_id}: unit {old!r} is now {new!r}; write the new id": "nhiệm vụ {task_id}: đơn vị {old!r} nay có mã {new!r}; hãy ghi mã mới",
    "the short name of {what}": "tên viết tắt của {what}",
    "the kind of {what}": "loại của {what}",
    "the parent of {what}": "đơn vị cấp trên của {what}",
    "the successor of {what}": "đơn vị kế thừa của {what}",
    "a day of {key}": "một ngày của {key}",
    "the source of a day of {key}": "nguồn của một ngày của {key}",
    # -- records: the problems ----------------------------------------------------------------------
    "task id {task_id!r} may hold only letters, digits, '.', '-' and '_'": "mã nhiệm vụ {task_id!r} chỉ được gồm chữ, số, '.', '-' và '_'",
    "{what} has no lead unit": "{what} chưa có đơn vị chủ trì",
    "unknown kind {kind!r} of {what} (known kinds: {v1})": "loại {kind!r} của {what} không hợp lệ (các loại hợp lệ: {v1})",
    "year {year} is recorded twice in the completions of {what}": "năm {year} được ghi hai lần trong các kết quả hoàn thành của {what}",
    "the completions of yearly {what} must be a mapping: year → {{date, evidence}}": "kết quả hoàn thành của {what} (hằng năm) phải là một bảng: năm → {{date, evidence}}",
    "year {v1} in the completions of {what} is outside {v2}–{v3}": "năm {v1} trong kết quả hoàn thành của {what} nằm ngoài khoảng {v2}–{v3}",
    "year {v1} of a document is outside {v2}–{v3}": "năm {v1} của một văn bản nằm ngoài khoảng {v2}–{v3}",
    "{what}: the year is outside {v1}–{v2}": "{what}: năm nằm ngoài khoảng {v1}–{v2}",
    "the year is outside {v1}–{v2}": "năm nằm ngoài khoảng {v1}–{v2}",
    "{what} must be a day, without a time: write {v1}": "{what} phải là một ngày, không kèm giờ: hãy viết {v1}",
    "document id {v1!r} may hold only letters, digits, '.', '-' and '_'": "mã văn bản {v1!r} chỉ được gồm chữ cái, chữ số, '.', '-' và '_'",
    "unit id {v1!r} may hold only letters, digits, '.', '-' and '_'": "mã đơn vị {v1!r} chỉ được gồm chữ cái, chữ số, '.', '-' và '_'",
    "working_days must be true or false, not {v1}": "working_days phải là true hoặc false, không phải {v1}",
    "duplicate {what} id {record_id!r} (first at {where})": "mã {what} {record_id!r} bị trùng (lần đầu ở {where})",
    "document": "văn bản",
    "unit": "đơn vị",
    "task": "nhiệm vụ",
    "line {line}": "dòng {line}",
    "unit {unit_id}: unknown parent unit {unit_parent!r}": "đơn vị {unit_id}: không có đơn vị cấp trên {unit_parent!r}",
    "unit {unit_id}: its parents form a cycle": "đơn vị {unit_id}: các đơn vị cấp trên tạo thành vòng lặp",
    "task {task_id}: unknown {role} unit {unit_id!r}": "nhiệm vụ {task_id}: không có đơn vị {role} {unit_id!r}",
    "lead": "chủ trì",
    "partner": "phối hợp",
    "partners": "phối hợp",
    "task {task_id}: unit {unit_id!r} is both lead and partner": "nhiệm vụ {task_id}: đơn vị {unit_id!r} vừa chủ trì vừa phối hợp",
    "task {task_id}: a unit is listed twice in {role}": "nhiệm vụ {task_id}: một đơn vị được ghi hai lần trong {role}",
    "unit {unit_id}: unknown successor unit {s_to!r}": "đơn vị {unit_id}: không có đơn vị kế thừa {s_to!r}",
    "unit {unit_id}: its successors form a cycle": "đơn vị {unit_id}: các đơn vị kế thừa tạo thành vòng lặp",
    "task {task_id}: moves {move_unit!r}, which is not one of its units": "nhiệm vụ {task_id}: chuyển giao {move_unit!r}, không phải đơn vị của nhiệm vụ này",
    "task {task_id}: moves {move_unit!r} to unknown unit {move_to!r}": "nhiệm vụ {task_id}: chuyển giao {move_unit!r} cho đơn vị không có {move_to!r}",
    "task {task_id}: unknown source document {task_document!r}": "nhiệm vụ {task_id}: không có văn bản nguồn {task_document!r}",
    "task {task_id}: implements unknown task {task_implements!r}": "nhiệm vụ {task_id}: thực hiện nhiệm vụ không có {task_implements!r}",
    "task {task_id}: implements itself": "nhiệm vụ {task_id}: thực hiện chính nó",
    "task {task_id}: a standing duty ('thường xuyên') cannot be marked done": "nhiệm vụ {task_id}: nhiệm vụ thường xuyên không được ghi là hoàn thành",
    "{label}: done on {v1}, before the plan existed ({first_year})": "{label}: hoàn thành ngày {v1}, trước khi có kế hoạch ({first_year})",
    "{label}: the plan's yearly duties start in {first_year}": "{label}: nhiệm vụ hằng năm của kế hoạch bắt đầu từ năm {first_year}",
    "{label}: done on {v1}, before the year it is for": "{label}: hoàn thành ngày {v1}, trước năm của nhiệm vụ",
    # -- deadlines ------------------------------------------------------------------------------------
    "unknown deadline {text!r}: expected a form such as 'Quý II năm 2021', '15/11 hằng năm', 'trước ngày 30/10 "
    "hằng năm', '31/12/2021', 'tháng 6 năm 2021', 'năm 2021' or 'thường xuyên'": "không đọc được thời hạn {text!r}: cần dạng như 'Quý II năm 2021', '15/11 hằng năm', "
    "'trước ngày 30/10 hằng năm', '31/12/2021', 'tháng 6 năm 2021', 'năm 2021' hoặc 'thường xuyên'",
    "unknown deadline {text!r}; did you mean {meant!r}?": "không đọc được thời hạn {text!r}; có phải ý bạn là {meant!r}?",
    "no quarter {quarter}: a year has quarters I to IV": "không có quý {quarter}: một năm có các quý I đến IV",
    "no month {month}": "không có tháng {month}",
    "no such date {day:02d}/{month:02d}/{year} in {phrase!r}": "không có ngày {day:02d}/{month:02d}/{year} trong {phrase!r}",
    # -- recording progress ---------------------------------------------------------------------------
    "the bundled plan is read-only; start a tracking folder with `kh init DIR` and work there": "kế hoạch đi kèm chỉ để đọc; hãy tạo thư mục theo dõi bằng `kh init THƯ_MỤC` và làm việc ở đó",
    "{what} is empty": "{what} đang trống",
    "the note": "ghi chú",
    "the deadline": "thời hạn",
    'kh records a completion only with its evidence: add --evidence, e.g. --evidence "Quyết định số '
    '…/QĐ-BGDĐT ngày 28/06/2021"': 'kh chỉ ghi nhận hoàn thành kèm minh chứng: thêm --evidence, ví dụ --evidence "Quyết định số '
    '…/QĐ-BGDĐT ngày 28/06/2021"',
    "{task_id} is a standing duty ('thường xuyên'): it has no deadline and is never done; record progress "
    "with `kh note {task_id} TEXT`": "{task_id} là nhiệm vụ thường xuyên: không có thời hạn và không bao giờ kết thúc; ghi tiến độ bằng "
    "`kh note {task_id} NỘI_DUNG`",
    "--on {v1} is in the future (today is {v2})": "--on {v1} là ngày trong tương lai (hôm nay là {v2})",
    "--on {v1} is before the plan existed ({doc_short}, {doc_year})": "--on {v1} trước khi có kế hoạch ({doc_short}, {doc_year})",
    "{task_id} is not a yearly duty; leave out --year": "{task_id} không phải nhiệm vụ hằng năm; bỏ --year",
    "{task_id} is already done on {v1} ({task_done_evidence}); to record it again, first `kh reopen {task_id}`": "{task_id} đã hoàn thành ngày {v1} ({task_done_evidence}); muốn ghi lại, trước hết chạy `kh reopen {task_id}`",
    "{task_id}: the plan's yearly duties start in {doc_year}, not {for_year}": "{task_id}: nhiệm vụ hằng năm của kế hoạch bắt đầu từ năm {doc_year}, không phải {for_year}",
    "{task_id}: done on {v1}, before the year {for_year} it would be for": "{task_id}: hoàn thành ngày {v1}, trước năm {for_year} mà nó được tính cho",
    "{task_id} is already done for {for_year} on {v1} ({c_evidence}); to record it again, first "
    "`kh reopen {task_id} --year {for_year}`": "{task_id} đã hoàn thành cho năm {for_year} ngày {v1} ({c_evidence}); muốn ghi lại, trước hết chạy "
    "`kh reopen {task_id} --year {for_year}`",
    "{task_id} is a yearly duty: say which year with --year (done for: {years})": "{task_id} là nhiệm vụ hằng năm: nêu năm bằng --year (đã hoàn thành các năm: {years})",
    "{task_id} is not done for {year} (done for: {years})": "{task_id} chưa hoàn thành cho năm {year} (đã hoàn thành các năm: {years})",
    "none": "chưa có",
    "{task_id} is not done; nothing to reopen": "{task_id} chưa hoàn thành; không có gì để mở lại",
    "give a VALUE or --clear, not both (VALUE: {value!r})": "dùng GIÁ_TRỊ hoặc --clear, không dùng cả hai (GIÁ_TRỊ: {value!r})",
    "lead cannot be cleared: a task needs at least one lead unit": "không thể xóa đơn vị chủ trì: mỗi nhiệm vụ cần ít nhất một đơn vị chủ trì",
    "no VALUE": "thiếu GIÁ_TRỊ",
    "an empty VALUE": "GIÁ_TRỊ trống",
    "turn it into a standing duty (no deadline)": "chuyển thành nhiệm vụ thường xuyên (không thời hạn)",
    "remove all its partners": "bỏ mọi đơn vị phối hợp",
    "; to {effect}, write `kh set {task_id} {field_value} --clear`": "; muốn {effect}, viết `kh set {task_id} {field_value} --clear`",
    "{what} for {field_value}{hint}": "{what} cho {field_value}{hint}",
    "{task_id} needs at least one lead unit": "{task_id} cần ít nhất một đơn vị chủ trì",
    "{path}: cannot write ({v1}); the file is unchanged": "{path}: không ghi được ({v1}); tệp giữ nguyên",
    "the folder {folder} does not exist": "không có thư mục {folder}",
    "{path}: changed on disk while kh was editing it; nothing written, run it again": "{path}: tệp đã thay đổi trong lúc kh đang sửa; chưa ghi gì, hãy chạy lại lệnh",
    "{folder}: another kh has been recording in this plan for {n} s; nothing written, run it again (KH_LOCK_TIMEOUT sets the wait)": "{folder}: một lệnh kh khác đang ghi vào kế hoạch này đã {n} giây; chưa ghi gì, hãy chạy lại lệnh (KH_LOCK_TIMEOUT đặt thời gian chờ)",
    "{path}: kh cannot give the new version the file's attribute {name}; nothing written": "{path}: kh không giữ được thuộc tính {name} của tệp cho bản mới; chưa ghi gì",
    "{path}: not a regular file; nothing written": "{path}: không phải tệp thông thường; chưa ghi gì",
    "{path}: the file belongs to another user or group, and kh cannot give the new version back to them; nothing written. Run kh as the file's owner": "{path}: tệp thuộc người dùng hoặc nhóm khác và kh không trả được bản mới về cho họ; chưa ghi gì. Hãy chạy kh với tài khoản sở hữu tệp",
    "{path}: the file has {n} hard links, which writing it safely (a new file renamed over it) would separate; nothing written. Keep one name (or use a symbolic link) and run it again": "{path}: tệp có {n} liên kết cứng, mà cách ghi an toàn (tệp mới đổi tên đè lên) sẽ tách rời chúng; chưa ghi gì. Hãy chỉ giữ một tên (hoặc dùng liên kết tượng trưng) rồi chạy lại",
    "{path}: the file is read-only; nothing written": "{path}: tệp chỉ cho phép đọc; chưa ghi gì",
    "standard output is closed; nothing to write to": "đầu ra chuẩn đã đóng; không có chỗ để ghi",
    "a Word file is written to a file: add -o FILE.docx": "tệp Word được ghi ra tệp: hãy thêm -o TỆP.docx",
    "--reply-by {v1} is before today ({v2})": "--reply-by {v1} là ngày trước hôm nay ({v2})",
    "{n} letter(s) written": "đã viết {n} công văn",
    "git is in the middle of {operation}; finish it (or abort it) first, then run kh again: nothing written": "git đang thực hiện dở {operation}; hãy hoàn tất (hoặc hủy) việc đó trước rồi chạy lại kh: chưa ghi gì",
    "a merge": "một lần hợp nhất (merge)",
    "a rebase": "một lần rebase",
    "a rebase or git am": "một lần rebase hoặc git am",
    "a cherry-pick": "một lần cherry-pick",
    "a revert": "một lần revert",
    "a bisect": "một lần bisect",
    "{path}: not a regular file (a device, a pipe or a socket); not read": "{path}: không phải tệp thông thường (thiết bị, đường ống hoặc socket); không đọc",
    "{path}: larger than {n} MiB; not read (split the plan into tasks.d/)": "{path}: lớn hơn {n} MiB; không đọc (hãy chia kế hoạch vào tasks.d/)",
    "{folder} not used: it belongs to another user (give --data to read it anyway)": "không dùng {folder}: thư mục thuộc người dùng khác (nếu vẫn muốn đọc, hãy chỉ rõ --data)",
    "{folder} not used: anyone may write it (give --data to read it anyway)": "không dùng {folder}: ai cũng ghi được vào đó (nếu vẫn muốn đọc, hãy chỉ rõ --data)",
    "the output encoding ({encoding}) cannot show Vietnamese letters; they are written as \\u escapes (use a UTF-8 locale, e.g. LANG=C.UTF-8)": "bảng mã của đầu ra ({encoding}) không hiển thị được chữ tiếng Việt; các chữ ấy được viết dạng \\u (hãy dùng locale UTF-8, ví dụ LANG=C.UTF-8)",
    "the change is written to {where} but git did not commit it: {exc}": "thay đổi đã ghi vào {where} nhưng git chưa commit: {exc}",
    "{v1} already exists; not overwriting it": "{v1} đã có; kh không ghi đè",
    "--output writes Markdown or JSON; use --format md or json with it": "--output chỉ ghi Markdown hoặc JSON; hãy dùng kèm --format md hoặc json",
    "task {task_id} not found in {path}": "không tìm thấy nhiệm vụ {task_id} trong {path}",
    "{path}: not valid UTF-8; run `kh check`": "{path}: không phải UTF-8 hợp lệ; chạy `kh check`",
    "the data has {v1} problem(s) (first: {v2}); kh writes only valid data, so fix them first (`kh check` lists them)": "dữ liệu có {v1} lỗi (lỗi đầu: {v2}); kh chỉ ghi dữ liệu hợp lệ, hãy sửa trước (`kh check` liệt kê các lỗi)",
    "the change would leave the data with problems, so nothing was written: {shown}": "thay đổi sẽ làm dữ liệu có lỗi nên chưa ghi gì: {shown}",
    "internal check failed: task {task_id} would not hold the intended change": "kiểm tra nội bộ không đạt: nhiệm vụ {task_id} sẽ không có đúng thay đổi mong muốn",
    "internal check failed: the edit would change other records; nothing was written": "kiểm tra nội bộ không đạt: thay đổi sẽ ảnh hưởng bản ghi khác; chưa ghi gì",
    "{path}:{v1}: kh cannot edit {key_value!r} here because it shares its line with another key; put it on a "
    "line of its own": "{path}:{v1}: kh không sửa được {key_value!r} ở đây vì nó chung dòng với khóa khác; hãy tách ra một dòng riêng",
    "task {task_id} has completions recorded for a {v1} deadline; reopen them before changing the kind of deadline": "nhiệm vụ {task_id} đã có kết quả hoàn thành theo thời hạn {v1}; hãy mở lại trước khi đổi loại thời hạn",
    "yearly": "hằng năm",
    "one-off": "một lần",
    "task {task_id} is written in flow style {{…}}; kh edits block-style tasks only (one key per line): rewrite "
    "it so by hand, then run the command again": "nhiệm vụ {task_id} được viết dạng {{…}} trên một dòng; kh chỉ sửa nhiệm vụ mỗi khóa một dòng: hãy viết "
    "lại như vậy rồi chạy lại lệnh",
    # -- git ------------------------------------------------------------------------------------------------
    "git is not installed (or not on PATH)": "chưa cài git (hoặc git không có trong PATH)",
    "KH_COMMIT={env!r}: expected 1 or 0 (true or false)": "KH_COMMIT={env!r}: cần 1 hoặc 0 (true hoặc false)",
    "{folder} is not in a git repository; run `git init` there, or leave out --commit": "{folder} không nằm trong kho git; hãy chạy `git init` ở đó, hoặc bỏ --commit",
    "the repository has no commit yet; commit {path_name} first (git add, git commit)": "kho git chưa có commit nào; hãy commit {path_name} trước (git add, git commit)",
    "{path_name} is not tracked by git; commit it first (git add, git commit)": "git chưa theo dõi {path_name}; hãy commit tệp trước (git add, git commit)",
    "{path_name} has uncommitted changes; commit or discard them first, so that kh's commit holds only kh's "
    "change (or leave out --commit)": "{path_name} có thay đổi chưa commit; hãy commit hoặc bỏ chúng trước, để commit của kh chỉ chứa thay đổi "
    "của kh (hoặc bỏ --commit)",
    "{folder} is not in a git repository: kh history reads the task's changes from git": "{folder} không nằm trong kho git: kh history đọc lịch sử thay đổi của nhiệm vụ từ git",
    "the bundled plan has no history of its own (it is the plan shipped with kh); start a tracking folder with "
    "`kh init DIR` and commit it to git, or name one with --data": "kế hoạch đi kèm không có lịch sử riêng (đó là kế hoạch phát hành cùng kh); hãy tạo thư mục theo dõi bằng "
    "`kh init THƯ_MỤC` và commit vào git, hoặc chỉ định thư mục bằng --data",
    "no task {task_id!r} in the history of {path_name}": "không có nhiệm vụ {task_id!r} trong lịch sử của {path_name}",
    # -- the command line ----------------------------------------------------------------------------------
    "no such option {option}": "không có tùy chọn {option}",
    "{text}; did you mean {near}?": "{text}; có phải ý bạn là {near}?",
    "missing argument {name}": "thiếu tham số {name}",
    "missing option {name}": "thiếu tùy chọn {name}",
    "option {name} needs a value": "tùy chọn {name} cần một giá trị",
    "unexpected extra arguments: {args}": "thừa tham số: {args}",
    "no such command {name!r}": "không có lệnh {name!r}",
    "invalid value {value!r} for {name}: choose one of {choices}": "giá trị {value!r} của {name} không hợp lệ: chọn một trong {choices}",
    "invalid value {value!r} for {name}: expected a whole number": "giá trị {value!r} của {name} không hợp lệ: cần một số nguyên",
    "see `{where} --help`": "xem `{where} --help`",
    "done {task_id} on {on} ({what})": "hoàn thành {task_id} ngày {on} ({what})",
    "done {task_id} for {year} on {on} ({what})": "hoàn thành {task_id} năm {year} ngày {on} ({what})",
    "reopen {task_id}": "mở lại {task_id}",
    "reopen {task_id} for {year}": "mở lại {task_id} năm {year}",
    "note on {task_id} ({on}): {text}": "ghi chú {task_id} ({on}): {text}",
    "set {task_id} due {new} (was {old})": "sửa thời hạn {task_id}: {new} (trước đó: {old})",
    "set {task_id} {field} {new} (was {old})": "sửa đơn vị {field} {task_id}: {new} (trước đó: {old})",
    "none (standing duty)": "không có (nhiệm vụ thường xuyên)",
    "{summary}: unchanged": "{summary}: không thay đổi",
    "committed {sha}": "đã commit {sha}",
    "'{old}:' is read as the boolean true by YAML 1.1 readers (PyYAML's safe_load, Ruby, yq v3): write '{new}:' (`kh migrate` renames them all)": "'{old}:' bị các trình đọc YAML 1.1 (safe_load của PyYAML, Ruby, yq v3) hiểu là giá trị true: hãy viết '{new}:' (`kh migrate` đổi tên tất cả)",
    "{what} is shortened with '…': give the whole address, or the document itself (number, date, issuer) and say that its address is unknown": "{what} bị rút gọn bằng '…': hãy ghi đủ địa chỉ, hoặc ghi chính văn bản (số, ngày, cơ quan ban hành) và nói rõ chưa biết địa chỉ",
    "{what} needs either 'date' (the day of the duty itself) or 'no_later_than' (a day by which it was done)": "{what} cần 'date' (ngày của chính nhiệm vụ) hoặc 'no_later_than' (ngày mà chậm nhất đến đó đã hoàn thành), chỉ một trong hai",
    "nothing to migrate: the data already uses the current keys": "không có gì cần chuyển đổi: dữ liệu đã dùng các khóa hiện hành",
    "{path}: {n} key(s) 'on:' renamed 'date:'": "{path}: đã đổi {n} khóa 'on:' thành 'date:'",
    "internal check failed: the rewritten files would not read as the same plan; nothing was written": "kiểm tra nội bộ không đạt: các tệp viết lại sẽ không đọc ra cùng kế hoạch; chưa ghi gì",
    "give --on or --no-later-than, not both": "dùng --on hoặc --no-later-than, không dùng cả hai",
    "unknown status {text!r}: known statuses are {known}": "không có trạng thái {text!r}: các trạng thái là {known}",
    "internal error: {v1}: {exc} (set KH_DEBUG=1 for details)": "lỗi nội bộ: {v1}: {exc} (đặt KH_DEBUG=1 để xem chi tiết)",
}

HELP: dict[str, str] = {
    # the top-level help, examples included (their comments are prose)
    "Track the obligations of Vietnam's learning-society plans (489/QĐ-TTg and the MOET plan) over plain YAML "
    "files.\n\nExamples:\n\n  kh list --overdue                 what is late today, and who must act\n\n"
    "  kh agenda --within 1m             what falls due this month, overdue first\n\n"
    "  kh show BGD-09                    everything about one task\n\n"
    "  kh report 2021 -o bao-cao.md      the year's follow-up report, in Markdown\n\n"
    '  kh done BGD-07 --on 2021-06-28 -e "Quyết định số …/QĐ-BGDĐT" --commit\n\n'
    "                                    record a completion with its evidence\n\n"
    "  kh check                          validate the data (exit 1 on problems)": "Theo dõi nhiệm vụ của các kế hoạch khuyến học, khuyến tài, xây dựng xã hội học tập (489/QĐ-TTg và "
    "kế hoạch của Bộ GDĐT) trên các tệp YAML.\n\nVí dụ:\n\n"
    "  kh list --overdue                 việc quá hạn hôm nay, đơn vị phải làm\n\n"
    "  kh agenda --within 1m             việc đến hạn trong tháng, quá hạn trước\n\n"
    "  kh show BGD-09                    mọi thông tin về một nhiệm vụ\n\n"
    "  kh report 2021 -o bao-cao.md      báo cáo kết quả của năm, dạng Markdown\n\n"
    '  kh done BGD-07 --on 28/06/2021 -e "Quyết định số …/QĐ-BGDĐT" --commit\n\n'
    "                                    ghi nhận hoàn thành kèm minh chứng\n\n"
    "  kh check                          kiểm tra dữ liệu (mã thoát 1 nếu có lỗi)",
    # commands (the prose of each docstring)
    "List obligations with their deadline and status, oldest deadline first.\n\nDone tasks are left out unless "
    "--all or --status asks for them. Yearly duties appear once\nper year, from 2020 through the current (or "
    "--year) year.": "Liệt kê các nhiệm vụ với thời hạn và trạng thái, thời hạn sớm nhất trước.\n\nNhiệm vụ đã hoàn thành "
    "không được liệt kê, trừ khi có --all hoặc --status. Nhiệm vụ hằng năm\nxuất hiện mỗi năm một lần, từ "
    "2020 đến năm hiện tại (hoặc năm của --year).",
    "Everything about one task: the deadline as written and as a date, its status, the\nunits with their full "
    "names, its source, its links, and each year's occurrence.": "Mọi thông tin về một nhiệm vụ: thời hạn nguyên văn và ngày cụ thể, trạng thái, tên đầy đủ\ncủa các đơn "
    "vị, nguồn, các liên kết, và từng kỳ hằng năm.",
    "The units named in the plans, with how many tasks each leads and how many of those\nobligations are overdue.": "Các đơn vị nêu trong kế hoạch, với số nhiệm vụ mỗi đơn vị chủ trì và số nhiệm vụ\ntrong đó đang quá hạn.",
    "Validate the data: every problem as `path:line: message`; exit 1 if any, else 0.\n\nChecks YAML syntax, "
    "unknown or missing keys, wrong types, unknown units and documents,\nduplicate ids, deadlines kh cannot "
    "read, broken links and impossible completions.": "Kiểm tra dữ liệu: mỗi lỗi một dòng `tệp:dòng: nội dung`; mã thoát 1 nếu có lỗi, 0 nếu không.\n\nKiểm "
    "tra cú pháp YAML, khóa lạ hoặc thiếu, sai kiểu, đơn vị và văn bản không có,\nmã trùng, thời hạn không "
    "đọc được, liên kết hỏng và kết quả hoàn thành không thể có.",
    "The year's follow-up report, ready to paste into the official document: summary in the\nfour status "
    "categories, a table per lead unit, overdue obligations, completions with their\nevidence, what falls due "
    "next year, and the yearly reporting duties.\n\nFigures are as of the year's last day if the year has "
    "ended, else as of today (--today):\nnothing that falls due after today is counted as late. The same data "
    "and as-of date always\ngive byte-identical output.": "Báo cáo kết quả thực hiện trong năm, sẵn để đưa vào văn bản: tổng hợp theo bốn\nnhóm trạng thái, bảng "
    "theo đơn vị chủ trì, nhiệm vụ quá hạn, nhiệm vụ hoàn thành kèm minh chứng,\nnhiệm vụ đến hạn năm sau "
    "và chế độ báo cáo hằng năm.\n\nSố liệu tính đến ngày cuối năm nếu năm đã kết thúc, nếu chưa thì đến "
    "hôm nay (--today):\nkhông việc nào đến hạn sau hôm nay bị tính là quá hạn. Cùng dữ liệu và cùng ngày "
    "tính\nluôn cho cùng một kết quả, từng byte.",
    "Start a tracking folder: write the bundled plan to DIR/data/ (tasks.yaml, units.yaml,\ncalendar.yaml)."
    "\n\nRefuses to overwrite existing files. Then `cd DIR && git init && kh list` works there.": "Tạo thư mục theo dõi: ghi kế hoạch đi kèm vào THƯ_MỤC/data/ (tasks.yaml, units.yaml,\ncalendar.yaml)."
    "\n\nKhông ghi đè tệp đã có. Sau đó `cd THƯ_MỤC && git init && kh list` dùng được ở đó.",
    "Record that a task is done, with its evidence (a yearly duty: one year of it).\n\nOnly the task's lines of tasks.yaml change; the data is checked before anything is\nwritten. A date in the future, before the plan, or a second completion is refused.\n--on is the day the evidence gives for the duty itself; when it gives only a day by\nwhich the duty was done, say so with --no-later-than.": "Ghi nhận một nhiệm vụ đã hoàn thành, kèm minh chứng (nhiệm vụ hằng năm: một năm).\n\nChỉ các dòng của nhiệm vụ trong tasks.yaml thay đổi; dữ liệu được kiểm tra trước khi\nghi. Ngày trong tương lai, trước khi có kế hoạch, hoặc ghi nhận lần thứ hai đều bị từ chối.\n--on là ngày minh chứng cho biết của chính nhiệm vụ; khi minh chứng chỉ cho biết chậm nhất\nngày nào đã hoàn thành, hãy dùng --no-later-than.",
    "Remove a recorded completion (a yearly duty: one year's), e.g. one recorded by mistake.\n\nThe "
    "completion stays in git's history (`kh history ID`).": "Xóa một kết quả hoàn thành đã ghi (nhiệm vụ hằng năm: của một năm), ví dụ khi ghi nhầm.\n\nKết quả đó "
    "vẫn còn trong lịch sử git (`kh history MÃ`).",
    "Rewrite the data in kh's current spelling: the date key 'on:', which YAML 1.1 readers\ntake for the boolean true, becomes 'date:'.\n\nOnly those keys change; the plan is checked to read the same before each file is written\n(atomically). Running it again changes nothing. Commit the result with git.": "Viết lại dữ liệu theo cách ghi hiện hành của kh: khóa ngày 'on:', mà các trình đọc YAML 1.1\nhiểu là giá trị true, được đổi thành 'date:'.\n\nChỉ các khóa đó thay đổi; kh kiểm tra kế hoạch đọc ra như cũ trước khi ghi từng tệp\n(trọn vẹn một lần). Chạy lại không thay đổi gì. Hãy commit kết quả bằng git.",
    "Add a dated note to a task: progress, a reminder sent, a fact not yet confirmed.": "Thêm ghi chú có ngày cho một nhiệm vụ: tiến độ, công văn đôn đốc đã gửi, thông tin chưa xác nhận.",
    "Change a task's deadline text, lead units or cooperating units, validated like `kh check`.\n\nUnits may "
    "be given by id, short name or name, without diacritics. Removing the deadline\n(which makes the task a "
    "standing duty) or all partners takes --clear: an empty VALUE is\nrefused, so that no quoting slip does it "
    "silently.": "Sửa thời hạn, đơn vị chủ trì hoặc đơn vị phối hợp của một nhiệm vụ, kiểm tra như `kh check`.\n\nĐơn vị "
    "có thể ghi bằng mã, tên viết tắt hoặc tên đầy đủ, có hoặc không dấu. Bỏ thời hạn\n(nhiệm vụ thành "
    "thường xuyên) hoặc bỏ mọi đơn vị phối hợp cần --clear: GIÁ_TRỊ trống bị\ntừ chối, để một lỗi gõ dấu "
    "ngoặc không âm thầm làm việc đó.",
    "What falls due soon, week by week, after what is already overdue: the list to chase\nthis month.": "Những việc sắp đến hạn, theo từng tuần, sau những việc đã quá hạn: danh sách cần đôn đốc\ntrong tháng.",
    "Export the deadlines as an iCalendar file for Outlook, Google Calendar or Thunderbird:\none all-day event "
    "per obligation (a yearly duty: one per year, through next year).\n\nEach event keeps its UID across "
    "exports, so importing a newer file updates the events\ninstead of adding copies. The description holds "
    "the lead unit, the deadline as written\nand the status as of the export.": "Xuất các thời hạn ra tệp iCalendar cho Outlook, Google Calendar hoặc Thunderbird:\nmỗi nhiệm vụ một sự "
    "kiện cả ngày (nhiệm vụ hằng năm: mỗi năm một sự kiện, đến hết năm sau).\n\nMỗi sự kiện giữ nguyên UID "
    "qua các lần xuất, nên nhập tệp mới sẽ cập nhật sự kiện\nthay vì tạo bản sao. Phần mô tả ghi đơn vị chủ "
    "trì, thời hạn nguyên văn\nvà trạng thái tại ngày xuất.",
    "A task's changes over time, from git: when, who, and what changed (done, reopened,\ndeadline, units, "
    "notes), whether made by kh or by hand. Needs the data in a git repository.": "Lịch sử thay đổi của một nhiệm vụ, từ git: khi nào, ai, và thay đổi gì (hoàn thành, mở lại,\nthời hạn, "
    "đơn vị, ghi chú), dù do kh hay sửa tay. Cần dữ liệu nằm trong kho git.",
    # options and arguments
    "Print the version and exit.": "In phiên bản rồi thoát.",
    "Install completion for the current shell.": "Cài tự động hoàn thành lệnh cho shell đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.": "In mã tự động hoàn thành cho shell đang dùng, để sao chép hoặc tự cài.",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "Only what is late (same as --status overdue).": "Chỉ các việc quá hạn (như --status overdue).",
    "Only these statuses (repeatable): overdue, open, done_on_time, done_late, ongoing, or their Vietnamese "
    'names, with or without diacritics ("quá hạn", "qua han", "trong hạn").': "Chỉ các trạng thái này (dùng nhiều lần được): overdue, open, done_on_time, done_late, ongoing, hoặc "
    'tên tiếng Việt, có hoặc không dấu ("quá hạn", "qua han", "trong hạn").',
    "Only tasks this unit leads or cooperates on (id, short name or part of a name; repeatable).": "Chỉ nhiệm vụ đơn vị này chủ trì hoặc phối hợp (mã, tên viết tắt hoặc một phần tên; dùng nhiều lần được).",
    "With --unit: only tasks the unit leads.": "Đi cùng --unit: chỉ nhiệm vụ đơn vị đó chủ trì.",
    "Only obligations due in this year.": "Chỉ nhiệm vụ đến hạn trong năm này.",
    "Only obligations due in this quarter, e.g. 2021Q2.": "Chỉ nhiệm vụ đến hạn trong quý này, ví dụ 2021Q2.",
    "Only tasks of this plan: 489 (qd489) or bgddt (kh-bgddt).": "Chỉ nhiệm vụ của kế hoạch này: 489 (qd489) hoặc bgddt (kh-bgddt).",
    "Only tasks whose id or title contains TEXT (case and diacritics ignored).": "Chỉ nhiệm vụ có mã hoặc tên chứa TEXT (không phân biệt hoa thường, có dấu hay không).",
    "Include what is already done.": "Gồm cả nhiệm vụ đã hoàn thành.",
    "Output format.": "Định dạng kết quả.",
    "Folder with tasks.yaml and units.yaml. Default: $KH_DATA, else the nearest data/ folder upward from here, "
    "else the plan bundled with kh.": "Thư mục chứa tasks.yaml và units.yaml. Mặc định: $KH_DATA, nếu không có thì thư mục data/ gần nhất "
    "tính từ đây trở lên, nếu không có nữa thì kế hoạch đi kèm kh.",
    "Compute statuses as of this day (DD/MM/YYYY or YYYY-MM-DD) instead of the real date. [env: KH_TODAY]": "Tính trạng thái tại ngày này (DD/MM/YYYY hoặc YYYY-MM-DD) thay cho ngày thực. [env: KH_TODAY]",
    "Language of labels and messages: vi or en. [env: KH_LANG]": "Ngôn ngữ của nhãn và thông báo: vi hoặc en. [env: KH_LANG]",
    "No colours (also NO_COLOR=1).": "Không dùng màu (hoặc NO_COLOR=1).",
    "The task, e.g. BGD-09 (case ignored).": "Nhiệm vụ, ví dụ BGD-09 (không phân biệt hoa thường).",
    "The task, e.g. BGD-07 (case ignored).": "Nhiệm vụ, ví dụ BGD-07 (không phân biệt hoa thường).",
    "The task, e.g. BGD-10 (case ignored).": "Nhiệm vụ, ví dụ BGD-10 (không phân biệt hoa thường).",
    "The task, e.g. BGD-04 (case ignored).": "Nhiệm vụ, ví dụ BGD-04 (không phân biệt hoa thường).",
    "The year to report on, e.g. 2021.": "Năm báo cáo, ví dụ 2021.",
    "Markdown, rich tables, JSON, or a Word file (docx, with -o).": "Markdown, bảng trên màn hình, JSON, hoặc tệp Word (docx, kèm -o).",
    "Write to FILE (atomically) instead of stdout.": "Ghi vào TỆP (trọn vẹn một lần) thay vì in ra màn hình.",
    "The charts (Mermaid in Markdown, images in Word).": "Các biểu đồ (Mermaid trong Markdown, hình ảnh trong Word).",
    "Word, Markdown, or e-mail (.eml).": "Word, Markdown, hoặc thư điện tử (.eml).",
    "The folder for the letters, one file per unit.": "Thư mục ghi các công văn, mỗi đơn vị một tệp.",
    "The day to report back by. Default: 15 days from today.": "Hạn báo cáo lại. Mặc định: 15 ngày kể từ hôm nay.",
    "eml: the sender's address.": "eml: địa chỉ người gửi.",
    "The issuing body. Default: the unit that holds Vụ GDTX's duties today (from the data).": "Cơ quan ban hành. Mặc định: đơn vị đang đảm nhận nhiệm vụ của Vụ GDTX (theo dữ liệu).",
    'The document number, e.g. "15/BC-GDNN". Default: …': 'Số văn bản, ví dụ "15/BC-GDNN". Mặc định: …',
    "Who signs. Default: …": "Người ký. Mặc định: …",
    'The signer\'s title, e.g. "Cục trưởng". Default: …': 'Chức vụ người ký, ví dụ "Cục trưởng". Mặc định: …',
    'Draft the letters that chase late units ("công văn đôn đốc"): one per unit that holds the\nlead of an overdue obligation today, listing each one with its source, its deadline as\nwritten and as a day, and the days overdue.\n\nThe letters have the layout of Nghị định 30/2020/NĐ-CP; the number and the signer stay\n"…" until given. A unit with nothing overdue gets no letter.': 'Soạn công văn đôn đốc: mỗi đơn vị đang chủ trì nhiệm vụ quá hạn một công văn, liệt kê từng\nnhiệm vụ với nguồn, thời hạn nguyên văn và theo ngày, số ngày quá hạn.\n\nCông văn theo thể thức Nghị định 30/2020/NĐ-CP; số và người ký để "…" cho đến khi được\ncho biết. Đơn vị không có nhiệm vụ quá hạn thì không có công văn.',
    "Where to start tracking; created if missing.": "Nơi bắt đầu theo dõi; tạo mới nếu chưa có.",
    "What shows it is done: the document issued, with its number and date. Required.": "Minh chứng hoàn thành: văn bản đã ban hành, kèm số và ngày. Bắt buộc.",
    "The day it was done (DD/MM/YYYY or YYYY-MM-DD). Default: today.": "Ngày hoàn thành (DD/MM/YYYY hoặc YYYY-MM-DD). Mặc định: hôm nay.",
    "Instead of --on, when the evidence shows only a day by which it was done (an approval of what was submitted earlier).": "Thay cho --on, khi minh chứng chỉ cho biết chậm nhất ngày nào đã hoàn thành (ví dụ quyết định phê duyệt một văn bản đã trình trước đó).",
    "Where the evidence can be checked (a URL).": "Nơi kiểm chứng minh chứng (một địa chỉ URL).",
    "For a yearly duty: the year done. Default: the year of --on.": "Với nhiệm vụ hằng năm: năm được hoàn thành. Mặc định: năm của --on.",
    "Commit the change to git (the data file only), one commit per command. Default: $KH_COMMIT, else `git "
    "config kh.commit`, else no.": "Commit thay đổi vào git (chỉ tệp dữ liệu), mỗi lệnh một commit. Mặc định: $KH_COMMIT, nếu không có thì "
    "`git config kh.commit`, nếu không có nữa thì không commit.",
    "For a yearly duty: the year to reopen.": "Với nhiệm vụ hằng năm: năm cần mở lại.",
    "The note, one line.": "Nội dung ghi chú, một dòng.",
    "The note's date (DD/MM/YYYY or YYYY-MM-DD). Default: today.": "Ngày ghi chú (DD/MM/YYYY hoặc YYYY-MM-DD). Mặc định: hôm nay.",
    "Where the fact comes from (a URL).": "Nguồn của thông tin (một địa chỉ URL).",
    "due, lead or partners.": "due (thời hạn), lead (chủ trì) hoặc partners (phối hợp).",
    "due: the deadline as written; lead, partners: units, comma-separated.": "due: thời hạn nguyên văn; lead, partners: các đơn vị, cách nhau bằng dấu phẩy.",
    "Instead of a VALUE: due: no deadline (a standing duty); partners: none.": "Thay cho GIÁ_TRỊ: due: bỏ thời hạn (nhiệm vụ thường xuyên); partners: bỏ mọi đơn vị phối hợp.",
    "How far ahead: days, weeks or months, e.g. 30d, 2w, 1m.": "Xem trước bao xa: ngày, tuần hoặc tháng, ví dụ 30d, 2w, 1m.",
    # Typer's own words around them
    "Usage: ": "Cách dùng: ",
    "Arguments": "Tham số",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "Examples:": "Ví dụ:",
}
