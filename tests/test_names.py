"""Names as they should print: each unit once in its canonical spelling, in Vietnamese order
by the name after the unit-type word, or as the input or the expected-units list orders
them (--keep-order)."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from danvan_cli.text.collation import unit_sort_key
from danvan_cli.text.normalize import canonical_name, fold_key, unify_tone_placement, unit_key
from tests.commune_files import write_commune_file
from tests.conftest import write_workbook


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("thôn đông hoà", "Thôn Đông Hòa"),
        ("THÔN ĐÔNG HOÀ", "Thôn Đông Hòa"),
        ("  xã   thuỷ  xuân ", "Xã Thủy Xuân"),
        ("xã khoẻ", "Xã Khỏe"),
        ("Xã Quý Hòa", "Xã Quý Hòa"),  # after q the u is the consonant's: "Quý" stays
        ("phường bình thuận", "Phường Bình Thuận"),  # a closed syllable keeps its tone
        ("xã nguyễn huệ", "Xã Nguyễn Huệ"),
        ("TP. Huế", "Thành phố Huế"),
        ("tp hcm", "Thành phố HCM"),  # no vowel: an abbreviation
        ("TDP 3a", "Tổ dân phố 3A"),
        ("phường ii", "Phường II"),
        ("THỊ XÃ LONG MỸ", "Thị xã Long Mỹ"),
        ("ấp 10", "Ấp 10"),
        ("xã ea h'leo", "Xã Ea H'Leo"),
        ("Long Vĩnh", "Long Vĩnh"),
    ],
)
def test_canonical_spelling(written, printed):
    assert canonical_name(written) == printed


def test_tone_placement_both_ways():
    assert unify_tone_placement("Hòa Thủy khỏe") == "Hoà Thuỷ khoẻ"  # the matching keys'
    assert unify_tone_placement("Hoà Thuỷ khoẻ quý", first=True) == "Hòa Thủy khỏe quý"


def test_a_type_word_written_short_is_the_same_unit():
    assert unit_key("TP. Huế") == unit_key("thành phố huế") == "thành phố huế"
    assert unit_key("TDP 3") == unit_key("Tổ dân phố 3") == "tổ dân phố 3"
    assert unit_key("Xã Hoà An") == fold_key("Xã Hòa An")


def test_the_official_names_print_as_the_official_list_writes_them():
    database = pytest.importorskip("vietnamadminunits.database")
    rows = pd.DataFrame(database.get_data(["province", "ward"]))
    names = set(rows["province"]) | set(rows["ward"])
    differing = {name for name in names if canonical_name(name) != name}
    assert len(names) > 3000
    # the list writes "M'gar" beside "H'Leo" and "M'Drắk", and "KDang", "SRó"
    assert differing <= {"Xã Cư M'gar", "Xã Cư M'ta", "Xã KDang", "Xã SRó"}


def test_units_sort_by_the_name_after_the_type_word():
    expected = [
        "Thị trấn An Lạc",
        "Ấp 2",  # a numbered unit is named by its type word and number
        "Ấp 10",
        "Ấp Bình Hòa",
        "Xã Bình Hưng",
        "Phường Dương Nội",
        "Xã Đông Phú",  # Đ after D
        "Xã Ha",  # tones in order: none, huyền, hỏi, ngã, sắc, nặng
        "Xã Hà",
        "Xã Hả",
        "Xã Hã",
        "Xã Há",
        "Xã Hạ",
        "Phường Mỹ",  # the same name: by the type word
        "Xã Mỹ",
    ]
    shuffled = expected[:]
    random.Random(3).shuffle(shuffled)
    assert sorted(shuffled, key=unit_sort_key) == expected


# --- end to end ----------------------------------------------------------------------------

HEADER = ["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"]


def _two_files(folder: Path) -> list[Path]:
    """One commune written three ways over two files; units to order: by the name after
    the type word (Bình Minh, Dương Nội, Đông Hòa), not by the type word."""
    first = write_workbook(
        folder / "a.xlsx",
        [
            ["xã đông hoà", "thôn 10", "Hội Nông dân", 1, 100],
            ["xã đông hoà", "thôn 2", "Hội Nông dân", 1, 60],
            ["PHƯỜNG DƯƠNG NỘI", "TDP 1", "Hội Nông dân", 1, 10],
            ["thị trấn bình minh", "khu phố 1", "Hội Nông dân", 1, 7],
        ],
        HEADER,
    )
    second = write_workbook(
        folder / "b.xlsx",
        [
            ["Xã Đông Hòa", "Thôn 3", "Hội Nông dân", 2, 70],
            ["Đông Hòa", "thôn 2", "Hội LHPN", 2, 5],
        ],
        HEADER,
    )
    return [first, second]


def _units(document: dict, level: str) -> list[tuple]:
    return [
        (row["commune"], row.get("village"), row["branches"], row["members"])
        for row in document["rollups"][level]
        if row["organization"] == "all"
    ]


def test_two_spellings_are_one_unit_in_its_canonical_spelling_summed_once(cli, tmp_path):
    paths = _two_files(tmp_path)
    result = cli("summarize", *paths, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert _units(document, "commune") == [
        ("Thị trấn Bình Minh", None, 1, 7),
        ("Phường Dương Nội", None, 1, 10),
        ("Xã Đông Hòa", None, 6, 235),
    ]
    assert _units(document, "village") == [
        ("Thị trấn Bình Minh", "Khu phố 1", 1, 7),
        ("Phường Dương Nội", "Tổ dân phố 1", 1, 10),
        ("Xã Đông Hòa", "Thôn 2", 3, 65),
        ("Xã Đông Hòa", "Thôn 3", 2, 70),
        ("Xã Đông Hòa", "Thôn 10", 1, 100),
    ]
    assert document["total"]["members"] == 252
    # Only the name without its type word is told: case and tone placement are one name
    notes = [p for p in document["problems"] if p["code"] == "unit_spellings"]
    assert [(n["file"], n["row"], n["value"], n["message"]) for n in notes] == [
        (
            str(paths[1]),
            3,
            "Đông Hòa",
            "«Đông Hòa» và «xã đông hoà» là cùng một xã; bảng tổng hợp ghi một dòng «Xã Đông Hòa».",
        )
    ]


def test_every_output_prints_the_canonical_names(cli, tmp_path):
    paths = _two_files(tmp_path)
    outputs = [tmp_path / f"tong_hop.{suffix}" for suffix in ("csv", "md", "xlsx")]
    args = [a for path in outputs for a in ("-o", path)]
    result = cli("summarize", *paths, "--level", "commune", *args, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert (
        f"Note {paths[1]}, sheet «Data», row 3: 'Đông Hòa' and 'xã đông hoà' are one commune; "
        "the roll-up shows one row 'Xã Đông Hòa'." in result.stderr
    )
    table = result.stdout.split("┃ Organisation")[0].splitlines()
    cells = [line.split("│")[1].strip() for line in table if line.startswith("│ ")]
    assert cells == ["Thị trấn Bình Minh", "Phường Dương Nội", "Xã Đông Hòa", "Total"]
    rows = list(csv.DictReader(io.StringIO(outputs[0].read_text("utf-8-sig"))))
    communes = [(r["commune"], r["members"]) for r in rows if r["organization"] == "all"]
    assert communes == [
        ("Thị trấn Bình Minh", "7"),
        ("Phường Dương Nội", "10"),
        ("Xã Đông Hòa", "235"),
        ("", "252"),
    ]
    markdown = outputs[1].read_text("utf-8").split("## Problems")[0]
    assert "| Phường Dương Nội |" in markdown and "| Xã Đông Hòa |" in markdown
    assert "hoà" not in markdown.casefold() and "DƯƠNG" not in markdown
    sheet = load_workbook(outputs[2])["Commune"]
    names = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {"Phường Dương Nội", "Xã Đông Hòa"} <= names
    assert not {"xã đông hoà", "Đông Hòa", "PHƯỜNG DƯƠNG NỘI"} & names


def test_keep_order_keeps_the_input_order(cli, tmp_path):
    paths = _two_files(tmp_path)
    result = cli("summarize", *paths, "-f", "json", "--keep-order")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert _units(document, "village") == [
        ("Xã Đông Hòa", "Thôn 10", 1, 100),
        ("Xã Đông Hòa", "Thôn 2", 3, 65),
        ("Xã Đông Hòa", "Thôn 3", 2, 70),
        ("Phường Dương Nội", "Tổ dân phố 1", 1, 10),
        ("Thị trấn Bình Minh", "Khu phố 1", 1, 7),
    ]


CONFIG = """\
submissions = "nop/{period}"
kind = "membership"
expected = "don_vi.csv"
[outputs]
folder = "ket_qua"
name = "tong_hop_{period}"
formats = ["json"]
"""
# The district's own order, neither alphabetical nor the files': Vị Thủy, Tân An, Phú Lộc
UNITS = "Xã,Thôn\nXã Vị Thủy,Ấp 2\nTân An,Thôn 2\nXã Tân An,Thôn 1\nXã Phú Lộc,Ấp 1\n"


def _rolled_up(cli, tmp_path: Path, *options: str) -> list[tuple]:
    (tmp_path / "danvan.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "don_vi.csv").write_text(UNITS, encoding="utf-8")
    folder = tmp_path / "nop" / "2026-10"
    folder.mkdir(parents=True)
    month = "Tháng 10 năm 2026"
    write_commune_file(
        folder / "a.xlsx", "Xã Tân An", month, [("Thôn 1", 3, 101), ("Thôn 2", 2, 50)]
    )
    write_commune_file(folder / "b.xlsx", "Xã Phú Lộc", month, [("Ấp 1", 3, 60), ("Ấp 3", 1, 9)])
    write_commune_file(folder / "c.xlsx", "XÃ VỊ THUỶ", month, [("Ấp 2", 2, 40)])
    config = tmp_path / "danvan.toml"
    result = cli("rollup", "--config", config, "--period", "2026-10", *options)
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.json").read_text("utf-8"))
    return [(row["commune"], row["village"]) for row in document["rollups"]["village"]]


def test_rollup_keep_order_follows_the_expected_list(cli, tmp_path):
    assert dict.fromkeys(_rolled_up(cli, tmp_path, "--keep-order")) == dict.fromkeys(
        [
            ("Xã Vị Thủy", "Ấp 2"),
            ("Xã Tân An", "Thôn 2"),
            ("Xã Tân An", "Thôn 1"),
            ("Xã Phú Lộc", "Ấp 1"),
            ("Xã Phú Lộc", "Ấp 3"),  # not on the list: after those that are
        ]
    )


def test_rollup_orders_alphabetically_without_keep_order(cli, tmp_path):
    assert dict.fromkeys(_rolled_up(cli, tmp_path)) == dict.fromkeys(
        [
            ("Xã Phú Lộc", "Ấp 1"),
            ("Xã Phú Lộc", "Ấp 3"),
            ("Xã Tân An", "Thôn 1"),
            ("Xã Tân An", "Thôn 2"),
            ("Xã Vị Thủy", "Ấp 2"),
        ]
    )
