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


def test_the_process_is_tuned_before_numpy_loads(tmp_path):
    """`launch.decode_ahead` (run by `danvan summarize` and `validate` before anything else)
    sets OpenBLAS's thread count before numpy is imported, which is when OpenBLAS reads it."""
    import subprocess

    code = (
        "import sys\n"
        "from danvan_cli.ingest.fast import allocator\n"
        "tune, seen = allocator.tune_for_tables, []\n"
        "allocator.tune_for_tables = lambda: (seen.append('numpy' in sys.modules), tune())\n"
        "from danvan_cli.cli.launch import decode_ahead\n"
        "decode_ahead(['summarize', sys.argv[1]])\n"
        "print(seen, 'numpy' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "xa.xlsx")], capture_output=True, text=True
    )
    assert found.stdout.strip() == "[False] True"


def test_the_process_is_tuned_before_a_template_is_loaded(tmp_path):
    """With `--template` the template's loader imports numpy: the process is tuned first."""
    import subprocess
    from pathlib import Path

    template = Path(__file__).resolve().parents[1] / "data" / "samples" / "activities.toml"
    code = (
        "import sys\n"
        "from danvan_cli.ingest.fast import allocator\n"
        "tune, seen = allocator.tune_for_tables, []\n"
        "allocator.tune_for_tables = lambda: (seen.append('numpy' in sys.modules), tune())\n"
        "from danvan_cli.cli.app import run\n"
        "sys.argv = ['danvan', 'summarize', '--template', sys.argv[1], sys.argv[2]]\n"
        "run()\n"
        "print(seen[0], 'numpy' in sys.modules)\n"
    )
    args = [str(template), str(tmp_path / "xa.xlsx")]
    found = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert found.stdout.strip().splitlines()[-1] == "False True"
