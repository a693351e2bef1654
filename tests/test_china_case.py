"""The bundled China case: the generator is deterministic, and its totals match their sources.

The case is generated twice into tmp dirs once per module (~3 s each). Skipped only when the shared data
folder (``../shared/data`` from the repository root) is absent.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .conftest import china_generator

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
FACTS = DATA / "facts"
BUNDLED = REPO / "batteryplan" / "cases" / "china" / "inputs"
PERIODS = [2023, 2028, 2033, 2038, 2043, 2048]

pytestmark = pytest.mark.skipif(not (DATA / "raw" / "switch-china-open-model").is_dir(),
                                reason=f"shared data folder {DATA} is absent; cannot regenerate the China case")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Generate the case twice into separate folders."""
    gen = china_generator()
    outs = []
    for name in ("a", "b"):
        out = tmp_path_factory.mktemp(name) / "inputs"
        assert gen.main(["--data", str(DATA), "--out", str(out)]) == 0
        outs.append(out)
    return outs[0], outs[1]


@pytest.fixture(scope="module")
def case(generated: tuple[Path, Path]) -> Path:
    return generated[0]


def _r(case: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(case / name, na_values=".")


def _facts(name: str) -> pd.DataFrame:
    return pd.read_csv(FACTS / name, comment="#")


def test_deterministic(generated: tuple[Path, Path]) -> None:
    a, b = generated
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), n
    assert (a.parent / "SOURCES.md").read_bytes() == (b.parent / "SOURCES.md").read_bytes()


def test_bundled_case_is_current(case: Path) -> None:
    """The committed case equals what the generator writes now (regenerate if this fails)."""
    if not BUNDLED.is_dir():
        pytest.skip("no bundled case in the package yet")
    names = sorted(p.name for p in case.iterdir())
    assert names == sorted(p.name for p in BUNDLED.iterdir())
    for n in names:
        assert (case / n).read_bytes() == (BUNDLED / n).read_bytes(), f"{n} is stale: run scripts/make_china_case.py"


def test_structure(case: Path) -> None:
    assert (case / "switch_inputs_version.txt").read_text().strip() == "2.0.9"
    gen = china_generator()
    assert (case / "modules.txt").read_text().split() == gen.STUDY_MODULES
    assert (case / "modules_stage1.txt").read_text().split() == gen.STAGE1_MODULES
    central = (case / "modules_central_demand_charging.txt").read_text().split()
    assert central == [m for m in gen.STUDY_MODULES if m != gen.DEMAND_CHARGING] != gen.STUDY_MODULES
    assert len(_r(case, "load_zones.csv")) == 32
    per = _r(case, "periods.csv")
    assert list(per.INVESTMENT_PERIOD) == PERIODS
    assert list(per.period_start) == PERIODS and list(per.period_end) == [p + 4 for p in PERIODS]
    tp = _r(case, "timepoints.csv")
    ts = _r(case, "timeseries.csv")
    assert len(tp) == 432 and len(ts) == 72
    assert (ts.groupby("ts_period").size() == 12).all() and (ts.ts_num_tps == 6).all()
    assert len(_r(case, "transmission_lines.csv")) == 92
    assert len(_r(case, "loads.csv")) == 32 * 432
    # no empty cells anywhere
    for p in case.glob("*.csv"):
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
        assert not (df == "").any().any(), p.name


def test_weights_sum_to_five_years(case: Path) -> None:
    ts = _r(case, "timeseries.csv")
    w = (ts.ts_duration_of_tp * ts.ts_num_tps * ts.ts_scale_to_period).groupby(ts.ts_period).sum()
    assert np.allclose(w.to_numpy(), 8760 * 5)
    tp = _r(case, "timepoints.csv")
    assert (tp.groupby("timeseries").size() == 6).all()


def test_projects(case: Path) -> None:
    gi = _r(case, "gen_info.csv")
    assert set(gi.loc[gi.gen_is_baseload == 1, "gen_tech"]) == {"Nuclear_EP_SEA", "Nuclear_SEA", "Nuclear_SMR"}
    assert (gi.gen_is_re_connect == 0).all() and (gi.gen_is_distributed == 0).all()
    assert (gi.loc[gi.gen_is_variable == 1, "gen_forced_outage_rate"] == 0).all()
    bat = gi[gi.gen_tech.str.contains("Battery")]
    assert sorted(bat.gen_tech.unique()) == ["Battery_10h", "Battery_1h", "Battery_4h"]
    assert len(bat) == 3 * 32 and (bat.gen_max_age == 15).all()
    eff = bat.groupby("gen_tech").gen_storage_efficiency.first()
    assert eff.to_dict() == {"Battery_1h": 0.88, "Battery_4h": 0.85, "Battery_10h": 0.80}
    ratio = bat.groupby("gen_tech").gen_storage_energy_to_power_ratio.first()
    assert ratio.to_dict() == {"Battery_1h": 1, "Battery_4h": 4, "Battery_10h": 10}
    phs = gi[gi.gen_tech == "Hydro_Pumped"]
    assert len(phs) > 0 and phs.gen_storage_efficiency.notna().all()
    # every predetermined build has a cost row, storage rows have an energy cost
    pre = _r(case, "gen_build_predetermined.csv")
    bc = _r(case, "gen_build_costs.csv")
    keys = set(zip(bc.GENERATION_PROJECT, bc.build_year))
    assert all(k in keys for k in zip(pre.GENERATION_PROJECT, pre.build_year))
    storage = set(gi.loc[gi.gen_storage_efficiency.notna(), "GENERATION_PROJECT"])
    assert bc.loc[bc.GENERATION_PROJECT.isin(storage), "gen_storage_energy_overnight_cost"].notna().all()
    # capacity factors for every variable project x timepoint; hydro flows for every hydro project x timeseries
    vcf = _r(case, "variable_capacity_factors.csv")
    var = set(gi.loc[gi.gen_is_variable == 1, "GENERATION_PROJECT"])
    assert set(vcf.GENERATION_PROJECT) == var and len(vcf) == 432 * len(var)
    assert vcf.gen_max_capacity_factor.between(0, 1).all()
    hy = _r(case, "hydro_timeseries.csv")
    hydro = set(gi.loc[gi.gen_tech == "Hydro_NonPumped", "GENERATION_PROJECT"])
    assert set(hy.hydro_project) == hydro and len(hy) == 72 * len(hydro)
    assert (hy.hydro_min_flow_mw <= hy.hydro_avg_flow_mw).all()


def test_policy_tables(case: Path) -> None:
    cp = _r(case, "carbon_price_paths.csv")
    assert list(cp.PERIOD) == PERIODS and np.allclose(cp.high, 2 * cp.low)
    pol = pd.read_csv(case / "carbon_policies.csv", dtype=str)
    assert (pol.carbon_cap_tco2_per_yr == ".").all()
    assert np.allclose(pol.carbon_cost_dollar_per_tco2.astype(float), cp.low)
    bp = _r(case, "battery_cost_paths.csv").set_index("path").multiplier
    assert np.allclose(bp.to_numpy(), [1, 1 / 3, 0.2])
    cat = _r(case, "storage_catalog.csv")
    gi = _r(case, "gen_info.csv")
    assert len(cat) >= 6 and not set(cat.gen_tech) & set(gi.gen_tech)


def test_national_demand_matches_projection(case: Path) -> None:
    """Annual energy per period = Σ load·4 h·scale/5; the fact table rounds to 0.01 TWh per zone -> 0.1 %."""
    loads = _r(case, "loads.csv")
    tp = _r(case, "timepoints.csv")
    ts = _r(case, "timeseries.csv").set_index("TIMESERIES")
    t = tp.set_index("timepoint_id").timeseries
    loads["ts"] = loads.TIMEPOINT.map(t)
    loads["period"] = loads.ts.map(ts.ts_period)
    loads["mwh_per_yr"] = loads.zone_demand_mw * loads.ts.map(ts.ts_duration_of_tp * ts.ts_scale_to_period) / 5
    ours = loads.groupby("period").mwh_per_yr.sum() / 1e6
    proj = _facts("demand_projection_switch_china.csv").groupby("start_year").energy_twh.sum()
    assert np.allclose(ours.loc[PERIODS].to_numpy(), proj.loc[PERIODS].to_numpy(), rtol=1e-3)


TECH_MAP = {"coal": "Coal", "gas": "Gas", "hydro": "Hydro_NonPumped", "nuclear": "Nuclear",
            "onshore_wind": "Wind_EP", "pumped_hydro": "Hydro_Pumped", "solar_pv": "Central_PV_EP"}


def existing_by_tech(case: Path, period: int) -> pd.Series:
    """Predetermined capacity online in ``period`` (SWITCH rule), by fact-table technology (MW)."""
    gi = _r(case, "gen_info.csv").set_index("GENERATION_PROJECT")
    pre = _r(case, "gen_build_predetermined.csv")
    pre["age"] = pre.GENERATION_PROJECT.map(gi.gen_max_age)
    pre["tech"] = pre.GENERATION_PROJECT.map(gi.gen_tech)
    alive = pre[(pre.build_year <= period) & (period < pre.build_year + pre.age)]

    def fact_tech(t: str) -> str:
        for k, v in TECH_MAP.items():
            if v in t:
                return k
        return "other"

    return alive.groupby(alive.tech.map(fact_tech)).build_gen_predetermined.sum()


def test_existing_fleet_matches_switch_china(case: Path) -> None:
    """Merged cohorts reproduce SWITCH-China's unit-level fleet in every period. Both are sums of the same
    unit capacities (the fact table rounds to 0.1 MW per zone-tech), so the tolerance is 0.1 %."""
    facts = _facts("existing_capacity_by_period_switch_china.csv")
    for label, start in zip(range(2025, 2051, 5), PERIODS):
        ours = existing_by_tech(case, start)
        ref = facts[facts.period == label].groupby("tech").capacity_mw.sum()
        for tech, mw in ref.items():
            assert ours.get(tech, 0.0) == pytest.approx(mw, rel=1e-3, abs=1.0), (label, tech)
        assert set(ours.index) <= set(ref.index) | {"other"}


def test_existing_fleet_vs_statistics(case: Path) -> None:
    """2025 fleet vs end-2020 statistics (facts/capacity_2020.csv). SWITCH-China's list includes units
    committed to 2023 and retires old coal by age, so thermal, hydro and nuclear agree within 25 %; wind and
    solar stop at 2017 in that source and are only required to be below the 2020 statistics."""
    ours = existing_by_tech(case, 2023)
    stat = _facts("capacity_2020.csv").groupby("tech").capacity_mw.sum()
    thermal_stat = stat["thermal_excl_gas"] + stat["gas"]
    assert ours["coal"] + ours["gas"] == pytest.approx(thermal_stat, rel=0.25)
    assert ours["hydro"] == pytest.approx(stat["hydro"], rel=0.25)
    assert ours["nuclear"] == pytest.approx(stat["nuclear"], rel=0.25)
    assert ours["onshore_wind"] < stat["onshore_wind"] + stat["offshore_wind"]
    assert ours["solar_pv"] < stat["solar_pv"]


def test_transmission_as_the_study_ran_it(case: Path) -> None:
    """92 undirected corridors; each carries the larger of its two directed capacities in SWITCH-China's
    study-era table (184 directed rows, 515,300 MW over both directions; larger directions 413,800 MW)."""
    study = pd.read_csv(DATA / "raw" / "switch-china-open-model" / "study_era" / "transmission_lines.csv")
    assert len(study) == 184 and study.existing_trans_cap.sum() == pytest.approx(515_300)
    tl = _r(case, "transmission_lines.csv").set_index("TRANSMISSION_LINE")
    assert len(tl) == 92 and tl.existing_trans_cap.sum() == pytest.approx(413_800)
    directed = study.set_index(["trans_lz_send", "trans_lz_receive"]).existing_trans_cap
    for line, r in tl.iterrows():
        forward, backward = directed[(r.trans_lz1, r.trans_lz2)], directed[(r.trans_lz2, r.trans_lz1)]
        assert r.existing_trans_cap == max(forward, backward), line
    # corridors where SWITCH-China's current table kept the smaller direction
    assert tl.loc["Hubei-Henan", "existing_trans_cap"] == 20_500
    assert tl.loc["Yunnan-Guangdong", "existing_trans_cap"] == 24_700
    assert (tl.trans_new_build_allowed == 0).sum() == 4


def test_atb_costs_in_case_dollars_and_atb_lives(case: Path) -> None:
    """ATB 2021 values (2019 $) x CPI-U 2010 / 2019 = 218.056 / 255.657; ATB lives: PV and wind 30, batteries 15."""
    atb = _facts("tech_costs.csv")
    atb = atb[atb.cost_year_basis == "start_year 2023"].set_index("tech")
    bc = _r(case, "gen_build_costs.csv").set_index(["GENERATION_PROJECT", "build_year"])
    k = 218.056 / 255.657
    bat = bc.loc[("Anhui-Battery_4h", 2023)]
    assert bat.gen_overnight_cost == pytest.approx(atb.loc["battery_4h", "capital_per_kw"] * 1000 * k, abs=0.01)
    assert bat.gen_storage_energy_overnight_cost == pytest.approx(
        atb.loc["battery_4h", "capital_per_kwh"] * 1000 * k, abs=0.01)
    assert bat.gen_fixed_om == pytest.approx(atb.loc["battery_4h", "fixed_om_per_kw_yr"] * 1000 * k, abs=0.01)
    pv = bc.loc[("Anhui-Solar_Utility", 2023)]
    assert pv.gen_overnight_cost == pytest.approx(atb.loc["solar_pv", "capital_per_kw"] * 1000 * k, abs=0.01)
    # SWITCH-China costs stay as they are (2010 $)
    raw = pd.read_csv(DATA / "raw" / "switch-china-open-model" / "inputs" / "gen_build_costs.csv")
    coal = raw[raw.GENERATION_PROJECT.str.contains("Anhui-Coal_1000_RC") & (raw.build_year == 2023)]
    assert bc.loc[("Anhui-Coal_1000_RC", 2023), "gen_overnight_cost"] == coal.gen_overnight_cost.iloc[0]
    gi = _r(case, "gen_info.csv").set_index("GENERATION_PROJECT")
    life = gi.groupby("gen_tech").gen_max_age.agg(["min", "max"])
    for tech, years in {"Solar_Utility": 30, "Solar_Distributed": 30, "Wind_Onshore": 30, "Wind_Offshore": 30,
                        "Battery_1h": 15, "Battery_4h": 15, "Battery_10h": 15, "Central_PV_EP": 20}.items():
        assert (life.loc[tech] == years).all(), tech


def test_existing_capital_annuities(case: Path) -> None:
    """SWITCH-China charges existing builds their capital annuity: MW x (overnight + connection) x crf(8 %, life),
    while alive. Beijing's gas fleet in 2023, worked from the raw unit list; no annuity after a unit retires."""
    sc = DATA / "raw" / "switch-china-open-model" / "inputs"
    pre = pd.read_csv(sc / "gen_build_predetermined.csv")
    gi = pd.read_csv(sc / "gen_info.csv")
    cost = pd.read_csv(sc / "gen_build_costs.csv")
    u = pre.merge(gi, on="GENERATION_PROJECT").merge(cost, on=["GENERATION_PROJECT", "build_year"])
    u = u[(u.gen_load_zone == "Beijing") & (u.gen_tech == "EP_Gas_CCGT_RC")]
    alive = u[(u.build_year <= 2023) & (2023 < u.build_year + u.gen_max_age)]
    assert len(alive) > 0
    crf = 0.08 / (1 - 1.08 ** -alive.gen_max_age)
    expected = (alive.build_gen_predetermined * (alive.gen_overnight_cost + alive.gen_connect_cost_per_mw) * crf).sum()
    ec = _r(case, "existing_capital_annuity.csv")
    got = ec[(ec.LOAD_ZONE == "Beijing") & (ec.gen_tech == "EP_Gas_CCGT_RC") & (ec.PERIOD == 2023)]
    assert got.capital_annuity_usd_per_yr.sum() == pytest.approx(expected, abs=1.0)
    last = int((u.build_year + u.gen_max_age).max())
    later = ec[(ec.LOAD_ZONE == "Beijing") & (ec.gen_tech == "EP_Gas_CCGT_RC") & (ec.PERIOD >= last)]
    assert later.empty
    assert set(ec.PERIOD) == set(PERIODS) and (ec.capital_annuity_usd_per_yr > 0).all()


SC = DATA / "raw" / "switch-china-open-model" / "inputs"


def test_operating_parameters_are_switch_chinas(case: Path) -> None:
    """Every existing cohort and new thermal project carries its SWITCH-China units' min load, baseload and
    reserve flags; new wind, solar and storage those of the SWITCH-China technology they stand for."""
    gi = _r(case, "gen_info.csv").set_index("GENERATION_PROJECT")
    sc = pd.read_csv(SC / "gen_info.csv", dtype=str)
    cols = ["gen_min_load_fraction", "gen_is_baseload", "gen_can_provide_spinning_reserves",
            "gen_can_provide_quickstart_reserves"]
    for c in cols[1:]:
        sc[c] = sc[c].str.upper().eq("TRUE").astype(int)
    sc["gen_min_load_fraction"] = sc.gen_min_load_fraction.astype(float)
    by_tech = sc.groupby("gen_tech")[cols].agg(lambda v: v.unique()[0] if v.nunique() == 1 else np.nan)
    thermal = gi[gi.gen_tech.isin(by_tech.index)]
    assert len(thermal) > 300
    pd.testing.assert_frame_equal(thermal[cols].reset_index(drop=True),
                                  by_tech.loc[thermal.gen_tech, cols].reset_index(drop=True), check_dtype=False)
    stand_in = {"Solar_Utility": "Central_PV", "Solar_Distributed": "Commercial_PV", "Wind_Onshore": "Wind",
                "Wind_Offshore": "Offshore_Wind", "Battery_4h": "Battery_Storage"}
    for ours, theirs in stand_in.items():
        got = gi.loc[gi.gen_tech == ours, cols].drop_duplicates()
        assert len(got) == 1 and list(got.iloc[0]) == list(by_tech.loc[theirs, cols]), ours
    assert (gi.loc[gi.gen_tech.str.startswith("Coal"), "gen_min_load_fraction"] == 0.4).all()


def test_part_load_curves_are_switch_chinas(case: Path) -> None:
    """gen_inc_heat_rates.csv is SWITCH-China's part-load curve in 2.0.9's format: for every project with a curve,
    fuel use at the first loading level (coal 40 %, gas 45 %) and at full load equals loading level x SWITCH-China's heat rate at that level, for the
    units of the cohort (the merge key includes the curve)."""
    inc = pd.read_csv(case / "gen_inc_heat_rates.csv", na_values=".")
    first = inc[inc.power_end_mw.isna()].set_index("GENERATION_PROJECT")
    seg = inc[inc.power_end_mw.notna()].set_index("GENERATION_PROJECT")
    assert first.index.is_unique and seg.index.is_unique and set(first.index) == set(seg.index)
    gi = _r(case, "gen_info.csv").set_index("GENERATION_PROJECT")
    fuel_based = gi.index[gi.gen_energy_source.isin(["Coal", "Gas"])]
    assert set(first.index) == set(fuel_based)
    full = first.fuel_use_rate_mmbtu_per_h + seg.incremental_heat_rate_mbtu_per_mwhr * (
        seg.power_end_mw - seg.power_start_mw)
    assert np.allclose(full / seg.power_end_mw, gi.loc[full.index, "gen_full_load_heat_rate"], rtol=1e-5)
    # against SWITCH-China's own curve for a unit of each cohort-like project (same zone, tech and heat rate)
    plr = pd.read_csv(SC / "gen_part_load_heat_rates.csv").pivot(
        index="GENERATION_PROJECT", columns="gen_loading_level", values="gen_heat_rate_at_loading_level")
    sc = pd.read_csv(SC / "gen_info.csv", dtype=str).set_index("GENERATION_PROJECT")
    sc = sc.loc[plr.index]
    key = sc.gen_load_zone + "|" + sc.gen_tech + "|" + sc.gen_full_load_heat_rate.astype(float).round(4).astype(str)
    ours = gi.loc[full.index]
    okey = ours.gen_load_zone + "|" + ours.gen_tech + "|" + ours.gen_full_load_heat_rate.round(4).astype(str)
    checked = 0
    for g, k in okey.items():
        units = plr[key == k]
        if len(units) and units.nunique().max() == 1:
            curve = units.iloc[0].dropna()
            level, lo, hi = curve.index[0], curve.iloc[0], curve.loc[1.0]
            assert first.loc[g, "power_start_mw"] == level and len(curve) == 2
            assert first.loc[g, "fuel_use_rate_mmbtu_per_h"] == pytest.approx(level * lo, rel=1e-6), g
            assert full[g] == pytest.approx(hi, rel=1e-5), g
            checked += 1
    assert checked > 100


def test_plans_and_planning_reserves_are_switch_chinas(case: Path) -> None:
    for name, keys in (("capacity_plans.csv", ["energy_sources", "load_zones", "period"]),
                       ("total_capacity_limits.csv", ["energy_sources", "period"]),
                       ("planning_reserve_requirements.csv", ["PLANNING_RESERVE_REQUIREMENTS"]),
                       ("planning_reserve_requirement_zones.csv", ["PLANNING_RESERVE_REQUIREMENTS", "LOAD_ZONE"])):
        ours = pd.read_csv(case / name).sort_values(keys).reset_index(drop=True)
        theirs = pd.read_csv(SC / name).sort_values(keys).reset_index(drop=True)
        pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)
    lz = _r(case, "load_zones.csv")
    assert lz.zone_balancing_area.nunique() == 7 and lz.zone_balancing_area.notna().all()
