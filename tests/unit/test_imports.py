"""The package's import structure: reading a result needs neither the solver nor the LP builder, and no module
of the package takes part in an import cycle."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import batteryplan

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.sweep.cases import chain_case  # noqa: E402

PACKAGE = Path(batteryplan.__file__).parent
HEAVY = ("highspy", "numba", "batteryplan.csc_builder", "batteryplan.kernels", "batteryplan.solver.highs")


def _fresh(code: str) -> dict:
    """Run `code` in a new interpreter (this worktree's batteryplan first on the path); it prints JSON."""
    out = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(PACKAGE.parent)!r})\n" + code],
                         capture_output=True, text=True, check=True, timeout=300)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _loaded(code: str) -> list[str]:
    return _fresh(code + f"\nimport json; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")


def test_reading_a_result_loads_neither_solver_nor_builder(tmp_path: Path) -> None:
    res = batteryplan.solve(batteryplan.build(batteryplan.read_case(chain_case(tmp_path / "inputs"))))
    path = res.to_hdf5(tmp_path / "r.h5")
    assert _loaded("import batteryplan.result") == []
    assert _loaded("import batteryplan") == []
    got = _fresh(f"""
import batteryplan
res = batteryplan.read_result({str(path)!r})
m = batteryplan.metrics(res)
import json
print(json.dumps({{"objective": res.objective, "loaded": [m for m in {HEAVY!r} if m in sys.modules],
                  "periods": len(m.period), "file": batteryplan.__file__}}))
""")
    assert got["file"] == batteryplan.__file__                       # the package under test, not another copy
    assert got["loaded"] == []
    assert got["objective"] == res.objective and got["periods"] == len(res.index["periods"])


def test_the_public_names_load_on_first_use() -> None:
    """Each public name is what it was (the function, not a module of the same name), loaded lazily."""
    got = _fresh("""
import batteryplan, inspect, json
import batteryplan.sweep.chain, batteryplan.solver.solve     # packages of the same names imported first
names = ["read_case", "build", "solve", "read_result", "Result", "LP", "sweep", "metrics", "CaseError", "SolveError"]
print(json.dumps({n: inspect.isfunction(getattr(batteryplan, n)) or inspect.isclass(getattr(batteryplan, n))
                  for n in names}))
""")
    assert all(got.values()), got
    assert sorted(batteryplan.__all__) == sorted([*got, "__version__"])


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, modules: set[str]) -> set[str]:
    """Modules of the package that `path` imports when it is itself imported: statements at module level
    (also inside if / try there), not in functions or classes."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(), str(path))
    found: set[str] = set()
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.If, ast.Try)):
            todo += node.body + node.orelse + getattr(node, "finalbody", []) + \
                [s for h in getattr(node, "handlers", []) for s in h.body]
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            if base != package:              # `from . import sibling` loads the siblings; the package itself is
                found.add(base)              # already being imported (every module imports its parent first)
            found |= {f"{base}.{a.name}" for a in node.names}      # `from pkg import submodule`
    return {m for m in found if m in modules and m != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_is_in_an_import_cycle() -> None:
    files = [p for p in PACKAGE.rglob("*.py") if "cases" not in p.relative_to(PACKAGE).parts]
    modules = {_module_name(p) for p in files}
    graph = {_module_name(p): _top_level_imports(p, modules) for p in files}
    assert graph["batteryplan.sweep.chain"] >= {"batteryplan.sweep.files", "batteryplan.solver.policy"}
    assert _cycles(graph) == []
