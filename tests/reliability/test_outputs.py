"""Output locations are checked before any work, an OSError on writing is one line and exit 2, and a
finished solve whose file cannot be written is saved elsewhere instead of lost."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import batteryplan
import pytest
from batteryplan.outputs import OutputError, check_file, check_folder, save_result

from tests.reliability.conftest import ROOT, read_only


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "batteryplan.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=600)


def _one_line_exit_2(r: subprocess.CompletedProcess, *words: str) -> str:
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def test_run_into_a_read_only_folder_fails_before_reading(toy_inputs: Path, tmp_path: Path) -> None:
    with read_only(tmp_path / "ro") as ro:
        r = _cli("run", str(toy_inputs), "--out", str(ro / "r.h5"))
    line = _one_line_exit_2(r, "cannot write the result file r.h5", str(tmp_path / "ro"))
    assert "case " not in r.stderr and "LP:" not in r.stderr           # nothing was read, built or solved
    assert line.startswith("error:")


def test_export_and_sweep_and_report_into_read_only_folders(toy_inputs: Path, chain_inputs: Path,
                                                             tmp_path: Path) -> None:
    res = tmp_path / "r.h5"
    assert _cli("run", str(toy_inputs), "--out", str(res)).returncode == 0
    with read_only(tmp_path / "ro") as ro:
        _one_line_exit_2(_cli("export", str(res), "--out", str(ro / "csv")), "cannot write the CSVs", "csv")
        _one_line_exit_2(_cli("sweep", str(chain_inputs), "--scenarios", "Grid-Low-B", "--out", str(ro / "sw"),
                              "--workers", "1", "--quiet"), "cannot write the sweep's results", "sw")
        _one_line_exit_2(_cli("report", str(res), "--out", str(ro)), "cannot write the report", str(ro))
    assert not (tmp_path / "ro" / "sw").exists()


def test_an_output_path_that_is_a_folder_or_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="it is a folder"):
        check_file(tmp_path / "d")
    with pytest.raises(OutputError, match="it is a file"):
        check_folder(tmp_path / "f")
    with pytest.raises(OutputError, match="cannot write"):
        check_file(tmp_path / "f" / "r.h5")              # a file stands where the folder should be
    assert check_folder(tmp_path / "new" / "deep").is_dir()
    assert not list((tmp_path / "new" / "deep").iterdir())   # the probe file is gone


def test_a_finished_solve_is_never_lost(toy_inputs: Path, tmp_path: Path, monkeypatch) -> None:
    """The folder turns read-only between the check and the write: the result goes to the current folder."""
    res = batteryplan.solve(batteryplan.build(batteryplan.read_case(toy_inputs)))
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    with read_only(tmp_path / "ro") as ro:
        saved, why = save_result(res, ro / "r.h5")
    assert why and saved == here / "r.h5"
    back = batteryplan.read_result(saved)
    assert back.objective == res.objective and back.status == "Optimal"
    assert not (tmp_path / "ro" / "r.h5").exists()
    saved2, why2 = save_result(res, tmp_path / "ok.h5")
    assert why2 is None and saved2 == tmp_path / "ok.h5"


def test_writing_that_fails_after_the_checks_is_one_line(toy_inputs: Path, tmp_path: Path) -> None:
    """A write that fails once the work is done (here: the CSV export hits an immutable file) is one line
    and exit 2, not a traceback."""
    res = tmp_path / "r.h5"
    assert _cli("run", str(toy_inputs), "--out", str(res)).returncode == 0
    out = tmp_path / "csv"
    out.mkdir()
    (out / "total_cost.txt").write_text("old")
    subprocess.run(["chattr", "+i", str(out / "total_cost.txt")], check=True)
    try:
        r = _cli("export", str(res), "--out", str(out))
    finally:
        subprocess.run(["chattr", "-i", str(out / "total_cost.txt")], check=True)
    _one_line_exit_2(r, "cannot write", "total_cost.txt")
