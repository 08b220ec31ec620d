"""commands: one summarize and one validate for every kind of report, each running the
kind's `Job` (its checks, roll-up, and how it is shown and written)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from danvan_cli.cli import commands
from danvan_cli.cli.models import MODELS_JOB
from danvan_cli.engine.summarize import Job, Summary
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.models import MODELS
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.heading import Heading
from danvan_cli.outputs.narrative import declared_narrative
from tests.conftest import HAU_GIANG


def test_each_kind_has_its_job():
    assert commands.job_of(MODELS) is MODELS_JOB
    assert commands.job_of(MEMBERSHIP) is commands.MEMBERSHIP_JOB


def test_the_job_is_that_of_how_the_kind_is_read_not_of_its_name():
    lists = MODELS.model_copy(update={"name": "mo_hinh_xa"})
    forms = MEMBERSHIP.model_copy(update={"name": "models"})
    assert commands.job_of(lists) is MODELS_JOB
    assert commands.job_of(forms) is commands.MEMBERSHIP_JOB
    declared = MEMBERSHIP.model_copy(update={"name": "models", "reading": "declared"})
    assert commands.job_of(declared).narrate.func is declared_narrative  # a template's job


class _Rolled:
    def __init__(self) -> None:
        self.levels = ["commune"]


def _job(calls: list, summary: Summary) -> Job:
    def check(paths, sheet, progress, severity, unit):
        calls.append(("check", sheet, severity, unit))
        return summary.data

    def summarize(paths, sheet, skip_invalid, progress, severity):
        calls.append(("summarize", sheet, skip_invalid, severity))
        return summary

    def emit(console, given, shown, output_format, lang, csv_raw):
        calls.append(("emit", given is summary, output_format, lang, csv_raw))

    def write(path, given, shown, lang, csv_raw):
        calls.append(("write", path.name, lang, csv_raw))
        path.write_text("written")

    return Job(check, summarize, lambda data, skip_invalid: summary, emit, write)


def test_summarize_runs_the_job_of_the_kind_asked_for(monkeypatch, tmp_path, capsys):
    data = Dataset(pd.DataFrame({"commune": ["Tân An"]}))
    warning = Problem("warning", "program_not_given", "a.xlsx", "S", 4)
    summary = Summary(data, _Rolled(), [warning], 0, 0)
    calls: list = []
    monkeypatch.setattr(commands, "job_of", lambda kind: calls.append(kind) or _job(calls, summary))
    out = tmp_path / "x.md"
    code = commands.run_summarize(
        [str(HAU_GIANG)], "S", None, "csv", [out], True, "en", "models", "warning", True
    )
    assert code == 0
    assert calls == [
        MODELS,
        ("summarize", "S", True, "warning"),
        ("emit", True, "csv", "en", True),
        ("write", "x.md", "en", True),
    ]
    assert out.read_text() == "written"
    assert "program_not_given" not in capsys.readouterr().err  # told in words, not codes


def test_validate_runs_the_check_of_the_kind_asked_for(monkeypatch, capsys):
    data = Dataset(pd.DataFrame())
    data.problems.append(Problem("error", "no_data"))
    calls: list = []
    summary = Summary(data, None, [], 0, 1)
    monkeypatch.setattr(commands, "job_of", lambda kind: calls.append(kind) or _job(calls, summary))
    code = commands.run_validate([str(HAU_GIANG)], "S", "json", "vi", "membership", "warning")
    assert code == 1
    assert calls == [MEMBERSHIP, ("check", "S", "warning", None)]  # no office's unit
    assert [p["code"] for p in json.loads(capsys.readouterr().out)["problems"]] == ["no_data"]


def test_a_membership_run_loads_none_of_the_models_modules():
    """Start-up time: the models' reading, checks, roll-up and writers are imported only
    for models (their declaration and wordings are, to tell a models table)."""
    command = [sys.executable, "-X", "importtime", "-m", "danvan_cli", "summarize", HAU_GIANG]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "danvan_cli.kinds.membership_load" in loaded
    models_only = ("cli.models", "outputs.models", "engine.models", "engine.models_rollup")
    assert [m for m in models_only if f"danvan_cli.{m}" in loaded] == []


def test_the_official_workbook_is_written_under_its_heading_when_the_kind_has_one():
    summary = Summary(Dataset(pd.DataFrame()), _Rolled(), [], 0, 0)
    calls: list = []
    heading = Heading(period="Quý III năm 2026")
    job = dataclasses.replace(_job(calls, summary), official=lambda *args: calls.append(args))
    write = commands.official_of(job, summary, ["commune"], "en", heading)
    write(Path("bao_cao.xlsx"))
    assert calls == [(Path("bao_cao.xlsx"), summary, ["commune"], "en", heading)]
    assert commands.official_of(job, summary, ["commune"], "en", None) is None
    assert commands.official_of(_job(calls, summary), summary, [], "en", heading) is None
