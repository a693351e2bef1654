"""Figure 5 draws a province's split only where it discharges enough to have one, and says how much each
province discharges; a figure over all zones names them when there are few (a slice is not "national")."""
from __future__ import annotations

import pandas as pd
from batteryplan.report.figures import SHARE_MIN_FRACTION, Tables, fig_discharge_share, fig_national, zone_scope


def _tables(discharge_mwh: dict[str, float]) -> Tables:
    zones = list(discharge_mwh)
    zone = pd.DataFrame({"scenario": "Mixed-Low-R", "period": 2040, "zone": zones,
                         "province_class": "neutral", "generation_to_demand_ratio": 1.0,
                         "co2_t_per_yr": 1.0})
    za = []
    for z, mwh in discharge_mwh.items():
        for att, part in (("grid", 0.15), ("re", 0.85), ("demand", 0.0)):
            za.append({"scenario": "Mixed-Low-R", "period": 2040, "zone": z, "attachment": att,
                       "battery_discharge_mwh_per_yr": mwh * part, "discharge_share": part if mwh > 0 else None})
    period = pd.DataFrame({"scenario": "Mixed-Low-R", "period": [2040], "co2_t_per_yr": [1e6],
                           "electricity_cost_usd_per_mwh": [50.0]})
    scen = pd.DataFrame({"scenario": ["Mixed-Low-R"], "strategy": ["Mixed"], "carbon": ["Low"],
                         "battery_cost": ["R"], "carbon_multiplier": [1.0]})
    empty = pd.DataFrame()
    return Tables(period, zone, empty, pd.DataFrame(za), empty, scen, empty, empty)


def test_noise_is_not_drawn_as_a_split() -> None:
    t = _tables({"Big": 5e6, "Noise": 0.2, "Small": 5e6 * SHARE_MIN_FRACTION * 2, "None": 0.0})
    d = fig_discharge_share(t, ["Mixed-Low-R"], 2040, 0.1, "")
    by = d.data.groupby("zone")
    assert not by.get_group("Noise")["share_drawn"].any()
    assert by.get_group("Noise")["discharge_share"].isna().all()        # 0.2 MWh/yr: no 15 % / 85 % bar
    assert by.get_group("Small")["share_drawn"].all() and by.get_group("Big")["share_drawn"].all()
    assert by.get_group("Big").set_index("attachment").loc["re", "discharge_share"] == 0.85
    texts = [tx.get_text() for ax in d.figure.axes for tx in ax.texts]
    assert any("0.2 MWh/yr: too little to split" in s for s in texts)
    assert any("5 TWh/yr" in s for s in texts) and any("no discharge" in s for s in texts)
    assert f"{SHARE_MIN_FRACTION:.1%}" in d.caption


def test_a_slice_is_named_not_called_national() -> None:
    t = _tables({"Hebei": 1.0, "Shanxi": 2.0})
    assert zone_scope(t) == "2 zones: Hebei, Shanxi"
    d = fig_national(t)
    assert "Hebei, Shanxi" in d.figure.get_suptitle() and "National" not in d.figure.get_suptitle()
    many = _tables({f"Z{k:02d}": 1.0 for k in range(32)})
    assert zone_scope(many) == "all 32 zones"
