"""The stage-1 input tables that ``io/switch_reader.py`` reads, declared with switch-model 2.0.9's domains.

Every file and every column the reader reads (plus ``gen_unit_size``, which ``strategy.py`` reads) is
declared here with its kind, the domain switch-model gives the parameter it loads into, and the default the
reader uses. :meth:`~batteryplan.io.tables.Folder.table` checks each declared file as it reads it
(:func:`~batteryplan.io.schema.check`): required columns, unique keys, and every present column's type and
domain, so a value switch-model refuses gets one ``CaseError`` naming file, line and column. The comment on
each column is the switch-model 2.0.9 source line that declares the domain (paths under ``switch_model/``).

Columns that only some modules read are checked where one of those modules is in modules.txt
(:data:`ONLY_WITH`); a file that only some modules read is only opened under them. Key columns are labels
(checked as text, then resolved by the reader); ``within=<a set>`` (a zone, a period, a fuel) is a reference
that the reader resolves against the file that defines the set.

Where batteryplan checks more than the domain, on purpose:
- ``trans_lifetime_yrs`` must be > 0 (switch-model: NonNegativeReals). A zero lifetime divides by zero in
  switch-model's capital recovery factor (financials.py ``crf``), so switch-model fails on it too.
- ``gen_max_capacity_factor`` (within=Reals) must satisfy -1 < value < 2: switch-model's ``validate``
  (generators/core/dispatch.py:283); the reader checks it.
- Period labels (``INVESTMENT_PERIOD``) must be whole numbers and ``period_end`` ≥ ``period_start``;
  these are rules of the reader, not domains.
No check was loosened or tightened against switch-model's domain in a way that changes the bundled China
case or any SWITCH example that batteryplan reads (all read as before).
"""
from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Sequence

from .schema import Col, TableSpec

INF = float("inf")
NAN = float("nan")

STORAGE = "switch_model.generators.extensions.storage"
LOCAL_TD = "switch_model.transmission.local_td"
SIMPLE_FUEL = "switch_model.energy_sources.fuel_costs.simple"

INPUTS: tuple[TableSpec, ...] = (
    # ---------------------------------------------------------------- timescales, financials
    TableSpec("periods.csv", keys=("INVESTMENT_PERIOD",), columns=(   # PERIODS: no domain (timescales.py:245)
        Col("period_start", domain="NonNegativeReals"),               # timescales.py:246
        Col("period_end", domain="NonNegativeReals"),                 # timescales.py:247
    )),
    TableSpec("timeseries.csv", keys=("TIMESERIES",), columns=(
        Col("ts_period"),                                             # within=PERIODS (timescales.py:251): a period
        Col("ts_duration_of_tp", domain="NonNegativeReals"),          # timescales.py:252
        Col("ts_num_tps", "integer", "NonNegativeIntegers"),          # timescales.py:253
        Col("ts_scale_to_period", domain="NonNegativeReals"),         # timescales.py:254
    )),
    TableSpec("timepoints.csv", keys=("timepoint_id",), columns=(
        Col("timeseries", "text"),                                    # tp_ts within=TIMESERIES (timescales.py:264)
    )),
    TableSpec("financials.csv", columns=(
        Col("base_financial_year", domain="NonNegativeReals"),        # financials.py:224
        Col("interest_rate", domain="NonNegativeReals"),              # financials.py:225
        Col("discount_rate", domain="NonNegativeReals", default=NAN),  # financials.py:226 (default: interest_rate)
    )),
    # ---------------------------------------------------------------- zones, loads, local T&D
    TableSpec("load_zones.csv", keys=("LOAD_ZONE",), columns=(
        Col("existing_local_td", domain="NonNegativeReals"),          # transmission/local_td.py:133
        Col("local_td_annual_cost_per_mw", domain="NonNegativeReals"),  # transmission/local_td.py:156
        Col("local_td_loss_rate", domain="NonNegativeReals", default=0.053),  # transmission/local_td.py:145
    )),
    TableSpec("loads.csv", keys=("LOAD_ZONE", "TIMEPOINT"), columns=(
        Col("zone_demand_mw", domain="NonNegativeReals"),             # balancing/load_zones.py:87
    )),
    TableSpec("zone_coincident_peak_demand.csv", keys=("LOAD_ZONE", "PERIOD"), optional=True, columns=(
        Col("zone_expected_coincident_peak_demand", domain="NonNegativeReals"),  # balancing/load_zones.py:103
    )),
    TableSpec("lost_load_cost.csv", optional=True, columns=(
        Col("unserved_load_penalty", domain="NonNegativeReals"),      # balancing/unserved_load.py:40
    )),
    # ---------------------------------------------------------------- energy sources, fuel costs
    # NON_FUEL_ENERGY_SOURCES (energy_sources/properties.py:94): the first column, whatever its name.
    TableSpec("non_fuel_energy_sources.csv", optional=True),
    TableSpec("fuels.csv", keys=("fuel",), columns=(
        # f_co2_intensity and f_upstream_co2_intensity
        Col("co2_intensity", domain="NonNegativeReals"),              # energy_sources/properties.py:96
        Col("upstream_co2_intensity", default=0.0),                   # Reals, energy_sources/properties.py:97
    )),
    TableSpec("fuel_cost.csv", keys=("load_zone", "fuel", "period"), columns=(
        # energy_sources/fuel_costs/simple.py:57. Under fuel_costs.markets the same file becomes one-tier
        # markets whose cost is rfm_supply_tier_cost, within=Reals (fuel_costs/markets.py:246, 490): ONLY_WITH.
        Col("fuel_cost", domain="NonNegativeReals"),
    )),
    TableSpec("regional_fuel_markets.csv", keys=("regional_fuel_market",), columns=(
        Col("fuel", "text"),                                          # rfm_fuel within=FUELS, markets.py:214
    )),
    TableSpec("zone_to_regional_fuel_market.csv", keys=("load_zone", "regional_fuel_market")),
    # rfm_supply_tier_cost and rfm_supply_tier_limit (energy_sources/fuel_costs/markets.py)
    TableSpec("fuel_supply_curves.csv", keys=("regional_fuel_market", "period", "tier"), columns=(
        Col("unit_cost"),                                             # Reals, markets.py:246
        Col("max_avail_at_cost", domain="NonNegativeReals", default=INF),  # markets.py:247
    )),
    # ---------------------------------------------------------------- projects (generators/)
    TableSpec("gen_info.csv", keys=("GENERATION_PROJECT",), columns=(
        Col("gen_tech", "text"),                                      # within=Any, core/build.py:238
        Col("gen_energy_source", "text"),                             # an energy source, core/build.py:243
        Col("gen_load_zone", "text"),                                 # within=LOAD_ZONES, core/build.py:248
        Col("gen_max_age", "integer", "PositiveIntegers"),            # core/build.py:249
        Col("gen_is_variable", "flag", "Boolean", 0.0, required_column=True),  # core/build.py:250
        Col("gen_is_baseload", "flag", "Boolean", 0.0),               # core/build.py:251
        Col("gen_is_distributed", "flag", "Boolean", 0.0),            # core/build.py:253
        Col("gen_scheduled_outage_rate", domain="PercentFraction", default=0.0),  # core/build.py:256
        Col("gen_forced_outage_rate", domain="PercentFraction", default=0.0),     # core/build.py:259
        Col("gen_can_suspend", "flag", "Boolean", 0.0),               # core/build.py:262
        Col("gen_can_retire_early", "flag", "Boolean", 0.0),          # core/build.py:263
        Col("gen_capacity_limit_mw", domain="NonNegativeReals", default=INF),     # core/build.py:322
        Col("gen_unit_size", domain="PositiveReals", default=NAN),    # core/build.py:326 (read by strategy.py)
        Col("gen_ccs_capture_efficiency", domain="PercentFraction", default=0.0),  # core/build.py:328
        Col("gen_ccs_energy_load", domain="PercentFraction", default=0.0),         # core/build.py:331
        Col("gen_full_load_heat_rate", domain="NonNegativeReals", default=NAN,
            required_column=True),                                    # core/build.py:351
        Col("gen_min_build_capacity", domain="NonNegativeReals", default=0.0),    # core/build.py:624
        Col("gen_variable_om"),                                       # Reals, core/build.py:656
        Col("gen_connect_cost_per_mw", domain="NonNegativeReals"),    # core/build.py:657
        Col("gen_storage_efficiency", domain="PercentFraction", default=NAN),      # extensions/storage.py:140
        Col("gen_store_to_release_ratio", domain="NonNegativeReals", default=1.0),  # extensions/storage.py:142
        Col("gen_storage_energy_to_power_ratio", domain="NonNegativeReals", default=NAN),  # extensions/storage.py:145
        Col("gen_storage_max_cycles_per_year", domain="NonNegativeReals", default=INF),  # extensions/storage.py:148
        # Binary, default 0: tests/peer/switch_ext/re_connect_charging.py:30 (the study's module, not switch-model's)
        Col("gen_is_re_connect", "flag", "Boolean", 0.0),
    )),
    TableSpec("gen_multiple_fuels.csv", optional=True),               # refused by the reader when it has rows
    TableSpec("gen_build_costs.csv", keys=("GENERATION_PROJECT", "build_year"), columns=(
        Col("gen_overnight_cost", domain="NonNegativeReals"),         # core/build.py:662
        Col("gen_fixed_om"),                                          # Reals, core/build.py:663
        Col("gen_storage_energy_overnight_cost", domain="NonNegativeReals", default=NAN),  # extensions/storage.py:164
        Col("gen_storage_energy_fixed_om", domain="NonNegativeReals", default=0.0),       # extensions/storage.py:171
    )),
    TableSpec("gen_build_predetermined.csv", keys=("GENERATION_PROJECT", "build_year"), optional=True, columns=(
        Col("build_gen_predetermined", domain="NonNegativeReals"),    # core/build.py:425
        Col("build_gen_energy_predetermined", domain="NonNegativeReals", default=NAN),  # extensions/storage.py:167
    )),
    TableSpec("variable_capacity_factors.csv", keys=("GENERATION_PROJECT", "timepoint"), columns=(
        Col("gen_max_capacity_factor"),                               # Reals, -1 < value < 2: core/dispatch.py:283
    )),
    TableSpec("hydro_timeseries.csv", keys=("hydro_project", "timeseries"), columns=(
        Col("hydro_min_flow_mw", domain="NonNegativeReals"),          # extensions/hydro_simple.py:142
        Col("hydro_avg_flow_mw", domain="NonNegativeReals"),          # extensions/hydro_simple.py:152
    )),
    # ---------------------------------------------------------------- transmission (transmission/)
    TableSpec("transmission_lines.csv", keys=("TRANSMISSION_LINE",), columns=(
        Col("trans_lz1", "text"),                                     # within=LOAD_ZONES, transport/build.py:162
        Col("trans_lz2", "text"),                                     # within=LOAD_ZONES, transport/build.py:163
        Col("trans_length_km", domain="NonNegativeReals"),            # transport/build.py:193
        Col("trans_efficiency", domain="PercentFraction"),            # transport/build.py:194
        Col("existing_trans_cap", domain="NonNegativeReals"),         # transport/build.py:195
        Col("trans_new_build_allowed", "flag", "Boolean", 1.0),       # default True, transport/build.py:197
        Col("trans_derating_factor", domain="PercentFraction", default=1.0),       # transport/build.py:216
        Col("trans_terrain_multiplier", domain="NonNegativeReals", default=1.0),   # transport/build.py:226
    )),
    TableSpec("trans_params.csv", optional=True, columns=(
        Col("trans_capital_cost_per_mw_km", domain="NonNegativeReals", default=1000.0),  # transport/build.py:229
        # NonNegativeReals in transport/build.py:230; > 0 here (module docstring)
        Col("trans_lifetime_yrs", domain="PositiveReals", default=20.0),
        Col("trans_fixed_om_fraction", domain="NonNegativeReals", default=0.03),   # transport/build.py:231
    )),
    # ---------------------------------------------------------------- policies
    TableSpec("carbon_policies.csv", keys=("PERIOD",), optional=True, columns=(
        Col("carbon_cap_tco2_per_yr", domain="NonNegativeReals", default=INF),     # policies/carbon_policies.py:27
        Col("carbon_cost_dollar_per_tco2", domain="NonNegativeReals", default=0.0),  # policies/carbon_policies.py:47
    )),
)

# Columns that only some modules read, and those modules: elsewhere switch-model ignores the column.
ONLY_WITH: dict[tuple[str, str], tuple[str, ...]] = {
    ("load_zones.csv", "existing_local_td"): (LOCAL_TD,),
    ("load_zones.csv", "local_td_annual_cost_per_mw"): (LOCAL_TD,),
    ("load_zones.csv", "local_td_loss_rate"): (LOCAL_TD,),
    ("fuel_cost.csv", "fuel_cost"): (SIMPLE_FUEL,),
    ("gen_info.csv", "gen_storage_efficiency"): (STORAGE,),
    ("gen_info.csv", "gen_store_to_release_ratio"): (STORAGE,),
    ("gen_info.csv", "gen_storage_energy_to_power_ratio"): (STORAGE,),
    ("gen_info.csv", "gen_storage_max_cycles_per_year"): (STORAGE,),
    ("gen_build_costs.csv", "gen_storage_energy_overnight_cost"): (STORAGE,),
    ("gen_build_costs.csv", "gen_storage_energy_fixed_om"): (STORAGE,),
    ("gen_build_predetermined.csv", "build_gen_energy_predetermined"): (STORAGE,),
}

_BY_FILE = {s.file: s for s in INPUTS}


@lru_cache(maxsize=None)
def spec_for(file: str, modules: tuple[str, ...] | None = None) -> TableSpec | None:
    """The declared spec of `file` as read under `modules`, or None if it has none. With `modules`
    unknown (None), only the columns that every module set reads."""
    spec = _BY_FILE.get(file)
    if spec is None:
        return None
    keep = tuple(c for c in spec.columns if _read_under((file, c.name), modules))
    return dataclasses.replace(spec, columns=keep)


def _read_under(column: tuple[str, str], modules: tuple[str, ...] | None) -> bool:
    need = ONLY_WITH.get(column)
    return need is None or (modules is not None and any(m in modules for m in need))


def declared(modules: Sequence[str] | None = None) -> tuple[TableSpec, ...]:
    """Every stage-1 spec as read under `modules` (None: the columns that every module set reads)."""
    return tuple(spec_for(s.file, None if modules is None else tuple(modules)) for s in INPUTS)
