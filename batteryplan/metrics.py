"""Study metrics from one result: tidy tables per period, zone, technology, attachment and line (issue 5).

``metrics(result)`` reads only what a result file holds (``/index``, ``/results``, ``/summary``) and returns a
:class:`Metrics` of long-form pandas DataFrames whose value columns carry their units in the name
(``_mwh_per_yr``, ``_mw``, ``_usd_per_yr`` ...). Every table starts with the scenario columns (``scenario``,
``strategy``, ``carbon``, ``battery_cost``, ``carbon_multiplier``) so tables of many results concatenate.

Annual energy: a (…, timepoints) array x in MW becomes MWh per year of each period p by

    E[…, p] = Σ_{t in p} x[…, t] · timepoint_weight_in_year_h[t]

Zone energy balance, both nodes of a zone together (SWITCH_FORMULATION.md §3 and §11), MWh per year:

    generation + storage discharge − storage charge
      + imports received (after line losses) − exports sent − local T&D losses + unserved  =  demand

``generation`` is the dispatch of non-storage projects (central and distributed); storage splits into batteries
(``battery_*``) and other storage (pumped hydro ...). A line's flow in direction lz1→lz2 is sent by ``line_from``
and arrives at ``line_to`` multiplied by ``line_efficiency``. Local T&D losses are
``local_td_withdraw_mw · zone_local_td_loss_rate``. Demand is the stored ``/results/demand_mw`` (SWITCH's
``zone_demand_mw``); ``balance_residual_mwh_per_yr`` is demand minus the left-hand side (zero up to solver
tolerance; CCS parasitic load would show here). A file without ``demand_mw`` gets demand from the balance itself.

Province classification, with r = annual local generation / annual demand and threshold θ (default 0.1):

    supply  if r > 1 + θ,    demand  if r < 1 − θ,    neutral otherwise.

Batteries are storage projects whose technology contains "Battery" (MODEL.md §2) or is listed in
``battery_techs`` (argument, else the scenario's ``battery_techs``). Coal is every project whose energy source
(or, without one, technology) contains "coal".
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.1
"""θ of the supply / neutral / demand classification."""
ATTACHMENTS = ("grid", "re", "demand")
CLASSES = ("supply", "neutral", "demand")
SCENARIO_COLUMNS = ("scenario", "strategy", "carbon", "battery_cost", "carbon_multiplier")

FloatArray = npt.NDArray[np.float64]

_GROUPS = (("coal", "Coal"), ("gas", "Gas"), ("lng", "Gas"), ("uranium", "Nuclear"), ("nuclear", "Nuclear"),
           ("water", "Hydro"), ("hydro", "Hydro"), ("wind", "Wind"), ("solar", "Solar"), ("oil", "Oil"),
           ("diesel", "Oil"), ("bio", "Biomass"))


@dataclasses.dataclass(frozen=True)
class Metrics:
    """Tidy tables of one result (see the module docstring for definitions)."""
    scenario: str
    threshold: float
    demand_from_balance: bool
    period: pd.DataFrame            # one row per period: national totals
    zone: pd.DataFrame              # zone x period: energy balance, ratio, class, batteries, mean price
    tech: pd.DataFrame              # technology x period: generation, capacity, CO2
    zone_tech: pd.DataFrame         # zone x technology x period (existing combinations only)
    zone_attachment: pd.DataFrame   # zone x attachment x period: battery power, energy, charge, discharge, share
    line: pd.DataFrame              # line x period: capacity, energy sent, cost

    def tables(self) -> dict[str, pd.DataFrame]:
        """Name -> table, in a fixed order (the CSV names of ``batteryplan report``)."""
        return {"period": self.period, "zone": self.zone, "tech": self.tech, "zone_tech": self.zone_tech,
                "zone_attachment": self.zone_attachment, "line": self.line}


def classify(ratio: npt.ArrayLike, threshold: float = DEFAULT_THRESHOLD) -> npt.NDArray[np.object_]:
    """'supply' where ratio > 1 + threshold, 'demand' where ratio < 1 − threshold, else 'neutral'.

    A NaN ratio (no demand and no generation) is 'neutral'; an infinite one (generation, no demand) 'supply'.
    """
    if threshold < 0:
        raise ValueError(f"the classification threshold must be >= 0, got {threshold}")
    r = np.asarray(ratio, dtype=float)
    out = np.full(r.shape, "neutral", dtype=object)
    with np.errstate(invalid="ignore"):
        out[r > 1.0 + threshold] = "supply"
        out[r < 1.0 - threshold] = "demand"
    return out


def resolve_period(periods: npt.ArrayLike, year: int | None) -> int:
    """The period label that represents `year`: the label itself if present, else the last label before it
    (period labels are the first year of each period, e.g. 2038 holds 2040), else the first period.
    ``None`` gives the last period."""
    p = np.sort(np.asarray(periods).astype(int))
    if year is None:
        return int(p[-1])
    if year in p:
        return int(year)
    before = p[p <= year]
    return int(before[-1]) if len(before) else int(p[0])


def tech_group(tech: str, source: str = "") -> str:
    """A technology family for plots, from the energy source (else the technology name): Coal, Gas, Nuclear,
    Hydro, Wind, Solar, Oil, Biomass, or the source itself."""
    for text in (str(source).lower(), str(tech).lower()):
        for key, group in _GROUPS:
            if key in text:
                return group
    return str(source) or str(tech)


def scenario_fields(result, name: str | None = None) -> dict[str, object]:
    """The scenario columns of a result: its scenario attributes, `name` (else the case name) when it has none."""
    sc = result.scenario or {}
    return {"scenario": str(sc.get("name") or name or result.case_name),
            "strategy": str(sc.get("strategy", "")), "carbon": str(sc.get("carbon", "")),
            "battery_cost": str(sc.get("battery_cost", "")),
            "carbon_multiplier": float(sc.get("carbon_multiplier", 1.0) or 1.0)}


def is_battery(result, battery_techs: Sequence[str] | None = None) -> npt.NDArray[np.bool_]:
    """Per project: a storage project whose technology is a battery technology."""
    ix = result.index
    tech = np.asarray(ix["project_tech"]).astype(str)
    techs = battery_techs or (result.scenario or {}).get("battery_techs") or None
    named = np.isin(tech, list(techs)) if techs else np.char.find(tech, "Battery") >= 0
    return np.asarray(ix["project_is_storage"]).astype(bool) & named


def is_coal(result) -> npt.NDArray[np.bool_]:
    """Per project: energy source (or technology, without a source) contains 'coal'."""
    ix = result.index
    tech = np.char.lower(np.asarray(ix["project_tech"]).astype(str))
    src = np.char.lower(np.asarray(ix.get("project_energy_source", np.full(len(tech), ""))).astype(str))
    return np.where(src != "", np.char.find(src, "coal") >= 0, np.char.find(tech, "coal") >= 0)


def period_matrix(result) -> FloatArray:
    """(n_tp, n_period) matrix P with P[t, p] = timepoint_weight_in_year_h[t] if t is in p: x_mw @ P is MWh/yr."""
    ix = result.index
    periods = np.asarray(ix["periods"]).astype(int)
    tp_period = np.searchsorted(periods, np.asarray(ix["timepoint_period"]).astype(int))
    w = np.asarray(ix["timepoint_weight_in_year_h"], dtype=float)
    P = np.zeros((len(w), len(periods)))
    P[np.arange(len(w)), tp_period] = w
    return P


def _member(labels: npt.ArrayLike, universe: npt.ArrayLike) -> npt.NDArray[np.intp]:
    """Position of each label in `universe` (all must be present)."""
    u = np.asarray(universe).astype(str)
    order = np.argsort(u)
    pos = np.searchsorted(u, np.asarray(labels).astype(str), sorter=order)
    return order[pos]


def zone_flows(result) -> tuple[FloatArray, FloatArray]:
    """(received after line losses, sent), each (n_zone, n_tp) MW, from ``tx_flow_mw`` (lines, 2, tp)."""
    ix, a = result.index, result.arrays
    zones = ix["zones"]
    n_zone, n_tp = len(zones), len(ix["timepoints"])
    received, sent = np.zeros((n_zone, n_tp)), np.zeros((n_zone, n_tp))
    flow = np.asarray(a.get("tx_flow_mw", np.zeros((0, 2, n_tp))), dtype=float)
    if flow.shape[0] == 0:
        return received, sent
    if "line_efficiency" not in ix:
        raise ValueError("this result file has no /index/line_efficiency, so imports after line losses are "
                         "unknown; re-solve it with a batteryplan that writes line_efficiency")
    eff = np.asarray(ix["line_efficiency"], dtype=float)
    zf, zt = _member(ix["line_from"], zones), _member(ix["line_to"], zones)
    np.add.at(sent, zf, flow[:, 0])             # lz1 -> lz2 leaves lz1
    np.add.at(sent, zt, flow[:, 1])
    np.add.at(received, zt, flow[:, 0] * eff[:, None])
    np.add.at(received, zf, flow[:, 1] * eff[:, None])
    return received, sent


EXISTING_CAPITAL_FILE = "existing_capital_annuity.csv"
"""The case table of existing-fleet capital annuities (``LOAD_ZONE, PERIOD, capital_annuity_usd_per_yr``)."""


def read_existing_capital(source) -> pd.DataFrame:
    """The existing-fleet capital annuities of a case: `source` is an inputs folder (or a case folder holding
    ``inputs/``), the CSV itself, or a DataFrame with columns ``LOAD_ZONE``, ``PERIOD`` and
    ``capital_annuity_usd_per_yr`` ($/yr). The bundled China case writes it from SWITCH-China's cost files
    (``scripts/make_china_case.py``, ``existing_capital_annuity.csv``)."""
    if isinstance(source, pd.DataFrame):
        table = source
    else:
        path = Path(source)
        if path.is_dir():
            path = path / "inputs" / EXISTING_CAPITAL_FILE if (path / "inputs").is_dir() else path / EXISTING_CAPITAL_FILE
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found: the case carries no capital annuities of its existing fleet")
        table = pd.read_csv(path)
    missing = {"LOAD_ZONE", "PERIOD", "capital_annuity_usd_per_yr"} - set(table.columns)
    if missing:
        raise ValueError(f"the existing-capital table lacks column(s) {sorted(missing)}")
    return table


def cost_per_mwh_study(result, existing_capital, *, name: str | None = None) -> pd.DataFrame:
    """The cost of electricity as the study reports it, beside ours; one row per period.

    The study (SWITCH-China) charges every build its capital annuity, the existing fleet's included, and
    divides the annual system cost by all electricity produced, storage discharge included:

        cost_per_mwh_study[p] = (system_cost[p] + existing_capital[p]) / (generation[p] + storage_discharge[p])

    ``system_cost`` is the result's annual system cost ($/yr, undiscounted: every component SWITCH charges,
    where existing plants carry fixed O&M but no capital), ``existing_capital`` the existing fleet's capital
    annuities of the zones and periods of the result (from `existing_capital`, see
    :func:`read_existing_capital`; zones absent from the result are left out, a period without rows counts
    zero), ``generation`` the dispatch of non-storage projects and ``storage_discharge`` that of storage
    projects (batteries and pumped hydro), MWh/yr. Ours, ``electricity_cost_usd_per_mwh``, is
    ``system_cost / generation`` (sunk capital left out, storage discharge not counted as production).
    """
    ix, a, s = result.index, result.arrays, result.summary
    scen = scenario_fields(result, name)
    zones = np.asarray(ix["zones"]).astype(str)
    periods = np.asarray(ix["periods"]).astype(int)
    table = read_existing_capital(existing_capital)
    t = table[np.isin(table.LOAD_ZONE.astype(str), zones)]
    capital = t.groupby(t.PERIOD.astype(int)).capital_annuity_usd_per_yr.sum().reindex(periods, fill_value=0.0)
    energy = np.asarray(a["dispatch_mw"], dtype=float) @ period_matrix(result)       # (n_gen, n_period) MWh/yr
    sto = np.asarray(ix["project_is_storage"]).astype(bool)
    generation, discharge = energy[~sto].sum(axis=0), energy[sto].sum(axis=0)
    system_cost = np.asarray(s["system_cost_usd_per_yr"], dtype=float)
    study_cost = system_cost + capital.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ours, study = system_cost / generation, study_cost / (generation + discharge)
    return _frame(scen, {
        "period": periods,
        "system_cost_usd_per_yr": system_cost,
        "existing_capital_usd_per_yr": capital.to_numpy(dtype=float),
        "study_system_cost_usd_per_yr": study_cost,
        "generation_mwh_per_yr": generation,
        "storage_discharge_mwh_per_yr": discharge,
        "electricity_cost_usd_per_mwh": ours,
        "cost_per_mwh_study": study,
    })


def _frame(scen: dict[str, object], columns: dict[str, npt.ArrayLike]) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    data: dict[str, object] = {k: np.repeat(np.asarray([v], dtype=object if isinstance(v, str) else float), n)
                               for k, v in scen.items()}
    data.update({k: np.asarray(v) for k, v in columns.items()})
    return pd.DataFrame(data)


def metrics(result, *, threshold: float = DEFAULT_THRESHOLD, battery_techs: Sequence[str] | None = None,
            name: str | None = None) -> Metrics:
    """Tidy metric tables of `result` (a :class:`~batteryplan.result.Result`, e.g. from ``read_result``).

    `threshold` is θ of the supply / neutral / demand classification (ratio > 1+θ supply, < 1−θ demand);
    `battery_techs` overrides which storage technologies count as batteries; `name` labels a result that
    carries no scenario.
    """
    ix, a, s = result.index, result.arrays, result.summary
    scen = scenario_fields(result, name)
    zones = np.asarray(ix["zones"]).astype(str)
    periods = np.asarray(ix["periods"]).astype(int)
    n_zone, n_period = len(zones), len(periods)
    P = period_matrix(result)
    annual = lambda x: np.asarray(x, dtype=float) @ P                    # (.., n_tp) MW -> (.., n_period) MWh/yr

    zone_of = _member(ix["project_zone"], zones)
    sto = np.asarray(ix["project_is_storage"]).astype(bool)
    bat = is_battery(result, battery_techs)
    coal = is_coal(result) & ~sto
    disp, chg = annual(a["dispatch_mw"]), annual(a["charge_mw"])        # (n_gen, n_period)

    def by_zone(values: FloatArray, mask: npt.NDArray[np.bool_]) -> FloatArray:
        out = np.zeros((n_zone, values.shape[1]))
        np.add.at(out, zone_of[mask], values[mask])
        return out

    gen_z = by_zone(disp, ~sto)
    coal_z = by_zone(disp, coal)
    bat_dis_z, bat_chg_z = by_zone(disp, bat), by_zone(chg, bat)
    oth_dis_z, oth_chg_z = by_zone(disp, sto & ~bat), by_zone(chg, sto & ~bat)
    received, sent = zone_flows(result)
    rec_z, sent_z = annual(received), annual(sent)
    if "local_td_withdraw_mw" in a and "zone_local_td_loss_rate" in ix:
        td_loss_z = annual(np.asarray(a["local_td_withdraw_mw"]) * np.asarray(ix["zone_local_td_loss_rate"])[:, None])
    else:
        td_loss_z = np.zeros((n_zone, n_period))
    unserved_z = annual(a["unserved_mw"]) if "unserved_mw" in a else np.zeros((n_zone, n_period))
    supplied = gen_z + bat_dis_z - bat_chg_z + oth_dis_z - oth_chg_z + rec_z - sent_z - td_loss_z + unserved_z
    demand_from_balance = "demand_mw" not in a
    if demand_from_balance:
        log.warning("result has no /results/demand_mw; demand is taken from the zone energy balance")
        demand_z = supplied
    else:
        demand_z = annual(a["demand_mw"])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = gen_z / demand_z
    cls = classify(ratio, threshold)

    # battery power and energy by zone and attachment
    att = np.asarray(ix["project_attachment"]).astype(str)
    att_of = np.full(len(att), -1)
    for k, name_ in enumerate(ATTACHMENTS):
        att_of[att == name_] = k
    bat_att = bat & (att_of >= 0)
    if np.any(bat & (att_of < 0)):
        log.warning("battery projects without an attachment count as grid-connected")
        att_of[bat & (att_of < 0)] = 0
        bat_att = bat

    def by_zone_att(values: FloatArray) -> FloatArray:
        out = np.zeros((n_zone, len(ATTACHMENTS), n_period))
        np.add.at(out, (zone_of[bat_att], att_of[bat_att]), values[bat_att])
        return out

    cap = np.asarray(a["capacity_mw"], dtype=float)
    ecap = np.asarray(a.get("energy_capacity_mwh", np.zeros_like(cap)), dtype=float)
    za_power, za_energy = by_zone_att(cap), by_zone_att(ecap)
    za_chg, za_dis = by_zone_att(chg), by_zone_att(disp)
    with np.errstate(divide="ignore", invalid="ignore"):
        za_share = za_dis / za_dis.sum(axis=1, keepdims=True)
    w = np.asarray(ix["timepoint_weight_in_year_h"], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        price_mean = annual(a["price_per_mwh"]) / (np.ones(len(w)) @ P)[None, :]

    zz, pp = np.meshgrid(np.arange(n_zone), np.arange(n_period), indexing="ij")
    zone_df = _frame(scen, {
        "zone": zones[zz.ravel()], "period": periods[pp.ravel()],
        "generation_mwh_per_yr": gen_z.ravel(), "coal_generation_mwh_per_yr": coal_z.ravel(),
        "battery_discharge_mwh_per_yr": bat_dis_z.ravel(), "battery_charge_mwh_per_yr": bat_chg_z.ravel(),
        "other_storage_discharge_mwh_per_yr": oth_dis_z.ravel(), "other_storage_charge_mwh_per_yr": oth_chg_z.ravel(),
        "imports_received_mwh_per_yr": rec_z.ravel(), "exports_sent_mwh_per_yr": sent_z.ravel(),
        "net_imports_mwh_per_yr": (rec_z - sent_z).ravel(), "local_td_loss_mwh_per_yr": td_loss_z.ravel(),
        "unserved_mwh_per_yr": unserved_z.ravel(), "demand_mwh_per_yr": demand_z.ravel(),
        "balance_residual_mwh_per_yr": (demand_z - supplied).ravel(),
        "generation_to_demand_ratio": ratio.ravel(), "province_class": cls.ravel(),
        "battery_power_mw": za_power.sum(axis=1).ravel(), "battery_energy_mwh": za_energy.sum(axis=1).ravel(),
        "price_mean_usd_per_mwh": price_mean.ravel(),
    })

    zi, ai, pi = np.meshgrid(np.arange(n_zone), np.arange(len(ATTACHMENTS)), np.arange(n_period), indexing="ij")
    za_df = _frame(scen, {
        "zone": zones[zi.ravel()], "attachment": np.asarray(ATTACHMENTS, dtype=object)[ai.ravel()],
        "period": periods[pi.ravel()],
        "battery_power_mw": za_power.ravel(), "battery_energy_mwh": za_energy.ravel(),
        "battery_charge_mwh_per_yr": za_chg.ravel(), "battery_discharge_mwh_per_yr": za_dis.ravel(),
        "discharge_share": za_share.ravel(),
    })

    # technologies
    tech = np.asarray(ix["project_tech"]).astype(str)
    src = np.asarray(ix.get("project_energy_source", np.full(len(tech), ""))).astype(str)
    co2 = annual(a["co2_t_per_h"]) if "co2_t_per_h" in a else np.zeros_like(disp)
    techs, first, tech_of = np.unique(tech, return_index=True, return_inverse=True)   # first: a project per tech
    groups = np.array([("Battery" if bat[g] else "Other storage" if sto[g] else tech_group(tech[g], src[g]))
                       for g in first], dtype=object)

    def by_tech(values: FloatArray) -> FloatArray:
        out = np.zeros((len(techs), n_period))
        np.add.at(out, tech_of, values)
        return out

    ti, tp_ = np.meshgrid(np.arange(len(techs)), np.arange(n_period), indexing="ij")
    tech_df = _frame(scen, {
        "tech": techs[ti.ravel()], "group": groups[ti.ravel()], "is_storage": sto[first][ti.ravel()],
        "period": periods[tp_.ravel()],
        "generation_mwh_per_yr": by_tech(disp).ravel(), "charge_mwh_per_yr": by_tech(chg).ravel(),
        "capacity_mw": by_tech(cap).ravel(), "co2_t_per_yr": by_tech(co2).ravel(),
    })

    key = zone_of * len(techs) + tech_of                                 # existing (zone, tech) pairs
    keys, key_of = np.unique(key, return_inverse=True)
    zt_gen, zt_chg, zt_cap = (np.zeros((len(keys), n_period)) for _ in range(3))
    np.add.at(zt_gen, key_of, disp)
    np.add.at(zt_chg, key_of, chg)
    np.add.at(zt_cap, key_of, cap)
    kz, kt = keys // len(techs), keys % len(techs)
    ki, kp = np.meshgrid(np.arange(len(keys)), np.arange(n_period), indexing="ij")
    zone_tech_df = _frame(scen, {
        "zone": zones[kz[ki.ravel()]], "tech": techs[kt[ki.ravel()]], "group": groups[kt[ki.ravel()]],
        "is_storage": sto[first][kt[ki.ravel()]], "period": periods[kp.ravel()],
        "generation_mwh_per_yr": zt_gen.ravel(), "charge_mwh_per_yr": zt_chg.ravel(),
        "capacity_mw": zt_cap.ravel(),
    })

    # lines
    lines = np.asarray(ix.get("lines", np.array([], dtype=object))).astype(str)
    n_line = len(lines)
    flow = np.asarray(a.get("tx_flow_mw", np.zeros((0, 2, len(w)))), dtype=float)
    tx_cap = np.asarray(s.get("tx_capacity_mw", a.get("tx_capacity_mw", np.zeros((n_line, n_period)))), dtype=float)
    tx_sent = annual(flow.sum(axis=1)) if n_line else np.zeros((0, n_period))
    tx_cost = np.asarray(s.get("tx_cost_usd_per_yr", np.full((n_line, n_period), np.nan)), dtype=float)
    li, lp_ = np.meshgrid(np.arange(n_line), np.arange(n_period), indexing="ij")
    eff = np.asarray(ix.get("line_efficiency", np.full(n_line, np.nan)), dtype=float)
    line_df = _frame(scen, {
        "line": lines[li.ravel()], "line_from": np.asarray(ix["line_from"]).astype(str)[li.ravel()] if n_line else [],
        "line_to": np.asarray(ix["line_to"]).astype(str)[li.ravel()] if n_line else [],
        "line_efficiency": eff[li.ravel()], "period": periods[lp_.ravel()],
        "tx_capacity_mw": tx_cap.ravel(), "tx_energy_sent_mwh_per_yr": tx_sent.ravel(),
        "tx_cost_usd_per_yr": tx_cost.ravel(),
    }) if n_line else _frame(scen, {k: np.array([]) for k in (
        "line", "line_from", "line_to", "line_efficiency", "period", "tx_capacity_mw",
        "tx_energy_sent_mwh_per_yr", "tx_cost_usd_per_yr")})

    # national, per period
    generation = disp[~sto].sum(axis=0)
    system_cost = np.asarray(s["system_cost_usd_per_yr"], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        elec_cost = system_cost / generation
    period_df = _frame(scen, {
        "period": periods,
        "co2_t_per_yr": co2.sum(axis=0),
        "system_cost_usd_per_yr": system_cost,
        "system_cost_npv_usd": np.asarray(s.get("system_cost_npv_usd", system_cost * np.asarray(ix["bac"])),
                                          dtype=float),
        "generation_mwh_per_yr": generation,
        "demand_mwh_per_yr": demand_z.sum(axis=0),
        "electricity_cost_usd_per_mwh": elec_cost,
        "coal_generation_mwh_per_yr": coal_z.sum(axis=0),
        "tx_capacity_mw": tx_cap.sum(axis=0),
        "tx_energy_sent_mwh_per_yr": tx_sent.sum(axis=0),
        "tx_cost_usd_per_yr": tx_cost.sum(axis=0) if n_line else np.zeros(n_period),
        "battery_power_mw": za_power.sum(axis=(0, 1)), "battery_energy_mwh": za_energy.sum(axis=(0, 1)),
        "battery_charge_mwh_per_yr": za_chg.sum(axis=(0, 1)),
        "battery_discharge_mwh_per_yr": za_dis.sum(axis=(0, 1)),
        "unserved_mwh_per_yr": unserved_z.sum(axis=0),
        **{f"{c}_provinces": (cls == c).sum(axis=0) for c in CLASSES},
    })
    return Metrics(str(scen["scenario"]), float(threshold), demand_from_balance, period_df, zone_df, tech_df,
                   zone_tech_df, za_df, line_df)
