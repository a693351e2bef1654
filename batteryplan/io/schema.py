"""Declared input tables: what a constraint family reads, checked by one generic reader.

A family lists its tables in ``INPUTS`` (see docs/architecture.md)::

    INPUTS = (TableSpec("capacity_plans.csv", keys=("energy_sources", "load_zones", "period"), optional=True,
                        columns=(Col("planned_capacity_mw", domain="NonNegativeReals"),)),)

``read_declared`` reads each table of the folder, requires its key and required columns, checks its keys
unique and every declared column's type and SWITCH domain (one ``CaseError`` naming file, line and
column), and hands the family a dict file -> :class:`~batteryplan.io.tables.Table` (None for an absent
optional file). The family resolves labels (zones, periods, projects) in its ``load``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..errors import CaseError
from .tables import KEYS, Folder, Table

# Pyomo's numeric domains as switch-model 2.0.9 declares them: (lower, lower is open, upper).
DOMAINS: dict[str, tuple[float | None, bool, float | None]] = {
    "Reals": (None, False, None),
    "Any": (None, False, None),
    "NonNegativeReals": (0.0, False, None),
    "PositiveReals": (0.0, True, None),
    "PercentFraction": (0.0, False, 1.0),
    "UnitInterval": (0.0, False, 1.0),
    "NonNegativeIntegers": (0.0, False, None),
    "PositiveIntegers": (0.0, True, None),
    "Boolean": (0.0, False, 1.0),       # 0 or 1 (true / false): a flag column
}
KINDS = ("number", "integer", "flag", "text")


@dataclass(frozen=True, slots=True)
class Col:
    """One column: its kind, SWITCH domain, and default (None = a value is required where the row exists).
    ``required_column``: the header must have it even where a default exists."""
    name: str
    kind: str = "number"
    domain: str = "Reals"
    default: float | None = None
    required_column: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name}: kind {self.kind!r} is not one of {KINDS}")
        if self.domain not in DOMAINS:
            raise ValueError(f"column {self.name}: domain {self.domain!r} is not one of {tuple(DOMAINS)}")


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One input file: key columns (unique together, labels resolved by the family), value columns."""
    file: str
    keys: tuple[str, ...] = ()
    columns: tuple[Col, ...] = ()
    optional: bool = False


def check(table: Table, spec: TableSpec) -> None:
    """Require the spec's key and required columns, unique keys, and each present column's type and domain."""
    need = list(spec.keys) + [c.name for c in spec.columns if c.default is None or c.required_column]
    table.require(need)
    if spec.keys:
        table.unique(list(spec.keys))
        for k in spec.keys:
            table.text(k)
    for c in spec.columns:
        if not table.has(c.name):
            continue
        if c.kind == "text":
            table.text(c.name)
        elif c.kind == "flag":
            table.flag(c.name, bool(c.default or 0))
        else:
            lo, lo_open, hi = DOMAINS[c.domain]
            table.number(c.name, c.default, lo=lo, lo_open=lo_open, hi=hi)
            if (c.kind == "integer" or c.domain.endswith("Integers")) and c.default is None:
                table.integer(c.name)


def read_declared(folder: Folder, specs: Iterable[TableSpec]) -> dict[str, Table | None]:
    """Each declared table, read and checked; None for an absent optional file."""
    out: dict[str, Table | None] = {}
    for spec in specs:
        if not folder.exists(spec.file):
            if not spec.optional:
                raise CaseError(f"missing file (required by the modules in {folder.modules_file}) in {folder.path}", spec.file)
            out[spec.file] = None
            continue
        KEYS.setdefault(spec.file, spec.keys)       # key columns may be spelt as switch-model allows
        t = folder.table(spec.file)
        check(t, spec)
        out[spec.file] = t
    return out


def value(table: Table, col: Col):
    """The column's values as the spec says (number with its default and domain, flag, integer, or text)."""
    if col.kind == "text":
        return table.text(col.name)
    if col.kind == "flag":
        return table.flag(col.name, bool(col.default or 0))
    lo, lo_open, hi = DOMAINS[col.domain]
    v = table.number(col.name, col.default, lo=lo, lo_open=lo_open, hi=hi)
    return table.integer(col.name) if col.kind == "integer" and col.default is None else v
