"""An infeasible model is reported as such, naming the zones and timepoints involved."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import batteryplan
from batteryplan.cli import main
from tests.peer.cases import UNSERVED, unserved_load


def _without_unserved(tmp_path: Path) -> Path:
    """The peer case whose load exceeds what capacity limits allow, minus unserved_load."""
    inputs = unserved_load(tmp_path / "case")
    mods = (inputs / "modules.txt").read_text().splitlines()
    (inputs / "modules.txt").write_text("\n".join(m for m in mods if m.strip() != UNSERVED) + "\n")
    return inputs


def test_infeasible_names_zones_and_timepoints(tmp_path):
    inputs = _without_unserved(tmp_path)
    case = batteryplan.read_case(inputs)
    with pytest.raises(batteryplan.SolveError) as err:
        batteryplan.solve(batteryplan.build(case))
    msg = str(err.value)
    assert "nfeasible" in err.value.status
    assert "demand cannot be met at:" in msg
    # the message names at least one zone@timepoint of the case
    named = [f"{z}@{t}" for z in case.zones for t in case.tp_ids if f"{z}@{t} (" in msg]
    assert named, msg


def test_infeasible_cli_exit_code(tmp_path):
    inputs = _without_unserved(tmp_path)
    r = CliRunner().invoke(main, ["run", str(inputs)])
    assert r.exit_code == 1
    assert "solve failed:" in r.output and "Traceback" not in r.output
