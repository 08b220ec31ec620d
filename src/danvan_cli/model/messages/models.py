"""Messages of community models (kind `models`).

(code -> lang -> (message, expected or None); `messages` joins the parts into MESSAGES.)
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = {
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
}
