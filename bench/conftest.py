"""Fixtures for the pytest-benchmark suite in ``bench/`` (kept out of the default run: testpaths = ["tests"]).

Run with ``pytest bench`` (``--benchmark-disable`` to check that everything runs; ``--peer`` to also time
switch-model on the same folder, which takes minutes).  Files are named ``bench_<phase>.py``; the hook below
collects them without changing the project's ``python_files`` setting.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from make_synthetic_china import make_case

COMPLETE_TOOL = BENCH_DIR.parents[1] / "shared" / "tools" / "complete_switch_china.py"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Options of the benchmark suite."""
    group = parser.getgroup("batteryplan bench")
    group.addoption("--peer", action="store_true", default=False,
                    help="also run switch-model's read + construct + hand-over on the synthetic case (minutes)")
    group.addoption("--china-zones", type=int, default=32, help="zones of the synthetic case (default 32)")
    group.addoption("--china-periods", type=int, default=6, help="periods of the synthetic case (default 6)")
    group.addoption("--china-complete", default=None, metavar="INPUTS_DIR|make",
                    help="complete SWITCH-China plant-level inputs folder for bench_complete_china.py; 'make' "
                         "generates it with shared/tools/complete_switch_china.py into a temporary folder")
    group.addoption("--china-seed", type=int, default=0, help="seed of the synthetic case (default 0)")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    """Collect ``bench_*.py`` as test modules (STYLE.md §10 names benchmark files by phase)."""
    if file_path.suffix == ".py" and file_path.name.startswith("bench_"):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


@pytest.fixture(scope="session")
def china_synthetic_inputs(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The synthetic China-size SWITCH inputs folder (``.../china_synthetic/inputs``), generated once per run.

    32 zones x 6 periods x 72 timepoints by default, all generation kinds, batteries of all three attachments;
    ``modules.txt`` lists ``re_connect_charging`` (batteryplan reads ``gen_is_re_connect`` itself).
    """
    inputs = tmp_path_factory.mktemp("china_synthetic") / "inputs"
    make_case(inputs, n_zone=request.config.getoption("--china-zones"),
              n_period=request.config.getoption("--china-periods"),
              seed=request.config.getoption("--china-seed"), re_module=True)
    return inputs


@pytest.fixture(scope="session")
def peer_enabled(request: pytest.FixtureRequest) -> bool:
    """Whether ``--peer`` was given."""
    return bool(request.config.getoption("--peer"))


@pytest.fixture(scope="session")
def china_complete_inputs(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The complete SWITCH-China plant-level inputs folder (6,095 projects) with the stage-1 ``modules.txt``.

    Opt-in: ``--china-complete INPUTS_DIR`` uses a folder made before (it must hold ``modules.txt``);
    ``--china-complete make`` runs ``complete_switch_china.py`` (~20 s) and copies ``modules_stage1.txt``.
    """
    opt = request.config.getoption("--china-complete")
    if opt is None:
        pytest.skip("complete SWITCH-China benchmark is opt-in: pass --china-complete INPUTS_DIR or 'make'")
    if opt != "make":
        inputs = Path(opt).resolve()
        if not (inputs / "modules.txt").is_file():
            pytest.fail(f"{inputs} has no modules.txt; copy modules_stage1.txt from its parent folder there")
        return inputs
    if not COMPLETE_TOOL.is_file():
        pytest.skip(f"{COMPLETE_TOOL} not found")
    inputs = tmp_path_factory.mktemp("china_complete") / "inputs"
    subprocess.run([sys.executable, str(COMPLETE_TOOL), "--out", str(inputs)], check=True, capture_output=True)
    shutil.copyfile(inputs.parent / "modules_stage1.txt", inputs / "modules.txt")
    return inputs
