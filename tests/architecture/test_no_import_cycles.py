"""No module or subpackage of src/vitk takes part in an import cycle.

Imports inside functions count (only ``if TYPE_CHECKING:`` imports are left out): a
function-level import that closes a loop still couples the two modules both ways. The
graph is read from source with :mod:`ast` (see ``import_graph.py`` beside this file).
"""

from __future__ import annotations

from tests.architecture.import_graph import all_cycles, cycles, import_graph, package_graph

#: Cycles still being removed by their owners when this test was written. Each entry must
#: match exactly: one that is fixed must be taken off (the test says so), and a new cycle
#: fails the test.
KNOWN_CYCLES: dict[tuple[str, ...], str] = {}


def test_graph_sees_imports_inside_functions() -> None:
    graph = import_graph()
    # vitk.nutrients.nutrient() imports vitk.errors inside the function.
    assert "vitk.errors" in graph["vitk.nutrients"]
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert cycles(package_graph({"x.p.m": {"x.q.n"}, "x.q.n": {"x.p.o"}, "x.p.o": set()})) == [
        ["x.p", "x.q"]
    ]


def test_no_import_cycles_in_src_vitk() -> None:
    found = {tuple(c) for c in all_cycles()}
    new = sorted(found - set(KNOWN_CYCLES))
    fixed = sorted(set(KNOWN_CYCLES) - found)
    assert not new, "import cycles: " + "; ".join(" ↔ ".join(c) for c in new)
    assert not fixed, "no longer cycles, take them off KNOWN_CYCLES: " + "; ".join(
        " ↔ ".join(c) for c in fixed
    )
