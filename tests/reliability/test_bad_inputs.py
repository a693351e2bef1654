"""Every kind of bad input in scripts/bad_inputs.py (the table of docs/reliability.md) gives one line and exit
status 2, or 1 where the solver's verdict is the answer, never a traceback. The one still solved, as by
switch-model, is listed here by name."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from batteryplan.cli import main
from tests.reliability.conftest import ROOT

_spec = importlib.util.spec_from_file_location("bad_inputs", ROOT / "scripts" / "bad_inputs.py")
bad_inputs = importlib.util.module_from_spec(_spec)
sys.modules["bad_inputs"] = bad_inputs
_spec.loader.exec_module(bad_inputs)

SOLVER_VERDICT = {"a zone no project or line can serve (infeasible)"}
STILL_SOLVED = {"ts_num_tps not the timeseries' timepoint count"}


@pytest.mark.parametrize("bad", bad_inputs.BAD, ids=[b.kind for b in bad_inputs.BAD])
def test_bad_input_is_one_line(bad, toy_inputs: Path, tmp_path: Path) -> None:
    case = tmp_path / "case" / "inputs"
    shutil.copytree(toy_inputs, case)
    bad.change(case)
    r = CliRunner().invoke(main, ["run", str(case), *bad.args])
    if bad.kind in STILL_SOLVED:
        assert r.exit_code == 0, r.output
        return
    assert r.exit_code == (1 if bad.kind in SOLVER_VERDICT else 2), r.output
    assert isinstance(r.exception, SystemExit)                          # handled, not a crash
    lines = [line for line in r.stderr.splitlines()
             if line.strip() and not line.startswith(("case ", "LP:", "solving:"))]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(("error: ", "solve failed: "))
    assert "Traceback" not in r.output
