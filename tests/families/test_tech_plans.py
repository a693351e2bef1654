"""SWITCH-China's capacity plans (SWITCH_FORMULATION.md §14, docs/formulation/tech_plans.md)."""
from __future__ import annotations

import numpy as np
import pytest

import batteryplan
from batteryplan.csc_builder import FAMILIES, tech_plans
from batteryplan.csc_builder.space import build_space

from ._extend import extended_case, extended_inputs
from ._twin import build_col, builds_online, check_bounds, check_matrix, dense

# Projects of the tiny case by energy source and zone (conftest.py): Gas N = GasCCS_N (2020 and 2030 builds);
# Gas S = OldGas_S (online in 2020 only); Solar S = Solar_S, plus Roof_S from 2030; Electricity N = BatGrid_N
# and BatRE_N (its 2015 build online in 2020 only); no Coal in S.
PLANS = """\
energy_sources,load_zones,period,planned_capacity_mw
Gas,N,2030,150
Solar,S,2020,50
Solar,S,2030,120
Electricity,N,2020,20
Coal,S,2020,0
Gas,S,2030,0
"""
# key columns spelt as SWITCH-China's docstring spells them (read case-insensitively, like switch-model)
LIMITS = """\
ENERGY_SOURCES,PERIOD,total_capacity_limit_mw
Gas,2020,900
Gas,2030,1000
Electricity,2030,500
Wind,2020,400
"""
MODULE = "china_modules.tech_plans"


@pytest.fixture(scope="module", params=["everything", "markets"])
def plans_case(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"tech_plans_{request.param}") / "inputs"
    return extended_case(root, markets=request.param == "markets", modules=(MODULE,),
                         files={"capacity_plans.csv": PLANS, "total_capacity_limits.csv": LIMITS})


@pytest.fixture(scope="module")
def plans_space(plans_case):
    return build_space(plans_case, FAMILIES)


def _lines(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.strip().splitlines()[1:]]


def tech_plans_twin(space, case) -> np.ndarray:
    """Row per plan line (e, z, p, MW): +1 on every build online in p of every project of source e in zone z;
    row per limit line (e, p, MW): the same over every zone. Plain loops over the loaded lines (which
    test_loaded_lines compares with the files)."""
    A = dense(space)
    if "capacity_plan" not in space.rows:
        return A
    d = case.ext["tech_plans"]
    lines = [("capacity_plan", r, d.plan_source[r], d.plan_zone[r], d.plan_period[r]) for r in range(len(d.plan_mw))]
    lines += [("total_capacity_limit", r, d.limit_source[r], None, d.limit_period[r]) for r in range(len(d.limit_mw))]
    for block, r, e, z, p in lines:
        for g in range(case.n_gen):
            if case.gen_source[g] == e and (z is None or case.gen_zone[g] == z):
                for b in builds_online(case, g, int(p)):
                    A[space.rows[block].flat(r), build_col(space, b)] += 1.0
    return A


def test_loaded_lines(plans_case):
    """Every file line, in order, with its labels resolved."""
    d, zones, periods = plans_case.ext["tech_plans"], list(plans_case.zones), list(plans_case.periods)
    assert [(e, zones[z], periods[p], mw) for e, z, p, mw in zip(d.plan_source, d.plan_zone, d.plan_period,
                                                                  d.plan_mw)] == \
        [(e, z, int(p), float(mw)) for e, z, p, mw in _lines(PLANS)]
    assert [(e, periods[p], mw) for e, p, mw in zip(d.limit_source, d.limit_period, d.limit_mw)] == \
        [(e, int(p), float(mw)) for e, p, mw in _lines(LIMITS)]


def test_rows(plans_space, plans_case):
    assert plans_space.rows["capacity_plan"].size == 6
    assert plans_space.rows["total_capacity_limit"].size == 4


def test_matrix(plans_space, plans_case):
    A = tech_plans_twin(plans_space, plans_case)
    # the two empty plan rows (no Coal in S; OldGas_S retired by 2030) and a non-empty one
    plan = plans_space.rows["capacity_plan"]
    assert not A[plan.flat(4)].any() and not A[plan.flat(5)].any()
    assert A[plan.flat(2)].sum() >= 2          # Solar_S and Roof_S builds online in 2030
    check_matrix(plans_space, plans_case, tech_plans, A)


def test_bounds(plans_space, plans_case):
    lo = np.full(plans_space.n_rows, np.nan)
    hi = np.full(plans_space.n_rows, np.nan)
    for r, row in enumerate(_lines(PLANS)):
        k = plans_space.rows["capacity_plan"].flat(r)
        lo[k], hi[k] = float(row[3]), np.inf
    for r, row in enumerate(_lines(LIMITS)):
        k = plans_space.rows["total_capacity_limit"].flat(r)
        lo[k], hi[k] = -np.inf, float(row[2])
    check_bounds(plans_space, plans_case, tech_plans, ("capacity_plan", "total_capacity_limit"), lo, hi)


def test_whole_matrix_with_plans(plans_space, plans_case):
    """With the plans on, the whole matrix is still the sum of every family's twin."""
    from batteryplan.csc_builder.assemble import assemble

    from .test_all_families import TWINS
    A = assemble(plans_space, plans_case, FAMILIES)
    np.testing.assert_allclose(A.toarray(), sum(f(plans_space, plans_case) for f in TWINS), rtol=1e-12, atol=0)


def test_both_module_names_and_absent_files(tmp_path):
    """switch_model.china.tech_plans switches the family on too; without its files it adds no rows."""
    case = extended_case(tmp_path / "inputs", markets=False, modules=("switch_model.china.tech_plans",), files={})
    space = build_space(case, FAMILIES)
    assert space.rows["capacity_plan"].size == 0 and space.rows["total_capacity_limit"].size == 0


def test_off_without_the_module(tmp_path):
    """The files alone do nothing: the family takes part only when modules.txt lists it."""
    case = extended_case(tmp_path / "inputs", markets=False, modules=(),
                         files={"capacity_plans.csv": PLANS, "total_capacity_limits.csv": LIMITS})
    assert "capacity_plan" not in build_space(case, FAMILIES).rows


BAD = [
    ("capacity_plans.csv", PLANS.replace("Gas,N,2030", "Gass,N,2030"), 2, "energy_sources", "unknown energy source"),
    ("capacity_plans.csv", PLANS.replace("Solar,S,2020", "Solar,W,2020"), 3, "load_zones", "unknown load zone"),
    ("capacity_plans.csv", PLANS.replace("Solar,S,2030", "Solar,S,2031"), 4, "period", "unknown period"),
    ("capacity_plans.csv", PLANS.replace("Electricity,N,2020,20", "Electricity,N,2020,."), 5,
     "planned_capacity_mw", "expected a number"),
    ("capacity_plans.csv", PLANS.replace("Coal,S,2020,0", "Coal,S,2020,10"), 6, "planned_capacity_mw",
     "no project can meet"),
    ("capacity_plans.csv", PLANS + "Gas,N,2030,10\n", 8, "energy_sources", "duplicate key"),
    ("total_capacity_limits.csv", LIMITS.replace("Wind,2020,400", "Wind,2020,lots"), 5,
     "total_capacity_limit_mw", "expected a number"),
    ("total_capacity_limits.csv", "energy_sources,period\nGas,2020\n", 1, "total_capacity_limit_mw",
     "missing column"),
]


@pytest.mark.parametrize("file, text, line, column, what", BAD, ids=[f"{b[0]}:{b[4]}" for b in BAD])
def test_bad_input(tmp_path, file, text, line, column, what):
    files = {"capacity_plans.csv": PLANS, "total_capacity_limits.csv": LIMITS, file: text}
    path = extended_inputs(tmp_path / "inputs", markets=False, modules=(MODULE,), files=files)
    with pytest.raises(batteryplan.CaseError) as err:
        batteryplan.read_case(path)
    e = err.value
    assert (e.file, e.line, e.column) == (file, line, column)
    assert what in str(e) and "\n" not in str(e)
