"""Legacy font encodings (TCVN3 / VNI) read through Windows-1252: detection and conversion."""

from __future__ import annotations

import shutil
import subprocess
import time
import unicodedata

import pytest

from danvan_cli.text.legacy_encoding import (
    detect_legacy_encoding,
    dominant_legacy_encoding,
    fix_legacy_text,
    from_unicode,
    to_unicode,
)

REAL_NAMES = [
    "Hà Nội",
    "Thôn Đồng Tâm",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "Ấp Xẻo Vông A",
    "Hội Cựu chiến binh",
    "Tổng số hộ",
    "Số hội viên",
    "Người cao tuổi",
    "Quốc phòng - An ninh",
]

MORE_NAMES = [
    "Hội Nông dân",
    "Mặt trận Tổ quốc",
    "Ban Công tác Mặt trận",
    "Đoàn TNCS Hồ Chí Minh",
    "Công đoàn cơ sở",
    "Số ĐV, HV tham gia sinh hoạt",
    "Số hộ có ĐV, HV",
    "Xếp loại: Vững mạnh",
    "Huyện Châu Thành",
    "Xã Đông Phước",
    "Ấp Tân Long",
    "Thị trấn Ngã Sáu",
    "Tổ dân phố số 5",
    "Buôn Ma Thuột",
    "Huyện Krông Pắc",
    "Tỉnh Đắk Lắk",
    "Xã Chư Păh",
    "Huyện M'Đrắk",
    "Khu phố Bình Thuận",
    "Mô hình tự quản về an ninh trật tự",
    "Dân vận khéo",
    "Văn hóa - xã hội",
    "Xây dựng Đảng, chính quyền, hệ thống chính trị",
    "NGƯỜI LẬP BIỂU",
    "TM. BAN THƯỜNG TRỰC",
    "Tổng cộng",
    "Nhà đại đoàn kết",
    "Thuỷ Nguyên",
    "Hoà Bình",
    "Khánh Hoà",
]

# Ordinary Unicode Vietnamese (words and names, NFC, old and new tone placement, many
# made of Latin-1 letters only) that must never be taken for TCVN3 or VNI.
UNICODE_VIETNAMESE = """
Hội Nông dân|Ấp Tân Long|Khoẻ|Khỏe|Hà Nội|Thôn|Xã|Huyện|Tỉnh|Phường|Thị trấn|Đặc khu
Thôn Đông|Ấp 1|Ấp 2|Bản Phố|Buôn Đôn|Làng Mới|Khóm 3|Tổ dân phố 4|Khu phố 5|Khu vực 6
Mặt trận Tổ quốc|MTTQ|Ban Công tác Mặt trận|Hội LHPN|Phụ nữ|Đoàn Thanh niên|Đoàn TN
Hội Cựu chiến binh|Hội CCB|CCB|Công đoàn|Công đoàn cơ sở|LĐLĐ|Hội Người cao tuổi|NCT
chi hội|chi đoàn|tổ hội|phân hội|hội viên|đoàn viên|Số chi hội|Số hội viên|Tổng số hộ
Số hộ có ĐV, HV|Số ĐV, HV tham gia sinh hoạt|Vững mạnh|Khá|Trung bình|Yếu|Xếp loại
Cà Mau|Tây Ninh|Lâm Bình|Hoà Bình|Hòa Bình|Khánh Hoà|Khánh Hòa|Thanh Hoá|Thanh Hóa
Toà án|Khoá học|Xoá đói|Hoá chất|Thuỷ lợi|Thủy lợi|Quý|Quí|Thuý|Thúy|Tuý|Thuỵ|Hoè
Lâm Đồng|Bình Dương|Bình Phước|Bình Thuận|Bình Định|Bà Rịa|Vũng Tàu|Đồng Nai|Long An
Tiền Giang|Bến Tre|Trà Vinh|Vĩnh Long|Đồng Tháp|An Giang|Kiên Giang|Cần Thơ|Hậu Giang
Sóc Trăng|Bạc Liêu|Quảng Ninh|Hải Phòng|Hải Dương|Hưng Yên|Thái Bình|Nam Định|Ninh Bình
Hà Nam|Phú Thọ|Vĩnh Phúc|Bắc Ninh|Bắc Giang|Lạng Sơn|Cao Bằng|Hà Giang|Tuyên Quang
Yên Bái|Lào Cai|Điện Biên|Lai Châu|Sơn La|Thái Nguyên|Bắc Kạn|Nghệ An|Hà Tĩnh
Quảng Bình|Quảng Trị|Thừa Thiên Huế|Huế|Đà Nẵng|Quảng Nam|Quảng Ngãi|Bình Định|Phú Yên
Khánh Hòa|Ninh Thuận|Kon Tum|Gia Lai|Đắk Lắk|Đắk Nông|Hồ Chí Minh|Thủ Đức|Gò Vấp
Tân Bình|Tân Phú|Bình Thạnh|Phú Nhuận|Củ Chi|Hóc Môn|Nhà Bè|Cần Giờ|Châu Thành
Long Mỹ|Vị Thanh|Ngã Bảy|Phụng Hiệp|Vị Thủy|Long Bình|Đông Phước|Ấp Dưới|Ấp Trên
Ấp Xẻo Vông A|Xẻo Môn|Cái Răng|Ô Môn|Thốt Nốt|Phong Điền|Cờ Đỏ|Vĩnh Thạnh|Thới Lai
Hồng Lĩnh|Lâm Bình|Như Xuân|Long Vĩnh|Đông Anh|Sóc Sơn|Gia Lâm|Thanh Trì|Ba Vì
Quốc phòng - An ninh|Kinh tế|Văn hóa - xã hội|Văn hoá - xã hội|xây dựng Đảng
chính quyền|hệ thống chính trị|cấp tỉnh|cấp huyện|cấp xã|cơ sở|công nhận|biểu dương
mô hình tự quản|Dân vận khéo|môi trường|an ninh trật tự|an toàn giao thông
cưới văn minh|tang văn minh|không bạo lực gia đình|tháng|quý|năm|6 tháng đầu năm
9 tháng|cả năm|Quý I|Quý II|Quý III|Quý IV|Năm 2020|Tháng 12|Ngày 15
Nguyễn Văn An|Trần Thị Bình|Lê Văn Cường|Phạm Thị Dung|Hoàng Văn Em|Huỳnh Thị Giang
Phan Văn Hùng|Vũ Thị Hoa|Võ Văn Khoa|Đặng Thị Lan|Bùi Văn Minh|Đỗ Thị Nga|Hồ Văn Phúc
Ngô Thị Quyên|Dương Văn Sơn|Lý Thị Tâm|Đinh Văn Toàn|Trương Thị Uyên|Mai Văn Vinh
Tô Thị Xuân|Lương Văn Yên|Chu Thị Ánh|Tạ Văn Bảo|Lâm Thị Châu|Cao Văn Đạt|Kiều Thị Én
Người lập biểu|Trưởng ban|Phó trưởng ban|Chủ tịch|Phó Chủ tịch|Bí thư|Phó Bí thư
Thường trực|Ủy ban|Uỷ ban|Ủy ban nhân dân|Hội đồng nhân dân|HĐND|UBND|Đảng ủy|Đảng uỷ
Ghi chú|Đơn vị|Đơn vị tính|Tỷ lệ|Tỉ lệ|Số lượng|Kết quả|Chỉ tiêu|Thực hiện|So sánh
công trình|phần việc|nhà tình nghĩa|nhà đại đoàn kết|học bổng|thoát nghèo|hộ nghèo
tỷ đồng|triệu đồng|nghìn đồng|đồng|Tổng|Cộng|Tổng cộng|Cộng dồn|Lũy kế|Luỹ kế
Bà Triệu|Lê Lợi|Trần Hưng Đạo|Hai Bà Trưng|Lý Thường Kiệt|Quang Trung|Nguyễn Trãi
Xuân|Hạ|Thu|Đông|Sáng|Chiều|Tối|Ngõ|Ngách|Hẻm|Đường|Phố|Số nhà|Khu|Cụm|Xóm|Đội
Tà Xùa|Mù Cang Chải|Sìn Hồ|Mường Tè|Mèo Vạc|Đồng Văn|Bát Xát|Sa Pa|Si Ma Cai
Ea Súp|Ea H'leo|Krông Bông|Đạ Tẻh|Đạ Huoai|Chư Sê|Ia Grai|Mang Yang|Đắk Glei
Bảo Lộc|Đà Lạt|Di Linh|Đơn Dương|Lạc Dương|Cát Tiên|Bảo Lâm|Lâm Hà|Đam Rông
CÀ MAU|TÂY NINH|LÂM BÌNH|HOÀ BÌNH|KHOÁ|HỘI NÔNG DÂN|ĐOÀN THANH NIÊN|TỔNG CỘNG|CỘNG
cà phê|bánh mì|phở|chè|trà|cá|gà|bò|lúa|ngô|khoai|sắn|mía|điều|tiêu|cao su|dừa
Bé|Bè|Bẻ|Bẽ|Bẹ|Cá|Cà|Cả|Cã|Cạ|Ô|Ơ|Ư|Á|À|Ả|Ã|Ạ|Ấp|Ở|Ủy|Ý|Ỷ|Ỳ|Ỹ|Ỵ|ý kiến|ở|ấy
""".strip()

UNICODE_WORDS = [w for line in UNICODE_VIETNAMESE.splitlines() for w in line.split("|")]

ASCII_STRINGS = [
    "",
    "Ap 1",
    "STT",
    "TT",
    "Tong so",
    "Thon 3",
    "Huyen",
    "HND",
    "HLHPN",
    "UBND",
    "MTTQ",
    "CCB",
    "NCT",
    "TDP",
    "1.234",
    "81,84%",
    "-",
    "2020",
    "Q1/2020",
    "Sheet1",
    "Total",
    "I",
    "II",
    "III",
    "IV",
    "a",
    "ABC",
    "x",
    "N/A",
    "#REF!",
]

WESTERN_AND_SYMBOLS = [
    "Müller",
    "Straße",
    "Ærø",
    "Zürich",
    "naïve",
    "Café",
    "Señor",
    "São Paulo",
    "Ångström",
    "Øresund",
    "Björk",
    "Façade",
    "Crème brûlée",
    "Déjà vu",
    "Garçon",
    "résumé",
    "über",
    "Noël",
    "Père",
    "piñata",
    "jalapeño",
    "Málaga",
    "Córdoba",
    "Göteborg",
    "château",
    "hôtel",
    "forêt",
    "élève",
    "août",
    "Citroën",
    "Jürgen",
    "Gérard",
    "Hélène",
    "Zoë",
    "Chloé",
    "niño",
    "mañana",
    "Brontë",
    "Dürer",
    "smørrebrød",
    "Þór",
    "Æsir",
    "© 2020",
    "® Brand",
    "25°C",
    "±5%",
    "½ cup",
    "§ 3",
    "« Bonjour »",
    "5 × 3",
    "10 ÷ 2",
    "µg/l",
    "¼",
    "Total €",
    "Café Tân",
    "“Dân vận khéo”",
    "Cà Mau – 2020",
]


def _variants(name: str) -> list[str]:
    return [name, name.upper(), name.lower(), unicodedata.normalize("NFD", name)]


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize(
    ("legacy", "expected", "encoding"),
    [
        ("Hµ Néi", "Hà Nội", "tcvn3"),
        ("Th«n", "Thôn", "tcvn3"),
        ("Héi N«ng d©n", "Hội Nông dân", "tcvn3"),
        ("Sè §V, HV tham gia sinh ho¹t", "Số ĐV, HV tham gia sinh hoạt", "tcvn3"),
        ("Quèc phßng – An ninh", "Quốc phòng – An ninh", "tcvn3"),
        ("NhiÖt ®é 25°C", "Nhiệt độ 25°C", "tcvn3"),
        ("Haø Noäi", "Hà Nội", "vni"),
        ("Hoäi Noâng daân", "Hội Nông dân", "vni"),
        ("Thoân Taân Long", "Thôn Tân Long", "vni"),
        ("Xaõ Ñoâng Phöôùc", "Xã Đông Phước", "vni"),
        ("Soá ÑV, HV tham gia sinh hoaït", "Số ĐV, HV tham gia sinh hoạt", "vni"),
        ("PHUÙ THOÏ", "PHÚ THỌ", "vni"),
        ("VÓNH LONG", "VĨNH LONG", "vni"),
    ],
)
def test_known_gibberish_is_detected_and_converted(legacy, expected, encoding):
    assert detect_legacy_encoding(legacy) == encoding
    assert to_unicode(legacy, encoding) == expected
    assert fix_legacy_text(legacy) == (expected, encoding)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("name", REAL_NAMES + MORE_NAMES)
def test_round_trip_real_names(name, encoding):
    legacy = from_unicode(name, encoding)
    assert legacy != name
    assert legacy.encode("cp1252")  # what a legacy-font cell holds: Windows-1252 text
    assert detect_legacy_encoding(legacy) == encoding
    assert to_unicode(legacy, encoding) == name
    assert fix_legacy_text(legacy) == (name, encoding)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("name", REAL_NAMES)
def test_round_trip_in_capitals(name, encoding):
    upper = name.upper()
    legacy = from_unicode(upper, encoding)
    assert fix_legacy_text(legacy) == (upper, encoding)


def test_round_trip_uses_the_inverse_tables():
    assert from_unicode("Hà Nội", "tcvn3") == "Hµ Néi"
    assert from_unicode("Thôn", "tcvn3") == "Th«n"
    assert from_unicode("Hội Nông dân", "tcvn3") == "Héi N«ng d©n"
    assert from_unicode("Hà Nội", "vni") == "Haø Noäi"
    assert from_unicode("Hội Nông dân", "vni") == "Hoäi Noâng daân"
    # TCVN3 has no code for a capital with a tone: the lower-case code stands for it.
    assert from_unicode("Ấp", "tcvn3") == "Êp" == from_unicode("ấp", "tcvn3")
    assert from_unicode("Người", "tcvn3") == "Ng\u00adêi"  # ư is 0xAD, the soft hyphen
    assert from_unicode("Người", "vni") == "Ngöôøi"


# ------------------------------------------------------------------- the tables


# TCVN3 (VN3) bytes 0xA1-0xFE in order; "-" marks a byte that VN3 leaves unused.
# Written out from glibc's TCVN5712-1 and checked against the XFree86 X-TrueType table.
TCVN3_EXPECTED = (
    "ĂÂÊÔƠƯĐăâêôơưđ-"  # 0xA1-0xAF
    "-----àảãáạ-ằẳẵắ-"  # 0xB0-0xBF
    "------ặầẩẫấậè-ẻẽ"  # 0xC0-0xCF
    "éẹềểễếệìỉ---ĩíịò"  # 0xD0-0xDF
    "-ỏõóọồổỗốộờởỡớợù"  # 0xE0-0xEF
    "-ủũúụừửữứựỳỷỹýỵ"  # 0xF0-0xFE
)


def test_tcvn3_table_byte_by_byte():
    assert len(TCVN3_EXPECTED) == 0xFE - 0xA1 + 1
    for offset, expected in enumerate(TCVN3_EXPECTED):
        char = bytes([0xA1 + offset]).decode("cp1252")
        # After a lower-case ASCII letter, so that no capitalisation rule applies.
        got = to_unicode("x" + char, "tcvn3")
        if expected == "-":
            assert got == "x" + char, hex(0xA1 + offset)
        else:
            assert got == "x" + expected, hex(0xA1 + offset)
            assert from_unicode(expected, "tcvn3") == char


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc iconv")
def test_tcvn3_table_agrees_with_glibc():
    codes = [0xA1 + i for i, ch in enumerate(TCVN3_EXPECTED) if ch != "-"]
    done = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
        input=bytes(codes),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1 here")
    glibc = unicodedata.normalize("NFC", done.stdout.decode("utf-8"))
    ours = "".join(to_unicode("x" + bytes([c]).decode("cp1252"), "tcvn3")[1:] for c in codes)
    assert ours == glibc


# VNI: base, then the five tones (sắc, huyền, hỏi, ngã, nặng), as in xvnkb's vni.h.
VNI_EXPECTED = [
    ("a aù aø aû aõ aï", "a á à ả ã ạ"),
    ("aâ aá aà aå aã aä", "â ấ ầ ẩ ẫ ậ"),
    ("aê aé aè aú aü aë", "ă ắ ằ ẳ ẵ ặ"),
    ("e eù eø eû eõ eï", "e é è ẻ ẽ ẹ"),
    ("eâ eá eà eå eã eä", "ê ế ề ể ễ ệ"),
    ("o où oø oû oõ oï", "o ó ò ỏ õ ọ"),
    ("oâ oá oà oå oã oä", "ô ố ồ ổ ỗ ộ"),
    ("ô ôù ôø ôû ôõ ôï", "ơ ớ ờ ở ỡ ợ"),
    ("u uù uø uû uõ uï", "u ú ù ủ ũ ụ"),
    ("ö öù öø öû öõ öï", "ư ứ ừ ử ữ ự"),
    ("i í ì æ ó ò", "i í ì ỉ ĩ ị"),
    ("y yù yø yû yõ î", "y ý ỳ ỷ ỹ ỵ"),
    ("ñ", "đ"),
]


@pytest.mark.parametrize(("vni", "unicode"), VNI_EXPECTED)
def test_vni_table(vni, unicode):
    for legacy, expected in zip(vni.split(), unicode.split(), strict=True):
        for leg, exp in ((legacy, expected), (legacy.upper(), expected.upper())):
            assert to_unicode("x" + leg, "vni") == "x" + exp, leg
            if leg != exp:
                assert from_unicode(exp, "vni") == leg


def test_vni_marks_in_either_case():
    # After UPPER() or a change-case command the mark may not follow its base letter.
    assert to_unicode("Aø", "vni") == "À"
    assert to_unicode("aØ", "vni") == "à"
    assert to_unicode("NOÄI", "vni") == "NỘI"


# ------------------------------------------------------------ nothing else is touched


def test_corpus_is_large_enough():
    assert len(UNICODE_WORDS) >= 200
    assert len(set(UNICODE_WORDS)) >= 200


@pytest.mark.parametrize("text", UNICODE_WORDS)
def test_unicode_vietnamese_is_not_flagged(text):
    for variant in _variants(text):
        assert detect_legacy_encoding(variant) is None, variant
        assert fix_legacy_text(variant) == (variant, None)


@pytest.mark.parametrize("text", ASCII_STRINGS + WESTERN_AND_SYMBOLS)
def test_ascii_and_western_text_is_not_flagged(text):
    assert detect_legacy_encoding(text) is None
    assert fix_legacy_text(text) == (text, None)


@pytest.mark.parametrize("value", [None, 12, 3.5, b"H\xb5"])
def test_non_text_is_not_flagged(value):
    assert detect_legacy_encoding(value) is None


def test_all_administrative_unit_names():
    vietnam_provinces = pytest.importorskip("vietnam_provinces")
    names = {p.name for p in vietnam_provinces.Province.iter_all()}
    names |= {w.name for w in vietnam_provinces.Ward.iter_all()}
    assert len(names) > 3000
    flagged = [v for n in names for v in _variants(n) if detect_legacy_encoding(v)]
    assert flagged == []
    wrong = []
    for name in names:
        for encoding in ("tcvn3", "vni"):
            legacy = from_unicode(name, encoding)
            if legacy != name and fix_legacy_text(legacy) != (name, encoding):
                wrong.append((name, encoding, legacy, fix_legacy_text(legacy)))
    # VNI "Sôn La" is also valid Unicode: left alone without the sheet's preference.
    # "Xã SRó" comes back as "XÃ SRÓ" ("SRã" looks like a word typed in capitals).
    assert sorted(w[0] for w in wrong) == ["Sơn La", "Xã SRó"]
    # In capitals, short TCVN3 names lose their case ("X· Mü Lý" reads as a capitalised
    # name) but almost never their letters.
    case_only = letters_wrong = 0
    for name in names:
        upper = name.upper()
        for encoding in ("tcvn3", "vni"):
            fixed, _ = fix_legacy_text(from_unicode(upper, encoding))
            case_only += fixed != upper and fixed.casefold() == upper.casefold()
            letters_wrong += fixed.casefold() != upper.casefold()
    assert case_only <= 60
    assert letters_wrong <= 3  # "SÔN LA" (VNI, also valid Unicode), "NGHÖ AN" (read as VNI)


# ---------------------------------------------------------- capitals and ambiguity


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("HéI N«NG D©N", "HỘI NÔNG DÂN"),  # .VnTimeH: lower-case codes drawn as capitals
        ("THÞ TR¢N", "THỊ TRÂN"),
        ("X· NAM DONG", "XÃ NAM DONG"),
        ("Êp T©n Long", "Ấp Tân Long"),  # no code for Ấ: the first word gets a capital
        ("Êp 1", "Ấp 1"),
        ("ë x· T©n Long", "Ở xã Tân Long"),
        ("ñy ban nh©n d©n", "Ủy ban nhân dân"),
        ("Sè §V, HV, UBND", "Số ĐV, HV, UBND"),  # abbreviations are not words in capitals
        ("X· Mü Lý", "Xã Mỹ Lý"),  # a capitalised name, not capitals
        ("Héi Cùu chiÕn binh", "Hội Cựu chiến binh"),
    ],
)
def test_tcvn3_capitals(legacy, expected):
    assert fix_legacy_text(legacy) == (expected, "tcvn3")


def test_valid_unicode_wins_over_a_legacy_reading():
    # "Hoà" is valid Unicode and also valid VNI ("Hồ"): on its own, Unicode wins.
    assert detect_legacy_encoding("Hoà Bình") is None
    assert detect_legacy_encoding("Sôn La") is None  # VNI "Sơn La", also valid Unicode
    assert detect_legacy_encoding("Céng") is None  # TCVN3 "Cộng", also valid Unicode


def test_the_sheet_never_overrides_valid_unicode():
    # A legacy sheet often has Unicode headers: "Thôn" must not become TCVN3 "Thụn".
    assert fix_legacy_text("Thôn", prefer="tcvn3") == ("Thôn", None)
    assert fix_legacy_text("Thôn", prefer="vni") == ("Thôn", None)
    assert fix_legacy_text("Xã", prefer="tcvn3") == ("Xã", None)
    assert fix_legacy_text("Sôn La", prefer="vni") == ("Sôn La", None)
    # A longer text carries the evidence that a single word lacks.
    assert fix_legacy_text("Céng") == ("Céng", None)
    assert fix_legacy_text("Tæng céng") == ("Tổng cộng", "tcvn3")
    assert fix_legacy_text("Céng x· T©n Long") == ("Cộng xã Tân Long", "tcvn3")


def test_rare_rhymes_lose_a_tie():
    # VNI "Coäng" is "Cộng"; read as TCVN3 it would be the rare "Coọng".
    assert fix_legacy_text("Coäng") == ("Cộng", "vni")
    assert fix_legacy_text("Toång coäng") == ("Tổng cộng", "vni")


def test_tie_between_encodings_follows_the_sheet():
    # "Cæ": TCVN3 "Cổ", VNI "Cỉ".
    assert detect_legacy_encoding("Cæ") == "tcvn3"
    assert detect_legacy_encoding("Cæ", prefer="vni") == "vni"
    sheet = ["Haø Noäi", "Thoân Ñoàng Taâm", "Cæ", "Toång soá hoä", "STT", 12]
    assert dominant_legacy_encoding(sheet) == "vni"
    assert fix_legacy_text("Cæ", prefer=dominant_legacy_encoding(sheet)) == ("Cỉ", "vni")
    assert dominant_legacy_encoding(["Hµ Néi", "Th«n", "Cæ"]) == "tcvn3"
    assert dominant_legacy_encoding(["Hà Nội", "STT"]) is None
    assert dominant_legacy_encoding(["Hµ Néi"], min_count=2) is None


def test_unknown_encoding_is_an_error():
    with pytest.raises(ValueError):
        to_unicode("x", "viscii")
    with pytest.raises(ValueError):
        from_unicode("x", "viscii")


# ------------------------------------------------------------------------- speed


def test_thousands_of_values_are_fast():
    values = []
    for i in range(2000):
        name = f"{REAL_NAMES[i % len(REAL_NAMES)]} {i}"
        values += [name, from_unicode(name, "tcvn3"), from_unicode(name, "vni"), f"Ap {i}"]
    start = time.perf_counter()
    results = [fix_legacy_text(v) for v in values]
    elapsed = time.perf_counter() - start
    assert sum(enc is not None for _, enc in results) == 4000
    assert elapsed < 2.0, elapsed


# ----------------------------------------------------------------- fixture files


@pytest.mark.parametrize("name", ["membership_tcvn3.xls", "membership_vni.xls"])
def test_legacy_fixture_converts_to_the_clean_fixture(name):
    from pathlib import Path

    from python_calamine import CalamineWorkbook

    fixtures = Path(__file__).resolve().parent / "fixtures"

    def read(file: str) -> list[list[object]]:
        workbook = CalamineWorkbook.from_path(str(fixtures / file))
        return workbook.get_sheet_by_index(0).to_python()

    legacy = read(name)
    texts = {v for row in legacy for v in row if isinstance(v, str)}
    encoding = dominant_legacy_encoding(texts)
    assert encoding == name.split("_")[1].split(".")[0]
    fixed = [
        [fix_legacy_text(v, prefer=encoding)[0] if isinstance(v, str) else v for v in row]
        for row in legacy
    ]
    assert fixed == read("membership_clean.xls")
