"""Messages of a run's config (`danvan rollup --config`), the files of a period and
the units expected to report.

(code -> lang -> (message, expected or None); `messages` joins the parts into MESSAGES.)
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
    # A run's config (danvan rollup --config): `row` is the line of the file.
    "config_not_found": {
        "vi": (
            "Không có tệp cấu hình này.",
            "tên một tệp .toml có thật; tạo tệp bằng «danvan init»",
        ),
        "en": (
            "There is no such config file.",
            "an existing .toml file; write one with danvan init",
        ),
    },
    "config_not_utf8": {
        "vi": ("Tệp cấu hình không ở mã UTF-8.", "lưu lại tệp với mã UTF-8"),
        "en": ("The config file is not UTF-8 encoded.", "the file saved as UTF-8"),
    },
    "config_unreadable": {
        "vi": ("Không đọc được tệp cấu hình: {reason_vi}.", None),
        "en": ("The config file could not be read: {reason_en}.", None),
    },
    "config_missing_key": {
        "vi": ("Thiếu khóa «{key}».", "một dòng {key} = ... (xem tệp do danvan init tạo)"),
        "en": (
            "The key '{key}' is missing.",
            "a line {key} = ... (see the file danvan init writes)",
        ),
    },
    "config_unknown_key": {
        "vi": ("Khóa «{key}» không có trong tệp cấu hình.", "một trong: {known}"),
        "en": ("There is no key '{key}' in a config.", "one of: {known}"),
    },
    "config_misspelt_key": {
        "vi": ("Khóa «{key}» không có trong tệp cấu hình; có phải là «{closest}»?", "«{closest}»"),
        "en": ("There is no key '{key}' in a config; did you mean '{closest}'?", "'{closest}'"),
    },
    "config_bad_choice": {
        "vi": ("«{key}» = {value} không phải một giá trị dùng được.", "một trong: {choices}"),
        "en": ("'{key}' = {value} is not one of its values.", "one of: {choices}"),
    },
    "config_wrong_type": {
        "vi": ("«{key}» = {value} không đúng kiểu.", "{wanted_vi}"),
        "en": ("'{key}' = {value} is of the wrong type.", "{wanted_en}"),
    },
    "config_not_finite": {
        "vi": ("«{key}» không phải một số hữu hạn (đọc được {value}).", "một số thường, vd 20"),
        "en": ("'{key}' is not a finite number (read as {value}).", "a plain number, e.g. 20"),
    },
    "config_empty": {
        "vi": ("«{key}» không được để trống.", "ít nhất một giá trị"),
        "en": ("'{key}' must not be empty.", "at least one value"),
    },
    "config_wrong_value": {
        "vi": ("«{key}» = {value} không dùng được (chi tiết kỹ thuật: {reason}).", None),
        "en": ("'{key}' = {value} cannot be used (technical detail: {reason}).", None),
    },
    "config_no_period": {
        "vi": (
            "«{key}» = {value} không có chỗ ghi kỳ báo cáo {{period}}: mọi kỳ sẽ dùng chung "
            "một thư mục hoặc một tệp kết quả.",
            'chữ {{period}} ở chỗ ghi kỳ, vd "nop/{{period}}/*.xlsx"',
        ),
        "en": (
            "'{key}' = {value} has no {{period}} in it: every period would share one folder "
            "or one output file.",
            '{{period}} where the period goes, e.g. "nop/{{period}}/*.xlsx"',
        ),
    },
    "config_bad_deadline": {
        "vi": (
            "Hạn nộp «{key}» = {value} không phải một ngày trong tháng hay một ngày cụ thể.",
            "một số từ 1 đến 31 (ngày của tháng sau kỳ báo cáo), vd 5, "
            "hoặc một ngày, vd 2026-11-05",
        ),
        "en": (
            "The deadline '{key}' = {value} is neither a day of the month nor a date.",
            "a number from 1 to 31 (the day of the month after the period), e.g. 5, or a date, "
            "e.g. 2026-11-05",
        ),
    },
    "config_bad_unit": {
        "vi": (
            "Đơn vị «{key}» = {value} không ghi rõ cấp nào.",
            "tên đơn vị có chữ chỉ cấp ở đầu, vd «Huyện Châu Thành», «Tỉnh Hậu Giang», "
            "«Thành phố Cần Thơ», «Xã Tân An»",
        ),
        "en": (
            "The unit '{key}' = {value} does not say its level.",
            "the unit's name with its type word first, e.g. 'Huyện Châu Thành', "
            "'Tỉnh Hậu Giang', 'Thành phố Cần Thơ', 'Xã Tân An'",
        ),
    },
    "config_kind_and_template": {
        "vi": (
            "Tệp cấu hình ghi cả «kind» lẫn «template»: chỉ được chọn một.",
            "bỏ dòng kind khi dùng template",
        ),
        "en": (
            "The config names both a 'kind' and a 'template': choose one.",
            "no kind line when a template is named",
        ),
    },
    "config_list_and_official": {
        "vi": (
            "Tệp cấu hình ghi cả «expected» lẫn «official»: chỉ được chọn một danh sách đơn vị.",
            "bỏ một trong hai dòng",
        ),
        "en": (
            "The config names both 'expected' and 'official': choose one list of units.",
            "one of the two lines left out",
        ),
    },
    "config_bad_threshold": {
        "vi": ("Ngưỡng «{key}» = {value} phải lớn hơn 0.", "một phần trăm, vd 20"),
        "en": ("The threshold '{key}' = {value} must be above 0.", "a percentage, e.g. 20"),
    },
    # The files of a period (danvan rollup): resubmissions and files of another period.
    "submission_replaced": {
        "vi": (
            "Tệp này thay cho tệp {other_file} mà {unit} đã gửi cho kỳ này (ngày {date}, sau "
            "ngày {other_date}): chỉ cộng tệp này.",
            None,
        ),
        "en": (
            "This file replaces {other_file}, which {unit} sent for this period earlier (dated "
            "{date}, after {other_date}): only this one is added.",
            None,
        ),
    },
    "submission_copy": {
        "vi": (
            "Tệp này giống hệt tệp {other_file} của {unit} (cùng nội dung, có lẽ tải về hai "
            "lần): chỉ cộng một lần.",
            None,
        ),
        "en": (
            "This file is the same as {other_file} of {unit} (the same content, perhaps "
            "downloaded twice): added once.",
            None,
        ),
    },
    "submission_same_date": {
        "vi": (
            "{unit} có hai tệp cho kỳ này cùng ngày {date}: tệp này và {other_file}; không biết "
            "tệp nào thay tệp nào, nên không cộng tệp nào.",
            "chỉ để lại một tệp của đơn vị trong thư mục của kỳ, hoặc ghi ngày báo cáo ở tiêu đề",
        ),
        "en": (
            "{unit} has two files for this period dated {date}: this one and {other_file}; "
            "which replaces which is unknown, so neither is added.",
            "one file per unit in the period's folder, or the report's date in its title",
        ),
    },
    "submission_other_period": {
        "vi": (
            "Tiêu đề ghi kỳ báo cáo «{value}», không phải kỳ {period} đang tổng hợp; tệp này "
            "không được cộng.",
            "tệp của kỳ {period}, hoặc chuyển tệp sang thư mục của kỳ «{value}»",
        ),
        "en": (
            "The title states the period '{value}', not {period}, the period being rolled up; "
            "this file is not added.",
            "a file of {period}, or this file moved to the folder of '{value}'",
        ),
    },
    # The units expected to report (danvan rollup): their list and those not on it.
    "expected_no_units": {
        "vi": (
            "Danh sách đơn vị không có cột tên đơn vị nào (Tỉnh, Huyện, Xã, Thôn).",
            "dòng đầu ghi tên các cột, vd Huyện, Xã; mỗi dòng sau một đơn vị",
        ),
        "en": (
            "The list of units has no column of unit names (Tỉnh, Huyện, Xã, Thôn).",
            "a first line naming the columns, e.g. Huyện, Xã; then one unit a line",
        ),
    },
    "official_not_installed": {
        "vi": (
            "Danh sách xã, phường chính thức (từ 1/7/2025) cần gói vietnamadminunits, chưa cài.",
            'cài gói: pip install "danvan[official]"',
        ),
        "en": (
            "The official list of communes (since 1 July 2025) needs the package "
            "vietnamadminunits, which is not installed.",
            'the package installed: pip install "danvan[official]"',
        ),
    },
    "official_no_province": {
        "vi": ("Danh sách chính thức không có tỉnh, thành phố «{value}».", "{known}"),
        "en": ("The official list has no province '{value}'.", "{known}"),
    },
    "unit_not_the_offices": {
        "vi": (
            "Tệp ghi đơn vị cấp {level_label} «{value}», không phải «{unit}» (đơn vị của tệp "
            "cấu hình, khóa unit): vẫn cộng, dưới tên «{value}».",
            "tệp của các đơn vị thuộc «{unit}»",
        ),
        "en": (
            "The file names the {level_label} '{value}', not '{unit}' (the config's own unit, "
            "key unit): it is added, under '{value}'.",
            "the files of units under '{unit}'",
        ),
    },
    "unit_former_name": {
        "vi": (
            "Đơn vị cấp {level_label} «{value}» ghi theo tên trước ngày 1/7/2025 ({former}); "
            "nay là «{today}»: tính vào đơn vị này.",
            "tên đơn vị hiện nay",
        ),
        "en": (
            "The {level_label} '{value}' is named as before 1 July 2025 ({former}); it is now "
            "'{today}' and is counted as it.",
            "the unit's name today",
        ),
    },
    "unit_former_unclear": {
        "vi": (
            "Đơn vị cấp {level_label} «{value}» ghi theo tên trước ngày 1/7/2025 ({former}), "
            "nay thuộc nhiều đơn vị: {today}; không tự tính vào đơn vị nào.",
            "tên đơn vị hiện nay của nơi gửi báo cáo",
        ),
        "en": (
            "The {level_label} '{value}' is named as before 1 July 2025 ({former}), which is "
            "now part of several units: {today}; it is counted for none of them.",
            "the name today of the unit that sent the report",
        ),
    },
    "unit_not_expected": {
        "vi": (
            "Đơn vị cấp {level_label} «{value}» đã gửi báo cáo nhưng không có trong danh sách "
            "đơn vị.{closest}",
            "tên như trong danh sách đơn vị, hoặc thêm đơn vị mới vào danh sách",
        ),
        "en": (
            "The {level_label} '{value}' reported but is not on the list of units.{closest}",
            "the name as the list writes it, or the new unit added to the list",
        ),
    },
}
