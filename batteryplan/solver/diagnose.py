"""Why a case is infeasible: rebuild its LP with unserved energy allowed, solve it, and name where it is used."""
from __future__ import annotations

import dataclasses
from typing import Mapping

import numpy as np

from ..csc_builder import build
from .highs import solve_lp

SHOWN = 20                 # zone-timepoint pairs named in the message
UNSERVED_PENALTY = 1e5     # $/MWh at least: high enough that unserved energy is used only where nothing else serves


def diagnose(lp, options: Mapping[str, object] | None = None, threads: int | None = None) -> str:
    """Re-solve with unserved energy allowed (at a high penalty) and list where it is used."""
    case = lp.case
    relaxed = dataclasses.replace(case, has_unserved=True,
                                  unserved_penalty=max(case.unserved_penalty, UNSERVED_PENALTY))
    try:
        relp = build(relaxed)
        sol, _ = solve_lp(relp, options, threads)
    except Exception as exc:  # the diagnosis must never hide the original status
        return f"diagnosis failed ({exc})"
    if sol.status != "Optimal":
        return f"still '{sol.status}' with unserved energy allowed: look at caps and fixed builds"
    b = relp.space.cols["unserved_load"]
    u = sol.x[b.start:b.stop].reshape(b.shape)
    zs, ts = np.nonzero(u > 1e-6)
    if len(zs) == 0:
        return "no unserved energy needed when allowed: the infeasibility is elsewhere"
    items = [f"{case.zones[z]}@{case.tp_ids[t]} ({u[z, t]:.3g} MW)" for z, t in zip(zs[:SHOWN], ts[:SHOWN])]
    more = f" and {len(zs) - SHOWN} more" if len(zs) > SHOWN else ""
    return "demand cannot be met at: " + ", ".join(items) + more
