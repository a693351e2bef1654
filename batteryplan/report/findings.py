"""The study's findings, each decided on our results by a stated rule: reproduced, partly, or not reproduced.

A finding about strategies is checked in every *group* (carbon path, battery cost path, carbon multiplier 1) whose
scenarios are all present; the group's scenarios missing from the results are listed, and a finding with no
complete group is "not checked (missing: …)". Over the checked groups, a finding made of claims is

    reproduced       every claim holds in every checked group,
    not reproduced   no claim holds in any checked group,
    partly           otherwise.

A claim "X is lower than Y" holds when X < Y by more than ``REL_TOL`` of Y (ties within solver tolerance do not
count as a difference), "lowest" when X <= min(others)·(1 + ``REL_TOL``). System cost is SWITCH's: the NPV of
every cost component over the horizon, the carbon cost included (the objective). Transmission capacity is the
last period's installed capacity; transmission cost its NPV over the horizon (annual cost times ``bac``).
"""
from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .study import PROVINCES, UNIFORM, Measured, Study

REPRODUCED, PARTLY, NOT_REPRODUCED = "reproduced", "partly", "not reproduced"
REL_TOL = 1e-6
COAL_REL_TOL = 1e-3         # a change of coal generation smaller than this fraction of Grid's counts as none
CARBONS, COSTS = ("Low", "High"), ("B", "M", "R")
ALL_GROUPS = tuple((c, b) for c in CARBONS for b in COSTS)
MIXED_GROUPS = (("Low", "R"), ("High", "R"))        # the study ran Mixed under rapid battery cost decrease only
# The study's crossover: "the lowest national CO2 emissions when the carbon price is at least 66 times higher
# than the low carbon price scenario" (Peng et al. 2023, introduction; not in its Source Data).
STUDY_CROSSOVER = 66.0
CROSSOVER_FACTOR = 2.0      # reproduced when our crossover lies within this factor of the study's
LOW_PRICE = 2.0             # a crossover at or below this multiple of Low is "no higher price needed"
MAJORITY = 0.5
SCORE_NAMES = ("no", "possible", "yes")      # a province's score in the Mixed split finding
BOUNDS_RULE = (" Without a split-range CSV: bounds from the Mixed-Low-R result by relabelling (split_bounds.py: grid "
               "batteries moved to their RE-connected twins at the same cost), decided only where every range within "
               "the bounds gives the same verdict.")


@dataclasses.dataclass(frozen=True)
class Finding:
    key: str
    claim: str
    rule: str
    verdict: str
    numbers: str


def verdict(holds: Sequence[bool]) -> str:
    """reproduced if every claim holds, not reproduced if none does, else partly."""
    if all(holds):
        return REPRODUCED
    return NOT_REPRODUCED if not any(holds) else PARTLY


def name(strategy: str, group: tuple[str, str]) -> str:
    return f"{strategy}-{group[0]}-{group[1]}"


def _groups(ours: Mapping[str, Measured], strategies: Sequence[str],
            study_groups: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """(groups with every strategy present, scenarios missing from the study's groups that are incomplete)."""
    complete = [g for g in ALL_GROUPS if all(name(s, g) in ours for s in strategies)]
    missing = [name(s, g) for g in study_groups if g not in complete for s in strategies if name(s, g) not in ours]
    return complete, missing


def _not_checked(missing: Sequence[str]) -> str:
    return f"not checked (missing: {', '.join(missing)})"


def _bn(usd: float) -> str:
    return f"{usd / 1e9:,.6g} bn $"


def _gw(mw: float) -> str:
    return f"{mw / 1e3:,.6g} GW"


def _lower(x: float, y: float) -> bool:
    return x < y - REL_TOL * abs(y)


def _extreme_claim(ours: Mapping[str, Measured], group: tuple[str, str], strategies: Sequence[str], who: str,
                   value: Callable[[Measured], float], highest: bool) -> tuple[bool, dict[str, float]]:
    """Whether `who` has the highest (lowest) value among `strategies` in `group`, and the values."""
    vals = {s: value(ours[name(s, group)]) for s in strategies}
    others = [v for s, v in vals.items() if s != who]
    if highest:
        return all(_lower(v, vals[who]) for v in others), vals
    return all(_lower(vals[who], v) for v in others), vals


def _finding_of_claims(key: str, claim: str, rule: str, ours: Mapping[str, Measured], strategies: Sequence[str],
                       study_groups: Sequence[tuple[str, str]],
                       claims: Sequence[tuple[str, Callable[[tuple[str, str]], tuple[bool, dict[str, float]]],
                                              Callable[[float], str]]]) -> Finding:
    """A finding made of claims checked in every complete group: (label, check(group) -> (holds, values), fmt)."""
    groups, missing = _groups(ours, strategies, study_groups)
    if not groups:
        return Finding(key, claim, rule, _not_checked(missing), "")
    holds, parts = [], []
    for g in groups:
        bits = []
        for label, check, fmt in claims:
            ok, vals = check(g)
            holds.append(ok)
            bits.append(f"{label} {'holds' if ok else 'fails'} (" + ", ".join(f"{s} {fmt(v)}" for s, v in vals.items())
                        + ")")
        parts.append(f"{g[0]}-{g[1]}: " + "; ".join(bits))
    if missing:
        parts.append("not checked in the study's other groups (missing: " + ", ".join(missing) + ")")
    return Finding(key, claim, rule, verdict(holds), ". ".join(parts))


def mixed_lowest_cost(ours: Mapping[str, Measured]) -> Finding:
    def check(g: tuple[str, str]) -> tuple[bool, dict[str, float]]:
        vals = {s: ours[name(s, g)].totals["system_cost_npv_usd"] for s in ("Mixed", *UNIFORM)}
        return vals["Mixed"] <= min(vals[s] for s in UNIFORM) * (1 + REL_TOL), vals
    return _finding_of_claims(
        "mixed_lowest_cost", "Mixed has the lowest system cost of the four strategies.",
        "In each group with all four strategies: Mixed's NPV system cost <= the lowest uniform strategy's "
        f"x (1 + {REL_TOL:g}).", ours, ("Mixed", *UNIFORM), MIXED_GROUPS, [("Mixed lowest", check, _bn)])


def demand_highest(ours: Mapping[str, Measured]) -> Finding:
    return _finding_of_claims(
        "demand_highest", "Demand-side has the highest system cost and the highest transmission capacity.",
        "In each group with RE, Grid and Demand: two claims, Demand's NPV system cost is the highest, and Demand's "
        "last-period transmission capacity is the highest (each above the others by more than "
        f"{REL_TOL:g} relative).", ours, UNIFORM, ALL_GROUPS,
        [("highest cost", lambda g: _extreme_claim(ours, g, UNIFORM, "Demand",
                                                   lambda m: m.totals["system_cost_npv_usd"], True), _bn),
         ("highest transmission capacity", lambda g: _extreme_claim(
             ours, g, UNIFORM, "Demand", lambda m: m.totals["tx_capacity_last_mw"], True), _gw)])


def re_least_transmission(ours: Mapping[str, Measured]) -> Finding:
    return _finding_of_claims(
        "re_least_transmission", "RE-connected needs the least transmission capacity and transmission cost.",
        "In each group with RE, Grid and Demand: two claims, RE's last-period transmission capacity is the lowest, "
        f"and RE's NPV transmission cost is the lowest (each below the others by more than {REL_TOL:g} relative).",
        ours, UNIFORM, ALL_GROUPS,
        [("least transmission capacity", lambda g: _extreme_claim(
            ours, g, UNIFORM, "RE", lambda m: m.totals["tx_capacity_last_mw"], False), _gw),
         ("least transmission cost", lambda g: _extreme_claim(
             ours, g, UNIFORM, "RE", lambda m: m.totals["tx_cost_npv_usd"], False), _bn)])


def _coal_by_class(m: Measured, classes: pd.DataFrame) -> dict[str, float]:
    """Coal generation over the horizon (MWh) in the zone-periods of each class (classes of the Grid scenario)."""
    z = m.zone.merge(classes, on=["zone", "period"], suffixes=("", "_grid"))
    years = m.period.set_index("period")["period_length_years"]
    z = z.assign(coal=z["coal_generation_mwh_per_yr"] * z["period"].map(years))
    return {c: float(z.loc[z["province_class_grid"] == c, "coal"].sum()) for c in ("supply", "demand")}


def coal_shift(ours: Mapping[str, Measured]) -> Finding:
    def claim(g: tuple[str, str], strategy: str, cls: str, up: bool) -> tuple[bool, dict[str, float]]:
        grid = ours[name("Grid", g)]
        classes = grid.zone[["zone", "period", "province_class"]]
        ref = _coal_by_class(grid, classes)[cls]
        x = _coal_by_class(ours[name(strategy, g)], classes)[cls]
        tol = COAL_REL_TOL * abs(ref)
        ok = ref > 0 and (x > ref + tol if up else x < ref - tol)
        return ok, {"Grid": ref, strategy: x}

    def fmt(v: float) -> str:
        return f"{v / 1e6:,.6g} TWh"

    claims = [(f"{s} {'raises' if up else 'lowers'} coal in {cls} provinces",
               (lambda g, s=s, cls=cls, up=up: claim(g, s, cls, up)), fmt)
              for s, cls, up in (("RE", "supply", False), ("RE", "demand", True), ("Demand", "supply", True),
                                 ("Demand", "demand", False))]
    return _finding_of_claims(
        "coal_shift", "Against Grid, RE-connected lowers coal generation in supply provinces and raises it in demand "
        "provinces; Demand-side does the opposite.",
        "In each group with RE, Grid and Demand, provinces are classed per period in the Grid scenario (generation / "
        "demand > 1 + θ supply, < 1 − θ demand); coal generation over the horizon is summed over each class's "
        "province-periods. Four claims: RE below Grid in supply provinces, RE above Grid in demand provinces, Demand "
        f"above Grid in supply provinces, Demand below Grid in demand provinces (by more than {COAL_REL_TOL:g} of "
        "Grid's).", ours, UNIFORM, ALL_GROUPS, claims)


def _split_rows(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path)
    missing = {"scope", "attachment", "share_min", "share_max"} - set(df.columns)
    if missing:
        raise ValueError(f"{path} lacks column(s) {', '.join(sorted(missing))}: not a split-range CSV")
    return df


def _split_from_bounds(study: Study, bounds: Mapping, numbers: list[str]) -> str | None:
    """The verdict the relabelling bounds (``split_bounds.relabel_bounds``) decide without split-range, or None.

    Per province, the study's attachment has a true range [lo, hi] with lo <= `lo_at_most` and hi >= `hi_at_least`:
    for RE-connected, the relabelling bounds; for another attachment, its share at the optimum (both). The
    province's possible scores are those the rule allows for some range with these bounds; the verdict is decided
    when every combination of possible scores gives the same one."""
    options = []
    for zone in PROVINCES:
        s6 = study.fig6[study.fig6["zone"] == zone]
        b = bounds.get("provinces", {}).get(zone)
        if s6.empty or b is None:
            continue
        att, s_study = str(s6.loc[s6["share"].idxmax(), "attachment"]), float(s6["share"].max())
        share = float(b["share_at_optimum"].get(att, math.nan))
        lo_at_most, hi_at_least = ((float(b["re_share_min_at_most"]), float(b["re_share_max_at_least"]))
                                   if att == "re" else (share, share))
        if math.isnan(lo_at_most) or math.isnan(hi_at_least):
            return None
        # yes needs lo >= MAJORITY (excluded when lo_at_most < MAJORITY); no needs hi < MAJORITY and the study's
        # share outside [lo, hi] (excluded when hi_at_least >= MAJORITY or the study's share lies within the bounds);
        # possible is never excluded by bounds alone
        possible = {1}
        if lo_at_most >= MAJORITY:
            possible.add(2)
        if not (hi_at_least >= MAJORITY or lo_at_most <= s_study <= hi_at_least):
            possible.add(0)
        options.append(possible)
        numbers.append(f"{zone}: study {att} {s_study:.2f}; ours {att}: smallest share <= {lo_at_most:.3f}, largest "
                       f">= {hi_at_least:.3f} ({'relabelling bounds' if att == 're' else 'the share at the optimum'}) -> "
                       f"{' or '.join(SCORE_NAMES[k] for k in sorted(possible))}")
    if not options:
        return None
    verdicts = {REPRODUCED if all(x == 2 for x in combo) else NOT_REPRODUCED if all(x == 0 for x in combo) else PARTLY
                for combo in itertools.product(*options)}
    return verdicts.pop() if len(verdicts) == 1 else None


def mixed_split(study: Study, ours: Mapping[str, Measured], split_csv: Path | None,
                bounds: Mapping | None = None) -> Finding:
    claim = ("In Mixed, demand provinces (Chongqing) choose demand-side batteries and supply provinces "
             "(W. Inner Mongolia) RE-connected ones.")
    rule = ("From a split-range CSV of Mixed-Low-R (share of each attachment in a province's battery discharge over "
            "the horizon, at cost within its tolerance of the optimum). For each province the study's choice is its "
            f"largest share in Fig. 6; the province says yes if that attachment's smallest share >= {MAJORITY:g} (it "
            f"has the majority in every near-optimal solution), possible if its largest share >= {MAJORITY:g} or the "
            "study's share lies in our range, no otherwise. Reproduced: yes in both; not reproduced: no in both; "
            "partly otherwise.")
    numbers = []
    file_split = ours.get("Mixed-Low-R")
    if file_split is not None:
        za = file_split.zone_attachment
        last = int(za["period"].max())
        for zone in PROVINCES:
            d = za[(za["zone"] == zone) & (za["period"] == last)]
            if len(d):
                numbers.append(f"the result file's split in {zone}, {last}: " + ", ".join(
                    f"{a} {s:.2f}" for a, s in zip(d["attachment"], d["discharge_share"])))
    if split_csv is None and bounds is not None:
        decided = _split_from_bounds(study, bounds, numbers)
        if decided is not None:
            return Finding("mixed_split", claim, rule + BOUNDS_RULE, decided, "; ".join(numbers))
    if split_csv is None:
        return Finding("mixed_split", claim, rule, "not checked (no split-range CSV given; the split of one "
                       "solution is not unique)", "; ".join(numbers))
    try:
        df = _split_rows(Path(split_csv))
    except (OSError, ValueError) as exc:
        return Finding("mixed_split", claim, rule, f"not checked ({exc})", "; ".join(numbers))
    scores = []
    for zone in PROVINCES:
        s6 = study.fig6[study.fig6["zone"] == zone]
        if s6.empty:
            continue
        att, s_study = str(s6.loc[s6["share"].idxmax(), "attachment"]), float(s6["share"].max())
        in_scope = df[df["scope"] == zone]
        if in_scope.empty:
            numbers.append(f"{zone}: not in the CSV")
            continue
        row = in_scope[in_scope["attachment"] == att]
        lo, hi = (float(row["share_min"].iloc[0]), float(row["share_max"].iloc[0])) if len(row) else (0.0, 0.0)
        if lo >= MAJORITY:
            score = 2
        elif hi >= MAJORITY or lo <= s_study <= hi:
            score = 1
        else:
            score = 0                                # NaN shares (no discharge) land here too
        scores.append(score)
        numbers.append(f"{zone}: study {att} {s_study:.2f}; ours {att} in [{lo:.3f}, {hi:.3f}] -> "
                       f"{SCORE_NAMES[score]}")
    if not scores:
        return Finding("mixed_split", claim, rule, f"not checked (the CSV has no rows for {', '.join(PROVINCES)})",
                       "; ".join(numbers))
    result = REPRODUCED if all(s == 2 for s in scores) else NOT_REPRODUCED if all(s == 0 for s in scores) else PARTLY
    return Finding("mixed_split", claim, rule, result, "; ".join(numbers))


def crossing(points: pd.DataFrame) -> tuple[float | None, float | None, float]:
    """(m_lo, m_hi, largest multiplier solved) of the first change of A's metric minus B's from >= 0 to < 0 over
    increasing multipliers; m_lo is None when A is already below at the first multiplier, m_hi None when never."""
    d = points.groupby("carbon_multiplier")["difference"].first().sort_index()
    d = d[d.notna()]
    below = np.flatnonzero(d.to_numpy() < 0)
    m = d.index.to_numpy(dtype=float)
    if not len(below):
        return None, None, float(m.max()) if len(m) else math.nan
    k = int(below[0])
    return (float(m[k - 1]) if k else None), float(m[k]), float(m.max())


def _above_again(points: pd.DataFrame, after: float) -> list[float]:
    """The multipliers above `after` where A's metric is no longer below B's (difference >= 0)."""
    d = points.groupby("carbon_multiplier")["difference"].first().sort_index()
    d = d[d.notna() & (d.index.to_numpy(dtype=float) > after)]
    return [float(m) for m, v in d.items() if v >= 0]


def mixed_crossover(ours: Mapping[str, Measured], crossover_csv: Path | None) -> Finding:
    claim = (f"Mixed reaches the lowest cumulative CO2 only at a much higher carbon price (study: about "
             f"{STUDY_CROSSOVER:g} x Low).")
    rule = ("From a crossover CSV (batteryplan crossover --strategies Mixed,OTHER --metric cumulative_co2 --out; "
            "OTHER: RE, where the study finds the lowest CO2 at low prices) of cumulative CO2 on the Low path with R "
            "battery costs (a CSV written before crossover recorded its metric is taken to be that): the first multiplier where Mixed's falls below OTHER's, m = geometric "
            f"mean of the bracket. Reproduced: m within a factor {CROSSOVER_FACTOR:g} of {STUDY_CROSSOVER:g}; partly: "
            f"m above {LOW_PRICE:g} but outside that, or no crossing up to a multiplier below "
            f"{STUDY_CROSSOVER * CROSSOVER_FACTOR:g}; not reproduced: m <= {LOW_PRICE:g}, or no crossing up to "
            f"{STUDY_CROSSOVER * CROSSOVER_FACTOR:g} or beyond.")
    at_one = {s: ours[f"{s}-Low-R"].totals["cumulative_co2_t"] for s in (*UNIFORM, "Mixed") if f"{s}-Low-R" in ours}
    numbers = []
    if at_one:
        numbers.append("cumulative CO2 at x1 (Low-R): " + ", ".join(f"{s} {v / 1e6:,.0f} Mt" for s, v in at_one.items()))
    if crossover_csv is None:
        return Finding("mixed_crossover", claim, rule, "not checked (no crossover CSV given)", "; ".join(numbers))
    try:
        pts = pd.read_csv(crossover_csv)
        strategies = list(dict.fromkeys(pts["strategy"].astype(str)))
        pts["difference"].astype(float)
    except (OSError, KeyError, ValueError) as exc:
        return Finding("mixed_crossover", claim, rule, f"not checked ({crossover_csv}: not a crossover CSV: {exc})",
                       "; ".join(numbers))
    said = {c: sorted(set(pts[c].astype(str))) for c in ("metric_name", "carbon", "battery_cost") if c in pts}
    wanted = {"metric_name": ["cumulative_co2"], "carbon": ["Low"], "battery_cost": ["R"]}
    wrong = [f"{c} {', '.join(v)}" for c, v in said.items() if v != wanted[c]]
    if wrong:
        return Finding("mixed_crossover", claim, rule, f"not checked (the CSV's {'; '.join(wrong)}; the finding needs "
                       "cumulative_co2 on the Low path with R battery costs)", "; ".join(numbers))
    if len(strategies) != 2 or strategies[0] != "Mixed":
        return Finding("mixed_crossover", claim, rule, f"not checked (the CSV compares {' and '.join(strategies)}; "
                       "the finding needs Mixed first)", "; ".join(numbers))
    other = strategies[1]
    lo, hi, top = crossing(pts)
    lo_f, hi_f = STUDY_CROSSOVER / CROSSOVER_FACTOR, STUDY_CROSSOVER * CROSSOVER_FACTOR
    if hi is None:
        result = NOT_REPRODUCED if top >= hi_f else PARTLY
        numbers.append(f"Mixed never below {other} up to x{top:g}")
    elif lo is None:
        result = NOT_REPRODUCED if hi <= LOW_PRICE else PARTLY
        numbers.append(f"Mixed already below {other} at the first multiplier solved, x{hi:g}")
    else:
        m = math.sqrt(lo * hi)
        result = REPRODUCED if lo_f <= m <= hi_f else PARTLY if m > LOW_PRICE else NOT_REPRODUCED
        numbers.append(f"Mixed falls below {other} between x{lo:g} and x{hi:g} (about x{m:.3g}; study about "
                       f"x{STUDY_CROSSOVER:g})")
        again = _above_again(pts, hi)
        if again:
            numbers.append(f"but Mixed is not below {other} again at " + ", ".join(f"x{v:g}" for v in again)
                           + " (the verdict reads the first crossing only)")
    return Finding("mixed_crossover", claim, rule, result, "; ".join(numbers))


def findings(study: Study, ours: Mapping[str, Measured], split_csv: Path | None = None,
             crossover_csv: Path | None = None, split_bounds: Mapping | None = None) -> list[Finding]:
    """Every finding, in the order of the page."""
    return [mixed_lowest_cost(ours), demand_highest(ours), re_least_transmission(ours), coal_shift(ours),
            mixed_split(study, ours, split_csv, split_bounds), mixed_crossover(ours, crossover_csv)]
