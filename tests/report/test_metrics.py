"""batteryplan.metrics against numbers worked out by hand (a hand-made result) and against slow twins on solved
tiny cases (tests/report/cases.py).

Hand-made result (no solve): zones A and B, one period 2030, two timepoints weighing 3000 h and 5760 h per year.

    project       zone  tech             t1 (MW)               t2 (MW)
    A-Coal        A     Coal             dispatch 100, CO2 90  dispatch 50, CO2 45 t/h
    B-Wind        B     Wind             dispatch 200          dispatch 300
    A-Bat-grid    A     Battery_Storage  charge 20             discharge 15          (grid, 20 MW / 80 MWh)
    A-Bat-re      A     Battery_Storage  charge 10             discharge 8           (re,   10 MW / 40 MWh)
    B-PHS         B     Hydro_Pumped     discharge 30          charge 40             (other storage, 50 MW)
    line A-B, eff 0.9: B -> A sends 150 (t1) and 200 (t2); A receives 135 and 180.
    A has local T&D (loss 0.05): withdraw = 100 + 135 - 30 = 205 (t1), 50 + 23 + 180 = 253 (t2);
    A's demand = 0.95 * withdraw (+ 5 MW unserved in t2) = 194.75, 245.35; B's demand = 80, 60.

Annual (MWh/yr): A generation 100*3000 + 50*5760 = 588,000 (all coal); battery discharge 23*5760 = 132,480
(grid 86,400, re 46,080: shares 0.65217, 0.34783); battery charge 30*3000 = 90,000; received 135*3000 +
180*5760 = 1,441,800; T&D loss 10.25*3000 + 12.65*5760 = 103,614; unserved 28,800; demand 1,997,466
(= 588,000 + 132,480 − 90,000 + 1,441,800 − 103,614 + 28,800). B generation 600,000 + 1,728,000 = 2,328,000;
other storage discharge 90,000, charge 230,400; sent 450,000 + 1,152,000 = 1,602,000; demand 585,600.
Ratios: A 588,000 / 1,997,466 = 0.29437 (demand), B 2,328,000 / 585,600 = 3.97541 (supply).
National: CO2 90*3000 + 45*5760 = 529,200 t/yr; generation 2,916,000 MWh/yr; system cost 145.8 M$/yr
-> 50 $/MWh. Mean prices: A (60*3000 + 40*5760) / 8760 = 46.849 $/MWh, B (10*3000 + 20*5760) / 8760 = 16.575.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import batteryplan
from batteryplan.report.metrics import classify, resolve_period, tech_group
from batteryplan.result import Result


def _o(*v):
    return np.array(v, dtype=object)


def hand_result() -> Result:
    index = {
        "zones": _o("A", "B"), "periods": np.array([2030]), "timepoints": np.array([1, 2]),
        "timepoint_period": np.array([2030, 2030]), "timepoint_weight_in_year_h": np.array([3000.0, 5760.0]),
        "timepoint_duration_h": np.array([1.0, 1.0]), "timepoint_timeseries": _o("d", "d"),
        "timeseries": _o("d"),
        "projects": _o("A-Coal", "B-Wind", "A-Bat-grid", "A-Bat-re", "B-PHS"),
        "project_tech": _o("Coal", "Wind", "Battery_Storage", "Battery_Storage", "Hydro_Pumped"),
        "project_zone": _o("A", "B", "A", "A", "B"),
        "project_energy_source": _o("Coal", "Wind", "Electricity", "Electricity", "Electricity"),
        "project_is_storage": np.array([False, False, True, True, True]),
        "project_attachment": _o("", "", "grid", "re", "grid"),
        "lines": _o("A-B"), "line_from": _o("A"), "line_to": _o("B"), "line_efficiency": np.array([0.9]),
        "zone_local_td_loss_rate": np.array([0.05, 0.0]),
        "directions": _o("lz1_to_lz2", "lz2_to_lz1"), "attachments": _o("grid", "re", "demand"),
        "techs": _o("Battery_Storage", "Coal", "Hydro_Pumped", "Wind"), "bac": np.array([1.0]),
    }
    arrays = {
        "dispatch_mw": np.array([[100, 50], [200, 300], [0, 15], [0, 8], [30, 0]], dtype=float),
        "charge_mw": np.array([[0, 0], [0, 0], [20, 0], [10, 0], [0, 40]], dtype=float),
        "capacity_mw": np.array([[120], [400], [20], [10], [50]], dtype=float),
        "energy_capacity_mwh": np.array([[0], [0], [80], [40], [400]], dtype=float),
        "co2_t_per_h": np.array([[90, 45], [0, 0], [0, 0], [0, 0], [0, 0]], dtype=float),
        "tx_flow_mw": np.array([[[0.0, 0.0], [150.0, 200.0]]]),
        "tx_capacity_mw": np.array([[250.0]]),
        "demand_mw": np.array([[194.75, 245.35], [80.0, 60.0]]),
        "unserved_mw": np.array([[0.0, 5.0], [0.0, 0.0]]),
        "local_td_withdraw_mw": np.array([[205.0, 253.0], [0.0, 0.0]]),
        "price_per_mwh": np.array([[60.0, 40.0], [10.0, 20.0]]),
    }
    summary = {"system_cost_usd_per_yr": np.array([145.8e6]), "system_cost_npv_usd": np.array([145.8e6]),
               "tx_capacity_mw": np.array([[250.0]]), "tx_cost_usd_per_yr": np.array([[1.0e6]])}
    scenario = {"name": "Mixed-Low-R", "strategy": "Mixed", "carbon": "Low", "battery_cost": "R",
                "carbon_multiplier": 1.0, "battery_techs": []}
    return Result("hand", scenario, "Optimal", 1.0, arrays, summary, index, {}, {})


def _row(df: pd.DataFrame, **keys) -> pd.Series:
    sel = np.ones(len(df), bool)
    for k, v in keys.items():
        sel &= (df[k] == v).to_numpy()
    assert sel.sum() == 1, keys
    return df[sel].iloc[0]


def test_zone_metrics_by_hand() -> None:
    m = batteryplan.metrics(hand_result())
    a, b = _row(m.zone, zone="A"), _row(m.zone, zone="B")
    expect_a = {"generation_mwh_per_yr": 588_000, "coal_generation_mwh_per_yr": 588_000,
                "battery_discharge_mwh_per_yr": 132_480, "battery_charge_mwh_per_yr": 90_000,
                "other_storage_discharge_mwh_per_yr": 0, "imports_received_mwh_per_yr": 1_441_800,
                "exports_sent_mwh_per_yr": 0, "net_imports_mwh_per_yr": 1_441_800,
                "local_td_loss_mwh_per_yr": 103_614, "unserved_mwh_per_yr": 28_800,
                "demand_mwh_per_yr": 1_997_466, "battery_power_mw": 30, "battery_energy_mwh": 120,
                "price_mean_usd_per_mwh": 410_400 / 8760}
    expect_b = {"generation_mwh_per_yr": 2_328_000, "coal_generation_mwh_per_yr": 0,
                "battery_discharge_mwh_per_yr": 0, "other_storage_discharge_mwh_per_yr": 90_000,
                "other_storage_charge_mwh_per_yr": 230_400, "imports_received_mwh_per_yr": 0,
                "exports_sent_mwh_per_yr": 1_602_000, "net_imports_mwh_per_yr": -1_602_000,
                "local_td_loss_mwh_per_yr": 0, "demand_mwh_per_yr": 585_600, "battery_power_mw": 0,
                "price_mean_usd_per_mwh": 145_200 / 8760}
    for row, expect in ((a, expect_a), (b, expect_b)):
        for col, v in expect.items():
            assert row[col] == pytest.approx(v, rel=1e-12, abs=1e-9), (row["zone"], col)
        assert row["balance_residual_mwh_per_yr"] == pytest.approx(0.0, abs=1e-6)
    assert a["generation_to_demand_ratio"] == pytest.approx(588_000 / 1_997_466)
    assert b["generation_to_demand_ratio"] == pytest.approx(2_328_000 / 585_600)
    assert (a["province_class"], b["province_class"]) == ("demand", "supply")
    assert not m.demand_from_balance


def test_period_metrics_by_hand() -> None:
    p = batteryplan.metrics(hand_result()).period.iloc[0]
    expect = {"co2_t_per_yr": 529_200, "generation_mwh_per_yr": 2_916_000, "demand_mwh_per_yr": 2_583_066,
              "system_cost_usd_per_yr": 145.8e6, "electricity_cost_usd_per_mwh": 50.0,
              "coal_generation_mwh_per_yr": 588_000, "tx_capacity_mw": 250, "tx_energy_sent_mwh_per_yr": 1_602_000,
              "tx_cost_usd_per_yr": 1e6, "battery_power_mw": 30, "battery_energy_mwh": 120,
              "battery_charge_mwh_per_yr": 90_000, "battery_discharge_mwh_per_yr": 132_480,
              "unserved_mwh_per_yr": 28_800, "supply_provinces": 1, "neutral_provinces": 0, "demand_provinces": 1}
    for col, v in expect.items():
        assert p[col] == pytest.approx(v, rel=1e-12), col
    assert (p["scenario"], p["strategy"], p["carbon"], p["battery_cost"]) == ("Mixed-Low-R", "Mixed", "Low", "R")


def test_study_cost_per_mwh_by_hand(tmp_path: Path) -> None:
    """The study's cost: (145.8 M$ + existing capital of A and B, 10 + 4.2 M$) / (2,916,000 MWh generated +
    132,480 battery + 90,000 pumped-hydro discharge) = 160 M$ / 3,138,480 MWh = 50.98009 $/MWh; zone C (not in
    the result) and period 2040 are left out; ours stays 145.8 M$ / 2,916,000 MWh = 50 $/MWh."""
    from batteryplan.report.metrics import cost_per_mwh_study
    table = pd.DataFrame({"LOAD_ZONE": ["A", "B", "C", "A"], "PERIOD": [2030, 2030, 2030, 2040],
                          "gen_tech": ["Coal", "Wind", "Coal", "Coal"],
                          "capital_annuity_usd_per_yr": [10e6, 4.2e6, 99e6, 7e6]})
    (tmp_path / "inputs").mkdir()
    table.to_csv(tmp_path / "inputs" / "existing_capital_annuity.csv", index=False)
    for source in (table, tmp_path, tmp_path / "inputs", tmp_path / "inputs" / "existing_capital_annuity.csv"):
        row = cost_per_mwh_study(hand_result(), source).iloc[0]
        assert row.scenario == "Mixed-Low-R" and row.period == 2030
        assert row.existing_capital_usd_per_yr == pytest.approx(14.2e6)
        assert row.storage_discharge_mwh_per_yr == pytest.approx(222_480.0)
        assert row.cost_per_mwh_study == pytest.approx(160e6 / 3_138_480, rel=1e-12)
        assert row.cost_per_mwh_study == pytest.approx(50.98009, abs=1e-5)
        assert row.electricity_cost_usd_per_mwh == pytest.approx(50.0)
    with pytest.raises(FileNotFoundError, match="existing fleet"):
        cost_per_mwh_study(hand_result(), tmp_path / "nowhere")
    with pytest.raises(ValueError, match="capital_annuity_usd_per_yr"):
        cost_per_mwh_study(hand_result(), table.drop(columns="capital_annuity_usd_per_yr"))


def test_attachment_tech_and_line_metrics_by_hand() -> None:
    m = batteryplan.metrics(hand_result())
    za = m.zone_attachment
    assert len(za) == 2 * 3 * 1                           # every zone x attachment x period
    g, r, d = (_row(za, zone="A", attachment=k) for k in ("grid", "re", "demand"))
    assert (g["battery_power_mw"], g["battery_energy_mwh"], r["battery_power_mw"]) == (20, 80, 10)
    assert g["battery_discharge_mwh_per_yr"] == pytest.approx(86_400)
    assert r["battery_discharge_mwh_per_yr"] == pytest.approx(46_080)
    assert g["battery_charge_mwh_per_yr"] == pytest.approx(60_000)
    assert g["discharge_share"] == pytest.approx(86_400 / 132_480)
    assert r["discharge_share"] == pytest.approx(46_080 / 132_480)
    assert d["discharge_share"] == 0.0
    assert np.isnan(_row(za, zone="B", attachment="grid")["discharge_share"])   # B has no battery: no share
    t = m.tech
    assert list(t["tech"]) == ["Battery_Storage", "Coal", "Hydro_Pumped", "Wind"]
    assert list(t["group"]) == ["Battery", "Coal", "Other storage", "Wind"]
    assert _row(t, tech="Battery_Storage")["generation_mwh_per_yr"] == pytest.approx(132_480)
    assert _row(t, tech="Coal")["co2_t_per_yr"] == pytest.approx(529_200)
    assert _row(t, tech="Wind")["capacity_mw"] == 400
    zt = m.zone_tech
    assert len(zt) == 4                                   # only (zone, tech) pairs that have projects
    assert _row(zt, zone="B", tech="Hydro_Pumped")["charge_mwh_per_yr"] == pytest.approx(230_400)
    line = m.line.iloc[0]
    assert (line["line"], line["line_from"], line["line_to"], line["line_efficiency"]) == ("A-B", "A", "B", 0.9)
    assert line["tx_energy_sent_mwh_per_yr"] == pytest.approx(1_602_000)
    assert line["tx_cost_usd_per_yr"] == 1e6


def test_units_are_in_the_column_names() -> None:
    m = batteryplan.metrics(hand_result())
    unitless = {"scenario", "strategy", "carbon", "battery_cost", "carbon_multiplier", "period", "zone", "tech",
                "group", "is_storage", "attachment", "line", "line_from", "line_to", "line_efficiency",
                "generation_to_demand_ratio", "province_class", "discharge_share", "supply_provinces",
                "neutral_provinces", "demand_provinces"}
    units = ("_mw", "_mwh", "_mwh_per_yr", "_usd_per_yr", "_usd", "_usd_per_mwh", "_t_per_yr")
    for name, df in m.tables().items():
        for col in df.columns:
            assert col in unitless or col.endswith(units), f"{name}.{col} has no unit in its name"


def test_demand_from_the_balance_when_the_file_has_none() -> None:
    res = hand_result()
    del res.arrays["demand_mw"]
    m = batteryplan.metrics(res)
    assert m.demand_from_balance
    assert list(m.zone["demand_mwh_per_yr"]) == pytest.approx([1_997_466, 585_600])


def test_classification_threshold_is_configurable() -> None:
    assert list(classify([1.11, 1.1, 1.0, 0.9, 0.89, np.nan, np.inf])) == \
        ["supply", "neutral", "neutral", "neutral", "demand", "neutral", "supply"]
    assert list(classify([1.3, 0.75], threshold=0.25)) == ["supply", "neutral"]
    assert list(classify([1.01, 0.99], threshold=0.0)) == ["supply", "demand"]
    with pytest.raises(ValueError):
        classify([1.0], threshold=-0.1)
    wide = batteryplan.metrics(hand_result(), threshold=3.0).zone          # B: 3.975 < 4 -> neutral
    assert list(wide["province_class"]) == ["neutral", "neutral"]          # A: 0.294 > -2 -> neutral
    assert batteryplan.metrics(hand_result(), threshold=3.0).threshold == 3.0


def test_battery_techs_override_and_helpers() -> None:
    m = batteryplan.metrics(hand_result(), battery_techs=["Hydro_Pumped"])
    b = _row(m.zone, zone="B")
    assert b["battery_discharge_mwh_per_yr"] == pytest.approx(90_000)
    assert b["other_storage_discharge_mwh_per_yr"] == 0
    assert resolve_period([2023, 2028, 2033, 2038, 2043, 2048], 2040) == 2038
    assert resolve_period([2030, 2040], 2040) == 2040
    assert resolve_period([2030, 2040], 2020) == 2030
    assert resolve_period([2030, 2040], None) == 2040
    assert [tech_group(t, s) for t, s in [("Coal_1000_RC", "Coal"), ("Gas_CCGT_OT", "Gas"),
                                          ("Nuclear_SMR", "Uranium"), ("Hydro_NonPumped", "Water"),
                                          ("Wind_EP", "Wind"), ("Central_PV_EP", "Solar")]] == \
        ["Coal", "Gas", "Nuclear", "Hydro", "Wind", "Solar"]


# ------------------------------------------------------------------------------------------ solved tiny cases

def _twin(res, case_dir: Path) -> dict[str, dict[str, list[float]]]:
    """Zone metrics with plain loops over projects, lines and timepoints; demand from the case's loads.csv."""
    ix, a = res.index, res.arrays
    zones = list(ix["zones"])
    periods = [int(p) for p in ix["periods"]]
    w = ix["timepoint_weight_in_year_h"]
    tp_p = [periods.index(int(p)) for p in ix["timepoint_period"]]
    tp_pos = {str(t): k for k, t in enumerate(ix["timepoints"])}
    out = {k: {z: [0.0] * len(periods) for z in zones} for k in
           ("generation", "coal", "bat_dis", "bat_chg", "received", "sent", "td_loss", "demand")}
    for g, zname in enumerate(ix["project_zone"]):
        for t in range(len(w)):
            e = a["dispatch_mw"][g, t] * w[t]
            if not ix["project_is_storage"][g]:
                out["generation"][zname][tp_p[t]] += e
                if ix["project_energy_source"][g] == "Coal":
                    out["coal"][zname][tp_p[t]] += e
            elif "Battery" in ix["project_tech"][g]:
                out["bat_dis"][zname][tp_p[t]] += e
                out["bat_chg"][zname][tp_p[t]] += a["charge_mw"][g, t] * w[t]
    for l, (zf, zt) in enumerate(zip(ix["line_from"], ix["line_to"])):
        eff = ix["line_efficiency"][l]
        for t in range(len(w)):
            out["sent"][zf][tp_p[t]] += a["tx_flow_mw"][l, 0, t] * w[t]
            out["sent"][zt][tp_p[t]] += a["tx_flow_mw"][l, 1, t] * w[t]
            out["received"][zt][tp_p[t]] += a["tx_flow_mw"][l, 0, t] * eff * w[t]
            out["received"][zf][tp_p[t]] += a["tx_flow_mw"][l, 1, t] * eff * w[t]
    for z, zname in enumerate(zones):
        for t in range(len(w)):
            out["td_loss"][zname][tp_p[t]] += a["local_td_withdraw_mw"][z, t] * ix["zone_local_td_loss_rate"][z] * w[t]
    loads = pd.read_csv(case_dir / "loads.csv")
    for _, r in loads.iterrows():
        t = tp_pos[str(r["TIMEPOINT"])]
        out["demand"][r["LOAD_ZONE"]][tp_p[t]] += r["zone_demand_mw"] * w[t]
    return out


TWIN_COLUMNS = {"generation": "generation_mwh_per_yr", "coal": "coal_generation_mwh_per_yr",
                "bat_dis": "battery_discharge_mwh_per_yr", "bat_chg": "battery_charge_mwh_per_yr",
                "received": "imports_received_mwh_per_yr", "sent": "exports_sent_mwh_per_yr",
                "td_loss": "local_td_loss_mwh_per_yr", "demand": "demand_mwh_per_yr"}


def test_solved_cases_match_slow_twins(solved: dict[str, Path], case_dir: Path) -> None:
    for name, path in solved.items():
        res = batteryplan.read_result(path)
        m = batteryplan.metrics(res)
        twin = _twin(res, case_dir)
        periods = [int(p) for p in res.index["periods"]]
        for key, col in TWIN_COLUMNS.items():
            for zname, values in twin[key].items():
                for k, p in enumerate(periods):
                    got = _row(m.zone, zone=zname, period=p)[col]
                    assert got == pytest.approx(values[k], rel=1e-9, abs=1e-6), (name, zname, p, col)
        # the zone balance closes with the stored demand, and national numbers agree with /summary
        assert np.abs(m.zone["balance_residual_mwh_per_yr"]).max() < 1e-6 * m.zone["demand_mwh_per_yr"].max()
        np.testing.assert_allclose(m.period["co2_t_per_yr"], res.summary["co2_t_per_yr"], rtol=1e-9)
        np.testing.assert_allclose(m.period["electricity_cost_usd_per_mwh"],
                                   res.summary["electricity_cost_usd_per_mwh"], rtol=1e-9)
        np.testing.assert_allclose(m.period["tx_energy_sent_mwh_per_yr"],
                                   res.summary["tx_energy_sent_mwh_per_yr"].sum(axis=0), rtol=1e-9)
        bat = m.zone_attachment.groupby(["zone", "period"])["battery_discharge_mwh_per_yr"].sum()
        zone_bat = m.zone.set_index(["zone", "period"])["battery_discharge_mwh_per_yr"]
        np.testing.assert_allclose(bat.reindex(zone_bat.index), zone_bat, rtol=1e-12, atol=1e-9)
        # the case: West Inner Mongolia exports, Chongqing imports
        assert set(m.zone.loc[m.zone["zone"] == "West_Inner_Mongolia", "province_class"]) == {"supply"}
        assert set(m.zone.loc[m.zone["zone"] == "Chongqing", "province_class"]) == {"demand"}


def test_battery_flows_match_the_summary_tables(solved: dict[str, Path]) -> None:
    """The case's only storage is batteries, so /summary's storage tables are the battery metrics."""
    for path in solved.values():
        res = batteryplan.read_result(path)
        za = batteryplan.metrics(res).zone_attachment
        for col, key in (("battery_discharge_mwh_per_yr", "storage_discharge_by_zone_attachment_mwh_per_yr"),
                         ("battery_charge_mwh_per_yr", "storage_charge_by_zone_attachment_mwh_per_yr")):
            np.testing.assert_allclose(za[col].to_numpy(), np.asarray(res.summary[key]).ravel(), atol=1e-6)
