"""The plain install runs every command: the CLI runs in a process where only the distributions that
pyproject.toml's base dependencies bring can be imported (``_plain.py``), so a module that needs an extra
(or a test-only package) fails here as it would after ``pip install .``. The check against a real fresh
virtualenv from PyPI is ``scripts/check_fresh_install.sh`` (it needs network)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.reliability.conftest import ROOT

PLAIN = Path(__file__).with_name("_plain.py")


def _plain(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PLAIN), str(ROOT / "pyproject.toml"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)


def test_the_harness_hides_what_a_plain_install_lacks() -> None:
    r = _plain("--import", "distributed")
    assert r.returncode != 0 and "hidden: not in a plain install" in r.stderr
    r = _plain("--import", "switch_model")
    assert r.returncode != 0 and "hidden" in r.stderr


def test_every_command_runs_on_the_plain_install(chain_inputs: Path, tmp_path: Path) -> None:
    modules = ["batteryplan", "batteryplan.cli", "batteryplan.sweep.run", "batteryplan.sweep.crossover",
               "batteryplan.sweep.split_range", "batteryplan.report.page", "batteryplan.report.figures",
               "batteryplan.report.metrics", "batteryplan.report.fidelity", "batteryplan.io.switch_export",
               "batteryplan.solver.solve"]
    r = _plain("--import", *modules)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr
    steps = [("sweep", str(chain_inputs), "--scenarios", "Grid-Low-B,RE-Low-B", "--out", str(tmp_path / "runs"),
              "--workers", "1", "--quiet"),
             ("report", str(tmp_path / "runs"), "--out", str(tmp_path / "report")),
             ("fidelity", str(tmp_path / "runs"), "--out", str(tmp_path / "fidelity.md"), "--case", str(chain_inputs)),
             ("run", str(chain_inputs), "--scenario", "Grid-Low-B", "--out", str(tmp_path / "g.h5")),
             ("export", str(tmp_path / "g.h5"), "--out", str(tmp_path / "csv")),
             ("validate", str(chain_inputs)),
             ("scenarios",)]
    for args in steps:
        r = _plain(*args)
        assert r.returncode == 0, (args, r.stderr[-2000:])
    assert (tmp_path / "runs" / "catalog.parquet").is_file() and (tmp_path / "report" / "index.html").is_file()
    assert (tmp_path / "fidelity.md").is_file() and (tmp_path / "fidelity_fig2.png").is_file()


def test_a_missing_extra_is_one_line_naming_it(chain_inputs: Path, tmp_path: Path) -> None:
    r = _plain("sweep", str(chain_inputs), "--scenarios", "Grid-Low-B", "--out", str(tmp_path / "d"),
               "--local-cluster", "--workers", "1")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]
    assert "pip install 'batteryplan[dask]'" in r.stderr
