"""Wordings of headers and values (Vietnamese and English) -> the canonical codes of DOMAIN.md."""

from __future__ import annotations

import pytest

from danvan_cli.ingest.headers import header_field
from danvan_cli.kinds.models_load import model_key
from danvan_cli.kinds.models_vocabulary import (
    MODEL_HEADERS,
    category_code,
    mark_value,
    program_in_text,
)


@pytest.mark.parametrize(
    "written, code",
    [
        ("Kinh tế", "kinh_te"),
        ("Lĩnh vực kinh tế", "kinh_te"),
        ("Economy", "kinh_te"),
        ("Văn hóa - Xã hội", "van_hoa_xa_hoi"),
        ("Văn hoá - Xã hội", "van_hoa_xa_hoi"),
        ("VHXH", "van_hoa_xa_hoi"),
        ("VHXH và chỉnh trang đô thị", "van_hoa_xa_hoi"),
        ("QP-AN", "quoc_phong_an_ninh"),
        ("ANQP", "quoc_phong_an_ninh"),
        ("Quốc phòng - An ninh", "quoc_phong_an_ninh"),
        ("Defence and security", "quoc_phong_an_ninh"),
        ("Xây dựng Đảng, chính quyền", "xay_dung_he_thong_chinh_tri"),
        ("Xây dựng hệ thống chính trị", "xay_dung_he_thong_chinh_tri"),
        ("xay_dung_he_thong_chinh_tri", "xay_dung_he_thong_chinh_tri"),
        ("Nông nghiệp", None),
        ("", None),
        ("Urban", None),  # an English word for a place, not the field
        ("Van hoa - Xa hoi", "van_hoa_xa_hoi"),  # typed without marks
        ("Văn học", None),
    ],
)
def test_field_wordings(written, code):
    assert category_code("field", written) == code


@pytest.mark.parametrize(
    "written, code",
    [
        ("Cấp tỉnh", "tinh"),
        ("Tỉnh", "tinh"),
        ("Cấp thị xã", "huyen"),
        ("Cấp huyện", "huyen"),
        ("Cấp thành phố", "huyen"),
        ("Cấp xã", "xa"),
        ("Cấp phường", "xa"),
        ("Cơ sở", "co_so"),
        ("Province level", "tinh"),
        ("Cấp trung ương", None),
        ("Bán công", None),  # not "Bản"
        ("Bản", "co_so"),
    ],
)
def test_level_wordings(written, code):
    assert category_code("recognition_level", written) == code


@pytest.mark.parametrize(
    "written, code",
    [
        ("Đăng ký", "registered"),
        ("Chưa công nhận", "registered"),
        ("Không công nhận", "registered"),
        ("Đã công nhận", "recognized"),
        ("Được công nhận", "recognized"),
        ("Biểu dương", "commended"),
        ("Tiêu biểu", "commended"),
        ("Recognised", "recognized"),
        ("Đang chờ", None),
        # a phrase of several parts: the highest status it grants
        ("Đã công nhận, chưa biểu dương", "recognized"),
        ("Đăng ký và được công nhận", "recognized"),
        ("Đã đăng ký, đã công nhận", "recognized"),
        ("Công nhận cấp tỉnh, chưa khen", "recognized"),
        ("Công nhận và biểu dương", "commended"),
        ("Đã đăng ký; chưa công nhận", "registered"),
        ("Chưa công nhận, đề nghị công nhận", "registered"),
        # parts naming no status are passed over
        ("Đã công nhận (QĐ số 123/QĐ-UBND)", "recognized"),
        ("Công nhận ngày 15/8/2023", "recognized"),
        ("Đã công nhận năm 2023, cấp huyện", "recognized"),
        ("Đã công nhận và nhân rộng", "recognized"),
        ("Công nhận cấp huyện/tỉnh", "recognized"),
        ("Đăng ký, đang chờ", "registered"),
    ],
)
def test_status_wordings(written, code):
    assert category_code("status", written) == code


@pytest.mark.parametrize(
    "status, written, value",
    [
        ("recognized", "x", 1.0),
        ("recognized", "X", 1.0),
        ("recognized", "✓", 1.0),
        ("recognized", "có", 1.0),
        ("recognized", "1", 1.0),
        ("recognized", "Đã công nhận", 1.0),
        ("recognized", "Biểu dương", 1.0),  # a commended model was recognised
        ("commended", "Đã công nhận", 0.0),  # ... but a recognised one is not commended
        ("recognized", "Chưa công nhận", 0.0),
        ("recognized", "", 0.0),
        ("recognized", None, 0.0),
        ("recognized", "-", 0.0),
        ("recognized", "không", 0.0),
        ("recognized", "2", None),
        ("recognized", "??", None),
    ],
)
def test_marks(status, written, value):
    assert mark_value(status, written) == value


@pytest.mark.parametrize(
    "written, code",
    [
        ("Vệ sinh môi trường", "ve_sinh_moi_truong"),
        ("Giữ gìn bản sắc văn hóa dân tộc", "van_hoa_dan_toc"),
        ("Việc cưới, việc tang", "cuoi_tang_van_minh"),
        ("Liên kết phát triển kinh tế", "lien_ket_kinh_te"),
        ("Nói không với tệ nạn xã hội, cờ bạc", "te_nan_xa_hoi"),
        ("Phòng chống tội phạm, tệ nạn xã hội, đảm bảo TTATGT", "toi_pham_giao_thong"),
        ("Phòng chống bạo lực gia đình", "bao_luc_gia_dinh"),
        ("Nói không với tảo hôn", "tao_hon"),
        ("Vận động xây dựng gia đình hạnh phúc", "gia_dinh_hanh_phuc"),
        ("Khác", "khac"),
        ("Kinh tế", None),  # a field, not a kind
    ],
)
def test_kinds_of_self_managed_models(written, code):
    assert category_code("topic", written) == code


@pytest.mark.parametrize(
    "header, field",
    [
        ("Tên mô hình", "model_name"),
        ("Mô hình", "model_name"),
        ("Tên mô hình Dân vận khéo", "model_name"),
        ("Chương trình", "program"),
        ("Lĩnh vực", "field"),
        ("Cấp", "recognition_level"),
        ("Cấp công nhận", "recognition_level"),
        ("Loại mô hình", "topic"),
        ("Năm", "year"),
        ("Năm công nhận", "year"),
        ("Kết quả", "status"),
        ("Trạng thái", "status"),
        ("Đăng ký", "registered"),
        ("Số mô hình đăng ký", "registered"),
        ("Đã công nhận", "recognized"),
        ("Số mô hình được công nhận", "recognized"),
        ("Biểu dương", "commended"),
        ("Mô hình tiêu biểu", "commended"),
        ("Số mô hình", "count"),
        ("Số lượng", "count"),
        ("Tổng số", "count_total"),
        ("Kinh tế", "kinh_te"),
        ("VHXH", "van_hoa_xa_hoi"),
        ("Lĩnh vực kinh tế", "kinh_te"),
        ("Vệ sinh môi trường", "ve_sinh_moi_truong"),
        ("Liên kết phát triển kinh tế", "lien_ket_kinh_te"),
        ("Phường/Xã", "commune"),
        ("Thị xã", "district"),
        ("STT", "_ignored"),
        ("Tỷ lệ công nhận (%)", "_ratio"),
        ("Đơn vị đăng ký", None),
        ("Ghi chú", None),
        ("Urban", None),
        ("Tình trạng", "status"),  # not the province column
        ("Đăng kí", "registered"),
        ("Ten mo hinh", "model_name"),
    ],
)
def test_model_headers(header, field):
    assert header_field(header, MODEL_HEADERS) == field


def test_model_names_are_matched_after_normalising():
    assert model_key("Mô hình «Tuyến  đường HOA»") == model_key("tuyến đường hoa")
    assert model_key("Tổ hoà giải") == model_key("Tổ hòa giải")
    assert model_key("Tuyến đường hoa") != model_key("Tuyến đường hoa 2")


def test_programme_in_a_title():
    assert program_in_text("DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2018") == "dan_van_kheo"
    assert program_in_text("Bảng tổng hợp mô hình tự quản ở khu dân cư") == "tu_quan"
    assert program_in_text("Mô hình tự quản gắn với Dân vận khéo") is None  # both: not told
    assert program_in_text("Báo cáo năm 2020") is None
