"""The layout rules a newcomer relies on, read from the source: who may import whom, no import cycles, small
modules, short handlers. A rule broken here is a design change: change the README's architecture with it."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from testkit import ROOT

PRODUCT_PACKAGES = ("bot", "common", "rasa_addons")
MAX_MODULE_LINES = 400
MAX_HANDLER_LINES = 40


def modules(*packages: str) -> dict[str, Path]:
    """Dotted module name -> file, for every Python file of the packages (migrations are generated: skipped)."""
    found = {}
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported_modules(name: str, path: Path) -> set[str]:
    """Every module a file imports, absolute, including imports inside functions."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            imported.add(base)
            imported.update(f"{base}.{alias.name}" for alias in node.names)
    return imported


def import_graph(packages: tuple[str, ...]) -> dict[str, set[str]]:
    known = modules(*packages)
    return {name: imported_modules(name, path) & set(known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    assert cycles(import_graph(PRODUCT_PACKAGES)) == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("package", ["common", "rasa_addons"])
def test_the_rasa_side_never_imports_the_bot(package):
    """The Rasa process runs Python 3.10; `bot` needs 3.11 and its libraries."""
    offenders = {
        name: sorted(m for m in imported if m == "bot" or m.startswith("bot."))
        for name, path in modules(package).items()
        if (imported := imported_modules(name, path))
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_products_never_import_tests_and_benchmarks_share_testkit():
    outside = defaultdict(list)
    for package in (*PRODUCT_PACKAGES, "bench", "testkit"):
        for name, path in modules(package).items():
            for imported in imported_modules(name, path):
                if imported.split(".")[0] == "tests" or (
                    package in PRODUCT_PACKAGES and imported.split(".")[0] in ("testkit", "bench")
                ):
                    outside[name].append(imported)
    assert dict(outside) == {}


# Which of the bot's packages may import which: the way a message travels, never back up.
MAY_NOT_IMPORT = {
    "bot.content": ("bot.storage", "bot.dialogue", "bot.telegram", "bot.web"),
    "bot.storage": ("bot.content", "bot.dialogue", "bot.telegram", "bot.web"),
    "bot.dialogue": ("bot.storage", "bot.telegram"),
    # The trainers' web console uses content, storage and statistics; the Telegram runner starts it.
    "bot.web": ("bot.telegram", "bot.dialogue"),
}


@pytest.mark.parametrize("package", sorted(MAY_NOT_IMPORT))
def test_layers_import_only_downwards(package):
    graph = import_graph(("bot",))
    forbidden = MAY_NOT_IMPORT[package]
    wrong = {
        name: sorted(d for d in imported if d.startswith(forbidden))
        for name, imported in graph.items()
        if name == package or name.startswith(f"{package}.")
    }
    assert {name: found for name, found in wrong.items() if found} == {}


def test_no_module_is_over_400_lines():
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules(*PRODUCT_PACKAGES).items()
    }
    assert {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES} == {}


def test_no_telegram_handler_is_over_40_lines():
    long = {}
    for name, path in modules("bot/telegram").items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_HANDLER_LINES:
                    long[f"{name}.{node.name}"] = lines
    assert long == {}


def test_every_package_says_what_lives_there():
    packages = [
        path.parent for package in (*PRODUCT_PACKAGES, "testkit") for path in (ROOT / package).rglob("__init__.py")
    ]
    undocumented = [
        str(p.relative_to(ROOT))
        for p in packages
        if "migrations" not in p.parts
        and not ast.get_docstring(ast.parse((p / "__init__.py").read_text(encoding="utf-8")))
    ]
    assert undocumented == []
