"""Capacity columns (``batteryplan.solver.condense``): an exact change of variables before HiGHS.

Checked here: the condensed matrix against the original through a dense substitution (the definition
rows solved for K with numpy, not with the kernels' chain logic); the option; that solutions, row
duals and objectives come back as the original LP's (the duals by strong duality on the original
LP); and the live-model paths of sweeps and split-range with the columns forced on. The SWITCH
examples run with them on in ``test_examples.py``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import batteryplan
from batteryplan.solver.condense import condense
from batteryplan.errors import SolveError
from batteryplan.solver.highs import LiveModel, condensed_for
from batteryplan.solver.policy import CAPACITY_OPTION, has_hipo

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.families.conftest import write_inputs  # noqa: E402
from tests.solves._live import check_live_paths  # noqa: E402
from tests.sweep.cases import chain_case  # noqa: E402

ON = {CAPACITY_OPTION: "on"}
OFF = {CAPACITY_OPTION: "off"}


@pytest.fixture(scope="module")
def everything_lp(tmp_path_factory):
    """The families' 'everything' case: builds that retire, storage, new transmission, local T&D."""
    return batteryplan.build(batteryplan.read_case(write_inputs(tmp_path_factory.mktemp("cc") / "inputs",
                                                                markets=False)))


@pytest.fixture(scope="module")
def chain_lp(tmp_path_factory):
    return batteryplan.build(batteryplan.read_case(chain_case(tmp_path_factory.mktemp("cc") / "inputs")))


def _expansion(c) -> np.ndarray:
    """K as a function of the original columns, from the definition rows D_x x + D_K K = 0."""
    B = c.A.toarray()
    D = B[c.n_row:]
    return -np.linalg.solve(D[:, c.n_col:], D[:, :c.n_col])


@pytest.mark.parametrize("fixture", ["everything_lp", "chain_lp"])
def test_substituting_k_gives_back_the_original_matrix(fixture, request) -> None:
    lp = request.getfixturevalue(fixture)
    c = condense(lp)
    assert c.n_keys > 0 and c.rows_replaced > 0
    assert c.A.shape == (lp.A.shape[0] + c.n_keys, lp.A.shape[1] + c.n_keys)
    assert c.A.nnz < lp.A.nnz + 2 * c.n_keys + c.rows_replaced        # the sums are gone
    E = _expansion(c)
    np.testing.assert_allclose(E, np.round(E), atol=1e-12)              # each K is a plain sum ...
    assert set(np.unique(np.round(E))) <= {0.0, 1.0}                    # ... of distinct columns
    build_cols = np.zeros(lp.A.shape[1], bool)
    for name in ("build_gen", "build_storage_energy", "build_tx", "build_local_td"):
        b = lp.space.cols[name]
        build_cols[b.start:b.stop] = True
    assert not np.round(E)[:, ~build_cols].any()                          # of builds only
    B = c.A.toarray()
    back = B[:c.n_row, :c.n_col] + B[:c.n_row, c.n_col:] @ E
    np.testing.assert_allclose(back, lp.A.toarray(), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(c.cost[:c.n_col], lp.cost)
    assert not c.cost[c.n_col:].any() and np.all(c.col_lower[c.n_col:] == 0)
    assert np.all(c.row_lower[c.n_row:] == 0) and np.all(c.row_upper[c.n_row:] == 0)


def test_chains_link_periods_and_retirements(everything_lp) -> None:
    """Definition rows with a predecessor exist, and some take a retiring build back out (+1)."""
    c = condense(everything_lp)
    D = c.A.toarray()[c.n_row:]
    with_pred = (D[:, c.n_col:] != 0).sum(axis=1) == 2
    assert with_pred.any()
    assert (D[with_pred][:, :c.n_col] == 1.0).any()


def test_option(chain_lp) -> None:
    assert condensed_for(chain_lp) is None                      # off by default
    assert condensed_for(chain_lp, {CAPACITY_OPTION: "auto"}) is None      # auto: only from 40,000 rows
    assert condensed_for(chain_lp, OFF) is None
    c = condensed_for(chain_lp, ON)
    assert c is not None and c.n_keys > 0
    with pytest.raises(SolveError, match=CAPACITY_OPTION):
        condensed_for(chain_lp, {CAPACITY_OPTION: "yes"})


def _dual_objective(lp, y: np.ndarray) -> float:
    """Σ row bound · y + Σ column bound · reduced cost, each at the bound its sign selects (HiGHS's
    convention for a minimisation), plus the offset. Duals below 1e-8 and reduced costs below 1e-7 of
    the cost are noise (their sign may point at an infinite side)."""
    y = np.where(np.abs(y) > 1e-8, y, 0.0)
    d = lp.cost - lp.A.T @ y
    d = np.where(np.abs(d) > 1e-7 * (1 + np.abs(lp.cost)), d, 0.0)
    rb = np.where(y > 0, lp.row_lower, lp.row_upper)
    cb = np.where(d > 0, lp.col_lower, lp.col_upper)
    with np.errstate(invalid="ignore"):
        y_term = np.where(y != 0, y * rb, 0.0)
        d_term = np.where(d != 0, d * cb, 0.0)
    assert np.all(np.isfinite(y_term)) and np.all(np.isfinite(d_term))
    return float(y_term.sum() + d_term.sum() + lp.offset)


@pytest.mark.parametrize("solver", ["simplex", "ipm"])
def test_solution_and_duals_are_the_original_lps(chain_lp, solver) -> None:
    on = LiveModel(chain_lp, {**ON, "solver": solver})
    off = LiveModel(chain_lp, {**OFF, "solver": solver})
    assert on.condensed is not None and off.condensed is None
    a, b = on.solve(), off.solve()
    assert a.status == b.status == "Optimal"
    assert a.objective == pytest.approx(b.objective, rel=1e-9)
    assert a.x.shape == b.x.shape and a.row_dual.shape == b.row_dual.shape
    assert float(chain_lp.cost @ a.x) + chain_lp.offset == pytest.approx(a.objective, rel=1e-9)
    act = chain_lp.A @ a.x
    lo, hi = chain_lp.row_lower, chain_lp.row_upper
    assert np.all(act >= lo - 1e-6 * (1 + np.abs(lo))) and np.all(act <= hi + 1e-6 * (1 + np.abs(hi)))
    assert _dual_objective(chain_lp, a.row_dual) == pytest.approx(a.objective, rel=1e-7)


def test_hipo_gets_the_augmented_system_unless_told(chain_lp) -> None:
    if not has_hipo():
        pytest.fail("highspy-extras (HiPO) is a core dependency and must be installed")
    live = LiveModel(chain_lp, {**ON, "solver": "hipo"})
    assert live.h.getOptionValue("hipo_system")[1] == "augmented"
    assert live.solve().status == "Optimal"
    told = LiveModel(chain_lp, {**ON, "solver": "hipo", "hipo_system": "normaleq"})
    assert told.h.getOptionValue("hipo_system")[1] == "normaleq"
    plain = LiveModel(chain_lp, {**OFF, "solver": "hipo"})
    assert plain.h.getOptionValue("hipo_system")[1] == "augmented"
    ipx = LiveModel(chain_lp, {**ON, "solver": "ipx"})
    assert ipx.h.getOptionValue("hipo_system")[1] == "choose"


def test_live_model_costs_basis_and_added_row(chain_lp) -> None:
    """Warm re-solves after a cost change and after an added row agree with the plain LP's; the added
    row comes after the definition rows in HiGHS and is numbered after the LP's own rows outside."""
    live_on, live_off = LiveModel(chain_lp, ON), LiveModel(chain_lp, OFF)
    check_live_paths(chain_lp, live_on, live_off)
    assert live_on.h.getNumRow() == chain_lp.A.shape[0] + live_on.condensed.n_keys + 1


def test_sweep_and_split_range_with_capacity_columns(tmp_path: Path) -> None:
    from batteryplan.sweep import sweep
    from batteryplan.sweep.split_range import split_range
    case = chain_case(tmp_path / "chain" / "inputs")            # two periods: sums of two builds
    from batteryplan.scenarios import read_scenario
    assert condensed_for(batteryplan.build(read_scenario(case, "Mixed-Low-R")), ON).n_keys > 0
    names = "Mixed-Low-R,Mixed-Low-M,Mixed-High-M"
    on = sweep(case, names, out=tmp_path / "on", workers=1, quiet=True, solver_options=ON)
    off = sweep(case, names, out=tmp_path / "off", workers=1, quiet=True, solver_options=OFF)
    np.testing.assert_allclose(on["objective"], off["objective"], rtol=1e-9)
    r_on = split_range(tmp_path / "on" / "Mixed-Low-R.h5", case, tolerance=0.0, solver_options=ON)
    r_off = split_range(tmp_path / "off" / "Mixed-Low-R.h5", case, tolerance=0.0, solver_options=OFF)
    np.testing.assert_allclose(r_on[["share_min", "share_max"]], r_off[["share_min", "share_max"]], atol=1e-6)
