"""normalize: display text (clean_text), matching keys (fold_key), header keys."""

from __future__ import annotations

import unicodedata

import pytest

from danvan_cli.ingest.headers import header_text
from danvan_cli.text.normalize import clean_text, fold_key, strip_diacritics, unify_tone_placement


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_clean_text_collapses_spaces_and_non_breaking_spaces():
    assert clean_text("  Xã\u00a0 Long   Bình \t\n") == "Xã Long Bình"


def test_clean_text_composes_decomposed_unicode():
    decomposed = nfd("Ấp Hòa Bình")
    assert decomposed != "Ấp Hòa Bình"
    assert clean_text(decomposed) == "Ấp Hòa Bình"


def test_clean_text_keeps_case_and_tone_placement_as_written():
    assert clean_text("Ấp HOÀ Bình") == "Ấp HOÀ Bình"


@pytest.mark.parametrize("value, expected", [(None, ""), ("", ""), ("   ", ""), (12, "12")])
def test_clean_text_of_empty_and_non_text_values(value, expected):
    assert clean_text(value) == expected


@pytest.mark.parametrize(
    "old, new",
    [
        ("Hoà", "Hòa"),
        ("Thuỷ", "Thủy"),
        ("Khoẻ", "Khỏe"),
        ("Ấp Hoà Bình", "Ấp Hòa Bình"),
        ("Phường Thanh Thuỷ", "Phường Thanh Thủy"),
    ],
)
def test_fold_key_treats_old_and_new_tone_placement_alike(old, new):
    assert fold_key(old) == fold_key(new)


def test_fold_key_ignores_case_spaces_and_unicode_form():
    assert fold_key(nfd("  ẤP   HÒA  BÌNH ")) == fold_key("Ấp Hòa Bình") == "ấp hoà bình"


@pytest.mark.parametrize(
    "first, second",
    [("Hòa", "Hóa"), ("Ấp 1", "Ấp 2"), ("Đông", "Dông"), ("Ân", "An"), ("Thủy", "Thúy")],
)
def test_fold_key_keeps_different_names_apart(first, second):
    assert fold_key(first) != fold_key(second)


def test_tone_moves_only_at_the_end_of_a_syllable():
    # "Hoàng": the tone is already on the a; nothing to move.
    assert unify_tone_placement("Hoàng") == "Hoàng"
    assert unify_tone_placement("Hòa") == "Hoà"
    assert unify_tone_placement("Quỳnh") == "Quỳnh"


@pytest.mark.parametrize(
    "header, expected",
    [
        ("Số hộ", "so ho"),
        ("Đoàn thể", "doan the"),
        ("Số ĐV, HV", "so dv, hv"),
        ("Ấp/Khu vực", "ap/khu vuc"),
        ("  TỔNG  SỐ HỘ ", "tong so ho"),
    ],
)
def test_strip_diacritics(header, expected):
    assert strip_diacritics(header) == expected
    assert strip_diacritics(nfd(header)) == expected


def test_clean_text_treats_every_kind_of_space_as_one_space():
    """Tabs, line breaks, ideographic and em spaces collapse like ordinary spaces; a
    zero-width space is not a space and stays."""
    assert clean_text("\t Xã\u00a0\u2003Long\nVĩnh\u3000 ") == "Xã Long Vĩnh"
    assert clean_text("Thôn\u200b1") == "Thôn\u200b1"


def test_header_text_drops_spaces_around_punctuation_only():
    assert header_text(" Số ĐV , HV / chi hội ") == "so dv,hv/chi hoi"
    assert header_text("Tổng số hộ.") == "tong so ho"
    assert header_text("Thôn 1") == "thon 1"


@pytest.mark.parametrize(
    ("name", "without"),
    [
        ("TỈNH HẬU GIANG", "HẬU GIANG"),
        ("Thị xã Long Mỹ", "Long Mỹ"),  # "thị xã", not its "xã"
        ("ĐẶC KHU PHÚ QUỐC", "PHÚ QUỐC"),
        ("TP. Huế", "Huế"),  # a type word written short
        ("Long Vĩnh", "Long Vĩnh"),  # none
        ("Xã", "Xã"),  # a type word alone is no unit's
    ],
)
def test_a_unit_name_without_its_type_word_as_written(name, without):
    from danvan_cli.text.normalize import without_type_word

    assert without_type_word(name) == without
