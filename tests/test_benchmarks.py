"""The benchmark suite runs (at the 10k size) so it does not rot; timings are never asserted."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its functions pickled by name for worker processes
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(importlib.util.find_spec("duckdb") is None, reason="duckdb not installed")
def test_benchmark_runs_at_10k_and_danvan_totals_match(tmp_path):
    run = load_module("run")
    results = tmp_path / "results.json"
    code = run.main(
        [
            "--size", "10k", "--repeat", "1", "--quiet", "--plain", "--strict",
            "--data-dir", str(tmp_path / "data"), "--json", str(results),
        ]
    )  # fmt: skip
    assert code == 0
    report = json.loads(results.read_text(encoding="utf-8"))
    danvan = [r for r in report["results"] if r.get("tool") == "danvan"]
    assert {r["shape"] for r in danvan} == {"xlsx", "csv", "folder"}
    small = {case["case"]: case for case in report["small_files"]}
    assert [case["status"] for case in small.values()] == ["ok", "ok"]
    assert len(small["bundled sample"]["cpus"]) == 5 and min(small["bundled sample"]["cpus"]) > 0
    folder = tmp_path / "data" / "communes"
    assert load_module("decode_cells").calamine_cells(sorted(map(str, folder.glob("*.xlsx")))) > 0


def test_decoding_the_commune_files_cell_by_cell_prints_its_figures(tmp_path, capsys):
    from openpyxl import Workbook

    for number in range(3):
        workbook = Workbook()
        workbook.active.append(["Xã", "Thôn", "Số hội viên"])
        workbook.active.append([f"Xã {number}", "Thôn 1", 10])
        workbook.save(tmp_path / f"xa_{number}.xlsx")
    load_module("decode_cells").main([str(tmp_path)])
    printed = capsys.readouterr().out
    assert printed.startswith(f"3 files in {tmp_path}\n")
    assert "python-calamine cells, two processes:" in printed


def test_the_rules_benchmark_runs_a_template_of_50_figures_and_30_rules(tmp_path, capsys):
    rules = load_module("rules")
    assert rules.main(["--rows", "1200", "--repeat", "1", "--keep", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "50 figures, 30 rules (template bao_cao_50.toml)"
    assert printed[1].startswith("1,200 records, 7 subtotal rows")
    assert printed[2].startswith("  danvan validate --template -f json, the whole process: ")
    assert printed[2].endswith("(exit 0)")  # one rule broken, of medium importance
    assert "the 30 rules alone, median of 1:" in printed[4]
    assert (tmp_path / "bao_cao_50_1200.csv").exists()


@pytest.mark.skipif(importlib.util.find_spec("duckdb") is None, reason="duckdb not installed")
def test_the_compare_benchmark_runs_beside_duckdb_with_the_same_flags(capsys):
    assert load_module("compare").main(["--size", "10k", "--repeat", "1"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "two months of 10,188 and 10,188 rows (10k)"
    ours = printed[2].split("flags: ")[1]
    theirs = printed[3].split("flags: ")[1]
    assert ours == theirs + ", total 0"  # the same changes flagged by both


@pytest.mark.skipif(importlib.util.find_spec("duckdb") is None, reason="duckdb not installed")
def test_the_history_benchmark_builds_the_year_as_duckdb_does(capsys, tmp_path):
    assert load_module("history").main(["--size", "10k", "--keep", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("twelve months of 10,")
    ours = next(line for line in printed if "rolled up (danvan)" in line).split("; ", 1)[1]
    theirs = next(line for line in printed if "the same year in DuckDB" in line).split("; ", 1)[1]
    assert ours == theirs  # the same rows per level, members and households
    assert (tmp_path / "danvan.db").exists()


def test_the_official_workbook_benchmark_writes_a_countrys_communes(capsys, tmp_path):
    official = load_module("official")
    assert official.main(["--size", "10k", "--repeat", "1", "--keep", str(tmp_path), "--text"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("10,188 rows (10k) rolled up in ")
    assert printed[1].startswith("  official workbook (province and commune sheets, chart)")
    assert printed[3].startswith("  Markdown (-o x.md, every level), median of 1: ")
    assert printed[4].startswith("  terminal tables (every level, to a discarded console)")
    markdown = (tmp_path / "tong_hop.md").read_text(encoding="utf-8")
    sections = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert sections == ["## Tổng hợp cấp tỉnh", "## Tổng hợp cấp xã", "## Tổng hợp cấp thôn"]
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "bao_cao.xlsx", read_only=True)
    assert workbook.sheetnames == ["Tỉnh", "Xã", "Ghi chú", "Biểu đồ"]
