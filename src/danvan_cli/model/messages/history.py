"""Messages of the history of roll-ups and `danvan trend`, and period codes.

(code -> lang -> (message, expected or None); `messages` joins the parts into MESSAGES.)
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
    "history_not_found": {
        "vi": (
            "Không có tệp lịch sử «{path}».",
            "đường dẫn của tệp lịch sử (--db), hoặc chạy «danvan rollup» trước để tạo tệp",
        ),
        "en": (
            "There is no history file '{path}'.",
            "the history file's path (--db), or run 'danvan rollup' first to make it",
        ),
    },
    "history_not_readable": {
        "vi": (
            "Không đọc được tệp lịch sử «{path}»: {reason}.",
            "tệp lịch sử danvan ghi (SQLite), của phiên bản danvan này hoặc cũ hơn",
        ),
        "en": (
            "The history file '{path}' cannot be read: {reason}.",
            "a history file danvan wrote (SQLite), by this version of danvan or an older one",
        ),
    },
    "history_units_apart": {
        "vi": (
            "Lịch sử giữ riêng các cách viết của một đơn vị ({units}): các cách viết đều có số"
            " liệu của cùng một đoàn thể hoặc loại trong kỳ {periods}, nên không gộp.",
            "sửa tên đơn vị trong các tệp của kỳ đó rồi chạy lại kỳ đó: đơn vị được gộp",
        ),
        "en": (
            "The history keeps the spellings of one unit apart ({units}): each has figures of"
            " one organisation or category in {periods}, so they are not joined.",
            "the unit's name corrected in that period's files, and that period run again:"
            " the unit is then joined",
        ),
    },
    "trend_figure_unknown": {
        "vi": ("Lịch sử không có chỉ tiêu «{value}».", "một chỉ tiêu lịch sử có: {figures}"),
        "en": ("The history has no figure '{value}'.", "a figure the history has: {figures}"),
    },
    "trend_kind_ambiguous": {
        "vi": (
            "Chỉ tiêu «{value}» có trong nhiều loại báo cáo: {kinds}.",
            "chọn một loại bằng --kind",
        ),
        "en": (
            "The figure '{value}' belongs to several kinds of report: {kinds}.",
            "one kind chosen with --kind",
        ),
    },
    "trend_level_missing": {
        "vi": (
            "Số liệu «{kind}» trong lịch sử không có cấp «{level_label}».",
            "một cấp có trong số liệu: {levels}",
        ),
        "en": (
            "The history's '{kind}' records have no {level_label} level.",
            "a level they have: {levels}",
        ),
    },
    "period_code_unknown": {
        "vi": (
            "«{value}» không phải một kỳ báo cáo.",
            "một kỳ viết như 2026-10 (tháng 10 năm 2026), 2026-Q3 (quý III), 2026-H1 (6 tháng "
            "đầu năm; 2026-H2: 6 tháng cuối năm), 2026-9M (9 tháng), 2026 (cả năm), hoặc "
            "như tiêu đề ghi: «Quý III năm 2026»",
        ),
        "en": (
            "'{value}' is not a report period.",
            "a period written as 2026-10 (October 2026), 2026-Q3 (third quarter), 2026-H1 "
            "(first half-year; 2026-H2: second), 2026-9M (nine months), 2026 (the year), or "
            "as a title words it: 'Quý III năm 2026'",
        ),
    },
    "period_is_a_path": {
        "vi": (
            "«{value}» là tệp hoặc thư mục, nhưng với --db hoặc --config thì CŨ và MỚI là hai "
            "kỳ trong lịch sử.",
            "hai kỳ như 2026-09 2026-10; hoặc bỏ --db và --config để so sánh các tệp",
        ),
        "en": (
            "'{value}' is a file or folder, but with --db or --config OLD and NEW are two "
            "periods of the history.",
            "two periods such as 2026-09 2026-10; or leave out --db and --config to compare "
            "the files",
        ),
    },
}
