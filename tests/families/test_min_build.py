"""Enforce_Min_Build_Lower / _Upper (build.py:627-653 of switch-model 2.0.9, SWITCH_FORMULATION.md §5)."""
from __future__ import annotations

import numpy as np

import batteryplan
from batteryplan.csc_builder import min_build

from ._twin import build_col, check_bounds, check_matrix, dense

BIG_M = 1e5        # SWITCH's _gen_max_cap_for_binary_constraints


def min_build_builds(case) -> list[int]:
    """NEW_GEN_WITH_MIN_BUILD_YEARS: builds that are not predetermined, of projects with a minimum."""
    return [b for b in range(case.n_bld) if not case.bld_fixed[b] and case.gen_min_build[case.bld_gen[b]] > 0]


def min_build_twin(space, case) -> np.ndarray:
    """Rows (i, 0) and (i, 1) per such build, with the binary BuildMinGenCap column i:

        gen_min_build_capacity[g] BuildMinGenCap[g,b] - BuildGen[g,b] <= 0
        BuildGen[g,b] - 1e5 BuildMinGenCap[g,b] <= 0
    """
    A = dense(space)
    for i, b in enumerate(min_build_builds(case)):
        y = space.cols["build_min_gen_cap"].flat(i)
        A[space.rows["min_build"].flat(i, 0), y] += case.gen_min_build[case.bld_gen[b]]
        A[space.rows["min_build"].flat(i, 0), build_col(space, b)] -= 1.0
        A[space.rows["min_build"].flat(i, 1), build_col(space, b)] += 1.0
        A[space.rows["min_build"].flat(i, 1), y] -= BIG_M
    return A


def test_min_build_matrix(space, case):
    assert len(min_build_builds(case)) == 2                   # GasCCS_N 2020 and 2030
    check_matrix(space, case, min_build, min_build_twin(space, case))


def test_min_build_bounds(space, case):
    check_bounds(space, case, min_build, ("min_build",), np.full(space.n_rows, -np.inf), np.zeros(space.n_rows))


def test_min_build_columns_are_binary(case):
    lp = batteryplan.build(case)
    b = lp.space.cols["build_min_gen_cap"]
    assert lp.integrality is not None
    assert np.all(lp.integrality[b.start:b.stop] == 1)
    assert np.count_nonzero(lp.integrality) == b.size
    assert np.all(lp.col_lower[b.start:b.stop] == 0) and np.all(lp.col_upper[b.start:b.stop] == 1)


def test_a_mip_result_says_it_is_no_vertex_nor_interior_point(case, tmp_path):
    """The binaries make the LP a MIP: its result records HiGHS's gap, not a vertex flag that would read as
    "interior point" (``solve.solution_quality``), and the file keeps it."""
    res = batteryplan.solve(batteryplan.build(case))
    assert res.status == "Optimal" and res.solver["iterations"]["mip_nodes"] >= 0
    q = res.solver["quality"]
    assert q["vertex"] is None and 0 <= q["mip_gap"] <= 1e-9 and q["max_integrality_violation"] <= 1e-6
    res.to_hdf5(tmp_path / "r.h5")
    assert batteryplan.read_result(tmp_path / "r.h5").solver["quality"] == q
