"""Small helpers shared by the benchmark files (not a test module)."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (cumulative: it never goes down)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def versions() -> dict[str, str | None]:
    """Versions of the dependencies that move the numbers (STYLE.md §10)."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {"python": sys.version.split()[0], "cpus": str(os.cpu_count())}
    for dist in ("numpy", "scipy", "numba", "highspy", "batteryplan", "switch-model", "pyomo"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = None
    return out


FRESH_SCRIPT = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import batteryplan
t1 = time.perf_counter()
case = batteryplan.read_case(sys.argv[1])
t2 = time.perf_counter()
lp = batteryplan.build(case)
t3 = time.perf_counter()
r = resource.getrusage(resource.RUSAGE_SELF)
# VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec and reports the forking parent's peak if larger
hwm_kb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"import_s": t1 - t0, "read_s": t2 - t1, "build_s": t3 - t2, "read_build_s": t3 - t1,
                  "n_rows": int(lp.A.shape[0]), "n_cols": int(lp.A.shape[1]), "nnz": int(lp.A.nnz),
                  "cpu_s": r.ru_utime + r.ru_stime, "peak_rss_mb": hwm_kb / 1024.0}))
"""


def fresh_read_build(inputs: Path, numba_cache_dir: Path) -> dict[str, Any]:
    """Run read + build in a new interpreter with the given NUMBA_CACHE_DIR; return its JSON report."""
    env = dict(os.environ, NUMBA_CACHE_DIR=str(numba_cache_dir))
    proc = subprocess.run([sys.executable, "-c", FRESH_SCRIPT, str(inputs)], env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"fresh read+build failed:\n{proc.stderr[-4000:]}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def switch_peer_build(benchmark: Any, inputs: Path, enabled: bool) -> dict[str, Any]:
    """switch-model's read + construct + hand-over to HiGHS on `inputs` (no solve), timed once in a fresh
    process by `peer_switch_build.run`; skips unless the run asked for the peer (``--peer``)."""
    import pytest
    if not enabled:
        pytest.skip("switch-model peer timing is opt-in: pass --peer")
    from peer_switch_build import run
    report = benchmark.pedantic(run, args=(inputs.parent, inputs.name), rounds=1, iterations=1)
    benchmark.extra_info.update({k: v for k, v in report.items() if k != "modules"})
    return report
