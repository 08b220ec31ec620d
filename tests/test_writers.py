"""writers: every kind's `-o FILE` written by its extension through the kind's writers."""

from __future__ import annotations

import pytest

from danvan_cli.model.problems import Problem
from danvan_cli.outputs.writers import Writers, write_file


def _writers(calls: list) -> Writers:
    def table(console, rollup, shown, lang):
        raise AssertionError("a file is never a terminal table")

    def json(stream, rollup, problems, levels, shown, lang):
        calls.append(("json", rollup, len(problems), levels, shown, lang))
        stream.write(b"{}")

    def csv(stream, rollup, shown, bom, raw):
        calls.append(("csv", rollup, shown, bom, raw))
        stream.write(b"a,b\n")

    def markdown(stream, rollup, shown, lang, problems):
        calls.append(("md", rollup, shown, lang, len(problems)))
        stream.write("# Tổng hợp\n")

    def xlsx(path, rollup, problems, shown, lang):
        calls.append(("xlsx", rollup, len(problems), shown, lang))
        path.write_bytes(b"PK")

    return Writers(table, json, csv, markdown, xlsx)


@pytest.mark.parametrize(
    ("name", "call", "content"),
    [
        ("a.json", ("json", "R", 1, ["commune", "village"], ["village"], "en"), b"{}"),
        ("a.CSV", ("csv", "R", ["village"], True, True), b"a,b\n"),
        ("a.md", ("md", "R", ["village"], "en", 1), "# Tổng hợp\n".encode()),
        ("a.xlsx", ("xlsx", "R", 1, ["village"], "en"), b"PK"),
    ],
)
def test_each_extension_is_written_by_its_writer(tmp_path, name, call, content):
    calls: list = []
    problems = [Problem("warning", "program_not_given")]
    path = tmp_path / name
    write_file(
        _writers(calls), path, "R", problems, ["commune", "village"], ["village"], "en", True
    )
    assert calls == [call]
    assert path.read_bytes() == content
