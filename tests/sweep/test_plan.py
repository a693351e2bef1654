"""What a sweep solves and in which order, and the crossover search, without solving anything."""
from __future__ import annotations

import dataclasses
import math

import pytest

from batteryplan.solver import policy
from batteryplan.errors import CaseError
from batteryplan.scenarios import PAPER, all_names, parse
from batteryplan.sweep import plan_chains, resolve_scenarios
from batteryplan.sweep.chain import small_step
from batteryplan.sweep.crossover import find_crossover


def test_paper_all_and_names() -> None:
    assert [s.name for s in resolve_scenarios("paper")] == PAPER
    assert sorted(s.name for s in resolve_scenarios("all")) == sorted(all_names())
    got = [s.name for s in resolve_scenarios("Grid-Low-B, Mixed-High-R,Grid-Low-B", [1, 2.5])]
    assert got == ["Grid-Low-B", "Grid-Low-B-x2.5", "Mixed-High-R", "Mixed-High-R-x2.5"]
    assert len(resolve_scenarios(["paper", "all"])) == 24


@pytest.mark.parametrize("spec, mults", [("Grid-Low-X", [1]), ("Solar-Low-B", [1]), ("", [1]),
                                         ("Grid-Low-B", [-1]), ("Grid-Low-B", [math.inf])])
def test_bad_scenarios_are_case_errors(spec: str, mults: list[float]) -> None:
    with pytest.raises(CaseError):
        resolve_scenarios(spec, mults)


def _level(sc) -> tuple[str, float]:
    return sc.battery_cost, (1.0 if sc.carbon == "Low" else 2.0) * sc.carbon_multiplier


def test_one_chain_per_strategy_neighbours_one_step_apart() -> None:
    scs = resolve_scenarios("all", [1, 3])
    chains = plan_chains(scs)
    assert sorted(s for s, _ in chains) == ["Demand", "Grid", "Mixed", "RE"]
    assert chains[0][0] == "Mixed"                        # the largest LP starts first
    seen = [sc.name for _, part in chains for sc in part]
    assert sorted(seen) == sorted(sc.name for sc in scs)  # each scenario exactly once
    for strategy, part in chains:
        assert all(sc.strategy == strategy for sc in part)
        for a, b in zip(part, part[1:]):                  # one parameter changes between neighbours
            (pa, la), (pb, lb) = _level(a), _level(b)
            assert (pa == pb) != (la == lb)


def test_max_chain_splits_evenly() -> None:
    chains = plan_chains(resolve_scenarios("Grid-Low-B,Grid-High-B,Grid-Low-M,Grid-High-M,Grid-Low-R"), 2)
    assert [len(p) for _, p in chains] == [2, 2, 1]


def test_find_crossover_brackets_the_sign_change() -> None:
    calls: list[float] = []

    def d(m: float) -> float:                  # A's metric falls below B's above m = 17
        calls.append(m)
        return 17.0 - m

    bracket, direction = find_crossover(d, 1.0, 200.0, grid=5, rtol=0.01)
    assert direction == "falls below"
    lo, hi = bracket
    assert lo < 17.0 <= hi and hi / lo <= 1.01
    assert calls[:3] == pytest.approx([1.0, 200 ** 0.25, 200 ** 0.5])   # the scan goes upwards
    assert 200.0 not in calls                                          # and stops at the first change
    assert len(calls) <= 3 + 12


def test_find_crossover_none_and_nan() -> None:
    assert find_crossover(lambda m: 1.0, 1.0, 50.0, grid=4) == (None, "")
    assert find_crossover(lambda m: math.nan if m > 2 else 1.0, 1.0, 50.0, grid=4) == (None, "")
    bracket, direction = find_crossover(lambda m: m - 3.0, 0.0, 10.0, grid=3, rtol=1e-3)
    assert direction == "rises above" and bracket[0] < 3.0 <= bracket[1]


def test_small_step() -> None:
    a = parse("Grid-Low-R")
    assert small_step(a, dataclasses.replace(a, carbon_multiplier=1.01), 1.02)
    assert small_step(dataclasses.replace(a, carbon_multiplier=1.02), a, 1.02)          # either direction
    assert not small_step(a, dataclasses.replace(a, carbon_multiplier=1.03), 1.02)
    assert not small_step(a, parse("Grid-High-R"), 1.02)                               # carbon path: x2
    assert not small_step(a, parse("Grid-Low-M"), 1.02)                                # battery cost
    assert not small_step(a, parse("RE-Low-R"), 1.02)                                  # another LP
    assert not small_step(a, dataclasses.replace(a, battery_techs=("Battery_4h",)), 1.02)
    zero = dataclasses.replace(a, carbon_multiplier=0.0)
    assert small_step(zero, zero, 1.02) and not small_step(zero, dataclasses.replace(a, carbon_multiplier=0.01))


def test_small_steps_only_chains_runs_of_small_steps(monkeypatch) -> None:
    monkeypatch.setattr(policy, "SMALL_STEP", 1.02)
    scs = resolve_scenarios("Grid-Low-R,Mixed-High-B", [1, 1.01, 1.5, 1.015, 2])
    chains = plan_chains(scs, small_steps_only=True)
    got = [(s, [sc.name for sc in part]) for s, part in chains]
    assert got == [("Mixed", ["Mixed-High-B", "Mixed-High-B-x1.01", "Mixed-High-B-x1.015"]),
                   ("Grid", ["Grid-Low-R", "Grid-Low-R-x1.01", "Grid-Low-R-x1.015"]),
                   ("Mixed", ["Mixed-High-B-x1.5"]), ("Mixed", ["Mixed-High-B-x2"]),
                   ("Grid", ["Grid-Low-R-x1.5"]), ("Grid", ["Grid-Low-R-x2"])]
    assert [len(p) for _, p in plan_chains(scs, 2, small_steps_only=True)] == [2, 2, 1, 1, 1, 1, 1, 1]
    paper = plan_chains(resolve_scenarios("all"), small_steps_only=True)    # no small steps: all alone
    assert len(paper) == 24 and [s for s, _ in paper[:6]] == ["Mixed"] * 6 and paper[-1][0] == "Grid"
    assert paper[0][1][0].carbon == "High"                                  # the slower carbon path first
