"""Max_Build_Potential (build, SWITCH_FORMULATION.md §5)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import build_limit

from ._twin import builds_online, build_col, check_bounds, check_matrix, dense, is_active


def limit_pairs(case) -> list[tuple[int, int]]:
    """(g, p) of capacity-limited projects in periods where they have capacity online.

    SWITCH writes the row for every period; in a period with no online build it reads 0 <= limit,
    which batteryplan may leave out (MODEL.md §4)."""
    return [(g, p) for g in range(case.n_gen) if np.isfinite(case.gen_cap_limit[g])
            for p in range(case.n_period) if is_active(case, g, p)]


def row_of(space, g: int, p: int) -> int:
    m = space.m
    i = [k for k in range(len(m.gp_limit_gen)) if m.gp_limit_gen[k] == g and m.gp_limit_period[k] == p]
    assert len(i) == 1
    return int(space.rows["build_limit"].flat(i[0]))


def build_limit_twin(space, case) -> np.ndarray:
    """Rows (g, p): sum_{b online in p} BuildGen[g,b] <= gen_capacity_limit_mw[g] (existing builds included)."""
    A = dense(space)
    for g, p in limit_pairs(case):
        r = row_of(space, g, p)
        for b in builds_online(case, g, p):
            A[r, build_col(space, b)] += 1.0
    return A


def test_build_limit_rows(space, case):
    pairs = limit_pairs(case)
    assert len(pairs) == space.rows["build_limit"].size == 4      # Nuclear_S and Wind_N, 2 periods
    assert sorted(zip(space.m.gp_limit_gen.tolist(), space.m.gp_limit_period.tolist())) == sorted(pairs)


def test_build_limit_matrix(space, case):
    check_matrix(space, case, build_limit, build_limit_twin(space, case))


def test_build_limit_bounds(space, case):
    lo = np.full(space.n_rows, -np.inf)
    hi = np.full(space.n_rows, np.nan)
    for g, p in limit_pairs(case):
        hi[row_of(space, g, p)] = case.gen_cap_limit[g]
    check_bounds(space, case, build_limit, ("build_limit",), lo, hi)
