"""Bounds on the Mixed split from one optimal result file, by relabelling: no solve.

In Mixed every zone has three copies of each battery project with the same costs and parameters (MODEL.md §2).
A grid copy and its RE-connected twin differ by one family only, the RE charging limit (MODEL.md §2,
``csc_builder/re_charging.py``): per zone and timepoint, the charging of RE-connected batteries is at most the
dispatch of the zone's variable projects. Every other constraint sees the two copies alike and is linear and
homogeneous in a project's variables (battery ``gen_min_build`` is 0 and capacity limits are infinite in the
bundled case; ``relabel_bounds`` checks both). So moving a fraction α of every grid battery of zone z (its builds,
capacity, dispatch, charge, state of charge and reserves) to its RE-connected twin keeps the cost and every other
constraint, and keeps the RE charging limit when

    α · Σ_{grid batteries u in z} charge[u, t]  <=  Σ_{variable g in z} dispatch[g, t] − Σ_{RE batteries u in z} charge[u, t]

for every timepoint t. The largest such α (at most 1) gives another optimal solution, so over the optimal face
(split-range's tolerance 0 and above):

    largest RE share of z  >=  (D_re + α · D_grid) / D,        smallest RE share of z  <=  D_re / D

with D the zone's battery discharge over the horizon at the optimum. These are bounds, not split-range's ranges.

``batteryplan fidelity`` uses these bounds for the Mixed split finding when no split-range CSV is given;
``bench/mixed_split_relabel.py`` writes them as JSON.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import h5py
import numpy as np

from ..errors import CaseError
from ..scenarios import read_scenario
from ..sweep.chain import BUNDLED
from ..sweep.split_range import scenario_of


def relabel_bounds(result: str | Path, provinces: Sequence[str], case: str | Path | None = None) -> dict:
    """Bounds on the RE-connected share of each province in `provinces` over the optimal face of the Mixed
    result `result`, solved from the inputs folder `case` (default: the bundled China case); see the module."""
    result = Path(result)
    case = Path(case) if case is not None else BUNDLED
    _, sc, objective, variant = scenario_of(result)
    if sc.strategy != "Mixed":
        raise CaseError(f"{result} is a {sc.strategy} result; the relabelling is about Mixed")
    c = read_scenario(case, sc, full_mixed=True, modules=variant or None)
    bat = c.gen_is_battery
    if (np.asarray(c.gen_min_build)[bat] != 0).any() or np.isfinite(np.asarray(c.gen_cap_limit)[bat]).any():
        raise CaseError("a battery has a minimum build or a capacity limit: a fraction of a project is not free")
    variable_names = set(np.asarray(c.gen_names)[np.asarray(c.gen_is_variable, bool)].astype(str))
    with h5py.File(result, "r") as f:
        ix, r = f["index"], f["results"]
        names = ix["projects"][...].astype(str)
        zone = ix["project_zone"][...].astype(str)
        att = ix["project_attachment"][...].astype(str)
        is_bat = ix["project_is_battery"][...].astype(bool)
        charge, dispatch = r["charge_mw"][...], r["dispatch_mw"][...]
        zones = list(ix["zones"][...].astype(str))
        disc_za = f["summary/storage_discharge_by_zone_attachment_mwh_per_yr"][...] @ ix["period_length_years"][...]
        attachments = list(ix["attachments"][...].astype(str))
    is_var = np.isin(names, list(variable_names))
    full = set(np.asarray(c.gen_names).astype(str))
    for n in names[is_bat & (att == "grid")]:
        if not (n.endswith("-grid") and n[:-len("-grid")] + "-re" in full):
            raise CaseError(f"{n}: no RE-connected twin in the full Mixed case")
    out = {"result": str(result), "scenario": sc.name, "objective": objective, "provinces": {}}
    for z in provinces:
        iz = zones.index(z)
        grid = (zone == z) & is_bat & (att == "grid")
        re = (zone == z) & is_bat & (att == "re")
        room = dispatch[(zone == z) & is_var].sum(0) - charge[re].sum(0)
        need = charge[grid].sum(0)
        on = need > 1e-9 * max(float(need.max()), 1.0)
        alpha = float(np.clip(np.min(room[on] / need[on]), 0.0, 1.0)) if on.any() else 1.0
        d = {a: float(disc_za[iz, attachments.index(a)]) for a in attachments}
        total = sum(d.values())
        share = {a: (d[a] / total if total > 0 else float("nan")) for a in attachments}
        out["provinces"][z] = {
            "discharge_mwh_by_attachment": d, "share_at_optimum": share,
            "alpha_grid_to_re": alpha,
            "re_share_max_at_least": (d["re"] + alpha * d["grid"]) / total if total > 0 else float("nan"),
            "re_share_min_at_most": share["re"],
            "timepoints_grid_charging": int(on.sum()),
        }
    return out
