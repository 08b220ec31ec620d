"""messages: the words of each stage joined into one table, none defined twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_cli.model import messages
from danvan_cli.model.messages.joined import joined


def test_the_message_parts_join_without_a_code_twice():
    assert len(messages.MESSAGES) == sum(len(part) for part in messages.MESSAGE_PARTS)
    assert messages.MESSAGES["file_not_found"] is messages.files.MESSAGES["file_not_found"]
    assert "template_not_found" in messages.templates.MESSAGES


def test_the_interface_parts_join_without_a_key_twice():
    assert len(messages.UI_TEXT) == sum(len(part) for part in messages.UI_PARTS)
    assert messages.UI_TEXT["compare_title"] is messages.COMPARE_TEXT["compare_title"]


def test_a_key_in_two_parts_is_an_error():
    with pytest.raises(ValueError, match="defined twice: b"):
        joined({"a": 1, "b": 2}, {"b": 3, "c": 4})
    assert joined({"a": 1}, {"b": 2}) == {"a": 1, "b": 2}


def test_every_part_says_what_it_holds():
    parts = [
        messages.files,
        messages.tables,
        messages.figures,
        messages.history,
        messages.rows,
        messages.models,
        messages.periods,
        messages.templates,
        messages.labels,
        messages.interface,
        messages.outputs,
    ]
    assert all(part.__doc__ and part.__doc__.strip() for part in parts)


def test_a_label_both_field_and_model_tables_give_otherwise_is_an_error_at_import():
    from danvan_cli.model.messages import labels

    source = Path(labels.__file__).read_text("utf-8")
    start = "MODEL_LABELS: dict[str, dict[str, str]] = {\n"
    assert start in source

    def imported(entry: str) -> dict:
        namespace = {"__name__": "labels_again"}
        exec(compile(source.replace(start, start + entry, 1), labels.__file__, "exec"), namespace)
        return namespace

    with pytest.raises(ValueError, match="defined twice: members"):
        imported('    "members": {"vi": "Thành viên", "en": "Members"},\n')
    same = imported('    "members": {"vi": "Số ĐV, HV", "en": "Members"},\n')  # the same words
    assert same["FIELD_LABELS"]["members"] == {"vi": "Số ĐV, HV", "en": "Members"}
    assert same["FIELD_LABELS"]["topic"] == labels.MODEL_LABELS["topic"]
