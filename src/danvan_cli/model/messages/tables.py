"""Messages of a sheet and its table: finding the table, its header, its columns
and pages.

(code -> lang -> (message, expected or None); `messages` joins the parts into MESSAGES.)
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
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
    "column_no_figures": {
        "vi": (
            "Cột «{column}» (cột {letter}) không có số liệu (chỉ có chữ hoặc để trống), không "
            "khớp với trường số liệu nào: không dùng.",
            None,
        ),
        "en": (
            "Column '{column}' (column {letter}) holds no figure (words or blanks only) and "
            "matches no known field: not used.",
            None,
        ),
    },
    "column_notes_figures": {
        "vi": (
            "Cột «{column}» (cột {letter}) là cột ghi chú, có {figures} số: cột ghi chú không "
            "được cộng.",
            "số liệu cần cộng ghi vào cột của nó",
        ),
        "en": (
            "Column '{column}' (column {letter}) is a notes column holding {figures} figure(s): "
            "a notes column is not added up.",
            "a figure to add up written in its own column",
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
}
