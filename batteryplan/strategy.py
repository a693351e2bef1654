"""Battery deployment strategies (MODEL.md §2): which storage attachments a case's batteries get.

A strategy rewrites the project tables in memory before they become arrays:
``Grid``, ``RE`` and ``Demand`` give every battery project that one attachment
(``gen_is_distributed`` / ``gen_is_re_connect``); ``Mixed`` gives each battery project three
copies with the suffixes ``-grid``, ``-re`` and ``-demand`` and the same costs. Existing
(predetermined) battery builds stay with the ``-grid`` copy in Mixed; the other copies may only
build new capacity. Battery projects are those whose ``gen_tech`` contains "Battery", or whose
technology is listed in ``battery_techs``.

Mixed without its dominated copies (measured in docs/solver_profiles.md, "Formulation"): an ``-re`` copy
is its ``-grid`` copy plus one more constraint (MODEL.md §2), at the same costs. Where the ``-grid``
copy has no capacity limit and neither copy needs integers (``gen_min_build_capacity``,
``gen_unit_size``), any solution maps to one of the same cost with the ``-re`` builds, charge,
discharge and state of charge added to the ``-grid`` copy: every other constraint is linear and
the same for both copies. So dropping those ``-re`` copies leaves the optimum exactly where it was,
and China's Mixed LP loses 19 % of its rows. The split between the two attachments was never
unique; ``split-range`` (which keeps every copy) reports its range. ``full_mixed=True`` keeps them.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from .domain import ATTACHMENTS, is_battery_tech
from .errors import CaseError
from .io.tables import Folder, Table

STRATEGIES = ("Grid", "RE", "Demand", "Mixed")
SUFFIXES = dict(zip(ATTACHMENTS, ((0, 0), (0, 1), (1, 0))))   # (gen_is_distributed, gen_is_re_connect)
ATTACHMENT_OF = dict(zip(("Grid", "RE", "Demand"), ATTACHMENTS))


def battery_mask(gen_info: pd.DataFrame, battery_techs: Sequence[str] | None = None) -> np.ndarray:
    return is_battery_tech(gen_info["gen_tech"].to_numpy(dtype=object), battery_techs)


def dominated_re(gen_info: Table) -> np.ndarray:
    """Which rows of `gen_info` would give a Mixed ``-re`` copy that its ``-grid`` copy dominates: no
    capacity limit, no minimum build, no unit size (see the module docstring). Parsed as the reader
    parses them ('.' is none), so a bad cell is the reader's error, naming file, line and column."""
    limit = gen_info.number("gen_capacity_limit_mw", np.inf, lo=0)
    min_build = gen_info.number("gen_min_build_capacity", 0.0, lo=0)
    unit = gen_info.number("gen_unit_size", 0.0, lo=0)
    return np.isinf(limit) & (min_build == 0) & (unit == 0)


def strategy_hook(strategy: str, battery_techs: Sequence[str] | None = None, full_mixed: bool = False):
    """A `read_case` hook that applies `strategy` to the folder's project tables. Under Mixed, the
    ``-re`` copies that their ``-grid`` copies dominate are left out unless `full_mixed`."""
    if strategy not in STRATEGIES:
        raise CaseError(f"unknown strategy '{strategy}'; expected one of {', '.join(STRATEGIES)}")

    def hook(folder: Folder) -> None:
        gi = folder.table("gen_info.csv")
        df = gi.df.copy()
        for col in ("gen_is_distributed", "gen_is_re_connect"):
            if col not in df.columns:
                df[col] = "0"
        bat = battery_mask(df, battery_techs)
        if not bat.any():
            raise CaseError(f"strategy '{strategy}' needs battery projects, but no gen_tech contains 'Battery'"
                            + (f" or is one of {list(battery_techs)}" if battery_techs else ""), gi.file)
        if strategy != "Mixed":
            dist, re = SUFFIXES[ATTACHMENT_OF[strategy]]
            df.loc[bat, "gen_is_distributed"] = str(dist)
            df.loc[bat, "gen_is_re_connect"] = str(re)
            folder.put(gi.file, Table.from_frame(gi.file, df, gi.lines))
            return
        names = df["GENERATION_PROJECT"].str.strip()
        bat_names = set(names[bat])
        copies = {suffix: bat for suffix in SUFFIXES}          # which battery rows get each copy
        if not full_mixed:
            copies["re"] = bat & ~dominated_re(gi)          # keep only the copies not dominated
        frames, lines = [df.loc[~bat]], [gi.lines[~bat]]
        for suffix, (dist, re) in SUFFIXES.items():
            keep = copies[suffix]
            part = df.loc[keep].copy()
            part["GENERATION_PROJECT"] = names[keep] + f"-{suffix}"
            part["gen_is_distributed"], part["gen_is_re_connect"] = str(dist), str(re)
            frames.append(part); lines.append(gi.lines[keep])
        folder.put(gi.file, Table.from_frame(gi.file, pd.concat(frames), np.concatenate(lines)))
        names_of = {suffix: set(names[keep]) for suffix, keep in copies.items()}
        _split_rows(folder, "gen_build_costs.csv", bat_names, names_of, new_only=True)
        _split_rows(folder, "gen_build_predetermined.csv", bat_names, names_of, grid_only=True)
        _split_rows(folder, "variable_capacity_factors.csv", bat_names, names_of)

    return hook


def _split_rows(folder: Folder, name: str, bat_names: set[str], names_of: dict[str, set[str]],
                new_only: bool = False, grid_only: bool = False) -> None:
    t = folder.table(name, optional=True)
    if t is None or not len(t):
        return
    df = t.df
    proj = df["GENERATION_PROJECT"].str.strip()
    bat = proj.isin(bat_names).to_numpy()
    if not bat.any():
        return
    is_pre = np.zeros(len(df), bool)         # rows that are predetermined (existing) builds
    if new_only:
        pr = folder.table("gen_build_predetermined.csv", optional=True)
        if pr is not None and len(pr):
            pre = pd.MultiIndex.from_arrays([pr.df["GENERATION_PROJECT"].str.strip(), pr.df["build_year"].str.strip()])
            is_pre = pd.MultiIndex.from_arrays([proj, df["build_year"].str.strip()]).isin(pre)
    frames, lines = [df.loc[~bat]], [t.lines[~bat]]
    for suffix in SUFFIXES:
        if grid_only and suffix != "grid":
            continue
        keep = (bat & ~is_pre if suffix != "grid" else bat) & proj.isin(names_of[suffix]).to_numpy()
        part = df.loc[keep].copy()
        part["GENERATION_PROJECT"] = proj[keep] + f"-{suffix}"
        frames.append(part); lines.append(t.lines[keep])
    folder.put(name, Table.from_frame(name, pd.concat(frames), np.concatenate(lines)))


PROJECT_TABLES = ("gen_info.csv", "gen_build_costs.csv", "gen_build_predetermined.csv",
                  "variable_capacity_factors.csv")


def write_strategy_case(src: str | Path, dst: str | Path, strategy: str,
                        battery_techs: Sequence[str] | None = None, full_mixed: bool = True) -> Path:
    """Write `src` with `strategy` applied as a plain SWITCH inputs folder at `dst`, so that
    switch-model can solve what batteryplan solves (Mixed with every copy unless `full_mixed` is
    False: batteryplan's default Mixed LP drops dominated copies and must reach the same optimum). Under RE and Mixed the custom module
    ``re_connect_charging`` (tests/peer/switch_ext) is added to modules.txt."""
    src, dst = Path(src), Path(dst)
    if (src / "inputs").is_dir() and not (src / "modules.txt").is_file():
        src = src / "inputs"
    folder = Folder(src)
    strategy_hook(strategy, battery_techs, full_mixed)(folder)
    shutil.copytree(src, dst, dirs_exist_ok=True)
    for name in PROJECT_TABLES:
        t = folder.table(name, optional=True)
        if t is not None:
            t.df.to_csv(dst / name, index=False)
    if strategy in ("RE", "Mixed"):
        mods = (dst / "modules.txt").read_text().splitlines()
        if not any(m.strip() == "re_connect_charging" for m in mods):
            (dst / "modules.txt").write_text("\n".join(mods + ["re_connect_charging"]) + "\n")
    return dst


CATALOG = "storage_catalog.csv"


def catalog_hook(names: Sequence[str]):
    """A `read_case` hook that switches on storage technologies from the case's optional
    ``storage_catalog.csv`` (gen_tech, round_trip_efficiency, duration_h, life_years,
    power_cost_usd_per_kw, energy_cost_usd_per_kwh, fixed_om_usd_per_kw_yr, …): one new-build project
    per zone, ``<zone>-<tech>``, offered in every period at the catalog's costs (converted to $/MW,
    $/MWh and $/MW-yr), shaped like the zone's existing battery projects. Names already in
    gen_info.csv are left alone; an unknown name is an error listing the catalog."""

    def hook(folder: Folder) -> None:
        gi = folder.table("gen_info.csv")
        have = set(gi.df["gen_tech"].str.strip())
        wanted = [n for n in names if n not in have]
        if not wanted:
            return
        cat = folder.table(CATALOG, optional=True)
        known = [] if cat is None else list(cat.text("gen_tech"))
        missing = [n for n in wanted if n not in known]
        if missing:
            raise CaseError(f"battery technology '{missing[0]}' is neither in gen_info.csv nor in the storage "
                            f"catalog ({', '.join(known) or 'the case has none'})", CATALOG if cat else gi.file)
        cat.require(["gen_tech", "round_trip_efficiency", "duration_h", "life_years", "power_cost_usd_per_kw",
                     "energy_cost_usd_per_kwh", "fixed_om_usd_per_kw_yr"])
        row = {n: i for i, n in enumerate(known)}
        eff = cat.number("round_trip_efficiency", lo=0, hi=1)
        dur = cat.number("duration_h", lo=0, lo_open=True)
        life = cat.number("life_years", lo=0, lo_open=True)
        power = cat.number("power_cost_usd_per_kw", lo=0) * 1000.0
        energy = cat.number("energy_cost_usd_per_kwh", lo=0) * 1000.0
        fom = cat.number("fixed_om_usd_per_kw_yr", lo=0) * 1000.0
        df = gi.df
        template = df.loc[battery_mask(df)].drop_duplicates("gen_load_zone")
        if template.empty:
            raise CaseError("the storage catalog needs a battery project per zone to copy its shape from", gi.file)
        periods = folder.table("periods.csv").text("INVESTMENT_PERIOD")
        bc = folder.table("gen_build_costs.csv")
        new_gi, new_bc = [df], [bc.df]
        for name in wanted:
            k = row[name]
            part = template.copy()
            part["GENERATION_PROJECT"] = part["gen_load_zone"].str.strip() + f"-{name}"
            part["gen_tech"] = name
            part["gen_max_age"] = f"{life[k]:g}"
            part["gen_storage_efficiency"] = f"{eff[k]:g}"
            part["gen_storage_energy_to_power_ratio"] = f"{dur[k]:g}"
            new_gi.append(part)
            costs = pd.DataFrame({c: "." for c in bc.df.columns}, index=range(len(part) * len(periods)))
            costs["GENERATION_PROJECT"] = np.repeat(part["GENERATION_PROJECT"].to_numpy(), len(periods))
            costs["build_year"] = np.tile(periods, len(part))
            costs["gen_overnight_cost"] = f"{power[k]:.6g}"
            costs["gen_fixed_om"] = f"{fom[k]:.6g}"
            costs["gen_storage_energy_overnight_cost"] = f"{energy[k]:.6g}"
            if "gen_storage_energy_fixed_om" in costs.columns:
                costs["gen_storage_energy_fixed_om"] = "0"
            new_bc.append(costs)
        gi_df = pd.concat(new_gi, ignore_index=True)
        bc_df = pd.concat(new_bc, ignore_index=True)
        # added rows have no line in the file: they point at the catalog row's neighbourhood (line 0)
        folder.put(gi.file, Table.from_frame(gi.file, gi_df, np.r_[gi.lines, np.zeros(len(gi_df) - len(gi.lines), np.int64)]))
        folder.put(bc.file, Table.from_frame(bc.file, bc_df, np.r_[bc.lines, np.zeros(len(bc_df) - len(bc.lines), np.int64)]))

    return hook


def chain(*hooks):
    """Apply hooks in order."""
    def hook(folder: Folder) -> None:
        for h in hooks:
            if h is not None:
                h(folder)
    return hook
