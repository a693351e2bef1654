"""The study's figure numbers and ours, measured the same way: what ``batteryplan fidelity`` compares.

:func:`read_study` reads the study's tables (``batteryplan/cases/china/study/``, see its SOURCES.md);
:func:`measure` reduces one result to what the panels and findings need (definitions in ``fidelity.py``'s
docstring); :func:`read_results` finds the results of a sweep folder.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from .metrics import DEFAULT_THRESHOLD, cost_per_mwh_study, metrics, read_existing_capital

STUDY_DIR = Path(__file__).resolve().parents[1] / "cases" / "china" / "study"
BUNDLED_INPUTS = STUDY_DIR.parent / "inputs"         # the bundled China case, whose study the tables are
PROVINCES = ("Chongqing", "West_Inner_Mongolia")     # the study's demand and supply province of Figs. 4-6
UNIFORM = ("RE", "Grid", "Demand")
PROFILE_START, PROFILE_STEPS = 6, 13                 # Fig. 3d: timepoints 7-19 of the last period


class FidelityError(ValueError):
    """Inputs the fidelity page cannot use (no results, an unreadable study table)."""


# ------------------------------------------------------------------------------------------------ the study

@dataclasses.dataclass(frozen=True)
class Study:
    """The study's figure numbers (``batteryplan/cases/china/study/*.csv``; see its SOURCES.md)."""
    fig2: pd.DataFrame
    fig3: pd.DataFrame
    fig3_profile: pd.DataFrame
    fig4: pd.DataFrame
    fig4_demand: pd.DataFrame
    fig5: pd.DataFrame
    fig6: pd.DataFrame
    national_co2: pd.DataFrame


def read_study(folder: str | Path = STUDY_DIR) -> Study:
    folder = Path(folder)
    names = ("fig2_normalised", "fig3_transmission", "fig3_transmitted_power", "fig4_energy_balance",
             "fig4_demand", "fig5_coal_battery", "fig6_discharge_share", "fig7_national_co2")
    try:
        return Study(*(pd.read_csv(folder / f"{n}.csv") for n in names))
    except OSError as exc:
        raise FidelityError(f"the study's figure tables are missing in {folder}: {exc}") from exc


# ------------------------------------------------------------------------------------------------ our numbers

@dataclasses.dataclass(frozen=True)
class Measured:
    """What the panels and findings need from one result."""
    name: str
    period: pd.DataFrame            # metrics' period table + study-style per-MWh values and energy received
    zone: pd.DataFrame              # metrics' zone table
    zone_group: pd.DataFrame        # zone x period x technology group: generation (MWh/yr), non-storage only
    zone_attachment: pd.DataFrame   # metrics' zone_attachment table
    profile: pd.DataFrame           # step, timepoint, tx_received_mw: last period, PROFILE_STEPS timepoints
    totals: dict[str, float]        # horizon totals (see measure())


def _received_per_tp(result) -> np.ndarray:
    """(n_tp,) MW received over all lines and directions (flow times line efficiency)."""
    ix, a = result.index, result.arrays
    n_tp = len(ix["timepoints"])
    flow = np.asarray(a.get("tx_flow_mw", np.zeros((0, 2, n_tp))), dtype=float)
    if flow.shape[0] == 0:
        return np.zeros(n_tp)
    eff = np.asarray(ix["line_efficiency"], dtype=float)
    return np.einsum("ldt,l->t", flow, eff)


def _profile(result) -> pd.DataFrame:
    ix = result.index
    tp_period = np.asarray(ix["timepoint_period"]).astype(int)
    labels = np.asarray(ix["timepoints"]).astype(str)
    last = np.flatnonzero(tp_period == int(np.max(np.asarray(ix["periods"]).astype(int))))
    last = last[np.argsort(labels[last], kind="stable")]
    start = PROFILE_START if len(last) > PROFILE_START else 0
    sel = last[start:start + PROFILE_STEPS]
    return pd.DataFrame({"step": np.arange(len(sel)), "timepoint": labels[sel],
                         "tx_received_mw": _received_per_tp(result)[sel]})


def measure(name: str, result, existing_capital: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> Measured:
    """Our numbers of one result. ``totals``: ``system_cost_npv_usd`` (Σ periods, carbon cost included, as
    SWITCH's objective), ``tx_cost_npv_usd`` (annual transmission cost times the
    period's discount factor ``bac``), ``cumulative_co2_t`` (t/yr times period length), ``tx_capacity_last_mw``."""
    m = metrics(result, threshold=threshold, name=name)
    ix = result.index
    study = cost_per_mwh_study(result, existing_capital, name=name)
    per = m.period.copy()
    produced = study["generation_mwh_per_yr"].to_numpy() + study["storage_discharge_mwh_per_yr"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        per["co2_per_mwh"] = per["co2_t_per_yr"].to_numpy() / produced
    per["cost_per_mwh_study"] = study["cost_per_mwh_study"].to_numpy()
    line = m.line.assign(received=m.line["tx_energy_sent_mwh_per_yr"] * m.line["line_efficiency"])
    per["tx_received_mwh_per_yr"] = (line.groupby("period")["received"].sum()
                                     .reindex(per["period"], fill_value=0.0).to_numpy())
    bac = np.asarray(ix["bac"], dtype=float)
    years = np.asarray(ix["period_length_years"], dtype=float)
    per["period_length_years"] = years
    zt = m.zone_tech[~m.zone_tech["is_storage"].astype(bool)]
    zone_group = zt.groupby(["zone", "period", "group"], as_index=False)["generation_mwh_per_yr"].sum()
    totals = {"system_cost_npv_usd": float(per["system_cost_npv_usd"].sum()),
              "tx_cost_npv_usd": float(per["tx_cost_usd_per_yr"].to_numpy() @ bac),
              "cumulative_co2_t": float(per["co2_t_per_yr"].to_numpy() @ years),
              "tx_capacity_last_mw": float(per.sort_values("period")["tx_capacity_mw"].iloc[-1])}
    return Measured(name, per, m.zone, zone_group, m.zone_attachment, _profile(result), totals)


def read_results(results: str | Path) -> tuple[list[tuple[str, Path, object]], list[str]]:
    """(name, path, result) of each result in a sweep folder (its catalog, else every ``*.h5`` in it, by name)
    or of one result file or catalog; and notes on what was skipped."""
    from .page import ReportError, load_inputs
    p = Path(results)
    has_catalog = p.is_dir() and any((p / f"catalog{s}").is_file() for s in (".parquet", ".csv"))
    inputs = [p] if not p.is_dir() or has_catalog else sorted(p.glob("*.h5"))
    if not inputs:
        raise FidelityError(f"{p}: no catalog and no *.h5 result files in it")
    try:
        loaded, notes = load_inputs(inputs)
    except ReportError as exc:
        raise FidelityError(str(exc)) from exc
    return [(e.name, e.path, e.result) for e in loaded], notes


def existing_capital_of(case: str | Path | None) -> tuple[pd.DataFrame, str]:
    """The case's existing-fleet capital annuities (empty, with a note, when the case has none)."""
    source = Path(case) if case is not None else BUNDLED_INPUTS
    try:
        return read_existing_capital(source), ""
    except (FileNotFoundError, ValueError) as exc:
        empty = pd.DataFrame({"LOAD_ZONE": [], "PERIOD": [], "capital_annuity_usd_per_yr": []})
        return empty, (f"{exc}; Fig. 2's cost per MWh is computed without the existing fleet's capital "
                       "annuities, unlike the study's")
