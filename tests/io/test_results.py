"""HDF5 result files (MODEL.md §5, STYLE.md §7): round trip, units, atomic writes, tidy frames."""
from __future__ import annotations

import json
from pathlib import Path

import h5py
import numpy as np
import pytest

import batteryplan
import batteryplan.io.results as results_io
from batteryplan.csc_builder.registry import result_dims
from batteryplan.io import results as _results

# What each array declares: the families' RESULTS and the table of the rest.
DIMS = {**_results.DIMS, **result_dims()}
from batteryplan.scenarios import read_scenario

from tests.conftest import EXAMPLES
from tests.unit._cases import write_base

TOY = EXAMPLES / "3zone_toy" / "inputs"


@pytest.fixture(scope="module")
def res(tmp_path_factory) -> batteryplan.Result:
    d = write_base(tmp_path_factory.mktemp("res") / "base" / "inputs")
    return batteryplan.solve(batteryplan.build(read_scenario(d, "Grid-Low-B")))


@pytest.fixture(scope="module")
def written(res, tmp_path_factory) -> Path:
    return res.to_hdf5(tmp_path_factory.mktemp("h5") / "sub" / "r.h5")


def _same(a, b) -> None:
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    if a.dtype == object or a.dtype.kind in "UO":
        assert list(a.ravel().astype(str)) == list(b.ravel().astype(str))
    else:
        np.testing.assert_array_equal(a, b)


def test_round_trip(res, written) -> None:
    back = batteryplan.read_result(written)
    assert back.objective == res.objective                 # float64 attribute: exact
    assert back.status == res.status == "Optimal"
    assert back.case_name == res.case_name == "base"
    assert back.scenario == res.scenario
    assert back.scenario["name"] == "Grid-Low-B" and back.scenario["strategy"] == "Grid"
    for group in ("arrays", "summary", "index"):
        mine, theirs = getattr(res, group), getattr(back, group)
        assert set(mine) == set(theirs), group
        for k in mine:
            _same(mine[k], theirs[k])
    assert list(back.index["zones"]) == ["A", "B"]
    assert list(back.index["timepoints"]) == ["t1", "t2"]
    assert list(back.index["projects"]) == ["A-Gas", "A-Wind", "B-Gas", "A-Battery"]
    assert list(back.index["project_attachment"]) == ["", "", "", "grid"]
    assert back.seconds == pytest.approx(res.seconds)


def test_root_attributes(res, written) -> None:
    with h5py.File(written, "r") as f:
        a = f.attrs
        assert a["format"] == "batteryplan-result" and int(a["format_version"]) >= 1
        assert float(a["objective"]) == res.objective
        assert a["status"] == "Optimal"
        assert json.loads(a["scenario"])["name"] == "Grid-Low-B"
        assert a["scenario_strategy"] == "Grid" and a["scenario_carbon"] == "Low"
        assert a["package_version"] == batteryplan.__version__
        for key in ("case", "highs_version", "highs_options", "created", "build_seconds", "solve_seconds"):
            assert key in a, key
        quality = json.loads(a["solution_quality"])
    # simplex on this small case: a vertex, feasible within HiGHS's tolerances, and read back as written
    assert quality["vertex"] is True and quality["max_primal_infeasibility"] <= 1e-7
    assert batteryplan.read_result(written).solver["quality"] == quality == res.solver["quality"]


def test_every_dataset_has_units(written) -> None:
    """Every dataset carries `units` (and `dims`); result and summary arrays name theirs in DIMS,
    with as many dims as the array has axes."""
    seen: list[str] = []

    def visit(name: str, obj) -> None:
        if isinstance(obj, h5py.Dataset):
            seen.append(name)
            assert "units" in obj.attrs and "dims" in obj.attrs, name
            group, leaf = name.split("/")
            if group in ("results", "summary"):
                assert leaf in DIMS, name
                dims, units = DIMS[leaf]
                assert obj.attrs["units"] == units
                assert obj.attrs["dims"].split(",") == list(dims)
                assert len(dims) == obj.ndim, name
                assert units or leaf == "cost_components", name

    with h5py.File(written, "r") as f:
        f.visititems(visit)
    assert "results/price_per_mwh" in seen and "summary/co2_t_per_yr" in seen and "index/zones" in seen


def test_no_partial_after_success(written) -> None:
    assert not written.with_name(written.name + ".partial").exists()
    assert [p.name for p in written.parent.iterdir()] == [written.name]


def _fail_midway(monkeypatch) -> None:
    """Make the writer raise after a few datasets are already in the temporary file."""
    real, calls = results_io._put, {"n": 0}

    def put(group, name, value):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full (simulated)")
        return real(group, name, value)

    monkeypatch.setattr(results_io, "_put", put)


def test_failed_write_leaves_no_file(res, tmp_path, monkeypatch) -> None:
    dest = tmp_path / "r.h5"
    _fail_midway(monkeypatch)
    with pytest.raises(OSError, match="simulated"):
        res.to_hdf5(dest)
    assert not dest.exists()
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file(res, written, tmp_path, monkeypatch) -> None:
    dest = tmp_path / "r.h5"
    dest.write_bytes(written.read_bytes())
    before = dest.read_bytes()
    _fail_midway(monkeypatch)
    with pytest.raises(OSError, match="simulated"):
        res.to_hdf5(dest)
    assert dest.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.h5"]
    assert batteryplan.read_result(dest).objective == res.objective


def test_overwrite_replaces_the_old_file(res, tmp_path) -> None:
    dest = tmp_path / "r.h5"
    dest.write_bytes(b"not an hdf5 file")
    res.to_hdf5(dest)
    assert batteryplan.read_result(dest).objective == res.objective


def test_reading_a_foreign_file_is_refused(tmp_path) -> None:
    p = tmp_path / "other.h5"
    with h5py.File(p, "w") as f:
        f.attrs["format"] = "something-else"
    with pytest.raises(ValueError, match="not a batteryplan result file"):
        batteryplan.read_result(p)


@pytest.mark.parametrize("name", ["dispatch_mw", "tx_flow_mw", "price_per_mwh", "build_mw",
                                  "generation_by_tech_mwh_per_yr", "co2_t_per_yr"])
def test_frame_is_tidy(res, name) -> None:
    """One labelled column per axis, then a value column named after the array."""
    df = res.frame(name)
    dims = DIMS[name][0]
    value = np.asarray(res[name])
    assert list(df.columns) == list(dims) + [name]
    assert len(df) == value.size
    np.testing.assert_array_equal(df[name].to_numpy(), value.ravel())
    for k, d in enumerate(dims):
        labels = np.asarray(res.index[d]).astype(str)
        # C order: axis k's label at flat position i is labels[np.unravel_index(i)[k]]
        expect = labels[np.unravel_index(np.arange(value.size), value.shape)[k]]
        assert list(df[d].astype(str)) == list(expect)


def test_frame_of_dispatch_reads_by_label(res) -> None:
    df = res.frame("dispatch_mw").set_index(["projects", "timepoints"])["dispatch_mw"]
    g = list(res.index["projects"]).index("A-Battery")
    assert df[("A-Battery", "t2")] == res.arrays["dispatch_mw"][g, 1]


def test_frame_after_reading_back(res, written) -> None:
    back = batteryplan.read_result(written)
    a, b = res.frame("charge_mw"), back.frame("charge_mw")
    assert list(a.columns) == list(b.columns)
    np.testing.assert_array_equal(a["charge_mw"].to_numpy(), b["charge_mw"].to_numpy())
    assert list(a["projects"].astype(str)) == list(b["projects"].astype(str))


def test_frame_labels_cost_components(res) -> None:
    df = res.frame("cost_by_component_usd_per_yr")
    assert set(df["cost_components"].astype(str)) == set(res.summary["cost_components"].astype(str))


def test_summary_costs_add_up_to_objective_on_3zone_toy() -> None:
    """Σ_components cost_by_component[c, p] · BAC(p) == objective (SWITCH's NPV $) on SWITCH's own example."""
    if not (TOY / "modules.txt").is_file():
        pytest.skip(f"SWITCH's 3zone_toy example is not at {TOY}")
    r = batteryplan.solve(batteryplan.build(batteryplan.read_case(TOY)))
    total = r.summary["cost_by_component_usd_per_yr"].sum(0) @ r.index["bac"]
    assert total == pytest.approx(r.objective, rel=1e-9)
    np.testing.assert_allclose(r.summary["system_cost_npv_usd"].sum(), r.objective, rtol=1e-9)
    assert r.summary["cost_by_component_usd_per_yr"].shape == (len(r.summary["cost_components"]), len(r.index["periods"]))


def test_case_name_given_to_read_case_is_kept(tmp_path) -> None:
    d = write_base(tmp_path / "folder")
    assert batteryplan.read_case(d, name="given").name == "given"


def test_case_name_of_a_relative_inputs_folder_is_its_parents(tmp_path, monkeypatch) -> None:
    """A folder called inputs is named after its parent, also when given as the relative path "inputs"."""
    d = write_base(tmp_path / "mycase" / "inputs")
    monkeypatch.chdir(d.parent)
    assert batteryplan.read_case("inputs").name == "mycase"
    assert batteryplan.read_case(d).name == "mycase"
