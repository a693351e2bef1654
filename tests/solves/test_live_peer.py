"""Live peer tests: the small cases of tests/peer solved by batteryplan and by switch-model.

Parity (MODEL.md): for every case, batteryplan's optimal objective equals switch-model 2.0.9's
(`switch solve --solver appsi_highs`, objective from outputs/total_cost.txt) within 1e-6 relative.
switch-model runs in a subprocess with tests/peer/switch_ext on PYTHONPATH (for the
RE-connected charging module). Each case takes about a second in switch-model.

Marked ``peer``; skipped only when switch_model is not importable.
"""

from __future__ import annotations

import csv
import importlib
import math
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # `tests.peer` imports whatever pytest's import mode / rootdir
    sys.path.insert(0, str(_ROOT))

from tests.peer.cases import CASES, re_charging_binding
from tests.peer.run_switch import SwitchRun, run_switch


def _switch_importable() -> bool:
    """True when `import switch_model` works (cheap: the package root imports no Pyomo)."""
    try:
        importlib.import_module("switch_model")
    except ImportError:
        return False
    return True


HAVE_SWITCH = _switch_importable()

pytestmark = [
    pytest.mark.peer,
    pytest.mark.skipif(
        not HAVE_SWITCH,
        reason="switch_model is not importable; live peer tests need `pip install switch-model highspy`",
    ),
]

REL_TOL = 1e-6


@pytest.fixture(scope="module")
def case_inputs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Case name -> its inputs folder, written once per module run."""
    root = tmp_path_factory.mktemp("peer_cases")
    made: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in made:
            made[name] = CASES[name](root / name / "inputs")
        return made[name]

    return get


@pytest.fixture(scope="module")
def peer(tmp_path_factory: pytest.TempPathFactory, case_inputs: Callable[[str], Path]) -> Callable[[str], SwitchRun]:
    """Case name -> switch-model's run on it (solved once per module; run_switch also caches)."""
    root = tmp_path_factory.mktemp("peer_runs")

    def get(name: str) -> SwitchRun:
        return run_switch(case_inputs(name), root / name)

    return get


@pytest.mark.parametrize("name", list(CASES))
def test_objective_matches_switch(
    name: str, case_inputs: Callable[[str], Path], peer: Callable[[str], SwitchRun]
) -> None:
    """batteryplan's optimum equals switch-model's on the same inputs folder (rel. 1e-6)."""
    import batteryplan

    expected = peer(name).objective
    result = batteryplan.solve(batteryplan.build(batteryplan.read_case(case_inputs(name))))
    assert result.objective == pytest.approx(expected, rel=REL_TOL), (
        f"{name}: batteryplan {result.objective!r} vs switch-model {expected!r} "
        f"(rel. diff {abs(result.objective - expected) / abs(expected):.3e})"
    )


# ---------------------------------------------------------------------------------------------
# switch-model only: the cases themselves are sound and exercise what they claim to


@pytest.mark.parametrize("name", list(CASES))
def test_switch_solves_case(name: str, peer: Callable[[str], SwitchRun]) -> None:
    """Every case solves to optimality in switch-model with a finite, positive NPV cost."""
    run = peer(name)
    assert math.isfinite(run.objective) and run.objective > 0


def _rows(outputs: Path, file: str) -> list[dict[str, str]]:
    with open(outputs / file, newline="") as fh:
        return list(csv.DictReader(fh))


def _total(outputs: Path, file: str, column: str, **match: str) -> float:
    """Sum of `column` over rows of an output CSV whose fields equal `match`."""
    return sum(
        float(r[column]) for r in _rows(outputs, file) if all(r[k] == v for k, v in match.items())
    )


def _feature_checks() -> dict[str, Callable[[Path], None]]:
    """Case name -> assertion on switch's outputs that the case's feature is active at the optimum."""

    def storage_attachments(out: Path) -> None:
        built = {g: _total(out, "BuildGen.csv", "BuildGen", GEN_BLD_YRS_1=g) for g in
                 ("E-Battery-grid", "E-Battery-demand", "E-Battery-re")}
        assert built["E-Battery-grid"] >= 50.0 - 1e-6  # the existing 50 MW
        assert built["E-Battery-demand"] > 1.0 and built["E-Battery-re"] > 1.0, built
        assert _total(out, "ChargeStorage.csv", "ChargeStorage", ALL_STORAGE_GEN_TPS_1="E-Battery-demand") > 1.0

    def local_td_peak(out: Path) -> None:
        assert _total(out, "BuildLocalTD.csv", "BuildLocalTD") > 1.0
        assert _total(out, "BuildGen.csv", "BuildGen", GEN_BLD_YRS_1="N-Rooftop_PV") > 1.0

    def transmission_losses(out: Path) -> None:
        assert _total(out, "BuildTx.csv", "BuildTx") > 1.0

    def hydro(out: Path) -> None:
        assert _total(out, "BuildGen.csv", "BuildGen", GEN_BLD_YRS_1="V-Hydro_ror") > 1.0

    def carbon(out: Path) -> None:
        rows = {r["PERIOD"]: r for r in _rows(out, "emissions.csv")}
        assert float(rows["2040"]["AnnualEmissions_tCO2_per_yr"]) == pytest.approx(2_000_000.0, rel=1e-6)
        assert _total(out, "BuildGen.csv", "BuildGen", GEN_BLD_YRS_1="P-Coal_CCS") > 1.0

    def fuel_markets(out: Path) -> None:
        tiers = {(r["RFM_SUPPLY_TIERS_1"], r["RFM_SUPPLY_TIERS_3"]): float(r["ConsumeFuelTier"])
                 for r in _rows(out, "ConsumeFuelTier.csv")}
        assert tiers["All_NG", "0"] == pytest.approx(20_000_000.0, rel=1e-6)  # the limited tier is used up
        assert tiers["All_NG", "1"] > 1.0
        assert _total(out, "DispatchGen.csv", "DispatchGen", GEN_TPS_1="E-Coal") == pytest.approx(0.0, abs=1e-6)

    def unserved_load(out: Path) -> None:
        assert _total(out, "UnservedLoad.csv", "UnservedLoad") > 1.0

    def unserved_local_td_cycles(out: Path) -> None:
        assert _total(out, "UnservedLoad.csv", "UnservedLoad") > 1.0
        # Battery_Cycle_Limit binds: unweighted discharge (6 h timepoints) = cycles x MWh x 10 years.
        g = "H-Battery-demand"
        discharged = 6.0 * _total(out, "DispatchGen.csv", "DispatchGen", GEN_TPS_1=g)
        energy = _total(out, "BuildStorageEnergy.csv", "BuildStorageEnergy", STORAGE_GEN_BLD_YRS_1=g)
        assert energy > 1.0 and discharged == pytest.approx(0.15 * energy * 10, rel=1e-6)

    return {f.__name__: f for f in (storage_attachments, local_td_peak, transmission_losses, hydro, carbon,
                                    fuel_markets, unserved_load, unserved_local_td_cycles)}


FEATURE_CHECKS = _feature_checks()


@pytest.mark.parametrize("name", list(FEATURE_CHECKS))
def test_switch_case_exercises_its_feature(name: str, peer: Callable[[str], SwitchRun]) -> None:
    """Guards the case design: what each case is for is active in switch's optimum."""
    FEATURE_CHECKS[name](peer(name).outputs)


def test_local_demand_charging_costs_more(peer: Callable[[str], SwitchRun]) -> None:
    """Withdrawing demand-side charging at the distribution node (loss and local T&D capacity apply)
    makes the same system strictly dearer in switch-model too, so the peer module does something."""
    local = peer("storage_attachments_local_charging").objective
    assert local > peer("storage_attachments").objective * (1 + 1e-5)


def test_re_connect_limit_binds(tmp_path_factory: pytest.TempPathFactory, peer: Callable[[str], SwitchRun]) -> None:
    """In re_charging_binding the RE-connected charging limit costs money: with the custom module
    switch's optimum is strictly higher than for the same case without it."""
    root = tmp_path_factory.mktemp("peer_re_off")
    without = run_switch(re_charging_binding(root / "inputs", with_re_module=False), root / "run").objective
    with_limit = peer("re_charging_binding").objective
    assert with_limit > without * (1 + 1e-4), (with_limit, without)
