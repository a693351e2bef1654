"""The six figures of ``batteryplan report``, drawn with matplotlib's object API (no pyplot state).

Each ``fig_*`` function takes the concatenated metric tables (:class:`Tables`) plus the report's choices and
returns a :class:`Drawn`: the matplotlib Figure, a caption (HTML-safe text) and the plotted numbers as a tidy
DataFrame (written next to the figure as CSV). Units on the axes: TWh, GW, GWh, Mt, $/MWh, billion $.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .metrics import ATTACHMENTS, CLASSES

STRATEGY_COLOR = {"Grid": "#1f77b4", "RE": "#2ca02c", "Demand": "#ff7f0e", "Mixed": "#9467bd"}
CARBON_STYLE = {"Low": "-", "High": "--"}
COST_MARKER = {"B": "o", "M": "s", "R": "^"}
ATTACHMENT_COLOR = {"grid": "#1f77b4", "re": "#2ca02c", "demand": "#ff7f0e"}
ATTACHMENT_LABEL = {"grid": "Grid-connected", "re": "RE-connected", "demand": "Demand-side"}
CLASS_SHADE = {"supply": "#fbe3cf", "neutral": "#ececec", "demand": "#d7e7f6"}
GROUP_COLOR = {"Coal": "#4d4d4d", "Gas": "#b07aa1", "Oil": "#9c755f", "Nuclear": "#e15759", "Hydro": "#4e79a7",
               "Wind": "#76b7b2", "Solar": "#edc948", "Biomass": "#59a14f"}
BALANCE_COLOR = {"Battery discharge": "#ff9da7", "Other storage discharge": "#bab0ac", "Net imports": "#8cd17d",
                 "Unserved": "#d62728", "Battery charge": "#ff9da7", "Other storage charge": "#bab0ac",
                 "Net exports": "#8cd17d", "Local T&D losses": "#b6992d"}
OTHER_COLORS = ("#86bcb6", "#d37295", "#fabfd2", "#79706e", "#499894", "#a0cbe8")
DPI = 90


@dataclasses.dataclass(frozen=True)
class Tables:
    """Metric tables of every result, concatenated, and the scenarios in plotting order."""
    period: pd.DataFrame
    zone: pd.DataFrame
    zone_tech: pd.DataFrame
    zone_attachment: pd.DataFrame
    line: pd.DataFrame
    scenarios: pd.DataFrame          # one row per scenario: scenario columns, in plotting order
    tx_profile: pd.DataFrame         # scenario, period, timeseries, timepoint, hour, duration_h, tx_sent_mw
                                     # (sum over lines and directions)
    prices: pd.DataFrame             # scenario, zone, period, timepoint, weight_h, price_per_mwh


@dataclasses.dataclass
class Drawn:
    key: str
    title: str
    figure: Figure
    caption: str
    data: pd.DataFrame


def _style(row: pd.Series) -> dict:
    return {"color": STRATEGY_COLOR.get(row["strategy"], "#555555"),
            "linestyle": CARBON_STYLE.get(row["carbon"], ":"),
            "marker": COST_MARKER.get(row["battery_cost"], "."), "markersize": 4, "linewidth": 1.4}


def _figure(w: float, h: float) -> Figure:
    fig = Figure(figsize=(w, h), dpi=DPI, layout="constrained")
    return fig


def _legend(fig: Figure, axes, ncol: int = 1, loc: str = "outside right upper", extra=()) -> None:
    handles, labels = axes.get_legend_handles_labels()
    handles, labels = handles + [h for h, _ in extra], labels + [l for _, l in extra]
    if handles:
        fig.legend(handles, labels, loc=loc, fontsize=7, ncol=ncol, frameon=False)


def _period_axis(ax, periods: Sequence[int]) -> None:
    ax.set_xticks(list(periods))
    ax.set_xticklabels([str(p) for p in periods], fontsize=7, rotation=0)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3, linewidth=0.5)


def _empty(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, fontsize=9, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])


def reference_scenario(scen: pd.DataFrame, row: pd.Series) -> str:
    """The scenario a row is normalised to: Grid with the same carbon path, multiplier and battery cost, else
    the first Grid scenario, else the first scenario."""
    grid = scen[scen["strategy"] == "Grid"]
    same = grid[(grid["carbon"] == row["carbon"]) & (grid["battery_cost"] == row["battery_cost"])
                & (grid["carbon_multiplier"] == row["carbon_multiplier"])]
    if len(same):
        return str(same["scenario"].iloc[0])
    if len(grid):
        return str(grid["scenario"].iloc[0])
    return str(scen["scenario"].iloc[0])


# Figure 5 draws a province's split only where its battery discharge is at least this fraction of the largest
# province's in the same scenario and period: below it the split is noise (an interior-point solution left
# 0.2 MWh/yr in a province, drawn as 15 % / 85 %), and the bar says how little there is instead.
SHARE_MIN_FRACTION = 1e-3
NATIONAL_NAMES_MAX = 10     # a title lists the zones it covers up to this many


def zone_scope(t: Tables) -> str:
    """What "national" covers in these results: all N zones, named when there are few (a slice of a case)."""
    zones = sorted(str(z) for z in t.zone["zone"].unique())
    if len(zones) <= NATIONAL_NAMES_MAX:
        return f"{len(zones)} zone{'s' if len(zones) != 1 else ''}: {', '.join(zones)}"
    return f"all {len(zones)} zones"


def _energy(mwh: float) -> str:
    """MWh/yr in readable units."""
    for unit, size in (("TWh", 1e6), ("GWh", 1e3)):
        if abs(mwh) >= size:
            return f"{mwh / size:,.3g} {unit}/yr"
    return f"{mwh:,.3g} MWh/yr"


def fig_national(t: Tables) -> Drawn:
    """Figure 1: national CO2 and electricity cost per MWh per period, absolute and normalised."""
    per = t.period
    first = per.sort_values("period").groupby("scenario").first()
    rows = []
    for _, sc in t.scenarios.iterrows():
        ref = reference_scenario(t.scenarios, sc)
        d = per[per["scenario"] == sc["scenario"]].sort_values("period")
        rows.append(pd.DataFrame({
            "scenario": sc["scenario"], "period": d["period"].to_numpy(),
            "co2_mt_per_yr": d["co2_t_per_yr"].to_numpy() / 1e6,
            "electricity_cost_usd_per_mwh": d["electricity_cost_usd_per_mwh"].to_numpy(),
            "reference_scenario": ref,
            "co2_relative_to_reference_first_period": d["co2_t_per_yr"].to_numpy() / first.loc[ref, "co2_t_per_yr"],
            "cost_relative_to_reference_first_period":
                d["electricity_cost_usd_per_mwh"].to_numpy() / first.loc[ref, "electricity_cost_usd_per_mwh"]}))
    data = pd.concat(rows, ignore_index=True)
    fig = _figure(10.5, 6.2)
    axs = fig.subplots(2, 2)
    cols = [("co2_mt_per_yr", "CO₂ (Mt/yr)"), ("electricity_cost_usd_per_mwh", "Electricity cost ($/MWh)"),
            ("co2_relative_to_reference_first_period", "CO₂ / Grid first period"),
            ("cost_relative_to_reference_first_period", "Cost per MWh / Grid first period")]
    periods = sorted(per["period"].unique())
    for ax, (col, label) in zip(axs.ravel(), cols):
        for _, sc in t.scenarios.iterrows():
            d = data[data["scenario"] == sc["scenario"]]
            ax.plot(d["period"], d[col], label=sc["scenario"], **_style(sc))
        ax.set_ylabel(label, fontsize=8)
        _period_axis(ax, periods)
    for ax in axs[1]:
        ax.axhline(1.0, color="black", linewidth=0.6)
    _legend(fig, axs[0, 0])
    fig.suptitle(f"CO₂ emissions and electricity cost per period, {zone_scope(t)}", fontsize=10)
    refs = sorted(set(data["reference_scenario"]))
    caption = ("Top: annual CO₂ emissions and electricity cost (annual system cost / annual generation, $/MWh) in "
               "each period. Bottom: the same divided by the first period of the Grid scenario with the same carbon "
               "price and battery cost (else the first Grid scenario, else the first scenario); references: "
               + ", ".join(refs) + ". Colour: strategy; line: carbon price; marker: battery cost.")
    return Drawn("fig1_national", f"1. CO₂ and electricity cost, {zone_scope(t)}", fig, caption, data)


def fig_transmission(t: Tables, period: int) -> Drawn:
    """Figure 2: transmission capacity, energy sent, annual cost per period, and a two-day power profile."""
    per = t.period
    fig = _figure(10.5, 6.2)
    axs = fig.subplots(2, 2)
    periods = sorted(per["period"].unique())
    panels = [("tx_capacity_mw", 1e-3, "Installed capacity (GW)"),
              ("tx_energy_sent_mwh_per_yr", 1e-6, "Energy sent (TWh/yr)"),
              ("tx_cost_usd_per_yr", 1e-9, "Annual cost (billion $/yr)")]
    has_lines = len(t.line) > 0
    for ax, (col, k, label) in zip(axs.ravel()[:3], panels):
        if not has_lines:
            _empty(ax, "no transmission lines in these results")
            continue
        for _, sc in t.scenarios.iterrows():
            d = per[per["scenario"] == sc["scenario"]].sort_values("period")
            ax.plot(d["period"], d[col] * k, label=sc["scenario"], **_style(sc))
        ax.set_ylabel(label, fontsize=8)
        _period_axis(ax, periods)
    ax = axs[1, 1]
    prof = t.tx_profile[t.tx_profile["period"] == period]
    if not has_lines or prof.empty:
        _empty(ax, "no transmission profile")
    else:
        for _, sc in t.scenarios.iterrows():
            d = prof[prof["scenario"] == sc["scenario"]]
            st = _style(sc)
            st["markersize"] = 3
            if d.empty:
                continue
            x = np.append(d["hour"].to_numpy(), d["hour"].iloc[-1] + d["duration_h"].iloc[-1])
            y = np.append(d["tx_sent_mw"].to_numpy(), d["tx_sent_mw"].iloc[-1]) / 1e3
            st["markevery"] = list(range(len(d)))
            ax.plot(x, y, label=sc["scenario"], drawstyle="steps-post", **st)
        days = prof.drop_duplicates("timeseries")
        for h, name in zip(days["hour"], days["timeseries"]):
            ax.axvline(h, color="#999999", linewidth=0.5)
            ax.text(h, 1.0, f" {name}", transform=ax.get_xaxis_transform(), fontsize=6, va="top", color="#555555")
        ax.set_xlabel("hour from the start of the first day", fontsize=8)
        ax.set_ylabel(f"Power sent, all lines (GW), {period}", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3, linewidth=0.5)
    if has_lines:
        _legend(fig, axs[0, 0])
    fig.suptitle("Interprovincial transmission", fontsize=10)
    caption = ("Installed transmission capacity (nameplate, all lines), energy sent (both directions, before line "
               "losses) and annual transmission cost (capacity × annualised cost per MW) per period; bottom right: "
               f"power sent on all lines over the first two sampled days (timeseries) of period {period}.")
    data = per[["scenario", "period", "tx_capacity_mw", "tx_energy_sent_mwh_per_yr", "tx_cost_usd_per_yr"]]
    return Drawn("fig2_transmission", "2. Transmission", fig, caption, data.reset_index(drop=True))


BALANCE_POS = (("battery_discharge_mwh_per_yr", "Battery discharge", 1),
               ("other_storage_discharge_mwh_per_yr", "Other storage discharge", 1),
               ("unserved_mwh_per_yr", "Unserved", 1))
BALANCE_NEG = (("battery_charge_mwh_per_yr", "Battery charge", -1),
               ("other_storage_charge_mwh_per_yr", "Other storage charge", -1),
               ("local_td_loss_mwh_per_yr", "Local T&D losses", -1))


BALANCE_ORDER = tuple(GROUP_COLOR) + ("Battery discharge", "Other storage discharge", "Net imports", "Unserved",
                                      "Battery charge", "Other storage charge", "Net exports", "Local T&D losses")


def _component_rank(name: str) -> tuple[int, str]:
    """Generation families first (known ones in GROUP_COLOR order, then others by name), then the rest."""
    if name in GROUP_COLOR:
        return (list(GROUP_COLOR).index(name), name)
    if name in BALANCE_ORDER:
        return (100 + BALANCE_ORDER.index(name), name)
    return (50, name)


def balance_components(t: Tables, zone: str, period: int) -> pd.DataFrame:
    """Tidy (scenario, component, sign, mwh_per_yr) rows of a province's annual balance; positive rows and
    negative rows sum to demand (the 'Demand' row)."""
    rows = []
    zt = t.zone_tech[(t.zone_tech["zone"] == zone) & (t.zone_tech["period"] == period) & ~t.zone_tech["is_storage"]]
    z = t.zone[(t.zone["zone"] == zone) & (t.zone["period"] == period)].set_index("scenario")
    for sc in t.scenarios["scenario"]:
        if sc not in z.index:
            continue
        r = z.loc[sc]
        g = zt[zt["scenario"] == sc].groupby("group")["generation_mwh_per_yr"].sum()
        for grp, v in g.items():
            rows.append((sc, f"{grp}", 1, float(v)))
        net = float(r["net_imports_mwh_per_yr"])
        rows.append((sc, "Net imports", 1, max(net, 0.0)))
        rows.append((sc, "Net exports", -1, -min(net, 0.0)))
        for col, label, sign in BALANCE_POS + BALANCE_NEG:
            rows.append((sc, label, sign, float(r[col])))
        rows.append((sc, "Demand", 0, float(r["demand_mwh_per_yr"])))
    out = pd.DataFrame(rows, columns=["scenario", "component", "sign", "mwh_per_yr"])
    out.insert(1, "zone", zone)
    out.insert(2, "period", period)
    return out


def fig_balance(t: Tables, provinces: Sequence[str], period: int) -> Drawn:
    """Figure 3: a province's annual energy balance by scenario."""
    n = max(1, len(provinces))
    fig = _figure(min(4.0 + 3.2 * n, 13.0), 5.0)
    axs = np.atleast_1d(fig.subplots(1, n, squeeze=False)[0])
    frames = []
    seen: dict[str, object] = {}
    other_color: dict[str, str] = {}
    for ax, zone in zip(axs, provinces):
        d = balance_components(t, zone, period)
        frames.append(d)
        scen = [s for s in t.scenarios["scenario"] if s in set(d["scenario"])]
        if not scen:
            _empty(ax, f"{zone}: not in these results")
            continue
        x = np.arange(len(scen))
        comps = sorted((c for c in d["component"].unique() if c != "Demand"), key=_component_rank)
        pos_base, neg_base = np.zeros(len(scen)), np.zeros(len(scen))
        for comp in comps:
            dd = d[d["component"] == comp].set_index("scenario")
            v = dd["mwh_per_yr"].reindex(scen).fillna(0.0).to_numpy() / 1e6
            if not np.any(np.abs(v) > 1e-9):
                continue
            sign = int(dd["sign"].iloc[0])
            color = GROUP_COLOR.get(comp) or BALANCE_COLOR.get(comp) or other_color.setdefault(
                comp, OTHER_COLORS[len(other_color) % len(OTHER_COLORS)])
            hatch = "///" if sign < 0 and comp in ("Battery charge", "Other storage charge", "Net exports") else None
            if sign > 0:
                bars = ax.bar(x, v, 0.7, bottom=pos_base, color=color, hatch=hatch, linewidth=0)
                pos_base += v
            else:
                bars = ax.bar(x, -v, 0.7, bottom=neg_base, color=color, hatch=hatch, edgecolor="white", linewidth=0)
                neg_base -= v
            seen.setdefault(comp, bars)
        dem = d[d["component"] == "Demand"].set_index("scenario")["mwh_per_yr"].reindex(scen).to_numpy() / 1e6
        seen.setdefault("Demand", ax.scatter(x, dem, marker="_", s=500, color="black", zorder=5, linewidths=2))
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_xticks(x)
        ax.set_xticklabels(scen, rotation=60, ha="right", fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_title(f"{zone}, {period}", fontsize=9)
        ax.grid(axis="y", alpha=0.3, linewidth=0.5)
    axs[0].set_ylabel("TWh/yr (supply above 0, uses below)", fontsize=8)
    names = sorted(seen, key=lambda c: (-1, c) if c == "Demand" else _component_rank(c))
    if names:
        fig.legend([seen[c] for c in names], names, loc="outside right upper", fontsize=7, frameon=False)
    fig.suptitle("Provincial annual energy balance", fontsize=10)
    caption = (f"Annual energy balance of each chosen province in period {period}: local generation by technology "
               "family, battery and other storage discharge, net imports (received after line losses minus sent) and "
               "unserved energy above zero; battery and other storage charging, net exports and local T&D losses "
               "below zero. The black bar is demand (the stacks above minus the stacks below).")
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return Drawn("fig3_province_balance", "3. Provincial energy balance", fig, caption, data)


def fig_coal_battery(t: Tables, provinces: Sequence[str]) -> Drawn:
    """Figure 4: coal generation and battery discharge per period in chosen provinces across strategies."""
    n = max(1, len(provinces))
    fig = _figure(min(3.0 + 3.0 * n, 13.0), 5.6)
    axs = fig.subplots(2, n, squeeze=False)
    periods = sorted(t.zone["period"].unique())
    data = t.zone[t.zone["zone"].isin(list(provinces))][
        ["scenario", "zone", "period", "coal_generation_mwh_per_yr", "battery_discharge_mwh_per_yr"]]
    for j, zone in enumerate(provinces):
        for i, (col, label) in enumerate((("coal_generation_mwh_per_yr", "Coal generation (TWh/yr)"),
                                          ("battery_discharge_mwh_per_yr", "Battery discharge (TWh/yr)"))):
            ax = axs[i, j]
            for _, sc in t.scenarios.iterrows():
                d = data[(data["scenario"] == sc["scenario"]) & (data["zone"] == zone)].sort_values("period")
                if len(d):
                    ax.plot(d["period"], d[col] / 1e6, label=sc["scenario"], **_style(sc))
            if i == 0:
                ax.set_title(zone, fontsize=9)
            if j == 0:
                ax.set_ylabel(label, fontsize=8)
            _period_axis(ax, periods)
    _legend(fig, axs[0, 0])
    fig.suptitle("Coal generation and battery discharge in chosen provinces", fontsize=10)
    caption = ("Annual generation of coal-fuelled projects and annual discharge of battery projects (all attachments) "
               "in each chosen province, per period and scenario.")
    return Drawn("fig4_coal_battery", "4. Coal generation and battery discharge", fig, caption,
                 data.reset_index(drop=True))


def province_order(t: Tables, scenario: str, period: int) -> pd.DataFrame:
    """Zones of `scenario` in `period` ordered supply, neutral, demand, and by generation/demand ratio (high
    first) within a class."""
    z = t.zone[(t.zone["scenario"] == scenario) & (t.zone["period"] == period)].copy()
    z["class_rank"] = z["province_class"].map({c: k for k, c in enumerate(CLASSES)})
    return z.sort_values(["class_rank", "generation_to_demand_ratio"], ascending=[True, False])


def _shade(ax, order: pd.DataFrame) -> None:
    """Background bands (horizontal bars at y = 0..n-1) by province class."""
    cls = order["province_class"].to_numpy()
    start = 0
    for k in range(1, len(cls) + 1):
        if k == len(cls) or cls[k] != cls[start]:
            ax.axhspan(start - 0.5, k - 0.5, color=CLASS_SHADE[cls[start]], zorder=0)
            start = k


def _class_patches() -> list:
    from matplotlib.patches import Patch
    return [(Patch(color=CLASS_SHADE[c]), f"{c} province") for c in CLASSES]


def fig_discharge_share(t: Tables, scenarios: Sequence[str], period: int, threshold: float, note: str) -> Drawn:
    """Figure 5: share of battery discharge by attachment per province, ordered and shaded by province class."""
    n = max(1, len(scenarios))
    nz = t.zone["zone"].nunique()
    fig = _figure(min(3.0 + 4.0 * n, 13.0), max(3.0, 1.2 + 0.22 * nz))
    axs = fig.subplots(1, n, squeeze=False)[0]
    frames = []
    for ax, sc in zip(axs, scenarios):
        order = province_order(t, sc, period)
        za = t.zone_attachment[(t.zone_attachment["scenario"] == sc) & (t.zone_attachment["period"] == period)]
        share = za.pivot(index="zone", columns="attachment", values="discharge_share").reindex(order["zone"])
        mwh = za.groupby("zone")["battery_discharge_mwh_per_yr"].sum().reindex(order["zone"]).fillna(0.0)
        shown = (mwh >= SHARE_MIN_FRACTION * mwh.max()) & (mwh > 0)
        share.loc[~shown.to_numpy(), :] = np.nan
        y = np.arange(len(order))
        _shade(ax, order)
        left = np.zeros(len(order))
        for att in ATTACHMENTS:
            v = share[att].fillna(0.0).to_numpy() if att in share else np.zeros(len(order))
            ax.barh(y, v, 0.7, left=left, color=ATTACHMENT_COLOR[att], label=ATTACHMENT_LABEL[att], zorder=2)
            left += v
        for yy, tot, r, e, ok in zip(y, left, order["generation_to_demand_ratio"], mwh, shown):
            txt = (f"r={r:.2f}, {_energy(e)}" if ok else
                   f"r={r:.2f}, no discharge" if e <= 0 else f"r={r:.2f}, {_energy(e)}: too little to split")
            ax.text(0.01 if tot == 0 else 1.01, yy, txt, fontsize=6, va="center", zorder=3,
                    transform=ax.get_yaxis_transform() if tot == 0 else ax.transData)
        ax.set_yticks(y)
        ax.set_yticklabels(order["zone"], fontsize=7)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.45)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel("share of annual battery discharge", fontsize=8)
        ax.set_title(f"{sc}, {period}", fontsize=9)
        d = share.reset_index().melt(id_vars="zone", var_name="attachment", value_name="discharge_share")
        d = d.merge(order[["zone", "generation_to_demand_ratio", "province_class"]], on="zone")
        d = d.merge(pd.DataFrame({"zone": mwh.index, "battery_discharge_mwh_per_yr": mwh.to_numpy(),
                                  "share_drawn": shown.to_numpy()}), on="zone")
        d.insert(0, "scenario", sc)
        d.insert(2, "period", period)
        frames.append(d)
    _legend(fig, axs[0], ncol=6 if n > 1 else 3, loc="outside lower center", extra=_class_patches())
    fig.suptitle("Battery discharge by attachment, provinces by supply / neutral / demand class", fontsize=10)
    caption = (f"Share of each province's annual battery discharge by attachment in period {period}. Provinces are "
               f"ordered and shaded by class: r = annual local generation / annual demand; supply if r > "
               f"{1 + threshold:g}, demand if r < {1 - threshold:g}, neutral otherwise (θ = {threshold:g}). "
               "With equal costs the split between grid- and RE-connected batteries is often not unique "
               "(alternative optima, MODEL.md §2): read it as one optimal plan, not the only one. Beside each bar: "
               "the province's battery discharge; a province discharging less than "
               f"{SHARE_MIN_FRACTION:.1%} of the largest province's gets no bar (its split would be solver noise)."
               + note)
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return Drawn("fig5_discharge_share", "5. Battery discharge by attachment", fig, caption, data)


def fig_battery_capacity(t: Tables, scenario: str, period: int) -> Drawn:
    """Figure 6a: installed battery power and energy by province and attachment."""
    order = province_order(t, scenario, period)
    za = t.zone_attachment[(t.zone_attachment["scenario"] == scenario) & (t.zone_attachment["period"] == period)]
    nz = len(order)
    fig = _figure(10.5, max(3.0, 1.2 + 0.22 * nz))
    axs = fig.subplots(1, 2, sharey=True)
    y = np.arange(nz)
    for ax, (col, k, label) in zip(axs, (("battery_power_mw", 1e-3, "Battery power (GW)"),
                                         ("battery_energy_mwh", 1e-3, "Battery energy (GWh)"))):
        pv = za.pivot(index="zone", columns="attachment", values=col).reindex(order["zone"]).fillna(0.0)
        _shade(ax, order)
        left = np.zeros(nz)
        for att in ATTACHMENTS:
            v = pv[att].to_numpy() * k if att in pv else np.zeros(nz)
            ax.barh(y, v, 0.7, left=left, color=ATTACHMENT_COLOR[att], label=ATTACHMENT_LABEL[att], zorder=2)
            left += v
        ax.set_xlabel(label, fontsize=8)
        ax.set_xlim(0, max(float(left.max()), 1e-9) * 1.08)
        ax.tick_params(labelsize=7)
        ax.grid(axis="x", alpha=0.3, linewidth=0.5, zorder=1)
    axs[0].set_yticks(y)
    axs[0].set_yticklabels(order["zone"], fontsize=7)
    axs[0].invert_yaxis()
    _legend(fig, axs[0], ncol=6, loc="outside lower center", extra=_class_patches())
    fig.suptitle(f"Installed battery capacity by province and attachment, {scenario}, {period}", fontsize=10)
    caption = (f"Battery power (MW of discharge capacity) and energy (MWh) installed in period {period} in scenario "
               f"{scenario}, by province and attachment; provinces ordered and shaded as in figure 5.")
    data = za[["scenario", "zone", "attachment", "period", "battery_power_mw", "battery_energy_mwh"]]
    return Drawn("fig6a_battery_capacity", "6a. Installed battery capacity", fig, caption, data.reset_index(drop=True))


def duration_curves(prices: pd.DataFrame) -> pd.DataFrame:
    """Per (scenario, zone, period): prices sorted high to low against cumulative hours per year (the weight
    of each timepoint), as ``hours_at_or_above`` / ``price_per_mwh``."""
    out = []
    for key, d in prices.groupby(["scenario", "zone", "period"], sort=False):
        d = d.sort_values("price_per_mwh", ascending=False, kind="stable")
        out.append(pd.DataFrame({"scenario": key[0], "zone": key[1], "period": key[2],
                                 "hours_at_or_above": d["weight_h"].cumsum().to_numpy(),
                                 "price_per_mwh": d["price_per_mwh"].to_numpy()}))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame(
        columns=["scenario", "zone", "period", "hours_at_or_above", "price_per_mwh"])


def fig_price_duration(t: Tables, scenario: str, period: int, provinces: Sequence[str]) -> Drawn:
    """Figure 6b: price duration curves per zone."""
    pr = t.prices[(t.prices["scenario"] == scenario) & (t.prices["period"] == period)]
    data = duration_curves(pr)
    fig = _figure(8.5, 4.6)
    ax = fig.subplots()
    zones = list(dict.fromkeys(data["zone"]))
    highlight = [z for z in provinces if z in zones]
    others = [z for z in zones if z not in highlight]
    palette = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b")
    for z in zones:
        d = data[data["zone"] == z]
        x = np.concatenate([[0.0], d["hours_at_or_above"].to_numpy()])
        y = np.concatenate([d["price_per_mwh"].to_numpy()[:1], d["price_per_mwh"].to_numpy()])
        if z in highlight:
            ax.step(x, y, where="pre", color=palette[highlight.index(z) % len(palette)], linewidth=2, label=z,
                    zorder=3)
        else:
            ax.step(x, y, where="pre", color="#9a9a9a", linewidth=0.7, alpha=0.7, zorder=2,
                    label="other provinces" if z == others[0] else None)
    ax.set_xlabel("hours per year at or above the price", fontsize=8)
    ax.set_ylabel("marginal price ($/MWh)", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3, linewidth=0.5)
    _legend(fig, ax)
    fig.suptitle(f"Price duration curves per province, {scenario}, {period}", fontsize=10)
    caption = (f"Marginal electricity price (dual of each zone's energy balance, $/MWh in base-year dollars) sorted "
               f"from high to low, against the hours per year it represents (timepoint weights), scenario {scenario}, "
               f"period {period}; chosen provinces in colour.")
    return Drawn("fig6b_price_duration", "6b. Price duration curves", fig, caption, data)
