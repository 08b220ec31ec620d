"""The ledger check shared by the tests: every figure of what was read is accounted for."""

from __future__ import annotations

from danvan_cli.engine.ledger import account_figures
from danvan_cli.ingest.dataset import Dataset


def assert_accounted(data: Dataset) -> None:
    """Fail naming each figure that ended nowhere (not summed, checked, reported as a column
    not used, nor named by a problem)."""
    lost = account_figures(data).unaccounted()
    assert not lost, "figures unaccounted for:\n" + "\n".join(
        f"  {f.file}, {f.sheet}, {f.column}{f.row}: {f.value!r}" for f in lost
    )
