"""`danvan summarize` for the models kind: run the job, show and write the results.

Called by `danvan_cli.commands` when `--kind models` is given, or when `--kind auto`
(the default) finds a models table first (`is_models`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from danvan_cli.community.render import (
    models_csv,
    models_json,
    models_markdown,
    print_models,
    write_models_file,
)
from danvan_cli.community.summarize import summarize_models
from danvan_cli.console import (
    consoles,
    levels_shown,
    reading_progress,
    refuses_output,
    write_outputs,
)
from danvan_cli.summarize import EXIT_UNREADABLE
from danvan_cli.terminal import print_problems, verdict


def run_summarize_models(
    paths: Sequence[str],
    sheet: str | None,
    levels: Sequence[str] | None,
    output_format: str,
    outputs: Sequence[Path],
    skip_invalid: bool,
    lang: str,
    csv_raw: bool = False,
    quiet: bool = False,
) -> int:
    """`danvan summarize --kind models`: returns the exit code."""
    stdout, stderr = consoles()
    if refuses_output(stderr, outputs, paths, lang):
        return EXIT_UNREADABLE
    with reading_progress(stderr, lang) as progress:
        summary = summarize_models(paths, sheet, skip_invalid, progress)
    shown = levels_shown(summary.levels, levels, summary.problems)
    rollup, problems = summary.rollup, summary.problems
    print_problems(stderr, problems, lang, quiet)
    if output_format == "json":
        sys.stdout.write(models_json(rollup, problems, summary.levels, shown, lang))
    elif rollup is not None and output_format == "csv":
        sys.stdout.write(models_csv(rollup, shown, csv_raw))
    elif rollup is not None and output_format == "md":
        sys.stdout.write(models_markdown(rollup, shown, lang, problems))
    elif rollup is not None:
        print_models(stdout, rollup, shown, lang)

    def write(path: Path) -> None:
        write_models_file(path, rollup, problems, summary.levels, shown, lang, csv_raw)

    if not write_outputs(stderr, outputs, rollup is not None, lang, write):
        return EXIT_UNREADABLE
    if summary.exit_code != EXIT_UNREADABLE:
        summed = rollup is not None
        stderr.print(verdict(problems, summary.skipped_rows, summed, lang), highlight=False)
    return summary.exit_code
