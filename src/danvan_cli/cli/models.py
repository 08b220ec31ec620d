"""The models kind's job (`summarize.Job`). `danvan_cli.cli.commands` runs it for `--kind
models`, or when `--kind auto` (the default) finds a models table first (`kinds.detect`)."""

from __future__ import annotations

from danvan_cli.cli.jobs import kind_job
from danvan_cli.kinds.models import MODELS
from danvan_cli.outputs.models import MODELS_WRITERS
from danvan_cli.outputs.narrative import models_narrative

MODELS_JOB = kind_job(MODELS, MODELS_WRITERS, models_narrative)
