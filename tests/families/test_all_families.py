"""The whole matrix: assemble(FAMILIES) equals the sum of every family's dense twin."""
from __future__ import annotations

import numpy as np

import batteryplan
from batteryplan.csc_builder import FAMILIES
from batteryplan.csc_builder.assemble import assemble

from ._twin import assert_canonical
from .test_balance import balance_twin
from .test_baseload import baseload_twin
from .test_build_limit import build_limit_twin
from .test_carbon_cap import carbon_twin
from .test_charge_limit import charge_limit_twin
from .test_cycle_limit import cycle_limit_twin
from .test_dispatch_limit import dispatch_limit_twin
from .test_energy_limit import energy_limit_twin
from .test_energy_ratio import energy_ratio_twin
from .test_fuel_markets import fuel_markets_twin
from .test_hydro import hydro_twin
from .test_local_td import local_td_twin
from .test_min_build import min_build_twin
from .test_planning_reserves import planning_reserves_twin
from .test_re_charging import re_charging_twin
from .test_soc import soc_twin
from .test_tech_plans import tech_plans_twin
from .test_transmission import transmission_twin

TWINS = (balance_twin, baseload_twin, build_limit_twin, carbon_twin, charge_limit_twin, cycle_limit_twin,
         dispatch_limit_twin, energy_limit_twin, energy_ratio_twin, fuel_markets_twin, hydro_twin, local_td_twin,
         min_build_twin, re_charging_twin, soc_twin, transmission_twin, tech_plans_twin,
         planning_reserves_twin)


def test_twins_cover_every_family():
    """Every family that writes matrix entries has a twin (gen_build, dispatch and unserved only add columns;
    demand_charging is a switch that the balance family reads)."""
    assert len(TWINS) == len([f for f in FAMILIES if hasattr(f, "put")]) == 18
    assert {f.NAME for f in FAMILIES if not hasattr(f, "put")} == {"gen_build", "dispatch", "unserved",
                                                                  "demand_charging"}


def test_whole_matrix(space, case):
    twin = sum(f(space, case) for f in TWINS)
    A = assemble(space, case, FAMILIES)
    assert_canonical(A)
    np.testing.assert_allclose(A.toarray(), twin, rtol=1e-12, atol=0)
    empty = [space.locate_row(int(i)) for i in np.flatnonzero(np.all(twin == 0, axis=1))]
    # Only the markets case's Gas_S market in 2030 is empty: no tier and no buyer online (0 = 0).
    assert empty == ([] if case.fuel_mode == "simple" else [("fuel_market", (2, 1))])


def test_build_uses_the_same_matrix(case):
    lp = batteryplan.build(case)
    assert_canonical(lp.A)
    np.testing.assert_array_equal(lp.A.toarray(), assemble(lp.space, case, FAMILIES).toarray())
    assert lp.A.shape == (lp.space.n_rows, lp.space.n_cols)
