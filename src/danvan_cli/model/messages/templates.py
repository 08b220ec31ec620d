"""Messages of a template file (`danvan template check`).

(code -> lang -> (message, expected or None); `messages` joins the parts into MESSAGES.)
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
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
    "template_backslash": {
        "vi": (
            'Dấu \\ trong chữ đặt trong ngoặc kép "..." là ký tự đặc biệt của TOML '
            "(chi tiết kỹ thuật: {detail}{place}).",
            "chữ có dấu \\ (đường dẫn Windows, biểu thức chính quy) đặt trong ngoặc đơn: "
            "'D:\\BaoCao\\{{period}}', '\\bhnd\\b'; hoặc đường dẫn viết dấu / thay cho \\: "
            '"D:/BaoCao/{{period}}"',
        ),
        "en": (
            'A \\ in text within double quotes "..." is special in TOML '
            "(technical detail: {detail}{place}).",
            "text with a \\ (a Windows path, a regular expression) in single quotes: "
            "'D:\\BaoCao\\{{period}}', '\\bhnd\\b'; or a path written with / for \\: "
            '"D:/BaoCao/{{period}}"',
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
