"""Fixtures of the reliability tests: small cases, and folders nobody may write (root included)."""
from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.sweep.cases import chain_case  # noqa: E402
from tests.unit._cases import write_base  # noqa: E402

ROOT = _ROOT


@pytest.fixture(scope="session")
def toy_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unit tests' two-zone case (no scenario files)."""
    return write_base(tmp_path_factory.mktemp("rel") / "toy" / "inputs")


@pytest.fixture(scope="session")
def chain_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two zones, two periods, two days, with scenario files (all 24 scenarios exist)."""
    return chain_case(tmp_path_factory.mktemp("relchain") / "inputs", days=2)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """`folder` made immutable (chattr +i): no file can be created in it, even by root, as on a read-only
    mount; the permission bits alone would not stop root."""
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("chattr") is None:
        pytest.fail("chattr is needed to make a folder read-only for root")
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
