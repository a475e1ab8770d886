"""Build vitk's import graph from source and find its cycles.

Every ``import`` and ``from ... import`` under ``src/vitk`` counts, including those
inside functions and methods; only imports guarded by ``if TYPE_CHECKING:`` are left
out, because they never run.  An edge goes to the module that is named: for
``from vitk.foods import values`` that is ``vitk.foods.values`` when such a module
exists, otherwise the package ``vitk.foods``.

Run as a script to print the cycles: ``python tests/architecture/import_graph.py``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def module_name(path: Path, src: Path = SRC) -> str:
    """Dotted module name of a source file below ``src``."""
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, skipping ``if TYPE_CHECKING:`` bodies."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def import_graph(package: str = "vitk", src: Path = SRC) -> dict[str, set[str]]:
    """Map each module of ``package`` to the modules of ``package`` it imports."""
    files = {module_name(p, src): p for p in (src / package).rglob("*.py")}
    packages = {name for name, p in files.items() if p.name == "__init__.py"}
    graph: dict[str, set[str]] = {name: set() for name in files}

    def resolve(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    for name, path in files.items():
        here = name if name in packages else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base_parts = here.split(".")
                    base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                    base = ".".join(base_parts + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                    for alias in node.names
                ]
            for target in targets:
                if target == package or target.startswith(package + "."):
                    resolved = resolve(target)
                    if resolved is not None and resolved != name:
                        graph[name].add(resolved)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(root: str) -> None:
        nonlocal counter
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
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
    return sorted(found)


def package_graph(graph: dict[str, set[str]], depth: int = 2) -> dict[str, set[str]]:
    """Collapse a module graph to its packages (``vitk.foods``, ``vitk.usda`` ...).

    A cycle here means two subpackages import each other, even when no single pair
    of modules does (``foods.catalogue`` → ``usda.store`` → ``foods.model``).
    """

    def package(name: str) -> str:
        return ".".join(name.split(".")[:depth])

    collapsed: dict[str, set[str]] = {}
    for source, targets in graph.items():
        collapsed.setdefault(package(source), set())
        for target in targets:
            collapsed.setdefault(package(target), set())
            if package(target) != package(source):
                collapsed[package(source)].add(package(target))
    return collapsed


def all_cycles() -> list[list[str]]:
    """Module-level cycles followed by subpackage-level cycles in ``src/vitk``."""
    graph = import_graph()
    return cycles(graph) + cycles(package_graph(graph))


def main() -> int:
    graph = import_graph()
    for title, found in (
        ("module", cycles(graph)),
        ("subpackage", cycles(package_graph(graph))),
    ):
        sys.stdout.write(f"{len(found)} {title}-level import cycle(s) in src/vitk\n")
        for component in found:
            sys.stdout.write(f"  {len(component)}: " + ", ".join(component) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
