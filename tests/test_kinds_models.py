"""kinds.models: the community models kind declared once, and the wordings and codes the
models readers take from it."""

from __future__ import annotations

import pytest

from danvan_cli.ingest.headers import header_field
from danvan_cli.kinds import models_vocabulary as vocabulary
from danvan_cli.kinds.models import MODELS, VALUE_ORDER
from danvan_cli.model.messages import FIELD_LABELS, label


def test_the_codes_are_the_declared_values_in_order():
    assert vocabulary.STATUSES == ("registered", "recognized", "commended")
    assert MODELS.figure_codes == vocabulary.STATUSES
    assert vocabulary.PROGRAMS == ("tu_quan", "dan_van_kheo")
    assert vocabulary.FIELDS == (
        "kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_he_thong_chinh_tri"
    )  # fmt: skip
    assert vocabulary.RECOGNITION_LEVELS == ("tinh", "huyen", "xa", "co_so")
    assert tuple(vocabulary.TOPIC_FIELDS) == vocabulary.TOPICS
    for category, order in VALUE_ORDER.items():
        assert sorted(order) == sorted(vocabulary.CODES[category])


def test_models_are_a_stock_split_by_every_category():
    for figure in MODELS.figures:
        assert figure.over_time == "stock"  # models in existence (DOMAIN.md)
        assert figure.split_by == ("program", "field", "recognition_level", "topic")


@pytest.mark.parametrize(
    ("category", "written", "code"),
    [
        ("field", "VHXH", "van_hoa_xa_hoi"),
        ("field", "An ninh trật tự", "quoc_phong_an_ninh"),
        ("recognition_level", "Cấp thị xã", "huyen"),  # before "xã": a town is a district
        ("topic", "Tội phạm, trật tự ATGT", "toi_pham_giao_thong"),
        ("program", "Dân vận khéo", "dan_van_kheo"),
        ("program", "Phong trào văn nghệ", None),
    ],
)
def test_cells_are_coded_with_the_declared_wordings(category, written, code):
    assert vocabulary.category_code(category, written) == code


def test_headers_are_matched_with_the_declared_wordings():
    assert header_field("Lĩnh vực", vocabulary.MODEL_HEADERS) == "field"
    assert header_field("Số mô hình đăng ký", vocabulary.MODEL_HEADERS) == "registered"
    assert header_field("Được công nhận", vocabulary.MODEL_HEADERS) == "recognized"
    assert header_field("Vệ sinh môi trường", vocabulary.MODEL_HEADERS) == "ve_sinh_moi_truong"
    assert label(FIELD_LABELS, "recognized", "en") == "Recognised"
    assert label(FIELD_LABELS, "co_so", "vi") == "Cơ sở"
