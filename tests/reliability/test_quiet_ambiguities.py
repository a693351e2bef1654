"""What used to pass in silence is said: the scenario that ran, a MIP's missing prices, a CSV that is not
comma-separated or not UTF-8, a number out of range, bad solver settings (before the case is read), scenario
names in any case, split-range's case and which LP its shares come from."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest
from batteryplan import CaseError, read_case
from batteryplan.sweep import sweep
from batteryplan.sweep.split_range import split_range

from tests.reliability.conftest import ROOT
from tests.unit._cases import base_modules, base_tables, write


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "batteryplan.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


def test_the_scenario_that_ran_is_said_and_stored(chain_inputs: Path, tmp_path: Path) -> None:
    r = _cli("run", str(chain_inputs), "--out", str(tmp_path / "none.h5"))
    assert r.returncode == 0, r.stderr
    assert "no scenario: the case's own carbon_policies.csv" in r.stderr and "--scenario applies one" in r.stderr
    with h5py.File(tmp_path / "none.h5") as f:
        assert f.attrs["scenario_applied"].startswith("none")
    r = _cli("run", str(chain_inputs), "--scenario", "grid-HIGH-m", "--out", str(tmp_path / "g.h5"))
    assert r.returncode == 0, r.stderr
    assert "scenario Grid-High-M" in r.stderr                       # matched case-insensitively
    with h5py.File(tmp_path / "g.h5") as f:
        assert f.attrs["scenario_applied"] == "Grid-High-M"


def test_a_mip_says_it_has_no_prices(tmp_path: Path) -> None:
    t = base_tables()
    t["gen_info.csv"][0]["gen_min_build_capacity"] = 5.0           # SWITCH makes this a MIP
    case = write(tmp_path / "mip" / "inputs", t, base_modules())
    r = _cli("run", str(case), "--out", str(tmp_path / "m.h5"))
    assert r.returncode == 0, r.stderr
    assert "a MIP has no duals" in r.stderr
    r = _cli("export", str(tmp_path / "m.h5"), "--out", str(tmp_path / "csv"))
    assert r.returncode == 0 and "a MIP has no duals" in r.stderr
    r = _cli("report", str(tmp_path / "m.h5"), "--out", str(tmp_path / "rep"))
    assert r.returncode == 0, r.stderr
    assert "a MIP has no duals" in r.stderr and "a MIP has no duals" in (tmp_path / "rep" / "index.html").read_text()


@pytest.mark.parametrize("content, message, line", [
    ("LOAD_ZONE;TIMEPOINT;zone_demand_mw\nA;t1;100\n", "separated by semicolons, not commas", 1),
    ("LOAD_ZONE\tTIMEPOINT\tzone_demand_mw\nA\tt1\t100\n", "separated by tabs, not commas", 1),
    ("LOAD_ZONE,TIMEPOINT,zone_demand_mw\nA,t1,100\nA,t2,120\nB,t1,50\nB,t2,6\xe9\n", "not UTF-8 text", 5),
    ("LOAD_ZONE,TIMEPOINT,zone_demand_mw\nA,t1,100\nA,t2,1e400\nB,t1,50\nB,t2,60\n", "number out of range", 3),
])
def test_file_format_messages(toy_inputs: Path, tmp_path: Path, content: str, message: str, line: int) -> None:
    case = tmp_path / "inputs"
    shutil.copytree(toy_inputs, case)
    (case / "loads.csv").write_bytes(content.encode("latin-1"))
    with pytest.raises(CaseError, match=message) as err:
        read_case(case)
    assert err.value.file == "loads.csv" and err.value.line == line


def test_a_trailing_comma_on_data_lines_only_is_read(toy_inputs: Path, tmp_path: Path) -> None:
    """Some spreadsheets end every data line, but not the header, with a comma: pandas would take the first
    column as an index and shift the others; the table reads as written. A non-empty extra cell is an error."""
    case = tmp_path / "inputs"
    shutil.copytree(toy_inputs, case)
    text = (case / "loads.csv").read_text().splitlines()
    (case / "loads.csv").write_text("\n".join([text[0]] + [line + "," for line in text[1:]]) + "\n")
    np.testing.assert_array_equal(read_case(case).demand_mw, read_case(toy_inputs).demand_mw)
    (case / "loads.csv").write_text("\n".join([text[0]] + [line + ",7" for line in text[1:]]) + "\n")
    with pytest.raises(CaseError, match="4 cells where the header has 3") as err:
        read_case(case)
    assert err.value.file == "loads.csv" and err.value.line == 2


@pytest.mark.parametrize("args, what", [(("--profile", "fastest"), "--profile: unknown solver profile"),
                                        (("--solver-option", "time_limit=soon"), "--solver-option: HiGHS rejected")])
def test_solver_settings_are_checked_before_reading(args: tuple[str, ...], what: str, tmp_path: Path) -> None:
    r = _cli("run", str(tmp_path / "no-such-case"), *args)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and what in r.stderr
    assert "no such inputs folder" not in r.stderr


def test_split_range_names_its_case_and_both_shares(chain_inputs: Path, tmp_path: Path) -> None:
    sweep(chain_inputs, "Grid-Low-B", out=tmp_path / "s", workers=1, quiet=True)
    result = tmp_path / "s" / "Grid-Low-B.h5"
    with pytest.raises(CaseError, match="--case"):
        split_range(result)                                   # the bundled China case is not this one
    df = split_range(result, chain_inputs)
    national = df[df["scope"] == "national"]
    assert np.allclose(national["file_share"], national["share"], atol=1e-9)   # Grid: the same LP, the same split
    r = _cli("split-range", str(result), "--case", str(chain_inputs))
    assert r.returncode == 0, r.stderr
    assert "file_share" in r.stdout and "in the LP re-solved here" in r.stdout
