"""Scenarios (MODEL.md §3): ``<Strategy>-<Carbon>-<BatteryCost>``, a plain value.

Scenarios that share a strategy share every matrix entry and bound; only the costs differ:
the carbon path (``carbon_price_paths.csv``: PERIOD, low, high) times ``carbon_multiplier``
becomes ``carbon_cost_dollar_per_tco2``, and ``battery_cost_paths.csv`` (path, multiplier)
scales the battery projects' costs as a whole in every build year: power and energy overnight costs and
fixed O&M (``gen_fixed_om``, ``gen_storage_energy_fixed_om``). The reader
loads both files with the case (``io.cost_paths``); ``apply_costs`` is a pure transform of the case.
"""
from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from .case import Case
from .errors import CaseError
from .io.cost_paths import BATTERY_FILE, CARBON_FILE
from .io.switch_reader import read_case as _read
from .strategy import STRATEGIES, battery_mask, catalog_hook, chain, strategy_hook

CARBON = ("Low", "High")
BATTERY_COST = ("B", "M", "R")
PAPER = [f"{s}-{c}-{b}" for s in ("RE", "Grid", "Demand") for c in CARBON for b in BATTERY_COST] + \
        ["Mixed-Low-R", "Mixed-High-R"]


@dataclasses.dataclass(frozen=True, slots=True)
class Scenario:
    strategy: str
    carbon: str = "Low"
    battery_cost: str = "B"
    carbon_multiplier: float = 1.0
    battery_techs: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        base = f"{self.strategy}-{self.carbon}-{self.battery_cost}"
        if self.carbon_multiplier != 1.0:
            base += f"-x{self.carbon_multiplier:g}"
        return base

    def fields(self) -> dict:
        return {"name": self.name, "strategy": self.strategy, "carbon": self.carbon,
                "battery_cost": self.battery_cost, "carbon_multiplier": float(self.carbon_multiplier),
                "battery_techs": list(self.battery_techs)}


def parse(name: str, carbon_multiplier: float = 1.0, battery_techs: Sequence[str] = ()) -> Scenario:
    """The scenario named `name`, matched case-insensitively (``grid-low-r`` is Grid-Low-R)."""
    parts = name.strip().split("-")
    if len(parts) == 3:
        parts = [next((v for v in allowed if v.lower() == p.lower()), p)
                 for p, allowed in zip(parts, (STRATEGIES, CARBON, BATTERY_COST))]
    if len(parts) != 3 or parts[0] not in STRATEGIES or parts[1] not in CARBON or parts[2] not in BATTERY_COST:
        raise CaseError(f"unknown scenario '{name}'; expected <Strategy>-<Carbon>-<BatteryCost> with Strategy in "
                        f"{'/'.join(STRATEGIES)}, Carbon in {'/'.join(CARBON)}, BatteryCost in {'/'.join(BATTERY_COST)}")
    return Scenario(parts[0], parts[1], parts[2], float(carbon_multiplier), tuple(battery_techs))


def all_names() -> list[str]:
    return [f"{s}-{c}-{b}" for s, c, b in itertools.product(STRATEGIES, CARBON, BATTERY_COST)]


def read_scenario(path: str | Path, scenario: Scenario | str, *, full_mixed: bool = False,
                  aggregate: bool = True, modules: str | None = None) -> Case:
    """Read a case under a scenario: the strategy shapes the projects, the paths set the costs.
    `full_mixed` keeps the Mixed copies that others dominate (``strategy`` module docstring);
    `aggregate` merges identical projects (``aggregate`` module); `modules` picks the module list
    (``read_case``: None for modules.txt, a variant's name, or a path)."""
    sc = parse(scenario) if isinstance(scenario, str) else scenario
    techs = sc.battery_techs or None
    hook = chain(catalog_hook(techs) if techs else None, strategy_hook(sc.strategy, techs, full_mixed))
    return apply_costs(_read(path, hook=hook, aggregate=aggregate, modules=modules), sc)


def apply_costs(case: Case, sc: Scenario) -> Case:
    """A copy of `case` with the scenario's carbon price and battery costs, from the cost paths read with the
    case (``Case.paths``); reads nothing. The battery path multiplies every battery build's power and energy
    overnight costs and fixed O&M (MODEL.md §3)."""
    carbon = case.paths.get("carbon_price")
    price = case.carbon_price.copy()
    if carbon is None:
        if sc.carbon != "Low" or sc.carbon_multiplier != 1.0:
            raise CaseError("this case has no carbon price paths; only the Low path (its carbon_policies.csv) "
                            "with multiplier 1 is available", CARBON_FILE)
    else:
        price = carbon[sc.carbon] * sc.carbon_multiplier
    battery = case.paths.get("battery_cost")
    mult = 1.0
    if battery is None:
        if sc.battery_cost != "B":
            raise CaseError("this case has no battery cost paths; only B is available", BATTERY_FILE)
    else:
        if sc.battery_cost not in battery:
            raise CaseError(f"battery cost path '{sc.battery_cost}' is not in the file (it has "
                            f"{', '.join(battery)})", BATTERY_FILE)
        mult = battery[sc.battery_cost]
    is_bat = battery_mask(pd.DataFrame({"gen_tech": case.gen_tech.astype(str)}), sc.battery_techs or None)
    bat_bld = is_bat[case.bld_gen]
    fields = sc.fields()
    if sc.strategy == "Mixed":
        # how many battery projects solve without their dominated -re copy (strategy module docstring)
        att = case.gen_attachment[is_bat]
        fields["re_copies_dropped"] = int((att == 0).sum() - (att == 1).sum())
    return dataclasses.replace(
        case, carbon_price=price,
        bld_overnight=np.where(bat_bld, case.bld_overnight * mult, case.bld_overnight),
        bld_e_overnight=np.where(bat_bld, case.bld_e_overnight * mult, case.bld_e_overnight),
        bld_fixed_om=np.where(bat_bld, case.bld_fixed_om * mult, case.bld_fixed_om),
        bld_e_fixed_om=np.where(bat_bld, case.bld_e_fixed_om * mult, case.bld_e_fixed_om),
        scenario=fields)
