"""Sweeps, crossover and split-range on a module-list variant (``--modules NAME``).

The case is the sweep tests' no_tie_case (one zone, local T&D with 5.3 % loss, gas and a battery) copied to a
temporary folder with ``modules_notd.txt``: its modules.txt without ``switch_model.transmission.local_td``.
Without local T&D the load is met at the zone node, so the T&D capacity cost and the loss leave the model:
every scenario's optimum is lower under the variant, which tells which list a solve used.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import h5py
import pandas as pd
import pytest
from click.testing import CliRunner

import batteryplan
from batteryplan.cli import main
from batteryplan.errors import CaseError
from batteryplan.scenarios import Scenario, parse, read_scenario
from batteryplan.sweep import sweep
from batteryplan.sweep.files import SweepFolderError, refuse_other_modules
from batteryplan.sweep.chain import ChainTask, SolvePlan, run_chain
from batteryplan.sweep.crossover import crossover
from batteryplan.sweep.split_range import split_range

LOCAL_TD = "switch_model.transmission.local_td"
REL = 1e-6


@pytest.fixture(scope="module")
def case(no_tie_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of no_tie_case's inputs (named like it) with modules_notd.txt beside modules.txt."""
    dst = tmp_path_factory.mktemp("variant") / "no_tie" / "inputs"
    shutil.copytree(no_tie_inputs, dst)
    lines = (dst / "modules.txt").read_text().splitlines()
    assert any(m.strip() == LOCAL_TD for m in lines)
    (dst / "modules_notd.txt").write_text("\n".join(m for m in lines if m.strip() != LOCAL_TD) + "\n")
    return dst


def _cold(case: Path, scenario: str | Scenario, modules: str | None = None) -> float:
    return batteryplan.solve(batteryplan.build(read_scenario(case, scenario, modules=modules))).objective


@pytest.fixture(scope="module")
def optima(case: Path) -> dict[tuple[str, str], float]:
    """Cold optima of the scenarios used here, under each list: (scenario, variant) -> objective."""
    out = {(sc, m or ""): _cold(case, sc, m) for sc in ("Grid-Low-B", "Mixed-Low-R") for m in (None, "notd")}
    for sc in ("Grid-Low-B", "Mixed-Low-R"):
        assert out[(sc, "notd")] < out[(sc, "")] * (1 - 1e-4)       # the variant is a cheaper model
    return out


def test_read_scenario_reads_the_variant(case: Path) -> None:
    c = read_scenario(case, "Mixed-Low-R", modules="notd")
    assert c.modules_variant == "notd" and LOCAL_TD not in c.modules and not c.has_local_td
    assert c.scenario["name"] == "Mixed-Low-R"


def test_a_sweep_records_its_list_and_resume_refuses_another(case: Path, optima, tmp_path: Path) -> None:
    out = tmp_path / "notd"
    cat = sweep(case, "Grid-Low-B,Mixed-Low-R", out=out, workers=1, quiet=True, modules="notd").set_index("name")
    assert (cat["status"] == "Optimal").all() and (cat["modules"] == "modules_notd.txt").all()
    for sc in ("Grid-Low-B", "Mixed-Low-R"):
        assert cat.loc[sc, "objective"] == pytest.approx(optima[(sc, "notd")], rel=REL)
        with h5py.File(out / f"{sc}.h5", "r") as f:
            assert f.attrs["modules_variant"] == "notd" and f.attrs["modules_file"] == "modules_notd.txt"
    on_disk = pd.read_csv(out / "catalog.csv")
    assert (on_disk["modules"] == "modules_notd.txt").all()

    with pytest.raises(SweepFolderError) as err:              # modules.txt into a folder solved with notd
        sweep(case, "Grid-Low-B", out=out, workers=1, quiet=True, resume=True)
    assert "modules_notd.txt" in str(err.value) and "modules.txt;" in str(err.value)
    r = CliRunner().invoke(main, ["sweep", str(case), "--scenarios", "Grid-Low-B", "--out", str(out), "--workers",
                                  "1", "--quiet", "--resume"])
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert r.exit_code == 2 and len(lines) == 1 and "modules_notd.txt" in lines[0] and "modules.txt" in lines[0]

    # the same list resumes: nothing solved again, the new scenario solved under the variant
    mtime = (out / "Grid-Low-B.h5").stat().st_mtime_ns
    r = CliRunner().invoke(main, ["sweep", str(case), "--scenarios", "Grid-Low-B,Grid-Low-R", "--out", str(out),
                                  "--workers", "1", "--quiet", "--resume", "--modules", "notd"])
    assert r.exit_code == 0, r.output
    assert (out / "Grid-Low-B.h5").stat().st_mtime_ns == mtime
    again = pd.read_parquet(out / "catalog.parquet").set_index("name")
    assert set(again.index) == {"Grid-Low-B", "Grid-Low-R", "Mixed-Low-R"}
    assert (again["modules"] == "modules_notd.txt").all()
    assert again.loc["Grid-Low-R", "objective"] == pytest.approx(_cold(case, "Grid-Low-R", "notd"), rel=REL)

    # and a folder of an earlier modules.txt sweep is refused for the variant, named both ways round
    plain = tmp_path / "plain"
    sweep(case, "Grid-Low-B", out=plain, workers=1, quiet=True)
    with pytest.raises(SweepFolderError, match=r"module list modules\.txt, but this sweep reads modules_notd\.txt"):
        sweep(case, "Grid-Low-B", out=plain, workers=1, quiet=True, resume=True, modules="notd")


def test_a_worker_reads_the_variant_itself(case: Path, optima, tmp_path: Path) -> None:
    """A task without the sweep's case (a worker whose case did not come with it) reads the plan's list."""
    task = ChainTask(str(case), "Mixed", (parse("Mixed-Low-R"),), str(tmp_path), SolvePlan(modules="notd"),
                     "run-1", 0.0)
    (row,) = run_chain(task)
    assert row["status"] == "Optimal" and row["modules"] == "modules_notd.txt"
    assert row["objective"] == pytest.approx(optima[("Mixed-Low-R", "notd")], rel=REL)


def test_crossover_solves_the_variant(case: Path) -> None:
    res = crossover(case, ("Grid", "RE"), "objective", 1.0, 2.0, battery_cost="B", grid=2, workers=1,
                    modules="notd")
    pts = res.points
    assert len(pts) == 4 and (pts["status"] == "Optimal").all()
    for row in pts.itertuples():
        sc = Scenario(row.strategy, "Low", "B", row.carbon_multiplier)
        assert sc.name == row.scenario
        assert row.objective == pytest.approx(_cold(case, sc, "notd"), rel=REL)


def test_split_range_defaults_to_the_list_of_the_result(case: Path, optima, tmp_path: Path) -> None:
    out = tmp_path / "r.h5"
    r = CliRunner().invoke(main, ["run", str(case), "--scenario", "Mixed-Low-R", "--modules", "notd",
                                  "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "scenario Mixed-Low-R; module list modules_notd.txt" in r.output
    df = split_range(out, case, tolerance=0.0)               # no modules given: the file's notd
    assert df.attrs["modules"] == "modules_notd.txt"
    assert df.attrs["objective"] == pytest.approx(optima[("Mixed-Low-R", "notd")], rel=REL)
    with pytest.raises(CaseError, match="with modules.txt solves to"):    # the other list is another model
        split_range(out, case, tolerance=0.0, modules="")
    r = CliRunner().invoke(main, ["split-range", str(out), "--case", str(case), "--tolerance", "0"])
    assert r.exit_code == 0, r.output
    assert "Mixed-Low-R (module list modules_notd.txt)" in r.output


def test_a_catalog_older_than_the_column_counts_as_modules_txt(tmp_path: Path) -> None:
    pd.DataFrame({"name": ["Grid-Low-B"], "status": ["Optimal"]}).to_csv(tmp_path / "catalog.csv", index=False)
    refuse_other_modules(tmp_path, "modules.txt")
    with pytest.raises(SweepFolderError, match=r"modules\.txt, but this sweep reads modules_notd\.txt"):
        refuse_other_modules(tmp_path, "modules_notd.txt")
