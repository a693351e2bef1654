"""Read zone prices (the duals of the energy balance) and the dispatch of every project from a result.

A price is the marginal cost of one more MWh of load in a zone and timepoint, in base-year dollars per MWh:
the dual of the zone's energy balance row divided by the period's discount factor and the timepoint's hours
per year (MODEL.md section 5). ``Result.frame`` turns any result array into a tidy pandas table labelled by
the result's own index (zones, timepoints, projects), so nothing needs the case once the result exists.

    python examples/prices_and_dispatch.py [CASE_DIR] [--scenario Grid-Low-B] [--out DIR]

CASE_DIR is a SWITCH inputs folder (default: three provinces of the bundled China case in one period). Writes
to DIR (default ``prices-and-dispatch``):

- ``prices.csv``: one row per zone, one column per timepoint, $/MWh;
- ``dispatch.csv``: one row per project and timepoint: zone, technology, dispatch_mw, charge_mw (storage).

and prints per zone the demand-weighted average price and the range, and the dispatch by technology.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import batteryplan
from batteryplan.scenarios import read_scenario

from _small_case import case_folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case", nargs="?", help="SWITCH inputs folder (default: the small example case)")
    ap.add_argument("--scenario", default="Grid-Low-B", help="scenario to solve (strategy and cost paths)")
    ap.add_argument("--out", type=Path, default=Path("prices-and-dispatch"), help="folder for the CSV files")
    args = ap.parse_args()

    res = batteryplan.solve(batteryplan.build(read_scenario(case_folder(args.case), args.scenario)))
    args.out.mkdir(parents=True, exist_ok=True)

    # prices: tidy (zone, timepoint, price) -> zones x timepoints
    prices = res.frame("price_per_mwh").pivot(index="zones", columns="timepoints", values="price_per_mwh")
    prices = prices.loc[res.index["zones"], res.index["timepoints"]]          # the result's own order
    prices.to_csv(args.out / "prices.csv")

    demand = res.frame("demand_mw").pivot(index="zones", columns="timepoints", values="demand_mw")
    weight = demand.loc[prices.index, prices.columns] * res.index["timepoint_weight_in_year_h"]   # MWh per year
    print(f"prices, $/MWh ({prices.shape[0]} zones x {prices.shape[1]} timepoints):")
    for zone in prices.index:
        avg = float((prices.loc[zone] * weight.loc[zone]).sum() / weight.loc[zone].sum())
        print(f"  {zone:<12} demand-weighted {avg:9.2f}   min {prices.loc[zone].min():9.2f}"
              f"   max {prices.loc[zone].max():9.2f}")

    # dispatch: one row per project and timepoint, with the project's zone and technology
    dispatch = res.frame("dispatch_mw").merge(res.frame("charge_mw"), on=["projects", "timepoints"])
    projects = {"projects": res.index["projects"], "zone": res.index["project_zone"],
                "tech": res.index["project_tech"]}
    dispatch = dispatch.merge(pd.DataFrame(projects), on="projects")
    dispatch = dispatch[["projects", "zone", "tech", "timepoints", "dispatch_mw", "charge_mw"]]
    dispatch.to_csv(args.out / "dispatch.csv", index=False)

    hours = dict(zip(res.index["timepoints"], res.index["timepoint_weight_in_year_h"]))
    dispatch["gwh_per_yr"] = dispatch["dispatch_mw"] * dispatch["timepoints"].map(hours) / 1e3
    by_tech = dispatch.groupby("tech")["gwh_per_yr"].sum()
    print("dispatch by technology, GWh per year:")
    for tech, gwh in by_tech[by_tech > 0].sort_values(ascending=False).items():
        print(f"  {tech:<24} {gwh:12,.0f}")
    print(f"wrote {args.out / 'prices.csv'} and {args.out / 'dispatch.csv'}")


if __name__ == "__main__":
    main()
