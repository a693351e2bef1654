"""Merging SWITCH-China's existing units into cohorts does not change the optimum.

The generator is run twice into tmp dirs: the default (merged cohorts, as bundled) and ``--plant-level`` (one
project per SWITCH-China unit, with its cohort's parameters and its own build and fixed O&M). Both are sliced to
the same provinces and one period and solved with batteryplan; the objectives must agree to 1e-6 relative.
Two slices: Beijing/Tianjin/Hebei in 2023 (coal, gas, IGCC, hydro, pumped hydro, wind, solar) and
Guangdong/Guangxi/Fujian in 2038 (adds nuclear; many units retired by age, so cohorts matter).

Skipped only when the shared data folder (``../shared/data`` from the repository root) is absent.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from .conftest import china_generator

import batteryplan
from batteryplan.io.slice_case import slice_case

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"

pytestmark = pytest.mark.skipif(not (DATA / "raw" / "switch-china-open-model").is_dir(),
                                reason=f"shared data folder {DATA} is absent; cannot generate the China case")

SLICES = [(("Beijing", "Tianjin", "Hebei"), 2023), (("Guangdong", "Guangxi", "Fujian"), 2038)]


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Full case generated merged (default) and plant level."""
    gen = china_generator()
    outs = {}
    for name, extra in (("merged", []), ("plant", ["--plant-level"])):
        out = tmp_path_factory.mktemp(name) / "inputs"
        assert gen.main(["--data", str(DATA), "--out", str(out), *extra]) == 0
        outs[name] = out
    return outs


def _r(case: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(case / name, na_values=".")


def _existing(case: Path) -> pd.DataFrame:
    """Predetermined builds with their project's tech and life."""
    gi = _r(case, "gen_info.csv").set_index("GENERATION_PROJECT")
    pre = _r(case, "gen_build_predetermined.csv")
    pre["tech"] = pre.GENERATION_PROJECT.map(gi.gen_tech)
    pre["age"] = pre.GENERATION_PROJECT.map(gi.gen_max_age)
    return pre


def test_plant_level_full_case(variants: dict[str, Path]) -> None:
    """Only the existing fleet differs: same new-build projects, same capacity per tech and build year."""
    m, p = variants["merged"], variants["plant"]
    gm, gp = _r(m, "gen_info.csv"), _r(p, "gen_info.csv")
    pre_m, pre_p = _existing(m), _existing(p)
    new_m = gm[~gm.GENERATION_PROJECT.isin(pre_m.GENERATION_PROJECT)]
    new_p = gp[~gp.GENERATION_PROJECT.isin(pre_p.GENERATION_PROJECT)]
    pd.testing.assert_frame_equal(new_m.reset_index(drop=True), new_p.reset_index(drop=True))
    # one build per unit at plant level; cohorts have one build per build year
    assert pre_p.GENERATION_PROJECT.is_unique and len(pre_p) > len(pre_m)
    cap_m = pre_m.groupby(["tech", "build_year", "age"]).build_gen_predetermined.sum()
    cap_p = pre_p.groupby(["tech", "build_year", "age"]).build_gen_predetermined.sum()
    pd.testing.assert_series_equal(cap_m, cap_p, rtol=1e-9)
    # fixed O&M is capacity-weighted in the cohorts, so its total is unchanged (up to the 1e-4 $/MW rounding)
    fom = {}
    for k, case in variants.items():
        bc = _r(case, "gen_build_costs.csv")
        x = _existing(case).merge(bc, on=["GENERATION_PROJECT", "build_year"])
        fom[k] = float((x.build_gen_predetermined * x.gen_fixed_om).sum())
    assert fom["plant"] == pytest.approx(fom["merged"], rel=1e-8)


@pytest.mark.parametrize("zones,period", SLICES, ids=lambda v: "-".join(v) if isinstance(v, tuple) else str(v))
def test_merged_fleet_same_optimum(variants: dict[str, Path], tmp_path: Path, zones: tuple[str, ...],
                                   period: int) -> None:
    objective, n_projects, cap = {}, {}, {}
    for name, case in variants.items():
        dst = tmp_path / name / "inputs"
        slice_case(case, dst, list(zones), [period])
        pre = _existing(dst)
        alive = pre[(pre.build_year <= period) & (period < pre.build_year + pre.age)]
        cap[name] = (pre.groupby("tech").build_gen_predetermined.sum(),
                     alive.groupby("tech").build_gen_predetermined.sum())
        n_projects[name] = pre.GENERATION_PROJECT.nunique()
        objective[name] = batteryplan.solve(batteryplan.build(batteryplan.read_case(dst))).objective
    # the plant-level slice really is unit by unit
    assert n_projects["plant"] > 2 * n_projects["merged"], n_projects
    # same existing capacity per technology: all builds, and those online in the period
    for i in range(2):
        pd.testing.assert_series_equal(cap["merged"][i], cap["plant"][i], rtol=1e-9)
    assert objective["plant"] == pytest.approx(objective["merged"], rel=1e-6), (objective, n_projects)
