"""``batteryplan fidelity``: the study's figure numbers beside ours, and its findings checked on our results.

    write_fidelity("runs/", "docs/fidelity.md", case="inputs/", split_range_csv=None, crossover_csv=None)

reads the result files of a sweep folder (its catalog, else every ``*.h5`` in it), measures every panel of the
study's Figs. 2-6 (Peng et al., Nat. Commun. 2023) in the study's units and normalisation, puts the study's
numbers beside them (``batteryplan/cases/china/study/``, written from the study's Source Data by
``scripts/derive_study_figures.py``; its ``SOURCES.md`` says how the study computed each), decides each of the
study's findings by a stated rule (``findings.py``), and writes a markdown page, one PNG per figure beside it,
and two CSVs (``<stem>_panels.csv``: every number compared; ``<stem>_findings.csv``).

Our measures (``study.measure`` reduces each result to them):

- CO2 per MWh and cost per MWh (Fig. 2) divide by all dispatch, storage discharge included, as the study does:
  co2[p] / (generation[p] + storage_discharge[p]) and :func:`~batteryplan.report.metrics.cost_per_mwh_study`
  (existing fleet's capital annuities from ``--case``); both relative to Grid-Low-R's first period.
- transmission (Fig. 3): capacity = Σ lines capacity (GW); received = Σ lines, directions flow·efficiency (TWh/yr;
  GW in the profile); annual cost (billion $/yr). The profile takes the 7th-19th timepoints of the last period in
  time order (the study's rows 366-378 of 432), or from the first when a period has fewer than 7.
- province energy balance (Figs. 4-5): generation by energy-source group, net imports after line losses, battery
  charge and discharge (TWh/yr), demand; Fig. 4 is the period holding 2040.
- discharge shares (Fig. 6): each attachment's share of a province's battery discharge in Mixed-Low-R, last period.

A study row matches our period whose label is the study's period label (2023 … 2048), else whose label is the
study's year (2025 … 2050); the last-period panels (Figs. 3d, 6) use our last period.
"""
from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..domain import ATTACHMENTS
from .findings import Finding, findings
from .metrics import DEFAULT_THRESHOLD, resolve_period
from .study import (BUNDLED_INPUTS, PROVINCES, STUDY_DIR, Measured, Study, existing_capital_of, measure,
                    read_results, read_study)


REFERENCE = "Grid-Low-R"                             # Fig. 2's normaliser
FIG4_YEAR = 2040
COMPONENTS = ("coal", "hydro", "solar", "wind", "net_imports", "battery_charge", "battery_discharge")
GROUP_OF_COMPONENT = {"coal": "Coal", "hydro": "Hydro", "solar": "Solar", "wind": "Wind"}
COLOR = {"RE": "#2ca02c", "Grid": "#1f77b4", "Demand": "#ff7f0e", "Mixed": "#9467bd"}
ATT_COLOR = {"re": "#2ca02c", "grid": "#1f77b4", "demand": "#ff7f0e"}
DPI = 90


# ------------------------------------------------------------------------------------------------ panels

PANEL_COLUMNS = ["figure", "panel", "quantity", "unit", "scenario", "zone", "key", "year", "period",
                 "our_period", "study", "ours"]


def _our_period(periods: Sequence[int], study_period: int, year: int) -> int | None:
    ps = {int(p) for p in periods}
    return study_period if study_period in ps else (year if year in ps else None)


def _lookup(df: pd.DataFrame, column: str, default: float = float("nan"), **where: object) -> float:
    """Σ `column` over the rows matching `where`; `default` when none match."""
    sel = np.ones(len(df), bool)
    for k, v in where.items():
        sel &= (df[k] == v).to_numpy()
    vals = df.loc[sel, column]
    return float(vals.sum()) if len(vals) else default


def _rows(figure: str, panel: str, quantity: str, unit: str, study: pd.DataFrame, column: str,
          ours_of) -> list[dict]:
    """One panel row per study row: the study's `column` and ``ours_of(row)`` (NaN when we have no value)."""
    out = []
    for _, r in study.iterrows():
        ours, our_p = ours_of(r)
        out.append({"figure": figure, "panel": panel, "quantity": quantity, "unit": unit,
                    "scenario": r.get("scenario", ""), "zone": r.get("zone", ""),
                    "key": str(r.get("component", r.get("attachment", r.get("step", "")))),
                    "year": r.get("year", np.nan), "period": r.get("period", np.nan), "our_period": our_p,
                    "study": float(r[column]), "ours": ours})
    return out


def _period_value(ours: dict[str, Measured], column: str, scale: float, normaliser=None):
    """ours_of for a per-period national column of ``Measured.period`` (optionally divided by a reference)."""
    def of(r: pd.Series) -> tuple[float, float]:
        m = ours.get(str(r["scenario"]))
        if m is None:
            return np.nan, np.nan
        p = _our_period(m.period["period"], int(r["period"]), int(r["year"]))
        if p is None:
            return np.nan, np.nan
        v = _lookup(m.period, column, period=p) * scale
        return (v / normaliser if normaliser is not None else v), p
    return of


def _first(ours: dict[str, Measured], name: str, column: str) -> float | None:
    m = ours.get(name)
    if m is None:
        return None
    return float(m.period.sort_values("period")[column].iloc[0])


def panels(study: Study, ours: dict[str, Measured]) -> pd.DataFrame:
    """Every panel of Figs. 2-6 and the national CO2 of Fig. 7: the study's number and ours, row by row."""
    rows: list[dict] = []
    co2_ref, cost_ref = _first(ours, REFERENCE, "co2_per_mwh"), _first(ours, REFERENCE, "cost_per_mwh_study")
    rows += _rows("2", "a", "CO2 per MWh produced, relative to Grid-Low-R's first period", "-", study.fig2,
                  "co2_per_mwh_relative", _period_value(ours, "co2_per_mwh", 1.0, co2_ref or np.nan))
    rows += _rows("2", "b", "system cost per MWh produced, relative to Grid-Low-R's first period", "-", study.fig2,
                  "cost_per_mwh_relative", _period_value(ours, "cost_per_mwh_study", 1.0, cost_ref or np.nan))
    rows += _rows("3", "a", "installed transmission capacity", "GW", study.fig3, "tx_capacity_gw",
                  _period_value(ours, "tx_capacity_mw", 1e-3))
    rows += _rows("3", "b", "transmitted electricity (received)", "TWh/yr", study.fig3, "tx_received_twh",
                  _period_value(ours, "tx_received_mwh_per_yr", 1e-6))
    rows += _rows("3", "c", "annual transmission cost", "billion $/yr", study.fig3, "tx_cost_busd_per_yr",
                  _period_value(ours, "tx_cost_usd_per_yr", 1e-9))

    def profile(r: pd.Series) -> tuple[float, float]:
        m = ours.get(str(r["scenario"]))
        if m is None or int(r["step"]) >= len(m.profile):
            return np.nan, np.nan
        return float(m.profile["tx_received_mw"].iloc[int(r["step"])]) / 1e3, int(m.period["period"].max())
    rows += _rows("3", "d", "transmitted power (received), last period", "GW", study.fig3_profile,
                  "tx_received_gw", profile)

    def balance(r: pd.Series) -> tuple[float, float]:
        m = ours.get(str(r["scenario"]))
        if m is None:
            return np.nan, np.nan
        p = resolve_period(m.period["period"], FIG4_YEAR)
        if r["zone"] not in set(m.zone["zone"]):
            return np.nan, p
        return _zone_component(m, str(r["zone"]), p, str(r["component"])) / 1e6, p
    rows += _rows("4", "a", "energy balance in 2040", "TWh/yr", study.fig4, "twh_per_yr", balance)
    dem = study.fig4_demand.assign(scenario=REFERENCE, component="demand")
    rows += _rows("4", "b", "demand in 2040 (ours: Grid-Low-R)", "TWh/yr", dem, "demand_twh_per_yr", balance)
    for panel, column, comp in (("a", "coal_twh_per_yr", "coal"),
                                ("b", "battery_discharge_twh_per_yr", "battery_discharge")):
        def zone_value(r: pd.Series, comp: str = comp) -> tuple[float, float]:
            m = ours.get(str(r["scenario"]))
            if m is None:
                return np.nan, np.nan
            p = _our_period(m.period["period"], int(r["period"]), int(r["year"]))
            if p is None or r["zone"] not in set(m.zone["zone"]):
                return np.nan, np.nan if p is None else p
            return _zone_component(m, str(r["zone"]), p, comp) / 1e6, p
        rows += _rows("5", panel, f"{comp.replace('_', ' ')} in the province", "TWh/yr", study.fig5, column,
                      zone_value)

    def share(r: pd.Series) -> tuple[float, float]:
        m = ours.get(str(r["scenario"]))
        if m is None:
            return np.nan, np.nan
        p = int(m.period["period"].max())
        za = m.zone_attachment
        return _lookup(za, "discharge_share", zone=r["zone"], attachment=r["attachment"], period=p), p
    rows += _rows("6", "a", "share of the province's battery discharge, last period", "-", study.fig6, "share",
                  share)
    rows += _rows("7", "a", "national CO2", "Mt/yr", study.national_co2, "co2_mt_per_yr",
                  _period_value(ours, "co2_t_per_yr", 1e-6))
    return pd.DataFrame(rows, columns=PANEL_COLUMNS)


def _zone_component(m: Measured, zone: str, period: int, component: str) -> float:
    """A component of a province's balance (MWh/yr), as :data:`COMPONENTS` names them, or ``demand``."""
    if component in GROUP_OF_COMPONENT:
        return _lookup(m.zone_group, "generation_mwh_per_yr", 0.0, zone=zone, period=period,
                       group=GROUP_OF_COMPONENT[component])
    column = {"net_imports": "net_imports_mwh_per_yr", "battery_charge": "battery_charge_mwh_per_yr",
              "battery_discharge": "battery_discharge_mwh_per_yr", "demand": "demand_mwh_per_yr"}[component]
    return _lookup(m.zone, column, zone=zone, period=period)


# ------------------------------------------------------------------------------------------------ figures

def _figure(w: float, h: float) -> Figure:
    return Figure(figsize=(w, h), dpi=DPI, layout="constrained")


def _strategy(scenario: str) -> str:
    return str(scenario).split("-", 1)[0]


def _lines(ax, rows: pd.DataFrame, x: str, ylabel: str) -> None:
    """Study (dashed, open markers) and ours (solid, filled) per scenario, coloured by strategy."""
    for sc, d in rows.groupby("scenario", sort=False):
        d = d.sort_values(x)
        color = COLOR.get(_strategy(sc), "#555555")
        ax.plot(d[x], d["study"], linestyle="--", marker="o", markerfacecolor="white", color=color, linewidth=1,
                markersize=4, label=f"{sc} study")
        if d["ours"].notna().any():
            ax.plot(d[x], d["ours"], linestyle="-", marker="o", color=color, linewidth=1.4, markersize=4,
                    label=f"{sc} ours")
    ax.set_ylabel(ylabel, fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3, linewidth=0.5)


def _panel(table: pd.DataFrame, figure: str, panel: str) -> pd.DataFrame:
    return table[(table["figure"] == figure) & (table["panel"] == panel)]


def _legend(fig: Figure, ax) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside right upper", fontsize=7, frameon=False)


def draw_fig2(table: pd.DataFrame) -> Figure:
    fig = _figure(10, 3.6)
    axs = fig.subplots(1, 2)
    for ax, panel, label in zip(axs, "ab", ("CO2 per MWh / Grid-Low-R first period",
                                            "cost per MWh / Grid-Low-R first period")):
        _lines(ax, _panel(table, "2", panel), "year", label)
    _legend(fig, axs[0])
    fig.suptitle("Fig. 2: national CO2 and system cost per MWh produced, relative (study dashed, ours solid)",
                 fontsize=9)
    return fig


def draw_fig3(table: pd.DataFrame) -> Figure:
    fig = _figure(10, 6)
    axs = fig.subplots(2, 2)
    for ax, panel, label in zip(axs.ravel(), "abc", ("installed capacity (GW)", "received (TWh/yr)",
                                                      "annual cost (billion $/yr)")):
        _lines(ax, _panel(table, "3", panel), "year", label)
    _lines(axs[1, 1], _panel(table, "3", "d"), "key_num", "transmitted power, last period (GW)")
    axs[1, 1].set_xlabel("timepoint (7th-19th of the last period)", fontsize=7)
    _legend(fig, axs[0, 0])
    fig.suptitle("Fig. 3: transmission, Low-R (study dashed, ours solid)", fontsize=9)
    return fig


def draw_fig4(table: pd.DataFrame) -> Figure:
    rows = _panel(table, "4", "a")
    fig = _figure(10, 3.8)
    axs = fig.subplots(1, len(PROVINCES))
    scen = list(dict.fromkeys(rows["scenario"]))
    width = 0.8 / (2 * max(len(scen), 1))
    x = np.arange(len(COMPONENTS))
    for ax, zone in zip(axs, PROVINCES):
        d = rows[rows["zone"] == zone]
        for k, sc in enumerate(scen):
            e = d[d["scenario"] == sc].set_index("key").reindex(list(COMPONENTS))
            color = COLOR.get(_strategy(sc), "#555555")
            ax.bar(x + (2 * k) * width, e["study"], width, color=color, alpha=0.35, hatch="//", label=f"{sc} study")
            ax.bar(x + (2 * k + 1) * width, e["ours"], width, color=color, label=f"{sc} ours")
        ax.set_xticks(x + width * (len(scen) - 0.5))
        ax.set_xticklabels([c.replace("_", " ") for c in COMPONENTS], fontsize=7, rotation=30, ha="right")
        ax.axhline(0, color="black", linewidth=0.5)
        ax.set_title(zone, fontsize=8)
        ax.set_ylabel("TWh/yr", fontsize=8)
        ax.tick_params(labelsize=7)
    _legend(fig, axs[0])
    fig.suptitle("Fig. 4: province energy balance in 2040, Low-R (hatched: study)", fontsize=9)
    return fig


def draw_fig5(table: pd.DataFrame) -> Figure:
    fig = _figure(10, 6)
    axs = fig.subplots(2, len(PROVINCES))
    for i, (panel, label) in enumerate((("a", "coal generation (TWh/yr)"), ("b", "battery discharge (TWh/yr)"))):
        rows = _panel(table, "5", panel)
        for j, zone in enumerate(PROVINCES):
            _lines(axs[i, j], rows[rows["zone"] == zone], "year", label)
            axs[i, j].set_title(zone, fontsize=8)
    _legend(fig, axs[0, 0])
    fig.suptitle("Fig. 5: coal generation and battery discharge, Low-R (study dashed, ours solid)", fontsize=9)
    return fig


def draw_fig6(table: pd.DataFrame) -> Figure:
    rows = _panel(table, "6", "a")
    zones = list(dict.fromkeys(rows["zone"]))
    fig = _figure(11, 5.5)
    axs = fig.subplots(2, 1, sharex=True)
    x = np.arange(len(zones))
    for ax, column, title in zip(axs, ("study", "ours"), ("study", "ours")):
        bottom = np.zeros(len(zones))
        for att in ATTACHMENTS:
            v = rows[rows["key"] == att].set_index("zone").reindex(zones)[column].fillna(0.0).to_numpy()
            ax.bar(x, v, 0.7, bottom=bottom, color=ATT_COLOR[att], label=att)
            bottom += v
        ax.set_ylabel(f"share, {title}", fontsize=8)
        ax.set_ylim(0, 1)
        ax.tick_params(labelsize=7)
    axs[1].set_xticks(x)
    axs[1].set_xticklabels(zones, rotation=90, fontsize=7)
    _legend(fig, axs[0])
    fig.suptitle("Fig. 6: share of each province's battery discharge by attachment, Mixed-Low-R, last period "
                 "(no bar: no battery discharge, or the province is not in the results)", fontsize=9)
    return fig


def draw_national_co2(table: pd.DataFrame, ours: dict[str, Measured]) -> Figure:
    fig = _figure(9, 4)
    ax = fig.subplots()
    rows = _panel(table, "7", "a")
    for sc, d in rows.groupby("scenario", sort=False):
        ax.plot(d["period"], d["study"], linestyle="--", marker="o", markerfacecolor="white",
                color=COLOR.get(_strategy(sc), "#555555"), linewidth=1, markersize=4, label=f"{sc} study")
    for name, m in ours.items():
        d = m.period.sort_values("period")
        ax.plot(d["period"], d["co2_t_per_yr"] / 1e6, color=COLOR.get(_strategy(name), "#555555"), linewidth=1.2,
                linestyle="-" if "-Low-" in name else ":", label=f"{name} ours")
    ax.set_ylabel("national CO2 (Mt/yr)", fontsize=8)
    ax.set_xlabel("period", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3, linewidth=0.5)
    _legend(fig, ax)
    fig.suptitle("National CO2 per period: the study's Grid-Low-R and Grid-High-R (dashed) and every scenario of "
                 "ours", fontsize=9)
    return fig


# ------------------------------------------------------------------------------------------------ the page

def _num(v: float) -> str:
    if v is None or (isinstance(v, float) and not np.isfinite(v)):
        return "—"
    a = abs(v)
    return f"{v:,.0f}" if a >= 100 else f"{v:.2f}" if a >= 1 else f"{v:.3f}"


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    esc = [[str(c).replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in esc]
    return "\n".join(lines)


def _pivot(rows: pd.DataFrame, index: Sequence[str], column: str) -> str:
    """A markdown table with one row per `index` and one column per value of `column`; cells 'study / ours'."""
    cols = list(dict.fromkeys(rows[column]))
    labels = [str(int(c)) if isinstance(c, float) and float(c).is_integer() else str(c) for c in cols]
    out = []
    for key, d in rows.groupby(list(index), sort=False):
        key = key if isinstance(key, tuple) else (key,)
        cells = []
        for c in cols:
            e = d[d[column] == c]
            cells.append(f"{_num(float(e['study'].iloc[0]))} / {_num(float(e['ours'].iloc[0]))}" if len(e) else "")
        out.append([*map(str, key), *cells])
    return _md_table([*index, *labels], out)


FIGURE_TEXT = {
    "2": ("Fig. 2: national CO2 and cost per MWh, relative to Grid-Low-R's first period",
          [("a", ("scenario",), "year"), ("b", ("scenario",), "year")]),
    "3": ("Fig. 3: transmission, Low-R", [("a", ("scenario",), "year"), ("b", ("scenario",), "year"),
                                          ("c", ("scenario",), "year"), ("d", ("scenario",), "key")]),
    "4": ("Fig. 4: energy balance of Chongqing and W. Inner Mongolia in 2040, Low-R",
          [("a", ("zone", "key"), "scenario"), ("b", ("zone",), "scenario")]),
    "5": ("Fig. 5: coal generation and battery discharge in Chongqing and W. Inner Mongolia, Low-R",
          [("a", ("zone", "scenario"), "year"), ("b", ("zone", "scenario"), "year")]),
    "6": ("Fig. 6: share of battery discharge by attachment, Mixed-Low-R", [("a", ("zone",), "key")]),
}


PANEL_NOTES = {
    ("2", "b"): "Ours: (annual system cost + the existing fleet's capital annuities of --case) / (generation + "
                "storage discharge), as the study's SWITCH-China charges and divides.",
    ("3", "b"): "The study's time basis is uncertain (read per year, its 2025 flow exceeds its installed capacity; "
                "see SOURCES.md): compare strategies with each other rather than levels.",
    ("3", "d"): "Columns: the 7th to 19th timepoint of the last period in time order (the study's hours 0, 4, ..., "
                "24, 4, ..., 24 of its 2050).",
    ("6", "a"): "The study's period is not stated; read as its last (it saved the figure as 2050). Ours: our last "
                "period, one optimal split (see the Mixed split finding for the range).",
}


@dataclasses.dataclass
class Fidelity:
    out: Path
    files: list[Path]
    scenarios: list[str]
    missing: list[str]
    findings: list[Finding]
    panels: pd.DataFrame


def _save_png(fig: Figure, path: Path) -> Path:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    path.write_bytes(buf.getvalue())
    return path


def write_fidelity(results: str | Path, out: str | Path = "docs/fidelity.md", *, case: str | Path | None = None,
                   split_range_csv: str | Path | None = None, crossover_csv: str | Path | None = None,
                   threshold: float = DEFAULT_THRESHOLD, study_dir: str | Path = STUDY_DIR,
                   note: str | None = None) -> Fidelity:
    """Measure the results in `results` against the study and write the page `out` with its figures beside it;
    `note` (what the results are: case version, carbon path, machine) is printed under the title."""
    from ..scenarios import PAPER, all_names
    study = read_study(study_dir)
    loaded, notes = read_results(results)
    capital, capital_note = existing_capital_of(case)
    if capital_note:
        notes.append(capital_note)
    folder = Path(case) if case is not None else BUNDLED_INPUTS
    folder_name = folder.parent.name if folder.name == "inputs" else folder.name
    other = sorted({str(res.case_name) for _, _, res in loaded} - {folder_name})
    if other:
        notes.append(f"results of case(s) {', '.join(other)} read with the capital annuities of case "
                     f"'{folder_name}' ({folder}); give the results' own inputs folder with --case")
    ours: dict[str, Measured] = {}
    rank = {n: k for k, n in enumerate(all_names())}
    loaded = sorted(loaded, key=lambda e: (rank.get(e[0], len(rank)), e[0]))
    for name, path, res in loaded:
        if name in ours:
            notes.append(f"{path.name}: a second result of {name}; the first one read is used")
            continue
        ours[name] = measure(name, res, capital, threshold)
    table = panels(study, ours)
    table["key_num"] = pd.to_numeric(table["key"], errors="coerce")
    bounds = None
    mixed = [path for name, path, _ in loaded if name == "Mixed-Low-R"]
    if not split_range_csv and mixed:
        from ..errors import CaseError
        from .split_bounds import relabel_bounds
        try:
            bounds = relabel_bounds(mixed[0], PROVINCES, folder)
        except (CaseError, OSError, KeyError, ValueError) as exc:
            notes.append(f"the Mixed split's relabelling bounds were not computed: {exc}")
    found = findings(study, ours, Path(split_range_csv) if split_range_csv else None,
                     Path(crossover_csv) if crossover_csv else None, bounds)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stem = out.stem
    drawn = {"2": draw_fig2(table), "3": draw_fig3(table), "4": draw_fig4(table), "5": draw_fig5(table),
             "6": draw_fig6(table), "co2": draw_national_co2(table, ours)}
    files = [_save_png(fig, out.parent / f"{stem}_fig{key}.png") for key, fig in drawn.items()]
    p_panels, p_findings = out.parent / f"{stem}_panels.csv", out.parent / f"{stem}_findings.csv"
    table.drop(columns="key_num").to_csv(p_panels, index=False)
    pd.DataFrame([dataclasses.asdict(f) for f in found]).to_csv(p_findings, index=False)
    files += [p_panels, p_findings]
    missing = [n for n in PAPER if n not in ours]
    page = _page(results, case, loaded, ours, missing, notes, found, table, stem, threshold, note)
    out.write_text(page, encoding="utf-8")
    files.append(out)
    return Fidelity(out, files, list(ours), missing, found, table.drop(columns="key_num"))


def _page(results, case, loaded, ours: dict[str, Measured], missing: list[str], notes: list[str],
          found: list[Finding], table: pd.DataFrame, stem: str, threshold: float, note: str | None = None) -> str:
    parts = ["# Fidelity to the study: Peng et al., Nature Communications 2023", ""]
    if note:
        parts += [f"**About these results:** {note}", ""]
    parts += [
             f"Written by `batteryplan fidelity` from `{results}` ({len(ours)} scenario(s): {', '.join(ours)}); "
             f"existing-fleet capital annuities from {('`' + str(case) + '`') if case else 'the bundled China case'}; "
             f"province classes with θ = {threshold:g}. Each table cell is *study / ours* in the study's units and "
             "normalisation; — marks a number we do not have. The study's numbers come from its Source Data "
             "(`batteryplan/cases/china/study/SOURCES.md` says which cells and how the study computed them).", ""]
    cases = sorted({str(res.case_name) for _, _, res in loaded})
    parts += [f"Case(s) of the results: {', '.join(cases)}.", ""]
    parts += ["Missing among the study's 20 scenarios: " + (", ".join(missing) if missing else "none") + ".", ""]
    if notes:
        parts += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    parts += ["## Findings", "", _md_table(["finding", "verdict", "measured", "rule"],
                                           [[f.claim, f"**{f.verdict}**", f.numbers or "—", f.rule] for f in found]),
              ""]
    for key, (title, specs) in FIGURE_TEXT.items():
        parts += [f"## {title}", "", f"![{title}]({stem}_fig{key}.png)", ""]
        for panel, index, column in specs:
            rows = _panel(table, key, panel)
            if rows.empty:
                continue
            first = rows.iloc[0]
            parts += [f"**{key}{panel}. {first['quantity']}** ({first['unit']})", ""]
            if (key, panel) in PANEL_NOTES:
                parts += [PANEL_NOTES[(key, panel)], ""]
            parts += [_pivot(rows, index, column), ""]
    co2 = _panel(table, "7", "a")
    parts += ["## National CO2 per period (Mt/yr)", "", f"![national CO2]({stem}_figco2.png)", "",
              "The study's national CO2 (its Fig. 7, Grid-Low-R and Grid-High-R only) beside ours:", "",
              _pivot(co2, ("scenario",), "year"), "", "Ours, every scenario present, by our period label:", ""]
    periods = sorted({int(p) for m in ours.values() for p in m.period["period"]})
    rows = [[name, *(_num(_lookup(m.period, "co2_t_per_yr", period=p) / 1e6) for p in periods)]
            for name, m in ours.items()]
    parts += [_md_table(["scenario", *map(str, periods)], rows), ""]
    parts += ["## What the study's Source Data holds", "",
              "Figs. 2-6: every quantity tabulated here, all under low carbon prices and rapid battery cost decrease "
              "(Low-R) and for RE, Grid and Demand (Fig. 6: Mixed-Low-R). Nothing for the other 16 scenarios, and no "
              "number for the carbon-price crossover (the 66 x Low is from the study's text).", ""]
    return "\n".join(parts)
