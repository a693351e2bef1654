"""Inputs that switch-model accepts must load here too (as SWITCH-China writes them)."""
from __future__ import annotations

import shutil

import pytest

import batteryplan


def _copy(examples_dir, tmp_path, name="storage"):
    dst = tmp_path / name
    shutil.copytree(examples_dir / name / "inputs", dst)
    return dst


def test_key_columns_by_position_and_case(examples_dir, tmp_path):
    """DataPortal takes index columns by position: 'load_zone' or 'zone' for LOAD_ZONE loads."""
    inputs = _copy(examples_dir, tmp_path)
    ref = batteryplan.solve(batteryplan.build(batteryplan.read_case(inputs))).objective
    text = (inputs / "loads.csv").read_text().splitlines()
    text[0] = "zone,tp," + text[0].split(",", 2)[2]
    (inputs / "loads.csv").write_text("\n".join(text) + "\n")
    text = (inputs / "gen_info.csv").read_text().splitlines()
    text[0] = text[0].replace("GENERATION_PROJECT", "generation_project")
    (inputs / "gen_info.csv").write_text("\n".join(text) + "\n")
    assert batteryplan.solve(batteryplan.build(batteryplan.read_case(inputs))).objective == pytest.approx(ref, rel=1e-12)


def test_boolean_words(examples_dir, tmp_path):
    """gen_is_variable / gen_is_baseload as TRUE/FALSE, as SWITCH-China writes them."""
    inputs = _copy(examples_dir, tmp_path)
    ref = batteryplan.solve(batteryplan.build(batteryplan.read_case(inputs))).objective
    lines = (inputs / "gen_info.csv").read_text().splitlines()
    head = lines[0].split(",")
    j = head.index("gen_is_variable")
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[j] = {"0": "FALSE", "1": "true"}.get(cells[j], cells[j])
        out.append(",".join(cells))
    (inputs / "gen_info.csv").write_text("\n".join(out) + "\n")
    case = batteryplan.read_case(inputs)
    assert case.gen_is_variable.any() and not case.gen_is_variable.all()
    assert batteryplan.solve(batteryplan.build(case)).objective == pytest.approx(ref, rel=1e-12)
    out[1] = out[1].replace("FALSE", "maybe", 1).replace("true", "maybe", 1)
    (inputs / "gen_info.csv").write_text("\n".join(out) + "\n")
    with pytest.raises(batteryplan.CaseError) as err:
        batteryplan.read_case(inputs)
    assert err.value.line == 2 and err.value.column == "gen_is_variable"
