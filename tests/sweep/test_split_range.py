"""split-range: share ranges of battery discharge by attachment at (near) optimal cost.

tie_case: batteries charge from curtailed midday solar and there is no local T&D, so under Mixed the
grid, RE-connected and demand-side copies (same costs) can each do all of the batteries' work: every
share can be anywhere in [0, 1] at the optimal cost.

no_tie_case: no wind or solar, so an RE-connected battery cannot charge (its share is 0, whatever the
tolerance); local T&D loses 5.3 % of what passes it and costs capacity at the peak, so each MWh a grid
battery discharged instead of a demand-side one would cost more: at the optimal cost (tolerance 0)
the split is unique (demand 1, grid 0), and a small cost tolerance opens a small range only.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from batteryplan.cli import main
from batteryplan.errors import CaseError
from batteryplan.sweep import sweep
from batteryplan.sweep.split_range import split_range


@pytest.fixture(scope="module")
def results(tie_inputs: Path, no_tie_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, case in (("tie", tie_inputs), ("no_tie", no_tie_inputs)):
        d = tmp_path_factory.mktemp(name)
        cat = sweep(case, "Mixed-Low-R", out=d, workers=1, quiet=True)
        assert (cat["status"] == "Optimal").all()
        out[name] = d / "Mixed-Low-R.h5"
    return out


def _by_attachment(df):
    return df[df["scope"] == "national"].set_index("attachment")


def test_tie_gives_wide_ranges(results: dict[str, Path], tie_inputs: Path) -> None:
    df = split_range(results["tie"], tie_inputs, tolerance=0.0)
    r = _by_attachment(df)
    assert list(r.index) == ["grid", "re", "demand"]
    assert r["total_discharge_mwh"].iloc[0] > 0
    for att in ("grid", "re"):
        assert r.loc[att, "share_min"] == pytest.approx(0.0, abs=1e-6)
        assert r.loc[att, "share_max"] == pytest.approx(1.0, abs=1e-6)
    assert (r["width"] > 0.5).all()
    assert ((r["share_min"] - 1e-9 <= r["share"]) & (r["share"] <= r["share_max"] + 1e-9)).all()
    assert r["share"].sum() == pytest.approx(1.0)


def test_no_tie_gives_zero_width(results: dict[str, Path], no_tie_inputs: Path) -> None:
    r = _by_attachment(split_range(results["no_tie"], no_tie_inputs, tolerance=0.0))
    assert r["total_discharge_mwh"].iloc[0] > 0
    assert (r["width"].abs() < 1e-9).all()
    assert r.loc["demand", "share"] == pytest.approx(1.0, abs=1e-9)
    loose = _by_attachment(split_range(results["no_tie"], no_tie_inputs, tolerance=1e-4))
    assert loose.loc["re", "width"] == pytest.approx(0.0, abs=1e-12)       # cannot charge at any cost
    assert 0 < loose.loc["grid", "width"] < 0.05                           # a little, for 1e-4 of the cost


def test_provinces_and_cli(results: dict[str, Path], no_tie_inputs: Path, tmp_path: Path) -> None:
    csv = tmp_path / "ranges.csv"
    r = CliRunner().invoke(main, ["split-range", str(results["no_tie"]), "--case", str(no_tie_inputs),
                                  "--tolerance", "0", "--provinces", "Inland", "--out", str(csv)])
    assert r.exit_code == 0, r.output
    assert "Mixed-Low-R" in r.output and "Inland" in r.output
    import pandas as pd
    df = pd.read_csv(csv)
    nat, prov = (df[df["scope"] == s].set_index("attachment") for s in ("national", "Inland"))
    pd.testing.assert_frame_equal(nat[["share_min", "share_max"]], prov[["share_min", "share_max"]])


def test_wrong_case_or_province(results: dict[str, Path], tie_inputs: Path, no_tie_inputs: Path) -> None:
    with pytest.raises(CaseError, match="solved from case"):
        split_range(results["tie"], no_tie_inputs)
    with pytest.raises(CaseError, match="unknown province"):
        split_range(results["tie"], tie_inputs, provinces=["Atlantis"])


def test_relative_inputs_folder_is_the_case_it_names(results: dict[str, Path], no_tie_inputs: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`--case inputs` from the case's folder is the same case as its absolute path (it once read as '')."""
    assert no_tie_inputs.name == "inputs"
    monkeypatch.chdir(no_tie_inputs.parent)
    df = split_range(results["no_tie"], "inputs", tolerance=0)
    assert _by_attachment(df).loc["demand", "share"] == pytest.approx(1.0)
