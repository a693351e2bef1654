"""Small SWITCH 2.0.9 cases for the live peer tests.

Each builder writes one inputs folder and returns its path. The cases are tiny (1-2 zones, 1-2
periods, two 4-timepoint timeseries per period) so switch-model solves each in about a second,
but use realistic magnitudes (MW, $/MW, $/MMBtu) and mix existing (predetermined) and new builds.

    storage_attachments   grid, demand-side (gen_is_distributed + local_td) and RE-connected batteries
    re_charging_binding   RE-connected charging limit that binds (see ``with_re_module``)
    local_td_peak         local T&D with loss, capacity cost, coincident peak demand, rooftop PV
    transmission_losses   two zones, lossy line, new transmission, trans_params.csv, baseload nuclear
    hydro                 hydro_simple with min and average flows, two periods
    carbon                carbon price in both periods, carbon cap in one, a CCS coal project
    fuel_markets          regional fuel markets with two gas tiers (first one limited), coal, simple uranium
    unserved_load         load above what capacity limits allow, priced by lost_load_cost.csv
    unserved_local_td_cycles  unserved load at the distribution node (local_td), battery cycle limits

``CASES`` maps each name to its builder. ``write_case`` is the generic writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Row = dict[str, Any]
Tables = dict[str, list[Row] | str]

MISSING = "."
RE_MODULE = "re_connect_charging"
"""Module name of tests/peer/switch_ext/re_connect_charging.py (on PYTHONPATH when switch runs)."""

CORE_MODULES = [
    "switch_model",
    "switch_model.timescales",
    "switch_model.financials",
    "switch_model.balancing.load_zones",
    "switch_model.energy_sources.properties",
    "switch_model.generators.core.build",
    "switch_model.generators.core.dispatch",
    "switch_model.reporting",
    "switch_model.generators.core.no_commit",
]
SIMPLE_FUEL = "switch_model.energy_sources.fuel_costs.simple"
MARKETS = "switch_model.energy_sources.fuel_costs.markets"
STORAGE = "switch_model.generators.extensions.storage"
HYDRO = "switch_model.generators.extensions.hydro_simple"
LOCAL_TD = "switch_model.transmission.local_td"
TX_BUILD = "switch_model.transmission.transport.build"
TX_DISPATCH = "switch_model.transmission.transport.dispatch"
CARBON = "switch_model.policies.carbon_policies"
UNSERVED = "switch_model.balancing.unserved_load"


# --------------------------------------------------------------------------------------------
# writer


def _cell(value: Any) -> str:
    """One CSV cell: None and '' become '.', floats keep full precision."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if "," in text or "\n" in text or '"' in text:
        raise ValueError(f"cell {text!r} would need CSV quoting; SWITCH cases never do")
    return text


def _csv(rows: list[Row]) -> str:
    """Rows as CSV text; the header is the union of keys in first-seen order."""
    if not rows:
        raise ValueError("a table needs at least one row (its header comes from the keys)")
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    lines = [",".join(columns)]
    lines += [",".join(_cell(row.get(c)) for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def write_case(dst: Path, tables: dict[str, list[Row] | str], modules: list[str]) -> Path:
    """Write a SWITCH 2.0.9 inputs folder at `dst` and return `dst`.

    `tables` maps a file name (``"gen_info.csv"``; ``.csv`` is added when missing) to either a
    list of row dicts (header = union of keys in first-seen order; a missing key, None or '' is
    written as '.') or literal file text. `modules` is written one per line to modules.txt, and
    ``switch_inputs_version.txt`` holds 2.0.9.
    """
    dst = Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    (dst / "switch_inputs_version.txt").write_text("2.0.9\n")
    (dst / "modules.txt").write_text("\n".join(modules) + "\n")
    for name, content in tables.items():
        fname = name if "." in name else f"{name}.csv"
        text = content if isinstance(content, str) else _csv(content)
        (dst / fname).write_text(text)
    return dst


# --------------------------------------------------------------------------------------------
# shared building blocks

HOURS = (0, 6, 12, 18)
SEASONS = ("jan", "jul")
# Load shape by season and hour (fraction of a zone's base load).
LOAD_SHAPE = {"jan": (0.78, 0.92, 0.96, 1.10), "jul": (0.82, 0.95, 1.05, 1.18)}
CF_SHAPE = {
    "solar": {"jan": (0.0, 0.22, 0.58, 0.04), "jul": (0.0, 0.41, 0.77, 0.16)},
    "wind": {"jan": (0.52, 0.38, 0.31, 0.47), "jul": (0.33, 0.21, 0.17, 0.39)},
}
PERIOD_YEARS = 10
DAYS_PER_SEASON = 365.25 / len(SEASONS)


@dataclass(frozen=True)
class Tp:
    """One timepoint of the standard calendar."""

    id: int
    period: int
    season: str
    hour_index: int

    @property
    def ts(self) -> str:
        return f"{self.period}_{self.season}"


def timescales(periods: Sequence[int]) -> tuple[Tables, list[Tp]]:
    """Periods of 10 years labelled by their middle (2030 = 2026..2035), two 4 x 6 h days each.

    Weights sum to 8766 h per year exactly (ts_scale_to_period = 182.625 days x 10 years).
    """
    per, tss, tps, out = [], [], [], []
    tp_id = 1
    for p in periods:
        per.append({"INVESTMENT_PERIOD": p, "period_start": p - 4, "period_end": p + 5})
        for s in SEASONS:
            ts = f"{p}_{s}"
            tss.append(
                {
                    "TIMESERIES": ts,
                    "ts_period": p,
                    "ts_duration_of_tp": 6,
                    "ts_num_tps": len(HOURS),
                    "ts_scale_to_period": DAYS_PER_SEASON * PERIOD_YEARS,
                }
            )
            month = "01" if s == "jan" else "07"
            for k, h in enumerate(HOURS):
                tps.append({"timepoint_id": tp_id, "timestamp": f"{p}{month}15{h:02d}", "timeseries": ts})
                out.append(Tp(tp_id, p, s, k))
                tp_id += 1
    return {"periods": per, "timeseries": tss, "timepoints": tps}, out


def financials() -> list[Row]:
    return [{"base_financial_year": 2025, "interest_rate": 0.07, "discount_rate": 0.05}]


def loads(zones: dict[str, float], tps: Iterable[Tp], growth: float = 0.12) -> list[Row]:
    """zone_demand_mw = base x season/hour shape x (1 + growth) per period after the first."""
    tps = list(tps)
    first = min(t.period for t in tps)
    rows = []
    for z, base in zones.items():
        for t in tps:
            g = (1 + growth) ** ((t.period - first) // PERIOD_YEARS)
            rows.append(
                {
                    "LOAD_ZONE": z,
                    "TIMEPOINT": t.id,
                    "zone_demand_mw": round(base * LOAD_SHAPE[t.season][t.hour_index] * g, 3),
                }
            )
    return rows


def cap_factors(projects: dict[str, str], tps: Iterable[Tp], scale: float = 1.0) -> list[Row]:
    """variable_capacity_factors rows; `projects` maps project -> 'solar' | 'wind'."""
    return [
        {
            "GENERATION_PROJECT": g,
            "timepoint": t.id,
            "gen_max_capacity_factor": round(scale * CF_SHAPE[kind][t.season][t.hour_index], 4),
        }
        for g, kind in projects.items()
        for t in tps
    ]


def gen(
    name: str,
    tech: str,
    zone: str,
    source: str,
    age: int,
    *,
    heat_rate: float | None = None,
    vom: float = 0.0,
    connect: float = 0.0,
    variable: bool = False,
    baseload: bool = False,
    sor: float = 0.0,
    f_or: float = 0.0,
    limit_mw: float | None = None,
    **extra: Any,
) -> Row:
    """A gen_info row; `extra` adds optional columns (storage, CCS, gen_is_distributed, ...)."""
    row: Row = {
        "GENERATION_PROJECT": name,
        "gen_tech": tech,
        "gen_energy_source": source,
        "gen_load_zone": zone,
        "gen_max_age": age,
        "gen_is_variable": int(variable),
        "gen_is_baseload": int(baseload),
        "gen_full_load_heat_rate": heat_rate,
        "gen_variable_om": vom,
        "gen_connect_cost_per_mw": connect,
        "gen_scheduled_outage_rate": sor,
        "gen_forced_outage_rate": f_or,
        "gen_capacity_limit_mw": limit_mw,
    }
    row.update(extra)
    return row


def battery(name: str, zone: str, *, eff: float = 0.85, ratio: float | None = 4.0, **extra: Any) -> Row:
    """A lithium-ion battery project (15-year life, 2 % forced outage, no VOM unless given)."""
    extra.setdefault("vom", 0.0)
    return gen(
        name,
        "Battery_Storage",
        zone,
        "Electricity",
        15,
        f_or=0.02,
        gen_storage_efficiency=eff,
        gen_store_to_release_ratio=1.0,
        gen_storage_energy_to_power_ratio=ratio,
        **extra,
    )


def cost(
    g: str,
    year: int,
    overnight: float,
    fixed_om: float,
    energy_overnight: float | None = None,
    energy_fixed_om: float | None = None,
) -> Row:
    """A gen_build_costs row ($/MW, $/MW-yr, storage $/MWh, $/MWh-yr)."""
    row: Row = {"GENERATION_PROJECT": g, "build_year": year, "gen_overnight_cost": overnight, "gen_fixed_om": fixed_om}
    if energy_overnight is not None:
        row["gen_storage_energy_overnight_cost"] = energy_overnight
        row["gen_storage_energy_fixed_om"] = energy_fixed_om
    return row


def predetermined(g: str, year: int, mw: float, mwh: float | None = None) -> Row:
    """A gen_build_predetermined row (storage adds its energy capacity)."""
    row: Row = {"GENERATION_PROJECT": g, "build_year": year, "build_gen_predetermined": mw}
    if mwh is not None:
        row["build_gen_energy_predetermined"] = mwh
    return row


# Technology cost sheet ($/MW overnight, $/MW-yr fixed O&M; storage energy $/MWh, $/MWh-yr).
COSTS = {
    "Coal": (2_900_000.0, 42_000.0),
    "Coal_CCS": (5_400_000.0, 75_000.0),
    "Gas_CC": (1_050_000.0, 13_000.0),
    "Gas_GT": (700_000.0, 7_500.0),
    "Nuclear": (6_500_000.0, 120_000.0),
    "Wind": (1_100_000.0, 38_000.0),
    "Solar": (700_000.0, 16_000.0),
    "Rooftop_PV": (1_000_000.0, 20_000.0),
    "Hydro": (3_000_000.0, 30_000.0),
}
BATTERY_POWER = (260_000.0, 6_500.0)
BATTERY_ENERGY = (240_000.0, 2_500.0)
HEAT_RATE = {"Coal": 9.5, "Coal_CCS": 12.0, "Gas_CC": 6.8, "Gas_GT": 10.2, "Nuclear": 10.4}
VOM = {"Coal": 4.5, "Coal_CCS": 9.0, "Gas_CC": 2.5, "Gas_GT": 5.0, "Nuclear": 2.3, "Hydro": 1.0}
FUELS = [
    {"fuel": "Coal", "co2_intensity": 0.09552, "upstream_co2_intensity": 0.0},
    {"fuel": "NaturalGas", "co2_intensity": 0.05306, "upstream_co2_intensity": 0.0054},
    {"fuel": "Uranium", "co2_intensity": 0.0, "upstream_co2_intensity": 0.0},
]
FUEL_PRICE = {"Coal": 2.6, "NaturalGas": 7.5, "Uranium": 0.75}  # $/MMBtu, first period
NON_FUEL = [{"energy_source": s} for s in ("Wind", "Solar", "Water", "Electricity")]


def tech_costs(g: str, tech: str, years: Iterable[int], escalate: float = -0.08, scale: float = 1.0) -> list[Row]:
    """gen_build_costs rows for `tech` in `years`; costs change by `escalate` per 10 years.

    `scale` multiplies the overnight costs (the study's battery cost paths: B 1, M 1/3, R 1/5).
    """
    years = sorted(years)
    rows = []
    for y in years:
        f = scale * (1 + escalate) ** max(0, (y - 2030) / 10)
        if tech == "Battery_Storage":
            rows.append(
                cost(g, y, BATTERY_POWER[0] * f, BATTERY_POWER[1], BATTERY_ENERGY[0] * f, BATTERY_ENERGY[1])
            )
        else:
            o, fom = COSTS[tech]
            rows.append(cost(g, y, o * f, fom))
    return rows


def fuel_cost_rows(zones: Iterable[str], periods: Iterable[int], fuels: Iterable[str]) -> list[Row]:
    """fuel_cost.csv rows: first-period prices rising 10 % per period."""
    periods = sorted(periods)
    return [
        {"load_zone": z, "fuel": f, "period": p, "fuel_cost": round(FUEL_PRICE[f] * 1.1**k, 4)}
        for z in zones
        for f in fuels
        for k, p in enumerate(periods)
    ]


def zones_table(zones: Iterable[str], local_td: dict[str, tuple[float, float, float]] | None = None) -> list[Row]:
    """load_zones rows; `local_td` maps zone -> (existing_local_td MW, $/MW-yr, loss rate)."""
    rows = []
    for z in zones:
        row: Row = {"LOAD_ZONE": z}
        if local_td is not None:
            existing, annual, loss = local_td[z]
            row |= {"existing_local_td": existing, "local_td_annual_cost_per_mw": annual, "local_td_loss_rate": loss}
        rows.append(row)
    return rows


def assemble(
    dst: Path,
    *,
    zones: dict[str, float],
    periods: Sequence[int],
    gens: list[Row],
    costs: list[Row],
    predet: list[Row],
    variable: dict[str, str],
    extra_modules: Sequence[str],
    extra_tables: Tables | None = None,
    local_td: dict[str, tuple[float, float, float]] | None = None,
    fuel_zones: Sequence[str] | None = None,
    fuels: Sequence[str] = ("Coal", "NaturalGas", "Uranium"),
    cf_scale: float = 1.0,
    growth: float = 0.12,
) -> Path:
    """Write a case from the standard calendar plus the given projects and extra tables.

    Adds fuel_cost.csv (fuel_costs.simple) unless ``fuel_zones`` is empty or the markets module is
    used; extra tables override the generated ones.
    """
    time_tables, tps = timescales(periods)
    tables: Tables = {
        **time_tables,
        "financials": financials(),
        "load_zones": zones_table(zones, local_td),
        "loads": loads(zones, tps, growth),
        "fuels": FUELS,
        "non_fuel_energy_sources": NON_FUEL,
        "gen_info": gens,
        "gen_build_costs": costs,
        "gen_build_predetermined": predet,
    }
    if variable:
        tables["variable_capacity_factors"] = cap_factors(variable, tps, cf_scale)
    modules = list(CORE_MODULES)
    if local_td is not None:
        modules.insert(modules.index("switch_model.generators.core.no_commit"), LOCAL_TD)
    if MARKETS not in extra_modules:
        modules.append(SIMPLE_FUEL)
        fz = list(zones) if fuel_zones is None else list(fuel_zones)
        if fz:
            tables["fuel_cost"] = fuel_cost_rows(fz, periods, fuels)
    modules += list(extra_modules)
    tables.update(extra_tables or {})
    return write_case(dst, tables, modules)


def _existing(g: str, tech: str, year: int, mw: float) -> tuple[list[Row], list[Row]]:
    """Cost row (sunk capital still counted by SWITCH) and predetermined row of an existing build."""
    o, fom = COSTS[tech]
    return [cost(g, year, o, fom)], [predetermined(g, year, mw)]


# --------------------------------------------------------------------------------------------
# the cases


def storage_attachments(dst: Path) -> Path:
    """One zone, one period; grid, demand-side and RE-connected batteries side by side.

    Batteries are at the study's M cost path. Local T&D (5.3 % loss, 68 k$/MW-yr, existing capacity
    below the peak withdrawal) makes the demand-side battery (capped at 250 MW of sites) worth its
    15 % higher cost; the RE-connected battery is 7 % cheaper with free energy sizing but may charge
    only from the zone's wind and solar. Also an existing grid battery (50 MW / 200 MWh, built 2022
    with a fixed 4 h ratio) and baseload nuclear (flat dispatch, scheduled outages).
    At the optimum the demand-side and RE-connected batteries are both built.
    """
    z, periods = "East", [2030]
    gens = [
        gen("E-Nuclear", "Nuclear", z, "Uranium", 60, heat_rate=HEAT_RATE["Nuclear"], vom=VOM["Nuclear"],
            baseload=True, sor=0.06, f_or=0.04),
        gen("E-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
            connect=45_000.0, f_or=0.04),
        gen("E-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03),
        gen("E-Wind", "Wind", z, "Wind", 25, variable=True, connect=90_000.0, limit_mw=900.0),
        gen("E-Solar", "Solar", z, "Solar", 25, variable=True, connect=40_000.0, limit_mw=1600.0),
        battery("E-Battery-grid", z, ratio=4.0),
        battery("E-Battery-demand", z, ratio=4.0, limit_mw=250.0, gen_is_distributed=1),
        battery("E-Battery-re", z, ratio=None, gen_is_re_connect=1),
    ]
    for g in gens:
        g.setdefault("gen_is_distributed", 0)
        g.setdefault("gen_is_re_connect", 0)
    costs, predet = [], []
    for g, tech, year, mw in [("E-Nuclear", "Nuclear", 2005, 500.0), ("E-Gas_CC", "Gas_CC", 2012, 600.0),
                              ("E-Solar", "Solar", 2020, 200.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    costs.append(cost("E-Battery-grid", 2022, 400_000.0, 8_000.0, 350_000.0, 3_000.0))
    predet.append(predetermined("E-Battery-grid", 2022, 50.0, 200.0))
    for g, tech in [("E-Gas_CC", "Gas_CC"), ("E-Gas_GT", "Gas_GT"), ("E-Wind", "Wind"), ("E-Solar", "Solar")]:
        costs += tech_costs(g, tech, periods)
    # Batteries at the study's M cost path (1/3); RE-connected share a connection (7 % cheaper),
    # demand-side sit on small sites (15 % dearer).
    for g, f in [("E-Battery-grid", 1 / 3), ("E-Battery-re", 0.93 / 3), ("E-Battery-demand", 1.15 / 3)]:
        costs.append(cost(g, 2030, BATTERY_POWER[0] * f, BATTERY_POWER[1], BATTERY_ENERGY[0] * f, BATTERY_ENERGY[1]))
    return assemble(
        dst,
        zones={z: 1800.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"E-Wind": "wind", "E-Solar": "solar"},
        extra_modules=[STORAGE, RE_MODULE],
        local_td={z: (1900.0, 68_000.0, 0.053)},
        fuels=("NaturalGas", "Uranium"),
    )


def storage_attachments_local_charging(dst: Path) -> Path:
    """storage_attachments with demand-side charging withdrawn at the distribution node (the study's
    reading, batteryplan.local_demand_charging; the peer's module is switch_ext/local_demand_charging.py):
    the demand-side battery's charging now pays the 5.3 % local T&D loss and needs local T&D capacity."""
    storage_attachments(dst)
    with open(dst / "modules.txt", "a") as fh:
        fh.write("local_demand_charging\n")
    return dst


def re_charging_binding(dst: Path, with_re_module: bool = True) -> Path:
    """RE-connected battery whose charging limit binds.

    One zone, one period: cheap existing coal is idle at night, a capped solar farm (120 MW) is the
    only variable project, and the evening peak is served by gas GT or the battery. The battery,
    which may only charge from solar, cannot fill up from coal at night, so the module raises the
    cost. `with_re_module=False` writes the same case without the module (its optimum is lower).
    """
    z, periods = "Coast", [2030]
    gens = [
        gen("C-Coal", "Coal", z, "Coal", 45, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
        gen("C-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03),
        gen("C-Solar", "Solar", z, "Solar", 25, variable=True, limit_mw=120.0),
        battery("C-Battery-re", z, ratio=None, gen_is_re_connect=1),
    ]
    costs, predet = _existing("C-Coal", "Coal", 2015, 1000.0)
    c, p = _existing("C-Solar", "Solar", 2021, 120.0)
    costs, predet = costs + c, predet + p
    costs += tech_costs("C-Gas_GT", "Gas_GT", periods)
    costs += tech_costs("C-Battery-re", "Battery_Storage", periods, scale=0.2)  # the study's R path
    return assemble(
        dst,
        zones={z: 1000.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"C-Solar": "solar"},
        extra_modules=[STORAGE] + ([RE_MODULE] if with_re_module else []),
        fuels=("Coal", "NaturalGas"),
    )


def local_td_peak(dst: Path) -> Path:
    """Two zones, two periods; local T&D with loss, capacity cost and coincident peak demand.

    Existing local T&D is below the coincident peak in the second period, so BuildLocalTD is
    forced; rooftop PV (gen_is_distributed = 1) serves load behind the distribution node and a
    demand-side battery shifts it. No transmission between the zones.
    """
    periods = [2030, 2040]
    zones = {"North": 1200.0, "South": 700.0}
    gens, costs, predet, variable = [], [], [], {}
    for z, base in zones.items():
        k = z[0]
        gens += [
            gen(f"{k}-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
                f_or=0.04, gen_is_distributed=0),
            gen(f"{k}-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
                f_or=0.03, gen_is_distributed=0),
            gen(f"{k}-Rooftop_PV", "Rooftop_PV", z, "Solar", 25, variable=True, limit_mw=base * 0.4,
                gen_is_distributed=1),
            battery(f"{k}-Battery-demand", z, ratio=4.0, gen_is_distributed=1),
        ]
        variable[f"{k}-Rooftop_PV"] = "solar"
        c, p = _existing(f"{k}-Gas_CC", "Gas_CC", 2010, base * 0.7)
        costs += c
        predet += p
        for g, tech in [(f"{k}-Gas_CC", "Gas_CC"), (f"{k}-Gas_GT", "Gas_GT"), (f"{k}-Rooftop_PV", "Rooftop_PV")]:
            costs += tech_costs(g, tech, periods)
        costs += tech_costs(f"{k}-Battery-demand", "Battery_Storage", periods, scale=1 / 3)
    peak = [
        {"LOAD_ZONE": z, "PERIOD": p, "zone_expected_coincident_peak_demand": round(base * 1.18 * 1.12**k * 1.05, 2)}
        for z, base in zones.items()
        for k, p in enumerate(periods)
    ]
    return assemble(
        dst,
        zones=zones,
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable=variable,
        extra_modules=[STORAGE],
        extra_tables={"zone_coincident_peak_demand": peak},
        local_td={"North": (1450.0, 66_400.0, 0.053), "South": (950.0, 61_700.0, 0.06)},
        fuels=("NaturalGas",),
    )


def transmission_losses(dst: Path) -> Path:
    """Two zones, two periods; a lossy line (eff 0.95, derated) with new build allowed.

    Cheap wind and existing baseload nuclear in the North, expensive gas in the South; a second
    line between the zones cannot be expanded. trans_params.csv sets global line costs.
    """
    periods = [2030, 2040]
    zones = {"North": 600.0, "South": 1500.0}
    gens = [
        gen("N-Nuclear", "Nuclear", "North", "Uranium", 60, heat_rate=HEAT_RATE["Nuclear"], vom=VOM["Nuclear"],
            baseload=True, sor=0.06, f_or=0.04),
        gen("N-Wind", "Wind", "North", "Wind", 25, variable=True, connect=80_000.0, limit_mw=2500.0),
        gen("N-Gas_GT", "Gas_GT", "North", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03),
        gen("S-Gas_CC", "Gas_CC", "South", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
            f_or=0.04),
        gen("S-Gas_GT", "Gas_GT", "South", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03),
        gen("S-Solar", "Solar", "South", "Solar", 25, variable=True, limit_mw=400.0),
    ]
    costs, predet = [], []
    for g, tech, year, mw in [("N-Nuclear", "Nuclear", 2000, 450.0), ("S-Gas_CC", "Gas_CC", 2008, 900.0),
                              ("N-Wind", "Wind", 2018, 300.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    for g, tech in [("N-Wind", "Wind"), ("N-Gas_GT", "Gas_GT"), ("S-Gas_CC", "Gas_CC"), ("S-Gas_GT", "Gas_GT"),
                    ("S-Solar", "Solar")]:
        costs += tech_costs(g, tech, periods)
    lines = [
        {"TRANSMISSION_LINE": "N-S", "trans_lz1": "North", "trans_lz2": "South", "trans_length_km": 420.0,
         "trans_efficiency": 0.95, "existing_trans_cap": 250.0, "trans_derating_factor": 0.95,
         "trans_terrain_multiplier": 1.2, "trans_new_build_allowed": 1},
    ]
    params = [{"trans_capital_cost_per_mw_km": 900.0, "trans_lifetime_yrs": 40, "trans_fixed_om_fraction": 0.025}]
    return assemble(
        dst,
        zones=zones,
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"N-Wind": "wind", "S-Solar": "solar"},
        extra_modules=[TX_BUILD, TX_DISPATCH],
        extra_tables={"transmission_lines": lines, "trans_params": params},
        fuels=("NaturalGas", "Uranium"),
    )


def hydro(dst: Path) -> Path:
    """One zone, two periods; hydro_simple with minimum and average flows per timeseries.

    An existing dam (800 MW) must release at least its minimum flow every timepoint and at most its
    average flow on average (wet July, dry January); a new run-of-river plant is optional. Gas, solar
    and a grid battery fill the rest.
    """
    z, periods = "Valley", [2030, 2040]
    gens = [
        gen("V-Hydro_dam", "Hydro", z, "Water", 80, vom=VOM["Hydro"], f_or=0.02),
        gen("V-Hydro_ror", "Hydro", z, "Water", 60, vom=VOM["Hydro"], limit_mw=150.0),
        gen("V-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"], f_or=0.04),
        gen("V-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03),
        gen("V-Solar", "Solar", z, "Solar", 25, variable=True, limit_mw=1000.0),
        battery("V-Battery", z, ratio=4.0),
    ]
    costs, predet = [], []
    for g, tech, year, mw in [("V-Hydro_dam", "Hydro", 1985, 800.0), ("V-Gas_CC", "Gas_CC", 2015, 500.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    for g, tech in [("V-Hydro_ror", "Hydro"), ("V-Gas_CC", "Gas_CC"), ("V-Gas_GT", "Gas_GT"), ("V-Solar", "Solar")]:
        costs += tech_costs(g, tech, periods)
    costs += tech_costs("V-Battery", "Battery_Storage", periods, scale=0.2)
    flows = {"jan": (("V-Hydro_dam", 120.0, 380.0), ("V-Hydro_ror", 20.0, 60.0)),
             "jul": (("V-Hydro_dam", 200.0, 620.0), ("V-Hydro_ror", 40.0, 110.0))}
    hydro_rows = [
        {"hydro_project": g, "timeseries": f"{p}_{s}", "hydro_min_flow_mw": mn, "hydro_avg_flow_mw": avg}
        for p in periods
        for s in SEASONS
        for g, mn, avg in flows[s]
    ]
    return assemble(
        dst,
        zones={z: 1400.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"V-Solar": "solar"},
        extra_modules=[STORAGE, HYDRO],
        extra_tables={"hydro_timeseries": hydro_rows},
        fuels=("NaturalGas",),
    )


def carbon(dst: Path) -> Path:
    """One zone, two periods; carbon price in both periods and a binding cap in the second.

    Existing coal, new gas CC, new coal with CCS (90 % capture, 25 % parasitic load), wind and
    solar. The cap (t CO2/yr) forces coal off and CCS or renewables on in 2040.
    """
    z, periods = "Plains", [2030, 2040]
    gens = [
        gen("P-Coal", "Coal", z, "Coal", 40, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
        gen("P-Coal_CCS", "Coal_CCS", z, "Coal", 40, heat_rate=HEAT_RATE["Coal_CCS"], vom=VOM["Coal_CCS"],
            f_or=0.07, gen_ccs_capture_efficiency=0.9, gen_ccs_energy_load=0.25),
        gen("P-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"], f_or=0.04),
        gen("P-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03),
        gen("P-Wind", "Wind", z, "Wind", 25, variable=True, limit_mw=1500.0),
        gen("P-Solar", "Solar", z, "Solar", 25, variable=True, limit_mw=800.0),
    ]
    costs, predet = _existing("P-Coal", "Coal", 2005, 1100.0)
    for g, tech in [("P-Coal_CCS", "Coal_CCS"), ("P-Gas_CC", "Gas_CC"), ("P-Gas_GT", "Gas_GT"), ("P-Wind", "Wind"),
                    ("P-Solar", "Solar")]:
        costs += tech_costs(g, tech, periods)
    policy = [
        {"PERIOD": 2030, "carbon_cap_tco2_per_yr": None, "carbon_cost_dollar_per_tco2": 25.0},
        {"PERIOD": 2040, "carbon_cap_tco2_per_yr": 2_000_000.0, "carbon_cost_dollar_per_tco2": 50.0},
    ]
    return assemble(
        dst,
        zones={z: 1300.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"P-Wind": "wind", "P-Solar": "solar"},
        extra_modules=[CARBON],
        extra_tables={"carbon_policies": policy},
        fuels=("Coal", "NaturalGas"),
    )


def fuel_markets(dst: Path) -> Path:
    """Two unconnected zones sharing regional fuel markets, one period.

    Gas: tier 0 at 3.8 $/MMBtu limited to 20 million MMBtu/yr, tier 1 at 6.5 $/MMBtu unlimited.
    Coal: one unlimited tier, reachable only from the West (the East's existing coal plant has no
    market and cannot run). Uranium comes from fuel_cost.csv, which the markets module turns into a
    single-zone market.
    """
    periods = [2030]
    zones = {"West": 1100.0, "East": 900.0}
    gens = [
        gen("W-Coal", "Coal", "West", "Coal", 40, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
        gen("W-Gas_CC", "Gas_CC", "West", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
            f_or=0.04),
        gen("W-Wind", "Wind", "West", "Wind", 25, variable=True, limit_mw=700.0),
        gen("E-Coal", "Coal", "East", "Coal", 40, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
        gen("E-Nuclear", "Nuclear", "East", "Uranium", 60, heat_rate=HEAT_RATE["Nuclear"], vom=VOM["Nuclear"],
            baseload=True, sor=0.06, f_or=0.04),
        gen("E-Gas_CC", "Gas_CC", "East", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
            f_or=0.04),
        gen("E-Gas_GT", "Gas_GT", "East", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03),
        gen("E-Solar", "Solar", "East", "Solar", 25, variable=True, limit_mw=500.0),
    ]
    costs, predet = [], []
    for g, tech, year, mw in [("W-Coal", "Coal", 2010, 500.0), ("E-Coal", "Coal", 2012, 200.0),
                              ("E-Nuclear", "Nuclear", 2002, 300.0), ("E-Gas_CC", "Gas_CC", 2011, 300.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    for g, tech in [("W-Gas_CC", "Gas_CC"), ("W-Wind", "Wind"), ("E-Gas_CC", "Gas_CC"), ("E-Gas_GT", "Gas_GT"),
                    ("E-Solar", "Solar")]:
        costs += tech_costs(g, tech, periods)
    markets = [{"regional_fuel_market": "All_NG", "fuel": "NaturalGas"},
               {"regional_fuel_market": "West_Coal", "fuel": "Coal"}]
    zone_markets = [{"load_zone": "West", "regional_fuel_market": "All_NG"},
                    {"load_zone": "East", "regional_fuel_market": "All_NG"},
                    {"load_zone": "West", "regional_fuel_market": "West_Coal"}]
    curves = [
        {"regional_fuel_market": "All_NG", "period": 2030, "tier": 0, "unit_cost": 3.8,
         "max_avail_at_cost": 20_000_000.0},
        {"regional_fuel_market": "All_NG", "period": 2030, "tier": 1, "unit_cost": 6.5, "max_avail_at_cost": None},
        {"regional_fuel_market": "West_Coal", "period": 2030, "tier": 0, "unit_cost": 2.3,
         "max_avail_at_cost": None},
    ]
    uranium = [{"load_zone": "East", "fuel": "Uranium", "period": 2030, "fuel_cost": FUEL_PRICE["Uranium"]}]
    return assemble(
        dst,
        zones=zones,
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"W-Wind": "wind", "E-Solar": "solar"},
        extra_modules=[MARKETS],
        extra_tables={"regional_fuel_markets": markets, "zone_to_regional_fuel_market": zone_markets,
                      "fuel_supply_curves": curves, "fuel_cost": uranium},
    )


def unserved_load(dst: Path) -> Path:
    """One zone, one period; capacity limits below peak load, so UnservedLoad is used.

    Existing gas (700 MW) plus at most 250 MW of new GT and 400 MW of wind cannot meet the
    evening peak of about 1300 MW; the gap costs 2,000 $/MWh (lost_load_cost.csv).
    """
    z, periods = "Island", [2030]
    gens = [
        gen("I-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"], f_or=0.04,
            limit_mw=700.0),
        gen("I-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03,
            limit_mw=250.0),
        gen("I-Wind", "Wind", z, "Wind", 25, variable=True, limit_mw=400.0),
    ]
    costs, predet = _existing("I-Gas_CC", "Gas_CC", 2012, 700.0)
    for g, tech in [("I-Gas_GT", "Gas_GT"), ("I-Wind", "Wind")]:
        costs += tech_costs(g, tech, periods)
    return assemble(
        dst,
        zones={z: 1100.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"I-Wind": "wind"},
        extra_modules=[UNSERVED],
        extra_tables={"lost_load_cost": [{"unserved_load_penalty": 2000.0}]},
        fuels=("NaturalGas",),
    )


def unserved_local_td_cycles(dst: Path) -> Path:
    """One zone, one period; unserved load at the distribution node and battery cycle limits.

    With local_td, UnservedLoad joins the distribution node's balance (not the central one).
    Gas (800 MW), solar, rooftop PV and both batteries are capped below what the evening peak
    needs, so load goes unserved; local T&D (existing 1000 MW, no coincident-peak file) may grow. A demand-side and a grid battery carry
    gen_storage_max_cycles_per_year; switch-model 2.0.9 compares the *unweighted* discharge over the
    period's sampled timepoints (Σ DispatchGen·tp_duration_hrs) with cycles·energy capacity·years,
    so 0.15 cycles/yr (1.5 sample cycles per 10-year period) binds.
    """
    z, periods = "Harbor", [2030]
    gens = [
        gen("H-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"], f_or=0.04,
            limit_mw=800.0, gen_is_distributed=0),
        gen("H-Solar", "Solar", z, "Solar", 25, variable=True, limit_mw=300.0, gen_is_distributed=0),
        gen("H-Rooftop_PV", "Rooftop_PV", z, "Solar", 25, variable=True, limit_mw=100.0, gen_is_distributed=1),
        battery("H-Battery-grid", z, ratio=4.0, limit_mw=80.0, gen_is_distributed=0,
                gen_storage_max_cycles_per_year=0.15),
        battery("H-Battery-demand", z, ratio=None, limit_mw=100.0, vom=0.5, gen_is_distributed=1,
                gen_storage_max_cycles_per_year=0.15),
    ]
    costs, predet = _existing("H-Gas_CC", "Gas_CC", 2014, 650.0)
    for g, tech in [("H-Gas_CC", "Gas_CC"), ("H-Solar", "Solar"), ("H-Rooftop_PV", "Rooftop_PV")]:
        costs += tech_costs(g, tech, periods)
    costs += tech_costs("H-Battery-grid", "Battery_Storage", periods, scale=1 / 3)
    costs += tech_costs("H-Battery-demand", "Battery_Storage", periods, scale=0.4)
    return assemble(
        dst,
        zones={z: 900.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"H-Solar": "solar", "H-Rooftop_PV": "solar"},
        extra_modules=[STORAGE, UNSERVED],
        extra_tables={"lost_load_cost": [{"unserved_load_penalty": 3000.0}]},
        local_td={z: (1000.0, 55_000.0, 0.053)},
        fuels=("NaturalGas",),
    )


CASES: dict[str, Callable[[Path], Path]] = {
    "storage_attachments": storage_attachments,
    "storage_attachments_local_charging": storage_attachments_local_charging,
    "re_charging_binding": re_charging_binding,
    "local_td_peak": local_td_peak,
    "transmission_losses": transmission_losses,
    "hydro": hydro,
    "carbon": carbon,
    "fuel_markets": fuel_markets,
    "unserved_load": unserved_load,
    "unserved_local_td_cycles": unserved_local_td_cycles,
}
"""Case name -> builder(dst) writing the inputs folder at dst and returning it."""
