"""Words shown to users, in Vietnamese (default) and English (`--lang en`).

Each problem code has a message and, where it applies, what was expected.
Templates take named values: {column}, {value} and the problem's params.
"""

from __future__ import annotations

import errno
from typing import Any, Literal

Lang = Literal["vi", "en"]

# code -> lang -> (message, expected or None)
MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
    "file_not_found": {
        "vi": ("Không tìm thấy tệp hoặc không có tệp nào khớp với «{path}».", None),
        "en": ("No file found at, or matching, '{path}'.", None),
    },
    "no_input": {
        "vi": ("Chưa chỉ ra tệp nào để đọc.", "ít nhất một tệp .xlsx, .xlsm, .xls, .ods hoặc .csv"),
        "en": ("No file to read was given.", "at least one .xlsx, .xlsm, .xls, .ods or .csv file"),
    },
    "unsupported_format": {
        "vi": ("Không đọc được loại tệp «{suffix}».", "tệp .xlsx, .xlsm, .xls, .ods hoặc .csv"),
        "en": (
            "Files of type '{suffix}' cannot be read.",
            "a .xlsx, .xlsm, .xls, .ods or .csv file",
        ),
    },
    "file_unreadable": {
        "vi": (
            "Không mở được tệp: tệp hỏng, có mật khẩu hoặc không phải bảng tính "
            "(chi tiết kỹ thuật: {reason}).",
            "một bảng tính còn nguyên vẹn, không đặt mật khẩu",
        ),
        "en": (
            "The file could not be opened: it is damaged, password-protected or not a "
            "spreadsheet (technical detail: {reason}).",
            "an intact spreadsheet without a password",
        ),
    },
    "file_reader_died": {
        "vi": (
            "Không đọc được tệp này: tiến trình đọc tệp dừng đột ngột giữa chừng (tệp có thể "
            "bị hỏng, hoặc cần nhiều bộ nhớ hơn máy đang có). Các tệp khác vẫn được đọc.",
            "một bảng tính còn nguyên vẹn: mở tệp bằng Excel rồi lưu lại, hoặc gửi lại tệp",
        ),
        "en": (
            "This file could not be read: the process reading it stopped abruptly (the file "
            "may be damaged, or need more memory than this computer has). The other files "
            "were read.",
            "an intact spreadsheet: open it in Excel and save it again, or ask for it again",
        ),
    },
    "file_no_permission": {
        "vi": ("Không có quyền đọc tệp này.", "quyền đọc tệp, hoặc chép tệp sang thư mục của mình"),
        "en": (
            "You have no permission to read this file.",
            "permission to read it, or a copy of it in a folder of your own",
        ),
    },
    "lock_file_skipped": {
        "vi": (
            "Đã bỏ qua tệp khóa mà Excel tạo ra khi một bảng tính đang mở; tệp này không có "
            "số liệu.",
            None,
        ),
        "en": (
            "Passed over the lock file Excel makes while a workbook is open; it holds no figures.",
            None,
        ),
    },
    "file_changed_while_read": {
        "vi": (
            "Tệp đã thay đổi trong lúc đang đọc (có lẽ vẫn đang được ghi hoặc chép vào): "
            "số liệu đã đọc có thể chưa đủ.",
            "đọc lại khi tệp đã ghi xong",
        ),
        "en": (
            "The file changed while it was being read (perhaps still being written or "
            "copied): the figures read may be incomplete.",
            "read it again once it is fully written",
        ),
    },
    "file_empty": {
        "vi": ("Tệp rỗng, không có gì để đọc.", "một bảng tính có số liệu"),
        "en": ("The file is empty.", "a spreadsheet with figures"),
    },
    "file_misnamed": {
        "vi": (
            "Tệp có đuôi «{suffix}» nhưng thực ra là tệp {actual}.",
            "đổi đuôi tệp thành {actual}, hoặc mở và lưu lại đúng loại trong Excel",
        ),
        "en": (
            "The file is named '{suffix}' but is really a {actual} file.",
            "rename it to {actual}, or open it and save it as the right type in Excel",
        ),
    },
    "control_characters": {
        "vi": (
            "Tên «{value}» có ký tự điều khiển (ESC, BEL ...) không hiển thị được; "
            "danvan bỏ các ký tự đó và đọc tên là «{name}».",
            "tên chỉ gồm chữ, số và dấu câu",
        ),
        "en": (
            "The name '{value}' holds control characters (ESC, BEL ...) that cannot be "
            "shown; danvan leaves them out and reads the name as '{name}'.",
            "a name of letters, digits and punctuation only",
        ),
    },
    "sheet_too_large": {
        "vi": (
            "Trang tính có ô chứa dữ liệu xa tới dòng {rows}, cột {column}: đọc nó phải dựng "
            "{cells} ô, quá giới hạn {limit} ô, nên trang này không được đọc.",
            "xoá các ô thừa nằm xa bảng số liệu (trong Excel, Ctrl+End chỉ ra ô cuối cùng); "
            "nếu bảng thật sự lớn như vậy, chạy lại với --max-cells {needed}",
        ),
        "en": (
            "The sheet has data as far as row {rows}, column {column}: reading it means laying "
            "out {cells} cells, more than the limit of {limit}, so it was not read.",
            "delete the stray cells far from the table (Ctrl+End in Excel goes to the last "
            "one); if the table really is that large, run again with --max-cells {needed}",
        ),
    },
    "archive_too_large": {
        "vi": (
            "Tệp giải nén ra {size} MB, quá giới hạn {limit} MB (có thể là «bom nén»), nên "
            "không được đọc.",
            "một bảng tính bình thường; nếu tệp thật sự lớn như vậy, chạy lại với "
            "--max-unzipped-mb {size}",
        ),
        "en": (
            "The file inflates to {size} MB, more than the limit of {limit} MB (it may be a "
            "zip bomb), so it was not read.",
            "an ordinary spreadsheet; if the file really is that large, run again with "
            "--max-unzipped-mb {size}",
        ),
    },
    "archive_ratio": {
        "vi": (
            "Phần «{member}» của tệp bị nén chặt gấp {ratio} lần ({packed} KB giải nén ra "
            "{size} MB), quá tỉ lệ {limit}:1 của một bảng tính bình thường (có thể là «bom "
            "nén»), nên tệp không được đọc.",
            "mở và lưu lại tệp trong Excel; nếu tệp đáng tin, chạy lại với --max-zip-ratio {ratio}",
        ),
        "en": (
            "The part '{member}' of the file is compressed {ratio} to 1 ({packed} KB inflating "
            "to {size} MB), more than the {limit} to 1 of an ordinary spreadsheet (it may be a "
            "zip bomb), so the file was not read.",
            "open the file and save it again in Excel; if the file is trusted, run again with "
            "--max-zip-ratio {ratio}",
        ),
    },
    "level_not_present": {
        "vi": ("Dữ liệu không có cấp {level_label} nên không có bảng cấp này.", None),
        "en": ("The data has no {level_label} level, so there is no table for it.", None),
    },
    "no_data": {
        "vi": (
            "Không đọc được dòng số liệu nào trong các tệp đã cho.",
            "ít nhất một bảng có số liệu",
        ),
        "en": ("No data rows were found in the files given.", "at least one table with figures"),
    },
    "csv_encoding": {
        "vi": (
            "Tệp CSV không ở mã UTF-8 nên không đọc được.",
            "lưu lại bằng «CSV UTF-8» trong Excel",
        ),
        "en": ("The CSV file is not UTF-8 encoded.", "save it as 'CSV UTF-8' in Excel"),
    },
    "csv_code_page": {
        "vi": (
            "Tệp CSV không ở mã UTF-8 mà ở mã {encoding} (Excel lưu «CSV (Comma delimited)» "
            "như vậy); đã đọc theo mã này.",
            "lưu bằng «CSV UTF-8» để chắc chắn",
        ),
        "en": (
            "The CSV file is in {encoding}, not UTF-8 (as Excel saves 'CSV (Comma "
            "delimited)'); it was read as such.",
            "save it as 'CSV UTF-8' to be sure",
        ),
    },
    "sheet_not_found": {
        "vi": ("Không có trang tính «{wanted}» (các trang có: {available}).", None),
        "en": ("There is no sheet '{wanted}' (sheets: {available}).", None),
    },
    "sheet_hidden": {
        "vi": ("Trang tính bị ẩn nên được bỏ qua.", None),
        "en": ("The sheet is hidden, so it was passed over.", None),
    },
    "no_table": {
        "vi": (
            "Không tìm thấy bảng số liệu trong trang này nên bỏ qua.",
            "một dòng tiêu đề có tên đơn vị và các cột số liệu",
        ),
        "en": (
            "No table of figures was found on this sheet, so it was passed over.",
            "a header row with unit names and figure columns",
        ),
    },
    "people_list": {
        "vi": (
            "Trang này là danh sách người (họ tên, ngày sinh, điện thoại, số định danh...), "
            "không phải bảng số liệu, nên không đọc. Nội dung là thông tin cá nhân nên không "
            "được nhắc lại ở đây.",
            "bảng số liệu theo đơn vị (số chi hội, số hội viên...)",
        ),
        "en": (
            "This sheet is a list of people (names, birth dates, phones, ID numbers...), not "
            "a table of figures, so it was not read. Its contents are personal data and are "
            "not repeated here.",
            "a table of figures per unit (branches, members...)",
        ),
    },
    "models_table_here": {
        "vi": (
            "Trang này là bảng mô hình (tên mô hình, lĩnh vực, kết quả...), không phải bảng "
            "chi hội, hội viên như các bảng đang cộng, nên chưa đọc.",
            "đọc riêng bảng này: danvan summarize ... --kind models (và --sheet nếu cần)",
        ),
        "en": (
            "This sheet holds a models table (model names, fields, statuses...), not a "
            "membership table like those being summed, so it was not read.",
            "that table read on its own: danvan summarize ... --kind models (and --sheet)",
        ),
    },
    "membership_table_not_template": {
        "vi": (
            "Trang này là bảng chi hội, đoàn viên, hội viên, không phải bảng theo mẫu báo cáo "
            "đang đọc, nên chưa đọc.",
            "đọc riêng bảng này, không có --template: danvan summarize ... (và --sheet nếu cần)",
        ),
        "en": (
            "This sheet holds a membership table, not a table of the template being read, so "
            "it was not read.",
            "that table read on its own, without --template: danvan summarize ... (and --sheet)",
        ),
    },
    "models_table_not_template": {
        "vi": (
            "Trang này là bảng mô hình (tên mô hình, lĩnh vực, kết quả...), không phải bảng "
            "theo mẫu báo cáo đang đọc, nên chưa đọc.",
            "đọc riêng bảng này, không có --template: danvan summarize ... --kind models",
        ),
        "en": (
            "This sheet holds a models table (model names, fields, statuses...), not a table "
            "of the template being read, so it was not read.",
            "that table read on its own, without --template: danvan summarize ... --kind models",
        ),
    },
    "membership_table_here": {
        "vi": (
            "Trang này là bảng chi hội, đoàn viên, hội viên, không phải bảng mô hình như các "
            "bảng đang cộng, nên chưa đọc.",
            "đọc riêng bảng này: danvan summarize ... --kind membership (và --sheet nếu cần)",
        ),
        "en": (
            "This sheet holds a membership table, not a models table like those being "
            "summed, so it was not read.",
            "that table read on its own: danvan summarize ... --kind membership (and --sheet)",
        ),
    },
    "no_data_rows": {
        "vi": ("Bảng có tiêu đề nhưng không có dòng số liệu nào.", None),
        "en": ("The table has a header but no data rows.", None),
    },
    "no_unit_column": {
        "vi": (
            "Bảng không có cột tên đơn vị (tỉnh, huyện, xã hoặc thôn).",
            "một cột như «Xã/Phường», «Thôn/Ấp»",
        ),
        "en": (
            "The table has no unit-name column (province, district, commune or village).",
            "a column such as 'Commune' or 'Village'",
        ),
    },
    "column_not_used": {
        "vi": (
            "Cột «{column}» (cột {letter}) có {figures} số liệu nhưng không khớp với trường số "
            "liệu nào nên không được dùng.",
            "một tiêu đề danvan hiểu (xem README), hoặc bỏ cột này",
        ),
        "en": (
            "Column '{column}' (column {letter}) holds {figures} figures but matches no known "
            "field, so they were not used.",
            "a header danvan understands (see the README), or the column removed",
        ),
    },
    "pages_side_by_side": {
        "vi": (
            "Bảng in thành nhiều trang cạnh nhau (cột STT, tên đơn vị lặp lại ở cột {value}): "
            "mỗi dòng được đọc là một đơn vị, các trang ghép lại thành một dòng.",
            None,
        ),
        "en": (
            "The table is printed as pages side by side (the STT and unit columns repeat at "
            "column {value}): each row is read as one unit, its pages joined into one row.",
            None,
        ),
    },
    "page_names_other_unit": {
        "vi": (
            "Ở trang sau, cột «{column}» ghi «{value}», nhưng cột «{first_column}» của cùng "
            "dòng ghi «{unit}»: các trang không cùng thứ tự đơn vị.",
            "mỗi dòng cùng một đơn vị ở mọi trang",
        ),
        "en": (
            "On a later page, column '{column}' names '{value}', but column '{first_column}' "
            "of the same row names '{unit}': the pages list units in different orders.",
            "the same unit on every page of a row",
        ),
    },
    "header_unmapped": {
        "vi": (
            "Cột «{column}» (cột {letter}) không khớp với trường số liệu nào nên không được dùng.",
            None,
        ),
        "en": (
            "Column '{column}' (column {letter}) matches no known field, so it was not used.",
            None,
        ),
    },
    "column_without_header": {
        "vi": (
            "Cột {column} có {figures} số liệu nhưng dòng tiêu đề không ghi tên cột này, nên "
            "không được đọc.",
            "một tiêu đề cho cột này (ví dụ «Số hội viên»), hoặc xoá số liệu ở cột",
        ),
        "en": (
            "Column {column} holds {figures} figures but the header row gives it no name, so "
            "it was not read.",
            "a header for the column (such as «Số hội viên»), or its figures deleted",
        ),
    },
    "header_ratio_ignored": {
        "vi": (
            "Cột tỷ lệ «{column}» (cột {letter}, {figures} số liệu) không được cộng; tỷ lệ được "
            "tính lại từ các tổng.",
            None,
        ),
        "en": (
            "Ratio column '{column}' (column {letter}, {figures} figures) is not added up; "
            "ratios are recomputed from the sums.",
            None,
        ),
    },
    "header_duplicate": {
        "vi": (
            "Cột «{column}» và cột «{other_column}» cùng là «{field_label}».",
            "mỗi trường số liệu chỉ một cột",
        ),
        "en": (
            "Columns '{column}' and '{other_column}' both mean '{field_label}'.",
            "one column per field",
        ),
    },
    "organization_group_unknown": {
        "vi": (
            "Nhóm cột «{column}» (cột {letters}) không ghi tên một đoàn thể đã biết (gần nhất: "
            "{organization}), nên số liệu trong nhóm không được cộng.",
            "tên một đoàn thể: {accepted}",
        ),
        "en": (
            "Column group '{column}' (columns {letters}) names no known organisation (closest: "
            "{organization}), so its figures were not summed.",
            "an organisation's name: {accepted}",
        ),
    },
    "row_written_twice": {
        "vi": (
            "Dòng này được ghi {count} lần trong tệp; khi đọc chỉ còn lần ghi sau cùng, "
            "số liệu của các lần ghi trước bị mất.",
            "mỗi dòng ghi một lần: mở tệp bằng Excel, xem lại dòng này rồi lưu lại",
        ),
        "en": (
            "This row is written {count} times in the file; reading keeps only the last, "
            "and the figures written before it are lost.",
            "each row written once: open the file in Excel, check this row and save it again",
        ),
    },
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
    "unit_not_found": {
        "vi": (
            "Không biết các dòng của bảng này thuộc {levels} nào: bảng không có cột {levels}, "
            "tiêu đề cũng không ghi tên (các tệp khác có); không cộng chung được.",
            "cột {levels}, hoặc tên đơn vị trong tiêu đề (như «ỦY BAN MTTQ XÃ TÂN AN»)",
        ),
        "en": (
            "Which {levels} this table's rows belong to is not known: it has no {levels} "
            "column and its title names none (other files do); they cannot be added up together.",
            "a {levels} column, or the unit named in the title (such as 'ỦY BAN MTTQ XÃ TÂN AN')",
        ),
    },
    "missing_unit_name": {
        "vi": ("Thiếu tên đơn vị ở cột «{column}».", "tên {level_label}"),
        "en": ("The unit name in column '{column}' is missing.", "the name of the {level_label}"),
    },
    "missing_organization": {
        "vi": ("Thiếu tên đoàn thể ở cột «{column}».", "tên đoàn thể, ví dụ {accepted}"),
        "en": ("The organisation in column '{column}' is missing.", "an organisation: {accepted}"),
    },
    "unknown_organization": {
        "vi": ("Không nhận ra đoàn thể «{value}».", "một trong: {accepted}"),
        "en": ("Organisation '{value}' is not recognised.", "one of: {accepted}"),
    },
    "missing_category_value": {
        "vi": ("Ô «{column}» để trống.", "một trong: {accepted}"),
        "en": ("The cell in column '{column}' is blank.", "one of: {accepted}"),
    },
    "unknown_category_value": {
        "vi": ("Không nhận ra «{value}» ở cột «{column}».", "một trong: {accepted}"),
        "en": ("'{value}' in column '{column}' is not recognised.", "one of: {accepted}"),
    },
    "duplicate_unit": {
        "vi": (
            "{unit} ({organization}) đã có ở {other_place}; cùng đơn vị và đoàn thể hai lần.",
            "mỗi đơn vị, mỗi đoàn thể một dòng",
        ),
        "en": (
            "{unit} ({organization}) is also at {other_place}: the same unit and "
            "organisation twice.",
            "one row per unit and organisation",
        ),
    },
    "duplicate_unit_value": {
        "vi": (
            "{unit} ({organization}) đã có ở {other_place}; cùng đơn vị, cùng phân loại hai lần.",
            "mỗi đơn vị, mỗi giá trị phân loại một dòng",
        ),
        "en": (
            "{unit} ({organization}) is also at {other_place}: the same unit and category "
            "value twice.",
            "one row per unit and category value",
        ),
    },
    "household_pair_missing": {
        "vi": (
            "{unit} có «{other_column}» nhưng bỏ trống «{column}»: số hộ của thôn này không "
            "được tính vào tỷ lệ hộ có ĐV, HV.",
            "cả hai số hộ cho mỗi thôn",
        ),
        "en": (
            "{unit} gives '{other_column}' but leaves '{column}' blank: its households are "
            "left out of the household coverage.",
            "both household figures for each village",
        ),
    },
    "households_conflict": {
        "vi": (
            "{unit} có «{column}» là {value} ở đây nhưng là {other_value} ở {other_place}.",
            "cùng một số hộ cho mọi dòng của một thôn",
        ),
        "en": (
            "{unit} has '{column}' {value} here but {other_value} at {other_place}.",
            "the same household figure on every row of a village",
        ),
    },
    "once_per_unit_conflict": {
        "vi": (
            "{unit} có «{column}» là {value} ở đây nhưng là {other_value} ở {other_place}.",
            "cùng một số ở mọi dòng của một đơn vị",
        ),
        "en": (
            "{unit} has '{column}' {value} here but {other_value} at {other_place}.",
            "the same figure on every row of a unit",
        ),
    },
    "subtotal_rows": {
        "vi": (
            "Dòng cộng (tổng của các dòng dưới/trên nó), dùng để đối chiếu, không cộng thêm: "
            "dòng {value}.",
            None,
        ),
        "en": (
            "Subtotal rows, used as checks and not added again: row(s) {value}.",
            None,
        ),
    },
    "figures_below_table": {
        "vi": (
            "Dòng này nằm dưới phần chữ ký/ghi chú nên không được đọc, nhưng có số liệu.",
            "đưa dòng này lên trong bảng, hoặc xoá nó",
        ),
        "en": (
            "This row is below the signature block or notes, so it is not read, but it holds "
            "figures.",
            "move the row into the table, or delete it",
        ),
    },
    "figures_above_table": {
        "vi": (
            "Dòng này nằm trên dòng tiêu đề của bảng nên không được đọc, nhưng có số liệu "
            "(có thể là một bảng khác trên cùng trang).",
            "mỗi bảng một trang riêng, hoặc xoá dòng này",
        ),
        "en": (
            "This row is above the table's header, so it is not read, but it holds figures "
            "(another table on the same sheet?).",
            "each table on a sheet of its own, or the row deleted",
        ),
    },
    "formula_without_value": {
        "vi": (
            "Ô ở cột «{column}» là công thức chưa có kết quả được lưu, nên không đọc được số.",
            "mở tệp bằng Excel rồi lưu lại (Excel sẽ tính và lưu kết quả)",
        ),
        "en": (
            "The cell in column '{column}' is a formula saved without its computed value.",
            "open the file in Excel and save it again (Excel stores the values)",
        ),
    },
    "legacy_text": {
        "vi": (
            "Tiêu đề «{column}» được gõ bằng bảng mã {encoding}; đã chuyển sang Unicode.",
            "chữ Unicode",
        ),
        "en": (
            "Header '{column}' was typed in the {encoding} encoding and converted to Unicode.",
            "Unicode text",
        ),
    },
    "legacy_text_rows": {
        "vi": (
            "Chữ ở cột «{column}», các dòng {rows}, được gõ bằng bảng mã {encoding}; "
            "đã chuyển sang Unicode.",
            "chữ Unicode",
        ),
        "en": (
            "Text in column '{column}', rows {rows}, was typed in the {encoding} encoding and "
            "converted to Unicode.",
            "Unicode text",
        ),
    },
    "row_total_mismatch": {
        "vi": (
            "Cột tổng «{column}» ghi {value}, nhưng cộng các đoàn thể ở dòng này được {computed}.",
            "{computed}",
        ),
        "en": (
            "Total column '{column}' gives {value}, but the organisations on this row add up "
            "to {computed}.",
            "{computed}",
        ),
    },
    "subtotal_rows_unchecked": {
        "vi": ("Dòng cộng, không cộng thêm (chưa đối chiếu): dòng {value}.", None),
        "en": ("Subtotal rows, not added again (not checked): row(s) {value}.", None),
    },
    "signature_block": {
        "vi": ("Từ dòng này trở xuống là phần chữ ký, không phải số liệu.", None),
        "en": ("From this row down is the signature block, not data.", None),
    },
    "subtotal_formulas": {
        "vi": (
            "Các ô tổng (dòng cộng, nhóm cột «Tổng số») ở dòng {value} là công thức chưa có "
            "kết quả được lưu: không cộng thêm vào số liệu, nhưng không đối chiếu được.",
            "mở tệp bằng Excel rồi lưu lại để đối chiếu các ô tổng",
        ),
        "en": (
            "The totals (subtotal rows, a 'Tổng số' group) on row(s) {value} are formulas "
            "saved without their values: they are never added, but cannot be checked.",
            "open the file in Excel and save it again to have the totals checked",
        ),
    },
    "subtotal_not_checked": {
        "vi": (
            "Không đối chiếu dòng cộng {value}: dòng {rows} trong phạm vi cộng có số không "
            "đọc được (xem lỗi ở dòng đó).",
            None,
        ),
        "en": (
            "Subtotal row(s) {value} not checked: row(s) {rows} they cover hold a figure that "
            "cannot be read (see the error there).",
            None,
        ),
    },
    "subtotal_mismatch": {
        "vi": (
            "Dòng cộng ghi «{column}» là {value}, nhưng cộng các dòng {rows} được {computed}.",
            "{computed}",
        ),
        "en": (
            "The subtotal row gives '{column}' {value}, but rows {rows} add up to {computed}.",
            "{computed}",
        ),
    },
    "own_output": {
        "vi": (
            "Tệp do danvan ghi ra: cộng các dòng từng đoàn thể ở cấp {level_label}; các dòng "
            "«Tất cả», các cấp trên, dòng và trang tổng cộng dùng để đối chiếu, không cộng "
            "thêm; các cột tỷ lệ được tính lại từ các tổng.",
            None,
        ),
        "en": (
            "A file danvan wrote: the rows of each organisation at {level_label} level are "
            "added up; the 'All' rows, the higher levels, the total rows and the totals sheet "
            "are checks, not added again; ratio columns are recomputed from the sums.",
            None,
        ),
    },
    "own_output_problems": {
        "vi": (
            "Trang này liệt kê {value} vấn đề danvan đã báo khi tổng hợp tệp; không đọc lại.",
            None,
        ),
        "en": (
            "This sheet lists {value} problems danvan reported when it made the file; not "
            "read again.",
            None,
        ),
    },
    "own_output_unknown_unit": {
        "vi": (
            "Dòng này ghi số liệu của «{value}», nhưng cấp thấp nhất của tệp không có đơn vị "
            "này, nên không đối chiếu được.",
            "đơn vị có trong trang cấp thấp nhất của tệp",
        ),
        "en": (
            "This row gives the figures of '{value}', but the file's lowest level has no such "
            "unit, so they cannot be checked.",
            "a unit listed at the file's lowest level",
        ),
    },
    "row_skipped": {
        "vi": ("Dòng có lỗi nên bị bỏ ra khỏi tổng (--skip-invalid).", None),
        "en": ("The row has errors, so it was left out of the sums (--skip-invalid).", None),
    },
    # Community models (kind `models`)
    "unknown_model_value": {
        "vi": ("Không nhận ra «{value}» ở cột «{column}».", "một trong: {accepted}"),
        "en": ("'{value}' in column '{column}' is not recognised.", "one of: {accepted}"),
    },
    "missing_model_value": {
        "vi": ("Thiếu giá trị ở cột «{column}».", "một trong: {accepted}"),
        "en": ("Column '{column}' is blank.", "one of: {accepted}"),
    },
    "missing_model_name": {
        "vi": ("Thiếu tên mô hình ở cột «{column}».", "tên mô hình"),
        "en": ("The model's name in column '{column}' is missing.", "the name of the model"),
    },
    "model_status_order": {
        "vi": (
            "Mô hình «{model}» ({unit}) có «{status_label}» nhưng không có «{limit_status_label}».",
            "chỉ mô hình đã «{limit_status_label}» mới được «{status_label}»",
        ),
        "en": (
            "Model '{model}' ({unit}) is '{status_label}' but not '{limit_status_label}'.",
            "only a model that is '{limit_status_label}' can be '{status_label}'",
        ),
    },
    "status_exceeds": {
        "vi": (
            "{unit} ({category_label}): «{status_label}» là {value}, nhiều hơn "
            "«{limit_status_label}» là {limit_value}.",
            "số «{status_label}» ≤ số «{limit_status_label}», theo từng đơn vị và loại",
        ),
        "en": (
            "{unit} ({category_label}): '{status_label}' is {value}, more than "
            "'{limit_status_label}' ({limit_value}).",
            "'{status_label}' <= '{limit_status_label}' for each unit and category",
        ),
    },
    "duplicate_model": {
        "vi": (
            "Mô hình «{value}» của {unit} đã có ở {other_place}: một mô hình ghi hai lần.",
            "mỗi mô hình một dòng",
        ),
        "en": (
            "Model '{value}' of {unit} is also at {other_place}: the same model twice.",
            "one row per model",
        ),
    },
    "duplicate_model_count": {
        "vi": (
            "{unit} ({category_label}) đã có ở {other_place}: cùng đơn vị và loại hai lần.",
            "mỗi đơn vị, mỗi loại mô hình một dòng",
        ),
        "en": (
            "{unit} ({category_label}) is also at {other_place}: the same unit and category twice.",
            "one row per unit and category",
        ),
    },
    "count_total_mismatch": {
        "vi": (
            "«{column}» ghi {value} nhưng các cột loại mô hình cộng lại là {sum}.",
            "«{column}» bằng tổng các cột",
        ),
        "en": (
            "'{column}' says {value} but the category columns add up to {sum}.",
            "'{column}' equal to the sum of the columns",
        ),
    },
    "program_not_given": {
        "vi": (
            "Không rõ bảng là mô hình tự quản hay «Dân vận khéo»; không cộng theo chương trình.",
            "một cột «Chương trình», hoặc tên bảng có «tự quản» hoặc «Dân vận khéo»",
        ),
        "en": (
            "Whether the table holds self-managed or 'Dân vận khéo' models is not said; "
            "no roll-up by programme.",
            "a 'Programme' column, or a title naming 'tự quản' or 'Dân vận khéo'",
        ),
    },
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
    # A template file (danvan template check): `row` is the line of the file.
    "template_not_found": {
        "vi": (
            "Không có tệp mẫu này.",
            "tên một tệp .toml có thật; tạo tệp mẫu bằng «danvan template init TỆP»",
        ),
        "en": (
            "There is no such template file.",
            "the name of an existing .toml file; make one with 'danvan template init FILE'",
        ),
    },
    "template_not_utf8": {
        "vi": (
            "Tệp mẫu không ở mã UTF-8.",
            "lưu lại tệp với mã UTF-8 (Notepad: «Lưu thành», Mã hóa: UTF-8)",
        ),
        "en": (
            "The template file is not UTF-8 encoded.",
            "save it as UTF-8 (Notepad: 'Save as', Encoding: UTF-8)",
        ),
    },
    "template_is_spreadsheet": {
        "vi": (
            "Tệp này là một bảng tính, không phải tệp mẫu báo cáo (.toml).",
            "sau --template (hoặc template check) là tệp mẫu .toml, tạo bằng «danvan template "
            "init»; các bảng tính cần đọc ghi ở cuối lệnh",
        ),
        "en": (
            "This file is a spreadsheet, not a report template (.toml).",
            "after --template (or template check) a .toml template, made with 'danvan "
            "template init'; the spreadsheets to read go at the end of the command",
        ),
    },
    "template_unreadable": {
        "vi": ("Không đọc được tệp mẫu: {reason_vi}.", None),
        "en": ("The template file could not be read: {reason_en}.", None),
    },
    "template_syntax": {
        "vi": (
            "Dòng này viết sai cú pháp TOML (chi tiết kỹ thuật: {detail}{place}).",
            'mỗi dòng một «khóa = giá trị»; chữ trong ngoặc kép "..."; danh sách trong [ ]; '
            "bảng mới bằng tên của nó trong [ ] hoặc [[ ]] (như [outputs], [[figures]]); "
            "ghi chú sau dấu #",
        ),
        "en": (
            "This line is not valid TOML (technical detail: {detail}{place}).",
            'one "key = value" a line; text in double quotes "..."; lists in [ ]; a new '
            "table with its name in [ ] or [[ ]] (as [outputs], [[figures]]); comments after #",
        ),
    },
    "template_unclosed": {
        "vi": (
            "Dấu «{opening}» mở ở dòng này chưa được đóng.",
            "thêm «{closing}» ở cuối giá trị, trước dòng khóa tiếp theo",
        ),
        "en": (
            "The '{opening}' opened on this line is never closed.",
            "a '{closing}' at the end of the value, before the next key's line",
        ),
    },
    "template_key_twice": {
        "vi": (
            "Khóa «{key}» viết hai lần trong cùng một bảng{earlier}.",
            "mỗi khóa một lần trong một bảng: giữ một dòng «{key} = ...», xóa dòng kia",
        ),
        "en": (
            "The key '{key}' is written twice in one table{earlier}.",
            "each key once in a table: keep one '{key} = ...' line, remove the other",
        ),
    },
    "template_table_twice": {
        "vi": (
            "Bảng [{key}] viết hai lần (lần trước ở dòng {other_line}).",
            "mỗi bảng [{key}] một lần; nhiều bảng cùng loại thì viết [[{key}]]",
        ),
        "en": (
            "The table [{key}] is written twice (first on line {other_line}).",
            "each [{key}] table once; several of a kind are written [[{key}]]",
        ),
    },
    "template_table_not_array": {
        "vi": (
            "Dòng này mở «[{key}]» (một bảng duy nhất), nhưng dòng {other_line} mở «[[{key}]]» "
            "(một bảng trong danh sách).",
            "hai dấu ngoặc [[{key}]] ở đầu mỗi bảng {key}",
        ),
        "en": (
            "This line opens '[{key}]' (a single table), but line {other_line} opens "
            "'[[{key}]]' (one table of a list).",
            "double brackets [[{key}]] at the head of each {key} table",
        ),
    },
    "template_unknown_key": {
        "vi": ("Khóa «{key}» không có trong mẫu.", "một trong: {known}"),
        "en": ("There is no key '{key}' in a template.", "one of: {known}"),
    },
    "template_misspelt_key": {
        "vi": ("Khóa «{key}» không có trong mẫu; có phải là «{closest}»?", "«{closest}»"),
        "en": ("There is no key '{key}' in a template; did you mean '{closest}'?", "'{closest}'"),
    },
    "template_missing_key": {
        "vi": ("Thiếu khóa «{key}».", "một dòng {key} = ... (xem tệp do danvan template init tạo)"),
        "en": (
            "The key '{key}' is missing.",
            "a line {key} = ... (see the file danvan template init writes)",
        ),
    },
    "template_missing_tables": {
        "vi": (
            "Chưa khai báo bảng [[{table}]] nào.",
            "ít nhất một bảng [[{table}]] (xem tệp do danvan template init tạo)",
        ),
        "en": (
            "No [[{table}]] table is declared.",
            "at least one [[{table}]] table (see the file danvan template init writes)",
        ),
    },
    "template_bad_choice": {
        "vi": ("«{key}» = {value} không phải một giá trị dùng được.", "một trong: {choices}"),
        "en": ("'{key}' = {value} is not one of its values.", "one of: {choices}"),
    },
    "template_bad_over_time": {
        "vi": (
            "«over_time» = {value}: một chỉ tiêu hoặc là số phát sinh trong kỳ (flow: cộng các "
            "tháng), hoặc là số tại một thời điểm (stock: lấy số cuối kỳ), không thể cả hai.",
            'over_time = "flow" hoặc over_time = "stock"',
        ),
        "en": (
            "'over_time' = {value}: a figure counts either what happened in the period (flow: "
            "months are summed) or a moment (stock: the last value is taken), never both.",
            'over_time = "flow" or over_time = "stock"',
        ),
    },
    "template_empty": {
        "vi": ("«{key}» không được để trống.", "ít nhất một giá trị"),
        "en": ("'{key}' must not be empty.", "at least one value"),
    },
    "template_not_finite": {
        "vi": (
            "«{key}» là một số quá lớn hoặc không phải số hữu hạn (đọc được {value}).",
            "một số thường, vd: {key} = 0",
        ),
        "en": (
            "'{key}' is a number too large or not finite (read as {value}).",
            "an ordinary number, e.g. {key} = 0",
        ),
    },
    "template_levels_order": {
        "vi": (
            "«levels» phải đi từ cấp lớn đến cấp nhỏ, mỗi cấp một lần.",
            "levels theo thứ tự: {order}",
        ),
        "en": (
            "'levels' must go from the largest unit to the smallest, each once.",
            "levels in this order: {order}",
        ),
    },
    "template_wrong_type": {
        "vi": ("«{key}» = {value} không đúng kiểu.", "{wanted_vi}"),
        "en": ("'{key}' = {value} is of the wrong type.", "{wanted_en}"),
    },
    "template_wrong_value": {
        "vi": ("«{key}» = {value} không dùng được (chi tiết kỹ thuật: {reason}).", None),
        "en": ("'{key}' = {value} cannot be used (technical detail: {reason}).", None),
    },
    "template_bad_side": {
        "vi": (
            "«{key}» = {value} không phải một tổng các mã chỉ tiêu và số.",
            'các mã chỉ tiêu nối bằng + và -, vd: "hoi_vien_nu" hoặc "ket_nap - giam"',
        ),
        "en": (
            "'{key}' = {value} is not a sum of figure codes and numbers.",
            'figure codes joined by + and -, e.g. "hoi_vien_nu" or "ket_nap - giam"',
        ),
    },
    "template_bad_pattern": {
        "vi": (
            "Biểu thức chính quy «{pattern}» trong «patterns» viết sai ở ký tự thứ "
            "{position}{reason}.",
            "ngoặc ( ) và [ ] đủ cặp; muốn tìm chính dấu ( [ . * + ? thì viết \\( \\[ \\. ... "
            "trong ngoặc đơn '...'",
        ),
        "en": (
            "The regular expression '{pattern}' in 'patterns' is wrong at character "
            "{position}{reason}.",
            "( ) and [ ] in pairs; to find ( [ . * + ? themselves write \\( \\[ \\. ... "
            "in single quotes '...'",
        ),
    },
    "template_ratio_carried": {
        "vi": (
            "Tỷ lệ không khai «{key}»: tỷ lệ luôn được tính lại từ tổng tử số và tổng mẫu số ở "
            "mỗi cấp và mỗi kỳ, không tự cộng dồn (flow), không lấy số cuối kỳ (stock).",
            "bỏ dòng này; cách cộng theo thời gian và theo đơn vị khai ở chỉ tiêu tử số và mẫu số",
        ),
        "en": (
            "A ratio takes no '{key}': it is always recomputed from the summed numerator and "
            "denominator at every level and period, never summed (flow) or carried (stock).",
            "remove this line; how figures are carried over time and units is declared on "
            "the numerator and denominator figures",
        ),
    },
    "template_ratio_mixed": {
        "vi": (
            "Tỷ lệ «{ratio}» chia «{numerator}» ({over}) cho «{denominator}» ({under}): cả "
            "quý thì tử số là tổng 3 tháng còn mẫu số là số tháng cuối, tỷ lệ % có thể quá 100%.",
            "tử số và mẫu số cùng là flow hoặc cùng là stock; nếu đúng là muốn chia như vậy, "
            "ghi percent = false",
        ),
        "en": (
            "The ratio '{ratio}' divides '{numerator}' ({over}) by '{denominator}' ({under}): "
            "over a quarter the numerator sums 3 months and the denominator is the last "
            "month's, so a percent may pass 100%.",
            "numerator and denominator both flows or both stocks; if that division is "
            "meant, percent = false",
        ),
    },
    "template_code_not_identifier": {
        "vi": (
            "Mã «{code}» phải viết chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu "
            "bằng chữ.",
            "vd: nha_dai_doan_ket",
        ),
        "en": (
            "The code '{code}' must be lower-case letters without marks, digits and "
            "underscores, starting with a letter.",
            "e.g. nha_dai_doan_ket",
        ),
    },
    "template_code_twice": {
        "vi": ("Mã «{code}» đã khai báo ở dòng {other_line}.", "mỗi mã chỉ khai báo một lần"),
        "en": ("The code '{code}' is already declared on line {other_line}.", "each code once"),
    },
    "template_value_twice": {
        "vi": ("Giá trị «{code}» đã khai báo ở dòng {other_line}.", "mỗi giá trị một lần"),
        "en": ("The value '{code}' is already declared on line {other_line}.", "each value once"),
    },
    "template_unknown_figure": {
        "vi": ("«{key}» nhắc tới chỉ tiêu «{name}» chưa khai báo.", "một mã chỉ tiêu: {known}"),
        "en": ("'{key}' names a figure '{name}' not declared.", "a figure's code: {known}"),
    },
    "template_unknown_category": {
        "vi": (
            "«split_by» nhắc tới phân loại «{name}» chưa khai báo.",
            "một mã trong [[categories]]: {known}",
        ),
        "en": (
            "'split_by' names a category '{name}' not declared.",
            "a code of [[categories]]: {known}",
        ),
    },
    "template_no_categories": {
        "vi": (
            "«split_by» nhắc tới phân loại «{name}» nhưng mẫu chưa khai báo [[categories]] nào.",
            'một bảng [[categories]] có code = "{name}", hoặc bỏ dòng split_by',
        ),
        "en": (
            "'split_by' names a category '{name}' but the template declares no [[categories]].",
            'a [[categories]] table with code = "{name}", or no split_by line',
        ),
    },
    "template_rule_without_figure": {
        "vi": (
            "Quy tắc không nhắc tới chỉ tiêu nào ở cả hai vế: nó không kiểm tra số liệu nào.",
            "ít nhất một mã chỉ tiêu ở left hoặc right",
        ),
        "en": (
            "The rule names no figure on either side: it checks nothing the tables give.",
            "at least one figure code in left or right",
        ),
    },
    "template_split_twice": {
        "vi": (
            "«split_by» chia theo «{name}» ngoài «{first}»: danvan chỉ chia số liệu theo một"
            " phân loại, chung cho mọi chỉ tiêu.",
            "một phân loại trong split_by, chung cho mọi chỉ tiêu",
        ),
        "en": (
            "'split_by' splits by '{name}' besides '{first}': danvan splits figures by one"
            " category only, the same for every figure.",
            "one category in split_by, the same for every figure",
        ),
    },
    "template_figure_unnamed": {
        "vi": (
            "Chỉ tiêu «{code}» không có tiêu đề cột nào (headers trống, không có patterns) "
            "nên không bao giờ đọc được.",
            'tiêu đề cột như bảng ghi, vd: headers = ["Số hội viên"]',
        ),
        "en": (
            "The figure '{code}' names no column header (headers empty, no patterns), so it "
            "is never read.",
            'its column header as the table writes it, e.g. headers = ["Số hội viên"]',
        ),
    },
    "template_wording_twice": {
        "vi": (
            "Tiêu đề «{phrase}» đã dùng để gọi «{name}» (dòng {other_line}).",
            "mỗi tiêu đề chỉ gọi tên một chỉ tiêu hoặc một giá trị",
        ),
        "en": (
            "The header '{phrase}' already names '{name}' (line {other_line}).",
            "each header naming one figure or value",
        ),
    },
}

# A declared rule's words (engine/rules.py): what a pair or `needs` asks (a comparison
# shows its sign: «A» ≤ «B»), a side not given, the unit whose sums broke it.
RULE_RELATIONS: dict[str, dict[str, str]] = {
    "compulsory_pair": {
        "vi": "{left_expr} và {right_expr} cùng có số liệu hoặc cùng để trống",
        "en": "{left_expr} and {right_expr} both given or both blank",
    },
    "exclusive_pair": {
        "vi": "không có số liệu ở cả {left_expr} lẫn {right_expr}",
        "en": "not both {left_expr} and {right_expr} given",
    },
    "needs": {
        "vi": "{right_expr} > 0 khi {left_expr} > 0",
        "en": "{right_expr} > 0 where {left_expr} > 0",
    },
}
RULE_WORDS: dict[str, dict[str, str]] = {
    "blank": {"vi": "trống", "en": "blank"},
    "unit": {"vi": " (tổng của {unit})", "en": " (sums of {unit})"},
}

LEVEL_LABELS: dict[str, dict[str, str]] = {
    "province": {"vi": "tỉnh", "en": "province"},
    "district": {"vi": "huyện", "en": "district"},
    "commune": {"vi": "xã", "en": "commune"},
    "village": {"vi": "thôn", "en": "village"},
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "province": {"vi": "Tỉnh", "en": "Province"},
    "district": {"vi": "Huyện", "en": "District"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "village": {"vi": "Thôn", "en": "Village"},
    "organization": {"vi": "Đoàn thể", "en": "Organisation"},
    "unit": {"vi": "Đơn vị, các cấp theo STT hoặc tên", "en": "Unit, levels by STT or name"},
    "branches": {"vi": "Số chi hội", "en": "Branches"},
    "members": {"vi": "Số ĐV, HV", "en": "Members"},
    "members_attending": {"vi": "ĐV, HV sinh hoạt", "en": "Attending"},
    "households": {"vi": "Tổng số hộ", "en": "Households"},
    "households_with_members": {"vi": "Hộ có ĐV, HV", "en": "Households with members"},
    "rating_strong": {"vi": "Vững mạnh", "en": "Strong"},
    "rating_good": {"vi": "Khá", "en": "Good"},
    "rating_average": {"vi": "Trung bình", "en": "Average"},
    "rating_weak": {"vi": "Yếu", "en": "Weak"},
    "household_coverage": {"vi": "Tỷ lệ hộ có ĐV, HV", "en": "Household coverage"},
    "attendance_rate": {"vi": "Tỷ lệ sinh hoạt", "en": "Attendance rate"},
    "members_per_branch": {"vi": "ĐV, HV/chi", "en": "Members per branch"},
}

# Community models (kind `models`): columns, then the canonical codes of DOMAIN.md.
MODEL_LABELS: dict[str, dict[str, str]] = {
    "model_name": {"vi": "Tên mô hình", "en": "Model"},
    "program": {"vi": "Chương trình", "en": "Programme"},
    "field": {"vi": "Lĩnh vực", "en": "Field"},
    "recognition_level": {"vi": "Cấp", "en": "Level"},
    "topic": {"vi": "Loại mô hình", "en": "Kind of model"},
    "year": {"vi": "Năm", "en": "Year"},
    "status": {"vi": "Kết quả", "en": "Status"},
    "registered": {"vi": "Đăng ký", "en": "Registered"},
    "recognized": {"vi": "Công nhận", "en": "Recognised"},
    "commended": {"vi": "Biểu dương", "en": "Commended"},
    "count": {"vi": "Số mô hình", "en": "Models"},
    "count_total": {"vi": "Tổng số", "en": "Total"},
    "tu_quan": {"vi": "Mô hình tự quản", "en": "Self-managed"},
    "dan_van_kheo": {"vi": "Dân vận khéo", "en": "Dân vận khéo"},
    "kinh_te": {"vi": "Kinh tế", "en": "Economy"},
    "van_hoa_xa_hoi": {"vi": "Văn hóa - Xã hội", "en": "Culture and society"},
    "quoc_phong_an_ninh": {"vi": "Quốc phòng - An ninh", "en": "Defence and security"},
    "xay_dung_he_thong_chinh_tri": {
        "vi": "Xây dựng Đảng, chính quyền",
        "en": "Party and government building",
    },
    "tinh": {"vi": "Cấp tỉnh", "en": "Province level"},
    "huyen": {"vi": "Cấp huyện, thị xã", "en": "District level"},
    "xa": {"vi": "Cấp xã", "en": "Commune level"},
    "co_so": {"vi": "Cơ sở", "en": "Grassroots"},
    "ve_sinh_moi_truong": {"vi": "Vệ sinh môi trường", "en": "Environment"},
    "van_hoa_dan_toc": {"vi": "Bản sắc văn hóa dân tộc", "en": "Ethnic culture"},
    "cuoi_tang_van_minh": {"vi": "Việc cưới, việc tang", "en": "Weddings and funerals"},
    "lien_ket_kinh_te": {"vi": "Liên kết phát triển kinh tế", "en": "Economic links"},
    "te_nan_xa_hoi": {"vi": "Tệ nạn xã hội, cờ bạc", "en": "Social evils, gambling"},
    "toi_pham_giao_thong": {"vi": "Tội phạm, trật tự ATGT", "en": "Crime and traffic"},
    "bao_luc_gia_dinh": {"vi": "Bạo lực gia đình", "en": "Domestic violence"},
    "tao_hon": {"vi": "Tảo hôn", "en": "Child marriage"},
    "gia_dinh_hanh_phuc": {"vi": "Gia đình hạnh phúc", "en": "Happy families"},
    "khac": {"vi": "Khác", "en": "Other"},
}
FIELD_LABELS.update(MODEL_LABELS)

ORGANIZATION_LABELS: dict[str, dict[str, str]] = {
    "all": {"vi": "Tất cả", "en": "All"},
    "mttq": {"vi": "Mặt trận Tổ quốc", "en": "Fatherland Front"},
    "nong_dan": {"vi": "Hội Nông dân", "en": "Farmers' Union"},
    "phu_nu": {"vi": "Hội LHPN", "en": "Women's Union"},
    "thanh_nien": {"vi": "Đoàn Thanh niên", "en": "Youth Union"},
    "cuu_chien_binh": {"vi": "Hội Cựu chiến binh", "en": "Veterans' Association"},
    "cong_doan": {"vi": "Công đoàn", "en": "Trade union"},
    "nguoi_cao_tuoi": {"vi": "Hội Người cao tuổi", "en": "Elderly Association"},
}

# The kind of value a template's key wants (template_wrong_type).
TEMPLATE_WANTED: dict[str, dict[str, str]] = {
    "text": {
        "vi": 'chữ trong ngoặc kép, vd "Số nhà"',
        "en": 'text in double quotes, e.g. "Houses"',
    },
    "bool": {"vi": "true hoặc false", "en": "true or false"},
    "number": {"vi": "một số, vd 0", "en": "a number, e.g. 0"},
    "list": {
        "vi": 'một danh sách trong [ ], vd ["Số nhà", "Nhà"]',
        "en": 'a list in [ ], e.g. ["Houses"]',
    },
    "table": {"vi": "một bảng (các dòng khóa = giá trị)", "en": "a table (key = value lines)"},
}

# Python's reasons for a regular expression it refuses, in a template's `patterns`.
REGEX_REASONS: dict[str, dict[str, str]] = {
    "unterminated character set": {"vi": ": dấu [ chưa được đóng", "en": ": a [ never closed"},
    "missing ), unterminated subpattern": {
        "vi": ": dấu ( chưa được đóng",
        "en": ": a ( never closed",
    },
    "unbalanced parenthesis": {"vi": ": thừa dấu )", "en": ": a ) never opened"},
    "nothing to repeat": {
        "vi": ": dấu * + ? không đứng sau gì để lặp",
        "en": ": a * + ? with nothing to repeat",
    },
}

UI_TEXT: dict[str, dict[str, str]] = {
    "total": {"vi": "Tổng cộng", "en": "Total"},
    "range_from_to": {"vi": "từ {minimum} đến {maximum}", "en": "from {minimum} to {maximum}"},
    "range_at_most": {"vi": "không quá {maximum}", "en": "at most {maximum}"},
    "page_of": {"vi": "Trang &P/&N", "en": "Page &P of &N"},  # Excel's page, page count
    "usage": {"vi": "Cách dùng:", "en": "Usage:"},
    "usage_help": {
        "vi": "Xem «{command} --help» để biết các tùy chọn.",
        "en": "Try '{command} --help' for help.",
    },
    "usage_error": {"vi": "Lỗi:", "en": "Error:"},
    "output_failed": {
        "vi": "Không ghi được kết quả ra đầu ra chuẩn: {reason}.",
        "en": "Could not write the result to standard output: {reason}.",
    },
    "no_such_option": {"vi": "Không có tùy chọn {option}.", "en": "No such option: {option}."},
    "did_you_mean": {"vi": "Có phải là {like}?", "en": "Did you mean {like}?"},
    "no_such_command": {"vi": "Không có lệnh «{name}».", "en": "No such command '{name}'."},
    "missing_paths": {
        "vi": "Chưa có tệp nào để đọc: hãy ghi tên tệp, thư mục hoặc mẫu tên tệp (*.xlsx) "
        "sau lệnh.",
        "en": "No file to read: give a file, a folder or a pattern (*.xlsx) after the command.",
    },
    "missing_value": {"vi": "Thiếu {name}.", "en": "Missing {name}."},
    "option_needs_value": {
        "vi": "Tùy chọn {option} cần một giá trị đi kèm.",
        "en": "Option {option} needs a value.",
    },
    "option_takes_no_value": {
        "vi": "Tùy chọn {option} không nhận giá trị nào; chỉ cần ghi {option}.",
        "en": "Option {option} takes no value; give {option} alone.",
    },
    "a_folder": {
        "vi": "«{path}» là một thư mục; {option} cần tên một tệp.",
        "en": "'{path}' is a folder; {option} needs a file name.",
    },
    "not_a_choice": {
        "vi": "«{value}» không dùng được cho {option}; chọn một trong: {choices}.",
        "en": "'{value}' cannot be given to {option}; choose one of: {choices}.",
    },
    "bad_value": {
        "vi": "Giá trị không dùng được cho {option}: {reason}",
        "en": "Invalid value for {option}: {reason}",
    },
    "output_no_folder": {
        "vi": "không ghi được {path}: không có thư mục {folder}.",
        "en": "cannot write {path}: there is no folder {folder}.",
    },
    "output_read_only": {
        "vi": "không ghi được {path}: tệp chỉ cho đọc (read-only).",
        "en": "cannot write {path}: the file is read-only.",
    },
    "output_folder_read_only": {
        "vi": "không ghi được {path}: không có quyền ghi vào thư mục {folder}.",
        "en": "cannot write {path}: no permission to write in the folder {folder}.",
    },
    "output_no_libreoffice": {
        "vi": "không ghi được {path}: tệp PDF cần LibreOffice mà máy này chưa cài (không tìm "
        "thấy soffice hay libreoffice). Hãy cài LibreOffice (miễn phí, "
        "https://www.libreoffice.org/download/; Ubuntu, Debian: sudo apt install "
        "libreoffice-calc) rồi chạy lại, hoặc ghi tệp .xlsx rồi in ra PDF từ Excel.",
        "en": "cannot write {path}: a PDF needs LibreOffice, which is not installed on this "
        "computer (neither soffice nor libreoffice was found). Install LibreOffice (free, "
        "https://www.libreoffice.org/download/; Ubuntu, Debian: sudo apt install "
        "libreoffice-calc) and run again, or write an .xlsx and print it to PDF from Excel.",
    },
    "pdf_failed": {
        "vi": "Không ghi được {path}: LibreOffice không chuyển được bảng tính sang PDF "
        "({detail}). Tệp .xlsx vẫn ghi được như thường.",
        "en": "Could not write {path}: LibreOffice could not convert the workbook to PDF "
        "({detail}). An .xlsx can still be written.",
    },
    "pdf_timeout": {
        "vi": "Không ghi được {path}: sau {seconds} giây LibreOffice vẫn chưa chuyển xong sang "
        "PDF nên đã bị dừng. Bảng lớn thì in ít cấp hơn (--level huyen), hoặc ghi tệp .xlsx "
        "rồi in phần cần in.",
        "en": "Could not write {path}: LibreOffice had not finished the PDF after {seconds} "
        "seconds and was stopped. For a big roll-up print fewer levels (--level district), "
        "or write an .xlsx and print the part needed.",
    },
    "output_suffix": {
        "vi": "đuôi tệp phải là {suffixes}.",
        "en": "the file name must end in {suffixes}.",
    },
    "feedback_sheet": {"vi": "Phản hồi", "en": "Feedback"},
    "feedback_title": {
        "vi": "KẾT QUẢ KIỂM TRA SỐ LIỆU CỦA {unit}",
        "en": "Check of the figures sent by {unit}",
    },
    "feedback_file": {"vi": "Tệp đã gửi: {file}", "en": "File sent: {file}"},
    "feedback_count": {
        "vi": "Có {errors} lỗi và {warnings} cảnh báo dưới đây. Đề nghị đơn vị xem lại từng ô "
        "(trang, dòng, cột), sửa và gửi lại.",
        "en": "{errors} error(s) and {warnings} warning(s) below. Please look at each cell "
        "(sheet, row, column), correct it and send the file again.",
    },
    "stt": {"vi": "STT", "en": "No."},
    "to_write": {"vi": "Cần ghi", "en": "Expected"},
    "feedback_written": {
        "vi": "Đã ghi {written} tệp phản hồi vào {folder} ({clean} tệp không có lỗi, cảnh báo "
        "nên không cần phản hồi).",
        "en": "Wrote {written} feedback file(s) into {folder} ({clean} file(s) without "
        "problems need none).",
    },
    "feedback_folder": {
        "vi": "không có thư mục «{folder}»; hãy tạo thư mục trước.",
        "en": "there is no folder '{folder}'; create it first.",
    },
    "csv_sep": {
        "vi": "«{value}» không dùng được; chọn «,», «;» hoặc «tab».",
        "en": "'{value}' cannot be used; choose ',', ';' or 'tab'.",
    },
    "narrative_skipped": {
        "vi": "(Số liệu trên chưa tính {rows} dòng có lỗi, xem danh sách lỗi.)",
        "en": "(These figures leave out {rows} row(s) with errors: see the problems.)",
    },
    "narrative_format": {
        "vi": "đoạn văn tổng hợp thay cho bảng: không dùng cùng --format json, csv hoặc md "
        "(ghi cả hai: --narrative và -o tong_hop.csv, hoặc -o doan_van.txt).",
        "en": "the narrative replaces the tables: not with --format json, csv or md (for "
        "both: --narrative with -o summary.csv, or -o narrative.txt).",
    },
    "level_title": {"vi": "Tổng hợp cấp {level}", "en": "Roll-up by {level}"},
    "template_title": {
        "vi": "{title} (mẫu «{name}», phiên bản {version})",
        "en": "{title} (template '{name}', version {version})",
    },
    "ratio_units_note": {
        "vi": "Ghi chú: {ratio} tính trên {units}/{of} {level} có đủ cả hai số liệu.",
        "en": "Note: {ratio} taken over the {units} of {of} units ({level}) giving both figures.",
    },
    "problems_title": {"vi": "Các vấn đề trong dữ liệu", "en": "Problems in the data"},
    "verdict_ok": {"vi": "Dữ liệu hợp lệ.", "en": "The data is valid."},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "notes_folded": {
        "vi": "{files} tệp{folder} ({names}): {note}.",
        "en": "{files} files{folder} ({names}): {note}.",
    },
    "in_folder": {"vi": " trong «{folder}»", "en": " in '{folder}'"},
    "file_verdict_ok": {"vi": "→ Tệp này hợp lệ.", "en": "→ This file is valid."},
    "file_verdict": {
        "vi": "→ Tệp này: {errors} lỗi, {warnings} cảnh báo.",
        "en": "→ This file: {errors} error(s), {warnings} warning(s).",
    },
    "verdict_warnings": {
        "vi": "Dữ liệu hợp lệ, có {warnings} cảnh báo.",
        "en": "The data is valid, with {warnings} warning(s).",
    },
    "verdict_errors": {
        "vi": "Có {errors} lỗi và {warnings} cảnh báo; chưa cộng số liệu. "
        "Sửa lỗi, hoặc dùng --skip-invalid để bỏ các dòng lỗi.",
        "en": "{errors} error(s) and {warnings} warning(s); nothing was summed. "
        "Fix the errors, or use --skip-invalid to leave the invalid rows out.",
    },
    "verdict_no_data": {
        "vi": "Có {errors} lỗi và {warnings} cảnh báo; không có dòng số liệu nào để cộng.",
        "en": "{errors} error(s) and {warnings} warning(s); there are no data rows to sum.",
    },
    "verdict_check_errors": {
        "vi": "Có {errors} lỗi và {warnings} cảnh báo.",
        "en": "{errors} error(s) and {warnings} warning(s).",
    },
    "header_at": {"vi": "tiêu đề ở dòng {row}:", "en": "header on row {row}:"},
    "period_at": {
        "vi": "kỳ báo cáo «{period}» (dòng {row})",
        "en": "report period '{period}' (row {row})",
    },
    "row_total_check": {"vi": "cột tổng để đối chiếu", "en": "row total, a check"},
    "verdict_skipped": {
        "vi": "Đã bỏ {rows} dòng có lỗi ra khỏi tổng (--skip-invalid).",
        "en": "{rows} row(s) with errors were left out of the sums (--skip-invalid).",
    },
    "verdict_summed_with_errors": {
        "vi": "Có {errors} lỗi và {warnings} cảnh báo; đã cộng các dòng số liệu (--skip-invalid). "
        "Các lỗi trên không gắn với dòng số liệu nào (dòng cộng lệch, bảng hoặc số liệu "
        "không đọc được): xem và sửa chúng.",
        "en": "{errors} error(s) and {warnings} warning(s); the data rows were summed "
        "(--skip-invalid). The errors above belong to no data row (totals that differ, tables "
        "or figures not read): see to them.",
    },
    "not_given": {"vi": "(không ghi)", "en": "(not given)"},
    "written": {"vi": "Đã ghi {path}", "en": "Wrote {path}"},
    "not_written": {
        "vi": "Chưa ghi {path}: dữ liệu có lỗi nên chưa có số liệu tổng hợp.",
        "en": "{path} was not written: the data has errors, so nothing was summed.",
    },
    "error": {"vi": "Lỗi", "en": "Error"},
    "warning": {"vi": "Cảnh báo", "en": "Warning"},
    "reading": {"vi": "Đang đọc", "en": "Reading"},
    "file": {"vi": "Tệp", "en": "File"},
    "sheet": {"vi": "Trang", "en": "Sheet"},
    "row": {"vi": "Dòng", "en": "Row"},
    "column": {"vi": "Cột", "en": "Column"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "expected": {"vi": "cần", "en": "expected"},
    "place": {"vi": "dòng {row}", "en": "row {row}"},
    "level": {"vi": "Mức", "en": "Severity"},
    "severity": {"vi": "Mức", "en": "Severity"},
    "content": {"vi": "Nội dung", "en": "Message"},
    "rows_read": {"vi": "dòng", "en": "rows"},
    "unused": {"vi": "(không dùng)", "en": "(not used)"},
    "unused_known": {"vi": "(bỏ qua: STT hoặc tỷ lệ)", "en": "(passed over: STT or ratio)"},
    "page_repeat": {
        "vi": "(trang sau: đối chiếu với tên đơn vị của trang đầu)",
        "en": "(a later page: checked against the first page's units)",
    },
    "weak_evidence": {"vi": "cần xem lại", "en": "please check"},
    "toneless": {"vi": "khớp tiêu đề gõ không dấu", "en": "matched a header typed without marks"},
    "abbreviation": {"vi": "đoàn thể ghi tắt", "en": "organisation written short"},
    "group": {"vi": "đọc theo tiêu đề nhóm", "en": "read with its group header"},
    "partial": {"vi": "chỉ khớp một phần tiêu đề", "en": "only part of the header matched"},
    "refuse_overwrite": {
        "vi": "Không ghi đè lên tệp đầu vào {path}; hãy chọn tên tệp khác cho -o.",
        "en": "Will not overwrite the input file {path}; choose another name for -o.",
    },
    "refuse_link": {
        "vi": "Không ghi vào {path}: đó là liên kết (symlink) tới {target}, ghi vào sẽ thay "
        "tệp mà nó trỏ tới. Hãy ghi thẳng vào tệp đó, hoặc chọn tên khác cho -o.",
        "en": "Will not write {path}: it is a symbolic link to {target}, and writing would "
        "replace the file it points to. Name that file itself, or another one, with -o.",
    },
    "write_failed": {
        "vi": "Không ghi được {path}: {reason}.",
        "en": "Could not write {path}: {reason}.",
    },
    "models_by": {"vi": "Tổng cộng theo {category}", "en": "Total by {category}"},
    "template_line": {"vi": "dòng {line}", "en": "line {line}"},
    "template_valid": {
        "vi": "Mẫu «{name}» (phiên bản {version}) hợp lệ: {figures} chỉ tiêu, {ratios} tỷ lệ, "
        "{rules} quy tắc.",
        "en": "The template '{name}' (version {version}) is valid: {figures} figure(s), "
        "{ratios} ratio(s), {rules} rule(s).",
    },
    "template_warnings": {"vi": "Có {warnings} cảnh báo.", "en": "{warnings} warning(s)."},
    "template_invalid": {
        "vi": "Tệp mẫu có {errors} lỗi; sửa rồi chạy lại «danvan template check».",
        "en": "The template has {errors} error(s); fix them and run 'danvan template check' again.",
    },
    "rollup_period": {
        "vi": "Kỳ {period}: {files} tệp gửi lên, cộng {kept} tệp.",
        "en": "Period {period}: {files} file(s) sent, {kept} added.",
    },
    "rollup_replacement": {
        "vi": "Thay tệp: {unit} gửi lại {file}, thay cho {replaced}.",
        "en": "Replaced: {unit} sent {file} again, replacing {replaced}.",
    },
    "completeness_level": {
        "vi": "{level}: {reported}/{expected} đơn vị đã gửi báo cáo",
        "en": "{level}: {reported} of {expected} units reported",
    },
    "completeness_timely": {
        "vi": "; đúng hạn {on_time}, muộn {late} (hạn {deadline})",
        "en": "; on time {on_time}, late {late} (due {deadline})",
    },
    "completeness_reported": {
        "vi": "{level}: {reported} đơn vị đã gửi báo cáo (không có danh sách đơn vị phải gửi).",
        "en": "{level}: {reported} units reported (no list of units expected).",
    },
    "completeness_missing": {"vi": "  Chưa gửi: {names}", "en": "  Not reported: {names}"},
    "completeness_formerly": {
        "vi": "  Ghi theo tên trước 1/7/2025: {names}",
        "en": "  Named as before 1 July 2025: {names}",
    },
    "completeness_split": {
        "vi": "  Tên trước 1/7/2025, nay thuộc nhiều đơn vị, không tính vào đơn vị nào: {names}",
        "en": "  Named as before 1 July 2025, now part of several units, counted for none: {names}",
    },
    "completeness_not_expected": {
        "vi": "  Không có trong danh sách: {names}",
        "en": "  Not on the list: {names}",
    },
    "rollup_combined": {
        "vi": "Kỳ {period}: cộng từ {count} tháng trong lịch sử ({months}).",
        "en": "Period {period}: built from {count} month(s) in the history ({months}).",
    },
    "rollup_months_missing": {
        "vi": "  Lịch sử chưa có các tháng: {months}",
        "en": "  Months not in the history: {months}",
    },
    "rollup_unit_months": {
        "vi": "  {unit} (cấp {level}): không có báo cáo tháng {months}",
        "en": "  {unit} ({level}): no report for {months}",
    },
    "rollup_carried": {
        "vi": "  {unit}: số liệu tồn (chi hội, hội viên...) lấy từ tháng {month}",
        "en": "  {unit}: stocks (branches, members ...) as of {month}",
    },
    "rollup_no_months": {
        "vi": "Lịch sử {path} chưa có tháng nào của kỳ {period}: chạy «danvan rollup» cho "
        "từng tháng trước.",
        "en": "The history {path} holds no month of {period}: run danvan rollup for each "
        "month first.",
    },
    "rollup_months_incomplete": {
        "vi": "Lịch sử thiếu {count} tháng của kỳ: kết thúc với mã 3 (--require-complete).",
        "en": "{count} month(s) of the period are not in the history: exit code 3 "
        "(--require-complete).",
    },
    "rollup_incomplete": {
        "vi": "{missing} đơn vị chưa gửi báo cáo: kết thúc với mã 3 (--require-complete).",
        "en": "{missing} expected unit(s) have not reported: exit code 3 (--require-complete).",
    },
    "template_exists": {
        "vi": "Đã có tệp {path}; không ghi đè. Chọn tên khác, hoặc thêm --force để ghi đè.",
        "en": "{path} already exists and was not overwritten. Choose another name, or add "
        "--force to overwrite it.",
    },
}

# What `danvan template show` prints: headings, then the words for each declared choice.
TEMPLATE_LABELS: dict[str, dict[str, str]] = {
    "template": {"vi": "Mẫu", "en": "Template"},
    "version": {"vi": "phiên bản", "en": "version"},
    "levels": {"vi": "Các cấp", "en": "Levels"},
    "categories": {"vi": "Phân loại", "en": "Categories"},
    "figures": {"vi": "Chỉ tiêu", "en": "Figures"},
    "ratios": {"vi": "Tỷ lệ", "en": "Ratios"},
    "rules": {"vi": "Quy tắc kiểm tra", "en": "Rules"},
    "code": {"vi": "Mã", "en": "Code"},
    "name": {"vi": "Tên", "en": "Name"},
    "headers": {"vi": "Tiêu đề cột", "en": "Headers"},
    "values": {"vi": "Giá trị", "en": "Values"},
    "unit": {"vi": "Đơn vị tính", "en": "Unit"},
    "over_units": {"vi": "Lên cấp trên", "en": "Over units"},
    "over_time": {"vi": "Qua các tháng", "en": "Over time"},
    "split_by": {"vi": "Chia theo", "en": "Split by"},
    "numerator": {"vi": "Tử số", "en": "Numerator"},
    "denominator": {"vi": "Mẫu số", "en": "Denominator"},
    "paired": {"vi": "Chỉ đơn vị có đủ hai số", "en": "Units giving both only"},
    "rule": {"vi": "Quy tắc", "en": "Rule"},
    "importance": {"vi": "Mức", "en": "Severity"},
    "missing": {"vi": "Khi thiếu số liệu", "en": "Figures not given"},
    "scope": {"vi": "Áp dụng cho", "en": "Applies to"},
    "message": {"vi": "Lời báo", "en": "Message"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "count": {"vi": "số lượng", "en": "count"},
    "dong": {"vi": "đồng", "en": "đồng"},
    "ty_dong": {"vi": "tỷ đồng", "en": "billion đồng"},
    "sum": {"vi": "cộng mọi dòng", "en": "summed"},
    "once_per_lowest_unit": {"vi": "mỗi đơn vị thấp nhất một lần", "en": "once per lowest unit"},
    "flow": {"vi": "cộng các tháng (flow)", "en": "months summed (flow)"},
    "stock": {"vi": "lấy số cuối kỳ (stock)", "en": "latest value (stock)"},
    "high": {"vi": "lỗi", "en": "error"},
    "medium": {"vi": "cảnh báo", "en": "warning"},
    "low": {"vi": "cảnh báo nhẹ", "en": "minor warning"},
    "skip_if_any": {"vi": "bỏ qua nếu thiếu một bên", "en": "skipped if either side is missing"},
    "skip_if_all": {"vi": "bỏ qua nếu thiếu cả hai bên", "en": "skipped if both are missing"},
    "never": {"vi": "luôn kiểm tra", "en": "always checked"},
    "pair_missing": {
        "vi": "cặp: xét chính việc có hay thiếu số liệu",
        "en": "a pair: whether figures are given is what it checks",
    },
    "left_out": {
        "vi": "chỉ tiêu bảng không có: bỏ ra khỏi vế",
        "en": "a figure no table gives: left out of its side",
    },
    "scope_row": {"vi": "từng dòng", "en": "each row"},
    "scope_unit": {"vi": "tổng của từng đơn vị", "en": "each unit's sum"},
    "scope_subtotal": {"vi": "dòng cộng", "en": "subtotal rows"},
    "compulsory_pair": {
        "vi": "có bên này thì phải có bên kia",
        "en": "either both given or neither",
    },
    "exclusive_pair": {"vi": "không được có cả hai", "en": "never both given"},
}

# `danvan compare` (cli/compare.py, outputs/compared.py).
COMPARE_TEXT: dict[str, dict[str, str]] = {
    "compare_title": {
        "vi": "So sánh cấp {level}: {old} → {new}",
        "en": "Comparison by {level}: {old} → {new}",
    },
    "compare_old": {"vi": "cũ", "en": "old"},
    "compare_new": {"vi": "mới", "en": "new"},
    "compare_change": {"vi": "tăng/giảm", "en": "change"},
    "compare_percent": {"vi": "% tăng/giảm", "en": "% change"},
    "compare_status": {"vi": "Tình trạng", "en": "Status"},
    "compare_both": {"vi": "", "en": ""},
    "compare_appeared": {"vi": "mới có", "en": "appeared"},
    "compare_disappeared": {"vi": "không còn", "en": "disappeared"},
    "compare_old_zero": {"vi": "cũ = 0", "en": "old = 0"},
    "compare_counts": {
        "vi": "Cấp {level}: {both} đơn vị có ở cả hai kỳ, {appeared} mới có, "
        "{disappeared} không còn; {flags} thay đổi cần xem lại.",
        "en": "By {level}: {both} units in both, {appeared} appeared, {disappeared} "
        "disappeared; {flags} change(s) to look at.",
    },
    "flags_title": {"vi": "Các thay đổi cần xem lại", "en": "Changes to look at"},
    "compare_level": {"vi": "Cấp", "en": "Level"},
    "compare_unit": {"vi": "Đơn vị", "en": "Unit"},
    "compare_figure": {"vi": "Chỉ tiêu", "en": "Figure"},
    "compare_flag": {"vi": "Cờ", "en": "Flag"},
    "compare_values": {"vi": "Số liệu", "en": "Values"},
    "flag_change": {"vi": "thay đổi quá ngưỡng", "en": "change beyond the threshold"},
    "flag_from_zero": {"vi": "từ 0 lên", "en": "up from 0"},
    "flag_range": {"vi": "ngoài khoảng các kỳ trước", "en": "outside its past range"},
    "flag_robust_z": {"vi": "khác thường (z-score)", "en": "unusual (robust z-score)"},
    "flag_change_said": {
        "vi": "{old} → {new}: {percent} (ngưỡng ±{threshold})",
        "en": "{old} → {new}: {percent} (threshold ±{threshold})",
    },
    "flag_from_zero_said": {
        "vi": "{old} → {new}: không tính được % vì số cũ là 0",
        "en": "{old} → {new}: no percent, the old value being 0",
    },
    "flag_range_said": {
        "vi": "{value} ngoài khoảng {min} – {max} của {periods} kỳ trước",
        "en": "{value} outside {min} – {max}, the range of {periods} past periods",
    },
    "flag_robust_z_said": {
        "vi": "{value}: z = {z} (trung vị {median}, MAD {mad} của {periods} kỳ trước; "
        "ngưỡng {threshold})",
        "en": "{value}: z = {z} (median {median}, MAD {mad} of {periods} past periods; "
        "threshold {threshold})",
    },
    "history_too_short": {
        "vi": "Lịch sử có {periods} kỳ trước {new}: cần ít nhất {least} kỳ để tìm giá trị "
        "ngoài khoảng hoặc khác thường.",
        "en": "The history has {periods} period(s) before {new}: at least {least} are needed "
        "to look for values outside a unit's range or unusual.",
    },
    "compare_no_common_level": {
        "vi": "Hai bên không có cấp nào chung để so sánh ({old}: {old_levels}; {new}: "
        "{new_levels}).",
        "en": "The two sides have no level in common to compare ({old}: {old_levels}; "
        "{new}: {new_levels}).",
    },
    "compare_not_summed": {
        "vi": "Chưa so sánh: {path} có lỗi nên chưa cộng được số liệu.",
        "en": "Nothing compared: {path} has errors, so it could not be summed.",
    },
    "history_period_missing": {
        "vi": "Lịch sử không có kỳ {period} của loại «{kind}»; các kỳ đã có: {periods}.",
        "en": "The history has no period {period} of kind '{kind}'; the periods it has: {periods}.",
    },
    "history_which_kind": {
        "vi": "Lịch sử có nhiều loại báo cáo cho kỳ này ({kinds}): hãy chọn bằng --kind hoặc "
        "--template.",
        "en": "The history holds several kinds for this period ({kinds}): choose one with "
        "--kind or --template.",
    },
}
UI_TEXT.update(COMPARE_TEXT)

# `danvan history list` and `danvan trend` (cli/history.py).
HISTORY_TEXT: dict[str, dict[str, str]] = {
    "history_title": {"vi": "Lịch sử số liệu: {path}", "en": "History: {path}"},
    "history_period": {"vi": "Kỳ", "en": "Period"},
    "history_kind": {"vi": "Loại báo cáo", "en": "Kind"},
    "history_levels": {"vi": "Các cấp", "en": "Levels"},
    "history_units": {"vi": "Đơn vị cấp cuối", "en": "Lowest units"},
    "history_records": {"vi": "Dòng số liệu", "en": "Records"},
    "history_sources": {"vi": "Bảng nguồn", "en": "Source tables"},
    "history_loaded": {"vi": "Nạp lúc (UTC)", "en": "Loaded (UTC)"},
    "history_reported_title": {
        "vi": "Đơn vị gửi báo cáo theo kỳ:",
        "en": "Units that reported, per period:",
    },
    "history_reported": {
        "vi": "{period} ({kind}), cấp {level}: phải gửi {expected}, đã gửi {reported}, "
        "thiếu {missing}",
        "en": "{period} ({kind}), {level} level: expected {expected}, reported {reported}, "
        "missing {missing}",
    },
    "history_reported_unlisted": {
        "vi": "{period} ({kind}), cấp {level}: đã gửi {reported} (không có danh sách đơn vị "
        "phải gửi)",
        "en": "{period} ({kind}), {level} level: reported {reported} (no list of units expected)",
    },
    "history_empty": {
        "vi": "Lịch sử «{path}» chưa có kỳ nào.",
        "en": "The history '{path}' holds no period yet.",
    },
    "trend_title": {
        "vi": "{figure} theo kỳ, cấp {level}",
        "en": "{figure} per period, by {level}",
    },
    "trend_shape": {"vi": "Xu hướng", "en": "Trend"},
    "trend_renamed": {
        "vi": "«{old}» ({periods}) nay là «{new}» (đổi tên theo tệp cấu hình): cùng một dòng.",
        "en": "'{old}' ({periods}) is now '{new}' (renamed in the config): one series.",
    },
    "trend_renamed_2025": {
        "vi": "«{old}» ({periods}) là tên trước 1/7/2025, nay là «{new}»: cùng một dòng.",
        "en": "'{old}' ({periods}) is the name before 1 July 2025 of '{new}': one series.",
    },
    "trend_chart": {
        "vi": "{figure}, tổng cộng theo kỳ:",
        "en": "{figure}, total per period:",
    },
}
UI_TEXT.update(HISTORY_TEXT)

# The official workbook (outputs/official.py): the words of a report table as filed.
OFFICIAL_TEXT: dict[str, dict[str, str]] = {
    "official_title_membership": {
        "vi": "BÁO CÁO TỔNG HỢP SỐ LƯỢNG TỔ CHỨC CƠ SỞ, ĐOÀN VIÊN, HỘI VIÊN CÁC TỔ CHỨC "
        "CHÍNH TRỊ - XÃ HỘI",
        "en": "REPORT ON THE BRANCHES AND MEMBERS OF THE MASS ORGANISATIONS",
    },
    "official_title_models": {
        "vi": "BÁO CÁO TỔNG HỢP MÔ HÌNH TỰ QUẢN, MÔ HÌNH «DÂN VẬN KHÉO»",
        "en": "REPORT ON SELF-MANAGED AND 'DÂN VẬN KHÉO' MODELS",
    },
    "official_title_declared": {"vi": "Báo cáo tổng hợp {title}", "en": "Report: {title}"},
    "official_period": {"vi": "Kỳ báo cáo: {period}", "en": "Period: {period}"},
    "official_place_date": {
        "vi": "{place}, ngày ..... tháng ..... năm ........",
        "en": "{place}, date ....../....../........",
    },
    "official_unit": {"vi": "Đơn vị", "en": "Unit"},
    "official_all": {"vi": "Tổng số", "en": "All"},
    "official_blank_note": {
        "vi": "Ghi chú: ô để trống là đơn vị không báo cáo số liệu đó (không phải số 0).",
        "en": "Note: a blank cell is a figure the unit did not give (not 0).",
    },
    "official_skipped_note": {
        "vi": "(*) Đơn vị có {rows} dòng số liệu bị loại khỏi tổng vì có lỗi (--skip-invalid); "
        "xem trang «{sheet}».",
        "en": "(*) Units with some of the {rows} rows left out of the sums for their errors "
        "(--skip-invalid); see the sheet '{sheet}'.",
    },
    "official_maker": {"vi": "NGƯỜI LẬP BIỂU", "en": "PREPARED BY"},
    "official_signer": {"vi": "TM. BAN THƯỜNG TRỰC", "en": "FOR THE STANDING COMMITTEE"},
    "official_sign_here": {"vi": "(Ký, ghi rõ họ tên)", "en": "(Signature, full name)"},
    "official_notes_sheet": {"vi": "Ghi chú", "en": "Notes"},
    "official_no_problems": {
        "vi": "Không có lỗi hay cảnh báo nào.",
        "en": "No errors or warnings.",
    },
    "official_chart_sheet": {"vi": "Biểu đồ", "en": "Chart"},
    "official_chart_title": {"vi": "{figure} theo {level}", "en": "{figure} by {level}"},
    "official_needs_xlsx": {
        "vi": "--official ghi bảng báo cáo chính thức vào tệp .xlsx (hoặc bản in .pdf): hãy "
        "cho thêm -o TỆP.xlsx.",
        "en": "--official writes the official report table into an .xlsx file (or its print, "
        "a .pdf): add -o FILE.xlsx.",
    },
    "models_count": {"vi": "Số mô hình", "en": "Models"},
}
UI_TEXT.update(OFFICIAL_TEXT)

# A note many files share, said once for all of them (terminal.py).
NOTE_SUMMARIES: dict[str, dict[str, str]] = {
    "subtotal_rows": {
        "vi": "có dòng cộng, dùng để đối chiếu, không cộng thêm",
        "en": "subtotal rows, used as checks and not added again",
    },
    "subtotal_rows_unchecked": {
        "vi": "có dòng cộng, không cộng thêm (chưa đối chiếu)",
        "en": "subtotal rows, not added again (not checked)",
    },
    "unit_spellings": {
        "vi": "một {level_label} viết nhiều cách được gộp làm một, ghi theo tên chuẩn",
        "en": "a {level_label} written more than one way taken as one, shown by its proper name",
    },
    "unit_from_title": {
        "vi": "bảng không có cột {level_label}; tên {level_label} lấy từ dòng tiêu đề",
        "en": "the table has no {level_label} column; the {level_label} is taken from the title",
    },
    "header_ratio_ignored": {
        "vi": "cột tỷ lệ không được cộng; tỷ lệ được tính lại từ các tổng",
        "en": "ratio columns are not added up; ratios are recomputed from the sums",
    },
    "signature_block": {
        "vi": "phần chữ ký dưới bảng, không phải số liệu",
        "en": "a signature block below the table, not data",
    },
    "lock_file_skipped": {
        "vi": "tệp khóa của Excel, đã bỏ qua",
        "en": "Excel's lock file, passed over",
    },
}

# Why a file could not be written, in the user's words (the system says it in English).
OS_REASONS: dict[str, dict[str, str]] = {
    "ENOENT": {"vi": "không có thư mục này", "en": "no such folder"},
    "EACCES": {"vi": "không có quyền ghi vào đây", "en": "permission denied"},
    "EPERM": {"vi": "không có quyền ghi vào đây", "en": "permission denied"},
    "EROFS": {"vi": "ổ đĩa chỉ cho đọc", "en": "the disk is read-only"},
    "ENOSPC": {"vi": "ổ đĩa hết chỗ trống", "en": "the disk is full"},
    "EDQUOT": {"vi": "đã hết dung lượng được dùng", "en": "the disk quota is used up"},
    "EFBIG": {"vi": "tệp quá lớn", "en": "the file is too large"},
    "EISDIR": {"vi": "đây là một thư mục", "en": "it is a folder"},
    "ENOTDIR": {"vi": "một phần của đường dẫn không phải thư mục", "en": "not a folder"},
}


def os_reason(error: OSError, lang: str) -> str:
    """An OS error's reason in the user's language, or as the system gives it."""
    name = errno.errorcode.get(error.errno or 0, "")
    known = OS_REASONS.get(name)
    return known[lang] if known else error.strerror or str(error)


def render_message(
    code: str, lang: str, values: dict[str, Any], part: Literal["message", "expected"] = "message"
) -> str | None:
    """Fill the template of `code` in `lang`; unknown codes fall back to the code itself."""
    entry = MESSAGES.get(code, {}).get(lang) or MESSAGES.get(code, {}).get("vi")
    if entry is None:
        return code if part == "message" else None
    template = entry[0] if part == "message" else entry[1]
    if template is None:
        return None
    return template.format_map(_Blank(values))


def ui(key: str, lang: str, **values: Any) -> str:
    """A piece of interface text."""
    return UI_TEXT[key].get(lang, UI_TEXT[key]["vi"]).format(**values)


def label(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    return table.get(key, {}).get(lang, key)


class _Blank(dict):
    """format_map helper: a missing value shows as an empty string, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""
