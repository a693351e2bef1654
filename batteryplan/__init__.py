"""batteryplan: SWITCH 2.0.9's LP built with Numba straight into CSC, solved by HiGHS.

    case = batteryplan.read_case("inputs")      # a SWITCH 2.0.9 inputs folder
    lp = batteryplan.build(case)                # CSC matrix, bounds, costs
    res = batteryplan.solve(lp)                 # HiGHS; objective in SWITCH's NPV dollars
    res.to_hdf5("result.h5"); batteryplan.read_result("result.h5")
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import CaseError, SolveError
from .io.switch_reader import read_case
from .csc_builder import LP, build
from .result import Result, solve, read_result
from .sweep import sweep
from .metrics import metrics

__all__ = ["CaseError", "SolveError", "read_case", "build", "solve", "read_result", "Result", "LP", "sweep", "metrics",
           "__version__"]
