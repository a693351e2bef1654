"""The examples' default case: three provinces of the bundled China case in its first period.

Beijing, Tianjin and Hebei in the period labelled 2023 (72 timepoints, 69 projects, 3 corridors): an LP of about
9,000 rows that HiGHS solves in well under a second. It is cut from the bundled case with
``batteryplan.io.slice_case`` on first use into the temporary folder and reused after that.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

ZONES = ["Beijing", "Tianjin", "Hebei"]
PERIODS = [2023]


def small_case() -> Path:
    """The folder holding the small case's ``inputs/`` (cut from the bundled China case if not there yet)."""
    import batteryplan                       # here, not above: reading a result file needs no batteryplan
    from batteryplan.io.slice_case import slice_case
    home = Path(tempfile.gettempdir()) / "batteryplan-examples" / "north-china-2023"
    inputs = home / "inputs"
    if not (inputs / "modules.txt").is_file():
        home.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(dir=home.parent))      # cut aside, then move in whole
        bundled = Path(batteryplan.__file__).parent / "cases" / "china" / "inputs"
        slice_case(bundled, partial / "inputs", ZONES, PERIODS)
        try:
            partial.rename(home)
        except OSError:                                       # another run moved its copy in first
            shutil.rmtree(partial)
    return home


def case_folder(arg: str | None) -> Path:
    """`arg` as a path, or the small default case when it is None."""
    return Path(arg) if arg else small_case()
