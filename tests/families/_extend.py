"""The tiny family cases with extra modules and input files, for families that the base cases leave off."""
from __future__ import annotations

from pathlib import Path

import batteryplan
from batteryplan.case import Case

from .conftest import write_inputs


def extended_inputs(root: Path, *, markets: bool, modules: tuple[str, ...], files: dict[str, str]) -> Path:
    """The 'everything' (markets=False) or 'markets' inputs folder under `root`, with `modules` listed in
    modules.txt (once) and `files` written (or replaced)."""
    path = write_inputs(root, markets=markets)
    listed = (path / "modules.txt").read_text().splitlines()
    with open(path / "modules.txt", "a") as fh:
        fh.write("".join(f"{m}\n" for m in modules if m not in listed))
    for name, text in files.items():
        (path / name).write_text(text)
    return path


def extended_case(root: Path, *, markets: bool, modules: tuple[str, ...], files: dict[str, str]) -> Case:
    """`extended_inputs`, read by batteryplan."""
    return batteryplan.read_case(extended_inputs(root, markets=markets, modules=modules, files=files))
