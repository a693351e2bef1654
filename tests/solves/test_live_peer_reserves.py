"""Live peer tests for operating reserves: the cases of tests/peer/reserve_cases.py solved by batteryplan and
by switch-model 2.0.9 (+ HiGHS), equal within 1e-6 relative.

switch-model gets each case with ``quickstart_reserves`` (tests/peer/switch_ext) where SWITCH-China names
``switch_model.balancing.operating_reserves.quickstart``, which no switch-model release has; batteryplan gets
SWITCH-China's name. Each case's options.txt goes to both.
"""
from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.peer.reserve_cases import RESERVE_CASES, modules_for
from tests.peer.run_switch import SwitchRun, run_switch

from .test_live_peer import HAVE_SWITCH, REL_TOL

pytestmark = [
    pytest.mark.peer,
    pytest.mark.skipif(not HAVE_SWITCH, reason="switch_model is not importable; live peer tests need it"),
]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, Path]]:
    """Case name -> (batteryplan's inputs folder, switch-model's inputs folder)."""
    root = tmp_path_factory.mktemp("reserve_peer")
    made: dict[str, tuple[Path, Path]] = {}

    def get(name: str) -> tuple[Path, Path]:
        if name not in made:
            ours = RESERVE_CASES[name](root / name / "batteryplan")
            modules_for(ours, peer=False)
            theirs = root / name / "switch"
            shutil.copytree(ours.parent, theirs)
            modules_for(theirs / "inputs", peer=True)
            made[name] = (ours, theirs / "inputs")
        return made[name]

    return get


@pytest.fixture(scope="module")
def peer(tmp_path_factory, folders) -> Callable[[str], SwitchRun]:
    root = tmp_path_factory.mktemp("reserve_peer_runs")
    return lambda name: run_switch(folders(name)[1], root / name)


@pytest.fixture(scope="module")
def ours(folders) -> Callable[[str], float]:
    import batteryplan
    cache: dict[str, float] = {}

    def get(name: str) -> float:
        if name not in cache:
            res = batteryplan.solve(batteryplan.build(batteryplan.read_case(folders(name)[0])))
            assert res.status == "Optimal"
            cache[name] = res.objective
        return cache[name]

    return get


@pytest.mark.parametrize("name", list(RESERVE_CASES))
def test_objective_matches_switch(name, peer, ours):
    expected = peer(name).objective
    got = ours(name)
    assert got == pytest.approx(expected, rel=REL_TOL), (
        f"{name}: batteryplan {got!r} vs switch-model {expected!r} (rel. diff {abs(got - expected) / expected:.3e})")


def test_cases_exercise_their_features(peer):
    """Guards the case design, on switch-model's optima: every rule and contingency raises the cost over
    the same system without it, and SWITCH's default (no rule) costs what no reserves cost."""
    cost = {name: peer(name).objective for name in RESERVE_CASES}
    assert cost["spinning_35_storage"] > cost["spinning_default"] * (1 + 1e-4)
    assert cost["spinning_unit_contingency"] > cost["spinning_35_storage"] * (1 + 1e-4)
    assert cost["spinning_hawaii"] > 0
    assert cost["quickstart_study"] > cost["spinning_default"] * (1 + 1e-4)
    assert cost["quickstart_contingency"] > cost["quickstart_study"] * (1 + 1e-4)


def test_default_spinning_reserves_cost_nothing(tmp_path, folders, peer):
    """Without a rule or contingency, switch-model's spinning reserves never bind: removing the reserve
    modules leaves its optimum unchanged (so batteryplan may leave the requirement rows out)."""
    src = folders("spinning_default")[1]
    dst = tmp_path / "inputs"
    shutil.copytree(src, dst)
    path = dst / "modules.txt"
    path.write_text("".join(f"{m}\n" for m in path.read_text().split() if "operating_reserves" not in m))
    without = run_switch(dst, tmp_path / "run").objective
    assert without == pytest.approx(peer("spinning_default").objective, rel=1e-9)


def test_storage_carries_spinning_reserves(peer):
    """In the 3+5 case the battery holds up reserve (by its charging headroom) and down reserve."""
    import csv
    out = peer("spinning_35_storage").outputs
    for file, var in (("CommitGenSpinningReservesUp.csv", "CommitGenSpinningReservesUp"),
                      ("CommitGenSpinningReservesDown.csv", "CommitGenSpinningReservesDown")):
        with open(out / file, newline="") as fh:
            battery = sum(float(r[var]) for r in csv.DictReader(fh) if r["SPINNING_RESERVE_GEN_TPS_1"] == "E-Battery")
        assert battery > 1.0, file
