"""Run the batteryplan CLI as a plain install would see it: only the packages that pyproject.toml's base
dependencies bring (followed through their own requirements) can be imported; any other installed
distribution (test and optional extras: dask, switch-model, pytest, psutil, ...) is hidden.

    python tests/reliability/_plain.py PYPROJECT [batteryplan arguments ...]
    python tests/reliability/_plain.py PYPROJECT --import MODULE [MODULE ...]     (import them, print "ok")
"""
from __future__ import annotations

import importlib.abc
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path


def _name(req: str) -> tuple[str, str | None]:
    """(normalised distribution name, marker text) of a requirement string."""
    head, _, marker = req.partition(";")
    name = re.match(r"\s*([A-Za-z0-9_.-]+)", head).group(1)
    return re.sub(r"[-_.]+", "-", name).lower(), marker.strip() or None


def closure(base: list[str]) -> set[str]:
    """Distributions a plain install brings: the base requirements and, recursively, theirs (markers that
    ask for an extra are not followed; other markers are evaluated)."""
    from packaging.markers import Marker
    seen: set[str] = set()
    todo = list(base)
    while todo:
        name, marker = _name(todo.pop())
        if marker and ("extra" in marker or not Marker(marker).evaluate()):
            continue
        if name in seen:
            continue
        seen.add(name)
        try:
            todo += md.requires(name) or []
        except md.PackageNotFoundError:
            pass
    return seen


def hidden_modules(allowed: set[str]) -> set[str]:
    """Top-level module names that only distributions outside `allowed` provide."""
    out = set()
    for module, dists in md.packages_distributions().items():
        if not {re.sub(r"[-_.]+", "-", d).lower() for d in dists} & allowed:
            out.add(module)
    return out


class _Hide(importlib.abc.MetaPathFinder):
    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named '{fullname}' (hidden: not in a plain install)",
                                      name=fullname)
        return None


def main() -> None:
    pyproject = Path(sys.argv[1])
    deps = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    allowed = closure(deps)
    hide = hidden_modules(allowed) - {"batteryplan", "_distutils_hack", "setuptools", "pkg_resources"}
    for name in list(sys.modules):
        if name.split(".")[0] in hide:
            del sys.modules[name]
    sys.meta_path.insert(0, _Hide(hide))
    sys.path.insert(0, str(pyproject.parent))
    if sys.argv[2:3] == ["--import"]:
        import importlib
        for module in sys.argv[3:]:
            importlib.import_module(module)
        print("ok")
        return
    from batteryplan.cli import main as cli
    sys.argv = ["batteryplan"] + sys.argv[2:]
    cli()


if __name__ == "__main__":
    main()
