"""Battery deployment strategies (MODEL.md §2): which storage attachments a case's batteries get.

A strategy rewrites the project tables in memory before they become arrays:
``Grid``, ``RE`` and ``Demand`` give every battery project that one attachment
(``gen_is_distributed`` / ``gen_is_re_connect``); ``Mixed`` gives each battery project three
copies with the suffixes ``-grid``, ``-re`` and ``-demand`` and the same costs. Existing
(predetermined) battery builds stay with the ``-grid`` copy in Mixed; the other copies may only
build new capacity. Battery projects are those whose ``gen_tech`` contains "Battery", or whose
technology is listed in ``battery_techs``.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from .errors import CaseError
from .io.tables import Folder, Table

STRATEGIES = ("Grid", "RE", "Demand", "Mixed")
SUFFIXES = {"grid": (0, 0), "re": (0, 1), "demand": (1, 0)}   # (gen_is_distributed, gen_is_re_connect)
ATTACHMENT_OF = {"Grid": "grid", "RE": "re", "Demand": "demand"}


def battery_mask(gen_info: pd.DataFrame, battery_techs: Sequence[str] | None = None) -> np.ndarray:
    tech = gen_info["gen_tech"].str.strip()
    if battery_techs:
        return tech.isin(list(battery_techs)).to_numpy()
    return tech.str.contains("Battery", regex=False).to_numpy()


def strategy_hook(strategy: str, battery_techs: Sequence[str] | None = None):
    """A `read_case` hook that applies `strategy` to the folder's project tables."""
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
        frames, lines = [df.loc[~bat]], [gi.lines[~bat]]
        for suffix, (dist, re) in SUFFIXES.items():
            part = df.loc[bat].copy()
            part["GENERATION_PROJECT"] = names[bat] + f"-{suffix}"
            part["gen_is_distributed"], part["gen_is_re_connect"] = str(dist), str(re)
            frames.append(part); lines.append(gi.lines[bat])
        folder.put(gi.file, Table.from_frame(gi.file, pd.concat(frames), np.concatenate(lines)))
        _split_rows(folder, "gen_build_costs.csv", bat_names, new_only=True)
        _split_rows(folder, "gen_build_predetermined.csv", bat_names, grid_only=True)
        _split_rows(folder, "variable_capacity_factors.csv", bat_names)

    return hook


def _split_rows(folder: Folder, name: str, bat_names: set[str], new_only: bool = False,
                grid_only: bool = False) -> None:
    t = folder.table(name, optional=True)
    if t is None or not len(t):
        return
    df = t.df
    proj = df["GENERATION_PROJECT"].str.strip()
    bat = proj.isin(bat_names).to_numpy()
    if not bat.any():
        return
    predetermined: set[tuple[str, str]] = set()
    if new_only:
        pr = folder.table("gen_build_predetermined.csv", optional=True)
        if pr is not None and len(pr):
            predetermined = set(zip(pr.df["GENERATION_PROJECT"].str.strip(), pr.df["build_year"].str.strip()))
    frames, lines = [df.loc[~bat]], [t.lines[~bat]]
    for suffix in SUFFIXES:
        keep = bat.copy()
        if grid_only and suffix != "grid":
            continue
        if new_only and suffix != "grid" and predetermined:
            is_pre = np.array([(p, y) in predetermined for p, y in
                               zip(proj[bat], df.loc[bat, "build_year"].str.strip())])
            keep[np.flatnonzero(bat)[is_pre]] = False
        part = df.loc[keep].copy()
        part["GENERATION_PROJECT"] = proj[keep] + f"-{suffix}"
        frames.append(part); lines.append(t.lines[keep])
    folder.put(name, Table.from_frame(name, pd.concat(frames), np.concatenate(lines)))


PROJECT_TABLES = ("gen_info.csv", "gen_build_costs.csv", "gen_build_predetermined.csv",
                  "variable_capacity_factors.csv")


def write_strategy_case(src: str | Path, dst: str | Path, strategy: str,
                        battery_techs: Sequence[str] | None = None) -> Path:
    """Write `src` with `strategy` applied as a plain SWITCH inputs folder at `dst`, so that
    switch-model can solve exactly what batteryplan solves. Under RE and Mixed the custom module
    ``re_connect_charging`` (tests/peer/switch_ext) is added to modules.txt."""
    src, dst = Path(src), Path(dst)
    if (src / "inputs").is_dir() and not (src / "modules.txt").is_file():
        src = src / "inputs"
    folder = Folder(src)
    strategy_hook(strategy, battery_techs)(folder)
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
