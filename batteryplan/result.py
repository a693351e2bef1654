"""A solved scenario as data: :class:`Result` (status, objective, arrays, summary tables, labels).

Plain numpy and dicts: reading a result file (``batteryplan.read_result``) imports neither the LP builder
nor the solver. Solving an LP into a Result is ``batteryplan.solver.solve``; writing and reading the HDF5
file is ``batteryplan.io.results``.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

# What a result of a model with integer variables (SWITCH's gen_min_build_capacity makes a MIP) says about
# its prices: HiGHS returns no duals for a MIP, so price_per_mwh is NaN throughout.
NO_PRICES = ("the model has integer variables (a MIP), and a MIP has no duals: zone prices "
             "(price_per_mwh, energy_prices.csv) are not available and are NaN")


@dataclasses.dataclass
class Result:
    """A solved scenario: status, objective (SWITCH's NPV $), arrays and summary tables."""
    case_name: str
    scenario: dict
    status: str
    objective: float
    arrays: dict[str, np.ndarray]
    summary: dict[str, np.ndarray]
    index: dict[str, np.ndarray]
    seconds: dict[str, float]
    solver: dict
    lp: object = dataclasses.field(default=None, repr=False)
    modules: tuple[str, ...] = ()   # the case's module list
    modules_variant: str = ""      # which list: "" modules.txt, a name its modules_<name>.txt, else a path

    def to_hdf5(self, path: str | Path) -> Path:
        from .io.results import write_result
        return write_result(self, Path(path))

    @property
    def has_prices(self) -> bool:
        """Whether the zone prices exist (a MIP has none: ``NO_PRICES``)."""
        p = self.arrays.get("price_per_mwh")
        return p is None or p.size == 0 or not np.isnan(p).all()

    def __getitem__(self, key: str) -> np.ndarray:
        return self.arrays[key] if key in self.arrays else self.summary[key]

    def frame(self, name: str):
        """A tidy pandas view of one array: one column per axis (labelled) and a value column
        named after the array (its units are in the name)."""
        import pandas as pd
        from .io.results import dims_of
        value = self[name]
        dims = dims_of(name)[0]
        def axis(d: str, n: int) -> np.ndarray:
            for source in (self.index, self.summary):
                if d in source and len(source[d]) == n:
                    return np.asarray(source[d])
            return np.arange(n)
        grids = np.meshgrid(*[axis(d, n) for d, n in zip(dims, value.shape)], indexing="ij")
        data = {d: g.ravel() for d, g in zip(dims, grids)}
        data[name] = np.asarray(value).ravel()
        return pd.DataFrame(data)
