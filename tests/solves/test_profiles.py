"""Every solver profile reaches the same optimum on a small case."""
from __future__ import annotations

import sys

import pytest

import batteryplan
from batteryplan.io.results import read_result
from batteryplan.solver.policy import CAPACITY_OPTION, PROFILES, SCALING_OPTION, auto_options, has_hipo, profile_options

NEEDS_HIPO = {"hipo", "hipo-nocross"}


@pytest.mark.parametrize("scaling", ["off", "on"])
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_profile_reaches_reference(name, scaling, examples_dir):
    if name in NEEDS_HIPO and not has_hipo():
        pytest.skip("HiPO needs highspy-extras, which is not installed")
    case = examples_dir / "storage"
    expected = float((case / "expected" / "total_cost.txt").read_text())
    opts = {**profile_options(name), "presolve": "off",   # make the chosen algorithm do the work
            SCALING_OPTION: scaling}                      # with and without batteryplan's scaling
    if name == "pdlp":
        opts["pdlp_optimality_tolerance"] = 1e-9      # PDLP's default 1e-7 is a gap, not our 1e-6 parity
    res = batteryplan.solve(batteryplan.build(batteryplan.read_case(case / "inputs")), options=opts)
    assert res.objective == pytest.approx(expected, rel=1e-6)
    if name != "default":
        assert sum(v for k, v in res.solver["iterations"].items() if k != "mip_nodes") > 0


def test_auto_profile_by_size():
    assert auto_options(1_000) == {}
    big = auto_options(10**6)
    assert big["solver"] in ("hipo", "ipx") and big["run_crossover"] == "on"


@pytest.mark.parametrize("auto_rows", [0, 10**9])
def test_result_records_the_solver_chosen_by_size(auto_rows, examples_dir, tmp_path, monkeypatch):
    """A result says which algorithm solved it even where the user named none: the options chosen by size
    are recorded as handed to HiGHS, in the result and in its file."""
    # 0: this small LP counts as big
    monkeypatch.setattr(sys.modules["batteryplan.solver.policy"], "AUTO_IPM_ROWS", auto_rows)
    res = batteryplan.solve(batteryplan.build(batteryplan.read_case(examples_dir / "storage" / "inputs")))
    res.to_hdf5(tmp_path / "r.h5")
    recorded = read_result(tmp_path / "r.h5").solver["options"]
    assert recorded == res.solver["options"]
    if auto_rows == 0:
        assert recorded["solver"] == ("hipo" if has_hipo() else "ipx")
        assert recorded["run_crossover"] == "on"
        assert recorded.get("hipo_system") == ("augmented" if has_hipo() else None)
        assert res.solver["iterations"]["ipm"] > 0
    else:
        assert "solver" not in recorded            # HiGHS's own choice
        assert res.solver["iterations"]["ipm"] == 0


@pytest.mark.parametrize("asked, applied", [(None, "off"), ("auto", "on"), ("off", "off")])
def test_result_records_our_options_as_applied(asked, applied, examples_dir, monkeypatch):
    """Scaling and capacity columns are recorded as applied ("on"/"off"), not as asked: "auto" or the default
    would not tell a reader of the file what HiGHS solved. This small LP counts as big, so "auto" scales it."""
    monkeypatch.setattr(sys.modules["batteryplan.solver.policy"], "AUTO_IPM_ROWS", 0)
    opts = {"solver": "simplex"} | ({} if asked is None else {SCALING_OPTION: asked, CAPACITY_OPTION: asked})
    res = batteryplan.solve(batteryplan.build(batteryplan.read_case(examples_dir / "storage" / "inputs")),
                            options=opts)
    assert res.solver["options"][SCALING_OPTION] == applied
    assert res.solver["options"][CAPACITY_OPTION] == applied
