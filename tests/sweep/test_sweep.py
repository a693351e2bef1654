"""Sweeps in this process: the catalog, result files, warm = cold, failures, resume, the CLI."""
from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import batteryplan
from batteryplan.cli import main
from batteryplan.scenarios import all_names, parse
from batteryplan.sweep import sweep
from batteryplan.sweep.files import CATALOG_COLUMNS, SweepBusyError, folder_lock, is_complete

REL = 1e-6


def _solves(out: Path) -> list[dict]:
    p = out / "solves.jsonl"
    return [json.loads(line) for line in p.read_text().splitlines()] if p.exists() else []


def test_catalog_and_result_files(serial_all, chain_inputs: Path) -> None:
    out, cat = serial_all
    assert list(cat.columns) == list(CATALOG_COLUMNS)
    assert sorted(cat["name"]) == sorted(all_names())
    assert (cat["status"] == "Optimal").all() and (cat["error"] == "").all()
    for suffix, reader in ((".csv", pd.read_csv), (".parquet", pd.read_parquet)):
        disk = reader(out / f"catalog{suffix}")
        assert list(disk["name"]) == list(cat["name"])
        np.testing.assert_allclose(disk["objective"], cat["objective"], rtol=1e-12)
    period_length = batteryplan.read_case(chain_inputs).period_length
    for row in cat.itertuples():
        path = out / row.file
        assert is_complete(path, parse(row.name))
        with h5py.File(path) as f:
            assert f.attrs["objective"] == row.objective
            co2 = f["summary/co2_t_per_yr"][...]
            npv = f["summary/system_cost_npv_usd"][...]
        assert row.cumulative_co2_t == pytest.approx(float(co2 @ period_length), rel=1e-12)
        assert row.system_cost_usd == pytest.approx(float(npv.sum()), rel=1e-12)
        assert row.system_cost_usd == pytest.approx(row.objective, rel=1e-3)   # same costs, counted apart
    # one cold solve per strategy (the first of its chain), all others warm
    assert int((~cat["warm"]).sum()) == 4
    assert len(_solves(out)) == 24
    assert not list(out.glob("*.partial"))


def test_warm_objectives_equal_cold_ones(serial_all, chain_inputs: Path, tmp_path: Path) -> None:
    _, warm = serial_all
    cold = sweep(chain_inputs, "all", out=tmp_path, workers=1, quiet=True, warm=False)
    assert not cold["warm"].any()
    w, c = warm.set_index("name"), cold.set_index("name")
    np.testing.assert_allclose(w.loc[c.index, "objective"], c["objective"], rtol=REL)
    # the point of warm starts: far fewer simplex iterations after the first solve of a chain
    assert w.loc[w["warm"], "iterations"].sum() * 3 < c.loc[w.index[w["warm"]], "iterations"].sum()


def test_ipm_cold_start_gives_the_same_optima(serial_all, chain_inputs: Path, tmp_path: Path) -> None:
    _, ref = serial_all
    names = [n for n in all_names() if n.startswith("Grid-")]
    cat = sweep(chain_inputs, names, out=tmp_path, workers=1, quiet=True, method="ipm")
    assert cat["ipm_iterations"].iloc[0] > 0 and list(cat["warm"]) == [False] + [True] * 5
    r = ref.set_index("name").loc[cat["name"]]
    np.testing.assert_allclose(cat["objective"], r["objective"], rtol=REL)


def test_failed_scenarios_are_recorded_and_the_others_go_on(chain_inputs: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    case = tmp_path / "case" / "inputs"
    shutil.copytree(chain_inputs, case)
    (case / "battery_cost_paths.csv").write_text("path,multiplier\nB,1\nM,0.3333333333\n")   # no R
    from batteryplan.sweep import chain as chain_mod
    real = chain_mod.result_from_solution

    def broken(lp, sol, seconds):
        if lp.case.scenario["name"] == "Grid-High-B":
            raise RuntimeError("disk full (simulated)")
        return real(lp, sol, seconds)

    monkeypatch.setattr(chain_mod, "result_from_solution", broken)
    cat = sweep(case, "Grid-Low-B,Grid-High-B,Grid-Low-M,Grid-Low-R", out=tmp_path / "out", workers=1,
                quiet=True).set_index("name")
    assert cat.loc["Grid-Low-R", "status"] == "error"
    assert "battery cost path 'R'" in cat.loc["Grid-Low-R", "error"]
    assert cat.loc["Grid-High-B", "status"] == "error" and "disk full" in cat.loc["Grid-High-B", "error"]
    assert not (tmp_path / "out" / "Grid-High-B.h5").exists()
    assert (cat.loc[["Grid-Low-B", "Grid-Low-M"], "status"] == "Optimal").all()
    on_disk = pd.read_csv(tmp_path / "out" / "catalog.csv").set_index("name")
    assert on_disk.loc["Grid-High-B", "status"] == "error"


def test_resume_solves_only_what_is_missing(chain_inputs: Path, tmp_path: Path) -> None:
    first = sweep(chain_inputs, "RE-Low-B,RE-High-B,RE-Low-M", out=tmp_path, workers=1, quiet=True)
    mtimes = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.h5")}
    with open(tmp_path / "RE-Low-M.h5", "r+b") as f:          # a damaged file is solved again
        f.truncate(1000)
    (tmp_path / "RE-Low-R.h5.partial").write_bytes(b"left by a killed writer")
    cat = sweep(chain_inputs, "RE-Low-B,RE-High-B,RE-Low-M,RE-Low-R", out=tmp_path, workers=1, quiet=True,
                resume=True).set_index("name")
    assert (cat["status"] == "Optimal").all()
    solved = [s["name"] for s in _solves(tmp_path)]
    assert sorted(solved) == sorted(["RE-Low-B", "RE-High-B", "RE-Low-M", "RE-Low-M", "RE-Low-R"])
    for name in ("RE-Low-B.h5", "RE-High-B.h5"):
        assert (tmp_path / name).stat().st_mtime_ns == mtimes[name]
    kept = first.set_index("name").loc[["RE-Low-B", "RE-High-B"]]
    assert list(cat.loc[kept.index, "run"]) == list(kept["run"])            # rows carried over, not re-solved
    assert list(cat.loc[kept.index, "warm"]) == list(kept["warm"])
    for col in ("iterations", "crossover_iterations", "ipm_iterations", "vertex"):    # rebuilt from the files
        assert list(cat.loc[kept.index, col]) == list(kept[col])
    assert not list(tmp_path.glob("*.partial"))


def test_a_busy_folder_is_refused(chain_inputs: Path, tmp_path: Path) -> None:
    with folder_lock(tmp_path):
        with pytest.raises(SweepBusyError):
            sweep(chain_inputs, "Grid-Low-B", out=tmp_path, workers=1, quiet=True)


def test_cli_sweep(serial_all, chain_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["sweep", str(chain_inputs), "--scenarios", "Demand-Low-B,Demand-High-R",
                                  "--carbon-multipliers", "1,2", "--out", str(out), "--workers", "1"])
    assert r.exit_code == 0, r.output
    names = ["Demand-Low-B", "Demand-Low-B-x2", "Demand-High-R", "Demand-High-R-x2"]
    assert sorted(p.stem for p in out.glob("*.h5")) == sorted(names)
    assert "4 of 4 scenarios optimal" in r.output
    assert "[4/4]" in r.output                               # one log line per finished scenario
    ref = serial_all[1].set_index("name")
    cat = pd.read_parquet(out / "catalog.parquet").set_index("name")
    np.testing.assert_allclose(cat.loc[["Demand-Low-B", "Demand-High-R"], "objective"],
                               ref.loc[["Demand-Low-B", "Demand-High-R"], "objective"], rtol=REL)
    quiet = CliRunner().invoke(main, ["sweep", str(chain_inputs), "--scenarios", "Demand-Low-B", "--out", str(out),
                                      "--workers", "1", "--resume", "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""
    busy = tmp_path / "busy"
    busy.mkdir()
    with folder_lock(busy):
        r = CliRunner().invoke(main, ["sweep", str(chain_inputs), "--scenarios", "Demand-Low-B", "--out", str(busy),
                                      "--workers", "1", "--quiet"])
    assert r.exit_code == 2 and "another sweep" in r.output


def test_a_task_of_an_older_run_stops(chain_inputs: Path, tmp_path: Path) -> None:
    """A chain left running by a killed sweep (e.g. on a Dask cluster) solves nothing once a newer run
    owns the folder."""
    import time

    from batteryplan.sweep.chain import ChainTask, SolvePlan, run_chain
    from batteryplan.sweep.files import claim
    task = ChainTask(str(chain_inputs), "Grid", (parse("Grid-Low-B"), parse("Grid-High-B")), str(tmp_path),
                     SolvePlan(method="simplex"), "old-run", time.time())
    claim(tmp_path, "new-run")
    assert run_chain(task) == []
    assert not list(tmp_path.glob("*.h5")) and not _solves(tmp_path)
    claim(tmp_path, "old-run")
    assert [r["status"] for r in run_chain(task)] == ["Optimal", "Optimal"]


def test_warm_auto_goes_cold_on_a_large_lp(serial_all, chain_inputs: Path, tmp_path: Path, monkeypatch) -> None:
    sw = importlib.import_module("batteryplan.sweep.run")
    policy = importlib.import_module("batteryplan.solver.policy")
    assert sw.choose_warm(batteryplan.read_case(chain_inputs))          # the small case stays warm ...
    names = [n for n in all_names() if n.startswith("Grid-Low")]
    monkeypatch.setattr(policy, "AUTO_COLD_ROWS", 10)                 # ... and counts as large here
    chains = []
    real = sw._run_serial
    monkeypatch.setattr(sw, "_run_serial", lambda ch, make, book: (chains.extend(ch), real(ch, make, book)))
    cat = sweep(chain_inputs, names, out=tmp_path, workers=1, quiet=True)
    assert not cat["warm"].any() and (cat["status"] == "Optimal").all()
    assert [len(part) for _, part in chains] == [1, 1, 1]               # one task per cold scenario
    ref = serial_all[1].set_index("name").loc[cat["name"], "objective"]
    np.testing.assert_allclose(cat["objective"], ref, rtol=REL)
    r = CliRunner().invoke(main, ["sweep", str(chain_inputs), "--cold", "--warm", "--out", str(tmp_path / "x")])
    assert r.exit_code == 2 and "exclude each other" in r.output


def test_on_a_large_lp_only_small_carbon_steps_start_warm(serial_all, chain_inputs: Path, tmp_path: Path,
                                                          monkeypatch) -> None:
    sw = importlib.import_module("batteryplan.solver.policy")
    monkeypatch.setattr(sw, "AUTO_COLD_ROWS", 10)                     # the small case counts as large
    mults = [1, 1.01, 1.015, 1.5]
    cat = sweep(chain_inputs, "Grid-Low-B,Grid-Low-M", mults, out=tmp_path, workers=1, quiet=True)
    assert (cat["status"] == "Optimal").all() and len(cat) == 8
    warm = cat.set_index("name")["warm"]
    for path in ("B", "M"):                   # x1 cold, x1.01 and x1.015 warm (steps of 1 % and 0.5 %), x1.5 cold
        assert [bool(warm[f"Grid-Low-{path}{s}"]) for s in ("", "-x1.01", "-x1.015", "-x1.5")] == \
            [False, True, True, False]
    cold = sweep(chain_inputs, "Grid-Low-B,Grid-Low-M", mults, out=tmp_path / "cold", workers=1, quiet=True,
                 warm=False)
    c = cold.set_index("name")["objective"]
    np.testing.assert_allclose(cat.set_index("name").loc[c.index, "objective"], c, rtol=REL)
    x1 = serial_all[1].set_index("name").loc[["Grid-Low-B", "Grid-Low-M"], "objective"]
    np.testing.assert_allclose(c.loc[x1.index], x1, rtol=REL)


def test_the_eta_after_a_resume_counts_only_this_runs_scenarios(tmp_path: Path) -> None:
    """Preset (already solved) scenarios must not enter the rate: one new scenario in 533 s is 533 s per scenario."""
    from batteryplan.sweep.run import _Book
    book = _Book([parse(n) for n in all_names()], tmp_path, quiet=False, tty=True)
    clock = [0.0]
    book.bar._time = lambda: clock[0]
    book.bar.start_t = book.bar.last_print_t = 0.0
    for name in all_names()[:15]:
        book.preset({"name": name})
    clock[0] = 533.0
    book.bar.update(1)
    assert book.bar.n == 16
    assert book.bar.format_dict["rate"] == pytest.approx(1 / 533.0)
    book.bar.close()


def _highs(path: Path) -> tuple[dict, dict]:
    with h5py.File(path) as f:
        return json.loads(f.attrs["highs_options"]), json.loads(f.attrs["iterations"])


def test_a_sweep_records_our_options_as_applied(chain_inputs: Path, tmp_path: Path) -> None:
    """A sweep's own options go over the model's in each result; "auto" must still be recorded as what it
    became on this LP ("off": the case is small), in the cold solve and in the warm one after it."""
    from batteryplan.solver.policy import CAPACITY_OPTION, SCALING_OPTION
    cat = sweep(chain_inputs, "Grid-Low-R,Grid-Low-M", out=tmp_path, workers=1, quiet=True,
                solver_options={SCALING_OPTION: "auto", CAPACITY_OPTION: "auto"})
    assert sorted(cat["warm"]) == [False, True]
    for name in cat["name"]:
        opts, _ = _highs(tmp_path / f"{name}.h5")
        assert opts[SCALING_OPTION] == "off" and opts[CAPACITY_OPTION] == "off"


def _vertex(path: Path) -> bool:
    """Whether the result file holds a vertex; either way its solution must be feasible and optimal."""
    with h5py.File(path) as f:
        quality = json.loads(f.attrs["solution_quality"])
    assert quality["max_primal_infeasibility"] <= 1e-6 and quality["primal_dual_objective_error"] <= 1e-7
    return quality["vertex"]


def test_a_cold_ipm_solve_whose_basis_nobody_needs_skips_crossover(serial_all, chain_inputs: Path,
                                                                   tmp_path: Path, monkeypatch) -> None:
    """Big-LP plan: x1 starts a warm chain (crossover, for its basis), x1.01 re-solves warm from it, and
    x1.5, a task of its own, is solved by IPM alone ("choose": crossover only if IPM is not optimal)."""
    sw = importlib.import_module("batteryplan.solver.policy")
    monkeypatch.setattr(sw, "AUTO_COLD_ROWS", 10)                     # the small case counts as large
    cat = sweep(chain_inputs, "Grid-Low-B,Grid-Low-M", [1, 1.01, 1.5], out=tmp_path / "a", workers=1,
                quiet=True, method="ipm").set_index("name")
    assert (cat["status"] == "Optimal").all() and len(cat) == 6
    for path in ("B", "M"):
        first, step, alone = (f"Grid-Low-{path}{s}" for s in ("", "-x1.01", "-x1.5"))
        assert [bool(cat.loc[n, "warm"]) for n in (first, step, alone)] == [False, True, False]
        opts, _ = _highs(tmp_path / "a" / f"{first}.h5")
        assert opts["run_crossover"] == "on" and _vertex(tmp_path / "a" / f"{first}.h5")
        opts, it = _highs(tmp_path / "a" / f"{alone}.h5")
        assert opts["run_crossover"] == "choose" and it["ipm"] > 0 and it["crossover"] == 0
        assert not _vertex(tmp_path / "a" / f"{alone}.h5")       # the file says it holds an interior point
        # the catalog keeps crossover's pivots apart from simplex's, as the files count them
        for name in (first, step, alone):
            it = _highs(tmp_path / "a" / f"{name}.h5")[1]
            assert cat.loc[name, "crossover_iterations"] == it["crossover"]
            assert cat.loc[name, "iterations"] == it["crossover"] + it["simplex"]
            assert cat.loc[name, "ipm_iterations"] == it["ipm"]
        assert cat.loc[first, "crossover_iterations"] > 0 and cat.loc[first, "ipm_iterations"] > 0
        assert cat.loc[step, "crossover_iterations"] == 0 and cat.loc[step, "iterations"] > 0
        assert cat.loc[alone, "crossover_iterations"] == 0
        assert [bool(cat.loc[n, "vertex"]) for n in (first, step, alone)] == [True, True, False]
    ref = serial_all[1].set_index("name").loc[["Grid-Low-B", "Grid-Low-M"], "objective"]
    np.testing.assert_allclose(cat.loc[ref.index, "objective"], ref, rtol=REL)
    # every scenario cold: none leaves a basis to anyone; the user can still ask for the vertex
    cold = sweep(chain_inputs, "Grid-Low-B,Grid-Low-M", [1.5], out=tmp_path / "b", workers=1, quiet=True,
                 method="ipm", warm=False).set_index("name")
    vertex = sweep(chain_inputs, "Grid-Low-B,Grid-Low-M", [1.5], out=tmp_path / "c", workers=1, quiet=True,
                   method="ipm", warm=False, solver_options={"run_crossover": "on"}).set_index("name")
    for name in cold.index:
        assert _highs(tmp_path / "b" / f"{name}.h5")[0]["run_crossover"] == "choose"
        assert _highs(tmp_path / "c" / f"{name}.h5")[0]["run_crossover"] == "on"
        assert _vertex(tmp_path / "c" / f"{name}.h5") and not _vertex(tmp_path / "b" / f"{name}.h5")
    np.testing.assert_allclose(cold["objective"], vertex.loc[cold.index, "objective"], rtol=REL)
    np.testing.assert_allclose(cat.loc[cold.index, "objective"], vertex.loc[cold.index, "objective"], rtol=REL)


def test_log_line_names_each_kind_of_iteration() -> None:
    """A sweep's line per scenario says what the solve did: an interior point alone, IPM + crossover, a
    clean-up after crossover, a warm simplex re-solve."""
    from batteryplan.sweep.run import _iterations
    assert _iterations({"ipm_iterations": 105, "crossover_iterations": 0, "iterations": 0,
                        "vertex": False}) == "105 IPM it (interior point)"
    assert _iterations({"ipm_iterations": 98, "crossover_iterations": 78404, "iterations": 78404,
                        "vertex": True}) == "98 IPM + 78,404 crossover it"
    assert _iterations({"ipm_iterations": 117, "crossover_iterations": 78832, "iterations": 105643,
                        "vertex": True}) == "117 IPM + 78,832 crossover + 26,811 simplex it"
    assert _iterations({"ipm_iterations": 0, "crossover_iterations": 0, "iterations": 8864,
                        "vertex": True}) == "8,864 simplex it"
    assert _iterations({"ipm_iterations": None, "iterations": 12}) == "12 simplex it"   # an older catalog row
