"""The shape of the code base, held by its import graph (read from the source, every import
counted, those inside functions too): no circles, no private name used outside its module,
each name imported from where it is defined, modules of a readable size, and the speed
machinery behind one seam."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "danvan_cli"
ROOT = "danvan_cli"
MAX_LINES = 500
# The modules over MAX_LINES today: none (the words of messages are one module per subject).
LONG_MODULES: set[str] = set()
# The speed machinery: the two-process split of a big sheet, the XML peeking, the
# allocator settings and the decoding started early. Only `SEAM` (and the machinery
# itself) imports it; `read.start_reading` is how the command line starts it early.
SPEED = {
    "danvan_cli.ingest.fast.xlsxhalves",
    "danvan_cli.ingest.fast.xlsxpeek",
    "danvan_cli.ingest.fast.xlsxrows",
    "danvan_cli.ingest.fast.allocator",
}
# `read` decodes sheets (and starts decoding early); `limits`, the file checks `read` makes
# before decoding, measures a sheet's XML with the same readers.
SEAM = {"danvan_cli.ingest.read", "danvan_cli.ingest.limits"}
# Imports run one way, from a package to those ranked below it (DESIGN.md): text < model <
# ingest < kinds < engine < periods, outputs < cli.
RANKS = {
    "text": 0,
    "model": 1,
    "ingest": 2,
    "kinds": 3,
    "engine": 4,
    "periods": 5,
    "outputs": 5,
    "cli": 6,
}
# The imports against that order: none. Reading takes a kind's words (its header patterns)
# and declaration from its caller; it imports no kind's names.
UPWARD_IMPORTS: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    importer: str
    module: str  # a danvan module
    name: str | None  # the name taken from it (`from module import name`), None for `import`
    line: int


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str, path: Path) -> Iterator[Import]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == ROOT:
                    yield Import(module, alias.name, None, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([source] if source else [])])
            if source.split(".")[0] != ROOT:
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:  # `from danvan_cli import load`
                    yield Import(module, submodule, None, node.lineno)
                else:
                    yield Import(module, source, alias.name, node.lineno)


IMPORTS = [i for module, path in MODULES.items() for i in _imports(module, path)]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for found in IMPORTS:
        if found.module in MODULES and found.module != found.importer:
            graph[found.importer].add(found.module)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_graph_is_read_from_the_source():
    graph = _graph()
    assert "danvan_cli.ingest.dataset" in graph["danvan_cli.engine.validate"]
    assert "danvan_cli.ingest.read" in graph["danvan_cli.cli.launch"]  # imported inside a function
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle():
    assert _circles(_graph()) == []


def test_no_private_name_imported_from_another_module():
    private = [
        f"{i.importer}:{i.line} imports {i.module}.{i.name}"
        for i in IMPORTS
        if i.name is not None and i.name.startswith("_") and i.name != "__version__"
    ]
    assert private == []


def _names_imported_in(path: Path) -> set[str]:
    """The names a module binds by importing them from danvan's modules."""
    return {
        alias.asname or alias.name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.level or node.module.startswith(ROOT))
        for alias in node.names
    }


def test_a_name_is_imported_from_the_module_that_defines_it():
    """Not through a module that imports it itself: a reader then finds it where it is
    defined. A package's `__init__` (the words of messages) and the seam to the speed
    machinery hand names on by design."""
    handed_on = {
        module: _names_imported_in(path)
        for module, path in MODULES.items()
        if path.name != "__init__.py" and module not in SEAM
    }
    through = [
        f"{i.importer}:{i.line} imports {i.name} through {i.module}"
        for i in IMPORTS
        if i.name is not None and i.name in handed_on.get(i.module, set())
    ]
    assert through == []


def test_modules_are_short():
    lengths = {
        module: len(path.read_text(encoding="utf-8").splitlines())
        for module, path in MODULES.items()
    }
    assert {module for module, lines in lengths.items() if lines > MAX_LINES} == LONG_MODULES


@pytest.mark.parametrize("machinery", sorted(SPEED))
def test_the_speed_machinery_is_imported_only_through_the_seam(machinery):
    importers = {i.importer for i in IMPORTS if i.module == machinery}
    assert importers <= SEAM | SPEED


def _rank(module: str) -> int | None:
    parts = module.split(".")
    return RANKS.get(parts[1]) if len(parts) > 2 else None


def test_imports_run_one_way():
    """A package imports only from those ranked below it (or itself)."""
    upward = {
        (i.importer, i.module)
        for i in IMPORTS
        if i.importer.split(".")[1] != i.module.split(".")[1]
        and None not in (_rank(i.importer), _rank(i.module))
        and _rank(i.module) > _rank(i.importer)
    }
    assert upward == UPWARD_IMPORTS
