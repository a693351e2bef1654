"""Each kind of bad input raises CaseError naming file, line (editor line, header = 1) and column,
and the CLI prints it on one line starting with 'error:' and exits 2 (STYLE.md §8).

Every case starts from the valid two-zone case of ``_cases.base_tables()`` and corrupts one thing.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

import batteryplan
from batteryplan.cli import main

from tests.unit._cases import base_modules, base_tables, write


@dataclasses.dataclass(frozen=True)
class Bad:
    """One corruption and where the error must point."""
    id: str
    corrupt: Callable[[dict, list], None]       # (tables, modules) -> None, in place
    file: str
    line: int | None
    column: str | None
    says: tuple[str, ...]                       # fragments of the message
    remove: tuple[str, ...] = ()                # files to delete after writing


def _set(file: str, row: int, column: str, value) -> Callable[[dict, list], None]:
    def f(t: dict, m: list) -> None:
        t[file][row][column] = value
    return f


def _drop_column(file: str, column: str) -> Callable[[dict, list], None]:
    def f(t: dict, m: list) -> None:
        for r in t[file]:
            r.pop(column)
    return f


def _append(file: str, row: dict) -> Callable[[dict, list], None]:
    def f(t: dict, m: list) -> None:
        t[file].append(row)
    return f


def _drop_row(file: str, row: int) -> Callable[[dict, list], None]:
    def f(t: dict, m: list) -> None:
        del t[file][row]
    return f


def _module_at(line: int, name: str) -> Callable[[dict, list], None]:
    def f(t: dict, m: list) -> None:
        m.insert(line - 1, name)
    return f


def _nothing(t: dict, m: list) -> None:
    pass


BAD = [
    Bad("missing-file", _nothing, "fuels.csv", None, None, ("missing file",), remove=("fuels.csv",)),
    # header is line 1; the message names the column that is missing
    Bad("missing-column", _drop_column("loads.csv", "zone_demand_mw"), "loads.csv", 1, "zone_demand_mw",
        ("missing column", "'zone_demand_mw'")),
    # gen_build_costs row 2 (line 4) names a project gen_info.csv does not have
    Bad("unknown-project", _set("gen_build_costs.csv", 2, "GENERATION_PROJECT", "C-Gas"), "gen_build_costs.csv",
        4, "GENERATION_PROJECT", ("unknown generation project", "gen_info.csv", "'C-Gas'")),
    # loads row 2 (line 4): zone C is not in load_zones.csv
    Bad("unknown-zone", _set("loads.csv", 2, "LOAD_ZONE", "C"), "loads.csv", 4, "LOAD_ZONE",
        ("unknown load zone", "load_zones.csv", "'C'")),
    Bad("unknown-timepoint", _set("variable_capacity_factors.csv", 1, "timepoint", "t9"),
        "variable_capacity_factors.csv", 3, "timepoint", ("unknown timepoint", "timepoints.csv", "'t9'")),
    Bad("unknown-period", _set("fuel_cost.csv", 1, "period", 2040), "fuel_cost.csv", 3, "period",
        ("unknown period", "periods.csv", "2040")),
    Bad("non-numeric", _set("loads.csv", 1, "zone_demand_mw", "abc"), "loads.csv", 3, "zone_demand_mw",
        ("expected a number, got 'abc'",)),
    Bad("nan-text", _set("gen_build_costs.csv", 1, "gen_overnight_cost", "NaN"), "gen_build_costs.csv", 3,
        "gen_overnight_cost", ("finite number", "'NaN'")),
    Bad("inf-text", _set("loads.csv", 3, "zone_demand_mw", "inf"), "loads.csv", 5, "zone_demand_mw",
        ("finite number", "'inf'")),
    Bad("dot-for-number", _set("fuel_cost.csv", 0, "fuel_cost", None), "fuel_cost.csv", 2, "fuel_cost",
        ("expected a number", "'.'")),
    # the duplicate (A, t1) is appended as line 6; the first one is line 2
    Bad("duplicate-key", _append("loads.csv", {"LOAD_ZONE": "A", "TIMEPOINT": "t1", "zone_demand_mw": 1.0}),
        "loads.csv", 6, "LOAD_ZONE", ("duplicate key", "LOAD_ZONE=A", "TIMEPOINT=t1", "line 2")),
    # 2 x 4300 = 8600 h < 0.99 x 8766 = 8678.3 h: a period-wide sum, so no single line
    Bad("tp-weights", _set("timeseries.csv", 0, "ts_scale_to_period", 4300.0), "timeseries.csv", None,
        "ts_scale_to_period", ("2030", "8600.00", "8766.00")),
    Bad("unsupported-module", _module_at(4, "switch_model.balancing.demand_response.simple"), "modules.txt", 4,
        None, ("unsupported module", "'switch_model.balancing.demand_response.simple'")),
    # no row for (B, t2): completeness is a property of the file, not of one line
    Bad("missing-load", _drop_row("loads.csv", 3), "loads.csv", None, None, ("no load", "'B'", "'t2'")),
    Bad("cf-out-of-range", _set("variable_capacity_factors.csv", 0, "gen_max_capacity_factor", 2.5),
        "variable_capacity_factors.csv", 2, "gen_max_capacity_factor", ("capacity factor",)),
    Bad("unknown-zone-in-gen-info", _set("gen_info.csv", 2, "gen_load_zone", "Z"), "gen_info.csv", 4,
        "gen_load_zone", ("unknown load zone", "'Z'")),
]


def _write_bad(tmp_path: Path, bad: Bad) -> Path:
    tables, modules = base_tables(), base_modules()
    bad.corrupt(tables, modules)
    d = write(tmp_path / "case" / "inputs", tables, modules)
    for name in bad.remove:
        (d / name).unlink()
    return d


def test_base_case_is_valid(tmp_path: Path) -> None:
    """The starting point reads: every failure below comes from its one corruption."""
    case = batteryplan.read_case(write(tmp_path / "ok", base_tables(), base_modules()))
    assert case.n_zone == 2 and case.n_period == 1 and case.n_tp == 2


@pytest.mark.parametrize("bad", BAD, ids=lambda b: b.id)
def test_bad_input_points_at_file_line_column(tmp_path: Path, bad: Bad) -> None:
    d = _write_bad(tmp_path, bad)
    with pytest.raises(batteryplan.CaseError) as info:
        batteryplan.read_case(d)
    err = info.value
    assert (err.file, err.line, err.column) == (bad.file, bad.line, bad.column), str(err)
    text = str(err)
    for fragment in bad.says:
        assert fragment in text, text
    # the message starts with where it is, in the documented order
    where = [bad.file] + ([f"line {bad.line}"] if bad.line is not None else []) + \
            ([f"column '{bad.column}'"] if bad.column else [])
    assert text.startswith(", ".join(where)), text


@pytest.mark.parametrize("bad", BAD, ids=lambda b: b.id)
def test_cli_prints_one_error_line_and_exits_2(tmp_path: Path, bad: Bad) -> None:
    d = _write_bad(tmp_path, bad)
    result = CliRunner().invoke(main, ["run", str(d)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    assert lines[0].startswith(f"error: {bad.file}")
    assert "Traceback" not in result.output


def test_message_reads_like_the_style_example(tmp_path: Path) -> None:
    """STYLE.md §8: `loads.csv, line 18, column 'zone_demand_mw': expected a number, got 'abc'`."""
    d = _write_bad(tmp_path, next(b for b in BAD if b.id == "non-numeric"))
    with pytest.raises(batteryplan.CaseError) as info:
        batteryplan.read_case(d)
    assert str(info.value) == "loads.csv, line 3, column 'zone_demand_mw': expected a number, got 'abc'"


def test_several_bad_cells_are_listed_once(tmp_path: Path) -> None:
    """A file's errors are gathered: the first bad cell is the error's line, later ones are listed."""
    tables, modules = base_tables(), base_modules()
    tables["loads.csv"][1]["zone_demand_mw"] = "x"
    tables["loads.csv"][3]["zone_demand_mw"] = "y"
    with pytest.raises(batteryplan.CaseError) as info:
        batteryplan.read_case(write(tmp_path / "c", tables, modules))
    assert info.value.line == 3
    assert "line 5: got 'y'" in str(info.value)


def test_blank_lines_keep_editor_line_numbers(tmp_path: Path) -> None:
    """A blank line inside a file still counts: the bad cell after it is reported at its editor line."""
    tables, modules = base_tables(), base_modules()
    tables["loads.csv"][3]["zone_demand_mw"] = "abc"
    d = write(tmp_path / "c", tables, modules)
    text = (d / "loads.csv").read_text().splitlines()
    text.insert(2, "")                       # now the bad row (was line 5) is line 6
    (d / "loads.csv").write_text("\n".join(text) + "\n")
    with pytest.raises(batteryplan.CaseError) as info:
        batteryplan.read_case(d)
    assert (info.value.file, info.value.line) == ("loads.csv", 6)


@pytest.mark.parametrize("factor, ok", [(0.995, True), (1.009, True), (0.985, False), (1.011, False)])
def test_timepoint_weight_check_is_plus_minus_one_percent(tmp_path: Path, factor: float, ok: bool) -> None:
    """SWITCH's check: Σ tp_weight within ±1 % of 8766 h x period length (here 1 year)."""
    tables, modules = base_tables(), base_modules()
    tables["timeseries.csv"][0]["ts_scale_to_period"] = 4383.0 * factor
    d = write(tmp_path / "c", tables, modules)
    if ok:
        assert batteryplan.read_case(d).n_period == 1
    else:
        with pytest.raises(batteryplan.CaseError) as info:
            batteryplan.read_case(d)
        assert info.value.file == "timeseries.csv"
