"""Fleet aggregation on SWITCH-China's own plant-level inputs: the same optimum with and without merging.

``shared/tools/complete_switch_china.py`` writes the complete SWITCH-China inputs folder (6,095 projects, one
per unit or candidate site); it is solved here with SWITCH-China's own module list (``modules_full.txt``) less
the modules batteryplan does not support yet (``no_commit`` standing in for ``commit.operate`` while that is
unsupported; as constraint families are added, this test covers them without change) on two slices cut by
``batteryplan.io.slice_case``: Beijing/Tianjin/Hebei in 2023 (existing fleet only) and Sichuan/Yunnan/Chongqing
in 2028 and 2033 (hydro, and candidates with new builds in two periods). The
objectives with and without merging must agree to 1e-9 relative, and the capacity of every project (fixed for
the existing fleet, so unique) must be the same.

Skipped when the shared folder (``../shared`` beside the repository) is absent.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

import batteryplan
from batteryplan.io.slice_case import slice_case
from batteryplan.io.switch_reader import DISPATCH_MODES, SUPPORTED

from ..conftest import SHARED, complete_view

TOOL = SHARED / "tools" / "complete_switch_china.py"
NO_COMMIT, COMMIT = DISPATCH_MODES
SLICES = {"north-2023": (["Beijing", "Tianjin", "Hebei"], [2023]),
          "southwest-2028-2033": (["Sichuan", "Yunnan", "Chongqing"], [2028, 2033])}

pytestmark = pytest.mark.skipif(not TOOL.is_file(), reason=f"{TOOL} is absent (no shared folder)")


def supported(full: list[str]) -> list[str]:
    """`full` without the modules batteryplan does not support; no_commit where commit.operate is one of them."""
    mods = [m for m in full if m in SUPPORTED]
    if COMMIT in full and COMMIT not in SUPPORTED:
        mods.append(NO_COMMIT)
    return mods


@pytest.fixture(scope="module")
def complete(tmp_path_factory: pytest.TempPathFactory, complete_switch_china: Path) -> Path:
    """SWITCH-China's complete plant-level inputs with its own module list (as supported) as modules.txt."""
    full = (complete_switch_china / "modules_full.txt").read_text().split()
    return complete_view(complete_switch_china, tmp_path_factory.mktemp("switch_china") / "inputs",
                         "\n".join(supported(full)) + "\n")


@pytest.mark.parametrize("name", list(SLICES))
def test_same_objective_with_and_without_merging(complete: Path, tmp_path: Path, name: str) -> None:
    zones, periods = SLICES[name]
    slice_case(complete, tmp_path / "inputs", zones, periods)
    merged = batteryplan.read_case(tmp_path / "inputs")
    plain = batteryplan.read_case(tmp_path / "inputs", aggregate=False)
    assert merged.fleet is not None and merged.n_gen < plain.n_gen / 2
    assert set(merged.ext) == set(plain.ext)        # the families' data (planning reserves, capacity plans, ...)
    for data in merged.ext.values():
        for f in dataclasses.fields(data):
            if f.name.startswith("gen_"):
                assert len(getattr(data, f.name)) == merged.n_gen, f.name
    lp_m, lp_p = batteryplan.build(merged), batteryplan.build(plain)
    assert lp_m.A.shape[1] < lp_p.A.shape[1] / 1.5
    rm, rp = batteryplan.solve(lp_m), batteryplan.solve(lp_p)
    assert rm.objective == pytest.approx(rp.objective, rel=1e-9)
    assert list(rm.index["projects"]) == list(rp.index["projects"])
    fixed = ~np.isin(np.arange(plain.n_gen), plain.bld_gen[~plain.bld_fixed])
    np.testing.assert_allclose(rm["capacity_mw"][fixed], rp["capacity_mw"][fixed], rtol=1e-12, atol=1e-9)
    total = rm["build_mw"].sum(axis=0)
    np.testing.assert_allclose(total, rp["build_mw"].sum(axis=0), rtol=1e-6, atol=1e-3)
    if name.startswith("southwest"):
        assert total.sum() > 1000.0               # candidates were built, so their merge was exercised
