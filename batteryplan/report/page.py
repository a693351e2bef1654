"""``batteryplan report``: the study's figures and tables from result files or a sweep catalog, on one page.

    write_report(["Grid-Low-R.h5", "Mixed-Low-R.h5"], "report/")     # or ["sweep/catalog.csv"]

writes into the output folder:

- ``fig1_national``, ``fig2_transmission``, ``fig3_province_balance``, ``fig4_coal_battery``,
  ``fig5_discharge_share``, ``fig6a_battery_capacity``, ``fig6b_price_duration``: each as ``.png``, ``.svg``
  (matplotlib, no pyplot state, so no display is needed) and ``.csv`` (the numbers it plots);
- ``metrics_<table>.csv``: the :func:`batteryplan.metrics` tables of every result, concatenated;
- ``scenarios.csv``: what was read (scenario, file, status, objective);
- ``index.html``: one self-contained page (PNG images embedded as base64, tables inline, no external assets).

A catalog is a CSV or Parquet file with a ``file`` column (paths relative to the catalog's folder), as
``batteryplan sweep`` writes; a folder stands for its ``catalog.parquet`` (else ``catalog.csv``). Rows whose
``status`` is set and is not "optimal" (any case), or that name no file, are skipped and listed on the page.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import html
import io
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .metrics import CLASSES, DEFAULT_THRESHOLD, metrics, resolve_period
from .figures import (
    Drawn,
    Tables,
    fig_balance,
    fig_battery_capacity,
    fig_coal_battery,
    fig_discharge_share,
    fig_national,
    fig_price_duration,
    fig_transmission,
    zone_scope,
)

log = logging.getLogger(__name__)

DEFAULT_PROVINCES = ("Chongqing", "West Inner Mongolia")
DEFAULT_YEAR = 2040
CATALOG_SUFFIXES = (".csv", ".parquet", ".pq")
STRATEGY_ORDER = ("Grid", "RE", "Demand", "Mixed")
CARBON_ORDER = ("Low", "High")
COST_ORDER = ("B", "M", "R")
FIGURES = ("fig1_national", "fig2_transmission", "fig3_province_balance", "fig4_coal_battery",
           "fig5_discharge_share", "fig6a_battery_capacity", "fig6b_price_duration")


class ReportError(ValueError):
    """A report input that cannot be used (unreadable file, bad catalog, unknown province or scenario)."""


@dataclasses.dataclass
class Loaded:
    name: str
    path: Path
    result: object


@dataclasses.dataclass
class Report:
    out: Path
    files: list[Path]
    figures: list[str]
    scenarios: list[str]
    provinces: list[str]
    period: int
    focus: str
    notes: list[str]


# ------------------------------------------------------------------------------------------------ inputs

def _read_catalog(path: Path) -> pd.DataFrame:
    try:
        df = pd.read_parquet(path) if path.suffix.lower() in (".parquet", ".pq") else pd.read_csv(path)
    except Exception as exc:  # pandas raises many types for a bad file; name the file instead
        raise ReportError(f"{path}: cannot read the catalog ({exc})") from exc
    if "file" not in df.columns:
        raise ReportError(f"{path}: a catalog needs a 'file' column (it has {', '.join(map(str, df.columns))})")
    return df


def load_inputs(paths: Iterable[str | Path]) -> tuple[list[Loaded], list[str]]:
    """Result files and catalogs -> loaded results (in argument / catalog order) and notes on skipped rows."""
    from ..io.results import read_result
    from ..result import NO_PRICES
    loaded: list[Loaded] = []
    notes: list[str] = []

    def add(p: Path, fallback: str) -> None:
        try:
            res = read_result(p)
        except (OSError, ValueError, KeyError) as exc:
            raise ReportError(f"{p}: not a readable batteryplan result file ({exc})") from exc
        name = str((res.scenario or {}).get("name") or fallback or p.stem)
        if not res.has_prices:
            notes.append(f"{name}: {NO_PRICES}; its price curves are empty")
        loaded.append(Loaded(name, p, res))

    for arg in paths:
        p = Path(arg)
        if p.is_dir():                                  # a sweep folder: its catalog
            found = [p / f"catalog{s}" for s in (".parquet", ".csv") if (p / f"catalog{s}").is_file()]
            if not found:
                raise ReportError(f"{p}: a folder must hold a sweep's catalog.parquet or catalog.csv")
            p = found[0]
        if p.suffix.lower() in CATALOG_SUFFIXES:
            cat = _read_catalog(p)
            for k, row in cat.iterrows():
                label = str(row.get("name", "")) if pd.notna(row.get("name", "")) else ""
                status = row.get("status", "")
                status = "" if pd.isna(status) else str(status).strip()
                file = row["file"]
                where = f"{p.name} row {k + 2}" + (f" ({label})" if label else "")
                if status and status.lower() != "optimal":
                    notes.append(f"{where}: skipped, status '{status}'")
                    continue
                if pd.isna(file) or not str(file).strip():
                    notes.append(f"{where}: skipped, no result file")
                    continue
                f = Path(str(file).strip())
                f = f if f.is_absolute() else p.parent / f
                if not f.is_file():
                    notes.append(f"{where}: skipped, {f} does not exist")
                    continue
                add(f, label)
        else:
            if not p.is_file():
                raise ReportError(f"{p}: no such result file")
            add(p, p.stem)
    if not loaded:
        raise ReportError("no results to report on" + (": " + "; ".join(notes) if notes else ""))
    seen: dict[str, int] = {}
    for e in loaded:                                    # the same scenario from two files: keep both, apart
        seen[e.name] = seen.get(e.name, 0) + 1
    for e in loaded:
        if seen[e.name] > 1:
            e.name = f"{e.name} ({e.path.stem})"
    return loaded, notes


def _rank(value: str, order: Sequence[str]) -> int:
    return order.index(value) if value in order else len(order)


def _order(scen: pd.DataFrame) -> pd.DataFrame:
    key = pd.DataFrame({
        "s": scen["strategy"].map(lambda v: _rank(v, STRATEGY_ORDER)),
        "c": scen["carbon"].map(lambda v: _rank(v, CARBON_ORDER)),
        "m": scen["carbon_multiplier"], "b": scen["battery_cost"].map(lambda v: _rank(v, COST_ORDER)),
        "i": np.arange(len(scen))})
    return scen.loc[key.sort_values(["s", "c", "m", "b", "i"]).index].reset_index(drop=True)


def _tx_profile(name: str, res, period: int, n_days: int = 2) -> pd.DataFrame:
    """Power sent on all lines (both directions) in the first `n_days` timeseries of `period`."""
    ix = res.index
    tp_period = np.asarray(ix["timepoint_period"]).astype(int)
    ts = np.asarray(ix["timepoint_timeseries"]).astype(str)
    sel = np.flatnonzero(tp_period == period)
    days = list(dict.fromkeys(ts[sel]))[:n_days]
    sel = sel[np.isin(ts[sel], days)]
    flow = np.asarray(res.arrays.get("tx_flow_mw", np.zeros((0, 2, len(tp_period)))), dtype=float)
    dur = np.asarray(ix["timepoint_duration_h"], dtype=float)
    hour = np.concatenate([[0.0], np.cumsum(dur[sel])[:-1]]) if len(sel) else np.zeros(0)
    return pd.DataFrame({"scenario": name, "period": period, "timeseries": ts[sel],
                         "timepoint": np.asarray(ix["timepoints"])[sel], "hour": hour, "duration_h": dur[sel],
                         "tx_sent_mw": flow[:, :, sel].sum(axis=(0, 1)) if flow.shape[0] else np.zeros(len(sel))})


def _prices(name: str, res) -> pd.DataFrame:
    ix = res.index
    zones = np.asarray(ix["zones"]).astype(str)
    price = np.asarray(res.arrays["price_per_mwh"], dtype=float)
    n_zone, n_tp = price.shape
    zz, tt = np.meshgrid(np.arange(n_zone), np.arange(n_tp), indexing="ij")
    return pd.DataFrame({"scenario": name, "zone": zones[zz.ravel()],
                         "period": np.asarray(ix["timepoint_period"]).astype(int)[tt.ravel()],
                         "timepoint": np.asarray(ix["timepoints"])[tt.ravel()],
                         "weight_h": np.asarray(ix["timepoint_weight_in_year_h"], dtype=float)[tt.ravel()],
                         "price_per_mwh": price.ravel()})


def build_tables(loaded: Sequence[Loaded], period: int, threshold: float,
                 battery_techs: Sequence[str] | None) -> tuple[Tables, dict[str, pd.DataFrame]]:
    """Metric tables of every result, concatenated (with the scenario order), and the raw per-table frames."""
    parts: dict[str, list[pd.DataFrame]] = {}
    scen_rows, prof, prices = [], [], []
    for e in loaded:
        m = metrics(e.result, threshold=threshold, battery_techs=battery_techs, name=e.name)
        for tname, df in m.tables().items():
            df = df.copy()
            df["scenario"] = e.name
            parts.setdefault(tname, []).append(df)
        first = m.period.iloc[0]
        scen_rows.append({"scenario": e.name, "strategy": first["strategy"], "carbon": first["carbon"],
                          "battery_cost": first["battery_cost"], "carbon_multiplier": first["carbon_multiplier"],
                          "case": e.result.case_name, "file": str(e.path), "status": e.result.status,
                          "objective_npv_usd": e.result.objective,
                          "demand_from_balance": m.demand_from_balance})
        prof.append(_tx_profile(e.name, e.result, period))
        prices.append(_prices(e.name, e.result))
    tables = {k: pd.concat(v, ignore_index=True) for k, v in parts.items()}
    scen = _order(pd.DataFrame(scen_rows))
    tables["scenarios"] = scen
    t = Tables(tables["period"], tables["zone"], tables["zone_tech"], tables["zone_attachment"], tables["line"],
               scen, pd.concat(prof, ignore_index=True), pd.concat(prices, ignore_index=True))
    return t, tables


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def resolve_provinces(requested: Sequence[str] | None, t: Tables, focus: str, period: int) -> tuple[list[str], str]:
    """Zone labels for `requested` names (matched ignoring case, spaces and underscores), and a note.

    Without a request the defaults (Chongqing, West Inner Mongolia) are used if present; otherwise the focus
    scenario's provinces with the highest and the lowest generation / demand ratio in `period`."""
    zones = list(dict.fromkeys(t.zone["zone"]))
    by_norm = {_norm(z): z for z in zones}
    if requested:
        missing = [p for p in requested if _norm(p) not in by_norm]
        if missing:
            raise ReportError(f"province(s) {', '.join(missing)} not in the results; zones: {', '.join(zones)}")
        return [by_norm[_norm(p)] for p in requested], ""
    found = [by_norm[_norm(p)] for p in DEFAULT_PROVINCES if _norm(p) in by_norm]
    if found:
        return found, ""
    z = t.zone[(t.zone["scenario"] == focus) & (t.zone["period"] == period)].sort_values(
        "generation_to_demand_ratio", ascending=False)
    pick = list(dict.fromkeys([z["zone"].iloc[0], z["zone"].iloc[-1]]))
    return pick, (f" The default provinces ({', '.join(DEFAULT_PROVINCES)}) are not in these results; shown: "
                  f"{', '.join(pick)} (highest and lowest generation/demand ratio in {focus}, {period}).")


# ------------------------------------------------------------------------------------------------ output

def _save(d: Drawn, out: Path) -> tuple[list[Path], bytes]:
    png = io.BytesIO()
    d.figure.savefig(png, format="png", dpi=d.figure.dpi, metadata={"Software": None})
    data = png.getvalue()
    d.figure.set_layout_engine("none")       # the layout is done: keep it for the SVG instead of redoing it
    p_png, p_svg, p_csv = out / f"{d.key}.png", out / f"{d.key}.svg", out / f"{d.key}.csv"
    p_png.write_bytes(data)
    d.figure.savefig(p_svg, format="svg", metadata={"Date": None, "Creator": None})
    d.data.to_csv(p_csv, index=False)
    return [p_png, p_svg, p_csv], data


def _table_html(df: pd.DataFrame, fmt: dict[str, str] | None = None) -> str:
    fmt = fmt or {}
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = []
    for _, r in df.iterrows():
        cells = []
        for c in df.columns:
            v = r[c]
            if isinstance(v, (float, np.floating)):
                txt = "" if np.isnan(v) else format(v, fmt.get(c, ",.3g"))
                cells.append(f'<td class="n">{txt}</td>')
            else:
                cells.append(f"<td>{html.escape(str(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1240px;color:#222;
line-height:1.4;padding:0 16px}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
figure{margin:1em 0 2em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.88em;color:#444;max-width:1000px}
table{border-collapse:collapse;font-size:.8em;margin:.5em 0}td,th{border:1px solid #ddd;padding:2px 6px}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555;font-size:.9em}.files a{margin-right:.8em}nav a{margin-right:1em}
"""


def _html(rep: Report, drawn: Sequence[tuple[Drawn, bytes]], t: Tables, threshold: float) -> str:
    esc = html.escape
    nav = " ".join(f'<a href="#{d.key}">{esc(d.title.split(" ", 1)[0].rstrip("."))}</a>' for d, _ in drawn)
    figs = []
    for d, png in drawn:
        b64 = base64.b64encode(png).decode("ascii")
        figs.append(
            f'<section id="{d.key}"><h2>{esc(d.title)}</h2><figure>'
            f'<img alt="{esc(d.title)}" src="data:image/png;base64,{b64}">'
            f"<figcaption>{esc(d.caption)}</figcaption></figure>"
            f'<p class="files">Files: <a href="{d.key}.svg">{d.key}.svg</a><a href="{d.key}.png">{d.key}.png</a>'
            f'<a href="{d.key}.csv">{d.key}.csv</a></p></section>')
    per = t.period
    co2 = per.pivot_table(index="scenario", columns="period", values="co2_t_per_yr", sort=False) / 1e6
    cost = per.pivot_table(index="scenario", columns="period", values="electricity_cost_usd_per_mwh", sort=False)
    order = list(t.scenarios["scenario"])
    co2, cost = co2.reindex(order), cost.reindex(order)
    co2.columns = [str(c) for c in co2.columns]
    cost.columns = [str(c) for c in cost.columns]
    z = t.zone[(t.zone["scenario"] == rep.focus) & (t.zone["period"] == rep.period)].copy()
    z["rank"] = z["province_class"].map({c: k for k, c in enumerate(CLASSES)})
    z = z.sort_values(["rank", "generation_to_demand_ratio"], ascending=[True, False])
    cls = pd.DataFrame({"zone": z["zone"], "generation (TWh/yr)": z["generation_mwh_per_yr"] / 1e6,
                        "demand (TWh/yr)": z["demand_mwh_per_yr"] / 1e6,
                        "ratio r": z["generation_to_demand_ratio"], "class": z["province_class"]})
    inputs = t.scenarios[["scenario", "case", "status", "objective_npv_usd", "file"]].copy()
    inputs["file"] = inputs["file"].map(lambda f: Path(f).name)
    notes = "".join(f"<li>{esc(n)}</li>" for n in rep.notes)
    tables = " ".join(f'<a href="{esc(p.name)}">{esc(p.name)}</a>' for p in rep.files
                      if p.name.startswith(("metrics_", "scenarios")))
    created = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    from .. import __version__
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>batteryplan report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head><body>
<h1>batteryplan report</h1>
<p class="meta">{len(order)} scenario(s); provinces {esc(', '.join(rep.provinces))}; period {rep.period}
(the period holding the chosen year); focus scenario for figures 5&ndash;6: {esc(rep.focus)}; province threshold
&theta; = {threshold:g}. batteryplan {esc(__version__)}, {esc(created)}.</p>
<nav>{nav} <a href="#tables">Tables</a></nav>
{''.join(figs)}
<section id="tables"><h2>Tables</h2>
<h3>Inputs</h3>{_table_html(inputs, {"objective_npv_usd": ",.6g"})}
{"<h3>Notes</h3><ul>" + notes + "</ul>" if notes else ""}
<h3>CO&#8322; (Mt/yr), {esc(zone_scope(t))}</h3>{_table_html(co2.reset_index(), {c: ",.1f" for c in co2.columns})}
<h3>Electricity cost ($/MWh)</h3>{_table_html(cost.reset_index(), {c: ",.2f" for c in cost.columns})}
<h3>Province classes, {esc(rep.focus)}, {rep.period}</h3>
<p class="meta">r = annual local generation (non-storage projects) / annual demand; supply if r &gt; {1 + threshold:g},
demand if r &lt; {1 - threshold:g}, neutral otherwise.</p>
{_table_html(cls, {"generation (TWh/yr)": ",.2f", "demand (TWh/yr)": ",.2f", "ratio r": ".3f"})}
<p class="files">CSV tables: {tables}</p>
</section></body></html>
"""


def write_report(inputs: Iterable[str | Path], out: str | Path, *, provinces: Sequence[str] | None = None,
                 year: int | None = DEFAULT_YEAR, threshold: float = DEFAULT_THRESHOLD, focus: str | None = None,
                 battery_techs: Sequence[str] | None = None) -> Report:
    """Read result files and/or catalogs (`inputs`) and write the report into folder `out`.

    `provinces`: zones for figures 3, 4 and 6b (default Chongqing and West Inner Mongolia, when present);
    `year`: the period holding this year (default 2040; ``None`` = last period); `threshold`: θ of the
    supply / neutral / demand classification; `focus`: scenario of figures 6a and 6b, and of figure 5 when
    there is no Mixed scenario (default: the first Mixed scenario, else the first scenario).
    """
    loaded, notes = load_inputs(inputs)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    all_periods = sorted({int(p) for e in loaded for p in np.asarray(e.result.index["periods"])})
    period = resolve_period(all_periods, year)
    t, tables = build_tables(loaded, period, threshold, battery_techs)
    names = list(t.scenarios["scenario"])
    mixed = list(t.scenarios.loc[t.scenarios["strategy"] == "Mixed", "scenario"])
    if focus is not None:
        if focus not in names:
            raise ReportError(f"focus scenario '{focus}' is not among the results ({', '.join(names)})")
    else:
        focus = mixed[0] if mixed else names[0]
    zones, pnote = resolve_provinces(provinces, t, focus, period)
    if pnote:
        notes.append(pnote.strip())
    share_scen = mixed or [focus]
    snote = "" if mixed else f" No Mixed scenario among the inputs: showing {focus}."
    if snote:
        notes.append(snote.strip())
    if year is not None and period != year:
        notes.append(f"year {year} lies in period {period} (periods are labelled by their first year)")
    drawn = [fig_national(t), fig_transmission(t, period), fig_balance(t, zones, period),
             fig_coal_battery(t, zones), fig_discharge_share(t, share_scen, period, threshold, snote),
             fig_battery_capacity(t, focus, period), fig_price_duration(t, focus, period, zones)]
    files: list[Path] = []
    saved = []
    for d in drawn:
        paths, png = _save(d, out)
        files += paths
        saved.append((d, png))
    for name, df in tables.items():
        p = out / ("scenarios.csv" if name == "scenarios" else f"metrics_{name}.csv")
        df.to_csv(p, index=False)
        files.append(p)
    rep = Report(out, files, [d.key for d in drawn], names, zones, period, focus, notes)
    index = out / "index.html"
    index.write_text(_html(rep, saved, t, threshold), encoding="utf-8")
    rep.files.append(index)
    return rep
