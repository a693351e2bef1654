"""The registry of constraint families: one tuple, in the order their column and row blocks are laid out.

A family is one module (see docs/architecture.md): it may declare the SWITCH modules that switch it on
(``MODULES``; empty = always on), the input tables it reads (``INPUTS`` + ``load``), membership sets
(``index``), column blocks (``columns``) with their bounds and costs (``col_bounds``, ``costs``), row blocks
(``row_blocks``) with their entries and bounds (``put``, ``bounds``), and what it reports (``RESULTS`` +
``results``, ``annual_costs``). A new family is appended at the end, so existing blocks keep their places.
"""
from __future__ import annotations

from . import (balance, baseload, build_limit, carbon_cap, charge_limit, cycle_limit, demand_charging, dispatch,
               dispatch_limit, energy_limit, energy_ratio, fuel_markets, gen_build, hydro, local_td, min_build,
               planning_reserves, re_charging, soc, tech_plans, transmission, unserved)

FAMILIES = (gen_build, dispatch, balance, dispatch_limit, build_limit, charge_limit, soc, energy_limit,
            energy_ratio, cycle_limit, hydro, baseload, transmission, local_td, unserved, fuel_markets,
            carbon_cap, re_charging, min_build, demand_charging, tech_plans, planning_reserves)


def is_on(family, case) -> bool:
    """Whether `family` takes part in `case`'s LP: always, or when one of its MODULES is loaded."""
    mods = getattr(family, "MODULES", ())
    return not mods or any(m in case.modules for m in mods)


def on(families, case) -> tuple:
    """The families of `families` that take part in `case`'s LP, in order."""
    return tuple(f for f in families if is_on(f, case))


def supported_modules() -> tuple[str, ...]:
    """Every SWITCH module name that some family answers to."""
    return tuple(dict.fromkeys(m for f in FAMILIES for m in getattr(f, "MODULES", ())))


def result_dims() -> dict:
    """Dimensions and units of every array that a family reports."""
    out: dict = {}
    for f in FAMILIES:
        out.update(getattr(f, "RESULTS", {}))
    return out
