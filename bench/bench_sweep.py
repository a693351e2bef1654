"""Sweep benchmark: cold vs warm seconds per scenario, and sweep wall time serial vs 2 workers.

Not a pytest-benchmark test in the usual sense: every number is one long solve, so it runs as a script
and writes a JSON report (plus a Markdown summary on stdout)::

    python bench/bench_sweep.py --case china                       # the bundled China case (hours)
    python bench/bench_sweep.py --case slice8 --periods 2023,2048  # 8 provinces of it, via slice_case
    python bench/bench_sweep.py --case PATH/inputs --methods ipm --phases warm

Phases:
- ``warm``: for each cold method (simplex; ipm = interior point + crossover), the scenarios of
  ``--warm-scenarios`` (default: the six Grid scenarios) once as a warm chain (first cold, the rest
  warm, in the sweep's chain order) and once each cold; per scenario: HiGHS seconds and simplex
  iterations cold and warm, and their ratio. Every warm objective is checked against the cold one.
- ``--summarise DIR``: no solving; per-scenario cold/warm numbers of a finished sweep folder, each warm
  solve compared with the cold solve that opened its chain (used for the China case, whose scenarios
  take minutes each: ``batteryplan sweep --scenarios all --workers 2 --max-chain 3``); ``--reference JSON``
  adds, per scenario, the objective difference and the seconds ratio against an earlier summary. Several
  folders, comma-separated, are one sweep run in pieces (e.g. a serial run per strategy): each folder's run is
  a segment, and ``--time-v FILE,...`` records the ``/usr/bin/time -v`` report of each piece.
- ``--step FIRST,THEN``: one warm step on a live model (FIRST cold, THEN warm), compared with the
  cold solve of the same LP; for a case where every scenario is minutes.
- ``wall``: the ``--wall-scenarios`` sweep (default ``all``, 24 scenarios) with ``--workers 1`` and
  with ``--workers 2``: wall seconds of each.

Each solve uses one HiGHS thread in the worker processes (``threads`` default in the serial run).
``pytest bench -k sweep`` runs the same on the case named by ``BATTERYPLAN_BENCH_SWEEP`` (skipped when unset).

Measured so far (2-core box shared with other jobs, load average 2-6, highspy 1.16.0 without HiPO, so
"ipm" is IPX), on ``--case slice8 --periods 2038,2043`` (Grid LP 49.9 k rows, Mixed 79.0 k):
- cold, per scenario: simplex 35-70 s (39-52 k iterations), IPM + crossover 25-45 s (58-67 IPM +
  3.8-4.9 k crossover iterations); 9 s for IPM at load 2;
- warm from the previous scenario of the chain: a battery-cost step 0.8-3.4 s (1.6-6.1 k iterations,
  3-11x faster than cold IPM), a carbon step (Low to High) 15-35 s (17-34 k iterations, slower than a
  cold IPM): hence the carbon-major chain order and the warm time limit (``batteryplan.sweep.chain``);
- every warm objective equalled the cold one (max rel. difference 1.6e-16);
- 24 scenarios (all strategies): 246 s with 1 worker, 227 s with 2 (the other jobs held the cores:
  each solve of the 2-worker run took about twice as long as in the serial run).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
for p in (str(REPO), str(BENCH_DIR)):
    if p not in sys.path:
        sys.path.insert(0, p)

import pandas as pd  # noqa: E402

CHINA = REPO / "batteryplan" / "cases" / "china" / "inputs"
SLICE8 = ["Beijing", "Tianjin", "Hebei", "Shandong", "Shanxi", "Henan", "Jiangsu", "Anhui"]
GRID6 = "Grid-Low-B,Grid-Low-M,Grid-Low-R,Grid-High-B,Grid-High-M,Grid-High-R"


def resolve_case(spec: str, periods: list[int] | None, work: Path) -> Path:
    """'china' (bundled), 'slice8' (8 north/east provinces of it) or an inputs folder."""
    if spec == "china":
        if periods:
            spec = "slice-all"
        else:
            return CHINA
    if spec in ("slice8", "slice-all"):
        from batteryplan.io.slice_case import slice_case
        import pandas as _pd
        zones = SLICE8 if spec == "slice8" else list(_pd.read_csv(CHINA / "load_zones.csv")["LOAD_ZONE"])
        dst = work / f"{spec}-{'-'.join(map(str, periods or ['all']))}" / "inputs"
        if not dst.is_dir():
            slice_case(CHINA, dst, zones, periods)
        return dst
    return Path(spec)


def lp_sizes(case: Path, strategies: list[str]) -> dict[str, dict[str, int]]:
    from batteryplan.csc_builder import build
    from batteryplan.scenarios import read_scenario
    out = {}
    for s in strategies:
        lp = build(read_scenario(case, f"{s}-Low-B"))
        out[s] = {"n_rows": int(lp.A.shape[0]), "n_cols": int(lp.A.shape[1]), "nnz": int(lp.A.nnz)}
    return out


def phase_warm(case: Path, scenarios: str, methods: list[str], work: Path) -> dict:
    from batteryplan.sweep import sweep
    report: dict = {}
    for method in methods:
        t0 = time.perf_counter()
        warm = sweep(case, scenarios, out=work / f"warm-{method}", workers=1, quiet=True, method=method)
        t1 = time.perf_counter()
        cold = sweep(case, scenarios, out=work / f"cold-{method}", workers=1, quiet=True, method=method, warm=False)
        t2 = time.perf_counter()
        w, c = warm.set_index("name"), cold.set_index("name").loc[warm["name"]]
        rel = float(((w["objective"] - c["objective"]).abs() / c["objective"].abs()).max())
        rows = []
        for name in w.index:
            rows.append({"scenario": name, "warm_start": bool(w.loc[name, "warm"]),
                         "cold_s": float(c.loc[name, "solve_seconds"]), "chain_s": float(w.loc[name, "solve_seconds"]),
                         "cold_iterations": int(c.loc[name, "iterations"]),
                         "chain_iterations": int(w.loc[name, "iterations"]),
                         "cold_ipm_iterations": int(c.loc[name, "ipm_iterations"])})
        df = pd.DataFrame(rows)
        ws = df[df["warm_start"]]
        report[method] = {
            "per_scenario": rows,
            "warm_median_s": float(ws["chain_s"].median()) if len(ws) else None,
            "cold_median_s": float(df["cold_s"].median()),
            "ratio_median_cold_over_warm": float((ws["cold_s"] / ws["chain_s"]).median()) if len(ws) else None,
            "ratio_total_cold_over_warm": float(ws["cold_s"].sum() / ws["chain_s"].sum()) if len(ws) else None,
            "chain_total_s": t1 - t0, "cold_total_s": t2 - t1,
            "max_rel_objective_diff_warm_vs_cold": rel,
        }
    return report


def phase_step(case: Path, first: str, then: str, limit: float | None) -> dict:
    """One warm step on a live model: `first` cold (IPM + crossover), then `then` warm from its basis.

    For cases where solving every scenario twice is too long: the warm solve is compared with the
    cold solve of the same LP (same strategy; only the costs differ). `limit` caps the warm solve at
    that multiple of the cold one (None: no cap)."""
    from batteryplan.scenarios import parse
    from batteryplan.sweep.chain import Chain, SolvePlan
    a, b = parse(first), parse(then)
    chain = Chain(case, a.strategy, SolvePlan(method="ipm", warm=True, warm_limit=limit, threads=1))
    sol_a, sec_a, warm_a = chain.solve(a)
    sol_b, sec_b, warm_b = chain.solve(b)
    assert chain.lp is not None
    return {"rows": int(chain.lp.A.shape[0]), "first": first, "then": then, "limit": limit,
            "cold_s": sol_a.seconds, "cold_iterations": dict(sol_a.iterations), "cold_status": sol_a.status,
            "warm_s": sol_b.seconds, "warm_iterations": dict(sol_b.iterations), "warm_status": sol_b.status,
            "stayed_warm": bool(warm_b), "cold_over_warm": sol_a.seconds / sol_b.seconds,
            "objectives": [sol_a.objective, sol_b.objective]}


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (the pool's workers, once shut down)."""
    import resource
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def phase_wall(case: Path, scenarios: str, method: str, work: Path) -> dict:
    from batteryplan.sweep import sweep
    out = {}
    for workers in (1, 2):
        cpu0 = _cpu_s()
        t0 = time.perf_counter()
        cat = sweep(case, scenarios, out=work / f"wall-{workers}", workers=workers, quiet=True, method=method)
        out[f"workers_{workers}"] = {"wall_s": time.perf_counter() - t0, "cpu_s": _cpu_s() - cpu0,
                                     "load_average": os.getloadavg(), "n": int(len(cat)),
                                     "optimal": int((cat["status"] == "Optimal").sum()),
                                     "sum_scenario_s": float(cat["seconds"].sum()),
                                     "objectives": dict(zip(cat["name"], cat["objective"].astype(float)))}
    o1, o2 = (pd.Series(out[f"workers_{k}"]["objectives"]) for k in (1, 2))
    out["max_rel_objective_diff_1_vs_2"] = float(((o1 - o2[o1.index]).abs() / o1.abs()).max())
    out["speedup"] = out["workers_1"]["wall_s"] / out["workers_2"]["wall_s"]
    return out


def summarise(folders: list[Path], wall_s: float | None = None, note: str = "") -> dict:
    """Cold and warm seconds per scenario from finished ``batteryplan sweep`` folders.

    For a case too big to solve every scenario twice (China: minutes per solve), a warm solve is compared
    with the cold solve that opened its chain: same strategy, so the same matrix and bounds, only the
    costs differ. The chains come from the solve log (one worker process per chain, in order). Several
    folders (say one serial run per strategy, run one after the other) are summarised as one sweep, each
    folder's run a segment of it.
    """
    cat = pd.concat([pd.read_csv(f / "catalog.csv") for f in folders], ignore_index=True)
    pending = cat.loc[cat["status"] == "pending", "name"].tolist()    # a sweep still running or stopped
    cat = cat[cat["status"] != "pending"]
    logs = [pd.read_json(f / "solves.jsonl", lines=True) for f in folders]
    log = pd.concat([g[g["run"] == g["run"].iloc[-1]] for g in logs]).sort_values("time")
    solve_s = cat.set_index("name")["solve_seconds"].astype(float)
    chain_cold: dict[str, tuple[str, float]] = {}
    opened: dict[int, tuple[str, float]] = {}
    for r in log.itertuples():
        if not r.warm:
            opened[r.pid] = (r.name, float(solve_s[r.name]))
        chain_cold[r.name] = opened.get(r.pid, (r.name, float("nan")))
    rows = []
    for r in cat.itertuples():
        cold_name, cold_s = chain_cold.get(r.name, ("", float("nan")))
        rows.append({"scenario": r.name, "status": r.status, "objective": float(r.objective),
                     "warm_start": bool(r.warm), "solve_s": float(r.solve_seconds), "scenario_s": float(r.seconds),
                     "iterations": int(r.iterations), "ipm_iterations": int(r.ipm_iterations),
                     # catalogs written before these columns existed lack them
                     "crossover_iterations": _optional(r, "crossover_iterations", int),
                     "vertex": _optional(r, "vertex", bool),
                     "chain_cold": cold_name, "chain_cold_s": cold_s,
                     "cold_over_warm": cold_s / float(r.solve_seconds) if r.warm else None})
    df = pd.DataFrame(rows)
    ws = df[df["warm_start"]]
    seg = segments(cat)
    return {"case": ",".join(map(str, folders)), "note": note, "per_scenario": rows, "n": int(len(df)), "pending": pending, "segments": seg,
            "segments_wall_s": float(sum(x["wall_s"] for x in seg)),     # a sweep run in pieces: its wall time
            "optimal": int((df["status"] == "Optimal").sum()), "wall_s": wall_s,
            "sum_scenario_s": float(df["scenario_s"].sum()),
            "cold_median_s": float(df.loc[~df["warm_start"], "solve_s"].median()),
            "warm_median_s": float(ws["solve_s"].median()) if len(ws) else None,
            "ratio_median_cold_over_warm": float(ws["cold_over_warm"].median()) if len(ws) else None,
            "ratio_total_cold_over_warm": float(ws["chain_cold_s"].sum() / ws["solve_s"].sum()) if len(ws) else None}


def _optional(row, column: str, kind):
    """`row`'s `column` as `kind`, or None where the catalog has no such column or no value."""
    value = getattr(row, column, None)
    return None if value is None or pd.isna(value) else kind(value)


TIME_V = {"Elapsed (wall clock) time (h:mm:ss or m:ss)": "wall", "User time (seconds)": "user_s",
          "System time (seconds)": "sys_s", "Maximum resident set size (kbytes)": "max_rss_kb",
          "Exit status": "exit_status"}


def parse_time_v(path: Path) -> dict:
    """The wall clock, CPU seconds, peak RSS and exit status from a ``/usr/bin/time -v`` report."""
    out = {}
    for line in path.read_text().splitlines():
        key, _, value = line.strip().rpartition(": ")
        if key in TIME_V:
            out[TIME_V[key]] = value if key.startswith("Elapsed") else float(value)
    return out


def compare(rep: dict, reference: Path) -> dict:
    """Per scenario, this sweep against an earlier summary (``--summarise ... --out``) of the same scenarios:
    the relative objective difference and the ratio of HiGHS seconds (this / reference)."""
    ref = {x["scenario"]: x for x in json.loads(reference.read_text())["per_scenario"]}
    rows = [{"scenario": x["scenario"], "solve_s": x["solve_s"], "reference_solve_s": ref[x["scenario"]]["solve_s"],
             "solve_ratio": x["solve_s"] / ref[x["scenario"]]["solve_s"],
             "objective_rel_diff": (x["objective"] - ref[x["scenario"]]["objective"]) / abs(ref[x["scenario"]]["objective"])}
            for x in rep["per_scenario"] if x["scenario"] in ref]
    both = [r["scenario"] for r in rows]
    return {"reference": str(reference), "per_scenario": rows,
            "max_abs_objective_rel_diff": max(abs(r["objective_rel_diff"]) for r in rows),
            "solve_s": sum(r["solve_s"] for r in rows), "reference_solve_s": sum(ref[n]["solve_s"] for n in both),
            "median_solve_ratio": float(pd.Series([r["solve_ratio"] for r in rows]).median())}


def segments(cat: pd.DataFrame) -> list[dict]:
    """A sweep that was stopped and resumed (``--resume``) ran in segments, one per run id
    (``<UTC start>-<pid>-<random>``). Per segment: its start, the finish of its last completed scenario
    and the seconds between; their sum is the sweep's wall time without the work lost to each stop
    (the scenario being solved when a segment was killed is solved again in the next one)."""
    out = []
    for run, rows in cat.groupby("run", sort=False):
        start = pd.to_datetime(str(run).split("-")[0], format="%Y%m%dT%H%M%S", utc=True)
        end = pd.to_datetime(rows["created"], utc=True).max()
        out.append({"run": str(run), "start_utc": start.isoformat(), "last_finish_utc": end.isoformat(),
                    "wall_s": float((end - start).total_seconds()), "scenarios": int(len(rows))})
    return sorted(out, key=lambda x: x["start_utc"])


def markdown_summary(rep: dict) -> str:
    lines = [f"## sweep summary: {rep['case']}", "", rep["note"], "",
             "| scenario | start | HiGHS s | scenario s | iterations (simplex+crossover) | IPM it | chain opened by "
             "| cold/warm |", "|---|---|---:|---:|---:|---:|---|---:|"]
    for x in rep["per_scenario"]:
        ratio = f"{x['cold_over_warm']:.1f}" if x["cold_over_warm"] else ""
        lines.append(f"| {x['scenario']} | {'warm' if x['warm_start'] else 'cold'} | {x['solve_s']:.1f} | "
                     f"{x['scenario_s']:.1f} | {x['iterations']:,} | {x['ipm_iterations']} | {x['chain_cold']} | {ratio} |")
    warm = (f"median warm {rep['warm_median_s']:.1f} s; cold/warm median {rep['ratio_median_cold_over_warm']:.1f}, "
            f"total {rep['ratio_total_cold_over_warm']:.1f}" if rep["warm_median_s"] is not None else "no warm solves")
    lines += ["", f"{rep['optimal']}/{rep['n']} optimal; median cold {rep['cold_median_s']:.1f} s; {warm}; "
                  f"sum of scenario seconds {rep['sum_scenario_s']:.0f} s"
                  + (f"; wall {rep['wall_s']:.0f} s" if rep["wall_s"] else "")
                  + (f"; {len(rep['segments'])} segments, {rep['segments_wall_s']:.0f} s of wall time together"
                     if len(rep["segments"]) > 1 else "")]
    return "\n".join(lines)


def markdown(rep: dict) -> str:
    lines = [f"## sweep bench: {rep['case']}", "", f"LP sizes: {json.dumps(rep['lp'])}", ""]
    for method, r in rep.get("warm", {}).items():
        lines += [f"### cold method {method}: cold vs warm HiGHS seconds per scenario", "",
                  "| scenario | warm start | cold s | chain s | cold/chain | cold it (simplex+crossover) | cold IPM it "
                  "| chain it |", "|---|---|---:|---:|---:|---:|---:|---:|"]
        for x in r["per_scenario"]:
            lines.append(f"| {x['scenario']} | {x['warm_start']} | {x['cold_s']:.2f} | {x['chain_s']:.2f} | "
                         f"{x['cold_s'] / max(x['chain_s'], 1e-9):.1f} | {x['cold_iterations']} | "
                         f"{x['cold_ipm_iterations']} | {x['chain_iterations']} |")
        lines += ["", f"median cold/warm {r['ratio_median_cold_over_warm']}, total cold/warm "
                      f"{r['ratio_total_cold_over_warm']}, max rel. objective difference "
                      f"{r['max_rel_objective_diff_warm_vs_cold']:.2e}", ""]
    if "wall" in rep:
        w = rep["wall"]
        lines += [f"### wall time, {w['workers_1']['n']} scenarios", "",
                  f"- 1 worker: {w['workers_1']['wall_s']:.1f} s ({w['workers_1']['cpu_s']:.0f} CPU-s); 2 workers: "
                  f"{w['workers_2']['wall_s']:.1f} s ({w['workers_2']['cpu_s']:.0f} CPU-s) "
                  f"(speedup {w['speedup']:.2f}); max rel. objective difference "
                  f"{w['max_rel_objective_diff_1_vs_2']:.2e}"]
    return "\n".join(lines)


def run(case_spec: str, periods: list[int] | None, phases: list[str], methods: list[str], warm_scenarios: str,
        wall_scenarios: str, wall_method: str, out: Path | None, work: Path | None = None) -> dict:
    from benchutil import versions
    work = Path(work or tempfile.mkdtemp(prefix="bench_sweep_"))
    case = resolve_case(case_spec, periods, work)
    strategies = sorted({n.split("-")[0] for n in warm_scenarios.split(",")} | {"Mixed"})
    rep: dict = {"case": f"{case_spec} ({case})", "periods": periods, "versions": versions(),
                 "load_average": os.getloadavg(), "lp": lp_sizes(case, strategies)}
    if "warm" in phases:
        rep["warm"] = phase_warm(case, warm_scenarios, methods, work)
    if "wall" in phases:
        rep["wall"] = phase_wall(case, wall_scenarios, wall_method, work)
    rep["load_average_end"] = os.getloadavg()
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(rep, indent=1, default=float))
    return rep


def test_sweep_bench(tmp_path: Path) -> None:
    """Runs the benchmark on the case named by BATTERYPLAN_BENCH_SWEEP (china, slice8 or a path)."""
    import pytest
    spec = os.environ.get("BATTERYPLAN_BENCH_SWEEP")
    if not spec:
        pytest.skip("set BATTERYPLAN_BENCH_SWEEP=china|slice8|PATH to run the sweep benchmark (long)")
    rep = run(spec, None, ["warm", "wall"], ["simplex", "ipm"], GRID6, "all", "auto", tmp_path / "sweep.json",
              tmp_path)
    for r in rep["warm"].values():
        assert r["max_rel_objective_diff_warm_vs_cold"] <= 1e-6
    assert rep["wall"]["workers_2"]["optimal"] == rep["wall"]["workers_2"]["n"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", default="slice8", help="china, slice8 or an inputs folder")
    ap.add_argument("--periods", default=None, help="comma-separated periods to keep (slices only)")
    ap.add_argument("--phases", default="warm,wall")
    ap.add_argument("--methods", default="simplex,ipm", help="cold methods compared in the warm phase")
    ap.add_argument("--warm-scenarios", default=GRID6)
    ap.add_argument("--wall-scenarios", default="all")
    ap.add_argument("--wall-method", default="auto")
    ap.add_argument("--out", default=None, help="JSON report (default: bench/results/sweep_<case>.json)")
    ap.add_argument("--work", default=None, help="folder for the sliced case and the sweep outputs")
    ap.add_argument("--summarise", default=None, metavar="SWEEP_DIR[,...]",
                    help="only summarise finished `batteryplan sweep` folders (e.g. a China run) into --out")
    ap.add_argument("--time-v", default=None, metavar="FILE,...",
                    help="with --summarise: `/usr/bin/time -v` outputs of the sweep's runs, to record")
    ap.add_argument("--wall-s", type=float, default=None, help="with --summarise: the sweep's measured wall time")
    ap.add_argument("--note", default="", help="with --summarise: how the sweep was run")
    ap.add_argument("--reference", default=None, metavar="JSON",
                    help="with --summarise: an earlier summary of the same scenarios to compare with")
    ap.add_argument("--step", default=None, metavar="FIRST,THEN",
                    help="only time one warm step: FIRST cold, then THEN warm on the same live model")
    ap.add_argument("--step-limit", type=float, default=0.0,
                    help="with --step: cap the warm solve at this multiple of the cold one (0: none)")
    a = ap.parse_args()
    periods = [int(p) for p in a.periods.split(",")] if a.periods else None
    if a.step or a.summarise:
        if a.step:
            case = resolve_case(a.case, periods, Path(a.work or tempfile.mkdtemp(prefix="bench_sweep_")))
            rep = phase_step(case, *a.step.split(","), a.step_limit or None)
            text = json.dumps(rep, indent=1, default=float)
        else:
            rep = summarise([Path(f) for f in a.summarise.split(",")], a.wall_s, a.note)
            if a.time_v:
                rep["time_v"] = {f: parse_time_v(Path(f)) for f in a.time_v.split(",")}
            text = markdown_summary(rep)
            if a.reference:
                rep["compared"] = c = compare(rep, Path(a.reference))
                text += (f"\nagainst {a.reference}: HiGHS {c['solve_s']:.0f} s vs {c['reference_solve_s']:.0f} s, "
                         f"median ratio {c['median_solve_ratio']:.2f}, max |objective rel. diff| "
                         f"{c['max_abs_objective_rel_diff']:.1e}")
        if a.out:
            Path(a.out).write_text(json.dumps(rep, indent=1, default=float))
        print(text)
        return
    label = Path(a.case).parent.name if "/" in a.case else a.case
    suffix = "_" + "-".join(map(str, periods)) if periods else ""
    out = Path(a.out) if a.out else BENCH_DIR / "results" / f"sweep_{label}{suffix}.json"
    rep = run(a.case, periods, a.phases.split(","), a.methods.split(","), a.warm_scenarios, a.wall_scenarios,
              a.wall_method, out, Path(a.work) if a.work else None)
    print(markdown(rep))
    print(f"\nreport: {out}")


if __name__ == "__main__":
    main()
