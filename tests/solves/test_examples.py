"""The peer suite: SWITCH's own example cases with their reference objectives.

Every case whose modules batteryplan supports must reproduce expected/total_cost.txt within 1e-6
relative; every other case must fail with the unsupported-module error (never a wrong number).
"""
from __future__ import annotations

from pathlib import Path

import pytest

import batteryplan
from batteryplan.io.switch_reader import SUPPORTED

from ..conftest import EXAMPLES


def _cases() -> list[Path]:
    if not EXAMPLES.is_dir():
        return []
    return sorted(p.parent.parent for p in EXAMPLES.rglob("inputs/modules.txt"))


def _modules(case: Path) -> list[str]:
    lines = (case / "inputs" / "modules.txt").read_text().splitlines()
    return [l.split("#", 1)[0].strip() for l in lines if l.split("#", 1)[0].strip()]


def _id(p: Path) -> str:
    return str(p.relative_to(EXAMPLES))


CASES = _cases()
SUPPORTED_CASES = [c for c in CASES if all(m in SUPPORTED for m in _modules(c))]
OTHER_CASES = [c for c in CASES if c not in SUPPORTED_CASES]


def test_examples_present(examples_dir):
    assert len(CASES) >= 20, "expected SWITCH's full example set"
    assert len(SUPPORTED_CASES) >= 9


def test_planning_reserves_example_is_supported(examples_dir):
    """SWITCH's planning_reserves example (planning reserves with local T&D, transmission and fuel markets)
    is one of the parity cases above."""
    assert examples_dir / "planning_reserves" in SUPPORTED_CASES


@pytest.mark.parametrize("capacity_columns", ["off", "on"])
@pytest.mark.parametrize("case", SUPPORTED_CASES, ids=_id)
def test_supported_example_matches_reference(case: Path, capacity_columns: str, examples_dir):
    """As solved by default, and with batteryplan's capacity columns on (off by default)."""
    expected = float((case / "expected" / "total_cost.txt").read_text())
    res = batteryplan.solve(batteryplan.build(batteryplan.read_case(case / "inputs")),
                            options={"batteryplan_capacity_columns": capacity_columns})
    assert res.status == "Optimal"
    assert res.objective == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("case", OTHER_CASES, ids=_id)
def test_unsupported_example_is_refused(case: Path, examples_dir):
    unsupported = [m for m in _modules(case) if m not in SUPPORTED]
    with pytest.raises(batteryplan.CaseError) as err:
        batteryplan.read_case(case / "inputs")
    assert "unsupported module" in str(err.value)
    assert unsupported[0] in str(err.value)
    assert err.value.file == "modules.txt" and err.value.line is not None
