"""titles: the units a title line names, and the words that only look like unit types."""

from __future__ import annotations

import pytest

from danvan_cli.titles import units_in_title


@pytest.mark.parametrize(
    ("title", "units"),
    [
        ("ỦY BAN MTTQ VIỆT NAM XÃ LONG VĨNH", {"commune": "Xã Long Vĩnh"}),
        ("HUYỆN CHÂU THÀNH", {"district": "Huyện Châu Thành"}),
        ("Quận Ba Đình", {"district": "Quận Ba Đình"}),
        ("TỈNH HẬU GIANG", {"province": "Tỉnh Hậu Giang"}),
        ("Thị xã Hồng Lĩnh", {"district": "Thị xã Hồng Lĩnh"}),
        ("UBND XA LONG VINH", {"commune": "Xa Long Vinh"}),  # typed without tone marks
        ("BÁO CÁO SỐ MÔ HÌNH TỰ QUẢN Ở CƠ SỞ", {}),  # quản, not quận
        ("Danh sách tổ tự quản an ninh trật tự", {}),
        ("BÁO CÁO TÌNH HÌNH TỔ CHỨC HỘI", {}),  # tình, not tỉnh
        ("Hỗ trợ vùng sâu vùng xa", {}),  # xa, not xã
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {}),
    ],
)
def test_units_named_in_a_title(title, units):
    found = units_in_title([[None], [title]])
    assert {level: name for level, (name, _row) in found.items()} == units
    assert all(row == 1 for _name, row in found.values())
