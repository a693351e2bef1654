"""Tests of batteryplan.io.slice_case on a small hand-written SWITCH inputs folder."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from batteryplan.io.slice_case import slice_case


def _w(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text.strip() + "\n", encoding="utf-8")


@pytest.fixture()
def src(tmp_path: Path) -> Path:
    """A three-zone, two-period case with every kind of keyed table."""
    d = tmp_path / "src"
    d.mkdir()
    _w(d, "switch_inputs_version.txt", "2.0.9")
    _w(d, "modules.txt", "switch_model\nswitch_model.timescales")
    _w(d, "financials.csv", "base_financial_year,interest_rate,discount_rate\n2010,0.08,0.08")
    _w(d, "periods.csv", "INVESTMENT_PERIOD,period_start,period_end\n2023,2023,2027\n2028,2028,2032")
    _w(d, "timeseries.csv", "TIMESERIES,ts_period,ts_duration_of_tp,ts_num_tps,ts_scale_to_period\n"
                            "s1,2023,12,2,1826.25\ns2,2028,12,2,1826.25")
    _w(d, "timepoints.csv", "timepoint_id,timestamp,timeseries\nt1,a,s1\nt2,b,s1\nt3,c,s2\nt4,d,s2")
    _w(d, "load_zones.csv", "LOAD_ZONE,existing_local_td\nA,1\nB,2\nC,3")
    loads = "LOAD_ZONE,TIMEPOINT,zone_demand_mw\n" + "\n".join(
        f"{z},{t},{i}.5" for i, (z, t) in enumerate((z, t) for z in "ABC" for t in ("t1", "t2", "t3", "t4")))
    _w(d, "loads.csv", loads)
    _w(d, "zone_coincident_peak_demand.csv", "LOAD_ZONE,PERIOD,zone_expected_coincident_peak_demand\n"
                                             "A,2023,1\nA,2028,2\nB,2023,3\nB,2028,4\nC,2023,5\nC,2028,6")
    _w(d, "fuel_cost.csv", "load_zone,fuel,period,fuel_cost\nA,Coal,2023,1\nA,Coal,2028,2\nC,Coal,2023,3")
    _w(d, "transmission_lines.csv", "TRANSMISSION_LINE,trans_lz1,trans_lz2,trans_length_km,trans_efficiency,"
                                    "existing_trans_cap\nA-B,A,B,100,0.99,5\nB-C,B,C,100,0.99,5\nA-C,A,C,1,1,0")
    _w(d, "trans_params.csv", "trans_capital_cost_per_mw_km,trans_lifetime_yrs,trans_fixed_om_fraction\n300,20,0.03")
    _w(d, "gen_info.csv", "GENERATION_PROJECT,gen_tech,gen_load_zone,gen_is_variable\n"
                          "A-coal,Coal,A,0\nA-pv,PV,A,1\nB-hydro,Hydro,B,0\nC-pv,PV,C,1")
    _w(d, "gen_build_predetermined.csv", "GENERATION_PROJECT,build_year,build_gen_predetermined\n"
                                         "A-coal,2000,10\nA-coal,2023,5\nB-hydro,1990,7")
    _w(d, "gen_build_costs.csv", "GENERATION_PROJECT,build_year,gen_overnight_cost,gen_fixed_om\n"
                                 "A-coal,2000,0,1\nA-coal,2023,0,1\nA-coal,2028,9,1\n"
                                 "A-pv,2023,8,1\nA-pv,2028,7,1\nB-hydro,1990,0,1\nC-pv,2023,8,1\nC-pv,2028,7,1")
    _w(d, "variable_capacity_factors.csv", "GENERATION_PROJECT,timepoint,gen_max_capacity_factor\n" + "\n".join(
        f"{g},{t},0.25" for g in ("A-pv", "C-pv") for t in ("t1", "t2", "t3", "t4")))
    _w(d, "hydro_timeseries.csv", "hydro_project,timeseries,hydro_min_flow_mw,hydro_avg_flow_mw\n"
                                  "B-hydro,s1,1,2\nB-hydro,s2,1,3")
    _w(d, "carbon_policies.csv", "PERIOD,carbon_cap_tco2_per_yr,carbon_cost_dollar_per_tco2\n2023,.,10\n2028,.,20")
    return d


def _r(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def test_zones_only(src: Path, tmp_path: Path) -> None:
    dst = tmp_path / "dst"
    slice_case(src, dst, ["A", "B"])
    assert list(_r(dst, "load_zones.csv").LOAD_ZONE) == ["A", "B"]
    assert set(_r(dst, "loads.csv").LOAD_ZONE) == {"A", "B"}
    assert len(_r(dst, "loads.csv")) == 8
    assert list(_r(dst, "transmission_lines.csv").TRANSMISSION_LINE) == ["A-B"]
    assert list(_r(dst, "gen_info.csv").GENERATION_PROJECT) == ["A-coal", "A-pv", "B-hydro"]
    assert set(_r(dst, "gen_build_costs.csv").GENERATION_PROJECT) == {"A-coal", "A-pv", "B-hydro"}
    assert set(_r(dst, "variable_capacity_factors.csv").GENERATION_PROJECT) == {"A-pv"}
    assert len(_r(dst, "hydro_timeseries.csv")) == 2
    assert list(_r(dst, "fuel_cost.csv").load_zone) == ["A", "A"]
    assert len(_r(dst, "periods.csv")) == 2
    # unkeyed files and non-CSV files are copied byte for byte
    for name in ("financials.csv", "trans_params.csv", "modules.txt", "switch_inputs_version.txt"):
        assert (dst / name).read_bytes() == (src / name).read_bytes()
    # cell text is preserved (no float reformatting)
    assert _r(dst, "loads.csv").zone_demand_mw.iloc[0] == "0.5"
    assert _r(dst, "timeseries.csv").ts_scale_to_period.iloc[0] == "1826.25"


def test_zones_and_period(src: Path, tmp_path: Path) -> None:
    dst = tmp_path / "dst"
    slice_case(src, dst, ["A", "C"], [2028])
    assert list(_r(dst, "periods.csv").INVESTMENT_PERIOD) == ["2028"]
    assert list(_r(dst, "timeseries.csv").TIMESERIES) == ["s2"]
    assert list(_r(dst, "timepoints.csv").timepoint_id) == ["t3", "t4"]
    loads = _r(dst, "loads.csv")
    assert set(loads.TIMEPOINT) == {"t3", "t4"} and set(loads.LOAD_ZONE) == {"A", "C"}
    assert list(_r(dst, "transmission_lines.csv").TRANSMISSION_LINE) == ["A-C"]
    costs = _r(dst, "gen_build_costs.csv")
    pairs = set(zip(costs.GENERATION_PROJECT, costs.build_year))
    # new builds of the dropped period go; predetermined builds (even in a period-label year) stay
    assert pairs == {("A-coal", "2000"), ("A-coal", "2023"), ("A-coal", "2028"), ("A-pv", "2028"), ("C-pv", "2028")}
    assert len(_r(dst, "gen_build_predetermined.csv")) == 2
    vcf = _r(dst, "variable_capacity_factors.csv")
    assert set(vcf.timepoint) == {"t3", "t4"} and len(vcf) == 4
    assert len(_r(dst, "hydro_timeseries.csv")) == 0
    assert list(_r(dst, "carbon_policies.csv").PERIOD) == ["2028"]
    assert list(_r(dst, "zone_coincident_peak_demand.csv").zone_expected_coincident_peak_demand) == ["2", "6"]
    assert list(_r(dst, "fuel_cost.csv").fuel_cost) == ["2"]


def test_unknown_zone_or_period(src: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown load zone"):
        slice_case(src, tmp_path / "d1", ["A", "Z"])
    with pytest.raises(ValueError, match="unknown period"):
        slice_case(src, tmp_path / "d2", ["A"], [2099])
