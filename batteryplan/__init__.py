"""batteryplan: SWITCH 2.0.9's LP built with Numba straight into CSC, solved by HiGHS.

    case = batteryplan.read_case("inputs")      # a SWITCH 2.0.9 inputs folder
    lp = batteryplan.build(case)                # CSC matrix, bounds, costs
    res = batteryplan.solve(lp)                 # HiGHS; objective in SWITCH's NPV dollars
    res.to_hdf5("result.h5"); batteryplan.read_result("result.h5")

The names below are loaded on first use (PEP 562), so that reading a result file loads neither the
LP builder (Numba) nor HiGHS.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

from .errors import CaseError, SolveError
# the package batteryplan.sweep is imported here (its __init__ loads nothing) so that the name `sweep` below is
# the function: a package imported later would bind its own name over it
from . import sweep as _sweep_package  # noqa: E402

del sweep  # noqa: F821 (bound by the import above)

_WHERE = {                          # public name -> module that defines it
    "read_case": ".io.switch_reader",
    "build": ".csc_builder",
    "LP": ".csc_builder",
    "solve": ".solver.solve",
    "read_result": ".io.results",
    "Result": ".result",
    "sweep": ".sweep.run",
    "metrics": ".report.metrics",
}

__all__ = ["CaseError", "SolveError", "read_case", "build", "solve", "read_result", "Result", "LP", "sweep", "metrics",
           "__version__"]


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
