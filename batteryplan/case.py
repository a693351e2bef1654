"""A validated case: plain arrays and label tuples, everything the LP builder needs.

Indices follow SWITCH_FORMULATION.md: z zone, p period, ts timeseries, t timepoint, g project,
b build (a row of gen_build_costs.csv that is online in some period), l transmission line,
f fuel, k fuel-market supply tier. Built by ``io.switch_reader``; nothing here reads files.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

F = npt.NDArray[np.float64]
I = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
S = npt.NDArray[np.object_]

from .domain import is_battery_tech


def module_list_file(variant: str) -> str:
    """The file of a module-list variant: ``modules.txt`` for "", ``modules_<name>.txt`` for a name, else the path."""
    if not variant:
        return "modules.txt"
    if "/" in variant or "\\" in variant or variant.endswith(".txt"):
        return variant
    return f"modules_{variant}.txt"


@dataclass(slots=True)
class Case:
    name: str
    modules: tuple[str, ...]
    # timescales
    zones: S
    periods: I                 # labels (also build years)
    period_start: F
    period_length: F           # years
    bac: F                     # bring_annual_costs_to_base_year (n_period,)
    ts_names: S
    ts_period: I
    ts_num_tps: I
    tp_ids: S
    tp_ts: I
    tp_period: I
    tp_duration_h: F
    tp_weight_in_year: F
    tp_prev: I                 # circular within each timeseries
    interest_rate: float
    discount_rate: float
    base_year: float
    # demand
    demand_mw: F               # (n_zone, n_tp)
    # projects
    gen_names: S
    gen_tech: S
    gen_source: S
    gen_zone: I
    gen_fuel: I                # -1 for non-fuel sources
    gen_heat_rate: F           # 0 for non-fuel
    gen_vom: F
    gen_connect: F
    gen_max_age: F
    gen_cap_limit: F           # inf where none
    gen_avail: F
    gen_is_variable: B
    gen_is_baseload: B
    gen_is_distributed: B
    gen_is_re_connect: B
    gen_is_storage: B
    gen_ccs_eff: F             # 0 where no CCS
    gen_ccs_load: F
    gen_sto_eff: F
    gen_sto_s2r: F
    gen_sto_ratio: F           # nan where free
    gen_sto_cycles: F          # inf where unlimited
    gen_attachment: I          # 0 grid, 1 re, 2 demand (storage only; others 0)
    gen_min_build: F           # MW; > 0 adds SWITCH's binary BuildMinGenCap (a MIP)
    cf: F                      # (n_gen, n_tp) capacity factor; 1 for non-variable
    # builds (only those online in at least one period)
    bld_gen: I
    bld_year: F
    bld_fixed: B               # predetermined
    bld_fixed_mw: F
    bld_overnight: F
    bld_fixed_om: F
    bld_e_overnight: F         # storage energy $/MWh (0 for non-storage)
    bld_e_fixed_om: F
    bld_e_fixed_mwh: F         # nan unless predetermined energy
    bld_online: B              # (n_bld, n_period)
    gen_active: B              # (n_gen, n_period)
    # fuels
    fuel_names: S
    fuel_co2: F                # t per heat unit
    fuel_upstream_co2: F
    fuel_mode: str             # "simple" | "markets" | "none"
    fuel_cost: F               # (n_zone, n_fuel, n_period) simple prices, nan = unavailable
    zone_fuel_rfm: I           # (n_zone, n_fuel) markets: market index, -1 = unavailable
    rfm_names: S
    rfm_fuel: I
    tier_rfm: I
    tier_period: I
    tier_cost: F
    tier_limit: F
    # hydro
    hydro_min_mw: F            # (n_gen, n_ts), nan where not hydro
    hydro_avg_mw: F
    # transmission
    has_tx: bool
    tx_names: S
    tx_from: I
    tx_to: I
    tx_eff: F
    tx_existing: F
    tx_derate: F
    tx_new: B
    tx_cost_annual: F          # $/MW-yr, capital + fixed O&M
    # local T&D
    has_local_td: bool
    td_existing: F
    td_cost: F
    td_loss: F
    td_peak: F                 # (n_zone, n_period), nan where none
    # unserved load
    has_unserved: bool
    unserved_penalty: float
    # carbon policies
    carbon_cap: F              # (n_period,), inf where none
    carbon_price: F            # (n_period,)
    scenario: dict = field(default_factory=dict)
    ext: dict = field(default_factory=dict)    # each constraint family's own data, by family NAME
    paths: dict = field(default_factory=dict)     # scenario cost paths (io.cost_paths), read with the case
    options: tuple[str, ...] = ()              # switch's command-line options for the case (io/options.py)
    fleet: object = None   # aggregate.FleetMap on a case whose identical projects were merged, else None
    modules_variant: str = ""  # the module list read: "" modules.txt, a name its modules_<name>.txt, else a path

    @property
    def modules_file(self) -> str:
        """The module-list file the case was read with (``module_list_file``)."""
        return module_list_file(self.modules_variant)

    # sizes -----------------------------------------------------------------
    @property
    def n_zone(self) -> int: return len(self.zones)
    @property
    def n_period(self) -> int: return len(self.periods)
    @property
    def n_ts(self) -> int: return len(self.ts_names)
    @property
    def n_tp(self) -> int: return len(self.tp_ids)
    @property
    def n_gen(self) -> int: return len(self.gen_names)
    @property
    def n_bld(self) -> int: return len(self.bld_gen)
    @property
    def n_fuel(self) -> int: return len(self.fuel_names)
    @property
    def n_tx(self) -> int: return len(self.tx_names)
    @property
    def n_tier(self) -> int: return len(self.tier_rfm)

    @property
    def gen_co2_per_heat(self) -> F:
        """t CO2 per heat unit of fuel burnt, after capture; 0 for non-fuel projects."""
        f = np.maximum(self.gen_fuel, 0)
        e = self.fuel_co2[f] * (1.0 - self.gen_ccs_eff) + self.fuel_upstream_co2[f]
        return np.where(self.gen_fuel >= 0, e, 0.0)

    @property
    def gen_is_battery(self) -> B:
        """Storage projects that count as batteries (MODEL.md §2): the scenario's battery
        technologies, else techs whose name contains "Battery"."""
        techs = self.scenario.get("battery_techs") if self.scenario else None
        return is_battery_tech(self.gen_tech, techs) & self.gen_is_storage

    @property
    def tp_weight_h(self) -> F:
        """Hours per period that each timepoint stands for (tp_weight)."""
        return self.tp_weight_in_year * self.period_length[self.tp_period]
