"""Mixed without the RE-connected copies that grid copies dominate (``batteryplan.strategy``): the same
optimum as the full Mixed LP, on cases where batteries are built and where the RE-connected limit binds."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import batteryplan
from batteryplan.scenarios import read_scenario

from tests.sweep.cases import chain_case, no_tie_case, tie_case

CASES = {"tie": tie_case, "no_tie": no_tie_case, "chain": lambda d: chain_case(d, days=2)}


def _solve(inputs: Path, scenario: str, full: bool):
    lp = batteryplan.build(read_scenario(inputs, scenario, full_mixed=full))
    return lp, batteryplan.solve(lp)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("scenario", ["Mixed-Low-R", "Mixed-High-B"])
def test_same_optimum_with_and_without_dominated_copies(tmp_path: Path, case: str, scenario: str) -> None:
    inputs = CASES[case](tmp_path / case)
    lp_full, full = _solve(inputs, scenario, True)
    lp_red, red = _solve(inputs, scenario, False)
    assert full.status == red.status == "Optimal"
    assert lp_red.A.shape[1] < lp_full.A.shape[1] and lp_red.A.shape[0] < lp_full.A.shape[0]
    assert red.objective == pytest.approx(full.objective, rel=1e-9)
    names = red.index["projects"].astype(str)
    bat = red.index["project_is_battery"].astype(bool)
    assert not any(n.endswith("-re") for n in names) and any(n.endswith("-re") for n in full.index["projects"].astype(str))
    assert red.scenario["re_copies_dropped"] == int(bat.sum() / 2) > 0       # each battery: -grid and -demand


def test_reduction_is_not_vacuous(tmp_path: Path) -> None:
    """On the tie case at R costs the full Mixed solution does use batteries, and its RE-connected copy
    can carry all of them: the reduced LP must and does find the same cost with grid copies alone."""
    inputs = tie_case(tmp_path / "tie")
    _, full = _solve(inputs, "Mixed-Low-R", True)
    _, red = _solve(inputs, "Mixed-Low-R", False)
    bat_full = full.index["project_is_battery"].astype(bool)
    bat_red = red.index["project_is_battery"].astype(bool)
    assert full["capacity_mw"][bat_full].sum() > 1.0
    # total battery discharge is unique here (the same curtailed solar to shift) whatever the split
    d_full = (full["dispatch_mw"][bat_full] * full.index["timepoint_weight_in_year_h"]).sum()
    d_red = (red["dispatch_mw"][bat_red] * red.index["timepoint_weight_in_year_h"]).sum()
    assert d_red == pytest.approx(d_full, rel=1e-6)


def test_split_range_still_sees_every_copy(tmp_path: Path) -> None:
    """A result of the reduced LP goes to split-range, which rebuilds Mixed with every copy."""
    from batteryplan.sweep.split_range import split_range
    inputs = tie_case(tmp_path / "tie")
    _, red = _solve(inputs, "Mixed-Low-R", False)
    path = red.to_hdf5(tmp_path / "mixed.h5")
    df = split_range(path, inputs, tolerance=1e-6)
    national = df[df["scope"] == "national"].set_index("attachment")
    assert {"grid", "re", "demand"} <= set(national.index)
    assert national.loc["re", "share_max"] > 0.5            # the RE copy can do the batteries' work
    assert np.isclose(national.loc["re", "share_min"], 0.0, atol=1e-6)
