"""Cut a consistent sub-case (some zones, some periods) out of a SWITCH 2.0.9 inputs folder.

Pure CSV work with pandas; every cell is kept as the text it was (no float reformatting). Rules:

- zones: rows whose zone column (``LOAD_ZONE``, ``load_zone``, ``gen_load_zone``, ``trans_lz1``/``trans_lz2``,
  ``regional_fuel_market`` when it names zones) is outside ``zones`` are dropped; a transmission line survives only
  if both ends do; a project survives only if its zone does, and every per-project table follows it.
- periods: ``periods.csv`` keeps the chosen periods; timeseries of other periods, their timepoints and every row
  keyed by them (loads, capacity factors, hydro flows) are dropped, as are per-period rows (fuel prices, carbon
  policy, peaks, ...). In ``gen_build_costs.csv`` a row whose ``build_year`` is a dropped period label is dropped
  unless it is a predetermined build (then it is a past calendar build year and stays).
- files without any of the known key columns (financials, trans_params, modules.txt, ...) are copied unchanged.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

ZONE_COLS = ("LOAD_ZONE", "load_zone", "gen_load_zone", "trans_lz1", "trans_lz2", "load_zones")
PERIOD_COLS = ("PERIOD", "period", "INVESTMENT_PERIOD", "ts_period")
TIMESERIES_COLS = ("TIMESERIES", "timeseries")
TIMEPOINT_COLS = ("TIMEPOINT", "timepoint", "timepoint_id")
PROJECT_COLS = ("GENERATION_PROJECT", "hydro_project")
LINE_COLS = ("TRANSMISSION_LINE",)


def _read(path: Path) -> pd.DataFrame:
    """Read a CSV keeping every cell as its text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)


def _write(df: pd.DataFrame, path: Path) -> None:
    """Write a CSV with LF line ends and no index."""
    df.to_csv(path, index=False, lineterminator="\n")


def _num(s: pd.Series) -> pd.Series:
    """Text column -> float (for year comparisons)."""
    return pd.to_numeric(s, errors="coerce")


def slice_case(src_inputs: Path, dst_inputs: Path, zones: list[str], periods: list[int] | None = None) -> None:
    """Write to ``dst_inputs`` the part of ``src_inputs`` that concerns ``zones`` and ``periods``.

    Args:
        src_inputs: a SWITCH inputs folder.
        dst_inputs: folder to write (created; existing files with the same names are overwritten).
        zones: load zones to keep (each must exist in ``load_zones.csv``).
        periods: investment periods to keep (labels as in ``periods.csv``); ``None`` keeps all.
    """
    src_inputs, dst_inputs = Path(src_inputs), Path(dst_inputs)
    dst_inputs.mkdir(parents=True, exist_ok=True)
    zone_set = {str(z) for z in zones}
    all_zones = set(_read(src_inputs / "load_zones.csv").iloc[:, 0])
    unknown = zone_set - all_zones
    if unknown:
        raise ValueError(f"unknown load zone(s) {sorted(unknown)}; the case has {sorted(all_zones)}")

    per = _read(src_inputs / "periods.csv")
    all_periods = set(_num(per.iloc[:, 0]).astype(int))
    period_set = all_periods if periods is None else {int(p) for p in periods}
    if period_set - all_periods:
        raise ValueError(f"unknown period(s) {sorted(period_set - all_periods)}; the case has {sorted(all_periods)}")
    dropped_periods = all_periods - period_set

    ts = _read(src_inputs / "timeseries.csv")
    ts_keep = set(ts.loc[_num(ts.ts_period).astype(int).isin(period_set), "TIMESERIES"])
    tp = _read(src_inputs / "timepoints.csv")
    tp_keep = set(tp.loc[tp.timeseries.isin(ts_keep), "timepoint_id"])

    gi = _read(src_inputs / "gen_info.csv") if (src_inputs / "gen_info.csv").exists() else None
    proj_keep = set(gi.loc[gi.gen_load_zone.isin(zone_set), "GENERATION_PROJECT"]) if gi is not None else set()
    tl_path = src_inputs / "transmission_lines.csv"
    line_keep: set[str] = set()
    if tl_path.exists():
        tl = _read(tl_path)
        line_keep = set(tl.loc[tl.trans_lz1.isin(zone_set) & tl.trans_lz2.isin(zone_set), "TRANSMISSION_LINE"])
    predetermined: set[tuple[str, str]] = set()
    if (src_inputs / "gen_build_predetermined.csv").exists():
        pre = _read(src_inputs / "gen_build_predetermined.csv")
        predetermined = set(zip(pre.GENERATION_PROJECT, pre.build_year))
    # regional fuel markets: keep those of kept zones (SWITCH-China names one market per zone)
    markets: set[str] | None = None
    if (src_inputs / "zone_to_regional_fuel_market.csv").exists():
        zm = _read(src_inputs / "zone_to_regional_fuel_market.csv")
        markets = set(zm.loc[zm.load_zone.isin(zone_set), "regional_fuel_market"])
    prr: set[str] | None = None
    if (src_inputs / "planning_reserve_requirement_zones.csv").exists():
        pz = _read(src_inputs / "planning_reserve_requirement_zones.csv")
        prr = set(pz.loc[pz.LOAD_ZONE.isin(zone_set), "PLANNING_RESERVE_REQUIREMENTS"])

    for path in sorted(src_inputs.iterdir()):
        if not path.is_file():
            continue
        if path.suffix != ".csv":
            shutil.copyfile(path, dst_inputs / path.name)
            continue
        df = _read(path)
        keep = pd.Series(True, index=df.index)
        for c in df.columns:
            if c in ZONE_COLS:
                keep &= df[c].isin(zone_set)
            elif c in PERIOD_COLS:
                keep &= _num(df[c]).isin(period_set)
            elif c in TIMESERIES_COLS:
                keep &= df[c].isin(ts_keep)
            elif c in TIMEPOINT_COLS:
                keep &= df[c].isin(tp_keep)
            elif c in PROJECT_COLS:
                keep &= df[c].isin(proj_keep)
            elif c in LINE_COLS:
                keep &= df[c].isin(line_keep)
            elif c == "regional_fuel_market" and markets is not None:
                keep &= df[c].isin(markets)
            elif c == "PLANNING_RESERVE_REQUIREMENTS" and prr is not None:
                keep &= df[c].isin(prr)
        if path.name == "gen_build_costs.csv" and dropped_periods:
            by = _num(df.build_year)
            is_pre = pd.Series([(g, b) in predetermined for g, b in zip(df.GENERATION_PROJECT, df.build_year)],
                               index=df.index, dtype=bool)
            keep &= ~by.isin(dropped_periods) | is_pre
        _write(df.loc[keep], dst_inputs / path.name)
