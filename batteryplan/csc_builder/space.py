"""The index space: every variable and constraint family gets a contiguous block.

Nothing else computes offsets. Irregular memberships (which project runs at which timepoint,
which builds belong to a project) are flat arrays made here once, in numpy, and handed to the
kernels; ``locate_col`` / ``locate_row`` turn a flat position back into labels for messages.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..case import Case

I = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Block:
    """A run of consecutive rows or columns, laid out C-order over `shape`."""
    name: str
    start: int
    shape: tuple[int, ...]

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    @property
    def stop(self) -> int:
        return self.start + self.size

    def flat(self, *index: npt.ArrayLike) -> np.intp | npt.NDArray[np.intp]:
        """Flat positions of `index`; broadcasts like NumPy indexing."""
        return self.start + np.ravel_multi_index(index, self.shape)

    def view(self, v: np.ndarray) -> np.ndarray:
        """This block's part of a vector over all columns (or rows), shaped like the block."""
        return v[self.start:self.stop].reshape(self.shape)


def lay_out(spec: list[tuple[str, tuple[int, ...]]]) -> tuple[dict[str, Block], int]:
    blocks: dict[str, Block] = {}
    at = 0
    for name, shape in spec:
        blocks[name] = Block(name, at, shape)
        at += blocks[name].size
    return blocks, at


class Members:
    """Flat index arrays describing which items exist (all int64 unless said).

    The core sets below come from the case; every family adds its own in its ``index(case, m)``
    (for instance ``hydro.py`` sets ``hydro_gen``, ``hydro_ts`` and ``hydro_row_of``).

    gt_gen, gt_tp   active (project, timepoint) pairs, project-major: DispatchGen columns
    gt_of           (n_gen * n_tp,) position in gt or -1
    st_gt, st_of    storage subset of gt (ChargeStorage / StateOfCharge columns); (n_gen * n_tp,) position or -1
    bld_ptr, bld_idx  builds of project g: bld_idx[bld_ptr[g]:bld_ptr[g+1]]
    online          (n_bld * n_period,) uint8
    ebld, ebld_of   storage builds (positions in builds); (n_bld,) energy-build column offset or -1
    gt_rfm          (n_gt,) fuel market of each dispatch column or -1 (markets mode)
    fuel_blocked    (n_gt,) bool: fuel unavailable, so DispatchGen is fixed at 0
    """

    def __init__(self, **arrays) -> None:
        self.__dict__.update(arrays)

    def __repr__(self) -> str:
        return f"Members({', '.join(self.__dict__)})"


@dataclass(slots=True)
class IndexSpace:
    cols: dict[str, Block]
    rows: dict[str, Block]
    n_cols: int
    n_rows: int
    m: Members

    def locate_col(self, j: int) -> tuple[str, tuple[int, ...]]:
        return _locate(self.cols, j)

    def locate_row(self, i: int) -> tuple[str, tuple[int, ...]]:
        return _locate(self.rows, i)


def _locate(blocks: dict[str, Block], j: int) -> tuple[str, tuple[int, ...]]:
    for b in blocks.values():
        if b.start <= j < b.stop:
            return b.name, tuple(int(v) for v in np.unravel_index(j - b.start, b.shape))
    raise IndexError(j)


def members(case: Case, families: tuple = ()) -> Members:
    """The core membership sets, then each family's own (``index(case, m)``, in registry order)."""
    n_gen, n_tp = case.n_gen, case.n_tp
    active_gt = case.gen_active[:, case.tp_period]                     # (n_gen, n_tp)
    gt_gen, gt_tp = (a.astype(np.int64) for a in np.nonzero(active_gt))
    gt_of = np.full(n_gen * n_tp, -1, np.int64)
    gt_of[gt_gen * n_tp + gt_tp] = np.arange(len(gt_gen))
    st_gt = np.flatnonzero(case.gen_is_storage[gt_gen]).astype(np.int64)
    st_of = np.full(n_gen * n_tp, -1, np.int64)
    st_of[gt_gen[st_gt] * n_tp + gt_tp[st_gt]] = np.arange(len(st_gt))
    bld_idx = np.argsort(case.bld_gen, kind="stable").astype(np.int64)
    bld_ptr = np.zeros(n_gen + 1, np.int64)
    np.cumsum(np.bincount(case.bld_gen, minlength=n_gen), out=bld_ptr[1:])
    online = np.ascontiguousarray(case.bld_online, dtype=np.uint8).ravel()
    ebld = np.flatnonzero(case.gen_is_storage[case.bld_gen]).astype(np.int64)
    ebld_of = np.full(case.n_bld, -1, np.int64)
    ebld_of[ebld] = np.arange(len(ebld))
    # fuel availability per dispatch column
    fuel = case.gen_fuel[gt_gen]
    z = case.gen_zone[gt_gen]
    p = case.tp_period[gt_tp]
    uses_fuel = fuel >= 0
    gt_rfm = np.full(len(gt_gen), -1, np.int64)
    blocked = np.zeros(len(gt_gen), bool)
    if case.fuel_mode == "simple":
        price = case.fuel_cost[z, np.maximum(fuel, 0), p]
        blocked = uses_fuel & np.isnan(price)
    elif case.fuel_mode == "markets":
        gt_rfm = np.where(uses_fuel, case.zone_fuel_rfm[z, np.maximum(fuel, 0)], -1)
        blocked = uses_fuel & (gt_rfm < 0)
    m = Members(gt_gen=gt_gen, gt_tp=gt_tp, gt_of=gt_of, st_gt=st_gt, st_of=st_of, bld_ptr=bld_ptr,
                bld_idx=bld_idx, online=online, ebld_of=ebld_of, ebld=ebld, gt_rfm=gt_rfm, fuel_blocked=blocked)
    for fam in families:
        if hasattr(fam, "index"):
            fam.index(case, m)
    return m


def build_space(case: Case, families: tuple) -> IndexSpace:
    """Lay out the column blocks, then the row blocks, of `families` in their (registry) order; a family
    whose SWITCH modules are not loaded takes no part."""
    from .registry import on
    families = on(families, case)
    m = members(case, families)
    col_spec: list[tuple[str, tuple[int, ...]]] = []
    row_spec: list[tuple[str, tuple[int, ...]]] = []
    for fam in families:
        if hasattr(fam, "columns"):
            col_spec.extend(fam.columns(case, m))
        if hasattr(fam, "row_blocks"):
            row_spec.extend(fam.row_blocks(case, m))
    cols, n_cols = lay_out(col_spec)
    rows, n_rows = lay_out(row_spec)
    return IndexSpace(cols, rows, n_cols, n_rows, m)
