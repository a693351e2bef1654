"""Sweep benchmark (issue 4): cold vs warm seconds per scenario, and sweep wall time serial vs 2 workers.

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
  cold IPM): hence the carbon-major chain order and the warm time limit (``sweep_chain``);
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
    a = ap.parse_args()
    periods = [int(p) for p in a.periods.split(",")] if a.periods else None
    label = Path(a.case).parent.name if "/" in a.case else a.case
    suffix = "_" + "-".join(map(str, periods)) if periods else ""
    out = Path(a.out) if a.out else BENCH_DIR / "results" / f"sweep_{label}{suffix}.json"
    rep = run(a.case, periods, a.phases.split(","), a.methods.split(","), a.warm_scenarios, a.wall_scenarios,
              a.wall_method, out, Path(a.work) if a.work else None)
    print(markdown(rep))
    print(f"\nreport: {out}")


if __name__ == "__main__":
    main()
