"""crossover: warm-started bisection over the carbon multiplier, every point reported."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import batteryplan
from batteryplan.cli import main
from batteryplan.scenarios import Scenario, read_scenario
from batteryplan.sweep.files import cumulative_co2_t
from batteryplan.sweep.crossover import crossover


def test_points_are_the_optima_of_cold_solves(chain_inputs: Path) -> None:
    res = crossover(chain_inputs, ("Grid", "RE"), "cumulative_co2", 1.0, 9.0, battery_cost="B", grid=3,
                    rtol=0.1, workers=1)
    pts = res.points
    assert len(pts) >= 6 and (pts["status"] == "Optimal").all()
    assert list(pts["warm"]) == [False, False] + [True] * (len(pts) - 2)   # one cold solve per strategy
    for row in pts.itertuples():
        sc = Scenario(row.strategy, "Low", "B", row.carbon_multiplier)
        assert sc.name == row.scenario
        cold = batteryplan.solve(batteryplan.build(read_scenario(chain_inputs, sc)))
        assert row.objective == pytest.approx(cold.objective, rel=1e-6)
        period_length = cold.lp.case.period_length
        assert row.metric == pytest.approx(cumulative_co2_t(cold.summary, period_length), rel=1e-4)
    d = pts.groupby("carbon_multiplier")["difference"].first()
    if res.bracket is not None:                       # the bracket straddles a sign change of A - B
        lo, hi = res.bracket
        assert (d.loc[lo] < 0) != (d.loc[hi] < 0) and hi / lo <= 1.1
    else:
        assert (d >= 0).all() or (d < 0).all()
    scan = pts["carbon_multiplier"].to_numpy()[::2]
    assert scan[0] == 1.0 and scan[1] == pytest.approx(3.0)            # the scan goes upwards (1, 3, 9)
    assert (9.0 in scan) == (res.bracket is None or res.bracket[0] >= 3.0)   # and stops at the first change


def test_cli_two_processes(tie_inputs: Path, tmp_path: Path) -> None:
    csv = tmp_path / "points.csv"
    r = CliRunner().invoke(main, ["crossover", str(tie_inputs), "--strategies", "Grid,RE", "--metric", "objective",
                                  "--range", "1:4", "--grid", "3", "--out", str(csv)])
    assert r.exit_code == 0, r.output
    import pandas as pd
    pts = pd.read_csv(csv)
    assert len(pts) == 6 and set(pts["strategy"]) == {"Grid", "RE"}
    # an RE-connected battery is a grid battery with one more constraint: RE never costs less
    by = pts.pivot_table(index="carbon_multiplier", columns="strategy", values="objective")
    assert (by["RE"] >= by["Grid"] * (1 - 1e-9)).all()
    assert "no crossover" in r.output


def test_on_a_large_lp_only_the_last_bisection_steps_start_warm(chain_inputs: Path, monkeypatch) -> None:
    import importlib
    monkeypatch.setattr(importlib.import_module("batteryplan.solver.policy"), "AUTO_COLD_ROWS", 10)
    res = crossover(chain_inputs, ("Grid", "RE"), "cumulative_co2", 1.0, 9.0, battery_cost="B", grid=3,
                    rtol=0.01, workers=1)
    pts = res.points.sort_index()
    assert (pts["status"] == "Optimal").all() and res.bracket is not None
    by_strategy = {s: g for s, g in pts.groupby("strategy", sort=False)}
    for g in by_strategy.values():
        m = g["carbon_multiplier"].to_numpy()
        step = [max(a, b) / min(a, b) for a, b in zip(m, m[1:])]
        # a point starts warm exactly when it is within 2 % of the point solved before it
        assert list(g["warm"])[1:] == [s <= 1.02 for s in step]
        assert not g["warm"].iloc[0]
        assert g["warm"].iloc[-2:].all() and not g["warm"].iloc[:-2].any()   # only the last bisection steps


def test_checkpoint_gets_every_point_solved_so_far(tie_inputs: Path) -> None:
    seen: list[int] = []
    res = crossover(tie_inputs, ("Grid", "RE"), "objective", 1.0, 4.0, grid=3, workers=1,
                    checkpoint=lambda df: seen.append(len(df)))
    assert seen == [2, 4, 6] and len(res.points) == 6           # one call per multiplier, two rows each
    assert list(res.points.columns[-4:]) == ["metric_name", "carbon", "battery_cost", "modules"]


def test_cli_keeps_the_points_of_a_search_stopped_on_the_way(tie_inputs: Path, tmp_path: Path, monkeypatch) -> None:
    import pandas as pd
    from batteryplan.sweep import crossover as mod
    real = mod._Solver.solve
    calls = {"n": 0}

    def solve(self, multiplier: float) -> dict:
        calls["n"] += 1
        if calls["n"] == 5:                            # the third multiplier's first strategy
            raise KeyboardInterrupt
        return real(self, multiplier)

    monkeypatch.setattr(mod._Solver, "solve", solve)
    csv = tmp_path / "points.csv"
    r = CliRunner().invoke(main, ["crossover", str(tie_inputs), "--strategies", "Grid,RE", "--metric", "objective",
                                  "--range", "1:4", "--grid", "3", "--workers", "1", "--out", str(csv)])
    assert r.exit_code != 0
    pts = pd.read_csv(csv)
    assert sorted(pts["carbon_multiplier"].unique()) == [1.0, 2.0] and len(pts) == 4
    assert set(pts["metric_name"]) == {"objective"} and not list(tmp_path.glob("*.partial"))


def test_cli_resume_goes_on_where_the_search_stopped(tie_inputs: Path, tmp_path: Path, monkeypatch) -> None:
    import pandas as pd
    from batteryplan.sweep import crossover as mod
    real = mod._Solver.solve
    solved: list[float] = []
    stop = {"at": 5}

    def solve(self, multiplier: float) -> dict:
        if len(solved) + 1 == stop["at"]:
            raise KeyboardInterrupt
        solved.append(multiplier)
        return real(self, multiplier)

    monkeypatch.setattr(mod._Solver, "solve", solve)
    args = ["crossover", str(tie_inputs), "--strategies", "Grid,RE", "--metric", "objective", "--range", "1:4",
            "--grid", "3", "--workers", "1"]
    whole = tmp_path / "whole.csv"
    stop["at"] = 0                                         # never: the whole search, for comparison
    assert CliRunner().invoke(main, [*args, "--out", str(whole)]).exit_code == 0
    n_whole = len(solved)
    solved.clear()
    stopped = tmp_path / "stopped.csv"
    stop["at"] = 5
    assert CliRunner().invoke(main, [*args, "--out", str(stopped)]).exit_code != 0
    assert solved == [1.0, 1.0, 2.0, 2.0]
    solved.clear()
    stop["at"] = 0
    r = CliRunner().invoke(main, [*args, "--out", str(stopped), "--resume"])
    assert r.exit_code == 0, r.output
    assert solved == [4.0, 4.0] and n_whole == 6             # only the multiplier the stopped run had not reached
    a, b = pd.read_csv(whole), pd.read_csv(stopped)
    cols = ["carbon_multiplier", "strategy", "metric", "difference", "objective", "status"]
    pd.testing.assert_frame_equal(a[cols], b[cols])
    assert "from --out" in r.output
    # resumed with a narrower range, the file keeps the points this search did not ask for
    r = CliRunner().invoke(main, [*args[:-6], "--range", "1:2", "--grid", "2", "--workers", "1", "--out", str(stopped),
                                  "--resume"])
    assert r.exit_code == 0, r.output
    pd.testing.assert_frame_equal(pd.read_csv(stopped)[cols], a[cols])


def test_cli_resume_refuses_the_points_of_another_search(tie_inputs: Path, tmp_path: Path) -> None:
    csv = tmp_path / "points.csv"
    args = ["crossover", str(tie_inputs), "--strategies", "Grid,RE", "--range", "1:4", "--grid", "2", "--workers", "1"]
    assert CliRunner().invoke(main, [*args, "--metric", "objective", "--out", str(csv)]).exit_code == 0
    r = CliRunner().invoke(main, [*args, "--metric", "system_cost", "--out", str(csv), "--resume"])
    assert r.exit_code != 0 and "another search: metric_name objective, this one system_cost" in r.output
    r = CliRunner().invoke(main, [*args, "--metric", "objective", "--resume"])
    assert r.exit_code != 0 and "--resume needs --out" in r.output
