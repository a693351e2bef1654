"""Fixtures for the report tests: the two-province case (tests/report/cases.py) solved under a few scenarios."""
from __future__ import annotations

from pathlib import Path

import pytest

SCENARIOS = ("Grid-Low-R", "RE-Low-R", "Demand-Low-R", "Mixed-Low-R", "Grid-High-R", "Mixed-High-R")


@pytest.fixture(scope="session")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.report.cases import two_provinces
    return two_provinces(tmp_path_factory.mktemp("report_case") / "inputs")


@pytest.fixture(scope="session")
def solved(case_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Scenario name -> result file (each solve takes well under a second)."""
    import batteryplan
    from batteryplan.scenarios import read_scenario
    out = tmp_path_factory.mktemp("report_results")
    files = {}
    for name in SCENARIOS:
        res = batteryplan.solve(batteryplan.build(read_scenario(case_dir, name)))
        files[name] = res.to_hdf5(out / f"{name}.h5")
    return files
