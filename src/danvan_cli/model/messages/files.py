"""Messages of reading a file: finding and opening it, its size, its name and its
encoding.

(code -> lang -> (message, expected or None); `messages` joins the parts into MESSAGES.)
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
    "file_not_found": {
        "vi": ("Không tìm thấy tệp hoặc không có tệp nào khớp với «{path}».", None),
        "en": ("No file found at, or matching, '{path}'.", None),
    },
    "no_input": {
        "vi": ("Chưa chỉ ra tệp nào để đọc.", "ít nhất một tệp .xlsx, .xlsm, .xls, .ods hoặc .csv"),
        "en": ("No file to read was given.", "at least one .xlsx, .xlsm, .xls, .ods or .csv file"),
    },
    "only_lock_files": {
        "vi": (
            "Không có bảng tính nào để đọc, chỉ có tệp khóa (~$) mà Excel tạo ra khi một bảng "
            "tính đang mở.",
            "tên bảng tính .xlsx, .xlsm, .xls, .ods hoặc .csv (không có «~$» ở đầu)",
        ),
        "en": (
            "No spreadsheet to read, only the lock files (~$) Excel leaves beside an open "
            "workbook.",
            "the name of a .xlsx, .xlsm, .xls, .ods or .csv file (without '~$' before it)",
        ),
    },
    "unsupported_format": {
        "vi": (
            "Không đọc được loại tệp «{suffix}».",
            "tệp .xlsx, .xlsm, .xls, .ods hoặc .csv{hint}",
        ),
        "en": (
            "Files of type '{suffix}' cannot be read.",
            "a .xlsx, .xlsm, .xls, .ods or .csv file{hint}",
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
}
