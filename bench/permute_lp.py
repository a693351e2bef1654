"""Permute a saved LP's rows and columns (same LP, another order) to measure how much HiPO's ordering
(AMD) depends on the order it is given: one factorisation's flops for each order.

    python bench/permute_lp.py bench/lps/china-Grid-Low-R.npz --rows random --cols random --seed 1 --out /tmp/p.npz
    python bench/hipo_analyse.py /tmp/p.npz --time-limit 60 --option hipo_system=augmented

--rows/--cols: same, reverse or random; --joint rcm (reverse Cuthill-McKee of the bipartite row-column graph,
scipy), rcm-reversed, or first-row (columns by their first row, rows as built) replaces both.
Records: bench/results/solvers/china-Grid-Low-R-hipo-input-order-20261207.jsonl.
"""
from __future__ import annotations

import argparse

import numpy as np
import scipy.sparse as sp


def order(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    if kind == "same":
        return np.arange(n)
    if kind == "reverse":
        return np.arange(n)[::-1].copy()
    if kind == "random":
        return rng.permutation(n)
    raise ValueError(kind)


def joint(kind: str, A: sp.csc_matrix) -> tuple[np.ndarray, np.ndarray]:
    m, n = A.shape
    P = (A != 0).astype(np.int8)
    if kind == "first-row":
        P = P.tocsc()
        first = np.where(np.diff(P.indptr) > 0, P.indices[np.minimum(P.indptr[:-1], P.nnz - 1)], m)
        return np.arange(m), np.argsort(first, kind="stable")
    from scipy.sparse.csgraph import reverse_cuthill_mckee
    perm = reverse_cuthill_mckee(sp.bmat([[None, P.T], [P, None]]).tocsr(), symmetric_mode=True)
    c, r = perm[perm < n], perm[perm >= n] - n
    return (r[::-1].copy(), c[::-1].copy()) if kind == "rcm-reversed" else (r, c)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("lp")
    ap.add_argument("--rows", default="same")
    ap.add_argument("--cols", default="same")
    ap.add_argument("--joint", choices=["rcm", "rcm-reversed", "first-row"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    d = dict(np.load(a.lp))
    m, n = (int(x) for x in d["shape"])
    A = sp.csc_matrix((d["data"], d["indices"], d["indptr"]), shape=(m, n))
    rng = np.random.default_rng(a.seed)
    r, c = order(a.rows, m, rng), order(a.cols, n, rng)
    if a.joint:
        r, c = joint(a.joint, A)
    A = A[r][:, c].tocsc()
    A.sort_indices()
    np.savez(a.out, indptr=A.indptr.astype(np.int32), indices=A.indices.astype(np.int32), data=A.data,
             shape=d["shape"], col_lower=d["col_lower"][c], col_upper=d["col_upper"][c],
             row_lower=d["row_lower"][r], row_upper=d["row_upper"][r], cost=d["cost"][c], offset=d["offset"])


if __name__ == "__main__":
    main()
