"""The benchmark suite runs (at the 10k size) so it does not rot; timings are never asserted."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
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
