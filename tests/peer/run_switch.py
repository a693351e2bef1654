"""Run the peer, switch-model 2.0.9, on an inputs folder and return its optimal objective.

``switch solve --solver appsi_highs`` runs in a subprocess (Pyomo state never leaks into the test
process) with ``tests/peer/switch_ext`` on PYTHONPATH, so cases may name the custom module
``re_connect_charging`` in modules.txt. The objective is read from ``outputs/total_cost.txt``
(written by ``switch_model.reporting``, which every peer case lists). An ``options.txt`` beside the inputs
folder (command-line options, e.g. ``--spinning-requirement-rule 3+5``) goes with it: switch reads it from
the folder it runs in. A modules.txt naming SWITCH-China's ``switch_model.balancing.operating_reserves.quickstart``
(no switch-model release has it) is run with its stand-in ``quickstart_reserves`` from ``switch_ext`` instead, and
``batteryplan.local_demand_charging`` with ``switch_ext/local_demand_charging.py``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SWITCH_EXT = Path(__file__).resolve().parent / "switch_ext"
QUICKSTART = "switch_model.balancing.operating_reserves.quickstart"
QUICKSTART_PEER = "quickstart_reserves"              # switch_ext/quickstart_reserves.py
TIMEOUT_S = 300.0
TAIL_CHARS = 3000


class SwitchRunError(RuntimeError):
    """switch-model failed, timed out or wrote no objective; the message ends with its log tail."""


@dataclass(frozen=True)
class SwitchRun:
    """One peer solve: objective (NPV $ as in total_cost.txt), wall seconds, output folder."""

    objective: float
    seconds: float
    outputs: Path


_CACHE: dict[str, SwitchRun] = {}


def inputs_digest(inputs: Path) -> str:
    """SHA-256 over the names and bytes of every file in `inputs` and of the options.txt beside it
    (the cache key)."""
    h = hashlib.sha256()
    options = Path(inputs).parent / "options.txt"
    if options.is_file():
        h.update(b"options.txt\0" + options.read_bytes() + b"\0")
    for f in sorted(p for p in Path(inputs).rglob("*") if p.is_file()):
        h.update(str(f.relative_to(inputs)).encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _switch_command() -> list[str]:
    """The `switch` console script next to this interpreter, else `python -m switch_model.main`."""
    exe = Path(sys.executable).with_name("switch")
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("switch")
    if found:
        return [found]
    return [sys.executable, "-m", "switch_model.main"]


def _tail(text: str) -> str:
    return text if len(text) <= TAIL_CHARS else "…" + text[-TAIL_CHARS:]


def run_switch(inputs: Path, workdir: Path, *, use_cache: bool = True) -> SwitchRun:
    """Copy `inputs` to `workdir/inputs`, solve it with switch-model + HiGHS, return the run.

    Results are cached for the process by the inputs' content digest, so a case solved by two
    tests runs once. Raises SwitchRunError naming the case and quoting switch's stderr/stdout
    tail when switch exits non-zero, times out (TIMEOUT_S) or leaves no total_cost.txt.
    """
    inputs = Path(inputs)
    key = inputs_digest(inputs)
    if use_cache and key in _CACHE:
        return _CACHE[key]
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    case_inputs = workdir / "inputs"
    if case_inputs.resolve() != inputs.resolve():
        shutil.rmtree(case_inputs, ignore_errors=True)
        shutil.copytree(inputs, case_inputs)
        modules = case_inputs / "modules.txt"
        modules.write_text(modules.read_text().replace(QUICKSTART, QUICKSTART_PEER).replace(
            "batteryplan.local_demand_charging", "local_demand_charging"))
        options = inputs.parent / "options.txt"
        if options.is_file():
            shutil.copyfile(options, workdir / "options.txt")
        else:
            (workdir / "options.txt").unlink(missing_ok=True)
    outputs = workdir / "outputs"
    shutil.rmtree(outputs, ignore_errors=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SWITCH_EXT), env.get("PYTHONPATH", "")) if p)
    cmd = [*_switch_command(), "solve", "--inputs-dir", "inputs", "--outputs-dir", "outputs",
           "--solver", "appsi_highs"]
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, check=False, cwd=workdir, env=env, capture_output=True, text=True, timeout=TIMEOUT_S
        )
    except subprocess.TimeoutExpired as exc:
        out = (exc.stderr or b"").decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        raise SwitchRunError(f"switch solve timed out after {TIMEOUT_S:.0f} s on {inputs}\n{_tail(out)}") from exc
    seconds = time.perf_counter() - start
    (workdir / "switch.log").write_text(proc.stdout + "\n--- stderr ---\n" + proc.stderr)
    total = outputs / "total_cost.txt"
    if proc.returncode != 0 or not total.is_file():
        why = f"exit code {proc.returncode}" if proc.returncode != 0 else "no outputs/total_cost.txt"
        log = proc.stderr.strip() or proc.stdout.strip()
        raise SwitchRunError(f"switch solve failed on {inputs} ({why}); log tail:\n{_tail(log)}")
    text = total.read_text().strip()
    try:
        objective = float(text)
    except ValueError as exc:
        raise SwitchRunError(f"{total}: expected a number, got {text!r}") from exc
    run = SwitchRun(objective, seconds, outputs)
    _CACHE[key] = run
    return run


def switch_objective(inputs: Path, workdir: Path) -> float:
    """switch-model's optimal objective (NPV $, outputs/total_cost.txt) for the inputs folder."""
    return run_switch(inputs, workdir).objective
