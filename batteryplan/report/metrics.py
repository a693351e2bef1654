"""Study metrics from one result: tidy tables per period, zone, technology, attachment and line.

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

from ..domain import ATTACHMENTS, is_battery_tech

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.1
"""θ of the supply / neutral / demand classification."""
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
    return np.asarray(ix["project_is_storage"]).astype(bool) & is_battery_tech(tech, techs)


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


@dataclasses.dataclass(frozen=True)
class _Result:
    """What every table of one result starts from: labels, masks and annual energy per project."""
    result: object
    scen: dict[str, object]
    zones: npt.NDArray[np.str_]
    periods: npt.NDArray[np.int64]
    P: FloatArray                   # (n_tp, n_period): x_mw @ P is MWh per year of each period
    zone_of: npt.NDArray[np.intp]   # per project
    sto: npt.NDArray[np.bool_]
    bat: npt.NDArray[np.bool_]
    disp: FloatArray                # (n_gen, n_period) MWh/yr
    chg: FloatArray
    cap: FloatArray                 # (n_gen, n_period) MW

    def annual(self, x: npt.ArrayLike) -> FloatArray:
        """(.., n_tp) MW -> (.., n_period) MWh/yr."""
        return np.asarray(x, dtype=float) @ self.P

    def by_zone(self, values: FloatArray, mask: npt.NDArray[np.bool_]) -> FloatArray:
        out = np.zeros((len(self.zones), values.shape[1]))
        np.add.at(out, self.zone_of[mask], values[mask])
        return out

    def grid(self, *sizes: int) -> list[npt.NDArray[np.intp]]:
        """Flat C-order positions over `sizes` (the rows of a long-form table)."""
        return [g.ravel() for g in np.meshgrid(*(np.arange(n) for n in sizes), indexing="ij")]


@dataclasses.dataclass(frozen=True)
class _Balance:
    """Zone energy balance terms, each (n_zone, n_period) MWh/yr (module docstring)."""
    gen: FloatArray
    coal: FloatArray
    bat_dis: FloatArray
    bat_chg: FloatArray
    oth_dis: FloatArray
    oth_chg: FloatArray
    received: FloatArray
    sent: FloatArray
    td_loss: FloatArray
    unserved: FloatArray
    supplied: FloatArray
    demand: FloatArray
    demand_from_balance: bool
    ratio: FloatArray
    cls: npt.NDArray[np.object_]


@dataclasses.dataclass(frozen=True)
class _Batteries:
    """Battery power (MW), energy (MWh), charge and discharge (MWh/yr) by (zone, attachment, period)."""
    power: FloatArray
    energy: FloatArray
    charge: FloatArray
    discharge: FloatArray
    share: FloatArray               # of the zone's battery discharge


@dataclasses.dataclass(frozen=True)
class _Lines:
    names: npt.NDArray[np.str_]
    capacity: FloatArray            # (n_line, n_period) MW
    sent: FloatArray                # MWh/yr
    cost: FloatArray                # $/yr


def _result(result, battery_techs: Sequence[str] | None, name: str | None) -> _Result:
    ix, a = result.index, result.arrays
    zones = np.asarray(ix["zones"]).astype(str)
    P = period_matrix(result)
    sto = np.asarray(ix["project_is_storage"]).astype(bool)
    return _Result(result, scenario_fields(result, name), zones, np.asarray(ix["periods"]).astype(int), P,
                   _member(ix["project_zone"], zones), sto, is_battery(result, battery_techs),
                   np.asarray(a["dispatch_mw"], dtype=float) @ P, np.asarray(a["charge_mw"], dtype=float) @ P,
                   np.asarray(a["capacity_mw"], dtype=float))


def _balance(r: _Result, threshold: float) -> _Balance:
    ix, a = r.result.index, r.result.arrays
    n_zone, n_period = len(r.zones), len(r.periods)
    coal = is_coal(r.result) & ~r.sto
    gen_z, coal_z = r.by_zone(r.disp, ~r.sto), r.by_zone(r.disp, coal)
    bat_dis_z, bat_chg_z = r.by_zone(r.disp, r.bat), r.by_zone(r.chg, r.bat)
    oth_dis_z, oth_chg_z = r.by_zone(r.disp, r.sto & ~r.bat), r.by_zone(r.chg, r.sto & ~r.bat)
    received, sent = zone_flows(r.result)
    rec_z, sent_z = r.annual(received), r.annual(sent)
    if "local_td_withdraw_mw" in a and "zone_local_td_loss_rate" in ix:
        td_loss_z = r.annual(np.asarray(a["local_td_withdraw_mw"])
                             * np.asarray(ix["zone_local_td_loss_rate"])[:, None])
    else:
        td_loss_z = np.zeros((n_zone, n_period))
    unserved_z = r.annual(a["unserved_mw"]) if "unserved_mw" in a else np.zeros((n_zone, n_period))
    supplied = gen_z + bat_dis_z - bat_chg_z + oth_dis_z - oth_chg_z + rec_z - sent_z - td_loss_z + unserved_z
    demand_from_balance = "demand_mw" not in a
    if demand_from_balance:
        log.warning("result has no /results/demand_mw; demand is taken from the zone energy balance")
        demand_z = supplied
    else:
        demand_z = r.annual(a["demand_mw"])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = gen_z / demand_z
    return _Balance(gen_z, coal_z, bat_dis_z, bat_chg_z, oth_dis_z, oth_chg_z, rec_z, sent_z, td_loss_z, unserved_z,
                    supplied, demand_z, demand_from_balance, ratio, classify(ratio, threshold))


def _batteries(r: _Result) -> _Batteries:
    ix, a = r.result.index, r.result.arrays
    att = np.asarray(ix["project_attachment"]).astype(str)
    att_of = np.full(len(att), -1)
    for k, name_ in enumerate(ATTACHMENTS):
        att_of[att == name_] = k
    bat_att = r.bat & (att_of >= 0)
    if np.any(r.bat & (att_of < 0)):
        log.warning("battery projects without an attachment count as grid-connected")
        att_of[r.bat & (att_of < 0)] = 0
        bat_att = r.bat

    def by_zone_att(values: FloatArray) -> FloatArray:
        out = np.zeros((len(r.zones), len(ATTACHMENTS), len(r.periods)))
        np.add.at(out, (r.zone_of[bat_att], att_of[bat_att]), values[bat_att])
        return out

    ecap = np.asarray(a.get("energy_capacity_mwh", np.zeros_like(r.cap)), dtype=float)
    dis = by_zone_att(r.disp)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = dis / dis.sum(axis=1, keepdims=True)
    return _Batteries(by_zone_att(r.cap), by_zone_att(ecap), by_zone_att(r.chg), dis, share)


def _lines(r: _Result) -> _Lines:
    ix, a, s = r.result.index, r.result.arrays, r.result.summary
    n_period = len(r.periods)
    lines = np.asarray(ix.get("lines", np.array([], dtype=object))).astype(str)
    n_line = len(lines)
    flow = np.asarray(a.get("tx_flow_mw", np.zeros((0, 2, r.P.shape[0]))), dtype=float)
    tx_cap = np.asarray(s.get("tx_capacity_mw", a.get("tx_capacity_mw", np.zeros((n_line, n_period)))), dtype=float)
    tx_sent = r.annual(flow.sum(axis=1)) if n_line else np.zeros((0, n_period))
    tx_cost = np.asarray(s.get("tx_cost_usd_per_yr", np.full((n_line, n_period), np.nan)), dtype=float)
    return _Lines(lines, tx_cap, tx_sent, tx_cost)


def _co2(r: _Result) -> FloatArray:
    """(n_gen, n_period) t CO2 per year."""
    a = r.result.arrays
    return r.annual(a["co2_t_per_h"]) if "co2_t_per_h" in a else np.zeros_like(r.disp)


def zone_table(r: _Result, bal: _Balance, bats: _Batteries) -> pd.DataFrame:
    """zone x period: energy balance, generation-to-demand ratio and class, batteries, mean price."""
    a = r.result.arrays
    with np.errstate(divide="ignore", invalid="ignore"):
        price_mean = r.annual(a["price_per_mwh"]) / (np.ones(r.P.shape[0]) @ r.P)[None, :]
    zz, pp = r.grid(len(r.zones), len(r.periods))
    return _frame(r.scen, {
        "zone": r.zones[zz], "period": r.periods[pp],
        "generation_mwh_per_yr": bal.gen.ravel(), "coal_generation_mwh_per_yr": bal.coal.ravel(),
        "battery_discharge_mwh_per_yr": bal.bat_dis.ravel(), "battery_charge_mwh_per_yr": bal.bat_chg.ravel(),
        "other_storage_discharge_mwh_per_yr": bal.oth_dis.ravel(),
        "other_storage_charge_mwh_per_yr": bal.oth_chg.ravel(),
        "imports_received_mwh_per_yr": bal.received.ravel(), "exports_sent_mwh_per_yr": bal.sent.ravel(),
        "net_imports_mwh_per_yr": (bal.received - bal.sent).ravel(), "local_td_loss_mwh_per_yr": bal.td_loss.ravel(),
        "unserved_mwh_per_yr": bal.unserved.ravel(), "demand_mwh_per_yr": bal.demand.ravel(),
        "balance_residual_mwh_per_yr": (bal.demand - bal.supplied).ravel(),
        "generation_to_demand_ratio": bal.ratio.ravel(), "province_class": bal.cls.ravel(),
        "battery_power_mw": bats.power.sum(axis=1).ravel(), "battery_energy_mwh": bats.energy.sum(axis=1).ravel(),
        "price_mean_usd_per_mwh": price_mean.ravel(),
    })


def zone_attachment_table(r: _Result, bats: _Batteries) -> pd.DataFrame:
    """zone x attachment x period: battery power, energy, charge, discharge and share of the zone's discharge."""
    zi, ai, pi = r.grid(len(r.zones), len(ATTACHMENTS), len(r.periods))
    return _frame(r.scen, {
        "zone": r.zones[zi], "attachment": np.asarray(ATTACHMENTS, dtype=object)[ai], "period": r.periods[pi],
        "battery_power_mw": bats.power.ravel(), "battery_energy_mwh": bats.energy.ravel(),
        "battery_charge_mwh_per_yr": bats.charge.ravel(), "battery_discharge_mwh_per_yr": bats.discharge.ravel(),
        "discharge_share": bats.share.ravel(),
    })


def _techs(r: _Result) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.intp], npt.NDArray[np.intp],
                                 npt.NDArray[np.object_]]:
    """(technologies, a project of each, technology of each project, group of each technology)."""
    ix = r.result.index
    tech = np.asarray(ix["project_tech"]).astype(str)
    src = np.asarray(ix.get("project_energy_source", np.full(len(tech), ""))).astype(str)
    techs, first, tech_of = np.unique(tech, return_index=True, return_inverse=True)
    groups = np.array([("Battery" if r.bat[g] else "Other storage" if r.sto[g] else tech_group(tech[g], src[g]))
                       for g in first], dtype=object)
    return techs, first, tech_of, groups


def tech_table(r: _Result, co2: FloatArray) -> pd.DataFrame:
    """technology x period: generation, charge, capacity, CO2."""
    techs, first, tech_of, groups = _techs(r)

    def by_tech(values: FloatArray) -> FloatArray:
        out = np.zeros((len(techs), len(r.periods)))
        np.add.at(out, tech_of, values)
        return out

    ti, tp_ = r.grid(len(techs), len(r.periods))
    return _frame(r.scen, {
        "tech": techs[ti], "group": groups[ti], "is_storage": r.sto[first][ti], "period": r.periods[tp_],
        "generation_mwh_per_yr": by_tech(r.disp).ravel(), "charge_mwh_per_yr": by_tech(r.chg).ravel(),
        "capacity_mw": by_tech(r.cap).ravel(), "co2_t_per_yr": by_tech(co2).ravel(),
    })


def zone_tech_table(r: _Result) -> pd.DataFrame:
    """zone x technology x period, for the (zone, technology) pairs that exist."""
    techs, first, tech_of, groups = _techs(r)
    key = r.zone_of * len(techs) + tech_of
    keys, key_of = np.unique(key, return_inverse=True)
    zt_gen, zt_chg, zt_cap = (np.zeros((len(keys), len(r.periods))) for _ in range(3))
    np.add.at(zt_gen, key_of, r.disp)
    np.add.at(zt_chg, key_of, r.chg)
    np.add.at(zt_cap, key_of, r.cap)
    kz, kt = keys // len(techs), keys % len(techs)
    ki, kp = r.grid(len(keys), len(r.periods))
    return _frame(r.scen, {
        "zone": r.zones[kz[ki]], "tech": techs[kt[ki]], "group": groups[kt[ki]],
        "is_storage": r.sto[first][kt[ki]], "period": r.periods[kp],
        "generation_mwh_per_yr": zt_gen.ravel(), "charge_mwh_per_yr": zt_chg.ravel(), "capacity_mw": zt_cap.ravel(),
    })


def line_table(r: _Result, lines: _Lines) -> pd.DataFrame:
    """line x period: capacity, energy sent, cost."""
    ix = r.result.index
    n_line = len(lines.names)
    if not n_line:
        return _frame(r.scen, {k: np.array([]) for k in (
            "line", "line_from", "line_to", "line_efficiency", "period", "tx_capacity_mw",
            "tx_energy_sent_mwh_per_yr", "tx_cost_usd_per_yr")})
    li, lp_ = r.grid(n_line, len(r.periods))
    eff = np.asarray(ix.get("line_efficiency", np.full(n_line, np.nan)), dtype=float)
    return _frame(r.scen, {
        "line": lines.names[li], "line_from": np.asarray(ix["line_from"]).astype(str)[li],
        "line_to": np.asarray(ix["line_to"]).astype(str)[li],
        "line_efficiency": eff[li], "period": r.periods[lp_],
        "tx_capacity_mw": lines.capacity.ravel(), "tx_energy_sent_mwh_per_yr": lines.sent.ravel(),
        "tx_cost_usd_per_yr": lines.cost.ravel(),
    })


def period_table(r: _Result, bal: _Balance, bats: _Batteries, lines: _Lines, co2: FloatArray) -> pd.DataFrame:
    """One row per period: national totals."""
    ix, s = r.result.index, r.result.summary
    generation = r.disp[~r.sto].sum(axis=0)
    system_cost = np.asarray(s["system_cost_usd_per_yr"], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        elec_cost = system_cost / generation
    return _frame(r.scen, {
        "period": r.periods,
        "co2_t_per_yr": co2.sum(axis=0),
        "system_cost_usd_per_yr": system_cost,
        "system_cost_npv_usd": np.asarray(s.get("system_cost_npv_usd", system_cost * np.asarray(ix["bac"])),
                                          dtype=float),
        "generation_mwh_per_yr": generation,
        "demand_mwh_per_yr": bal.demand.sum(axis=0),
        "electricity_cost_usd_per_mwh": elec_cost,
        "coal_generation_mwh_per_yr": bal.coal.sum(axis=0),
        "tx_capacity_mw": lines.capacity.sum(axis=0),
        "tx_energy_sent_mwh_per_yr": lines.sent.sum(axis=0),
        "tx_cost_usd_per_yr": lines.cost.sum(axis=0) if len(lines.names) else np.zeros(len(r.periods)),
        "battery_power_mw": bats.power.sum(axis=(0, 1)), "battery_energy_mwh": bats.energy.sum(axis=(0, 1)),
        "battery_charge_mwh_per_yr": bats.charge.sum(axis=(0, 1)),
        "battery_discharge_mwh_per_yr": bats.discharge.sum(axis=(0, 1)),
        "unserved_mwh_per_yr": bal.unserved.sum(axis=0),
        **{f"{c}_provinces": (bal.cls == c).sum(axis=0) for c in CLASSES},
    })


def metrics(result, *, threshold: float = DEFAULT_THRESHOLD, battery_techs: Sequence[str] | None = None,
            name: str | None = None) -> Metrics:
    """Tidy metric tables of `result` (a :class:`~batteryplan.result.Result`, e.g. from ``read_result``).

    `threshold` is θ of the supply / neutral / demand classification (ratio > 1+θ supply, < 1−θ demand);
    `battery_techs` overrides which storage technologies count as batteries; `name` labels a result that
    carries no scenario.
    """
    r = _result(result, battery_techs, name)
    bal = _balance(r, threshold)
    bats = _batteries(r)
    lines = _lines(r)
    co2 = _co2(r)
    return Metrics(str(r.scen["scenario"]), float(threshold), bal.demand_from_balance,
                   period_table(r, bal, bats, lines, co2), zone_table(r, bal, bats), tech_table(r, co2),
                   zone_tech_table(r), zone_attachment_table(r, bats), line_table(r, lines))
