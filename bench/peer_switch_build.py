#!/usr/bin/env python3
"""Time switch-model up to (and including) the hand-over of its LP to HiGHS, without solving.

The measurement runs in a fresh child process so that imports, Pyomo construction and peak memory are those of
a clean ``switch solve`` run:

1. ``switch_model.solve.main(args, return_instance=True)``: the very code path of ``switch solve`` (module list,
   model definition, reading the inputs folder, constructing the Pyomo instance, pre-solve hooks), stopping where
   ``switch solve`` would call the solver.  Timed as ``read_construct_s``.
2. ``pyomo.contrib.appsi.solvers.Highs().set_instance(instance)``: what ``--solver appsi_highs`` does first when
   it solves, i.e. walking the Pyomo model and loading rows, columns, bounds and costs into a ``highspy.Highs``
   object.  Timed as ``handover_s``.  ``run()`` is never called.

The child reports its own peak RSS (VmHWM); the parent reads the child's CPU time with
``resource.getrusage(RUSAGE_CHILDREN)`` and writes one
JSON object to stdout and to ``--json`` (if given).

Usage::

    python bench/peer_switch_build.py CASE_DIR [--inputs-dir inputs] [--json OUT.json] [--module-path DIR ...]

``CASE_DIR`` holds ``inputs/`` (or give ``--inputs-dir`` relative to it).  A custom module named in
``modules.txt`` (e.g. ``re_connect_charging``) is found through ``--module-path`` (default: the project's
``tests/peer/switch_ext`` if it exists).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODULE_PATH = PROJECT_ROOT / "tests" / "peer" / "switch_ext"


def _rss_self_mb() -> float:
    """Peak RSS of this process image so far, in MB: VmHWM from /proc/self/status.

    Not ru_maxrss: on Linux that survives exec and reports the forking parent's peak when it is larger
    (for instance a pytest process that has already built an LP).
    """
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu_self_s() -> float:
    """User + system CPU seconds of this process so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def child(case_dir: Path, inputs_dir: str) -> dict[str, Any]:
    """Build the SWITCH instance and hand it to HiGHS in this process; return timings and LP size."""
    os.chdir(case_dir)
    out: dict[str, Any] = {}
    t0, c0 = time.perf_counter(), _cpu_self_s()
    import highspy
    import pyomo
    import switch_model
    import switch_model.solve
    from pyomo.contrib.appsi.solvers import Highs

    out["import_s"] = time.perf_counter() - t0
    out["versions"] = {"switch_model": switch_model.__version__, "pyomo": pyomo.__version__,
                       "highspy": getattr(highspy, "__version__", None) or _dist_version("highspy"),
                       "python": platform.python_version()}
    with tempfile.TemporaryDirectory(prefix="peer_switch_out_") as outputs_dir:
        args = ["--inputs-dir", inputs_dir, "--outputs-dir", outputs_dir, "--solver", "appsi_highs",
                "--log-level", "warning"]
        t1, c1 = time.perf_counter(), _cpu_self_s()
        instance = switch_model.solve.main(args=args, return_instance=True)
        t2, c2 = time.perf_counter(), _cpu_self_s()
        out["read_construct_s"] = t2 - t1
        out["read_construct_cpu_s"] = c2 - c1
        out["rss_after_construct_mb"] = _rss_self_mb()

        opt = Highs()
        opt.config.stream_solver = False
        opt.set_instance(instance)
        t3, c3 = time.perf_counter(), _cpu_self_s()
        out["handover_s"] = t3 - t2
        out["handover_cpu_s"] = c3 - c2
        out["rss_after_handover_mb"] = _rss_self_mb()
        h = opt._solver_model  # the populated highspy.Highs object (appsi keeps it here)
        out["n_rows"] = int(h.getNumRow())
        out["n_cols"] = int(h.getNumCol())
        out["nnz"] = int(h.getNumNz())
    out["total_s"] = time.perf_counter() - t0
    out["child_cpu_s"] = _cpu_self_s() - c0
    return out


def _dist_version(name: str) -> str | None:
    """Installed distribution version, or None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def run(case_dir: Path, inputs_dir: str = "inputs", module_path: list[Path] | None = None) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter; add wall time, CPU seconds and peak RSS of that process."""
    case_dir = case_dir.resolve()
    paths = [p for p in (module_path if module_path is not None else [DEFAULT_MODULE_PATH]) if p.is_dir()]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(p.resolve()) for p in paths]
                                        + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    cmd = [sys.executable, str(Path(__file__).resolve()), str(case_dir), "--inputs-dir", inputs_dir, "--child"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"switch-model child failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    modules = (case_dir / inputs_dir / "modules.txt").read_text().split()
    result.update(
        case=str(case_dir / inputs_dir),
        modules=modules,
        process_wall_s=wall,
        process_cpu_s=(after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        peak_rss_mb=result["rss_after_handover_mb"],     # the child's own VmHWM at its end
        rusage_children_maxrss_mb=after.ru_maxrss / 1024.0,  # max over all children of this process so far
        before_highs_s=result["read_construct_s"] + result["handover_s"],
        machine={"cpus": os.cpu_count(), "platform": platform.platform()},
        created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("case_dir", type=Path, help="folder holding the inputs folder")
    ap.add_argument("--inputs-dir", default="inputs", help="inputs folder, relative to CASE_DIR")
    ap.add_argument("--json", type=Path, default=None, help="also write the JSON result here")
    ap.add_argument("--module-path", type=Path, action="append", default=None,
                    help="folder added to PYTHONPATH for custom modules (repeatable)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        res = child(a.case_dir, a.inputs_dir)
        sys.stdout.write("\n" + json.dumps(res) + "\n")
        return 0
    res = run(a.case_dir, a.inputs_dir, a.module_path)
    text = json.dumps(res, indent=1)
    print(text)
    if a.json is not None:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
