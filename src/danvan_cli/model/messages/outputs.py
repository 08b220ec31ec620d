"""The words of outputs: `danvan compare`, `danvan history` and `trend`, the official
workbook, notes many files share, and why a file could not be written."""

from __future__ import annotations

# `danvan compare` (cli/compare.py, outputs/compared.py).
COMPARE_TEXT: dict[str, dict[str, str]] = {
    "compare_renamed": {
        "vi": "«{old}» ({periods}) nay là «{new}» (đổi tên theo tệp cấu hình): so sánh như một"
        " đơn vị.",
        "en": "'{old}' ({periods}) is now '{new}' (renamed in the config): compared as one unit.",
    },
    "compare_renamed_2025": {
        "vi": "«{old}» ({periods}) là tên trước 1/7/2025, nay là «{new}»: so sánh như một đơn vị.",
        "en": "'{old}' ({periods}) is the name before 1 July 2025 of '{new}': compared as one"
        " unit.",
    },
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
    "compare_lower_missing": {
        "vi": "* Cấp {level}: {units} thiếu số liệu của đơn vị cấp dưới ở một kỳ ({lacking_new} "
        "đơn vị cấp dưới có ở {old} nhưng không có ở {new}; {lacking_old} có ở {new} nhưng "
        "không có ở {old}): mức tăng, giảm ở dòng có dấu * có tính cả phần thiếu này.",
        "en": "* By {level}: {units} lack figures of lower units in one period ({lacking_new} "
        "lower unit(s) in {old} but not in {new}; {lacking_old} in {new} but not in {old}): "
        "the changes on rows marked * include what is missing.",
    },
    "compare_old_zero": {"vi": "cũ = 0", "en": "old = 0"},
    "compare_counts": {
        "vi": "Cấp {level}: {both} đơn vị có ở cả hai kỳ, {appeared} mới có, "
        "{disappeared} không còn; {flags} thay đổi cần xem lại.",
        "en": "By {level}: {both} units in both, {appeared} appeared, {disappeared} "
        "disappeared; {flags} change(s) to look at.",
    },
    "flags_title": {"vi": "Các thay đổi cần xem lại", "en": "Changes to look at"},
    # the flags table's last row: how many, not the grand total's flags ("Tổng cộng")
    "flags_count": {"vi": "Số thay đổi cần xem lại", "en": "Changes to look at, in all"},
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
    "trend_missing": {
        "vi": "{mark} {period}: tổng chưa đủ, {count} đơn vị không có số liệu kỳ này (số tồn "
        "không lấy từ kỳ khác): {units}",
        "en": "{mark} {period}: total incomplete, no figure for this period from {count} "
        "unit(s) (a stock is not carried from another period): {units}",
    },
    "trend_missing_flow": {
        "vi": "{mark} {period}: tổng chưa đủ, {count} đơn vị không có số liệu kỳ này: {units}",
        "en": "{mark} {period}: total incomplete, no figure for this period from {count} "
        "unit(s): {units}",
    },
    "trend_chart": {
        "vi": "{figure}, tổng cộng theo kỳ:",
        "en": "{figure}, total per period:",
    },
}

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
    "official_options_alone": {
        "vi": "{options} chỉ dùng cho bảng báo cáo chính thức: hãy cho thêm --official "
        "(và -o TỆP.xlsx).",
        "en": "{options} only apply to the official report table: add --official "
        "(and -o FILE.xlsx).",
    },
    "official_needs_xlsx": {
        "vi": "--official ghi bảng báo cáo chính thức vào tệp .xlsx (hoặc bản in .pdf): hãy "
        "cho thêm -o TỆP.xlsx.",
        "en": "--official writes the official report table into an .xlsx file (or its print, "
        "a .pdf): add -o FILE.xlsx.",
    },
    "models_count": {"vi": "Số mô hình", "en": "Models"},
    "paper": {
        "vi": "không có khổ giấy «{value}»; chọn một trong: {papers}.",
        "en": "there is no paper size '{value}'; choose one of: {papers}.",
    },
}

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
    "unit_from_config": {
        "vi": "bảng không có cột {level_label}; tên {level_label} lấy từ tệp cấu hình (khóa unit)",
        "en": "the table has no {level_label} column; the {level_label} is the config's unit",
    },
    "unit_from_title": {
        "vi": "bảng không có cột {level_label}; tên {level_label} lấy từ dòng tiêu đề",
        "en": "the table has no {level_label} column; the {level_label} is taken from the title",
    },
    "organization_from_title": {
        "vi": "bảng không có cột đoàn thể; đoàn thể lấy từ đơn vị ban hành ghi ở tiêu đề",
        "en": "the table has no organisation column; the organisation is the issuing body's",
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

# Windows refuses a file open in Excel with the same error as a missing permission.
_DENIED_VI = (
    "không có quyền, hoặc tệp đang mở trong Excel hay chương trình khác (đóng tệp rồi chạy lại)"
)
_DENIED_EN = (
    "permission denied, or the file is open in Excel or another program (close it and run again)"
)
# Why a file could not be written, in the user's words (the system says it in English).
OS_REASONS: dict[str, dict[str, str]] = {
    "ENOENT": {"vi": "không có thư mục này", "en": "no such folder"},
    "EACCES": {"vi": _DENIED_VI, "en": _DENIED_EN},
    "EPERM": {"vi": _DENIED_VI, "en": _DENIED_EN},
    "EROFS": {"vi": "ổ đĩa chỉ cho đọc", "en": "the disk is read-only"},
    "ENOSPC": {"vi": "ổ đĩa hết chỗ trống", "en": "the disk is full"},
    "EDQUOT": {"vi": "đã hết dung lượng được dùng", "en": "the disk quota is used up"},
    "EFBIG": {"vi": "tệp quá lớn", "en": "the file is too large"},
    "EISDIR": {"vi": "đây là một thư mục", "en": "it is a folder"},
    "ENOTDIR": {"vi": "một phần của đường dẫn không phải thư mục", "en": "not a folder"},
}
