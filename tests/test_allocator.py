import os
import sys

import pytest

from danvan_cli.ingest.fast.allocator import keep_freed_memory, tune_for_tables


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_glibc_takes_every_setting():
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc")
    assert keep_freed_memory() is True


def test_elsewhere_nothing_is_changed(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert keep_freed_memory() is False


def test_openblas_is_asked_for_one_thread_unless_the_user_says(monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    tune_for_tables()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    tune_for_tables()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_numpy_is_not_imported_before_the_command_tunes_the_process():
    """OpenBLAS reads its setting when numpy loads: the CLI module must not load it."""
    import subprocess

    code = "import sys, danvan_cli.cli.app; print('numpy' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.stdout.strip() == "False"
