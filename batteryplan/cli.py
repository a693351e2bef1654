"""Command line: ``batteryplan run | validate | scenarios``.

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
DEFAULT_SCENARIO = "Grid-Low-R"


def _case_path(case: str | None) -> Path:
    if case:
        return Path(case)
    if not BUNDLED.is_dir():
        raise CaseError(f"the bundled China case is missing at {BUNDLED}; regenerate it with "
                        f"'python scripts/make_china_case.py'")
    return BUNDLED


def _load(case: str | None, scenario: str | None, multiplier: float, techs: tuple[str, ...]):
    from .io.switch_reader import read_case
    from .scenarios import parse, read_scenario
    path = _case_path(case)
    if scenario is None and case is None:
        scenario = DEFAULT_SCENARIO
    if scenario is None and (multiplier != 1.0 or techs):
        raise CaseError("--carbon-multiplier and --battery-tech need --scenario")
    if scenario is None:
        return read_case(path)
    return read_scenario(path, parse(scenario, multiplier, techs))


def _options(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for p in pairs:
        if "=" not in p:
            raise click.BadParameter(f"expected KEY=VALUE, got {p!r}", param_hint="--solver-option")
        k, v = p.split("=", 1)
        out[k.strip()] = v.strip()
    return out


class _Main(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CaseError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except SolveError as exc:
            click.echo(f"solve failed: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Main)
@click.option("-v", "--verbose", is_flag=True, help="Log each phase.")
def main(verbose: bool) -> None:
    """Battery-storage planning on SWITCH 2.0.9 inputs, built with Numba and solved by HiGHS."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@main.command()
@click.argument("case", required=False)
@click.option("--out", "out", type=click.Path(dir_okay=False), help="HDF5 result file to write.")
@click.option("--scenario", help=f"Study scenario, e.g. Mixed-High-R (default for the bundled case: {DEFAULT_SCENARIO}).")
@click.option("--carbon-multiplier", type=float, default=1.0, show_default=True)
@click.option("--battery-tech", "battery_techs", multiple=True, help="Battery technology name(s) for the strategy.")
@click.option("--solver-option", "solver_options", multiple=True, metavar="KEY=VALUE", help="HiGHS option.")
@click.option("--threads", type=int, default=None, help="HiGHS threads.")
def run(case, out, scenario, carbon_multiplier, battery_techs, solver_options, threads) -> None:
    """Read CASE (a SWITCH inputs folder; default: the bundled China case), build, solve, write."""
    from .csc_builder import build
    from .result import solve
    opts = _options(solver_options)
    t0 = time.perf_counter()
    c = _load(case, scenario, carbon_multiplier, tuple(battery_techs))
    t_read = time.perf_counter() - t0
    click.echo(f"case {c.name}: {c.n_zone} zones, {c.n_period} periods, {c.n_tp} timepoints, "
               f"{c.n_gen} projects" + (f"; scenario {c.scenario['name']}" if c.scenario else ""), err=True)
    lp = build(c)
    click.echo(f"LP: {lp.A.shape[0]:,} rows x {lp.A.shape[1]:,} columns, {lp.A.nnz:,} nonzeros; solving ...",
               err=True)
    res = solve(lp, options=opts, threads=threads)
    res.seconds["read"] = t_read
    t1 = time.perf_counter()
    if out:
        res.to_hdf5(out)
    t_write = time.perf_counter() - t1
    click.echo(f"objective: {res.objective:.10g} $ (NPV)")
    co2 = res.summary["co2_t_per_yr"]
    for p, v in zip(c.periods, co2):
        click.echo(f"  CO2 {p}: {v / 1e6:,.3f} Mt/yr")
    click.echo(f"seconds: read {t_read:.2f}, build {res.seconds['build']:.2f}, "
               f"solve {res.seconds['handover'] + res.seconds['solve']:.2f}, write {t_write:.2f}")
    if out:
        click.echo(f"wrote {out}")


@main.command()
@click.argument("case", required=False)
@click.option("--scenario", default=None)
def validate(case, scenario) -> None:
    """Check CASE and print what it holds."""
    c = _load(case, scenario, 1.0, ())
    click.echo(f"case {c.name}: OK")
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
    from .result import read_result
    for p in export_switch_outputs(read_result(result), out):
        click.echo(str(p))


@main.command()
def scenarios() -> None:
    """List the study's scenarios."""
    from .scenarios import PAPER, all_names
    for name in all_names():
        click.echo(name + ("  (paper)" if name in PAPER else ""))


if __name__ == "__main__":
    main()
