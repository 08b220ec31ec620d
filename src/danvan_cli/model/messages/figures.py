"""Messages of a figure in a cell (numbers, decimals, limits), the rules between
figures, units named by a title and the period a file reports.

(code -> lang -> (message, expected or None); `messages` joins the parts into MESSAGES.)
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
    "not_a_number": {
        "vi": ("Giá trị «{value}» ở cột «{column}» không phải là số.", "một số nguyên ≥ 0"),
        "en": ("Value '{value}' in column '{column}' is not a number.", "a whole number >= 0"),
    },
    "not_whole": {
        "vi": ("Giá trị {value} ở cột «{column}» không phải số nguyên.", "một số nguyên ≥ 0"),
        "en": ("Value {value} in column '{column}' is not a whole number.", "a whole number >= 0"),
    },
    "negative": {
        "vi": ("Giá trị {value} ở cột «{column}» là số âm.", "một số nguyên ≥ 0"),
        "en": ("Value {value} in column '{column}' is negative.", "a whole number >= 0"),
    },
    "below_minimum": {
        "vi": (
            "Giá trị {value} ở cột «{column}» nhỏ hơn {minimum}, mức tối thiểu mẫu báo cáo đặt.",
            "một số nguyên ≥ {minimum}",
        ),
        "en": (
            "Value {value} in column '{column}' is below {minimum}, the template's minimum.",
            "a whole number >= {minimum}",
        ),
    },
    # A figure with decimals (tỷ đồng): its number is not whole, {range} its limits.
    "not_a_number_decimals": {
        "vi": (
            "Giá trị «{value}» ở cột «{column}» không phải là số.",
            "một số {range}, phần thập phân sau dấu phẩy (1.234,5)",
        ),
        "en": (
            "Value '{value}' in column '{column}' is not a number.",
            "a number {range}, decimals after a comma as Vietnamese write it (1.234,5)",
        ),
    },
    "not_whole_decimals": {
        "vi": ("Giá trị {value} ở cột «{column}» không phải là số.", "một số {range}"),
        "en": ("Value {value} in column '{column}' is not a number.", "a number {range}"),
    },
    "negative_decimals": {
        "vi": ("Giá trị {value} ở cột «{column}» nhỏ hơn mức cho phép.", "một số {range}"),
        "en": ("Value {value} in column '{column}' is below its limit.", "a number {range}"),
    },
    "too_large_decimals": {
        "vi": ("Giá trị {value} ở cột «{column}» lớn hơn mức cho phép.", "một số {range}"),
        "en": ("Value {value} in column '{column}' is above its limit.", "a number {range}"),
    },
    "too_large": {
        "vi": (
            "Giá trị {value} ở cột «{column}» quá lớn để là một số đếm.",
            "một số nguyên từ 0 đến 1.000.000.000",
        ),
        "en": (
            "Value {value} in column '{column}' is too large to be a count.",
            "a whole number from 0 to 1,000,000,000",
        ),
    },
    "exceeds": {
        "vi": (
            "«{column}» ({value}) lớn hơn «{limit_column}» ({limit_value}).",
            "«{column}» ≤ «{limit_column}»",
        ),
        "en": (
            "'{column}' ({value}) is greater than '{limit_column}' ({limit_value}).",
            "'{column}' <= '{limit_column}'",
        ),
    },
    "ratings_exceed_branches": {
        "vi": (
            "Tổng số chi được xếp loại ({value}) lớn hơn «{limit_column}» ({limit_value}).",
            "số chi xếp loại ≤ «{limit_column}»",
        ),
        "en": (
            "The rated branches add up to {value}, more than '{limit_column}' ({limit_value}).",
            "rated branches <= '{limit_column}'",
        ),
    },
    "members_without_branch": {
        "vi": ("Có {value} hội viên nhưng không có chi hội nào.", "số chi hội > 0 khi có hội viên"),
        "en": ("There are {value} members but no branch.", "branches > 0 where there are members"),
    },
    "rule_broken": {  # a declared rule (engine/rules.py) with its own message
        "vi": (
            "Vi phạm quy tắc «{rule}»{where}: {left_said}, {right_said}.",
            "{relation}",
        ),
        "en": (
            "Rule '{rule}' broken{where}: {left_said}, {right_said}.",
            "{relation}",
        ),
    },
    "unit_spellings": {
        "vi": (
            "«{value}» và «{other}» là cùng một {level_label}; bảng tổng hợp ghi một dòng "
            "«{name}».",
            None,
        ),
        "en": (
            "'{value}' and '{other}' are one {level_label}; the roll-up shows one row '{name}'.",
            None,
        ),
    },
    "unit_from_config": {
        "vi": (
            "Bảng không có cột {level_label}; tên {level_label} «{value}» lấy từ tệp cấu hình "
            "(khóa unit).",
            None,
        ),
        "en": (
            "The table has no {level_label} column; the {level_label} '{value}' is taken from "
            "the config's unit.",
            None,
        ),
    },
    "unit_from_title": {
        "vi": (
            "Bảng không có cột {level_label}; tên {level_label} «{value}» lấy từ dòng tiêu đề này.",
            None,
        ),
        "en": (
            "The table has no {level_label} column; the {level_label} '{value}' is taken from "
            "this title line.",
            None,
        ),
    },
    "organization_from_title": {
        "vi": (
            "Bảng không có cột đoàn thể; các dòng được tính cho «{organization}», đơn vị ban "
            "hành ghi ở dòng tiêu đề này («{value}»).",
            None,
        ),
        "en": (
            "The table has no organisation column; its rows are counted for '{organization}', "
            "the issuing body this title line names ('{value}').",
            None,
        ),
    },
    "missing_level_column": {
        "vi": (
            "Bảng này không có cột cấp {levels} mà các tệp khác có (bảng chỉ có cấp "
            "{present}); không cộng chung được.",
            "mọi tệp cùng các cột cấp hành chính (trước hoặc sau 1/7/2025)",
        ),
        "en": (
            "This table has no {levels} column, which other files have (it has {present} "
            "only); they cannot be added up together.",
            "the same level columns in every file (before or after 1 July 2025)",
        ),
    },
    "period_differs": {
        "vi": (
            "Tiêu đề ghi kỳ báo cáo «{value}», khác với kỳ «{usual}» mà {count} bảng khác ghi: "
            "xem có nhầm tệp của kỳ khác không (số liệu của bảng vẫn được cộng).",
            "{usual}",
        ),
        "en": (
            "The title states the period '{value}', unlike the '{usual}' that {count} other "
            "table(s) state: check that it is not another period's file (its figures are "
            "added all the same).",
            "{usual}",
        ),
    },
}
