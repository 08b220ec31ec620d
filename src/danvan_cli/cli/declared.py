"""`danvan summarize|validate --template FILE`: the template read, and the declared kind's
job (`summarize.Job`: its checks and roll-up, how it is shown and written), which
`commands.run_summarize` and `commands.run_validate` run as they run the shipped kinds'."""

from __future__ import annotations

import functools
from pathlib import Path

from danvan_cli.cli.console import consoles
from danvan_cli.cli.jobs import kind_job
from danvan_cli.cli.template import problem_line
from danvan_cli.engine.summarize import Job
from danvan_cli.kinds.template import read_template
from danvan_cli.model.declaration import ReportKind
from danvan_cli.outputs.declared import declared_writers
from danvan_cli.outputs.narrative import declared_narrative


def load_kind(path: Path, lang: str) -> ReportKind | None:
    """The kind a template file declares, its warnings said; None when it has mistakes,
    each said with its line."""
    template = read_template(path)
    _, stderr = consoles()
    for problem in template.problems:
        stderr.print(problem_line(problem, lang), highlight=False, soft_wrap=True)
    return template.kind


def declared_job(kind: ReportKind) -> Job:
    """The job of a kind declared in a template (`summarize.Job`)."""
    return kind_job(kind, declared_writers(kind), functools.partial(declared_narrative, kind))
