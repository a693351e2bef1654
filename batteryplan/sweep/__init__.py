"""Many scenarios of one case: sweeps (``run``), warm chains of scenarios (``chain``), the files of a sweep
folder (``files``), the crossover search over the carbon multiplier (``crossover``) and the range of the
battery split at near-optimal cost (``split_range``).

Nothing is imported here until used (``batteryplan`` imports this package to keep its name ``sweep`` for the
function): ``from batteryplan.sweep import sweep`` loads ``sweep.run``.
"""
from __future__ import annotations

import importlib

_RUN = ("sweep", "resolve_scenarios", "plan_chains", "SweepBusyError", "CATALOG_COLUMNS")
__all__ = list(_RUN)


def __getattr__(name: str) -> object:
    if name not in _RUN:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(".run", __name__), name)
