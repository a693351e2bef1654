"""Every bounded numeric column that batteryplan reads refuses a value just outside its switch-model domain.

The walk covers every declared table: the stage-1 tables (``batteryplan/io/stage1_inputs.py``) and every
constraint family's ``INPUTS``. For each column with a bounded domain (NonNegativeReals, PercentFraction,
PositiveIntegers, Boolean, ...) and each side of the domain it has, one test copies a tiny case that reads the
file (``tests/families/conftest.py``: 'everything' and 'markets'), puts a value just outside the domain into
the last data row (adding the column, '.' elsewhere, if the file lacks it), reads the case and expects one
CaseError naming the file, that row's line and the column. A column that no tiny case reads fails its test:
add a case that reads it.

Beside the walk: the declared domains are compared with switch-model 2.0.9's own Param declarations
(parsed from its installed source), a value on the domain's boundary is accepted, and the checks that
depend on the modules (fuel_cost under fuel_costs.markets, local T&D columns) follow them.
"""
from __future__ import annotations

import ast
import csv
import dataclasses
import math
import shutil
import types
from pathlib import Path

import pytest
import switch_model

import batteryplan
from batteryplan.csc_builder.registry import FAMILIES, is_on
from batteryplan.io import stage1_inputs
from batteryplan.io.schema import DOMAINS, Col, TableSpec, check
from batteryplan.io.tables import KEYS, Folder

from tests.families.conftest import write_inputs

POOL = ("everything", "markets")          # tiny cases, tried in this order


@dataclasses.dataclass(frozen=True)
class Probe:
    """One value outside a column's domain, and what the error says about it."""
    owner: str                  # "stage-1" or the family's NAME
    spec: TableSpec
    col: Col
    side: str                   # below, above, fraction, flag
    value: str
    says: str

    @property
    def id(self) -> str:
        return f"{self.spec.file}:{self.col.name}:{self.side}"


def _probes(owner: str, spec: TableSpec) -> list[Probe]:
    out = []
    for col in spec.columns:
        if col.kind == "text":
            continue
        if col.kind == "flag":
            out.append(Probe(owner, spec, col, "flag", "2", "expected 0 or 1 (or true / false)"))
            continue
        lo, lo_open, hi = DOMAINS[col.domain]
        if lo is not None:
            if lo_open:
                out.append(Probe(owner, spec, col, "below", f"{lo:g}", f"expected a number > {lo:g}"))
            else:
                below = lo - 1 if col.domain.endswith("Integers") else lo - 0.001
                out.append(Probe(owner, spec, col, "below", f"{below:g}", f"expected a number ≥ {lo:g}"))
        if hi is not None:
            out.append(Probe(owner, spec, col, "above", f"{hi + 0.001:g}", f"expected a number ≤ {hi:g}"))
        if col.kind == "integer" or col.domain.endswith("Integers"):
            out.append(Probe(owner, spec, col, "fraction", "2.5", "expected a whole number"))
    return out


def _all_probes() -> list[Probe]:
    out = [p for spec in stage1_inputs.INPUTS for p in _probes("stage-1", spec)]
    for fam in FAMILIES:
        out += [p for spec in getattr(fam, "INPUTS", ()) for p in _probes(fam.NAME, spec)]
    return out


PROBES = _all_probes()


# ------------------------------------------------------------------ the tiny cases and their copies
@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("domains")
    return {name: write_inputs(root / name / "inputs", markets=(name == "markets")) for name in POOL}


def _modules(case: Path) -> tuple[str, ...]:
    return tuple(m.strip() for m in (case / "modules.txt").read_text().splitlines() if m.strip())


def _reads(case: Path, probe: Probe) -> bool:
    """Whether reading `case` checks the probe's column: the file is there and a module reads the column."""
    if not (case / probe.spec.file).is_file():
        return False
    modules = _modules(case)
    if probe.owner == "stage-1":
        spec = stage1_inputs.spec_for(probe.spec.file, modules)
        return spec is not None and any(c.name == probe.col.name for c in spec.columns)
    fam = next(f for f in FAMILIES if getattr(f, "NAME", None) == probe.owner)
    return is_on(fam, types.SimpleNamespace(modules=modules))


def _copy_reading(pool: dict[str, Path], probe: Probe, dst: Path) -> Path:
    for name in POOL:
        if _reads(pool[name], probe):
            return Path(shutil.copytree(pool[name], dst))
    pytest.fail(f"no tiny case ({', '.join(POOL)}) reads {probe.spec.file} column {probe.col.name!r}: "
                f"add one to tests/families/conftest.py so that the column's domain is tested")


def _set_cell(path: Path, column: str, value: str) -> int:
    """Put `value` into `column` of the file's last data row (adding the column, '.' elsewhere, if absent);
    return that row's editor line (the header is line 1)."""
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert body, f"{path.name} has no data row"
    if column not in header:
        header.append(column)
        for r in body:
            r.append(".")
    body[-1][header.index(column)] = value
    with path.open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header] + body)
    return len(body) + 1


# ------------------------------------------------------------------ the walk
def test_every_declared_table_has_a_bounded_column_probed() -> None:
    """The walk is not empty and covers the columns the issue names."""
    ids = {p.id for p in PROBES}
    assert {"loads.csv:zone_demand_mw:below", "gen_build_costs.csv:gen_overnight_cost:below",
            "gen_info.csv:gen_forced_outage_rate:above", "gen_info.csv:gen_max_age:fraction"} <= ids
    assert len(ids) == len(PROBES)


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.id)
def test_value_outside_the_domain_is_one_case_error(pool: dict[str, Path], tmp_path: Path, probe: Probe) -> None:
    case = _copy_reading(pool, probe, tmp_path / "inputs")
    line = _set_cell(case / probe.spec.file, probe.col.name, probe.value)
    with pytest.raises(batteryplan.CaseError) as info:
        batteryplan.read_case(case)
    err = info.value
    assert (err.file, err.line, err.column) == (probe.spec.file, line, probe.col.name), str(err)
    text = str(err)
    assert "\n" not in text
    assert text == f"{probe.spec.file}, line {line}, column '{probe.col.name}': {probe.says}, got '{probe.value}'"


# Checks the reader makes beyond the named domain (stage1_inputs module docstring), walked the same way.
VALIDATED = [
    ("variable_capacity_factors.csv", "gen_max_capacity_factor", "2", "expected -1 < capacity factor < 2"),
    ("variable_capacity_factors.csv", "gen_max_capacity_factor", "-1", "expected -1 < capacity factor < 2"),
]


@pytest.mark.parametrize("file, column, value, says", VALIDATED, ids=[f"{v[1]}={v[2]}" for v in VALIDATED])
def test_switch_validate_rule_is_one_case_error(pool: dict[str, Path], tmp_path: Path, file: str, column: str,
                                                value: str, says: str) -> None:
    case = Path(shutil.copytree(pool["everything"], tmp_path / "inputs"))
    line = _set_cell(case / file, column, value)
    with pytest.raises(batteryplan.CaseError) as info:
        batteryplan.read_case(case)
    assert (info.value.file, info.value.line, info.value.column) == (file, line, column)
    assert says in str(info.value)


@pytest.mark.parametrize("probe", [p for p in PROBES if p.side in ("below", "above")], ids=lambda p: p.id)
def test_value_on_the_boundary_passes_the_check(pool: dict[str, Path], tmp_path: Path, probe: Probe) -> None:
    """The domain's own bound (0 for NonNegativeReals, 1 at PercentFraction's top; 1 for PositiveIntegers,
    0.001 for PositiveReals) passes the table's check, as it passes switch-model's. The table alone is
    checked (the declared-table check, not the whole read), so other rules of the reader do not interfere."""
    lo, lo_open, hi = DOMAINS[probe.col.domain]
    if probe.side == "above":
        edge = hi
    else:
        edge = lo + (1 if probe.col.domain.endswith("Integers") else 0.001) if lo_open else lo
    case = _copy_reading(pool, probe, tmp_path / "inputs")
    _set_cell(case / probe.spec.file, probe.col.name, f"{edge:g}")
    table = Folder(case, _modules(case)).table(probe.spec.file)     # a stage-1 table is checked as it is read
    check(table, probe.spec if probe.owner != "stage-1" else stage1_inputs.spec_for(probe.spec.file, _modules(case)))


# ------------------------------------------------------------------ the domains are switch-model's
SWITCH_FILES = ("timescales.py", "financials.py", "balancing/load_zones.py", "balancing/unserved_load.py",
                "energy_sources/properties.py", "energy_sources/fuel_costs/simple.py",
                "energy_sources/fuel_costs/markets.py", "generators/core/build.py", "generators/core/dispatch.py",
                "generators/extensions/storage.py", "generators/extensions/hydro_simple.py",
                "transmission/transport/build.py", "transmission/local_td.py", "policies/carbon_policies.py")
RE_CONNECT = Path(__file__).parents[1] / "peer" / "switch_ext" / "re_connect_charging.py"
# Column names that load a switch-model parameter of another name.
PARAM_OF = {"co2_intensity": "f_co2_intensity", "upstream_co2_intensity": "f_upstream_co2_intensity",
            "unit_cost": "rfm_supply_tier_cost", "max_avail_at_cost": "rfm_supply_tier_limit"}
# Declared on purpose unlike switch-model (stage1_inputs module docstring): column -> (switch-model, here).
DIFFERENT = {"trans_lifetime_yrs": ("NonNegativeReals", "PositiveReals")}


def _switch_domains() -> dict[str, tuple[str, str]]:
    """Param name -> (its `within`, where it is declared), from switch-model's source and the study's module."""
    root = Path(switch_model.__file__).parent
    out: dict[str, tuple[str, str]] = {}
    for path in [root / f for f in SWITCH_FILES] + [RE_CONNECT]:
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and isinstance(node.targets[0], ast.Attribute)):
                continue
            func = node.value.func
            if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) != "Param":
                continue
            within = next((ast.unparse(k.value) for k in node.value.keywords if k.arg == "within"), "Any")
            out[node.targets[0].attr] = (within, f"{path.name}:{node.lineno}")
    return out


def test_declared_domains_are_switch_models() -> None:
    """Each declared numeric or flag column has switch-model's domain: a named numeric domain as declared,
    Boolean / Binary as a flag, Reals / Any or a set (a reference such as PERIODS) as Reals (no bound)."""
    switch = _switch_domains()
    wrong = []
    for spec in stage1_inputs.INPUTS:
        for col in spec.columns:
            if col.kind == "text":
                continue
            param = PARAM_OF.get(col.name, col.name)
            assert param in switch, f"{spec.file} {col.name}: no switch-model Param {param!r} found"
            within, where = switch[param]
            if within in ("Boolean", "Binary"):
                expected = "Boolean"
            elif within in DOMAINS:
                expected = "Reals" if within == "Any" else within
            else:
                expected = "Reals"          # within=<a set>: a reference, resolved by the reader
            if col.name in DIFFERENT:
                assert DIFFERENT[col.name] == (expected, col.domain), col.name
                continue
            if (col.kind == "flag") != (expected == "Boolean") or (col.kind != "flag" and col.domain != expected):
                wrong.append(f"{spec.file} {col.name}: declared {col.kind} {col.domain}, switch-model {within} ({where})")
    assert not wrong, "\n".join(wrong)


def test_declared_keys_are_the_readers_keys() -> None:
    """A declared table's keys are the ones Folder aligns (tables.KEYS), so the check and the reader agree."""
    for spec in stage1_inputs.INPUTS:
        assert spec.keys == KEYS.get(spec.file, ()), spec.file


def test_finite_defaults_lie_in_their_domain() -> None:
    """A finite default is a value the domain allows (NaN or inf stand for 'no value': no heat rate, no limit)."""
    for spec in stage1_inputs.INPUTS:
        for col in spec.columns:
            if col.default is not None and math.isfinite(col.default) and col.kind == "number":
                lo, lo_open, hi = DOMAINS[col.domain]
                assert lo is None or col.default > lo or (col.default == lo and not lo_open), col.name
                assert hi is None or col.default <= hi, col.name


# ------------------------------------------------------------------ checks that follow the modules
def test_fuel_cost_under_markets_may_be_negative(pool: dict[str, Path], tmp_path: Path) -> None:
    """Under fuel_costs.markets, fuel_cost.csv becomes one-tier markets whose cost switch-model declares
    within=Reals: a negative cost (a subsidy) reads and reaches the tier costs."""
    case = Path(shutil.copytree(pool["markets"], tmp_path / "inputs"))
    _set_cell(case / "fuel_cost.csv", "fuel_cost", "-0.5")
    c = batteryplan.read_case(case)
    assert c.fuel_mode == "markets" and -0.5 in c.tier_cost


def test_local_td_columns_are_not_checked_without_local_td(pool: dict[str, Path], tmp_path: Path) -> None:
    """switch-model reads load_zones.csv's local T&D columns only under transmission.local_td; without it
    a value outside their domain is ignored, as switch-model ignores it."""
    case = Path(shutil.copytree(pool["markets"], tmp_path / "inputs"))
    _set_cell(case / "load_zones.csv", "local_td_loss_rate", "-1")
    assert not batteryplan.read_case(case).has_local_td


def test_loss_rate_above_one_is_switch_models_domain(pool: dict[str, Path], tmp_path: Path) -> None:
    """local_td_loss_rate is NonNegativeReals in switch-model (transmission/local_td.py), with no upper bound."""
    case = Path(shutil.copytree(pool["everything"], tmp_path / "inputs"))
    _set_cell(case / "load_zones.csv", "local_td_loss_rate", "1.5")
    assert batteryplan.read_case(case).td_loss[-1] == 1.5
