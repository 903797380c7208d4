"""The layers, checked over the import graph of the source (#24): the record contract, the readers,
the dictionaries and the store know nothing of NLP, and no module imports itself back.

A module's imports are read from its source, at any depth (a function's import counts: it runs), but
not those under `if TYPE_CHECKING:`, which never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "communique"
# What reads or runs language: the spaCy pipeline, its stages and what trains or scores them.
NLP = ("actors", "claims", "clauses", "events", "components", "nlp", "pipeline", "parallel", "cluster")
NLP += ("attributes", "train", "train_decision", "evaluate", "runs")
# What must work without any of it: the contract, dates, errors, settings, readers, dictionaries, store.
BELOW_NLP = ("model", "calendar", "errors", "extras", "settings", "readers", "dictionaries", "store", "stories")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> Iterator[str]:
    """The communique modules `path` imports when it runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    checked_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            checked_only |= {id(child) for child in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in checked_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
            if target.startswith("communique"):
                yield target
                yield from (f"{target}.{alias.name}" for alias in node.names)  # 'from . import stories'
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("communique"))


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def layer(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_layers_below_nlp_never_reach_it() -> None:
    edges = graph()
    for module in (m for m in edges if layer(m) in BELOW_NLP):
        seen, todo = {module}, [module]
        while todo:
            for imported in edges[todo.pop()] - seen:
                assert layer(imported) not in NLP, f"{module} reaches {imported}: keep NLP out of it"
                seen.add(imported)
                todo.append(imported)


def test_layers_no_import_cycles() -> None:
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[set[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in edges[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(component)

    for module in sorted(edges):
        if module not in index:
            visit(module)
    packages = {m for m in edges if (PACKAGE.parent / m.replace(".", "/") / "__init__.py").exists()}
    real = [c for c in cycles if not c & packages]  # a package and its modules re-exporting each other is no cycle
    assert real == [], real


@pytest.mark.parametrize("module", ["communique.model", "communique.store.queries", "communique.readers.jsonl"])
def test_layers_the_graph_is_read(module: str) -> None:
    """The graph is not empty where it must not be: these modules import others of the package."""
    assert graph()[module]


def test_layers_the_pipeline_never_holds_the_servers_tokens() -> None:
    from communique.nlp import load

    nlp = load({"serve": {"read_token": "r-secret", "write_token": "w-secret"}})
    assert "secret" not in repr(nlp.meta) and set(nlp.meta["communique"]) == {"pipeline", "gazetteer", "events"}
    assert load() is nlp  # the tokens are not part of the cache key either
