"""dataset: one dataset type for every kind, its figure lists all from the kind it is given."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.declared import load_declared
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.models import MODELS
from danvan_cli.kinds.models_load import load_models
from danvan_cli.kinds.template import example_text, load_template

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def test_a_templates_figure_lists_come_from_its_kind(tmp_path):
    """`template init`'s example: members and new members per organisation, houses and
    their value the row's own (summed, not split), households once per village."""
    path = tmp_path / "mau.toml"
    path.write_text(example_text(), encoding="utf-8")
    data = Dataset(pd.DataFrame(), kind=load_template(path))
    assert data.figure_fields == (
        "hoi_vien",
        "hoi_vien_moi",
        "nha",
        "nha_tri_gia",
        "so_ho",
        "so_ho_co_hoi_vien",
    )
    assert data.split_fields == ("hoi_vien", "hoi_vien_moi")
    assert data.unsplit == ("nha", "nha_tri_gia")
    assert data.once_per_unit == ("so_ho", "so_ho_co_hoi_vien")


def test_membership_splits_its_figures_by_organisation_and_has_none_unsplit():
    data = Dataset(pd.DataFrame(), kind=MEMBERSHIP)
    assert data.split_fields == (
        "branches",
        "members",
        "members_attending",
        "rating_strong",
        "rating_good",
        "rating_average",
        "rating_weak",
    )
    assert data.unsplit == ()
    assert data.once_per_unit == ("households", "households_with_members")


def test_each_kinds_load_gives_the_dataset_its_kind():
    models = load_models([str(SAMPLES / "lam_binh_2020_tu_quan.xlsx")])
    assert type(models) is Dataset
    assert models.kind is MODELS
    assert models.figure_fields == ("registered", "recognized", "commended")
    assert models.split_fields == ("registered", "recognized", "commended")
    template = load_template(SAMPLES / "hoi_nong_dan.toml")
    declared = load_declared(template, [str(SAMPLES / "vi_thuy_2020_hoi_nong_dan.xlsx")])
    assert type(declared) is Dataset
    assert declared.kind is template
    assert declared.metrics == [
        "to_hoi",
        "hoi_vien",
        "hoi_vien_nu",
        "ket_nap",
        "giam",
        "ho_nong_dan",
        "ho_co_hoi_vien",
    ]
