"""Solve one saved LP (.npz from batteryplan.io.lpfile.save_lp) after a chosen scaling; print a JSON line.

Issue 6's scaling study. Scalings (composable):
  --cost S           multiply the objective by S (costs in 1/S dollars)
  --units-gw         MW -> GW: divide every bound and row side by 1000 (the LP is linear in MW)
  --equilibrate N    N rounds of geometric-mean row/column scaling (powers of two, so exact)
HiGHS's own scaling stays on. The objective is reported in the LP's dollars; the primal solution is
unscaled and its cost c.x recomputed from the unscaled LP, as a check that scaling lost nothing.

    python bench/scaling_run.py LP.npz --option solver=hipo --option run_crossover=on --equilibrate 4
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import highspy
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from solver_run import make_highs  # noqa: E402


def _ranges(a, cost, lo, hi, rlo, rhi) -> dict:
    def rng(v):
        v = np.abs(v[np.isfinite(v) & (v != 0)])
        return [float(v.min()), float(v.max())] if len(v) else [0.0, 0.0]
    return {"matrix": rng(a.data), "cost": rng(cost), "bound": rng(np.r_[lo, hi]), "rhs": rng(np.r_[rlo, rhi])}


def equilibrate(a: sp.csc_matrix, rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column factors r, s (powers of two) with r_i * |a_ij| * s_j near 1 (geometric mean of extremes)."""
    r = np.ones(a.shape[0])
    s = np.ones(a.shape[1])
    absa = abs(a).tocsr()
    for _ in range(rounds):
        m = sp.diags(r) @ absa @ sp.diags(s)
        big = m.max(axis=1).toarray().ravel()
        small = _rowmin(m)
        ok = big > 0
        r[ok] /= np.sqrt(big[ok] * small[ok])
        m = (sp.diags(r) @ absa @ sp.diags(s)).tocsc()
        big = m.max(axis=0).toarray().ravel()
        small = _rowmin(m.T.tocsr())
        ok = big > 0
        s[ok] /= np.sqrt(big[ok] * small[ok])
    return 2.0 ** np.round(np.log2(r)), 2.0 ** np.round(np.log2(s))


def _rowmin(m: sp.csr_matrix) -> np.ndarray:
    m = m.tocsr()
    out = np.zeros(m.shape[0])
    nz = np.diff(m.indptr) > 0
    out[nz] = np.minimum.reduceat(m.data, m.indptr[:-1][nz])
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("lp")
    ap.add_argument("--option", action="append", default=[])
    ap.add_argument("--cost", type=float, default=1.0)
    ap.add_argument("--units-gw", action="store_true")
    ap.add_argument("--equilibrate", type=int, default=0)
    ap.add_argument("--log", default="")
    ap.add_argument("--label", default="")
    a = ap.parse_args(argv)
    z = np.load(a.lp)
    n_row, n_col = (int(v) for v in z["shape"])
    A = sp.csc_matrix((z["data"], z["indices"], z["indptr"]), shape=(n_row, n_col))
    cost, lo, hi, rlo, rhi = (z[k].astype(float) for k in ("cost", "col_lower", "col_upper", "row_lower", "row_upper"))
    before = _ranges(A, cost, lo, hi, rlo, rhi)
    t_scale = time.perf_counter()
    r, s = equilibrate(A, a.equilibrate) if a.equilibrate else (np.ones(n_row), np.ones(n_col))
    u = 1e-3 if a.units_gw else 1.0
    As = (sp.diags(r) @ A @ sp.diags(s)).tocsc()
    As.sort_indices()
    c2 = cost * s * a.cost
    lo2, hi2 = lo * u / s, hi * u / s
    rlo2, rhi2 = rlo * u * r, rhi * u * r
    t_scale = time.perf_counter() - t_scale
    after = _ranges(As, c2, lo2, hi2, rlo2, rhi2)
    obj_factor = a.cost * u               # objective of the scaled LP = obj_factor * objective in $
    h, opts = make_highs(a.log, a.option)
    t0, c0 = time.perf_counter(), time.process_time()
    h.passModel(n_col, n_row, As.nnz, int(highspy.MatrixFormat.kColwise), int(highspy.ObjSense.kMinimize),
                float(z["offset"][0]) * obj_factor, c2, lo2, hi2, rlo2, rhi2,
                As.indptr.astype(np.int32), As.indices.astype(np.int32), As.data, np.zeros(n_col, np.int32))
    t1 = time.perf_counter()
    h.run()
    t2, c3 = time.perf_counter(), time.process_time()
    info = h.getInfo()
    x = np.asarray(h.getSolution().col_value) * s / u
    viol = np.abs(A @ x - np.clip(A @ x, rlo, rhi)).max() if n_row else 0.0
    out = {
        "label": a.label, "lp": a.lp, "options": opts, "cost_scale": a.cost, "units_gw": a.units_gw,
        "equilibrate": a.equilibrate, "ranges_before": before, "ranges_after": after,
        "status": h.modelStatusToString(h.getModelStatus()),
        "objective": float(info.objective_function_value) / obj_factor,
        "objective_from_x": float(cost @ x + z["offset"][0]), "max_row_violation_mw": float(viol),
        "simplex_iterations": int(info.simplex_iteration_count), "ipm_iterations": int(info.ipm_iteration_count),
        "crossover_iterations": int(info.crossover_iteration_count),
        "pdlp_iterations": int(getattr(info, "pdlp_iteration_count", -1)),
        "scale_s": t_scale, "handover_s": t1 - t0, "solve_wall_s": t2 - t1, "cpu_s": c3 - c0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "basis_valid": bool(h.getBasis().valid), "highspy": f"{h.versionMajor()}.{h.versionMinor()}.{h.versionPatch()}",
        "rows": n_row, "cols": n_col, "nnz": int(A.nnz),
    }
    print(json.dumps(out), flush=True)
    return out


if __name__ == "__main__":
    sys.exit(0 if main()["status"] == "Optimal" else 1)
