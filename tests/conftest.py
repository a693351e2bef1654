"""Shared fixtures: paths to the shared peer data (never copied into the project)."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = SHARED / "data" / "switch_examples"
COMPLETE_TOOL = SHARED / "tools" / "complete_switch_china.py"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not EXAMPLES.is_dir():
        pytest.skip(f"SWITCH's example cases are not at {EXAMPLES} (the shared folder is absent)")
    return EXAMPLES


def china_generator() -> ModuleType:
    """scripts/make_china_case.py loaded as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("make_china_case", REPO / "scripts" / "make_china_case.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def complete_switch_china(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SWITCH-China's complete plant-level inputs, written once per test session by
    shared/tools/complete_switch_china.py (about 40 s): a folder with inputs/, modules_full.txt and
    modules_stage1.txt. Read it, never change it: complete_view() gives a test its own modules.txt."""
    if not COMPLETE_TOOL.is_file():
        pytest.skip(f"the SWITCH-China completion tool is not at {COMPLETE_TOOL} (the shared folder is absent)")
    root = tmp_path_factory.mktemp("switch_china_complete")
    subprocess.run([sys.executable, str(COMPLETE_TOOL), "--out", str(root / "inputs")], check=True,
                   capture_output=True, text=True)
    return root


def complete_view(complete: Path, dst: Path, modules: str | None = None) -> Path:
    """An inputs folder at `dst` that links every file of the completed inputs but modules.txt, which is
    written from `modules` (default: the completed folder's own)."""
    dst.mkdir(parents=True)
    for f in (complete / "inputs").iterdir():
        if f.name != "modules.txt":
            os.symlink(f, dst / f.name)
    text = modules if modules is not None else (complete / "inputs" / "modules.txt").read_text()
    (dst / "modules.txt").write_text(text)
    return dst
