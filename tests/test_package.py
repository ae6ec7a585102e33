"""The package's shape: no import cycles between its modules, and small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import handouts

PACKAGE = Path(handouts.__file__).resolve().parent

MAX_LINES = 400
"""The most lines a module may have (STYLE.md: small modules, one concept each)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "__pycache__" not in p.parts}


def imports(source: str, here: str, known: set[str], package: bool = False) -> set[str]:
    """The modules of `known` that module `here` (a package's __init__ if `package`), with
    text `source`, imports anywhere in it (at the top, inside a function, or behind
    TYPE_CHECKING): an import inside a function is still a dependency, only a later one."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                anchor = anchor[:len(anchor) - node.level + package]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
    return {m for m in found if m in known and m != here and m != "handouts"}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    found = modules()
    graph = {name: imports(path.read_text(encoding="utf-8"), name, set(found),
                           path.name == "__init__.py") for name, path in found.items()}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_imports_inside_functions_and_relative_ones_count() -> None:
    known = {"handouts.brand.model", "handouts.brand.reader", "handouts.files"}
    source = ("from handouts import files\n"
              "def load():\n    from . import reader\n")
    assert imports(source, "handouts.brand.model", known) == {"handouts.brand.reader",
                                                              "handouts.files"}


def test_modules_are_small() -> None:
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
