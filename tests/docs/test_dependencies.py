"""pyproject.toml declares every third-party package that src/vitk imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name = re.compile(r"^\s*([A-Za-z0-9_.-]+)")

    def names(reqs: list[str]) -> set[str]:
        return {_norm(m.group(1)) for r in reqs if (m := name.match(r))}

    extras = set().union(*(names(v) for v in project["optional-dependencies"].values()))
    return names(project["dependencies"]), extras


def _imported() -> dict[str, set[str]]:
    """Top-level third-party modules imported anywhere in src/vitk, with where."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "src" / "vitk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                mods = [node.module]
            else:
                continue
            for mod in mods:
                top = mod.split(".")[0]
                if top != "vitk" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


#: Imported only behind a guard that names the extra to install.
OPTIONAL = {"distributed": "dask"}


def test_every_imported_package_is_declared():
    required, extras = _declared()
    dists = packages_distributions()
    missing = []
    for module, where in sorted(_imported().items()):
        names = {_norm(d) for d in dists.get(module, [module])}
        if module in OPTIONAL:
            ok = bool(names & extras) or OPTIONAL[module] in extras
        else:
            ok = bool(names & required)
        if not ok:
            missing.append(f"{module} ({', '.join(sorted(names))}) in {sorted(where)[0]}")
    assert missing == [], "imported but not declared in [project.dependencies]"


def test_lower_bounds_are_the_tested_pins():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            pkg, version = line.split("==", 1)
            pins[_norm(pkg)] = version.strip()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wrong = []
    for req in project["dependencies"]:
        m = re.match(r"^\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?>=([^,;\s]+)", req)
        assert m, f"dependency without a lower bound: {req}"
        pkg, low = _norm(m.group(1)), m.group(3)
        if pins.get(pkg) != low:
            wrong.append(f"{req} (constraints.txt: {pins.get(pkg)})")
    assert wrong == []
