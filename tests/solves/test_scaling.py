"""Row/column scaling before HiGHS (``batteryplan_scaling``): the factors, and that every path unscales exactly.

The hand optima (test_hand_optima.py) run with scaling on and off; here: the kernel against a plain
dense computation, the option, and the live-model paths that change costs, keep a basis or add a
row (sweeps, split-range) with scaling forced on, compared with the unscaled solves.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

import batteryplan
from batteryplan.errors import SolveError
from batteryplan.kernels.scaling import equilibrate, scale_csc
from batteryplan.solver.highs import SCALE_ROUNDS, SCALE_UNIT, LiveModel, scaling_for
from batteryplan.solver.policy import SCALING_OPTION

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.solves._live import check_live_paths  # noqa: E402
from tests.sweep.cases import chain_case, tie_case  # noqa: E402

ON = {SCALING_OPTION: "on"}


def _dense_equilibrate(a: np.ndarray, rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """The same rule with dense loops: divide each row, then each column, by sqrt(max * min) of the
    nonzero magnitudes; round to powers of two at the end."""
    m, n = a.shape
    r, s = np.ones(m), np.ones(n)
    for _ in range(rounds):
        for i in range(m):
            v = [abs(a[i, j]) * r[i] * s[j] for j in range(n) if a[i, j] != 0]
            if v:
                r[i] /= np.sqrt(max(v) * min(v))
        for j in range(n):
            v = [abs(a[i, j]) * r[i] * s[j] for i in range(m) if a[i, j] != 0]
            if v:
                s[j] /= np.sqrt(max(v) * min(v))
    return 2.0 ** np.round(np.log2(r)), 2.0 ** np.round(np.log2(s))


def test_kernel_matches_dense_reference() -> None:
    rng = np.random.default_rng(7)
    a = sp.random(40, 30, density=0.15, random_state=rng, format="csc")
    a.data = np.sign(a.data - 0.5) * 10.0 ** rng.uniform(-5, 2, a.nnz)     # magnitudes over 7 decades
    a = sp.csc_matrix(np.vstack([a.toarray(), np.zeros((1, 30))]))           # an empty row keeps factor 1
    r, s = equilibrate(a.indptr.astype(np.int64), a.indices.astype(np.int64), a.data, a.shape[0], SCALE_ROUNDS)
    r_ref, s_ref = _dense_equilibrate(a.toarray(), SCALE_ROUNDS)
    np.testing.assert_array_equal(r, r_ref)
    np.testing.assert_array_equal(s, s_ref)
    assert r[-1] == 1.0 and np.all(np.log2(r) == np.round(np.log2(r)))
    scaled = scale_csc(a.indptr, a.indices, a.data, r, s)
    np.testing.assert_array_equal(scaled, (sp.diags(r) @ a @ sp.diags(s)).tocsc().data)
    spread = lambda v: np.log10(np.abs(v).max() / np.abs(v).min())            # noqa: E731
    assert spread(scaled) < spread(a.data)


@pytest.fixture(scope="module")
def chain_lp(tmp_path_factory):
    return batteryplan.build(batteryplan.read_case(chain_case(tmp_path_factory.mktemp("sc") / "inputs")))


def test_option(chain_lp) -> None:
    assert scaling_for(chain_lp) is None                                 # small LP: auto is off
    sc = scaling_for(chain_lp, ON)
    assert sc is not None and sc.row.shape == (chain_lp.A.shape[0],) and sc.col.shape == (chain_lp.A.shape[1],)
    r, s = equilibrate(chain_lp.A.indptr, chain_lp.A.indices, chain_lp.A.data, chain_lp.A.shape[0], SCALE_ROUNDS)
    np.testing.assert_array_equal(sc.row, r / SCALE_UNIT)
    np.testing.assert_array_equal(sc.col, s * SCALE_UNIT)
    assert sc.obj == 1 / SCALE_UNIT
    assert scaling_for(chain_lp, {SCALING_OPTION: "off"}) is None
    with pytest.raises(SolveError, match=SCALING_OPTION):
        scaling_for(chain_lp, {SCALING_OPTION: "yes"})


def test_solution_and_duals_come_back_unscaled(chain_lp) -> None:
    """The scaled model's optimal basis, given to the unscaled model, is optimal there at once (a basis
    does not depend on scaling): both must then report the same x and row duals."""
    on = LiveModel(chain_lp, ON)
    a = on.solve()
    assert a.status == "Optimal"
    assert batteryplan.solve(chain_lp).objective == pytest.approx(a.objective, rel=1e-9)
    off = LiveModel(chain_lp, {SCALING_OPTION: "off", "solver": "simplex"})
    off.set_basis(on.get_basis())
    b = off.solve()
    assert b.status == "Optimal" and b.iterations["simplex"] == 0
    np.testing.assert_allclose(a.x, b.x, rtol=1e-7, atol=1e-6)
    np.testing.assert_allclose(a.row_dual, b.row_dual, rtol=1e-7, atol=1e-6)
    assert float(chain_lp.cost @ a.x) + chain_lp.offset == pytest.approx(a.objective, rel=1e-9)


def test_live_model_costs_basis_and_added_row(chain_lp) -> None:
    """Warm re-solves after a cost change and after an added row agree with unscaled cold solves."""
    live_on, live_off = LiveModel(chain_lp, ON), LiveModel(chain_lp, {SCALING_OPTION: "off"})
    assert live_on.scaling is not None and live_off.scaling is None
    check_live_paths(chain_lp, live_on, live_off)


def test_sweep_and_split_range_with_scaling_on(tmp_path: Path) -> None:
    from batteryplan.sweep import sweep
    from batteryplan.sweep.split_range import split_range
    case = tie_case(tmp_path / "tie" / "inputs")
    names = "Mixed-Low-R,Mixed-Low-M,Mixed-High-M"
    on = sweep(case, names, out=tmp_path / "on", workers=1, quiet=True, solver_options=ON)
    off = sweep(case, names, out=tmp_path / "off", workers=1, quiet=True)
    assert int((~on["warm"].astype(bool)).sum()) == 1                     # one chain: one cold solve
    np.testing.assert_allclose(on["objective"], off["objective"], rtol=1e-9)
    r_on = split_range(tmp_path / "on" / "Mixed-Low-R.h5", case, tolerance=0.0, solver_options=ON)
    r_off = split_range(tmp_path / "off" / "Mixed-Low-R.h5", case, tolerance=0.0)
    np.testing.assert_allclose(r_on[["share_min", "share_max"]], r_off[["share_min", "share_max"]], atol=1e-6)
