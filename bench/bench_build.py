"""Benchmarks of batteryplan's read, build (to canonical CSC), hand-over and solve on the synthetic China case.

Engine API used (issue 2): ``case = batteryplan.read_case(path)``, ``lp = batteryplan.build(case)`` with ``lp.A``
a ``scipy.sparse.csc_matrix``, ``res = batteryplan.solve(lp)``, and, if it exists,
``batteryplan.solver.highs.handover(lp)``
(module function).  A piece of the API that does not exist yet makes its test skip with a reason.

Targets (issue 2): read-to-CSC under 2 s with a warm Numba cache, >= 30x faster than switch-model before HiGHS
starts, peak memory <= 1/5 of switch-model's.  ``process_peak_rss_mb`` in extra_info is the pytest process's
cumulative peak; the fresh-process tests give the phase's own peak (``peak_rss_mb``).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from benchutil import fresh_read_build, switch_peer_build, peak_rss_mb, versions

ROUNDS = 5


def _api(name: str) -> Callable[..., Any]:
    """``batteryplan.<name>``, or skip the test when the engine does not provide it yet."""
    try:
        bp = importlib.import_module("batteryplan")
    except ImportError as err:
        pytest.skip(f"batteryplan is not importable: {err}")
    fn = getattr(bp, name, None)
    if not callable(fn):
        pytest.skip(f"batteryplan.{name} does not exist yet")
    return fn


def _lp_info(lp: Any) -> dict[str, Any]:
    """n_rows, n_cols, nnz of an LP whose ``A`` is a scipy sparse matrix."""
    A = lp.A
    return {"n_rows": int(A.shape[0]), "n_cols": int(A.shape[1]), "nnz": int(A.nnz)}


def _check_canonical(lp: Any) -> None:
    """A fast wrong matrix is not a result: CSC, canonical, int32 indices."""
    A = lp.A
    assert A.format == "csc"
    assert A.has_canonical_format
    assert A.indices.dtype.name == "int32" and A.indptr.dtype.name == "int32"


@pytest.fixture(scope="session")
def china_case(china_synthetic_inputs: Path) -> Any:
    """The synthetic case read once (also warms the reader)."""
    return _api("read_case")(china_synthetic_inputs)


@pytest.fixture(scope="session")
def china_lp(china_case: Any) -> Any:
    """The synthetic case's LP built once (compiles or loads the Numba cache; never timed)."""
    return _api("build")(china_case)


def test_read(benchmark: Any, china_synthetic_inputs: Path) -> None:
    """Phase read: inputs folder -> validated Case."""
    read_case = _api("read_case")
    read_case(china_synthetic_inputs)                                  # warm-up, not timed
    case = benchmark.pedantic(read_case, args=(china_synthetic_inputs,), rounds=ROUNDS, warmup_rounds=0)
    assert case is not None
    benchmark.extra_info.update(process_peak_rss_mb=peak_rss_mb(), versions=versions())


def test_build(benchmark: Any, china_case: Any, china_lp: Any) -> None:
    """Phase build: Case -> canonical CSC LP (warm Numba cache)."""
    build = _api("build")
    lp = benchmark.pedantic(build, args=(china_case,), rounds=ROUNDS, warmup_rounds=1)
    _check_canonical(lp)
    benchmark.extra_info.update(**_lp_info(lp), process_peak_rss_mb=peak_rss_mb(), versions=versions())


def test_read_build(benchmark: Any, china_synthetic_inputs: Path, china_lp: Any) -> None:
    """Phases read + build together: the issue's 'read-to-CSC under 2 s' target (warm Numba cache)."""
    read_case, build = _api("read_case"), _api("build")

    def read_build() -> Any:
        return build(read_case(china_synthetic_inputs))

    lp = benchmark.pedantic(read_build, rounds=ROUNDS, warmup_rounds=0)
    _check_canonical(lp)
    benchmark.extra_info.update(**_lp_info(lp), process_peak_rss_mb=peak_rss_mb(), versions=versions())


def test_handover(benchmark: Any, china_lp: Any) -> None:
    """Phase hand-over: LP arrays -> populated highspy.Highs (``batteryplan.solver.highs.handover``), no solve."""
    try:
        solve_module = importlib.import_module("batteryplan.solver.highs")
    except ImportError as err:
        pytest.skip(f"batteryplan.solver.highs is not importable: {err}")
    handover = getattr(solve_module, "handover", None)
    if not callable(handover):
        pytest.skip("batteryplan.solver.highs.handover does not exist yet")
    h = benchmark.pedantic(handover, args=(china_lp,), rounds=ROUNDS, warmup_rounds=1)
    info = _lp_info(china_lp)
    if hasattr(h, "getNumNz"):
        info.update(highs_rows=int(h.getNumRow()), highs_cols=int(h.getNumCol()), highs_nnz=int(h.getNumNz()))
    benchmark.extra_info.update(**info, process_peak_rss_mb=peak_rss_mb(), versions=versions())


def test_solve(benchmark: Any, china_lp: Any) -> None:
    """Phase solve: HiGHS on the synthetic case (one round; minutes at China size)."""
    solve = _api("solve")
    res = benchmark.pedantic(solve, args=(china_lp,), rounds=1, iterations=1)
    objective = getattr(res, "objective", None)
    benchmark.extra_info.update(**_lp_info(china_lp), objective=objective, status=str(getattr(res, "status", "")),
                                process_peak_rss_mb=peak_rss_mb(), versions=versions())


# --- read + build in a fresh process: compile time (cold) and the phase's own peak memory (warm) -------------------

@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_fresh_process_read_build(benchmark: Any, china_synthetic_inputs: Path, tmp_path: Path, cache: str) -> None:
    """read + build in a new process; 'cold' = empty NUMBA_CACHE_DIR (includes compilation), 'warm' = cache filled.

    The timed value includes interpreter start-up and imports; extra_info has the in-process phase times and the
    process's peak RSS, the number to compare with switch-model's peak (``peer_switch_build.py``).
    """
    _api("read_case")
    _api("build")
    if cache == "warm":
        fresh_read_build(china_synthetic_inputs, tmp_path)             # fill the cache, not timed
    report = benchmark.pedantic(fresh_read_build, args=(china_synthetic_inputs, tmp_path), rounds=1, iterations=1)
    benchmark.extra_info.update(label=f"fresh process, {cache} Numba cache", **report, versions=versions())


# --- the peer: switch-model read + construct + hand-over to HiGHS on the same folder (opt-in: --peer) -------------

def test_switch_peer_build(benchmark: Any, china_synthetic_inputs: Path, peer_enabled: bool) -> None:
    """switch-model up to the hand-over to HiGHS (no solve), in a fresh process; minutes at China size."""
    switch_peer_build(benchmark, china_synthetic_inputs, peer_enabled)
