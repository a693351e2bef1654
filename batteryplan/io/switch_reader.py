"""Read a SWITCH 2.0.9 inputs folder into a validated :class:`~batteryplan.case.Case`.

The checks mirror switch-model's own (SWITCH_FORMULATION.md gives the files and columns);
every failure is a :class:`~batteryplan.errors.CaseError` naming file, line and column.
Strategies (MODEL.md §2) transform the project tables before they become arrays.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from ..aggregate import aggregate as merge_identical
from ..case import Case, module_list_file
from ..csc_builder.registry import FAMILIES, on, supported_modules
from ..errors import CaseError
from .options import read_options
from .schema import read_declared
from .cost_paths import with_cost_paths
from .tables import Folder, Table

HOURS_PER_YEAR = 8766.0

CORE = (
    "switch_model",
    "switch_model.timescales",
    "switch_model.financials",
    "switch_model.balancing.load_zones",
    "switch_model.energy_sources.properties",
    "switch_model.generators.core.build",
    "switch_model.generators.core.dispatch",
)
# Exactly one of these limits dispatch (SWITCH's alternatives; each is a constraint family's module).
DISPATCH_MODES = ("switch_model.generators.core.no_commit", "switch_model.generators.core.commit.operate")
OPTIONAL = (
    "switch_model.energy_sources.fuel_costs.simple",
    "switch_model.energy_sources.fuel_costs.markets",
    "switch_model.generators.extensions.storage",
    "switch_model.generators.extensions.hydro_simple",
    "switch_model.transmission.transport.build",
    "switch_model.transmission.transport.dispatch",
    "switch_model.transmission.local_td",
    "switch_model.policies.carbon_policies",
    "switch_model.balancing.unserved_load",
    "switch_model.reporting",           # no LP content; makes switch-model write outputs/total_cost.txt
)
# The study's RE-connected charging limit (MODEL.md §2) is always applied where
# gen_is_re_connect = 1; these names for the switch-model side of it are accepted as no-ops.
RE_CONNECT_MODULES = ("re_connect_charging", "batteryplan.re_connect_charging")
SUPPORTED = tuple(dict.fromkeys(CORE + OPTIONAL + RE_CONNECT_MODULES + supported_modules()))
# The stage-1 module list, in the order the project's generated cases write it to modules.txt
# (scripts/make_china_case.py, bench/make_synthetic_china.py): everything but fuel markets.
STAGE1_CASE_MODULES = CORE + DISPATCH_MODES[:1] + tuple(
    m for m in OPTIONAL if m != "switch_model.energy_sources.fuel_costs.markets")

TableHook = Callable[[Folder], None]


def module_list(folder: Path, modules: str | None = None) -> tuple[Path, str]:
    """(file, variant) of the module list a case is read with (``switch solve --module-list`` does the same):
    None or "" is ``modules.txt``; a name ``X`` (no slash, no ``.txt``) the variant ``modules_X.txt`` beside it;
    anything else a path to a module-list file (recorded as its absolute path)."""
    if not modules:
        return folder / "modules.txt", ""
    file = module_list_file(modules)
    if file != modules:                            # a name: the inputs folder's modules_<name>.txt
        path = folder / file
        if not path.is_file():
            found = sorted(p.name for p in folder.glob("modules_*.txt"))
            have = ", ".join(f"{p[len('modules_'):-len('.txt')]} ({p})" for p in found) or "none"
            raise CaseError(f"no module-list variant '{modules}' in {folder}; its variants (modules_*.txt): {have}",
                            file)
        return path, modules
    path = Path(modules).resolve()
    if not path.is_file():
        raise CaseError(f"no such module-list file: {path}", modules)
    return path, str(path)


def read_modules(folder: Folder, path: Path | None = None, file: str = "modules.txt") -> tuple[str, ...]:
    """The module list at `path` (default: the folder's modules.txt), checked against the supported set
    (MODEL.md §1); errors name it as `file`."""
    path = path or folder.path / "modules.txt"
    if not path.is_file():
        raise CaseError(f"missing file in {folder.path}: every case lists its modules", file)
    modules: list[str] = []
    for n, raw in enumerate(path.read_text().splitlines(), start=1):
        name = raw.split("#", 1)[0].strip()
        if not name:
            continue
        if name not in SUPPORTED:
            raise CaseError(f"unsupported module '{name}'; batteryplan supports: " + ", ".join(SUPPORTED), file, n)
        modules.append(name)
    for need in CORE[1:]:
        if need not in modules:
            raise CaseError(f"module '{need}' is required", file)
    modes = [m for m in DISPATCH_MODES if m in modules]
    if len(modes) != 1:
        raise CaseError(f"list exactly one of {', '.join(DISPATCH_MODES)} (found {len(modes)})", file)
    if "switch_model.transmission.transport.dispatch" in modules and \
            "switch_model.transmission.transport.build" not in modules:
        raise CaseError("transport.dispatch needs transport.build", file)
    if "switch_model.energy_sources.fuel_costs.simple" in modules and \
            "switch_model.energy_sources.fuel_costs.markets" in modules:
        raise CaseError("fuel_costs.simple and fuel_costs.markets are alternatives; list one", file)
    return tuple(modules)


def case_name(path: str | Path) -> str:
    """The name ``read_case`` gives the case in folder `path`: the folder's own name, or its parent's for a folder
    called ``inputs``, taken from the absolute path (a relative ``inputs`` has no parent name of its own)."""
    p = Path(path).resolve()
    return p.parent.name if p.name == "inputs" else p.name


def read_case(path: str | Path, *, hook: TableHook | None = None, name: str | None = None,
              options: Sequence[str] | None = None, aggregate: bool = True, modules: str | None = None) -> Case:
    """Read and validate an inputs folder. ``hook(folder)`` may replace tables in memory
    (a strategy's transform of the project tables) before they become arrays. `options` are switch's
    command-line options for the case (``["--spinning-requirement-rule", "3+5"]``); by default those of
    the ``options.txt`` beside the inputs folder, where ``switch solve`` finds them. ``aggregate``: merge
    projects the LP cannot tell apart (``batteryplan/aggregate.py``; results stay per project as read).
    ``modules``: the module list, ``modules.txt`` by default; a name ``X`` reads the variant ``modules_X.txt`` of
    the inputs folder, a path that file (``module_list``); ``Case.modules_variant`` records it."""
    path = Path(path)
    if (path / "inputs").is_dir() and not (path / "modules.txt").is_file():
        path = path / "inputs"
    folder = Folder(path)
    version = path / "switch_inputs_version.txt"
    if not version.is_file():
        raise CaseError(f"missing file in {path}: a SWITCH 2.0.9 inputs folder has one", version.name)
    v = version.read_text().strip()
    if not v.startswith("2.0."):
        raise CaseError(f"inputs version {v!r}; batteryplan reads SWITCH 2.0.x inputs (2.0.9)", version.name, 1)
    list_path, variant = module_list(path, modules)
    folder.modules_file = module_list_file(variant)
    modules_read = read_modules(folder, list_path, folder.modules_file)
    folder.modules = modules_read                  # which module-specific columns its tables are checked for
    if hook is not None:
        hook(folder)
    case = with_cost_paths(_Reader(folder, modules_read, name or case_name(path), variant).case(), folder)
    case.options = read_options(path) if options is None else tuple(options)
    for fam in on(FAMILIES, case):                 # tables that constraint families declare (INPUTS)
        if hasattr(fam, "load"):
            case.ext[fam.NAME] = fam.load(read_declared(folder, getattr(fam, "INPUTS", ())), case)
    return merge_identical(case)[0] if aggregate else case


class _Reader:
    def __init__(self, folder: Folder, modules: tuple[str, ...], name: str, variant: str = "") -> None:
        self.f, self.modules, self.name, self.variant = folder, modules, name, variant
        self.has = lambda suffix: f"switch_model.{suffix}" in modules

    def case(self) -> Case:
        """The case, part by part: each part reads its files and returns Case fields."""
        c: dict = dict(name=self.name, modules=self.modules, modules_variant=self.variant)
        c.update(self._timescales())
        c.update(self._financials(c["period_start"], c["period_length"]))
        lz, zone_fields = self._zones_and_loads(c["tp_ids"])
        c.update(zone_fields)
        non_fuel, fuel_fields = self._energy_sources()
        c.update(fuel_fields)
        c.update(self._gens(c["zones"], c["fuel_names"], non_fuel, c["periods"], c["period_start"], c["tp_ids"],
                            c["tp_period"]))
        c.update(self._fuels(c["zones"], c["fuel_names"], c["periods"]))
        c.update(self._hydro(c["gen_names"], c["ts_names"], c["ts_period"], c["gen_active"]))
        c.update(self._transmission(c["zones"], c["interest_rate"], len(c["periods"])))
        c.update(self._local_td(lz, c["zones"], c["periods"]))
        c.update(self._unserved())
        c.update(self._carbon(c["periods"]))
        return Case(**c)

    # ------------------------------------------------------------------ time
    def _timescales(self) -> dict:
        f = self.f
        per = f.table("periods.csv")
        per.require(["INVESTMENT_PERIOD", "period_start", "period_end"])
        per.unique(["INVESTMENT_PERIOD"])
        periods_f = per.number("INVESTMENT_PERIOD")
        if np.any(periods_f != np.round(periods_f)):
            per._fail(periods_f != np.round(periods_f), "INVESTMENT_PERIOD", "expected a whole-number period label",
                      per.df["INVESTMENT_PERIOD"].to_numpy(dtype=object))
        order = np.argsort(periods_f, kind="stable")
        periods = periods_f[order].astype(np.int64)
        p_start = per.number("period_start")[order]
        p_end = per.number("period_end")[order]
        if np.any(p_end < p_start):
            bad = np.zeros(len(per), bool); bad[order[p_end < p_start]] = True
            per._fail(bad, "period_end", "expected period_end ≥ period_start", per.df["period_end"].to_numpy(dtype=object))
        n_period = len(periods)
        if n_period == 0:
            raise CaseError("no periods", "periods.csv", 2)

        ts = f.table("timeseries.csv")
        ts.require(["TIMESERIES", "ts_period", "ts_duration_of_tp", "ts_num_tps", "ts_scale_to_period"])
        ts.unique(["TIMESERIES"])
        ts_names = ts.text("TIMESERIES")
        ts_period = ts.period_ref("ts_period", periods)
        ts_dur = ts.number("ts_duration_of_tp", lo=0)
        ts_num = ts.integer("ts_num_tps")
        ts_scale = ts.number("ts_scale_to_period", lo=0)

        tp = f.table("timepoints.csv")
        tp.require(["timepoint_id", "timeseries"])
        tp.unique(["timepoint_id"])
        tp_ids = tp.text("timepoint_id")
        tp_ts = tp.ref("timeseries", ts_names, "timeseries", "timeseries.csv")
        counts = np.bincount(tp_ts, minlength=len(ts_names))
        empty = np.flatnonzero(counts == 0)
        if len(empty):
            k = int(empty[0])
            raise CaseError(f"timeseries '{ts_names[k]}' has no timepoints in timepoints.csv",
                            "timeseries.csv", int(ts.lines[k]), "TIMESERIES")
        # Order timepoints by timeseries (stable: row order is chronological within one).
        tp_order = np.argsort(tp_ts, kind="stable")
        tp_ids, tp_ts = tp_ids[tp_order], tp_ts[tp_order]
        n_tp = len(tp_ids)
        tp_period = ts_period[tp_ts]
        tp_dur = ts_dur[tp_ts]
        tp_weight = tp_dur * ts_scale[tp_ts]
        first = np.r_[0, np.cumsum(counts)[:-1]]
        pos = np.arange(n_tp) - first[tp_ts]
        tp_prev = np.where(pos == 0, np.arange(n_tp) + counts[tp_ts] - 1, np.arange(n_tp) - 1).astype(np.int64)

        hours = np.bincount(tp_period, weights=tp_weight, minlength=n_period)
        err_plain = np.sum((p_end - p_start) * HOURS_PER_YEAR - hours)
        err_one = np.sum((p_end + 1 - p_start) * HOURS_PER_YEAR - hours)
        length = p_end - p_start + (1.0 if abs(err_one) < abs(err_plain) else 0.0)
        for p in range(n_period):
            if not (0.99 * length[p] * HOURS_PER_YEAR <= hours[p] <= 1.01 * length[p] * HOURS_PER_YEAR):
                raise CaseError(f"timepoint weights of period {periods[p]} sum to {hours[p]:.2f} h, "
                                f"expected {length[p] * HOURS_PER_YEAR:.2f} h (±1 %) for a {length[p]:g}-year period",
                                "timeseries.csv", None, "ts_scale_to_period")
        for p in range(1, n_period):
            if abs(p_start[p] - (p_start[p - 1] + length[p - 1])) > 0.01:
                raise CaseError(f"period {periods[p]} starts in {p_start[p]:g}, expected {p_start[p - 1] + length[p - 1]:g} "
                                f"(the previous period's start plus its length)", "periods.csv",
                                int(per.lines[order[p]]), "period_start")
        tp_w_year = tp_weight / length[tp_period]
        return dict(periods=periods, period_start=p_start, period_length=length, ts_names=ts_names,
                    ts_period=ts_period, ts_num_tps=ts_num, tp_ids=tp_ids, tp_ts=tp_ts, tp_period=tp_period,
                    tp_duration_h=tp_dur, tp_weight_in_year=tp_w_year, tp_prev=tp_prev)

    def _financials(self, p_start, length) -> dict:
        fin = self.f.table("financials.csv")
        fin.require(["base_financial_year", "interest_rate"])
        if len(fin) != 1:
            raise CaseError("expected exactly one value row", "financials.csv", 2)
        base = float(fin.number("base_financial_year")[0])
        i_rate = float(fin.number("interest_rate", lo=-0.99)[0])
        r_rate = float(fin.number("discount_rate", i_rate, lo=-0.99)[0])
        uspv = (1 - (1 + r_rate) ** -length) / r_rate if r_rate != 0 else length
        bac = uspv * (1 + r_rate) ** -(p_start - base)
        return dict(interest_rate=i_rate, discount_rate=r_rate, base_year=base, bac=bac)

    # ------------------------------------------------------------------ zones, loads
    def _zones_and_loads(self, tp_ids) -> tuple[Table, dict]:
        """load_zones.csv (returned too: local T&D reads its columns) and loads.csv."""
        f = self.f
        n_tp = len(tp_ids)
        lz = f.table("load_zones.csv")
        lz.require(["LOAD_ZONE"])
        lz.unique(["LOAD_ZONE"])
        zones = lz.text("LOAD_ZONE")
        n_zone = len(zones)
        ld = f.table("loads.csv")
        ld.require(["LOAD_ZONE", "TIMEPOINT", "zone_demand_mw"])
        ld.unique(["LOAD_ZONE", "TIMEPOINT"])
        lzi = ld.ref("LOAD_ZONE", zones, "load zone", "load_zones.csv")
        ltp = ld.ref("TIMEPOINT", tp_ids, "timepoint", "timepoints.csv")
        demand = np.full((n_zone, n_tp), np.nan)
        demand[lzi, ltp] = ld.number("zone_demand_mw")
        if np.isnan(demand).any():
            z, t = np.argwhere(np.isnan(demand))[0]
            raise CaseError(f"no load for zone '{zones[z]}' at timepoint '{tp_ids[t]}' "
                            f"({int(np.isnan(demand).sum())} zone-timepoints missing); every zone needs a load at every timepoint",
                            "loads.csv")
        return lz, dict(zones=zones, demand_mw=demand)

    # ------------------------------------------------------------------ energy sources
    def _energy_sources(self) -> tuple[np.ndarray, dict]:
        """The non-fuel energy sources, and fuels.csv's fields."""
        f = self.f
        nf = f.table("non_fuel_energy_sources.csv", optional=True)
        non_fuel = nf.text(nf.df.columns[0]) if nf is not None and len(nf.df.columns) else np.array([], object)
        fu = f.table("fuels.csv")
        fu.require(["fuel", "co2_intensity"])
        fu.unique(["fuel"])
        fuel_names = fu.text("fuel")
        fuel_co2 = fu.number("co2_intensity")
        fuel_up = fu.number("upstream_co2_intensity", 0.0)
        return non_fuel, dict(fuel_names=fuel_names, fuel_co2=fuel_co2, fuel_upstream_co2=fuel_up)

    # ------------------------------------------------------------------ unserved load, carbon policies
    def _unserved(self) -> dict:
        has_unserved = self.has("balancing.unserved_load")
        penalty = 500.0
        if has_unserved and self.f.exists("lost_load_cost.csv"):
            llc = self.f.table("lost_load_cost.csv")
            llc.require(["unserved_load_penalty"])
            penalty = float(llc.number("unserved_load_penalty", lo=0)[0])
        return dict(has_unserved=has_unserved, unserved_penalty=penalty)

    def _carbon(self, periods) -> dict:
        n_period = len(periods)
        cap = np.full(n_period, np.inf)
        price = np.zeros(n_period)
        if self.has("policies.carbon_policies") and self.f.exists("carbon_policies.csv"):
            cp = self.f.table("carbon_policies.csv")
            cp.require(["PERIOD"])
            cp.unique(["PERIOD"])
            pi = cp.period_ref("PERIOD", periods)
            cap[pi] = cp.number("carbon_cap_tco2_per_yr", np.inf)
            price[pi] = cp.number("carbon_cost_dollar_per_tco2", 0.0)
        return dict(carbon_cap=cap, carbon_price=price)

    # ------------------------------------------------------------------ projects
    def _gens(self, zones, fuel_names, non_fuel, periods, p_start, tp_ids, tp_period) -> dict:
        """Projects (gen_info.csv), their builds and which periods they are active in, capacity factors."""
        cols = self._gen_info(zones, fuel_names, non_fuel)
        names = cols["gen_names"]
        bld, gen_active = self._builds(names, cols, periods, p_start)
        cf = self._capacity_factors(names, cols["gen_is_variable"], gen_active, tp_ids, tp_period)
        return {**cols, **bld, "gen_active": gen_active, "cf": cf}

    def _gen_info(self, zones, fuel_names, non_fuel) -> dict:
        f = self.f
        gi = f.table("gen_info.csv")
        gi.require(["GENERATION_PROJECT", "gen_tech", "gen_energy_source", "gen_load_zone", "gen_max_age",
                    "gen_is_variable", "gen_full_load_heat_rate", "gen_variable_om", "gen_connect_cost_per_mw"])
        gi.unique(["GENERATION_PROJECT"])
        names = gi.text("GENERATION_PROJECT")
        n_gen = len(names)
        zone = gi.ref("gen_load_zone", zones, "load zone", "load_zones.csv")
        source = gi.text("gen_energy_source")
        fuel = pd.Index(list(fuel_names)).get_indexer(source).astype(np.int64)
        is_nf = np.isin(source, non_fuel)
        bad = (fuel < 0) & ~is_nf
        if bad.any():
            gi._fail(bad, "gen_energy_source", "unknown energy source (not in fuels.csv or non_fuel_energy_sources.csv)", source)
        heat = gi.number("gen_full_load_heat_rate", np.nan, lo=0)
        bad = (fuel >= 0) & np.isnan(heat)
        if bad.any() and "switch_model.generators.core.commit.fuel_use" not in self.modules:
            # (with commit.fuel_use a part-load curve may give it instead: commit_fuel_use.load checks)
            gi._fail(bad, "gen_full_load_heat_rate", "expected a heat rate for a fuel-based project", 
                     gi.df["gen_full_load_heat_rate"].to_numpy(dtype=object))
        heat = np.where(fuel >= 0, heat, 0.0)
        if f.exists("gen_multiple_fuels.csv") and len(f.table("gen_multiple_fuels.csv")):
            raise CaseError("multi-fuel projects are not supported yet", "gen_multiple_fuels.csv", 2)
        min_build = gi.number("gen_min_build_capacity", 0.0, lo=0)
        for col in ("gen_can_suspend", "gen_can_retire_early"):
            if gi.has(col):
                v = gi.flag(col)
                if v.any():
                    gi._fail(v, col, "suspension / early retirement is not supported yet; expected 0",
                             gi.df[col].to_numpy(dtype=object))
        is_var = gi.flag("gen_is_variable")
        is_base = gi.flag("gen_is_baseload")
        fo = gi.number("gen_forced_outage_rate", 0.0, lo=0, hi=1)
        so = gi.number("gen_scheduled_outage_rate", 0.0, lo=0, hi=1)
        avail = np.where(is_base, (1 - fo) * (1 - so), 1 - fo)
        ccs_eff = gi.number("gen_ccs_capture_efficiency", 0.0, lo=0, hi=1)
        ccs_load = gi.number("gen_ccs_energy_load", 0.0, lo=0, hi=1)
        has_sto_mod = self.has("generators.extensions.storage")
        if has_sto_mod:
            eff = gi.number("gen_storage_efficiency", np.nan, lo=0, hi=1)
            is_sto = ~np.isnan(eff)
        else:
            eff = np.full(n_gen, np.nan)
            is_sto = np.zeros(n_gen, bool)
        s2r = gi.number("gen_store_to_release_ratio", 1.0, lo=0) if has_sto_mod else np.ones(n_gen)
        ratio = gi.number("gen_storage_energy_to_power_ratio", np.nan, lo=0) if has_sto_mod else np.full(n_gen, np.nan)
        cycles = gi.number("gen_storage_max_cycles_per_year", np.inf, lo=0) if has_sto_mod else np.full(n_gen, np.inf)
        is_dist = gi.flag("gen_is_distributed")
        is_re = gi.flag("gen_is_re_connect") & is_sto
        attach = np.where(is_sto & is_dist, 2, np.where(is_re, 1, 0)).astype(np.int64)
        return dict(
            gen_names=names, gen_zone=zone, gen_fuel=fuel, gen_tech=gi.text("gen_tech"), gen_source=source,
            gen_heat_rate=heat, gen_vom=gi.number("gen_variable_om"),
            gen_connect=gi.number("gen_connect_cost_per_mw"),
            gen_max_age=gi.number("gen_max_age", lo=0, lo_open=True),
            gen_cap_limit=gi.number("gen_capacity_limit_mw", np.inf, lo=0),
            gen_avail=avail, gen_is_variable=is_var, gen_is_baseload=is_base,
            gen_is_distributed=is_dist, gen_is_re_connect=is_re, gen_is_storage=is_sto,
            gen_ccs_eff=ccs_eff, gen_ccs_load=ccs_load,
            gen_sto_eff=np.nan_to_num(eff), gen_sto_s2r=s2r, gen_sto_ratio=ratio, gen_sto_cycles=cycles,
            gen_attachment=attach, gen_min_build=min_build,
        )

    def _builds(self, names, cols, periods, p_start) -> tuple[dict, np.ndarray]:
        """gen_build_costs.csv and gen_build_predetermined.csv: the builds online in some period (SWITCH's
        retire-late rule), and (n_gen, n_period) whether each project has any."""
        f = self.f
        n_gen, n_period = len(names), len(periods)
        is_sto = cols["gen_is_storage"]
        has_sto_mod = self.has("generators.extensions.storage")
        bc = f.table("gen_build_costs.csv")
        bc.require(["GENERATION_PROJECT", "build_year", "gen_overnight_cost", "gen_fixed_om"])
        bc.unique(["GENERATION_PROJECT", "build_year"])
        bg = bc.ref("GENERATION_PROJECT", names, "generation project", "gen_info.csv")
        by = bc.number("build_year")
        over = bc.number("gen_overnight_cost")
        fom = bc.number("gen_fixed_om")
        sto_b = is_sto[bg]
        if has_sto_mod and sto_b.any():
            e_over = bc.number("gen_storage_energy_overnight_cost", np.nan)
            if np.isnan(e_over[sto_b]).any():
                bc._fail(sto_b & np.isnan(e_over), "gen_storage_energy_overnight_cost",
                         "expected an energy cost for every storage build", bc.df.get("gen_storage_energy_overnight_cost", pd.Series(["."] * len(bc))).to_numpy(dtype=object))
            e_fom = bc.number("gen_storage_energy_fixed_om", 0.0)
        else:
            e_over = np.zeros(len(bc)); e_fom = np.zeros(len(bc))
        e_over = np.where(sto_b, e_over, 0.0); e_fom = np.where(sto_b, e_fom, 0.0)
        fixed = np.zeros(len(bc), bool); fixed_mw = np.zeros(len(bc)); fixed_mwh = np.full(len(bc), np.nan)
        pr = f.table("gen_build_predetermined.csv", optional=True)
        if pr is not None and len(pr):
            pr.require(["GENERATION_PROJECT", "build_year", "build_gen_predetermined"])
            pr.unique(["GENERATION_PROJECT", "build_year"])
            pg = pr.ref("GENERATION_PROJECT", names, "generation project", "gen_info.csv")
            py = pr.number("build_year")
            pmw = pr.number("build_gen_predetermined", lo=0)
            pmwh = pr.number("build_gen_energy_predetermined", np.nan, lo=0)
            key_c = pd.MultiIndex.from_arrays([bg, by])
            pos = key_c.get_indexer(pd.MultiIndex.from_arrays([pg, py]))
            hit = pos >= 0
            fixed[pos[hit]] = True
            fixed_mw[pos[hit]] = pmw[hit]
            fixed_mwh[pos[hit]] = pmwh[hit]
        is_period = np.isin(by, periods.astype(np.float64))
        bad = ~is_period & ~fixed
        if bad.any():
            bc._fail(bad, "build_year", "a new build must be in a period (periods.csv) unless it is predetermined "
                     "(gen_build_predetermined.csv)", bc.df["build_year"].to_numpy(dtype=object))
        # online rule (build.py, retire 'late')
        period_pos = pd.Index(periods.astype(np.float64)).get_indexer(by)
        online_year = np.where(period_pos >= 0, p_start[np.maximum(period_pos, 0)], by)
        retire = online_year + cols["gen_max_age"][bg]
        online = ((online_year[:, None] <= p_start[None, :]) & (p_start[None, :] < retire[:, None]))
        online |= (by[:, None] == periods[None, :].astype(np.float64))
        keep = online.any(axis=1)
        bld = dict(
            bld_gen=bg[keep], bld_year=by[keep], bld_fixed=fixed[keep], bld_fixed_mw=fixed_mw[keep],
            bld_overnight=over[keep], bld_fixed_om=fom[keep], bld_e_overnight=e_over[keep],
            bld_e_fixed_om=e_fom[keep], bld_e_fixed_mwh=fixed_mwh[keep], bld_online=online[keep],
        )
        gen_active = np.zeros((n_gen, n_period), bool)
        np.logical_or.at(gen_active, bg[keep], online[keep])
        return bld, gen_active

    def _capacity_factors(self, names, is_var, gen_active, tp_ids, tp_period) -> np.ndarray:
        """(n_gen, n_tp): variable_capacity_factors.csv for variable projects, 1 for the others."""
        f = self.f
        n_gen, n_tp = len(names), len(tp_ids)
        cf = np.ones((n_gen, n_tp))
        if is_var.any():
            vc = f.table("variable_capacity_factors.csv")
            vc.require(["GENERATION_PROJECT", "timepoint", "gen_max_capacity_factor"])
            vc.unique(["GENERATION_PROJECT", "timepoint"])
            vg = vc.ref("GENERATION_PROJECT", names, "generation project", "gen_info.csv")
            vt = vc.ref("timepoint", tp_ids, "timepoint", "timepoints.csv")
            vv = vc.number("gen_max_capacity_factor")
            bad = ~is_var[vg]
            if bad.any():
                vc._fail(bad, "GENERATION_PROJECT", "capacity factor given for a project that is not variable "
                         "(gen_is_variable = 0 in gen_info.csv)", vc.df["GENERATION_PROJECT"].to_numpy(dtype=object))
            bad = ~((vv > -1) & (vv < 2))
            if bad.any():
                vc._fail(bad, "gen_max_capacity_factor", "expected -1 < capacity factor < 2",
                         vc.df["gen_max_capacity_factor"].to_numpy(dtype=object))
            cf[is_var] = np.nan
            cf[vg, vt] = vv
            need = gen_active[:, tp_period] & is_var[:, None]
            miss = need & np.isnan(cf)
            if miss.any():
                g, t = np.argwhere(miss)[0]
                raise CaseError(f"no capacity factor for variable project '{names[g]}' at timepoint '{tp_ids[t]}' "
                                f"({int(miss.sum())} missing in all)", "variable_capacity_factors.csv")
            cf = np.nan_to_num(cf, nan=0.0)
        return cf

    # ------------------------------------------------------------------ fuels
    def _fuels(self, zones, fuel_names, periods) -> dict:
        f = self.f
        n_zone, n_fuel, n_period = len(zones), len(fuel_names), len(periods)
        out = dict(fuel_mode="none", fuel_cost=np.full((n_zone, n_fuel, n_period), np.nan),
                   zone_fuel_rfm=np.full((n_zone, n_fuel), -1, np.int64), rfm_names=np.array([], object),
                   rfm_fuel=np.zeros(0, np.int64), tier_rfm=np.zeros(0, np.int64),
                   tier_period=np.zeros(0, np.int64), tier_cost=np.zeros(0), tier_limit=np.zeros(0))
        if self.has("energy_sources.fuel_costs.simple"):
            fc, z, fi, p, cost = self._fuel_cost(zones, fuel_names, periods)
            out["fuel_cost"][z, fi, p] = cost
            out["fuel_mode"] = "simple"
        elif self.has("energy_sources.fuel_costs.markets"):
            rm = f.table("regional_fuel_markets.csv")
            rm.require(["regional_fuel_market", "fuel"])
            rm.unique(["regional_fuel_market"])
            rfm_names = list(rm.text("regional_fuel_market"))
            rfm_fuel = list(rm.ref("fuel", fuel_names, "fuel", "fuels.csv"))
            # zone_fuel_cost_diff.csv (zone_fuel_cost_adder) is read by switch-model 2.0.9 but enters
            # none of its costs (markets.py: FuelCostsPerPeriod sums tier costs only), so it is not read.
            zr = f.table("zone_to_regional_fuel_market.csv")
            zr.require(["load_zone", "regional_fuel_market"])
            zr.unique(["load_zone", "regional_fuel_market"])
            zz = zr.ref("load_zone", zones, "load zone", "load_zones.csv")
            zm = zr.ref("regional_fuel_market", rfm_names, "regional fuel market", "regional_fuel_markets.csv")
            zfr = out["zone_fuel_rfm"]
            for k in range(len(zz)):  # a few dozen rows of a small table, not the build path
                ff = rfm_fuel[zm[k]]
                if zfr[zz[k], ff] >= 0:
                    raise CaseError(f"zone '{zones[zz[k]]}' is in two markets for fuel '{fuel_names[ff]}'",
                                    zr.file, int(zr.lines[k]), "regional_fuel_market")
                zfr[zz[k], ff] = zm[k]
            sc = f.table("fuel_supply_curves.csv")
            sc.require(["regional_fuel_market", "period", "tier", "unit_cost"])
            sc.unique(["regional_fuel_market", "period", "tier"])
            t_rfm = list(sc.ref("regional_fuel_market", rfm_names, "regional fuel market", "regional_fuel_markets.csv"))
            t_p = list(sc.period_ref("period", periods))
            t_cost = list(sc.number("unit_cost"))
            t_lim = list(sc.number("max_avail_at_cost", np.inf, lo=0))
            if f.exists("fuel_cost.csv"):
                fc, z, fi, p, cost = self._fuel_cost(zones, fuel_names, periods)
                # switch-model's own check (markets.py) rejects any simple cost for a fuel that
                # any zone already buys in a market.
                market_fuels = set(rfm_fuel[m] for m in zm)
                for k in range(len(z)):
                    if fi[k] in market_fuels:
                        raise CaseError(f"fuel '{fuel_names[fi[k]]}' is already sold in a regional fuel market, so it "
                                        f"cannot also have a simple cost", fc.file, int(fc.lines[k]), "fuel")
                    name = f"{zones[z[k]]}_{fuel_names[fi[k]]}"
                    if zfr[z[k], fi[k]] < 0:
                        if name in rfm_names:
                            raise CaseError(f"a regional fuel market named '{name}' already exists",
                                            fc.file, int(fc.lines[k]), "fuel")
                        rfm_names.append(name); rfm_fuel.append(fi[k]); zfr[z[k], fi[k]] = len(rfm_names) - 1
                    t_rfm.append(zfr[z[k], fi[k]]); t_p.append(p[k]); t_cost.append(cost[k]); t_lim.append(np.inf)
            out.update(fuel_mode="markets", rfm_names=np.array(rfm_names, object),
                       rfm_fuel=np.array(rfm_fuel, np.int64), tier_rfm=np.array(t_rfm, np.int64),
                       tier_period=np.array(t_p, np.int64), tier_cost=np.array(t_cost, np.float64),
                       tier_limit=np.array(t_lim, np.float64))
        return out

    def _fuel_cost(self, zones, fuel_names, periods) -> tuple[Table, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """fuel_cost.csv, read by both fuel-cost modules: the table, and per row its zone, fuel and period
        indices and its cost."""
        fc = self.f.table("fuel_cost.csv")
        fc.require(["load_zone", "fuel", "period", "fuel_cost"])
        fc.unique(["load_zone", "fuel", "period"])
        return (fc, fc.ref("load_zone", zones, "load zone", "load_zones.csv"),
                fc.ref("fuel", fuel_names, "fuel", "fuels.csv"), fc.period_ref("period", periods),
                fc.number("fuel_cost"))

    # ------------------------------------------------------------------ hydro
    def _hydro(self, gen_names, ts_names, ts_period, gen_active):
        n_gen, n_ts = len(gen_names), len(ts_names)
        hmin = np.full((n_gen, n_ts), np.nan)
        havg = np.full((n_gen, n_ts), np.nan)
        if not self.has("generators.extensions.hydro_simple"):
            return dict(hydro_min_mw=hmin, hydro_avg_mw=havg)
        ht = self.f.table("hydro_timeseries.csv")
        ht.require(["hydro_project", "timeseries", "hydro_min_flow_mw", "hydro_avg_flow_mw"])
        ht.unique(["hydro_project", "timeseries"])
        g = ht.ref("hydro_project", gen_names, "generation project", "gen_info.csv")
        s = ht.ref("timeseries", ts_names, "timeseries", "timeseries.csv")
        hmin[g, s] = ht.number("hydro_min_flow_mw", lo=0)
        havg[g, s] = ht.number("hydro_avg_flow_mw", lo=0)
        hydro = np.zeros(n_gen, bool); hydro[g] = True
        need = hydro[:, None] & gen_active[:, ts_period]
        miss = need & np.isnan(havg)
        if miss.any():
            gg, ss = np.argwhere(miss)[0]
            raise CaseError(f"no flows for hydro project '{gen_names[gg]}' in timeseries '{ts_names[ss]}' "
                            f"({int(miss.sum())} missing in all)", ht.file)
        return dict(hydro_min_mw=hmin, hydro_avg_mw=havg)

    # ------------------------------------------------------------------ transmission
    def _transmission(self, zones, i_rate, n_period) -> dict:
        out = dict(has_tx=False, tx_names=np.array([], object), tx_from=np.zeros(0, np.int64),
                   tx_to=np.zeros(0, np.int64), tx_eff=np.zeros(0), tx_existing=np.zeros(0),
                   tx_derate=np.zeros(0), tx_new=np.zeros(0, bool), tx_cost_annual=np.zeros(0))
        if not self.has("transmission.transport.build"):
            return out
        tl = self.f.table("transmission_lines.csv")
        tl.require(["TRANSMISSION_LINE", "trans_lz1", "trans_lz2", "trans_length_km", "trans_efficiency",
                    "existing_trans_cap"])
        tl.unique(["TRANSMISSION_LINE"])
        a = tl.ref("trans_lz1", zones, "load zone", "load_zones.csv")
        b = tl.ref("trans_lz2", zones, "load zone", "load_zones.csv")
        if np.any(a == b):
            tl._fail(a == b, "trans_lz2", "a line must join two different zones", tl.df["trans_lz2"].to_numpy(dtype=object))
        pair = pd.MultiIndex.from_arrays([np.minimum(a, b), np.maximum(a, b)])
        dup = pair.duplicated()
        if dup.any():
            tl._fail(dup, "trans_lz2", "a second line between the same two zones (A-B and B-A count as one pair)",
                     tl.df["trans_lz2"].to_numpy(dtype=object))
        cost_mw_km, life, om = 1000.0, 20.0, 0.03
        if self.f.exists("trans_params.csv"):
            tp = self.f.table("trans_params.csv")
            if len(tp):
                cost_mw_km = float(tp.number("trans_capital_cost_per_mw_km", 1000.0)[0])
                life = float(tp.number("trans_lifetime_yrs", 20.0, lo=0, lo_open=True)[0])
                om = float(tp.number("trans_fixed_om_fraction", 0.03)[0])
        length = tl.number("trans_length_km", lo=0)
        terrain = tl.number("trans_terrain_multiplier", 1.0, lo=0)
        crf = i_rate / (1 - (1 + i_rate) ** -life) if i_rate != 0 else 1 / life
        out.update(has_tx=True, tx_names=tl.text("TRANSMISSION_LINE"), tx_from=a, tx_to=b,
                   tx_eff=tl.number("trans_efficiency", lo=0, hi=1), tx_existing=tl.number("existing_trans_cap", lo=0),
                   tx_derate=tl.number("trans_derating_factor", 1.0, lo=0, hi=1),
                   tx_new=tl.flag("trans_new_build_allowed", True),
                   tx_cost_annual=cost_mw_km * terrain * length * (crf + om))
        if not self.has("transmission.transport.dispatch"):
            raise CaseError("transport.build without transport.dispatch is not supported", self.f.modules_file)
        return out

    # ------------------------------------------------------------------ local T&D
    def _local_td(self, lz: Table, zones, periods) -> dict:
        n_zone, n_period = len(zones), len(periods)
        peak = np.full((n_zone, n_period), np.nan)
        if not self.has("transmission.local_td"):
            return dict(has_local_td=False, td_existing=np.zeros(n_zone), td_cost=np.zeros(n_zone),
                        td_loss=np.zeros(n_zone), td_peak=peak)
        cp = self.f.table("zone_coincident_peak_demand.csv", optional=True)
        if cp is not None and len(cp):
            cp.require(["LOAD_ZONE", "PERIOD", "zone_expected_coincident_peak_demand"])
            cp.unique(["LOAD_ZONE", "PERIOD"])
            z = cp.ref("LOAD_ZONE", zones, "load zone", "load_zones.csv")
            p = cp.period_ref("PERIOD", periods)
            peak[z, p] = cp.number("zone_expected_coincident_peak_demand", lo=0)
        # load_zones.csv must carry both columns (local_td.py load_inputs: only the loss rate is optional)
        return dict(has_local_td=True, td_existing=lz.number("existing_local_td", optional_column=False, lo=0),
                    td_cost=lz.number("local_td_annual_cost_per_mw", optional_column=False, lo=0),
                    td_loss=lz.number("local_td_loss_rate", 0.053, lo=0), td_peak=peak)
