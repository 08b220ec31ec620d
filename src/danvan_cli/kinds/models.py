"""The community models kind (mô hình tự quản, mô hình "Dân vận khéo"), declared:
DOMAIN.md's programmes, fields, levels of recognition and kinds of self-managed model, and
the models registered, recognised and commended, in order: a model commended (biểu dương)
must be recognised (công nhận), and recognised models registered (đăng ký), on each model
of a list (`model_status_order`) and on the sums of each unit and category
(`status_exceeds`), checked by engine/models_validate.py through engine/rules.py. Names are
model.messages' words.

Wordings are regular expressions on the text as `headers.match_text` writes it (lower
case, with its marks), in Vietnamese or English. Values are declared in DOMAIN.md's order
(the order of the outputs); `VALUE_ORDER` is the order a category's cell wordings are tried
in, narrower ones first. The columns only a table's layout has (a model's name, its year,
its status as a word, a count) are read by `kinds.models_load` with `kinds.models_vocabulary`'s
wordings.
"""

from __future__ import annotations

from danvan_cli.model.declaration import (
    Category,
    CategoryTotal,
    CategoryValue,
    Figure,
    Labels,
    Outputs,
    ReportKind,
    Rule,
)
from danvan_cli.model.messages import MODEL_LABELS


def _labels(code: str) -> Labels:
    """A name as model.messages words it."""
    return Labels(**MODEL_LABELS[code])


def _value(code: str, pattern: str) -> CategoryValue:
    return CategoryValue(code=code, labels=_labels(code), patterns=(pattern,))


PROGRAM = Category(
    code="program",
    labels=_labels("program"),
    patterns=(r"chương trình|phong trào|program",),
    values=(
        _value("tu_quan", r"tự quản|self"),
        _value("dan_van_kheo", r"dân vận khéo|\bdvk\b|skil"),
    ),
)
FIELD = Category(
    code="field",
    labels=_labels("field"),
    patterns=(r"^(lĩnh vực|field|sector)( mô hình| hoạt động)?$",),
    values=(
        _value("kinh_te", r"kinh tế|\bkt\b|econom"),
        _value(
            "van_hoa_xa_hoi",
            r"văn hoá|xã hội|\bvhxh\b|\bvh-xh\b|đô thị|cultur|social",
        ),
        _value(
            "quoc_phong_an_ninh",
            r"quốc phòng|an ninh|\bqp\b|\banqp\b|\bqpan\b|\ban-qp\b|\bantt\b|defen[cs]e|securit",
        ),
        _value(
            "xay_dung_he_thong_chinh_tri",
            r"xây dựng đảng|chính quyền|hệ thống chính trị|\bxd[đd]\b|\bhtct\b|\bxd đảng|party"
            r"|government|politic",
        ),
    ),
)
RECOGNITION_LEVEL = Category(
    code="recognition_level",
    labels=_labels("recognition_level"),
    patterns=(r"^(cấp|level)( công nhận| đăng k[ýí]| mô hình)?$",),
    values=(
        _value("tinh", r"\btỉnh\b|provinc"),
        _value(
            "huyen",
            r"\bhuyện\b|\bthị xã\b|\bthành phố\b|\bquận\b|district|\btown\b|\bcity\b",
        ),
        _value("xa", r"\bxã\b|\bphường\b|\bthị trấn\b|commune|\bward\b"),
        _value(
            "co_so",
            r"cơ sở|\bthôn\b|\bbản\b|tổ dân phố|khu dân cư|grassroots|village",
        ),
    ),
)
# Kinds of self-managed model (seed 000). Narrow phrases only: a column headed just
# "Kinh tế" or "Văn hóa" is a field.
TOPIC = Category(
    code="topic",
    labels=_labels("topic"),
    patterns=(r"^(loại|nội dung|chủ đề)( mô hình)?$|^(topic|kind|type)( of model)?$",),
    values=(
        _value(
            "ve_sinh_moi_truong",
            r"môi trường|vệ sinh|rác thải|environment|sanitation",
        ),
        _value(
            "van_hoa_dan_toc",
            r"bản sắc|bảo tồn|văn hoá dân tộc|văn hoá truyền thống|ethnic",
        ),
        _value(
            "cuoi_tang_van_minh",
            r"việc cưới|việc tang|cưới hỏi|cưới,tang|tang lễ|wedding|funeral",
        ),
        _value(
            "lien_ket_kinh_te",
            r"liên kết|phát triển kinh tế|economic link",
        ),
        _value(
            "te_nan_xa_hoi",
            r"tệ nạn|cờ bạc|ma tuý|social evil|gambl|drug",
        ),
        _value(
            "toi_pham_giao_thong",
            r"tội phạm|trật tự|giao thông|atgt|crime|traffic",
        ),
        _value(
            "bao_luc_gia_dinh",
            r"bạo lực|domestic violence",
        ),
        _value(
            "tao_hon",
            r"tảo hôn|cận huyết|child marriage|early marriage",
        ),
        _value("gia_dinh_hanh_phuc", r"hạnh phúc|happy famil"),
        _value("khac", r"^khác$|^other$"),
    ),
)
VALUE_ORDER: dict[str, tuple[str, ...]] = {
    "program": ("dan_van_kheo", "tu_quan"),
    "field": ("kinh_te", "quoc_phong_an_ninh", "xay_dung_he_thong_chinh_tri", "van_hoa_xa_hoi"),
    "recognition_level": ("huyen", "tinh", "xa", "co_so"),
    "topic": (
        "toi_pham_giao_thong",
        "te_nan_xa_hoi",
        "bao_luc_gia_dinh",
        "tao_hon",
        "gia_dinh_hanh_phuc",
        "cuoi_tang_van_minh",
        "ve_sinh_moi_truong",
        "van_hoa_dan_toc",
        "lien_ket_kinh_te",
        "khac",
    ),
}
_CATEGORIES = ("program", "field", "recognition_level", "topic")


def _status(code: str, pattern: str) -> Figure:
    """Models that reached a status: each implies the ones before it. Models in
    existence are a stock."""
    return Figure(
        code=code,
        labels=_labels(code),
        patterns=(pattern,),
        split_by=_CATEGORIES,
        over_time="stock",
    )


_RECOGNIZED = Labels(vi="Mô hình công nhận phải đã đăng ký", en="Recognised models registered")
_COMMENDED = Labels(vi="Mô hình biểu dương phải đã công nhận", en="Commended models recognised")

RULES: tuple[Rule, ...] = (
    Rule(
        code="recognized_registered",
        left="recognized",
        op="<=",
        right="registered",
        problem="model_status_order",
        message=_RECOGNIZED,
    ),
    Rule(
        code="commended_recognized",
        left="commended",
        op="<=",
        right="recognized",
        problem="model_status_order",
        message=_COMMENDED,
    ),
    Rule(
        code="recognized_registered_sums",
        left="recognized",
        op="<=",
        right="registered",
        scope="unit",
        problem="status_exceeds",
        message=_RECOGNIZED,
    ),
    Rule(
        code="commended_recognized_sums",
        left="commended",
        op="<=",
        right="recognized",
        scope="unit",
        problem="status_exceeds",
        message=_COMMENDED,
    ),
)

MODELS = ReportKind(
    name="models",
    labels=Labels(vi='Mô hình tự quản, "Dân vận khéo"', en="Community models"),
    categories=(PROGRAM, FIELD, RECOGNITION_LEVEL, TOPIC),
    rules=RULES,
    figures=(
        _status(
            "registered",
            r"^(đã |được )?đăng k[ýí]$|^số (lượng )?(mô hình |mh )?(đã )?đăng k[ýí]|^registered",
        ),
        _status("recognized", r"công nhận|recogni[sz]ed"),
        _status("commended", r"biểu dương|tiêu biểu|khen thưởng|commended"),
    ),
    # The JSON is indented whole; its total holds the registered models per code of each
    # category (`by_field`) and every status per code (`statuses_by_field`). The terminal's
    # tables, narrow, leave out the units' registered models per kind of model.
    outputs=Outputs(
        traced=False,
        indent=2,
        ratio_units=False,
        counted="registered",
        totals=tuple(
            CategoryTotal(category=code, counted=f"by_{name}", figures=f"statuses_by_{name}")
            for code, name in (
                ("field", "field"),
                ("recognition_level", "level"),
                ("program", "program"),
                ("topic", "topic"),
            )
        ),
        terminal_hidden=tuple(v.code for v in TOPIC.values),
    ),
    reading="models",
)


def ordered_values(category: str) -> tuple[CategoryValue, ...]:
    """A category's values in the order their wordings are tried."""
    declared = MODELS.category(category)
    return tuple(declared.value(code) for code in VALUE_ORDER[category])
