"""One JSON writer and one CSV writer for every kind: what differs between kinds' contracts
comes from the kind's declaration (`ReportKind.outputs`), never from its name."""

from __future__ import annotations

import csv
import io
import json

import pytest

from danvan_cli.engine import pipeline
from danvan_cli.kinds.models import MODELS
from danvan_cli.model.declaration import CategoryTotal, Outputs
from danvan_cli.outputs.jsoncsv import to_text, write_csv, write_json
from tests.conftest import SAMPLES
from tests.generic_kind import activities_kind, two_communes

KIND = activities_kind()
PLAIN = Outputs(traced=False, indent=2, ratio_units=False)


@pytest.fixture(scope="module")
def declared(tmp_path_factory):
    return pipeline.summarize(KIND, two_communes(tmp_path_factory.mktemp("c")))


@pytest.fixture(scope="module")
def models():
    return pipeline.summarize(MODELS, [str(SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx")])


def _json(kind, summary, shown) -> str:
    return to_text(write_json, kind, summary.rollup, [], summary.levels, shown, "en")


def test_a_kinds_json_is_laid_out_as_its_outputs_declare(declared):
    traced = _json(KIND, declared, ["district"])
    plain = _json(KIND.model_copy(update={"outputs": PLAIN}), declared, ["district"])
    assert traced.splitlines()[1] == '"kind": "hoat_dong_thu",'
    assert plain.splitlines()[1] == '  "kind": "hoat_dong_thu",'  # indented whole
    assert list(json.loads(traced)) == [
        *("kind", "template", "levels", "figures", "ratios", "rollups", "total"),
        *("total_by_doan_the", "ratio_units", "problems"),
    ]
    assert list(json.loads(plain)) == [
        *("kind", "levels", "rollups", "total", "total_by_doan_the", "problems"),
    ]
    assert json.loads(plain)["rollups"] == json.loads(traced)["rollups"]
    assert json.loads(plain)["total"] == json.loads(traced)["total"]


def test_a_kinds_csv_ends_with_the_template_only_when_traced(declared):
    traced = to_text(write_csv, KIND, declared.rollup, ["district"])
    plain = to_text(
        write_csv, KIND.model_copy(update={"outputs": PLAIN}), declared.rollup, ["district"]
    )
    traced_rows = list(csv.reader(io.StringIO(traced)))
    plain_rows = list(csv.reader(io.StringIO(plain)))
    assert traced_rows[0][-2:] == ["template", "template_version"]
    assert [row[:-2] for row in traced_rows] == plain_rows
    assert plain_rows[-1][:6] == ["total", "", "", "", "all", "11"]


def test_the_totals_per_category_code_are_named_as_declared(models):
    renamed = Outputs(
        traced=False,
        ratio_units=False,
        counted="recognized",
        totals=(
            CategoryTotal(category="field", counted="recognised_by_field", figures="all_by_field"),
        ),
    )
    shipped = json.loads(_json(MODELS, models, ["district"]))["total"]
    document = json.loads(
        _json(MODELS.model_copy(update={"outputs": renamed}), models, ["district"])
    )
    assert shipped["by_level"] == {"tinh": 27, "huyen": 85}
    assert shipped["statuses_by_field"]["kinh_te"] == {
        "registered": 19,
        "recognized": 13,
        "commended": 0,
    }
    assert document["total"] == {
        "registered": 112,
        "recognized": 65,
        "commended": 8,
        "recognised_by_field": {
            k: v["recognized"] for k, v in shipped["statuses_by_field"].items()
        },
        "all_by_field": shipped["statuses_by_field"],
    }
    assert document["rollups"] == json.loads(_json(MODELS, models, ["district"]))["rollups"]


def test_the_models_csv_has_every_category_and_status_and_no_all(models):
    rows = list(csv.reader(io.StringIO(to_text(write_csv, MODELS, models.rollup, ["district"]))))
    assert rows[0] == [
        *("level", "district", "commune", "program", "field", "recognition_level", "topic"),
        *("year", "registered", "recognized", "commended"),
    ]
    assert rows[1] == [
        *("district", "Thị xã Hồng Lĩnh", "", "dan_van_kheo", "kinh_te", "tinh", "", "2018"),
        *("3", "3", "0"),
    ]
    assert rows[-1] == ["total", "", "", "", "", "", "", "", "112", "65", "8"]
