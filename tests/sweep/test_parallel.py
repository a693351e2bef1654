"""Sweeps in other processes: a Dask LocalCluster, and a process-pool sweep killed midway and resumed."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
import pytest

from batteryplan.scenarios import all_names, parse
from batteryplan.sweep import sweep
from batteryplan.sweep.files import is_complete

REPO = Path(__file__).resolve().parents[2]


def test_dask_local_cluster_matches_serial(serial_all, chain_inputs: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    cat = sweep(chain_inputs, "all", out=tmp_path, local_cluster=True, workers=2, quiet=True)
    assert (cat["status"] == "Optimal").all()
    ref = serial_all[1].set_index("name")
    np.testing.assert_allclose(cat["objective"], ref.loc[cat["name"], "objective"], rtol=1e-9)
    assert int((~cat["warm"]).sum()) == 4                           # each strategy chain stayed on one worker
    assert len({json.loads(line)["pid"] for line in (tmp_path / "solves.jsonl").read_text().splitlines()}) == 2


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _cli(out: Path, case: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "batteryplan.cli", "sweep", str(case), "--scenarios", "all", "--out", str(out),
            "--workers", "2", "--quiet", *extra]


def test_killed_sweep_resumes_without_loss_or_repeats(serial_all, chain_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(_cli(out, chain_inputs), cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 180               # the first result; workers start slowly under load
        while not list(out.glob("*.h5")):
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "no result file within 180 s"
            workers = _children(proc.pid) or workers
            time.sleep(0.01)
        workers = _children(proc.pid) or workers
        proc.send_signal(signal.SIGKILL)                   # the sweep process only: its workers must notice
        proc.wait(10)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"worker processes outlived the killed sweep: {[p.pid for p in alive]}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for p in workers:
            if p.is_running():
                p.kill()
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.h5")}
    assert 0 < len(before) < 24, "the sweep was not killed midway"
    assert all(is_complete(out / n, parse(n[:-3])) for n in before)        # complete or absent, never half

    cat = sweep(chain_inputs, "all", out=out, workers=1, quiet=True, resume=True).set_index("name")
    assert sorted(cat.index) == sorted(all_names()) and (cat["status"] == "Optimal").all()
    assert pd.read_csv(out / "catalog.csv").set_index("name").loc[cat.index, "status"].eq("Optimal").all()
    for name, mtime in before.items():                     # nothing solved before the kill was solved again
        assert (out / name).stat().st_mtime_ns == mtime
    solves = [json.loads(line) for line in (out / "solves.jsonl").read_text().splitlines()]
    optimal = [s["name"] for s in solves if s["status"] == "Optimal"]
    assert len(optimal) == len(set(optimal))                            # never solved twice
    done_before = {n[:-3] for n in before}
    assert set(optimal) | done_before == set(all_names())               # nothing lost
    resumed = {s["name"] for s in solves if s["run"] == solves[-1]["run"]}
    assert resumed == set(all_names()) - done_before
    ref = serial_all[1].set_index("name")
    np.testing.assert_allclose(cat["objective"], ref.loc[cat.index, "objective"], rtol=1e-9)


def test_a_crashed_worker_is_replaced_and_its_scenarios_retried(serial_all, chain_inputs: Path,
                                                                 tmp_path: Path) -> None:
    """A worker process that dies (out of memory, solver crash) breaks the pool: the sweep starts a new
    pool and solves what was lost, without solving anything twice."""
    import threading
    names = [n for n in all_names() if n.startswith(("Grid-", "RE-"))]
    result: dict = {}
    t0 = time.time()
    t = threading.Thread(target=lambda: result.setdefault(
        "cat", sweep(chain_inputs, names, out=tmp_path, workers=2, quiet=True)))
    t.start()
    try:
        deadline = time.monotonic() + 180               # the first result; workers start slowly under load
        while not list(tmp_path.glob("*.h5")):
            assert time.monotonic() < deadline and t.is_alive()
            time.sleep(0.01)
        victims = [p for p in psutil.Process().children(recursive=True)    # a worker of this sweep's pool:
                   if "spawn_main" in " ".join(p.cmdline())                 # not the resource tracker, nor a
                   and p.create_time() >= t0 - 1]                           # process left by an earlier test
        assert victims
        victims[0].kill()
    finally:
        t.join(300)
    assert not t.is_alive(), "the sweep did not finish after its worker was killed"
    cat = result["cat"]
    assert (cat["status"] == "Optimal").all(), cat[["name", "status", "error"]]
    solves = [json.loads(line) for line in (tmp_path / "solves.jsonl").read_text().splitlines()]
    optimal = [s["name"] for s in solves if s["status"] == "Optimal"]
    assert len(optimal) == len(set(optimal)) and set(optimal) <= set(names)
    assert len({s["pid"] for s in solves}) >= 3                         # a replacement worker did some of it
    ref = serial_all[1].set_index("name")
    np.testing.assert_allclose(cat["objective"], ref.loc[cat["name"], "objective"], rtol=1e-9)


def test_big_lp_cold_tasks_each_get_a_new_process(serial_all, chain_inputs: Path, tmp_path: Path,
                                                   monkeypatch) -> None:
    """On a big LP (threshold patched) every cold one-scenario task runs in a new worker process, so
    memory a finished solve left behind cannot add to the next one's."""
    import importlib
    monkeypatch.setattr(importlib.import_module("batteryplan.solver.policy"), "AUTO_COLD_ROWS", 10)
    names = ["Grid-Low-B", "Grid-Low-M", "RE-Low-B", "RE-High-R", "Demand-Low-R"]
    cat = sweep(chain_inputs, names, out=tmp_path, workers=2, quiet=True)
    assert (cat["status"] == "Optimal").all() and not cat["warm"].any()
    ref = serial_all[1].set_index("name")
    np.testing.assert_allclose(cat["objective"], ref.loc[cat["name"], "objective"], rtol=1e-9)
    pids = [json.loads(line)["pid"] for line in (tmp_path / "solves.jsonl").read_text().splitlines()]
    assert len(pids) == 5 and len(set(pids)) == 5
