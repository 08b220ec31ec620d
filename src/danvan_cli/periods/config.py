"""The config of a scheduled roll-up (tệp cấu hình, `danvan rollup --config danvan.toml`).

One TOML file says where each period's submissions are (a folder or glob with `{period}`
in it), the kind or template they are read as, the file of units expected to report, the
outputs (formats, folder, a file name with `{period}`), the deadline, the comparison
threshold and the history database. Paths are taken from the config's own folder. Every
mistake is a `Problem` at the line of the file that writes it, said as a template's are
(`kinds.toml_lines`).
"""

from __future__ import annotations

import calendar
import glob
import sys
from dataclasses import dataclass
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from danvan_cli.ingest.periods import Period
from danvan_cli.ingest.titles import units_in_title
from danvan_cli.kinds.toml_lines import (
    common_mistake,
    key_lines,
    key_of,
    line_of,
    misspelt_not_missing,
    shown_value,
    syntax_problem,
)
from danvan_cli.model.messages import os_reason
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.paper import Paper
from danvan_cli.text.normalize import clean_text, split_unit_prefix, unit_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PERIOD = "{period}"  # where a path or a file name takes the period's code ("2026-10")
Format = Literal["xlsx", "json", "csv", "md", "txt", "pdf"]  # txt: the narrative
KindName = Literal["auto", "membership", "models"]
UNREADABLE = frozenset({"config_not_found", "config_not_utf8", "config_unreadable"})
_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": get_args(KindName),
    "formats": get_args(Format),
    "paper": get_args(Paper),
}


def _with_period(value: str) -> str:
    if PERIOD not in value:
        raise PydanticCustomError("no_period", "no {period} in it")
    return value


class Outputs(BaseModel):
    """`[outputs]`: which formats, into which folder, named how; whether the official
    workbook is written too (`<name>.bao_cao.xlsx`), on which paper."""

    model_config = ConfigDict(extra="forbid")

    folder: str = "ket_qua"
    name: str = "tong_hop_{period}"
    formats: list[Format] = Field(default=["xlsx", "json", "csv"], min_length=1)
    official: bool = False
    paper: Paper = "A4"

    _name = field_validator("name")(_with_period)

    @field_validator("paper", mode="before")
    @classmethod
    def _paper_upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value


class RunConfig(BaseModel):
    """The config file's keys, as written (paths relative to the config's folder)."""

    model_config = ConfigDict(extra="forbid")

    submissions: str
    kind: KindName = "auto"
    template: str | None = None
    expected: str | None = None
    official: str | None = None
    deadline: int | date | None = None
    threshold: float = Field(default=20.0, gt=0, allow_inf_nan=False)
    history: str = "danvan.db"
    unit: str | None = None
    renamed: dict[str, str] = Field(default_factory=dict)
    outputs: Outputs = Outputs()

    _submissions = field_validator("submissions")(_with_period)

    @field_validator("unit")
    @classmethod
    def _placed(cls, value: str | None) -> str | None:
        if value is not None and unit_level(value) is None:
            raise PydanticCustomError("bad_unit", "no type word placing it at a level")
        return value

    @field_validator("deadline", mode="before")
    @classmethod
    def _day_or_date(cls, value: Any) -> Any:
        day = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 31
        if value is not None and not day and not isinstance(value, date):
            raise PydanticCustomError("bad_deadline", "not a day of the month or a date")
        return value

    @field_validator("official")
    @classmethod
    def _not_with_list(cls, value: str | None, info: Any) -> str | None:
        if value is not None and info.data.get("expected") is not None:
            raise PydanticCustomError("list_and_official", "a list and the official one")
        return value

    @field_validator("template")
    @classmethod
    def _not_with_kind(cls, value: str | None, info: Any) -> str | None:
        if value is not None and info.data.get("kind", "auto") != "auto":
            raise PydanticCustomError("kind_and_template", "a kind and a template")
        return value


@dataclass(frozen=True)
class Config:
    """A config read and checked: its keys (`keys`) and the folder its paths start from."""

    path: Path
    keys: RunConfig

    @property
    def base(self) -> Path:
        return self.path.parent

    def submissions(self, period: Period) -> str:
        """The folder or glob of a period's files."""
        return str(self.base / self.keys.submissions.replace(PERIOD, period.code))

    def awaited(self) -> bool:
        """The folder the periods' files go under is there ("nop" of "nop/{period}"): a
        period without files has had none sent yet, not a pattern naming no folder."""
        above = self.keys.submissions.split(PERIOD)[0]
        folder = above[: max(above.rfind("/"), above.rfind("\\")) + 1]
        return not glob.has_magic(folder) and (self.base / folder).is_dir()

    def output(self, period: Period, suffix: str) -> Path:
        """The output file of a period in one format (`suffix` ".json", ".completeness.csv")."""
        name = self.keys.outputs.name.replace(PERIOD, period.code)
        return self.base / self.keys.outputs.folder / f"{name}{suffix}"

    @property
    def history(self) -> Path:
        return self.base / self.keys.history

    @property
    def unit(self) -> tuple[str, str] | None:
        """The office's own unit, (level, name as written), if the config names it."""
        name = self.keys.unit
        return None if name is None else (unit_level(name) or "", clean_text(name))

    @property
    def expected(self) -> Path | None:
        return None if self.keys.expected is None else self.base / self.keys.expected

    @property
    def template(self) -> Path | None:
        return None if self.keys.template is None else self.base / self.keys.template

    def deadline(self, period: Period) -> datetime | None:
        """The end of the day files of `period` are due: the config's date, or its day of
        the month after the period (the month's last day if it has fewer)."""
        due = self.keys.deadline
        if due is None:
            return None
        if isinstance(due, int):
            year, month = period.last_month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            due = date(year, month, min(due, calendar.monthrange(year, month)[1]))
        return datetime.combine(due, time.max)


@dataclass(frozen=True)
class ConfigRead:
    """What reading a config gave: the config (None when it has errors) and its problems."""

    config: Config | None
    problems: list[Problem]

    @property
    def unreadable(self) -> bool:
        return any(p.code in UNREADABLE for p in self.problems)


def unit_level(name: str) -> str | None:
    """The level a unit's name places it at by its type word ("Huyện Châu Thành": district,
    "Thành phố Cần Thơ": province, as the cities run by the centre are); None without one."""
    name = clean_text(name)
    if split_unit_prefix(unit_key(name))[0] == "thành phố":  # "TP. Huế" too
        return "province"
    found = units_in_title([[name]])
    return next((level for level, (named, _) in found.items() if named == name), None)


def example_text() -> str:
    """The commented example config `danvan init` writes."""
    return resources.files("danvan_cli.periods").joinpath("example.toml").read_text("utf-8")


def read_config(path: str | Path) -> ConfigRead:
    """Read and check a config file: the config, or its mistakes by line."""
    path, name = Path(path), str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return ConfigRead(None, [Problem("error", "config_not_found", file=name)])
    except UnicodeDecodeError:
        return ConfigRead(None, [Problem("error", "config_not_utf8", file=name)])
    except OSError as error:
        reasons = {f"reason_{lang}": os_reason(error, lang) for lang in ("vi", "en")}
        return ConfigRead(None, [Problem("error", "config_unreadable", file=name, params=reasons)])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return ConfigRead(None, [syntax_problem(name, text, str(error))])
    try:
        keys = RunConfig.model_validate(data)
    except ValidationError as error:
        lines = key_lines(text)
        errors = misspelt_not_missing(error.errors(), RunConfig)
        problems = [_problem(e, lines, name) for e in errors]
        return ConfigRead(None, sorted(problems, key=lambda p: p.row or 0))
    return ConfigRead(Config(path, keys), [])


def _problem(error: Any, lines: dict, file: str) -> Problem:
    loc = tuple(error["loc"])
    mistake = common_mistake(error, loc, RunConfig, _CHOICES, "config")
    if mistake is None:
        code = _OWN.get(error["type"], "config_wrong_value")
        mistake = code, {"key": key_of(loc), "value": shown_value(error), "reason": error["msg"]}
    code, params = mistake
    table = f"[{loc[0]}]" if loc[:1] in (("outputs",), ("renamed",)) else None
    return Problem("error", code, file=file, row=line_of(loc, lines), column=table, params=params)


_OWN = {  # the config's own mistakes, by pydantic's error type
    "no_period": "config_no_period",
    "bad_deadline": "config_bad_deadline",
    "kind_and_template": "config_kind_and_template",
    "list_and_official": "config_list_and_official",
    "bad_unit": "config_bad_unit",
    "greater_than": "config_bad_threshold",
}
