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


def lay_out(spec: list[tuple[str, tuple[int, ...]]]) -> tuple[dict[str, Block], int]:
    blocks: dict[str, Block] = {}
    at = 0
    for name, shape in spec:
        blocks[name] = Block(name, at, shape)
        at += blocks[name].size
    return blocks, at


@dataclass(slots=True)
class Members:
    """Flat index arrays describing which items exist (all int64 unless said)."""
    gt_gen: I            # active (project, timepoint) pairs, project-major: DispatchGen columns
    gt_tp: I
    gt_of: I             # (n_gen * n_tp,) position in gt or -1
    st_gt: I             # storage subset of gt: ChargeStorage / StateOfCharge columns
    st_of: I             # (n_gen * n_tp,) position in st or -1
    bld_ptr: I           # builds of project g: bld_idx[bld_ptr[g]:bld_ptr[g+1]]
    bld_idx: I
    online: npt.NDArray[np.uint8]   # (n_bld * n_period,)
    ebld_of: I           # (n_bld,) energy-build column offset or -1
    ebld: I              # storage builds (positions in builds)
    ratio_bld: I         # storage builds with a fixed energy/power ratio
    gp_limit_gen: I      # (g, p) rows of Max_Build_Potential
    gp_limit_period: I
    base_gen: I          # (g, p) baseload columns
    base_period: I
    base_of: I           # (n_gen * n_period,) position or -1
    base_gt: I           # gt positions of baseload projects
    cyc_gen: I           # (u, p) cycle-limit rows
    cyc_period: I
    hydro_row_of: I      # (n_gen * n_ts,) hydro-flow row offset or -1
    hydro_gen: I
    hydro_ts: I
    tx_new: I            # lines with new builds allowed
    tx_new_of: I         # (n_tx,) position in tx_new or -1
    peak_zone: I         # (z, p) rows of Meet_Local_TD
    peak_period: I
    cap_row_of: I        # (n_period,) carbon-cap row offset or -1
    cap_period: I
    re_zone: I           # zones with an RE-connected storage project
    re_row_of: I         # (n_zone,) offset or -1
    gt_rfm: I            # (n_gt,) fuel market of each dispatch column or -1 (markets mode)
    fuel_blocked: npt.NDArray[np.bool_]  # (n_gt,) fuel unavailable -> dispatch fixed at 0
    mb_bld: I            # new builds of projects with gen_min_build_capacity > 0 (binary columns)


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


def members(case: Case) -> Members:
    n_gen, n_tp, n_period, n_ts, n_zone = case.n_gen, case.n_tp, case.n_period, case.n_ts, case.n_zone
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
    ratio_bld = ebld[~np.isnan(case.gen_sto_ratio[case.bld_gen[ebld]])]
    lim = case.gen_active & np.isfinite(case.gen_cap_limit)[:, None]
    gp_limit_gen, gp_limit_period = (a.astype(np.int64) for a in np.nonzero(lim))
    base = case.gen_active & case.gen_is_baseload[:, None]
    base_gen, base_period = (a.astype(np.int64) for a in np.nonzero(base))
    base_of = np.full(n_gen * n_period, -1, np.int64)
    base_of[base_gen * n_period + base_period] = np.arange(len(base_gen))
    base_gt = np.flatnonzero(case.gen_is_baseload[gt_gen]).astype(np.int64)
    cyc = case.gen_active & (case.gen_is_storage & np.isfinite(case.gen_sto_cycles))[:, None]
    cyc_gen, cyc_period = (a.astype(np.int64) for a in np.nonzero(cyc))
    hydro = ~np.isnan(case.hydro_avg_mw) & case.gen_active[:, case.ts_period]
    hydro_gen, hydro_ts = (a.astype(np.int64) for a in np.nonzero(hydro))
    hydro_row_of = np.full(n_gen * n_ts, -1, np.int64)
    hydro_row_of[hydro_gen * n_ts + hydro_ts] = np.arange(len(hydro_gen))
    tx_new = np.flatnonzero(case.tx_new).astype(np.int64)
    tx_new_of = np.full(case.n_tx, -1, np.int64)
    tx_new_of[tx_new] = np.arange(len(tx_new))
    if case.has_local_td:
        peak_zone, peak_period = (a.astype(np.int64) for a in np.nonzero(~np.isnan(case.td_peak)))
    else:
        peak_zone = peak_period = np.zeros(0, np.int64)
    cap_period = np.flatnonzero(np.isfinite(case.carbon_cap)).astype(np.int64)
    cap_row_of = np.full(n_period, -1, np.int64)
    cap_row_of[cap_period] = np.arange(len(cap_period))
    re_gen = case.gen_is_re_connect & case.gen_is_storage & case.gen_active.any(axis=1)
    re_zone = np.unique(case.gen_zone[re_gen]).astype(np.int64)
    re_row_of = np.full(n_zone, -1, np.int64)
    re_row_of[re_zone] = np.arange(len(re_zone))
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
    mb_bld = np.flatnonzero(~case.bld_fixed & (case.gen_min_build[case.bld_gen] > 0)).astype(np.int64)
    return Members(gt_gen, gt_tp, gt_of, st_gt, st_of, bld_ptr, bld_idx, online, ebld_of, ebld, ratio_bld,
                   gp_limit_gen, gp_limit_period, base_gen, base_period, base_of, base_gt, cyc_gen, cyc_period,
                   hydro_row_of, hydro_gen, hydro_ts, tx_new, tx_new_of, peak_zone, peak_period,
                   cap_row_of, cap_period, re_zone, re_row_of, gt_rfm, blocked, mb_bld)


def build_space(case: Case, families: tuple) -> IndexSpace:
    """Lay out every column block, then the row blocks of `families` in their fixed order."""
    m = members(case)
    n_tp, n_zone, n_period = case.n_tp, case.n_zone, case.n_period
    col_spec = [
        ("build_gen", (case.n_bld,)),
        ("build_storage_energy", (len(m.ebld),)),
        ("dispatch_gen", (len(m.gt_gen),)),
        ("charge_storage", (len(m.st_gt),)),
        ("state_of_charge", (len(m.st_gt),)),
        ("dispatch_baseload", (len(m.base_gen),)),
        ("build_tx", (len(m.tx_new), n_period)),
        ("dispatch_tx", (case.n_tx, 2, n_tp)),
        ("build_local_td", (n_zone if case.has_local_td else 0, n_period)),
        ("withdraw_from_central_grid", (n_zone if case.has_local_td else 0, n_tp)),
        ("unserved_load", (n_zone if case.has_unserved else 0, n_tp)),
        ("consume_fuel_tier", (case.n_tier,)),
        ("build_min_gen_cap", (len(m.mb_bld),)),
    ]
    cols, n_cols = lay_out(col_spec)
    row_spec: list[tuple[str, tuple[int, ...]]] = []
    for fam in families:
        for name, shape in fam.row_blocks(case, m):
            row_spec.append((name, shape))
    rows, n_rows = lay_out(row_spec)
    return IndexSpace(cols, rows, n_cols, n_rows, m)
