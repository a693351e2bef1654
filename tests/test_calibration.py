"""Calibration of the Low carbon-price path (batteryplan/calibration.py, scripts/calibrate_carbon_price.py).

The solves run on a synthetic China-like case (bench/make_synthetic_china.py): 2 provinces, 2 five-year periods
(2023, 2028), 72 timepoints each, coal, gas, nuclear, hydro, wind, solar and batteries; Grid-Low-R solves in
about half a second. Its national CO2 responds strongly to a uniform carbon price between 20 and 40 $/t
(period 2023: 60.6 Mt/yr at 20 $/t, 25.7 at 30, 17.0 at 40), so a target taken from a solve at P* = (25, 35) $/t
pins the price down there: the calibration must come back to CO2 within tolerance and to a price near P*.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import batteryplan
from batteryplan import calibration as cal
from batteryplan.scenarios import apply_costs, parse, read_scenario

from .conftest import china_generator

REPO = Path(__file__).resolve().parents[1]
COMMITTED_CSV = REPO / "batteryplan" / "cases" / "china" / "calibration" / "carbon_price_low.csv"
COMMITTED_RECORD = REPO / "bench" / "results" / "carbon_price_calibration.json"
P_STAR = np.array([25.0, 35.0])
START = [10.0, 10.0]


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod                   # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic case with carbon price paths (Low 10, 20 $/t) and the study's battery cost paths."""
    out = tmp_path_factory.mktemp("synthetic") / "inputs"
    _load(REPO / "bench" / "make_synthetic_china.py", "make_synthetic_china").make_case(out, n_zone=2, n_period=2)
    (out / "carbon_price_paths.csv").write_text("PERIOD,low,high\n2023,10,20\n2028,20,40\n")
    (out / "battery_cost_paths.csv").write_text("path,multiplier\nB,1\nM,0.3333333333\nR,0.2\n")
    return out


def co2_at(case: Path, low: np.ndarray) -> np.ndarray:
    """National CO2 (t/yr) per period of Grid-Low-R solved with Low path `low`, directly (no calibration code
    but ``with_low_path``, a one-line replacement of the case's paths)."""
    sc = parse(cal.SCENARIO)
    c = apply_costs(cal.with_low_path(read_scenario(case, sc), low), sc)
    np.testing.assert_array_equal(c.carbon_price, low)
    return batteryplan.metrics(batteryplan.solve(batteryplan.build(c))).period.co2_t_per_yr.to_numpy(float)


@pytest.fixture(scope="module")
def target(case: Path) -> cal.Target:
    return cal.Target(np.array([2023, 2028]), co2_at(case, P_STAR), "solve at P*")


@pytest.fixture(scope="module")
def recovered(case: Path, target: cal.Target, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list, Path]:
    """An uninterrupted calibration from START (warm solves), with the record as read after every iteration."""
    record_file = tmp_path_factory.mktemp("recovered") / "record.json"
    seen: list[dict] = []
    record = cal.calibrate(case, target, record_file, start=START, max_iterations=15,
                           progress=lambda it: seen.append(json.loads(record_file.read_text())))
    return record, seen, record_file


def test_recovers_the_target_co2_and_the_price(recovered: tuple[dict, list, Path], target: cal.Target) -> None:
    record, _, _ = recovered
    last = record["iterations"][-1]
    assert cal.is_converged(record) and cal.states(record) == [cal.WITHIN, cal.WITHIN]
    assert len(record["iterations"]) > 1 and record["iterations"][0]["path"] == START
    np.testing.assert_allclose(last["co2"], target.co2_t, rtol=record["settings"]["tol"])
    np.testing.assert_allclose(last["path"], P_STAR, rtol=0.2)
    assert cal.best_iteration(record) is last
    warm = [it["warm"] for it in record["iterations"]]
    assert not warm[0] and any(warm[1:])                # later solves start from the previous basis (a small LP)
    assert not np.allclose(START, P_STAR, rtol=0.2)     # it had somewhere to go


def test_record_is_valid_json_after_every_iteration(recovered: tuple[dict, list, Path]) -> None:
    record, seen, record_file = recovered
    assert [len(r["iterations"]) for r in seen] == list(range(1, len(record["iterations"]) + 1))
    for r in seen:
        it = r["iterations"][-1]
        assert set(it) >= {"iteration", "path", "co2", "objective", "status", "seconds"}
        assert it["status"] == "Optimal" and it["objective"] > 0 and len(it["co2"]) == 2
    assert json.loads(record_file.read_text()) == record
    assert not record_file.with_name(record_file.name + ".partial").exists()


def test_resume_gives_the_uninterrupted_result(case: Path, target: cal.Target, tmp_path: Path) -> None:
    """Two sessions (2 iterations, then the rest, through the script) against one uninterrupted run. Both solve
    cold: a warm start may land on another optimal vertex of a degenerate LP, with another CO2."""
    script = _load(REPO / "scripts" / "calibrate_carbon_price.py", "calibrate_carbon_price")
    whole = cal.calibrate(case, target, tmp_path / "whole.json", start=START, max_iterations=15, warm=False)
    target_csv = tmp_path / "target.csv"
    pd.DataFrame({"model_period": target.periods, cal.TARGET_COLUMN: target.co2_t / cal.T_PER_MT}).to_csv(
        target_csv, index=False)
    split = tmp_path / "split.json"
    first = cal.calibrate(case, cal.read_target(target_csv), split, start=START, max_iterations=2, warm=False)
    assert len(first["iterations"]) == 2 and not cal.is_converged(first)
    assert script.main(["--record", str(split), "--out", str(tmp_path / "early"), "--write"]) == 0
    assert "NOT CONVERGED" in (tmp_path / "early" / "carbon_price_low.csv").read_text()
    assert cal.load_record(split) == first             # --write solves nothing
    args = ["--case", str(case), "--target", str(target_csv), "--record", str(split), "--out", str(tmp_path / "out"),
            "--max-iterations", "15", "--cold"]
    with pytest.raises(FileExistsError):           # a record with iterations is never started over
        script.main(args)
    assert script.main(args + ["--resume"]) == 0
    resumed = cal.load_record(split)
    assert len(resumed["iterations"]) == len(whole["iterations"]) > 2
    for a, b in zip(resumed["iterations"], whole["iterations"]):
        assert (a["path"], a["status"]) == (b["path"], b["status"])
        np.testing.assert_allclose(a["co2"], b["co2"], rtol=1e-9)
        assert not a["warm"] and not b["warm"]
    written = pd.read_csv(tmp_path / "out" / "carbon_price_low.csv", comment="#")
    assert written.low.tolist() == whole["iterations"][-1]["path"]
    assert "CALIBRATED" in (tmp_path / "out" / "README.md").read_text()


def test_resume_refuses_another_target(case: Path, target: cal.Target, recovered: tuple[dict, list, Path],
                                       tmp_path: Path) -> None:
    record_file = tmp_path / "record.json"
    record_file.write_text(recovered[2].read_text())
    other = cal.Target(target.periods, target.co2_t * 1.1, "another")
    with pytest.raises(ValueError, match="target"):
        cal.calibrate(case, other, record_file, resume=True)


def test_period_unreachable_from_below_gets_price_zero(case: Path, tmp_path: Path) -> None:
    """Period 2023's target is 1.5 x its CO2 at price 0 (no price makes CO2 rise that far); 2028's is reachable."""
    at_zero = co2_at(case, np.array([0.0, P_STAR[1]]))
    target = cal.Target(np.array([2023, 2028]), at_zero * np.array([1.5, 1.0]), "test")
    record = cal.calibrate(case, target, tmp_path / "record.json", start=START, max_iterations=15)
    last = record["iterations"][-1]
    assert cal.states(record) == [cal.BELOW, cal.WITHIN]
    assert last["path"][0] == 0.0 and last["co2"][0] < target.co2_t[0]
    assert "unreachable from below" in cal.readme(record, "record.json")


# -- the update rule alone, on a smooth made-up response --------------------------------------------------------

def test_update_rule_converges_on_a_coupled_power_law() -> None:
    """CO2_p = a_p * P_p^-0.8 * P_q^-0.2 (q the other period): the per-period rule, iterating, reaches 1 %."""
    a, want = np.array([4e8, 2e8]), np.array([40.0, 70.0])
    response = lambda p: a * p ** -0.8 * p[::-1] ** -0.2          # noqa: E731
    record = cal.new_record("made up", cal.SCENARIO, cal.Target(np.array([1, 2]), response(want), "made up"),
                            np.array([5.0, 5.0]), cal.Settings(tol=0.01))
    for k in range(30):
        path = cal.next_path(record)
        record["iterations"].append({"iteration": k + 1, "path": path.tolist(), "co2": response(path).tolist(),
                                     "objective": 0.0, "status": "Optimal", "seconds": 0.0})
        if cal.is_converged(record):
            break
    assert cal.is_converged(record) and len(record["iterations"]) < 15
    np.testing.assert_allclose(record["iterations"][-1]["path"], want, rtol=0.05)


def test_bracketed_price_bisects() -> None:
    """A step response: CO2 100 below some price between 38 and 39.9 $/t, 50 above it, target 75 (never reached).
    The newest two points have equal CO2, so there is no secant and the default elasticity would step to 21 $/t,
    out of the bracket (38, 39.9): the next price is the bracket's geometric mean. Once the bracket is narrower
    than JUMP_RATIO the period is a jump and keeps the end whose CO2 is nearer the target."""
    s = cal.Settings()
    price, co2 = np.array([38.0, 40.0, 39.9]), np.array([100.0, 50.0, 50.0])
    assert cal.period_state(price, co2, 75.0, s) == cal.OPEN
    assert cal.next_price(price, co2, 75.0, s) == pytest.approx(np.sqrt(38.0 * 39.9), abs=1e-4)
    assert cal.next_price(price[:2], co2[:2], 75.0, s) == pytest.approx(
        40.0 * (40.0 / 38.0) ** (0.8 * np.log(75 / 50) / np.log(50 / 100)), abs=1e-4)    # a secant step, inside
    price, co2 = np.array([29.999, 30.0]), np.array([100.0, 70.0])
    assert cal.period_state(price, co2, 75.0, s) == cal.JUMP
    assert cal.next_price(price, co2, 75.0, s) == 30.0


def test_price_goes_to_zero_and_stays() -> None:
    s = cal.Settings()
    assert cal.next_price(np.array([1.2]), np.array([50.0]), 100.0, s) == 0.0    # falling below the floor
    assert cal.period_state(np.array([1.2, 0.0]), np.array([50.0, 60.0]), 100.0, s) == cal.BELOW
    assert cal.next_price(np.array([1.2, 0.0]), np.array([50.0, 60.0]), 100.0, s) == 0.0
    assert cal.next_price(np.array([0.0]), np.array([150.0]), 100.0, s) == s.floor_price   # CO2 above: go up


# -- the calibrated path is what the script produces ------------------------------------------------------------

def test_committed_path_is_derived_from_its_record(recovered: tuple[dict, list, Path], tmp_path: Path) -> None:
    """The committed carbon_price_low.csv (if any) is exactly path_csv of the committed record: a CSV without its
    record fails. Without a committed CSV, the derivation is checked on a record made here."""
    if COMMITTED_CSV.exists():
        assert COMMITTED_RECORD.exists(), f"{COMMITTED_CSV} is committed without its record {COMMITTED_RECORD}"
        name = cal.label(COMMITTED_RECORD)
        assert COMMITTED_CSV.read_text() == cal.path_csv(cal.load_record(COMMITTED_RECORD), name)
        return
    record = recovered[0]
    csv = cal.write_outputs(record, tmp_path, "record.json")
    table = pd.read_csv(csv, comment="#")
    assert table.PERIOD.tolist() == record["periods"]
    assert table.low.tolist() == record["iterations"][-1]["path"]
    head = csv.read_text().splitlines()[0]
    assert "CALIBRATED" in head and "NOT CONVERGED" not in head and "record.json" in head
    unfinished = {**record, "iterations": record["iterations"][:1]}
    assert "NOT CONVERGED" in cal.path_csv(unfinished, "record.json")
    assert "NOT CONVERGED" in cal.readme(unfinished, "record.json")


def test_china_generator_uses_the_calibrated_path_where_it_exists(tmp_path: Path) -> None:
    gen = china_generator()
    facts = REPO.parent / "shared" / "data" / "facts"
    if not (facts / "carbon_price.csv").is_file():
        pytest.skip(f"the shared facts folder {facts} is absent")
    low, row = gen.carbon_low_path(facts, tmp_path / "absent.csv")
    assert "**ESTIMATE**" in row and "CALIBRATED" not in row
    estimate = pd.read_csv(facts / "carbon_price.csv", comment="#").default_low_estimate_usd_per_t
    assert low.tolist() == estimate.astype(float).tolist()
    calibrated = tmp_path / "carbon_price_low.csv"
    calibrated.write_text("# a comment\nPERIOD,low\n" + "".join(f"{p},{3.5 * k}\n" for k, p in
                                                                 enumerate(gen.PERIODS)))
    low, row = gen.carbon_low_path(facts, calibrated)
    assert low.tolist() == [3.5 * k for k in range(6)] and "**CALIBRATED**" in row and "ESTIMATE" not in row
