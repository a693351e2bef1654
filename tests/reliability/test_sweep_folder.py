"""A sweep into a folder that holds an earlier sweep: refused without --resume or --overwrite (before the case
is read), merged with --resume (no catalog row dropped), replaced with --overwrite."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from batteryplan.sweep import sweep
from batteryplan.sweep.files import SweepFolderError

from tests.reliability.conftest import ROOT


def test_an_earlier_sweep_is_refused_then_merged_then_replaced(chain_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "runs"
    sweep(chain_inputs, "Grid-Low-B,Grid-Low-M", out=out, workers=1, quiet=True)
    with pytest.raises(SweepFolderError, match="--resume.*--overwrite"):
        sweep(chain_inputs, "RE-Low-B", out=out, workers=1, quiet=True)
    assert sorted(pd.read_csv(out / "catalog.csv")["name"]) == ["Grid-Low-B", "Grid-Low-M"]   # untouched

    cat = sweep(chain_inputs, "RE-Low-B", out=out, workers=1, quiet=True, resume=True)
    assert list(cat["name"]) == ["RE-Low-B"]                          # what this sweep was asked for ...
    disk = pd.read_csv(out / "catalog.csv")
    assert sorted(disk["name"]) == ["Grid-Low-B", "Grid-Low-M", "RE-Low-B"]   # ... and the catalog keeps all
    assert (disk["status"] == "Optimal").all()
    assert sorted(pd.read_parquet(out / "catalog.parquet")["name"]) == sorted(disk["name"])

    (out / "notes.txt").write_text("mine")
    cat = sweep(chain_inputs, "Demand-Low-B", out=out, workers=1, quiet=True, overwrite=True)
    assert list(pd.read_csv(out / "catalog.csv")["name"]) == ["Demand-Low-B"]
    assert sorted(p.name for p in out.glob("*.h5")) == ["Demand-Low-B.h5"]   # the earlier results are gone
    assert (out / "notes.txt").read_text() == "mine"                        # files not of the sweep stay
    with pytest.raises(ValueError, match="exclude"):
        sweep(chain_inputs, "Demand-Low-B", out=out, workers=1, quiet=True, overwrite=True, resume=True)


def test_cli_refusal_is_one_line_naming_both_flags(chain_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "runs"
    out.mkdir()
    (out / "Grid-Low-B.h5").write_bytes(b"an earlier result")
    r = subprocess.run([sys.executable, "-m", "batteryplan.cli", "sweep", str(tmp_path / "no-such-case"),
                        "--scenarios", "Grid-Low-B", "--out", str(out), "--workers", "1"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "--resume" in lines[0] and "--overwrite" in lines[0] and "Grid-Low-B.h5" in lines[0]
    assert "no such inputs folder" not in r.stderr              # refused before the case was read
