"""Export a result file as switch-model-style output CSVs, for scripts written against SWITCH.

Written: ``total_cost.txt``, ``BuildGen.csv`` (new builds per period), ``gen_cap.csv``,
``dispatch.csv``, ``storage_dispatch.csv``, ``transmission_dispatch.csv``, ``BuildTx.csv``,
``energy_prices.csv`` ($/MWh) and ``emissions.csv`` (t CO2 per year). Column names follow
SWITCH 2.0.9's reporting where it has an equivalent.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def _long(res, name: str, value_name: str) -> pd.DataFrame:
    df = res.frame(name)
    return df.rename(columns={name: value_name})


def export_switch_outputs(res, out: str | Path) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ix = res.index
    written: list[Path] = []

    def write(df: pd.DataFrame, fname: str) -> None:
        p = out / fname
        df.to_csv(p, index=False)
        written.append(p)

    p = out / "total_cost.txt"
    p.write_text(f"{res.objective!r}\n")
    written.append(p)
    tech = dict(zip(ix["projects"], ix["project_tech"]))
    zone = dict(zip(ix["projects"], ix["project_zone"]))
    b = _long(res, "build_mw", "BuildGen").rename(columns={"projects": "GEN_BLD_YRS_1", "periods": "GEN_BLD_YRS_2"})
    write(b[b["BuildGen"] != 0], "BuildGen.csv")
    cap = _long(res, "capacity_mw", "GenCapacity").rename(columns={"projects": "GENERATION_PROJECT", "periods": "PERIOD"})
    cap.insert(2, "gen_tech", cap["GENERATION_PROJECT"].map(tech))
    cap.insert(3, "gen_load_zone", cap["GENERATION_PROJECT"].map(zone))
    write(cap, "gen_cap.csv")
    d = _long(res, "dispatch_mw", "DispatchGen_MW").rename(columns={"projects": "generation_project",
                                                                     "timepoints": "timestamp"})
    d.insert(1, "gen_tech", d["generation_project"].map(tech))
    d.insert(2, "gen_load_zone", d["generation_project"].map(zone))
    w = dict(zip(ix["timepoints"], ix["timepoint_weight_in_year_h"]))
    d["Energy_GWh_typical_yr"] = d["DispatchGen_MW"] * d["timestamp"].map(w) / 1000.0
    write(d[d["DispatchGen_MW"] != 0], "dispatch.csv")
    sto = np.asarray(ix["project_is_storage"], dtype=bool)
    if sto.any():
        c = _long(res, "charge_mw", "ChargeMW").rename(columns={"projects": "generation_project", "timepoints": "timepoint"})
        s = _long(res, "state_of_charge_mwh", "StateOfCharge").rename(columns={"projects": "generation_project",
                                                                              "timepoints": "timepoint"})
        dd = _long(res, "dispatch_mw", "DischargeMW").rename(columns={"projects": "generation_project",
                                                                      "timepoints": "timepoint"})
        keep = c["generation_project"].isin(set(np.asarray(ix["projects"])[sto]))
        sd = c[keep].assign(DischargeMW=dd.loc[keep, "DischargeMW"].to_numpy(),
                            StateOfCharge=s.loc[keep, "StateOfCharge"].to_numpy())
        sd.insert(1, "load_zone", sd["generation_project"].map(zone))
        write(sd, "storage_dispatch.csv")
    if len(ix["lines"]):
        f = _long(res, "tx_flow_mw", "DispatchTx")
        fr = dict(zip(ix["lines"], ix["line_from"])); to = dict(zip(ix["lines"], ix["line_to"]))
        fwd = f["directions"] == "lz1_to_lz2"
        f.insert(0, "load_zone_from", np.where(fwd, f["lines"].map(fr), f["lines"].map(to)))
        f.insert(1, "load_zone_to", np.where(fwd, f["lines"].map(to), f["lines"].map(fr)))
        write(f.drop(columns=["lines", "directions"]).rename(columns={"timepoints": "timepoint"}),
              "transmission_dispatch.csv")
        bt = _long(res, "tx_build_mw", "BuildTx").rename(columns={"lines": "TRANS_BLD_YRS_1", "periods": "TRANS_BLD_YRS_2"})
        write(bt, "BuildTx.csv")
    pr = _long(res, "price_per_mwh", "energy_price_per_mwh").rename(columns={"zones": "load_zone",
                                                                            "timepoints": "timepoint"})
    write(pr, "energy_prices.csv")
    write(_long(res, "co2_t_per_yr", "AnnualEmissions_tCO2_per_yr").rename(columns={"periods": "PERIOD"}),
          "emissions.csv")
    return written
