"""Live peer tests of the capacity families: SWITCH-China's capacity plans and planning reserves.

The cases of tests/peer/cases_capacity.py solved by batteryplan and by switch-model 2.0.9 (capacity plans
through tests/peer/switch_ext/china_modules/tech_plans.py, planning reserves through switch-model's own
module); optimal objectives equal within 1e-6 relative. Each family also binds: the same case without it
has a strictly lower optimum in switch-model.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.peer.cases_capacity import (CASES, GAS_NATIONAL_MAX, URANIUM_NORTH_MIN,  # noqa: E402
                                       WIND_NORTH_MIN_2040)
from tests.peer.run_switch import SwitchRun, run_switch  # noqa: E402
from tests.solves.test_live_peer import HAVE_SWITCH  # noqa: E402


pytestmark = [
    pytest.mark.peer,
    pytest.mark.skipif(not HAVE_SWITCH,
                       reason="switch_model is not importable; live peer tests need `pip install switch-model highspy`"),
]

REL_TOL = 1e-6


@pytest.fixture(scope="module")
def peer(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, bool], tuple[Path, SwitchRun]]:
    """(case name, without) -> (inputs folder, switch-model's run on it); each solved once per module."""
    root = tmp_path_factory.mktemp("peer_capacity")
    made: dict[tuple[str, bool], tuple[Path, SwitchRun]] = {}

    def get(name: str, without: bool = False) -> tuple[Path, SwitchRun]:
        key = (name, without)
        if key not in made:
            tag = name + ("_without" if without else "")
            inputs = CASES[name](root / tag / "inputs", without=without)
            made[key] = (inputs, run_switch(inputs, root / tag))
        return made[key]

    return get


@pytest.mark.parametrize("capacity_columns", ["off", "on"])
@pytest.mark.parametrize("name", list(CASES))
def test_objective_matches_switch(name: str, capacity_columns: str, peer) -> None:
    """batteryplan's optimum equals switch-model's on the same inputs folder (rel. 1e-6), with
    batteryplan's capacity columns off (the default) and on."""
    import batteryplan

    inputs, run = peer(name)
    result = batteryplan.solve(batteryplan.build(batteryplan.read_case(inputs)),
                               options={"batteryplan_capacity_columns": capacity_columns})
    assert result.status == "Optimal"
    assert result.objective == pytest.approx(run.objective, rel=REL_TOL), (
        f"{name}: batteryplan {result.objective!r} vs switch-model {run.objective!r}")


@pytest.mark.parametrize("name", list(CASES))
def test_family_binds_in_switch(name: str, peer) -> None:
    """Guards the case design: without the family, switch-model's optimum is strictly lower."""
    with_family = peer(name)[1].objective
    without = peer(name, True)[1].objective
    assert with_family > without * (1 + 1e-4), (with_family, without)


@pytest.mark.parametrize("name", list(CASES))
def test_without_family_matches_switch(name: str, peer) -> None:
    """The cases without the family agree too (so a difference above is the family's)."""
    import batteryplan

    inputs, run = peer(name, True)
    result = batteryplan.solve(batteryplan.build(batteryplan.read_case(inputs)))
    assert result.objective == pytest.approx(run.objective, rel=REL_TOL)


def _capacity(outputs: Path) -> dict[tuple[str, int], float]:
    """GenCapacity by (project, period) from switch-model's gen_cap.csv."""
    with open(outputs / "gen_cap.csv", newline="") as fh:
        return {(r["GENERATION_PROJECT"], int(r["PERIOD"])): float(r["GenCapacity"]) for r in csv.DictReader(fh)}


def test_capacity_plan_minimum_and_national_maximum_bind(peer) -> None:
    """In switch-model's optimum the North's Uranium equals its planned minimum in both periods, national
    NaturalGas equals its 2040 maximum, and the Wind plan is met with room to spare."""
    cap = _capacity(peer("tech_plans_binding")[1].outputs)
    for p, mw in URANIUM_NORTH_MIN.items():
        assert cap["N-Nuclear", p] == pytest.approx(mw, rel=1e-6)
    gas = sum(v for (g, p), v in cap.items() if p == 2040 and "Gas" in g)
    assert gas == pytest.approx(GAS_NATIONAL_MAX[2040], rel=1e-6)
    assert cap["N-Wind", 2040] > WIND_NORTH_MIN_2040 + 1.0


def test_capacity_plans_in_batteryplan_results(peer) -> None:
    """batteryplan's own capacities (capacity_mw, project x period) sit on the same plan bounds."""
    import batteryplan

    inputs, _ = peer("tech_plans_binding")
    case = batteryplan.read_case(inputs)
    cap = batteryplan.solve(batteryplan.build(case)).arrays["capacity_mw"]
    periods = list(case.periods)
    gas = case.gen_source == "NaturalGas"
    assert cap[gas, periods.index(2040)].sum() == pytest.approx(GAS_NATIONAL_MAX[2040], rel=1e-6)
    north_uranium = (case.gen_source == "Uranium") & (case.gen_zone == list(case.zones).index("North"))
    for period, mw in URANIUM_NORTH_MIN.items():
        assert cap[north_uranium, periods.index(period)].sum() == pytest.approx(mw, rel=1e-6)
