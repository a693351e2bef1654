"""Progress of a solve: phase, iteration, objectives and gap read from HiGHS's log; one updating line on a
terminal, plain lines in a log; -v echoes HiGHS's own log; stdout keeps only the results."""
from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from batteryplan.solver.progress import Display, State

from tests.reliability.conftest import ROOT

# lines as HiGHS 1.15.1 printed them on the 8-province China slice
HIPO = ["Presolving model", "34068 rows, 38828 cols, 128877 nonzeros 0s", "Running HiPO", "Threads:    1",
        " iter       primal obj         dual obj       pinf       dinf       gap    time",
        "   23   3.31968025e+11   3.26310943e+11   1.02e-06   9.55e-07  1.72e-02    34.4"]
IPX = ["IPX model has 34068 rows, 38828 columns and 128877 nonzeros",
       "    5    5.23560976e+12  -3.48160132e+13   4.19e-03   6.32e-03  2.71e+00       4.8"]
SIMPLEX = ["Using dual simplex solver", "  Iteration        Objective     Infeasibilities num(sum)",
           "        3764     7.5971639062e+10 Pr: 3155(3.90501e+11); Du: 0(2.3124e-07) 7.6s"]


def test_the_log_gives_phase_iteration_objectives_and_gap() -> None:
    s = State()
    changed = [s.read_log(line) for line in HIPO]
    assert changed == [True, False, True, False, False, False]
    assert (s.phase, s.iteration, s.primal, s.dual, s.gap) == ("interior point (HiPO)", 23, 3.31968025e11,
                                                               3.26310943e11, 1.72e-2)
    assert "iteration 23, primal 3.31968e+11, dual 3.26311e+11, gap 0.017" in s.describe()
    s = State()
    for line in IPX:
        s.read_log(line)
    assert (s.phase, s.iteration, s.gap) == ("interior point (IPX)", 5, 2.71)
    s = State()
    for line in SIMPLEX:
        s.read_log(line)
    assert (s.phase, s.iteration, s.primal, s.primal_infeasibilities) == ("dual simplex", 3764, 7.5971639062e10, 3155)
    assert "3,155 primal infeasibilities" in s.describe()
    assert s.read_log("Running crossover as requested") and s.phase == "crossover" and s.iteration is None


def test_a_terminal_gets_one_line_a_log_gets_plain_lines() -> None:
    tty, log = io.StringIO(), io.StringIO()
    for d in (Display(tty, tty=True), Display(log, tty=False)):
        d.show("solving: presolve; 0:00", new_phase=True)
        d.show("solving: interior point, iteration 1; 0:01", new_phase=True)
        d.show("solving: interior point, iteration 2; 0:01")          # too soon: not shown in a log
        d.end()
    assert "\n" not in tty.getvalue() and tty.getvalue().count("\r") >= 3
    assert tty.getvalue().endswith("\r")                                # the line is cleared at the end
    assert log.getvalue() == "solving: presolve; 0:00\nsolving: interior point, iteration 1; 0:01\n"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "batteryplan.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


def test_run_redirected_shows_plain_progress_and_keeps_stdout_clean(toy_inputs: Path) -> None:
    r = _cli("run", str(toy_inputs))
    assert r.returncode == 0, r.stderr
    assert "solving: presolve" in r.stderr and "simplex" in r.stderr
    assert "\r" not in r.stderr
    assert "HiGHS" not in r.stdout and "Presolving" not in r.stdout and r.stdout.startswith("objective:")
    v = _cli("-v", "run", str(toy_inputs))
    assert v.returncode == 0
    assert "Presolving model" in v.stderr and "Model status" in v.stderr      # HiGHS's own log, on stderr
    assert v.stdout == r.stdout.replace(r.stdout.splitlines()[-1], v.stdout.splitlines()[-1])


def test_run_on_a_terminal_updates_one_line(toy_inputs: Path) -> None:
    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, "-m", "batteryplan.cli", "run", str(toy_inputs)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    out, _ = p.communicate(timeout=600)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    err = b"".join(chunks).decode()
    assert p.returncode == 0
    assert "\rsolving: " in err and "\nsolving: " not in err.replace("\r\n", "\n")


def test_highs_console_log_asked_for_is_left_alone(toy_inputs: Path) -> None:
    r = _cli("run", str(toy_inputs), "--solver-option", "output_flag=true")
    assert r.returncode == 0
    assert "Presolving model" in r.stdout                  # HiGHS printed it itself, as the user asked
    assert "solving: " not in r.stderr


def test_sweep_shows_each_scenario_phase_in_a_log(chain_inputs: Path, tmp_path: Path) -> None:
    r = _cli("sweep", str(chain_inputs), "--scenarios", "Grid-Low-B,Grid-Low-M", "--out", str(tmp_path / "s"),
             "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert "Grid-Low-B: presolve" in r.stderr and "Grid-Low-M: " in r.stderr
    assert "\r" not in r.stderr                            # no progress bar in a redirected log
    assert "[2/2]" in r.stderr
