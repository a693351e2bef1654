"""Issue 20 experiment: the China LP (Grid-Low-R) with the quickstart requirement's capacity terms (its build_gen
entries) replaced by one column per (area, period), K[a,p] = the sum of those terms, defined by one equality row.
Checks first that the substitution is exact (every row of an (area, period) holds the same build coefficients),
then saves the LP for bench/hipo_analyse.py. Measured: one factorisation 5.2e10 flops against 4.3e10, so it was
not built into the engine (docs/solver_profiles.md).

    python bench/quickstart_capacity_column.py --out bench/lps/china-Grid-Low-R-qsagg.npz
    python bench/hipo_analyse.py bench/lps/china-Grid-Low-R-qsagg.npz --time-limit 45 --option hipo_system=augmented
"""
import argparse
import json
import sys

import numpy as np
import scipy.sparse as sp
import batteryplan
from batteryplan.cli import BUNDLED
from batteryplan.scenarios import read_scenario
from batteryplan.io.lpfile import save_lp
ap = argparse.ArgumentParser()
ap.add_argument("--out", default="bench/lps/china-Grid-Low-R-qsagg.npz")
out_path = ap.parse_args().out
case = read_scenario(BUNDLED, "Grid-Low-R")
lp = batteryplan.build(case)
S = lp.space
rq, bg = S.rows["quickstart_requirement"], S.cols["build_gen"]
n_area, n_tp = rq.shape
A = lp.A.tocsr()
n_build = bg.shape[0]
rows = rq.start + np.arange(n_area * n_tp)
sub = A[rows][:, bg.start:bg.start + n_build].toarray()        # (n_area*n_tp, n_build)
period = case.tp_period
K_coef = {}
for a in range(n_area):
    for p in range(case.n_period):
        r = [a * n_tp + t for t in range(n_tp) if period[t] == p]
        block = sub[r]
        if not np.all(block == block[0]):
            print("NOT EXACT", a, p, np.abs(block - block[0]).max()); sys.exit(1)
        K_coef[(a, p)] = block[0]
# new LP: zero the build terms in the requirement rows, add K columns and definition rows
nr, nc = lp.A.shape
keys = sorted(K_coef)
A = A.tocsr().copy()
rowid = np.repeat(np.arange(nr), np.diff(A.indptr))
kill = (rowid >= rows[0]) & (rowid <= rows[-1]) & (A.indices >= bg.start) & (A.indices < bg.start + n_build)
A.data[kill] = 0.0
A.eliminate_zeros()
nk = len(keys)
# K columns: in requirement rows coefficient 1 (the sum already carries the minus sign of -capacity)
kc = sp.lil_matrix((nr + nk, nk))
dr = sp.lil_matrix((nk, nc))
for idx, (a, p) in enumerate(keys):
    for t in range(n_tp):
        if period[t] == p:
            kc[rows[a * n_tp + t], idx] = 1.0
    # definition: K - sum(coef * build) = 0
    kc[nr + idx, idx] = 1.0
    for j in np.flatnonzero(K_coef[(a, p)]):
        dr[idx, bg.start + j] = -K_coef[(a, p)][j]
big = sp.hstack([sp.vstack([A, dr.tocsr()]), kc.tocsr()]).tocsc()
class _LP:
    pass


new = _LP()
new.A = big; new.shape = big.shape; new.integrality = None; new.offset = lp.offset
new.cost = np.concatenate([lp.cost, np.zeros(nk)])
new.col_lower = np.concatenate([lp.col_lower, np.full(nk, -np.inf)]); new.col_upper = np.concatenate([lp.col_upper, np.full(nk, np.inf)])
new.row_lower = np.concatenate([lp.row_lower, np.zeros(nk)]); new.row_upper = np.concatenate([lp.row_upper, np.zeros(nk)])
save_lp(new, out_path)
print(json.dumps({"rows": big.shape[0], "cols": big.shape[1], "nnz": int(big.nnz), "k": nk, "before_nnz": int(lp.A.nnz)}))
