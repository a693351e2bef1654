"""The command line: ``batteryplan run | validate | scenarios`` (click's CliRunner, in process)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import batteryplan
from batteryplan.cli import main

from tests.unit._cases import write_base


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory) -> Path:
    return write_base(tmp_path_factory.mktemp("cli") / "toy" / "inputs")


@pytest.fixture(scope="module")
def expected(case_dir: Path) -> float:
    return batteryplan.solve(batteryplan.build(batteryplan.read_case(case_dir))).objective


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_run_writes_a_result_and_reports(case_dir: Path, expected: float, tmp_path: Path) -> None:
    out = tmp_path / "f.h5"
    r = _run("run", str(case_dir), "--out", str(out))
    assert r.exit_code == 0, r.output
    res = batteryplan.read_result(out)
    assert res.status == "Optimal"
    assert res.objective == pytest.approx(expected, rel=1e-9)
    m = re.search(r"^objective: (\S+) \$ \(NPV\)$", r.stdout, re.M)
    assert m and float(m.group(1)) == pytest.approx(expected, rel=1e-9)
    assert re.search(r"^  CO2 2030: [\d,.]+ Mt/yr$", r.stdout, re.M), r.stdout
    assert re.search(r"^seconds: read [\d.]+, build [\d.]+, solve [\d.]+, write [\d.]+$", r.stdout, re.M), r.stdout
    assert f"wrote {out}" in r.stdout
    assert "case toy: 2 zones, 1 periods, 2 timepoints, 4 projects" in r.stderr


def test_run_without_out_writes_nothing(case_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = _run("run", str(case_dir))
    assert r.exit_code == 0, r.output
    assert "objective:" in r.stdout and "wrote" not in r.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("extra", [["--solver-option", "presolve=off"],
                                   ["--solver-option", "presolve=off", "--solver-option", "solver=ipm"]])
def test_run_accepts_solver_options(case_dir: Path, expected: float, extra: list[str], tmp_path: Path) -> None:
    out = tmp_path / "o.h5"
    r = _run("run", str(case_dir), "--out", str(out), *extra)
    assert r.exit_code == 0, r.output
    res = batteryplan.read_result(out)
    assert res.objective == pytest.approx(expected, rel=1e-7)
    assert res.solver["options"]["presolve"] == "off"


def test_run_accepts_threads_in_a_fresh_process(case_dir: Path, expected: float, tmp_path: Path) -> None:
    """`--threads 1` as a user runs it: a new process (HiGHS's thread scheduler is per process;
    see test_solve_with_other_thread_count_in_same_process for the in-process case)."""
    out = tmp_path / "t.h5"
    p = subprocess.run([sys.executable, "-m", "batteryplan.cli", "run", str(case_dir), "--threads", "1",
                        "--solver-option", "presolve=off", "--out", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    res = batteryplan.read_result(out)
    assert res.objective == pytest.approx(expected, rel=1e-7)
    assert int(res.solver["options"]["threads"]) == 1


def test_run_uses_every_core_unless_told(case_dir: Path, expected: float, tmp_path: Path) -> None:
    """Without --threads a run hands HiGHS every core the process may use (HiGHS's own default is half); a
    `threads` solver option still wins."""
    cores = len(os.sched_getaffinity(0))
    for i, (extra, want) in enumerate((([], cores), (["--solver-option", "threads=1"], 1))):
        out = tmp_path / f"t{i}.h5"
        p = subprocess.run([sys.executable, "-m", "batteryplan.cli", "run", str(case_dir), *extra,
                            "--out", str(out)], capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        res = batteryplan.read_result(out)
        assert int(res.solver["options"]["threads"]) == want
        assert res.objective == pytest.approx(expected, rel=1e-7)


def test_solve_with_other_thread_count_in_same_process(case_dir: Path) -> None:
    lp = batteryplan.build(batteryplan.read_case(case_dir))
    a = batteryplan.solve(lp, threads=2)
    b = batteryplan.solve(lp, threads=1)           # one of the two differs from the scheduler's count
    assert a.objective == pytest.approx(b.objective, rel=1e-9)


def test_malformed_solver_option_fails_cleanly(case_dir: Path) -> None:
    r = _run("run", str(case_dir), "--solver-option", "bad")
    assert r.exit_code == 2
    assert "KEY=VALUE" in r.output and "'bad'" in r.output
    assert "Traceback" not in r.output
    assert isinstance(r.exception, SystemExit)


def test_unknown_solver_option_fails_cleanly(case_dir: Path) -> None:
    """HiGHS rejects an unknown option before the case is read: one line, exit 2, no traceback."""
    r = _run("run", str(case_dir), "--solver-option", "no_such_option=1")
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit)
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]
    assert r.stderr.startswith("error: --solver-option:") and "no_such_option" in r.stderr
    assert "case " not in r.stderr                     # nothing was read
    assert "Traceback" not in r.output


def test_run_with_scenario(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.h5"
    r = _run("run", str(case_dir), "--scenario", "Mixed-Low-B", "--out", str(out))
    assert r.exit_code == 0, r.output
    assert "scenario Mixed-Low-B" in r.stderr
    assert batteryplan.read_result(out).scenario["strategy"] == "Mixed"


def test_bad_scenario_is_a_one_line_error(case_dir: Path) -> None:
    r = _run("run", str(case_dir), "--scenario", "Grid-Medium-B")
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: unknown scenario 'Grid-Medium-B'")


def test_scenarios_lists_24_names() -> None:
    r = _run("scenarios")
    assert r.exit_code == 0
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 24
    names = [l.split()[0] for l in lines]
    assert len(set(names)) == 24
    assert all(re.fullmatch(r"(RE|Grid|Demand|Mixed)-(Low|High)-[BMR]", n) for n in names)
    assert sum("(paper)" in l for l in lines) == 20


def test_validate_prints_zones_and_periods(case_dir: Path) -> None:
    r = _run("validate", str(case_dir))
    assert r.exit_code == 0, r.output
    assert "case toy: OK" in r.stdout
    assert "zones (2): A, B" in r.stdout
    assert re.search(r"^periods: 2030; timepoints: 2 \(1 timeseries\)$", r.stdout, re.M), r.stdout
    # demand 2030: (100 + 120 + 50 + 60) MW x 4383 h = 1,446,390 MWh = 1.4 TWh/yr
    assert "demand 2030: 1.4 TWh/yr" in r.stdout


def test_validate_of_a_missing_folder(tmp_path: Path) -> None:
    r = _run("validate", str(tmp_path / "nowhere"))
    assert r.exit_code == 2
    assert r.output.startswith("error: ") and len(r.output.strip().splitlines()) == 1
