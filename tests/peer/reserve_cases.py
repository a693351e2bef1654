"""Small SWITCH 2.0.9 cases with operating reserves, for the live peer tests.

Every case runs unit commitment (``commit.operate`` + ``commit.fuel_use``, which spinning reserves need) and
balancing areas. A builder writes ``<dst>/inputs`` (returned) and, where switch-model needs command-line
options, ``<dst>/options.txt`` (switch reads it from the folder it runs in; batteryplan reads it beside
the inputs folder).

    spinning_35_storage        3+5 rule (binds downwards only: without a contingency switch-model's up
                               requirement is vacuous); a battery, gas with minimum load, coal that may not
                               provide reserves
    spinning_default           the same case with no rule and no contingency (reserves vacuous)
    spinning_hawaii            Hawaii rule and project contingency, two periods: the up requirement is a term
                               in new wind and solar
    spinning_project_areas     three zones in two balancing areas, 3+5 rule, project contingency, safety 1.5
    spinning_unit_contingency  3+5 rule and unit contingencies (binary; a MIP), unit sizes on gas and coal
    quickstart_study           SWITCH-China's configuration: spinning reserves with no rule plus quickstart
    quickstart_contingency     quickstart beside spinning reserves with a rule and a contingency (shared headroom)
    quickstart_alone           quickstart reserves without the spinning reserve module

Quickstart cases name ``quickstart_reserves`` (tests/peer/switch_ext) for switch-model, which has no
quickstart module, and SWITCH-China's ``switch_model.balancing.operating_reserves.quickstart`` for
batteryplan (``modules_for``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .cases import (COSTS, HEAT_RATE, LOCAL_TD, STORAGE, TX_BUILD, TX_DISPATCH, VOM, Row, _existing, assemble,
                    battery, gen, tech_costs)

NO_COMMIT = "switch_model.generators.core.no_commit"
OPERATE = "switch_model.generators.core.commit.operate"
FUEL_USE = "switch_model.generators.core.commit.fuel_use"
AREAS = "switch_model.balancing.operating_reserves.areas"
SPINNING = "switch_model.balancing.operating_reserves.spinning_reserves"
QUICKSTART = "switch_model.balancing.operating_reserves.quickstart"
QUICKSTART_PEER = "quickstart_reserves"
"""Module name of tests/peer/switch_ext/quickstart_reserves.py (switch-model's stand-in for QUICKSTART)."""


def _commit_modules(inputs: Path, reserves: Sequence[str]) -> None:
    """Swap no_commit for commit.operate + fuel_use and append `reserves` in modules.txt."""
    path = inputs / "modules.txt"
    modules = [m for m in path.read_text().splitlines() if m.strip()]
    k = modules.index(NO_COMMIT)
    modules[k:k + 1] = [OPERATE, FUEL_USE]
    path.write_text("\n".join([*modules, *reserves]) + "\n")


def modules_for(inputs: Path, *, peer: bool) -> None:
    """Name the quickstart module as switch-model's stand-in (`peer`) or as SWITCH-China names it."""
    path = inputs / "modules.txt"
    old, new = (QUICKSTART, QUICKSTART_PEER) if peer else (QUICKSTART_PEER, QUICKSTART)
    path.write_text("\n".join(new if m == old else m for m in path.read_text().splitlines()) + "\n")


def heat_rate_curves(projects: Sequence[str]) -> list[Row]:
    """gen_inc_heat_rates.csv rows: fuel use at minimum load, then one incremental segment to full load.

    Gas CC: 40 % minimum load at 8.0 MMBtu/MWh, 6.0 above (full load 6.8 = HEAT_RATE); coal: 50 % at
    10.5, 8.5 above (full load 9.5). Per 100 MW, so committed capacity burns 0.8 (gas) or 1.0 (coal)
    MMBtu/h per MW even at zero output: holding reserve on committed capacity costs fuel.
    """
    curve = {"Gas_CC": (40.0, 8.0, 6.0), "Coal": (50.0, 10.5, 8.5)}
    rows: list[Row] = []
    for g in projects:
        start, hr_min, ihr = curve[g.split("-", 1)[1]]
        rows.append({"GENERATION_PROJECT": g, "power_start_mw": start, "power_end_mw": None,
                     "incremental_heat_rate_mbtu_per_mwhr": None, "fuel_use_rate_mmbtu_per_h": start * hr_min})
        rows.append({"GENERATION_PROJECT": g, "power_start_mw": start, "power_end_mw": 100.0,
                     "incremental_heat_rate_mbtu_per_mwhr": ihr, "fuel_use_rate_mmbtu_per_h": None})
    return rows


def _write(dst: Path, reserves: Sequence[str], options: Sequence[str], **case) -> Path:
    curved = [g["GENERATION_PROJECT"] for g in case["gens"] if g["gen_tech"] in ("Gas_CC", "Coal")]
    case.setdefault("extra_tables", {})["gen_inc_heat_rates"] = heat_rate_curves(curved)
    inputs = assemble(Path(dst) / "inputs", **case)
    _commit_modules(inputs, reserves)
    if options:
        (Path(dst) / "options.txt").write_text("\n".join(options) + "\n")
    return inputs


def _thermal(z: str, k: str, *, coal_mw: float | None, cc_mw: float, spin_coal: int = 0,
             **extra) -> tuple[list[Row], list[Row], list[Row]]:
    """Existing coal (min load 0.5, may not provide spinning reserves unless `spin_coal`; none if `coal_mw`
    is None), existing gas CC (min load 0.4, startup O&M and fuel) and new gas GT; gen rows, cost rows,
    predetermined rows. `extra` maps 'coal' | 'cc' | 'gt' to more gen_info columns."""
    gens = [
        gen(f"{k}-Coal", "Coal", z, "Coal", 45, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06,
            gen_min_load_fraction=0.5, gen_can_provide_spinning_reserves=spin_coal, **extra.get("coal", {})),
        gen(f"{k}-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
            f_or=0.04, gen_min_load_fraction=0.4, gen_startup_om=12.0, gen_startup_fuel=2.5,
            **extra.get("cc", {})),
        gen(f"{k}-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03, gen_min_load_fraction=0.0, **extra.get("gt", {})),
    ]
    existing = [(f"{k}-Gas_CC", "Gas_CC", 2015, cc_mw)]
    if coal_mw is None:
        gens = gens[1:]
    else:
        existing.append((f"{k}-Coal", "Coal", 2012, coal_mw))
    costs, predet = [], []
    for g, tech, year, mw in existing:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    return gens, costs, predet


def _renewables(z: str, k: str, periods: Sequence[int], *, wind_mw: float, solar_mw: float,
                spin: int = 0) -> tuple[list[Row], list[Row], dict[str, str]]:
    """New wind and solar (may provide spinning reserves, by curtailing, only if `spin`)."""
    gens = [gen(f"{k}-Wind", "Wind", z, "Wind", 25, variable=True, connect=60_000.0, limit_mw=wind_mw,
                gen_can_provide_spinning_reserves=spin),
            gen(f"{k}-Solar", "Solar", z, "Solar", 25, variable=True, connect=30_000.0, limit_mw=solar_mw,
                gen_can_provide_spinning_reserves=spin)]
    costs = tech_costs(f"{k}-Wind", "Wind", periods) + tech_costs(f"{k}-Solar", "Solar", periods)
    return gens, costs, {f"{k}-Wind": "wind", f"{k}-Solar": "solar"}


def _one_zone(dst: Path, reserves: Sequence[str], options: Sequence[str], *, periods: Sequence[int] = (2030,),
              spin_renewables: int = 0, **extra) -> Path:
    """One zone 'East' (1500 MW base load), local T&D; coal, gas CC, gas GT, wind, solar and a battery of at
    most 60 MW (so it cannot carry the reserves alone)."""
    z = "East"
    gens, costs, predet = _thermal(z, "E", coal_mw=700.0, cc_mw=600.0, **extra)
    g2, c2, variable = _renewables(z, "E", periods, wind_mw=900.0, solar_mw=1200.0, spin=spin_renewables)
    gens += g2 + [battery("E-Battery", z, ratio=4.0, limit_mw=60.0)]
    costs += c2 + tech_costs("E-Gas_GT", "Gas_GT", periods) + tech_costs("E-Gas_CC", "Gas_CC", periods)
    costs += tech_costs("E-Battery", "Battery_Storage", periods, scale=1 / 3)
    return _write(dst, reserves, options, zones={z: 1500.0}, periods=list(periods), gens=gens, costs=costs,
                  predet=predet, variable=variable, extra_modules=[STORAGE],
                  local_td={z: (2000.0, 60_000.0, 0.053)}, fuels=("Coal", "NaturalGas"))


def spinning_35_storage(dst: Path) -> Path:
    """3+5 rule (3 % of the central-grid withdrawal plus 5 % of wind and solar output, up and down).

    The coal plant may not provide reserves; gas CC must stay above 40 % of its committed capacity, so its
    down reserve is limited; the battery offers up reserve by not charging and down reserve by charging more.
    """
    return _one_zone(dst, [AREAS, SPINNING], ["--spinning-requirement-rule 3+5"])


def spinning_default(dst: Path) -> Path:
    """spinning_35_storage with switch's defaults: no rule and no contingency, so the reserve rows never bind."""
    return _one_zone(dst, [AREAS, SPINNING], [])


def spinning_hawaii(dst: Path) -> Path:
    """Hawaii rule and project contingency (safety factor 0.25), two periods: up reserve for each wind or solar
    project of capacity x min(cf, ~0.21) (so building renewables raises the requirement) plus a quarter of
    the largest project's output and up reserve; down reserve of 10 % of the withdrawal. Wind and solar may
    provide reserves by curtailing. (Without a contingency option switch-model's up requirement is vacuous.)"""
    inputs = _one_zone(dst, [AREAS, SPINNING], ["--spinning-requirement-rule Hawaii", "--project-contingency"],
                       periods=(2030, 2040), spin_renewables=1)
    (inputs / "spinning_reserve_params.csv").write_text("contingency_safety_factor\n0.25\n")
    return inputs


def spinning_unit_contingency(dst: Path) -> Path:
    """3+5 rule and unit contingencies: a committed gas CC unit (250 MW) or coal unit (350 MW, which may
    itself not provide reserves) must be covered twice over; the CC's capacity limit is the big M."""
    extra = {"coal": {"gen_unit_size": 350.0}, "cc": {"gen_unit_size": 250.0, "gen_capacity_limit_mw": 1500.0}}
    return _one_zone(dst, [AREAS, SPINNING], ["--spinning-requirement-rule 3+5", "--unit-contingency"], **extra)


def spinning_project_areas(dst: Path) -> Path:
    """Zones North and Middle form balancing area 'NM', South is its own area; lines North-Middle and
    Middle-South. 3+5 rule plus project contingency (largest dispatch + up reserve of one project, times the
    safety factor 1.5 of spinning_reserve_params.csv). switch-model 2.0.9 needs local T&D for the 3+5 rule
    (without it the rule reads a parameter 2.0.9 no longer defines)."""
    periods = [2030]
    zones = {"North": 700.0, "Middle": 500.0, "South": 900.0}
    gens, costs, predet, variable = [], [], [], {}
    for z, (coal, cc) in {"North": (500.0, 200.0), "Middle": (None, 350.0), "South": (300.0, 400.0)}.items():
        k = z[0]
        g, c, p = _thermal(z, k, coal_mw=coal, cc_mw=cc, spin_coal=1 if z == "South" else 0)
        gens, costs, predet = gens + g, costs + c + tech_costs(f"{k}-Gas_GT", "Gas_GT", periods), predet + p
    g, c, v = _renewables("North", "N", periods, wind_mw=800.0, solar_mw=300.0)
    gens, costs, variable = gens + g, costs + c, variable | v
    gens.append(battery("S-Battery", "South", ratio=4.0))
    costs += tech_costs("S-Battery", "Battery_Storage", periods, scale=1 / 3)
    lines = [
        {"TRANSMISSION_LINE": "N-M", "trans_lz1": "North", "trans_lz2": "Middle", "trans_length_km": 200.0,
         "trans_efficiency": 0.97, "existing_trans_cap": 300.0, "trans_new_build_allowed": 1},
        {"TRANSMISSION_LINE": "M-S", "trans_lz1": "Middle", "trans_lz2": "South", "trans_length_km": 300.0,
         "trans_efficiency": 0.96, "existing_trans_cap": 150.0, "trans_new_build_allowed": 0},
    ]
    inputs = _write(dst, [AREAS, SPINNING], ["--spinning-requirement-rule 3+5", "--project-contingency"],
                    zones=zones, periods=periods, gens=gens, costs=costs, predet=predet, variable=variable,
                    extra_modules=[STORAGE, TX_BUILD, TX_DISPATCH],
                    extra_tables={"transmission_lines": lines, "spinning_reserve_params":
                                  [{"contingency_safety_factor": 1.5}]},
                    local_td={z: (1.3 * base, 60_000.0, 0.05) for z, base in zones.items()},
                    fuels=("Coal", "NaturalGas"))
    area = {"North": "NM", "Middle": "NM", "South": "S"}
    path = inputs / "load_zones.csv"
    head, *rows = path.read_text().splitlines()
    path.write_text("\n".join([head + ",zone_balancing_area"] + [f"{r},{area[r.split(',')[0]]}" for r in rows]) + "\n")
    return inputs


def quickstart_study(dst: Path) -> Path:
    """SWITCH-China's configuration: spinning reserves with no rule (vacuous) plus quickstart reserves
    (3 % of withdrawal + 5 % of wind and solar, from uncommitted capacity and dispatch headroom). The gas GT
    may not provide quickstart; coal may not either (its flag is 0); the battery may."""
    no = {"gen_can_provide_quickstart_reserves": 0}
    return _one_zone(dst, [AREAS, SPINNING, QUICKSTART_PEER], [], coal=no, gt=no)


def quickstart_contingency(dst: Path) -> Path:
    """Quickstart reserves beside spinning reserves that need up reserve (3+5 rule, project contingency with
    safety factor 0.25): the dispatch headroom is shared, quickstart reserves getting only what is not held
    as spinning reserve (CommitGenSpinningReservesSlackUp)."""
    no = {"gen_can_provide_quickstart_reserves": 0}
    inputs = _one_zone(dst, [AREAS, SPINNING, QUICKSTART_PEER],
                       ["--spinning-requirement-rule 3+5", "--project-contingency"], coal=no, gt=no)
    (inputs / "spinning_reserve_params.csv").write_text("contingency_safety_factor\n0.25\n")
    return inputs


def quickstart_alone(dst: Path) -> Path:
    """Quickstart reserves without the spinning reserve module: headroom is uncommitted capacity only."""
    return _one_zone(dst, [AREAS, QUICKSTART_PEER], [], coal={"gen_can_provide_quickstart_reserves": 0})


RESERVE_CASES: dict[str, Callable[[Path], Path]] = {
    f.__name__: f for f in (spinning_35_storage, spinning_default, spinning_hawaii, spinning_unit_contingency,
                            spinning_project_areas, quickstart_study, quickstart_contingency, quickstart_alone)
}
"""Case name -> builder(dst) writing dst/inputs (and dst/options.txt) and returning dst/inputs."""

__all__ = ["RESERVE_CASES", "modules_for", "COSTS", "LOCAL_TD"]
