"""A sweep reads the case once per strategy and hands it to its workers, which read nothing themselves."""
from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import numpy as np
import pytest

run_mod = importlib.import_module("batteryplan.sweep.run")
chain_mod = importlib.import_module("batteryplan.sweep.chain")
policy = importlib.import_module("batteryplan.solver.policy")

NAMES = ["Grid-Low-B", "Grid-Low-M", "Grid-High-R", "RE-Low-B", "RE-High-M"]


def _counting(monkeypatch: pytest.MonkeyPatch, module, calls: list[str]) -> None:
    real = module.read_strategy_case
    monkeypatch.setattr(module, "read_strategy_case",
                        lambda path, strategy, *a, **k: calls.append(strategy) or real(path, strategy, *a, **k))


def test_serial_cold_tasks_share_one_read_per_strategy(serial_all, chain_inputs: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Big-LP plan (threshold patched): every scenario is a task of its own, yet each strategy is read once."""
    monkeypatch.setattr(policy, "AUTO_COLD_ROWS", 10)
    parent, tasks = [], []
    _counting(monkeypatch, run_mod, parent)
    _counting(monkeypatch, chain_mod, tasks)
    cat = run_mod.sweep(chain_inputs, NAMES, out=tmp_path, workers=1, quiet=True)
    assert (cat["status"] == "Optimal").all() and not cat["warm"].any()
    assert sorted(parent) == ["Grid", "RE"] and tasks == []
    ref = serial_all[1].set_index("name").loc[cat["name"], "objective"]
    np.testing.assert_allclose(cat["objective"], ref, rtol=1e-9)


@pytest.mark.parametrize("backend", ["pool", "dask"])
def test_workers_get_the_case_from_the_sweep(serial_all, chain_inputs: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    """The case folder is removed once the sweep has read it: workers that read it themselves would fail."""
    pytest.importorskip("distributed") if backend == "dask" else None
    case = tmp_path / "case" / "inputs"
    shutil.copytree(chain_inputs, case)
    real = run_mod._strategy_cases

    def read_then_remove(*args, **kwargs):
        cases = real(*args, **kwargs)
        shutil.rmtree(case.parent)
        return cases

    monkeypatch.setattr(run_mod, "_strategy_cases", read_then_remove)
    kw = {"local_cluster": True} if backend == "dask" else {}
    cat = run_mod.sweep(case, NAMES, out=tmp_path / "out", workers=2, quiet=True, **kw)
    assert not case.exists()
    assert (cat["status"] == "Optimal").all(), cat[["name", "status", "error"]]
    ref = serial_all[1].set_index("name").loc[cat["name"], "objective"]
    np.testing.assert_allclose(cat["objective"], ref, rtol=1e-9)
