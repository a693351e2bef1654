"""switch-model-style CSV export of a result."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import batteryplan
from batteryplan.io.switch_export import export_switch_outputs


def test_export_matches_result(examples_dir, tmp_path):
    res = batteryplan.solve(batteryplan.build(batteryplan.read_case(examples_dir / "storage" / "inputs")))
    res.to_hdf5(tmp_path / "r.h5")
    back = batteryplan.read_result(tmp_path / "r.h5")
    files = {p.name: p for p in export_switch_outputs(back, tmp_path / "out")}
    assert float(files["total_cost.txt"].read_text()) == res.objective
    cap = pd.read_csv(files["gen_cap.csv"])
    assert cap["GenCapacity"].sum() == pytest.approx(res.arrays["capacity_mw"].sum())
    d = pd.read_csv(files["dispatch.csv"])
    assert d["DispatchGen_MW"].sum() == pytest.approx(res.arrays["dispatch_mw"].sum())
    sd = pd.read_csv(files["storage_dispatch.csv"])
    sto = np.asarray(res.index["project_is_storage"], bool)
    assert sd["ChargeMW"].sum() == pytest.approx(res.arrays["charge_mw"][sto].sum())
    pr = pd.read_csv(files["energy_prices.csv"])
    assert len(pr) == res.arrays["price_per_mwh"].size and pr["energy_price_per_mwh"].notna().all()
