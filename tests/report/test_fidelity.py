"""``batteryplan fidelity``: the study's numbers beside ours and its findings decided on the results of a sweep folder.

Results: the two-province case of tests/report/cases.py (Chongqing and West_Inner_Mongolia, periods 2030 and 2040)
under Grid, RE, Demand and Mixed with Low-R, and Grid and Mixed with High-R (tests/report/conftest.py). Expected
verdicts are worked out here from the result files with h5py, apart from batteryplan's metrics; crafted inputs
(a Mixed result made dearer, split-range and crossover CSVs) give verdicts known in advance.
"""
from __future__ import annotations

import math
import shutil
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from batteryplan.cli import main
from batteryplan.report.study import Measured, existing_capital_of, measure, read_study
from batteryplan.report.findings import NOT_REPRODUCED, PARTLY, REPRODUCED, crossing, mixed_crossover, mixed_split

LOW = ("Grid-Low-R", "RE-Low-R", "Demand-Low-R", "Mixed-Low-R")
FIGURES = ("fig2", "fig3", "fig4", "fig5", "fig6", "figco2")


def _folder(solved: dict[str, Path], names, dst: Path) -> Path:
    dst.mkdir(parents=True)
    for n in names:
        shutil.copy(solved[n], dst / f"{n}.h5")
    return dst


def _run(folder: Path, out: Path, *extra: str) -> tuple[str, pd.DataFrame, str]:
    run = CliRunner().invoke(main, ["fidelity", str(folder), "--out", str(out), *extra])
    assert run.exit_code == 0, run.output
    found = pd.read_csv(out.parent / f"{out.stem}_findings.csv").set_index("key")
    return out.read_text(encoding="utf-8"), found, run.output


def _verdict(holds: list[bool]) -> str:
    return REPRODUCED if all(holds) else NOT_REPRODUCED if not any(holds) else PARTLY


def _h5(path: Path) -> dict[str, np.ndarray]:
    with h5py.File(path, "r") as f:
        out = {f"summary/{k}": v[...] for k, v in f["summary"].items()}
        out.update({f"index/{k}": v[...] for k, v in f["index"].items()})
        out.update({f"results/{k}": v[...] for k, v in f["results"].items()
                    if k in ("dispatch_mw", "demand_mw")})
    return out


def _annual(d: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """(.., n_tp) MW -> (.., n_period) MWh/yr, written out from the index."""
    periods = d["index/periods"].astype(int)
    tp_p = d["index/timepoint_period"].astype(int)
    w = d["index/timepoint_weight_in_year_h"]
    return np.stack([(x[..., tp_p == p] * w[tp_p == p]).sum(axis=-1) for p in periods], axis=-1)


def _coal_by_class(grid: dict, other: dict, threshold: float = 0.1) -> dict[str, float]:
    """Coal MWh over the horizon of `other` in the zone-periods that the Grid result classes supply / demand."""
    zones = [z.decode() if isinstance(z, bytes) else str(z) for z in grid["index/zones"]]

    def by_zone(d: dict, mask: np.ndarray) -> np.ndarray:
        zone_of = np.array([zones.index(z.decode() if isinstance(z, bytes) else str(z))
                            for z in d["index/project_zone"]])
        e = _annual(d, d["results/dispatch_mw"])
        return np.stack([e[(zone_of == k) & mask].sum(axis=0) for k in range(len(zones))])

    sto = grid["index/project_is_storage"].astype(bool)
    ratio = by_zone(grid, ~sto) / _annual(grid, grid["results/demand_mw"])
    src = np.char.lower(other["index/project_energy_source"].astype(str))
    coal = by_zone(other, (np.char.find(src, "coal") >= 0) & ~other["index/project_is_storage"].astype(bool))
    years = other["index/period_length_years"]
    return {"supply": float((coal * years)[ratio > 1 + threshold].sum()),
            "demand": float((coal * years)[ratio < 1 - threshold].sum())}


@pytest.fixture(scope="module")
def capital(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An existing-capital table for the two provinces (the case has none): 1 and 2 M$/yr."""
    d = tmp_path_factory.mktemp("capital")
    pd.DataFrame({"LOAD_ZONE": ["Chongqing", "West_Inner_Mongolia"] * 2, "PERIOD": [2030, 2030, 2040, 2040],
                  "capital_annuity_usd_per_yr": [1e6, 2e6, 1e6, 2e6]}).to_csv(d / "existing_capital_annuity.csv",
                                                                                 index=False)
    return d


@pytest.fixture(scope="module")
def page(solved: dict[str, Path], capital: Path, tmp_path_factory: pytest.TempPathFactory):
    """The page of all six results (a folder of *.h5 without a catalog)."""
    tmp = tmp_path_factory.mktemp("fidelity")
    folder = _folder(solved, solved, tmp / "runs")
    out = tmp / "docs" / "fidelity.md"
    split = _split_csv(tmp / "split.csv", [("Chongqing", "demand", 0.8, 1.0), ("West_Inner_Mongolia", "re", 0.6, 0.7)])
    cross = _crossover_csv(tmp / "crossover.csv", ("Mixed", "RE"), [1, 10, 100], [1, -1, -1])
    text, found, output = _run(folder, out, "--case", str(capital), "--split-range", str(split),
                               "--crossover", str(cross))
    return out, text, found, output


@pytest.fixture(scope="module")
def measured(solved: dict[str, Path]) -> dict[str, Measured]:
    from batteryplan import read_result
    capital, _ = existing_capital_of(None)
    return {n: measure(n, read_result(p), capital) for n, p in solved.items()}


def test_page_figures_and_tables_are_written(page) -> None:
    out, text, found, output = page
    for key in FIGURES:
        png = out.parent / f"fidelity_{key}.png"
        assert png.read_bytes().startswith(b"\x89PNG"), key
        assert f"](fidelity_{key}.png)" in text, key
    panels = pd.read_csv(out.parent / "fidelity_panels.csv")
    assert {f"{f}{p}" for f, p in zip(panels["figure"].astype(str), panels["panel"])} == {
        "2a", "2b", "3a", "3b", "3c", "3d", "4a", "4b", "5a", "5b", "6a", "7a"}
    for f in found.itertuples():                   # every finding on the page, with its verdict
        assert f"| {f.claim} | **{f.verdict}** |" in text
        assert f.verdict in output
    missing = text.split("Missing among the study's 20 scenarios: ", 1)[1].split("\n", 1)[0]
    assert "RE-High-R" in missing and "Demand-Low-B" in missing and "Grid-Low-R" not in missing


def test_panels_are_our_numbers_in_the_studys_units(page, solved: dict[str, Path]) -> None:
    out = page[0]
    panels = pd.read_csv(out.parent / "fidelity_panels.csv")

    def ours(fig: str, panel: str, **where) -> float:
        d = panels[(panels["figure"].astype(str) == fig) & (panels["panel"] == panel)]
        for k, v in where.items():
            d = d[d[k] == v]
        assert len(d) == 1, where
        return float(d["ours"].iloc[0])

    g = _h5(solved["Grid-Low-R"])
    # Fig. 3a: the study's 2040 row meets our period 2040 (periods match by year); capacity in GW
    assert ours("3", "a", scenario="Grid-Low-R", year=2040) == pytest.approx(g["summary/tx_capacity_mw"][:, 1].sum() / 1e3)
    assert ours("3", "c", scenario="RE-Low-R", year=2030) == pytest.approx(
        _h5(solved["RE-Low-R"])["summary/tx_cost_usd_per_yr"][:, 0].sum() / 1e9)
    assert math.isnan(ours("3", "a", scenario="Grid-Low-R", year=2025))         # no period of ours for 2025
    # Fig. 2b: (system cost + existing capital) / (all dispatch, storage included), relative to Grid-Low-R 2030
    per_mwh = {}
    for name in ("Grid-Low-R", "Demand-Low-R"):
        d = _h5(solved[name])
        produced = _annual(d, d["results/dispatch_mw"]).sum(axis=0)
        per_mwh[name] = (d["summary/system_cost_usd_per_yr"] + 3e6) / produced
    assert ours("2", "b", scenario="Grid-Low-R", year=2030) == pytest.approx(1.0)
    assert ours("2", "b", scenario="Demand-Low-R", year=2040) == pytest.approx(
        per_mwh["Demand-Low-R"][1] / per_mwh["Grid-Low-R"][0])
    # Fig. 5a: coal in Chongqing, TWh/yr
    src = np.char.lower(g["index/project_energy_source"].astype(str))
    zone = g["index/project_zone"].astype(str)
    coal = _annual(g, g["results/dispatch_mw"])[(np.char.find(src, "coal") >= 0) & (zone == "Chongqing")].sum(0)
    assert ours("5", "a", scenario="Grid-Low-R", zone="Chongqing", year=2030) == pytest.approx(coal[0] / 1e6)
    # Fig. 6: Mixed-Low-R's shares in the last period add to one where batteries discharge
    shares = panels[(panels["figure"].astype(str) == "6") & (panels["zone"] == "West_Inner_Mongolia")]["ours"]
    assert shares.sum() == pytest.approx(1.0) or shares.isna().all()


def test_findings_follow_the_rules_on_the_measured_numbers(page, solved: dict[str, Path]) -> None:
    found = page[2]
    d = {n: _h5(solved[n]) for n in LOW}
    cost = {n.split("-")[0]: d[n]["summary/system_cost_npv_usd"].sum() for n in LOW}
    cap = {n.split("-")[0]: d[n]["summary/tx_capacity_mw"][:, -1].sum() for n in LOW}
    txc = {n.split("-")[0]: (d[n]["summary/tx_cost_usd_per_yr"].sum(axis=0) * d[n]["index/bac"]).sum() for n in LOW}
    uniform = ("RE", "Grid", "Demand")

    def extreme(v: dict, who: str, highest: bool) -> bool:
        others = [v[s] for s in uniform if s != who]
        return all(o < v[who] * (1 - 1e-6) for o in others) if highest else all(v[who] < o * (1 - 1e-6) for o in others)

    # Mixed may use every attachment, so its optimum cannot cost more than a uniform one: reproduced
    assert cost["Mixed"] <= min(cost[s] for s in uniform) * (1 + 1e-9)
    assert found.loc["mixed_lowest_cost", "verdict"] == REPRODUCED
    assert "RE-High-R" in found.loc["mixed_lowest_cost", "numbers"]      # the High-R group is incomplete
    assert found.loc["demand_highest", "verdict"] == _verdict([extreme(cost, "Demand", True),
                                                               extreme(cap, "Demand", True)])
    assert found.loc["re_least_transmission", "verdict"] == _verdict([extreme(cap, "RE", False),
                                                                      extreme(txc, "RE", False)])
    grid = _coal_by_class(d["Grid-Low-R"], d["Grid-Low-R"])
    re_, dem = _coal_by_class(d["Grid-Low-R"], d["RE-Low-R"]), _coal_by_class(d["Grid-Low-R"], d["Demand-Low-R"])

    def moved(x: float, ref: float, up: bool) -> bool:
        return ref > 0 and (x > ref * (1 + 1e-3) if up else x < ref * (1 - 1e-3))
    assert found.loc["coal_shift", "verdict"] == _verdict([
        moved(re_["supply"], grid["supply"], False), moved(re_["demand"], grid["demand"], True),
        moved(dem["supply"], grid["supply"], True), moved(dem["demand"], grid["demand"], False)])
    # the crafted CSVs of the page fixture: both provinces have the study's choice as majority; x10 is in (2, 33)
    assert found.loc["mixed_split", "verdict"] == REPRODUCED
    assert found.loc["mixed_crossover", "verdict"] == PARTLY
    assert "between x1 and x10" in found.loc["mixed_crossover", "numbers"]


def test_without_csvs_the_split_and_crossover_are_not_checked(measured) -> None:
    assert mixed_split(read_study(), measured, None).verdict.startswith("not checked (no split-range CSV")
    assert mixed_crossover(measured, None).verdict == "not checked (no crossover CSV given)"


def test_a_dearer_mixed_is_not_reproduced(solved: dict[str, Path], tmp_path: Path) -> None:
    folder = _folder(solved, LOW, tmp_path / "runs")
    top = max(_h5(solved[n])["summary/system_cost_npv_usd"].sum() for n in LOW)
    with h5py.File(folder / "Mixed-Low-R.h5", "r+") as f:
        npv = f["summary/system_cost_npv_usd"]
        npv[...] = np.full(npv.shape, 2 * top / npv.shape[0])
    _, found, _ = _run(folder, tmp_path / "fidelity.md")
    assert found.loc["mixed_lowest_cost", "verdict"] == NOT_REPRODUCED


def test_missing_scenarios_are_named(solved: dict[str, Path], tmp_path: Path) -> None:
    folder = _folder(solved, ["Grid-Low-R"], tmp_path / "runs")
    text, found, _ = _run(folder, tmp_path / "fidelity.md")
    for key in ("mixed_lowest_cost", "demand_highest", "re_least_transmission", "coal_shift"):
        v = found.loc[key, "verdict"]
        assert v.startswith("not checked (missing: ") and "RE-Low-R" in v and "Demand-Low-R" in v, key
    assert "Mixed-Low-R" in found.loc["mixed_lowest_cost", "verdict"]
    assert "Mixed-Low-R, Mixed-High-R." in text                        # the page's list of missing scenarios
    assert "| Grid-Low-R | " in text


def test_a_catalog_is_read(solved: dict[str, Path], tmp_path: Path) -> None:
    folder = _folder(solved, ["Grid-Low-R", "RE-Low-R"], tmp_path / "runs")
    (folder / "Grid-Low-R.h5").rename(folder / "a.h5")
    pd.DataFrame({"name": ["Grid-Low-R", "RE-Low-R", "Demand-Low-R"], "file": ["a.h5", "RE-Low-R.h5", ""],
                  "status": ["Optimal", "Optimal", "failed"]}).to_csv(folder / "catalog.csv", index=False)
    text, _, _ = _run(folder, tmp_path / "fidelity.md")
    assert "(2 scenario(s): Grid-Low-R, RE-Low-R)" in text
    assert "status 'failed'" in text                                    # the skipped row is noted


def _split_csv(path: Path, rows: list[tuple[str, str, float, float]]) -> Path:
    pd.DataFrame(rows, columns=["scope", "attachment", "share_min", "share_max"]).assign(share=np.nan).to_csv(
        path, index=False)
    return path


@pytest.mark.parametrize("rows, expected", [
    # study (Fig. 6): Chongqing demand 1.00, West_Inner_Mongolia re 0.62
    ([("Chongqing", "demand", 0.8, 1.0), ("West_Inner_Mongolia", "re", 0.55, 0.9)], REPRODUCED),
    ([("Chongqing", "demand", 0.8, 1.0), ("West_Inner_Mongolia", "re", 0.0, 0.3),
      ("West_Inner_Mongolia", "grid", 0.7, 1.0)], PARTLY),
    ([("Chongqing", "demand", 0.1, 0.2), ("West_Inner_Mongolia", "grid", 1.0, 1.0)], NOT_REPRODUCED),
    ([("national", "grid", 0.2, 0.6)], "not checked (the CSV has no rows for Chongqing, West_Inner_Mongolia)"),
])
def test_split_range_verdicts(measured, tmp_path: Path, rows, expected: str) -> None:
    f = mixed_split(read_study(), measured, _split_csv(tmp_path / "s.csv", rows))
    assert f.verdict == expected
    assert "the result file's split in Chongqing" in f.numbers


def _crossover_csv(path: Path, strategies, multipliers, differences) -> Path:
    rows = [{"carbon_multiplier": m, "strategy": s, "scenario": f"{s}-Low-R-x{m}", "metric": 0.0, "difference": d}
            for m, d in zip(multipliers, differences) for s in strategies]
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("strategies, multipliers, differences, expected", [
    (("Mixed", "RE"), [1, 10, 50, 80, 200], [5, 3, 1, -1, -2], REPRODUCED),         # between x50 and x80
    (("Mixed", "RE"), [1, 3, 5], [2, 1, -1], PARTLY),                              # about x3.9
    (("Mixed", "RE"), [1, 10], [-1, -2], NOT_REPRODUCED),                          # already below at x1
    (("Mixed", "RE"), [1, 20], [1, 1], PARTLY),                                    # none up to x20 < 132
    (("Mixed", "RE"), [1, 200], [1, 1], NOT_REPRODUCED),                           # none up to x200
    (("RE", "Mixed"), [1, 10], [1, -1], "not checked (the CSV compares RE and Mixed; the finding needs Mixed first)"),
])
def test_crossover_verdicts(measured, tmp_path: Path, strategies, multipliers, differences, expected: str) -> None:
    csv = _crossover_csv(tmp_path / "crossover.csv", strategies, multipliers, differences)
    f = mixed_crossover(measured, csv)
    assert f.verdict == expected
    assert "cumulative CO2 at x1 (Low-R): RE" in f.numbers


@pytest.mark.parametrize("column, value", [("metric_name", "objective"), ("carbon", "High"), ("battery_cost", "B")])
def test_a_crossover_of_another_metric_or_path_is_not_checked(measured, tmp_path: Path, column: str,
                                                              value: str) -> None:
    csv = _crossover_csv(tmp_path / "crossover.csv", ("Mixed", "RE"), [1, 10, 50, 80], [5, 3, 1, -1])
    pts = pd.read_csv(csv).assign(metric_name="cumulative_co2", carbon="Low", battery_cost="R")
    pts.to_csv(csv, index=False)
    assert mixed_crossover(measured, csv).verdict == REPRODUCED
    pts.assign(**{column: value}).to_csv(csv, index=False)
    f = mixed_crossover(measured, csv)
    assert f.verdict.startswith(f"not checked (the CSV's {column} {value};")


def test_a_crossover_that_turns_back_is_said(measured, tmp_path: Path) -> None:
    csv = _crossover_csv(tmp_path / "crossover.csv", ("Mixed", "RE"), [1, 4, 8, 16, 64], [3, 1, -1, 2, 1])
    f = mixed_crossover(measured, csv)
    assert f.verdict == PARTLY and "between x4 and x8" in f.numbers
    assert "not below RE again at x16, x64" in f.numbers
    csv = _crossover_csv(tmp_path / "crossover.csv", ("Mixed", "RE"), [1, 4, 8, 16], [3, 1, -1, -2])
    assert "again" not in mixed_crossover(measured, csv).numbers


def test_crossing_reads_the_first_sign_change() -> None:
    pts = pd.DataFrame({"carbon_multiplier": [80, 80, 1, 1, 50, 50], "difference": [-1, -1, 2, 2, 1, 1]})
    assert crossing(pts) == (50.0, 80.0, 80.0)


def test_a_folder_without_results_is_one_message(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    run = CliRunner().invoke(main, ["fidelity", str(tmp_path / "empty"), "--out", str(tmp_path / "f.md")])
    assert run.exit_code == 1 and "no catalog and no *.h5 result files" in run.output
    assert not (tmp_path / "f.md").exists()


def test_csvs_written_by_split_range_and_crossover_are_read(measured, solved: dict[str, Path], case_dir: Path,
                                                            tmp_path: Path) -> None:
    split, cross = tmp_path / "split.csv", tmp_path / "crossover.csv"
    runner = CliRunner()
    run = runner.invoke(main, ["split-range", str(solved["Mixed-Low-R"]), "--case", str(case_dir.resolve()),
                               "--provinces", "Chongqing,West_Inner_Mongolia", "--out", str(split)])
    assert run.exit_code == 0, run.output
    run = runner.invoke(main, ["crossover", str(case_dir), "--strategies", "Mixed,RE", "--range", "1:20", "--grid", "3",
                               "--workers", "1", "--rtol", "0.1", "--quiet", "--out", str(cross)])
    assert run.exit_code == 0, run.output
    f = mixed_split(read_study(), measured, split)
    assert f.verdict in (REPRODUCED, PARTLY, NOT_REPRODUCED)
    assert "Chongqing: study demand 1.00; ours demand in [" in f.numbers
    assert "West_Inner_Mongolia: study re 0.62; ours re in [" in f.numbers
    written = pd.read_csv(cross)
    assert set(written.metric_name) == {"cumulative_co2"} and set(written.carbon) == {"Low"}
    assert set(written.battery_cost) == {"R"} and set(written.modules) == {"modules.txt"}
    f = mixed_crossover(measured, cross)
    assert f.verdict in (REPRODUCED, PARTLY, NOT_REPRODUCED)
    assert any(t in f.numbers for t in ("Mixed falls below RE between", "Mixed never below RE",
                                        "Mixed already below RE"))


def test_the_note_says_what_the_results_are(solved: dict[str, Path], tmp_path: Path) -> None:
    from click.testing import CliRunner
    from batteryplan.cli import main
    folder = _folder(solved, ["Grid-Low-R"], tmp_path / "runs")
    out = tmp_path / "page.md"
    r = CliRunner().invoke(main, ["fidelity", str(folder), "--out", str(out), "--note", "ESTIMATE carbon path"])
    assert r.exit_code == 0, r.output
    lines = out.read_text().splitlines()
    assert lines[2] == "**About these results:** ESTIMATE carbon path"
    assert "About these results" not in _run(folder, tmp_path / "plain.md")[0]


def test_relabelling_bounds_hold_against_split_range(case_dir: Path, tmp_path: Path) -> None:
    """The relabelling bounds (split_bounds.py), from the result file alone, against split-range's exact ranges. With
    W. Inner Mongolia's load cut to 5 %, its batteries serve exports, which demand-side ones cannot (they discharge
    to the distribution node), so the optimum puts some on grid copies, and the bound has something to move."""
    import batteryplan
    from batteryplan.report.split_bounds import relabel_bounds
    from batteryplan.scenarios import read_scenario
    case = tmp_path / "inputs"
    shutil.copytree(case_dir, case)
    loads = pd.read_csv(case / "loads.csv")
    loads.loc[loads["LOAD_ZONE"] == "West_Inner_Mongolia", "zone_demand_mw"] *= 0.05
    loads.to_csv(case / "loads.csv", index=False)
    result = batteryplan.solve(batteryplan.build(read_scenario(case, "Mixed-Low-R"))).to_hdf5(tmp_path / "m.h5")
    got = relabel_bounds(result, ["West_Inner_Mongolia"], case)["provinces"]["West_Inner_Mongolia"]
    assert got["share_at_optimum"]["grid"] > 0.1 and got["alpha_grid_to_re"] > 0.5
    split = tmp_path / "split.csv"
    run = CliRunner().invoke(main, ["split-range", str(result), "--case", str(case), "--tolerance", "0",
                                    "--provinces", "West_Inner_Mongolia", "--out", str(split)])
    assert run.exit_code == 0, run.output
    df = pd.read_csv(split).set_index(["scope", "attachment"])
    row = df.loc[("West_Inner_Mongolia", "re")]
    assert row["share_max"] >= got["re_share_max_at_least"] - 1e-6
    assert row["share_min"] <= got["re_share_min_at_most"] + 1e-6
    assert got["re_share_max_at_least"] > got["re_share_min_at_most"] + 0.1     # the bound says something


def _bounds(cq_demand: float, wim_re: tuple[float, float]) -> dict:
    return {"provinces": {
        "Chongqing": {"share_at_optimum": {"grid": 1 - cq_demand, "re": 0.0, "demand": cq_demand},
                      "re_share_min_at_most": 0.0, "re_share_max_at_least": 0.0},
        "West_Inner_Mongolia": {"share_at_optimum": {"grid": 1 - wim_re[0], "re": wim_re[0], "demand": 0.0},
                                "re_share_min_at_most": wim_re[0], "re_share_max_at_least": wim_re[1]}}}


@pytest.mark.parametrize("cq_demand, wim_re, expected", [
    (1.0, (0.0, 0.998), PARTLY),            # W. Inner Mongolia can be RE or not at the optimum: possible, never yes
    (1.0, (0.6, 0.9), None),                # both may be yes (reproduced) or possible (partly): undecided
    (0.1, (0.0, 0.1), None),                # both may be no (not reproduced) or possible (partly): undecided
    (0.9, (0.0, 0.2), PARTLY),              # Chongqing possible or yes, W. Inner Mongolia no or possible: never all
])
def test_the_split_is_decided_by_relabelling_bounds_only_where_they_suffice(measured, cq_demand, wim_re,
                                                                           expected) -> None:
    f = mixed_split(read_study(), measured, None, _bounds(cq_demand, wim_re))
    if expected is None:
        assert f.verdict.startswith("not checked (no split-range CSV")
    else:
        assert f.verdict == expected
    assert "(relabelling bounds)" in f.numbers and "(the share at the optimum)" in f.numbers
