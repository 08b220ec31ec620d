"""Messages of the rows of a table: units and organisations, rows given twice,
household figures, subtotal rows, the signature block and the tool's own outputs read back.

(code -> lang -> (message, expected or None); `messages` joins the parts into MESSAGES.)
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
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
    "missing_organization_column": {
        "vi": (
            "Bảng này không ghi đoàn thể (không có cột «Đoàn thể», tiêu đề không ghi đoàn thể "
            "nào) mà các tệp khác có ghi; không cộng chung được.",
            "một cột «Đoàn thể» ghi đoàn thể của từng dòng, như các tệp khác",
        ),
        "en": (
            "This table names no organisation (no 'Đoàn thể' column, no title naming one), "
            "while other files do; they cannot be added up together.",
            "a 'Đoàn thể' column naming each row's organisation, as the other files have",
        ),
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
}
