"""Switches for the exact reductions that change the LP's shape, for A/B measurements; all on by default.

    commit_at_bound   CommitGen = avail * max_commit * Cap where no row reading it can bind downwards
                      (docs/formulation/commit.md §3, reduction 5)
    fixed_commit      the same where min_commit = max_commit, and one equality where DispatchGen's bounds
                      collapse (reduction 6)
    follow_dispatch   CommitGen = DispatchGen for thermal projects with min_commit 0 where no row reading it can
                      bind upwards (fuel lines with intercepts >= 0 included; reduction 7)
    project_unread    commit.operate's projection (reduction 1) kept under reserve modules for the pairs whose
                      CommitGen no reserve row reads
    quickstart_out    quickstart provision projected out (docs/formulation/operating_reserves.md §3.4)

The switches are read when the index space is built (build_space), so a space keeps the shape it was built with.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from . import commit_operate, quickstart_reserves

SWITCHES = {"commit_at_bound": (commit_operate, "COMMIT_AT_BOUND"),
            "fixed_commit": (commit_operate, "FIXED_COMMIT"),
            "follow_dispatch": (commit_operate, "FOLLOW_DISPATCH"),
            "project_unread": (commit_operate, "PROJECT_UNREAD"),
            "quickstart_out": (quickstart_reserves, "PROJECT_OUT")}


def state() -> dict[str, bool]:
    """Each switch's current value."""
    return {name: bool(getattr(mod, attr)) for name, (mod, attr) in SWITCHES.items()}


@contextmanager
def switched(**flags: bool) -> Iterator[None]:
    """Set the named switches (``switched(quickstart_out=False)``) for the duration of the block."""
    unknown = set(flags) - set(SWITCHES)
    if unknown:
        raise ValueError(f"unknown reduction switches {sorted(unknown)}; known: {sorted(SWITCHES)}")
    before = state()
    try:
        for name, value in flags.items():
            mod, attr = SWITCHES[name]
            setattr(mod, attr, bool(value))
        yield
    finally:
        for name, value in before.items():
            mod, attr = SWITCHES[name]
            setattr(mod, attr, value)


def all_off() -> dict[str, bool]:
    """Keyword arguments for switched() that turn every switch off."""
    return dict.fromkeys(SWITCHES, False)
