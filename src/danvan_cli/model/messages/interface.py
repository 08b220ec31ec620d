"""The command line's words (`ui`): totals, headings, notes and usage messages of the
commands; `messages` adds those of compare, history and the official workbook."""

from __future__ import annotations

COMMAND_TEXT: dict[str, dict[str, str]] = {
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
    "extra_arguments": {
        "vi": "Thừa «{extra}»: lệnh này không nhận thêm tên tệp hay giá trị ở đó (tên tệp có "
        'dấu cách thì đặt trong ngoặc kép: "Báo cáo tháng 10.xlsx").',
        "en": "Unexpected '{extra}': this command takes no further file or value there (put a "
        'file name with spaces in double quotes: "Report October.xlsx").',
    },
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
    "narrative_lacking": {
        "vi": "(Kỳ này chưa có số liệu của {units}, có ở {before}: mức tăng, giảm trên có tính "
        "cả phần thiếu này.)",
        "en": "(This period has no figures from {units}, which {before} had: the changes above "
        "include what is missing.)",
    },
    "narrative_added": {
        "vi": "(Kỳ này có thêm số liệu của {units}, không có ở {before}: mức tăng, giảm trên có "
        "tính cả phần thêm này.)",
        "en": "(This period has figures from {units}, which {before} did not have: the changes "
        "above include them.)",
    },
    "narrative_more_units": {
        "vi": "{units} và {more} đơn vị khác",
        "en": "{units} and {more} other units",
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
    "verdict_errors_fix_files": {
        "vi": "Có {errors} lỗi và {warnings} cảnh báo; chưa cộng số liệu. Sửa lỗi trong tệp "
        "gửi lên (hoặc bỏ tệp đó ra khỏi thư mục của kỳ) rồi chạy lại.",
        "en": "{errors} error(s) and {warnings} warning(s); nothing was summed. Fix the errors "
        "in the files sent (or move the file out of the period's folder), then run again.",
    },
    "verdict_files_left_out": {
        "vi": "Có {errors} lỗi và {warnings} cảnh báo; đã cộng các tệp còn lại, không cộng "
        "những gì các lỗi trên nêu: xem và sửa chúng.",
        "en": "{errors} error(s) and {warnings} warning(s); the other files were summed, not "
        "what the errors above name: see to them.",
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
        "vi": "Chưa ghi {path}: có lỗi (xem ở trên) nên chưa có số liệu tổng hợp.",
        "en": "{path} was not written: there are errors (above), so nothing was summed.",
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
    "written_short": {"vi": "khớp tên viết tắt", "en": "matched a short form"},
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
    "rollup_none_sent": {
        "vi": "Chưa đơn vị nào gửi tệp của kỳ {period} (không có tệp nào trong «{path}»): chưa "
        "tổng hợp, không ghi tệp kết quả, không lưu vào lịch sử; kết thúc với mã 3.",
        "en": "No unit has sent a file for {period} yet (no file in '{path}'): nothing rolled "
        "up, written or kept in the history; exit code 3.",
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
