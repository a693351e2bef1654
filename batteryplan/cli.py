"""Command line: ``batteryplan run | validate | scenarios | export | sweep | crossover | split-range | report |
fidelity``.

Bad input prints one line naming file, line and column and exits 2; no traceback reaches the user.
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click
import numpy as np

from .errors import CaseError, SolveError

BUNDLED = Path(__file__).parent / "cases" / "china" / "inputs"
_NO_AGGREGATE_HELP = ("Keep projects with identical parameters apart (default: merge them into one; same optimum, "
                      "results per project as read).")
DEFAULT_SCENARIO = "Grid-Low-R"
_MODULES_HELP = ("Module list: NAME reads the inputs folder's variant modules_NAME.txt (the bundled case has stage1, "
                 "the stage-1 list), a path that file; default: {}.")
_modules_option = click.option("--modules", "modules", default=None, metavar="NAME",
                               help=_MODULES_HELP.format("modules.txt"))


def _case_path(case: str | None) -> Path:
    if case:
        return Path(case)
    if not BUNDLED.is_dir():
        raise CaseError(f"the bundled China case is missing at {BUNDLED}; regenerate it with "
                        f"'python scripts/make_china_case.py'")
    return BUNDLED


def _load(case: str | None, scenario: str | None, multiplier: float, techs: tuple[str, ...],
          full_mixed: bool = False, aggregate: bool = True, modules: str | None = None):
    from .io.switch_reader import read_case
    from .scenarios import parse, read_scenario
    path = _case_path(case)
    if scenario is None and case is None:
        scenario = DEFAULT_SCENARIO
    if scenario is None and (multiplier != 1.0 or techs):
        raise CaseError("--carbon-multiplier and --battery-tech need --scenario")
    if scenario is None:
        return read_case(path, aggregate=aggregate, modules=modules)
    return read_scenario(path, parse(scenario, multiplier, techs), full_mixed=full_mixed, aggregate=aggregate,
                         modules=modules)


def _options(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for p in pairs:
        if "=" not in p:
            raise CaseError(f"--solver-option: expected KEY=VALUE, got {p!r}")
        k, v = p.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _solver_settings(profile: str | None, pairs: tuple[str, ...]) -> dict[str, object]:
    """--profile and --solver-option, checked against HiGHS before any reading (a bad one exits 2)."""
    from .solver.highs import check_options
    from .solver.policy import profile_options
    try:
        opts = {**(profile_options(profile) if profile else {}), **_options(pairs)}
        check_options(opts)
    except SolveError as exc:
        what = "--profile" if profile and "profile" in str(exc) else "--solver-option"
        raise CaseError(f"{what}: {exc}") from None
    return opts


class _Main(click.Group):
    def invoke(self, ctx):
        from .solver.progress import kept
        try:
            with kept():                # the progress display and Ctrl-C settings last for this command only
                return super().invoke(ctx)
        except CaseError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except SolveError as exc:
            click.echo(f"solve failed: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt as exc:   # Ctrl-C: HiGHS was stopped (progress.watching), nothing half-written
            from .solver.progress import EXIT_INTERRUPTED
            message = str(exc) or INTERRUPTED
            click.echo("\n" + message if sys.stderr.isatty() else message, err=True)
            sys.exit(EXIT_INTERRUPTED)
        except OSError as exc:          # writing an output failed after the checks passed (disk full, ...)
            where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
            click.echo(f"error: cannot write{where}: {exc.strerror or exc}", err=True)
            sys.exit(2)


# After Ctrl-C, HiGHS gets this long to return through its interrupt callbacks before the process ends anyway
# (presolve, HiPO's analysis and the start of crossover call none).
FORCE_EXIT_AFTER_S = 1.0
INTERRUPTED = "interrupted (Ctrl-C): the solve was stopped and nothing was written"


@click.group(cls=_Main)
@click.option("-v", "--verbose", is_flag=True, help="Log each phase, and HiGHS's own log.")
def main(verbose: bool) -> None:
    """Battery-storage planning on SWITCH 2.0.9 inputs, built with Numba and solved by HiGHS."""
    from .solver.progress import Display, configure
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    configure(display=Display(sys.stderr), echo_log=verbose, force_exit_after=FORCE_EXIT_AFTER_S,
              exit_message=INTERRUPTED)


@main.command()
@click.argument("case", required=False)
@click.option("--out", "out", type=click.Path(dir_okay=False), help="HDF5 result file to write.")
@click.option("--scenario", help=f"Study scenario, e.g. Mixed-High-R (default for the bundled case: {DEFAULT_SCENARIO}).")
@click.option("--carbon-multiplier", type=float, default=1.0, show_default=True,
              help="Multiply the scenario's carbon price path by this (with a CASE given, needs --scenario).")
@click.option("--battery-tech", "battery_techs", multiple=True, help="Battery technology name(s) for the strategy.")
@click.option("--solver-option", "solver_options", multiple=True, metavar="KEY=VALUE", help="HiGHS option.")
@click.option("--threads", type=int, default=None,
              help="HiGHS threads (default, or 0: every core this process may use).")
@click.option("--profile", default=None,
              help="Solver profile: default, simplex, primal, ipx, ipx-nocross, hipo, hipo-nocross, pdlp "
                   "(default: chosen by size; see docs/solver_profiles.md).")
@click.option("--full-mixed", is_flag=True,
              help="Mixed: keep the RE-connected copies that grid copies dominate (same optimum, bigger LP).")
@click.option("--no-aggregate", "no_aggregate", is_flag=True, help=_NO_AGGREGATE_HELP)
@_modules_option
def run(case, out, scenario, carbon_multiplier, battery_techs, solver_options, threads, profile, full_mixed,
        no_aggregate, modules) -> None:
    """Read CASE (a SWITCH inputs folder; default: the bundled China case), build, solve, write."""
    from .csc_builder import build
    from .outputs import check_file, save_result
    from .result import NO_PRICES
    from .solver.policy import usable_cores
    from .solver.solve import solve
    opts = _solver_settings(profile, solver_options)
    if out:
        check_file(out, "the result file")
    t0 = time.perf_counter()
    c = _load(case, scenario, carbon_multiplier, tuple(battery_techs), full_mixed, not no_aggregate, modules)
    t_read = time.perf_counter() - t0
    merged = f" ({c.fleet.n_orig} as read, identical ones merged)" if c.fleet is not None else ""
    click.echo(f"case {c.name}: {c.n_zone} zones, {c.n_period} periods, {c.n_tp} timepoints, "
               f"{c.n_gen} projects{merged}; {_scenario_said(c, case)}; module list {c.modules_file}", err=True)
    lp = build(c)
    click.echo(f"LP: {lp.A.shape[0]:,} rows x {lp.A.shape[1]:,} columns, {lp.A.nnz:,} nonzeros; solving ...",
               err=True)
    res = solve(lp, options=opts, threads=threads or usable_cores())
    res.seconds["read"] = t_read
    t1 = time.perf_counter()
    saved, why = save_result(res, out) if out else (None, None)
    t_write = time.perf_counter() - t1
    click.echo(f"objective: {res.objective:.10g} $ (NPV)")
    co2 = res.summary["co2_t_per_yr"]
    for p, v in zip(c.periods, co2):
        click.echo(f"  CO2 {p}: {v / 1e6:,.3f} Mt/yr")
    if not res.has_prices:
        click.echo(f"note: {NO_PRICES}", err=True)
    click.echo(f"seconds: read {t_read:.2f}, build {res.seconds['build']:.2f}, "
               f"solve {res.seconds['handover'] + res.seconds['solve']:.2f}, write {t_write:.2f}")
    if why is not None:
        click.echo(f"error: could not write {out} ({why}); the result is saved as {saved} instead", err=True)
        sys.exit(2)
    if out:
        click.echo(f"wrote {out}")


def _scenario_said(c, case: str | None) -> str:
    """Which scenario ran, in words: its name, or "no scenario" and what that means for this case."""
    if c.scenario:
        return f"scenario {c.scenario['name']}"
    folder = _case_path(case)
    folder = folder / "inputs" if (folder / "inputs").is_dir() else folder
    if any((folder / f).is_file() for f in ("carbon_price_paths.csv", "battery_cost_paths.csv")):
        return ("no scenario: the case's own carbon_policies.csv and battery costs (it has scenario files; "
                "--scenario applies one)")
    return "no scenario"


@main.command()
@click.argument("case", required=False)
@click.option("--scenario", default=None,
              help="Read CASE under this study scenario, e.g. Mixed-High-R, as run would (default for the "
                   f"bundled case: {DEFAULT_SCENARIO}; for another case: as its files are).")
@_modules_option
def validate(case, scenario, modules) -> None:
    """Check CASE (a SWITCH inputs folder; default: the bundled China case) and print what it holds."""
    c = _load(case, scenario, 1.0, (), aggregate=False, modules=modules)          # projects as read
    click.echo(f"case {c.name}: OK")
    click.echo(f"module list {c.modules_file}: {len(c.modules)} modules")
    click.echo(f"zones ({c.n_zone}): {', '.join(map(str, c.zones[:12]))}{' ...' if c.n_zone > 12 else ''}")
    click.echo(f"periods: {', '.join(map(str, c.periods))}; timepoints: {c.n_tp} "
               f"({c.n_ts} timeseries)")
    techs, inv = np.unique(c.gen_tech.astype(str), return_inverse=True)
    cap = np.zeros((c.n_gen, c.n_period))
    np.add.at(cap, c.bld_gen, (c.bld_fixed_mw * c.bld_fixed)[:, None] * c.bld_online)
    click.echo("projects by technology (count; existing MW in the first period):")
    for k, t in enumerate(techs):
        click.echo(f"  {t:<28} {int((inv == k).sum()):>6}  {cap[inv == k, 0].sum():>14,.0f}")
    energy = (c.demand_mw * c.tp_weight_in_year[None, :]).sum(axis=0)
    for p in range(c.n_period):
        click.echo(f"demand {c.periods[p]}: {energy[c.tp_period == p].sum() / 1e6:,.1f} TWh/yr")


@main.command()
@click.argument("result", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder for the CSVs.")
def export(result, out) -> None:
    """Write switch-model-style output CSVs (total_cost.txt, BuildGen.csv, dispatch.csv, ...) from RESULT."""
    from .io.switch_export import export_switch_outputs
    from .io.results import read_result
    from .outputs import check_folder
    from .result import NO_PRICES
    check_folder(out, "the CSVs into the folder")
    res = read_result(result)
    for p in export_switch_outputs(res, out):
        click.echo(str(p))
    if not res.has_prices:
        click.echo(f"note: {NO_PRICES}", err=True)


@main.command()
def scenarios() -> None:
    """List the study's scenarios."""
    from .scenarios import PAPER, all_names
    for name in all_names():
        click.echo(name + ("  (paper)" if name in PAPER else ""))


@main.command()
@click.argument("results", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder for the report.")
@click.option("--province", "provinces", multiple=True,
              help="Province for figures 3, 4 and 6 (repeat; default: Chongqing and West Inner Mongolia).")
@click.option("--year", "--period", "year", type=int, default=2040, show_default=True,
              help="Year whose period figures 2, 3, 5 and 6 show (periods are labelled by their first year).")
@click.option("--threshold", type=float, default=0.1, show_default=True,
              help="Province class threshold: generation/demand > 1+T supply, < 1-T demand.")
@click.option("--focus", default=None, help="Scenario of figure 6 (default: the first Mixed scenario).")
@click.option("--battery-tech", "battery_techs", multiple=True, help="Battery technology name(s).")
def report(results, out, provinces, year, threshold, focus, battery_techs) -> None:
    """Figures (PNG, SVG), CSV tables and a self-contained index.html from RESULTS: result files, sweep catalogs
    (.csv or .parquet with a 'file' column) or sweep folders."""
    from .outputs import check_folder
    from .report.page import ReportError, write_report
    check_folder(out, "the report into the folder")
    try:
        rep = write_report(results, out, provinces=provinces or None, year=year, threshold=threshold,
                           focus=focus, battery_techs=battery_techs or None)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from exc
    for note in rep.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{len(rep.scenarios)} scenario(s), period {rep.period}, provinces {', '.join(rep.provinces)}")
    click.echo(f"wrote {len(rep.files)} files; open {Path(out) / 'index.html'}")


@main.command("fidelity")
@click.argument("results_dir", type=click.Path(exists=True))
@click.option("--out", "out", default="docs/fidelity.md", show_default=True, type=click.Path(dir_okay=False),
              help="Markdown page to write; its PNG figures and CSVs go beside it, named after it.")
@click.option("--case", "case", default=None, type=click.Path(exists=True, file_okay=False),
              help="Inputs folder the results were solved from, for the existing fleet's capital annuities in "
                   "Fig. 2's cost per MWh (default: the bundled China case).")
@click.option("--split-range", "split_range_csv", default=None, type=click.Path(exists=True, dir_okay=False),
              help="CSV of 'batteryplan split-range Mixed-Low-R.h5 --provinces Chongqing,West_Inner_Mongolia --out' "
                   "to check the Mixed split (without it: not checked).")
@click.option("--crossover", "crossover_csv", default=None, type=click.Path(exists=True, dir_okay=False),
              help="CSV of 'batteryplan crossover --strategies Mixed,RE --metric cumulative_co2 --out' to check the "
                   "carbon price at which Mixed has the lowest CO2 (without it: not checked).")
@click.option("--threshold", type=float, default=0.1, show_default=True,
              help="Province class threshold: generation/demand > 1+T supply, < 1-T demand.")
@click.option("--note", default=None, help="What the results are (case version, carbon path, machine), printed "
                                          "under the page's title.")
def fidelity_command(results_dir, out, case, split_range_csv, crossover_csv, threshold, note) -> None:
    """The study's Figs. 2-6 numbers beside ours and its findings decided on the results in RESULTS_DIR (a sweep
    folder: its catalog, else every *.h5 in it): a markdown page with PNG figures."""
    from .outputs import check_file
    from .report.fidelity import write_fidelity
    from .report.study import FidelityError
    check_file(out, "the page")
    try:
        fid = write_fidelity(results_dir, out, case=case, split_range_csv=split_range_csv,
                             crossover_csv=crossover_csv, threshold=threshold, note=note)
    except FidelityError as exc:
        raise click.ClickException(str(exc)) from exc
    for f in fid.findings:
        click.echo(f"{f.verdict:<16} {f.claim}")
    if fid.missing:
        click.echo(f"missing among the study's scenarios: {', '.join(fid.missing)}", err=True)
    click.echo(f"wrote {fid.out} and {len(fid.files) - 1} files beside it")


# -- sweeps, crossover, split-range --------------------------------------------------------------------

def _floats(text: str, what: str) -> list[float]:
    try:
        return [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise click.BadParameter(f"expected comma-separated numbers, got {text!r}", param_hint=what) from None


_METHOD_HELP = ("Cold solve of each chain: simplex, ipm (interior point + crossover) or auto (by LP size; default); "
                "later solves are warm simplex.")
_SWEEP_METHOD_HELP = _METHOD_HELP + (" Where no warm solve follows, ipm skips crossover unless "
                                     "--solver-option run_crossover=on.")


@main.command("sweep")
@click.argument("case", required=False)
@click.option("--scenarios", default="paper", show_default=True,
              help="paper (the study's 20), all (24), or scenario names, comma-separated.")
@click.option("--carbon-multipliers", default="1", show_default=True,
              help="Comma-separated multipliers of each scenario's carbon path, e.g. 1,2,5,10.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for the result files and catalog.csv / catalog.parquet.")
@click.option("--workers", type=int, default=None, help="Processes (default: CPUs, at most one per strategy).")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786.")
@click.option("--local-cluster", is_flag=True, help="Run on a Dask LocalCluster of --workers processes.")
@click.option("--resume", is_flag=True, help="Keep complete result files in --out; solve only what is missing.")
@click.option("--overwrite", is_flag=True,
              help="--out holds an earlier sweep: delete its catalog, solve log and the result files it lists, "
                   "then solve everything.")
@click.option("--quiet", is_flag=True, help="No progress bar and no line per scenario.")
@click.option("--method", type=click.Choice(["auto", "simplex", "ipm"]), default=None, help=_SWEEP_METHOD_HELP)
@click.option("--cold", is_flag=True, help="Solve every scenario cold (no warm starts).")
@click.option("--warm", is_flag=True,
              help="Chain each strategy's scenarios warm, whatever the size (default: warm below 200,000 rows).")
@click.option("--max-chain", type=int, default=None, help="Split each strategy's chain into pieces of this size.")
@click.option("--warm-limit", type=float, default=0.5, show_default=True,
              help="Abandon a warm solve for a cold one after this multiple of the last cold solve's time (0: never).")
@click.option("--battery-tech", "battery_techs", multiple=True, help="Battery technology name(s) for the strategy.")
@click.option("--solver-option", "solver_options", multiple=True, metavar="KEY=VALUE", help="HiGHS option.")
@click.option("--full-mixed", is_flag=True,
              help="Mixed: keep the RE-connected copies that grid copies dominate (same optimum, bigger LP).")
@click.option("--no-aggregate", "no_aggregate", is_flag=True, help=_NO_AGGREGATE_HELP)
@_modules_option
def sweep_command(case, scenarios, carbon_multipliers, out, workers, scheduler, local_cluster, resume, overwrite, quiet,
                  method, cold, warm, max_chain, warm_limit, battery_techs, solver_options, full_mixed,
                  no_aggregate, modules) -> None:
    """Solve many scenarios of CASE (default: the bundled China case), warm-started, in parallel."""
    from .sweep import sweep
    from .solver.policy import DEFAULT_METHOD
    from .sweep.files import SweepBusyError
    if cold and warm:
        raise click.UsageError("--cold and --warm exclude each other")
    if resume and overwrite:
        raise click.UsageError("--resume and --overwrite exclude each other")
    from .solver.progress import Interrupted, configure
    stopped = (f"interrupted (Ctrl-C): the scenarios not finished are marked pending in "
               f"{Path(out) / 'catalog.csv'}; --resume solves them")
    configure(exit_message=stopped)             # also what a forced exit during a solve prints
    options = _solver_settings(None, solver_options)
    try:
        df = sweep(case, scenarios, _floats(carbon_multipliers, "--carbon-multipliers"), out, workers=workers,
                   scheduler=scheduler, local_cluster=local_cluster, resume=resume, quiet=quiet,
                   method=method or DEFAULT_METHOD, warm=False if cold else (True if warm else "auto"),
                   solver_options=options, overwrite=overwrite,
                   battery_techs=battery_techs, max_chain=max_chain, warm_limit=warm_limit,
                   full_mixed=full_mixed, aggregate=not no_aggregate, modules=modules)
    except SweepBusyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:                   # in this process's solve, or while the workers ran
        raise Interrupted(stopped) from None
    bad = df[df["status"] != "Optimal"]
    if not quiet:
        click.echo(f"{len(df) - len(bad)} of {len(df)} scenarios optimal; catalog: "
                   f"{Path(out) / 'catalog.csv'} (and .parquet)", err=True)
    if len(bad):
        click.echo("failed: " + ", ".join(bad["name"]), err=True)
        sys.exit(1)


@main.command("crossover")
@click.argument("case", required=False)
@click.option("--strategies", default="Mixed,RE", show_default=True, help="Two strategies, A,B.")
@click.option("--metric", default="cumulative_co2", show_default=True,
              help="cumulative_co2, objective, system_cost, battery_discharge or battery_capacity.")
@click.option("--range", "range_", default="1:200", show_default=True, help="Carbon multipliers LO:HI.")
@click.option("--carbon", default="Low", show_default=True, help="Carbon path the multiplier scales.")
@click.option("--battery-cost", default="R", show_default=True, help="Battery cost path (B, M, R).")
@click.option("--grid", type=int, default=5, show_default=True, help="Points of the first scan.")
@click.option("--rtol", type=float, default=0.01, show_default=True, help="Stop when HI/LO <= 1 + RTOL.")
@click.option("--workers", type=int, default=None, help="1: both strategies in this process (default: one each).")
@click.option("--method", type=click.Choice(["auto", "simplex", "ipm"]), default=None, help=_METHOD_HELP)
@click.option("--battery-tech", "battery_techs", multiple=True, help="Battery technology name(s) for the strategy.")
@click.option("--solver-option", "solver_options", multiple=True, metavar="KEY=VALUE", help="HiGHS option.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="CSV of every point solved, rewritten after each multiplier (a stopped search keeps its points).")
@click.option("--resume", is_flag=True,
              help="Go on with the search whose points --out holds: multipliers solved there are not solved again.")
@click.option("--quiet", is_flag=True, help="No line per point.")
@_modules_option
def crossover_command(case, strategies, metric, range_, carbon, battery_cost, grid, rtol, workers, method,
                      battery_techs, solver_options, out, resume, quiet, modules) -> None:
    """Find, by warm-started bisection over the carbon multiplier, where A's METRIC falls below B's on CASE
    (a SWITCH inputs folder; default: the bundled China case)."""
    from .outputs import check_file, replace_atomically
    from .solver.policy import DEFAULT_METHOD
    from .sweep.crossover import crossover, with_known
    options = _solver_settings(None, solver_options)
    if resume and not out:
        raise click.UsageError("--resume needs --out, the CSV of the search to go on with")
    known = None
    if resume and Path(out).exists():
        import pandas as pd
        try:
            known = pd.read_csv(out)
        except (OSError, ValueError) as exc:
            raise click.UsageError(f"--resume: cannot read the points in {out}: {exc}") from None
    if out:
        check_file(out, "the CSV")
    try:
        lo, hi = (float(v) for v in range_.split(":"))
    except ValueError:
        raise click.BadParameter(f"expected LO:HI, got {range_!r}", param_hint="--range") from None
    names = [s.strip() for s in strategies.split(",") if s.strip()]

    def save(df) -> None:
        replace_atomically(out, lambda tmp: df.to_csv(tmp, index=False))

    def show(r: dict) -> None:
        if not quiet:
            how = "from --out" if r.get("reused") else "warm" if r["warm"] else "cold"
            click.echo(f"x{r['carbon_multiplier']:<10.6g} {r['strategy']:<7} {metric} {r['metric']:.10g}  "
                       f"({r['status']}, {how}, {r['iterations']} it, {r['seconds']:.2f} s)", err=True)

    res = crossover(case, names, metric, lo, hi, carbon=carbon, battery_cost=battery_cost, grid=grid, rtol=rtol,
                    workers=workers, method=method or DEFAULT_METHOD, solver_options=options,
                    battery_techs=battery_techs, on_point=show, modules=modules,
                    checkpoint=(lambda df: save(with_known(df, known))) if out else None, known=known)
    if out:
        save(with_known(res.points, known))
    table = res.points.pivot_table(index="carbon_multiplier", columns="strategy", values="metric", sort=True)
    click.echo(table.to_string(float_format=lambda v: f"{v:.10g}"))
    click.echo(res.describe())


@main.command("split-range")
@click.argument("result", type=click.Path(exists=True, dir_okay=False))
@click.option("--case", "case", default=None, help="Inputs folder RESULT was solved from (default: bundled China).")
@click.option("--tolerance", type=float, default=1e-4, show_default=True,
              help="Cost may exceed the optimum by this fraction.")
@click.option("--provinces", default="", help="Comma-separated zones to report besides the nation.")
@click.option("--method", type=click.Choice(["auto", "simplex", "ipm"]), default=None,
              help="Method of the first solve.")
@click.option("--solver-option", "solver_options", multiple=True, metavar="KEY=VALUE", help="HiGHS option.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, help="CSV of the ranges.")
@click.option("--modules", "modules", default=None, metavar="NAME",
              help=_MODULES_HELP.format("the list RESULT was solved with"))
def split_range_command(result, case, tolerance, provinces, method, solver_options, out, modules) -> None:
    """Range of each attachment's share of battery discharge over near-optimal solutions of RESULT."""
    from .outputs import check_file
    from .solver.policy import DEFAULT_METHOD
    from .sweep.split_range import split_range
    options = _solver_settings(None, solver_options)
    if out:
        check_file(out, "the CSV")
    df = split_range(result, case, tolerance, [p.strip() for p in provinces.split(",") if p.strip()],
                     method=method or DEFAULT_METHOD, solver_options=options, modules=modules)
    if out:
        df.to_csv(out, index=False)
    click.echo(f"{df.attrs['scenario']} (module list {df.attrs['modules']}): objective {df.attrs['objective']:.10g} $, "
               f"cost within {tolerance:g} of it; shares of battery discharge (MWh over the horizon).")
    click.echo("share, share_min, share_max: in the LP re-solved here, which has every attachment's battery "
               "copy (the file's own LP may have left dominated copies out); file_share: the split stored in "
               f"{result}.")
    cols = ["scope", "attachment", "file_share", "share", "share_min", "share_max", "width", "discharge_mwh",
            "solves"]
    click.echo(df[cols].to_string(index=False, float_format=lambda v: f"{v:.6g}"))


if __name__ == "__main__":
    main()
