"""Bad inputs tried on copies of a small case, and how batteryplan and switch-model 2.0.9 take a few format
variants: the tables of docs/reliability.md.

    python scripts/bad_inputs.py                 # the bad-input table (batteryplan only), markdown
    python scripts/bad_inputs.py --formats       # the format variants instead, through both (slower)

The case is the unit tests' two-zone case (tests/unit/_cases.py). Each kind of bad input changes one thing
in a copy and runs ``batteryplan run`` (in a subprocess): exit code and the first line of its message.
``tests/reliability/test_bad_inputs.py`` runs the same list and checks that every kind of bad input is one
line and exit 2 (or 1 for a solver verdict), never a traceback.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _edit(file: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """Replace `old` by `new` in `file` (`count` times; 0: everywhere); fails if `old` is not there."""
    def apply(case: Path) -> None:
        p = case / file
        text = p.read_text(encoding="utf-8")
        if old not in text:
            raise AssertionError(f"{old!r} not in {file}")
        p.write_text(text.replace(old, new) if count == 0 else text.replace(old, new, count), encoding="utf-8")
    return apply


def _write(file: str, data: bytes | str | None) -> Callable[[Path], None]:
    """Overwrite `file` with `data` (None: delete it)."""
    def apply(case: Path) -> None:
        p = case / file
        if data is None:
            p.unlink()
        elif isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(data, encoding="utf-8")
    return apply


def _transform(file: str, fn: Callable[[str], str], encoding: str = "utf-8") -> Callable[[Path], None]:
    def apply(case: Path) -> None:
        p = case / file
        p.write_bytes(fn(p.read_text(encoding="utf-8")).encode(encoding))
    return apply


@dataclass(frozen=True)
class Bad:
    kind: str
    change: Callable[[Path], None]
    args: tuple[str, ...] = ()          # extra CLI arguments


LOADS = "LOAD_ZONE,TIMEPOINT,zone_demand_mw\n"
BAD: tuple[Bad, ...] = (
    Bad("text in a number cell", _edit("loads.csv", "A,t2,120.0", "A,t2,abc")),
    Bad("empty number cell", _edit("loads.csv", "A,t2,120.0", "A,t2,")),
    Bad("'.' (no value) where a value is required", _edit("loads.csv", "A,t2,120.0", "A,t2,.")),
    Bad("NaN in a number cell", _edit("loads.csv", "A,t2,120.0", "A,t2,nan")),
    Bad("infinity in a number cell", _edit("loads.csv", "A,t2,120.0", "A,t2,inf")),
    Bad("number beyond float64 (1e400)", _edit("loads.csv", "A,t2,120.0", "A,t2,1e400")),
    Bad("negative demand", _edit("loads.csv", "A,t2,120.0", "A,t2,-120.0")),
    Bad("negative overnight cost", _edit("gen_build_costs.csv", "A-Gas,2030,500000.0", "A-Gas,2030,-500000.0")),
    Bad("unknown zone in loads", _edit("loads.csv", "B,t1,50.0", "C,t1,50.0")),
    Bad("unknown timepoint in loads", _edit("loads.csv", "B,t1,50.0", "B,t9,50.0")),
    Bad("a zone and timepoint without load", _edit("loads.csv", "B,t2,60.0\n", "")),
    Bad("duplicate key", _edit("loads.csv", "B,t2,60.0", "B,t1,60.0")),
    Bad("missing column", _edit("loads.csv", "zone_demand_mw", "demand")),
    Bad("missing file", _write("loads.csv", None)),
    Bad("empty file", _write("loads.csv", b"")),
    Bad("header only", _write("loads.csv", LOADS)),
    Bad("semicolon-separated file", _transform("loads.csv", lambda t: t.replace(",", ";"))),
    Bad("tab-separated file", _transform("loads.csv", lambda t: t.replace(",", "\t"))),
    Bad("Latin-1 byte (not UTF-8)", _write("loads.csv", (LOADS + "A,t1,100\nA,t2,120\nB,t1,50\nB,t2,6\xe9\n")
                                            .encode("latin-1"))),
    Bad("UTF-16 file", _transform("loads.csv", lambda t: t, encoding="utf-16")),
    Bad("row with an extra cell", _edit("loads.csv", "A,t2,120.0", "A,t2,120.0,7")),
    Bad("unbalanced quote", _edit("loads.csv", "A,t2,120.0", 'A,"t2,120.0')),
    Bad("unknown module in modules.txt", _edit("modules.txt", "switch_model.reporting",
                                               "switch_model.reporting\nswitch_model.no_such_module")),
    Bad("modules.txt missing", _write("modules.txt", None)),
    Bad("unknown energy source", _edit("gen_info.csv", "A-Gas,Gas,NaturalGas", "A-Gas,Gas,Coal")),
    Bad("flag other than 0/1", _edit("gen_info.csv", "A-Wind,Wind,Wind,A,25,1", "A-Wind,Wind,Wind,A,25,2")),
    Bad("duplicate project", _edit("gen_info.csv", "A-Wind,Wind,Wind", "A-Gas,Wind,Wind")),
    Bad("build cost for an unknown project", _edit("gen_build_costs.csv", "A-Wind,2030", "A-Sun,2030")),
    Bad("fractional build year", _edit("gen_build_costs.csv", "A-Wind,2030", "A-Wind,2030.5")),
    Bad("period ending before it starts", _edit("periods.csv", "2030,2030,2030", "2030,2030,2020")),
    Bad("ts_num_tps not the timeseries' timepoint count", _edit("timeseries.csv", "ts1,2030,1,2,", "ts1,2030,1,3,")),
    Bad("timepoint of an unknown timeseries", _edit("timepoints.csv", "t2,20300101,ts1", "t2,20300101,ts9")),
    Bad("capacity factor of a non-variable project", _edit("variable_capacity_factors.csv", "A-Wind,t1",
                                                           "A-Gas,t1")),
    Bad("line to an unknown zone", _edit("transmission_lines.csv", "A-B,A,B", "A-B,A,Z")),
    Bad("line efficiency above 1", _edit("transmission_lines.csv", ",0.95,", ",1.5,")),
    Bad("discount rate as text", _edit("financials.csv", "2030,0,0", "2030,0,five")),
    Bad("fuel cost of an unknown fuel", _edit("fuel_cost.csv", "A,NaturalGas", "A,Hydrogen")),
    Bad("a zone no project or line can serve (infeasible)",
        lambda case: (_edit("load_zones.csv", "B\n", "B\nC\n")(case),
                      _edit("loads.csv", "B,t2,60.0\n", "B,t2,60.0\nC,t1,10.0\nC,t2,10.0\n")(case))),
    Bad("no such inputs folder", lambda case: shutil.rmtree(case)),
    Bad("unknown scenario name", lambda case: None, ("--scenario", "Grid-Medium-R")),
    Bad("unknown solver profile", lambda case: None, ("--profile", "fastest")),
    Bad("solver option HiGHS refuses", lambda case: None, ("--solver-option", "time_limit=soon")),
    Bad("malformed solver option", lambda case: None, ("--solver-option", "threads")),
)


def run_bad(bad: Bad, base: Path, work: Path) -> tuple[int, str]:
    """(exit code, first line of stderr or 'solved') of ``batteryplan run`` on a copy of `base` changed by `bad`."""
    case = work / "case" / "inputs"
    shutil.rmtree(work / "case", ignore_errors=True)
    shutil.copytree(base, case)
    bad.change(case)
    r = subprocess.run([sys.executable, "-m", "batteryplan.cli", "run", str(case), *bad.args], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    lines = [line for line in r.stderr.splitlines() if line.strip() and not line.startswith(("case ", "LP:",
                                                                                             "solving:"))]
    if r.returncode == 0:
        objective = re.search(r"objective: (\S+)", r.stdout)
        return 0, f"solved (objective {objective.group(1) if objective else '?'})"
    text = lines[0] if len(lines) == 1 else " / ".join(lines)
    return r.returncode, text.replace(str(case), "CASE").replace(str(work), "WORK")


def base_case(dst: Path) -> Path:
    from tests.unit._cases import write_base
    return write_base(dst)


# -- formats: batteryplan against switch-model -----------------------------------------------------------

BOTH = ("loads.csv", "gen_info.csv")
FORMATS: tuple[tuple[str, tuple[str, ...], Callable[[str], str]], ...] = (
    ("UTF-8 byte-order mark", BOTH, lambda t: "\ufeff" + t),
    ("CRLF line ends", BOTH, lambda t: t.replace("\n", "\r\n")),
    ("trailing comma on every line", BOTH, lambda t: t.replace("\n", ",\n")),
    ("trailing comma on the data lines only", BOTH, lambda t: t.replace("\n", ",\n").replace(",\n", "\n", 1)),
    ("spaces around cells", BOTH, lambda t: "\n".join(", ".join(f" {c} " for c in line.split(","))
                                                      for line in t.splitlines()) + "\n"),
    ("blank line inside the table", BOTH, lambda t: t.replace("\n", "\n\n", 2)),
    ("quoted cells", BOTH, lambda t: "\n".join(",".join(f'"{c}"' for c in line.split(","))
                                               for line in t.splitlines()) + "\n"),
    ("an extra column nobody reads", ("gen_info.csv",),
     lambda t: "\n".join(line + (",notes" if k == 0 else ",x") for k, line in enumerate(t.splitlines())) + "\n"),
    ("semicolon-separated loads.csv", ("loads.csv",), lambda t: t.replace(",", ";")),
    ("'nan' as a demand", ("loads.csv",), lambda t: t.replace("A,t2,120.0", "A,t2,nan")),
    ("'1e400' as a demand", ("loads.csv",), lambda t: t.replace("A,t2,120.0", "A,t2,1e400")),
)


def _switch_error(log: str) -> str:
    """The error switch-model printed after 'Terminating early due to error:' (joined to one line)."""
    lines = log.splitlines()
    for k, line in enumerate(lines):
        if line.startswith("Terminating early due to error"):
            out = []
            for follow in lines[k + 1:]:
                if not follow.strip() or set(follow.strip()) <= set("=-"):
                    break
                out.append(follow.strip())
            return " ".join(out)
    return "(no error line found in its log)"


def run_formats(base: Path, work: Path) -> list[tuple[str, str, str]]:
    """(variant, batteryplan's outcome, switch-model's outcome), each variant applied to its files."""
    from tests.peer.run_switch import SwitchRunError, run_switch
    rows = []
    ref = None
    for name, files, fn in (("as written", BOTH, lambda t: t),) + FORMATS:
        case = work / "fmt" / "inputs"
        shutil.rmtree(work / "fmt", ignore_errors=True)
        shutil.copytree(base, case)
        for f in files:
            p = case / f
            p.write_bytes(fn(p.read_text(encoding="utf-8")).encode("utf-8"))
        code, ours = run_bad(Bad(name, lambda c: None), case, work / "ours")
        try:
            obj = run_switch(case, work / "switch", use_cache=False).objective
            theirs = f"solved (objective {obj:.10g})"
            ref = obj if ref is None else ref
        except SwitchRunError:
            theirs = "refused: " + _switch_error((work / "switch" / "switch.log").read_text())
        rows.append((name, ours if code == 0 else f"exit {code}: {ours}", theirs))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--formats", action="store_true", help="the format variants, through batteryplan and switch-model")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        base = base_case(work / "base" / "inputs")
        if not args.formats:
            print("| kind of bad input | exit | message |\n|---|---:|---|")
        for bad in () if args.formats else BAD:
            code, text = run_bad(bad, base, work)
            print(f"| {bad.kind} | {code} | {text.replace('|', '&#124;')} |", flush=True)
        if args.formats:
            print("\n| variant (in loads.csv and gen_info.csv unless named) | batteryplan | switch-model 2.0.9 |\n"
                  "|---|---|---|")
            for name, ours, theirs in run_formats(base, work):
                print(f"| {name} | {ours} | {theirs.replace('|', '&#124;')} |", flush=True)


if __name__ == "__main__":
    main()
