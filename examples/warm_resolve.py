"""Build the LP once and re-solve it, warm started, with carbon prices from another model's loop.

Another model (an energy-economy or climate model, say) proposes a carbon price in each round of its own
loop and wants the power system's optimal cost back. Scenarios of one battery strategy share every matrix
entry and bound (MODEL.md section 3); only the cost vector changes. So the LP is built once and handed to
one HiGHS model; each round changes the case's carbon price, recomputes the costs with ``LP.set_costs`` and
re-solves from the previous round's optimal basis (HiGHS keeps it between runs). This is what a sweep does
inside one strategy. ``batteryplan.solve`` hands each LP to a new HiGHS model, so the model kept alive here is
highspy's own, given the LP's arrays: ``lp.A`` (CSC, i.e. column-wise), bounds, ``lp.cost`` and ``lp.offset``.

    python examples/warm_resolve.py [CASE_DIR] [--scenario Grid-Low-B] [--multipliers 1,1.5,2,3]

CASE_DIR is a SWITCH inputs folder (default: three provinces of the bundled China case in one period); a
scenario other than ``<Strategy>-Low-B`` needs its ``carbon_price_paths.csv`` and ``battery_cost_paths.csv``.
Each round prints one line:

    round 2  carbon x1.5  objective 1.02477911230e+11 $  simplex iterations 255  warm

``--check-cold`` also solves every round cold with ``batteryplan.solve`` and prints both objectives.
"""
from __future__ import annotations

import argparse
import dataclasses

import highspy
import numpy as np

import batteryplan
from batteryplan.scenarios import read_scenario

from _small_case import case_folder


def handover(lp: batteryplan.LP) -> highspy.Highs:
    """One HiGHS model holding `lp` (matrix column-wise, bounds, costs), quiet and solving with simplex,
    which leaves the optimal basis that the next round starts from."""
    if lp.integrality is not None:
        raise SystemExit("this case has integer build decisions (gen_min_build_capacity > 0): "
                         "a MIP has no basis to warm start from")
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", "simplex")
    model = highspy.HighsLp()
    model.num_row_, model.num_col_ = lp.A.shape
    model.col_cost_, model.offset_ = lp.cost, float(lp.offset)
    model.col_lower_, model.col_upper_ = lp.col_lower, lp.col_upper
    model.row_lower_, model.row_upper_ = lp.row_lower, lp.row_upper
    model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    model.a_matrix_.start_, model.a_matrix_.index_, model.a_matrix_.value_ = lp.A.indptr, lp.A.indices, lp.A.data
    if h.passModel(model) == highspy.HighsStatus.kError:
        raise SystemExit("HiGHS refused the model")
    return h


def resolve(h: highspy.Highs, lp: batteryplan.LP) -> tuple[float, int]:
    """Give HiGHS the costs now in `lp` and re-solve from the basis it holds; (objective in $, iterations)."""
    cols = np.arange(lp.A.shape[1], dtype=np.int32)
    h.changeColsCost(len(cols), cols, np.ascontiguousarray(lp.cost, np.float64))
    h.changeObjectiveOffset(float(lp.offset))
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    if status != "Optimal":
        raise SystemExit(f"HiGHS ended with status '{status}'")
    info = h.getInfo()
    return float(info.objective_function_value), int(info.simplex_iteration_count)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case", nargs="?", help="SWITCH inputs folder (default: the small example case)")
    ap.add_argument("--scenario", default="Grid-Low-B", help="the starting scenario: strategy and cost paths")
    ap.add_argument("--multipliers", default="1,1.5,2,3",
                    help="the other model's carbon prices, as multiples of the scenario's, one per round")
    ap.add_argument("--check-cold", action="store_true", help="also solve every round cold and print both")
    args = ap.parse_args()

    base = read_scenario(case_folder(args.case), args.scenario)    # strategy applied, costs of the scenario
    lp = batteryplan.build(base)                                   # once: matrix and bounds never change
    h = handover(lp)
    for k, m in enumerate(float(v) for v in args.multipliers.split(",")):
        case = dataclasses.replace(base, carbon_price=base.carbon_price * m)   # the other model's price, $/t
        lp.set_costs(case)
        objective, iterations = resolve(h, lp)
        line = (f"round {k + 1}  carbon x{m:g}  objective {objective:.11e} $  simplex iterations {iterations}  "
                f"{'warm' if k else 'cold'}")
        if args.check_cold:
            cold = batteryplan.solve(lp)                           # a new HiGHS model, no basis
            line += f"  cold objective {cold.objective:.11e} $"
        print(line)


if __name__ == "__main__":
    main()
