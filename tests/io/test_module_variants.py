"""Named module-list variants: ``read_case(..., modules=NAME)`` reads ``modules_NAME.txt`` beside modules.txt.

The case is SWITCH's 3zone_toy example (copied to a temporary folder) with one variant, ``modules_small.txt``:
its modules.txt without ``switch_model.transmission.local_td``. Without local T&D the loads are met at the zone
node directly, so the existing T&D's fixed cost and its 5.3 % losses leave the model: the optimum must be lower
than the example's own (expected/total_cost.txt) and equal to that of the same case whose modules.txt is the
small list.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import h5py
import pytest
from click.testing import CliRunner

from batteryplan import read_case
from batteryplan.cli import main
from batteryplan.errors import CaseError
from batteryplan.io.results import read_result

LOCAL_TD = "switch_model.transmission.local_td"
REL = 1e-7


@pytest.fixture
def toy(examples_dir: Path, tmp_path: Path) -> Path:
    """3zone_toy with modules_small.txt (no local T&D) beside its modules.txt."""
    dst = tmp_path / "3zone_toy"
    shutil.copytree(examples_dir / "3zone_toy", dst)
    lines = (dst / "inputs" / "modules.txt").read_text().splitlines()
    assert any(m.strip() == LOCAL_TD for m in lines)
    (dst / "inputs" / "modules_small.txt").write_text("\n".join(m for m in lines if m.strip() != LOCAL_TD) + "\n")
    return dst


def _listed(path: Path) -> tuple[str, ...]:
    return tuple(m.split("#")[0].strip() for m in path.read_text().splitlines() if m.split("#")[0].strip())


def test_a_named_variant_is_read(toy: Path) -> None:
    default, small = read_case(toy), read_case(toy, modules="small")
    assert default.modules == _listed(toy / "inputs" / "modules.txt")
    assert small.modules == _listed(toy / "inputs" / "modules_small.txt")
    assert LOCAL_TD in default.modules and LOCAL_TD not in small.modules
    assert default.has_local_td and not small.has_local_td        # the chosen list decides what is read
    assert (default.modules_variant, default.modules_file) == ("", "modules.txt")
    assert (small.modules_variant, small.modules_file) == ("small", "modules_small.txt")


def test_a_path_is_a_module_list_file(toy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "lists" / "no_td.txt"
    elsewhere.parent.mkdir()
    shutil.copy(toy / "inputs" / "modules_small.txt", elsewhere)
    c = read_case(toy, modules=str(elsewhere))
    assert c.modules == _listed(elsewhere) and not c.has_local_td
    assert c.modules_variant == str(elsewhere.resolve()) == c.modules_file
    with pytest.raises(CaseError, match="no such module-list file"):
        read_case(toy, modules=str(tmp_path / "absent.txt"))


def test_a_missing_variant_lists_the_folders_variants(toy: Path) -> None:
    (toy / "inputs" / "modules_stage1.txt").write_text((toy / "inputs" / "modules.txt").read_text())
    with pytest.raises(CaseError) as err:
        read_case(toy, modules="stage2")
    text = str(err.value)
    assert err.value.file == "modules_stage2.txt" and "\n" not in text
    assert text.startswith("modules_stage2.txt: ")
    assert "small (modules_small.txt)" in text and "stage1 (modules_stage1.txt)" in text
    (toy / "inputs" / "modules_small.txt").unlink()
    (toy / "inputs" / "modules_stage1.txt").unlink()
    with pytest.raises(CaseError, match=r"modules_\*\.txt\): none"):
        read_case(toy, modules="small")


def test_errors_in_a_variant_name_its_file_and_line(toy: Path) -> None:
    inputs = toy / "inputs"
    lines = (inputs / "modules_small.txt").read_text().splitlines()
    lines.insert(3, "switch_model.balancing.demand_response.simple")      # line 4: not supported
    (inputs / "modules_bad.txt").write_text("\n".join(lines) + "\n")
    with pytest.raises(CaseError) as err:
        read_case(toy, modules="bad")
    assert (err.value.file, err.value.line) == ("modules_bad.txt", 4)
    assert str(err.value).startswith("modules_bad.txt, line 4: unsupported module")

    (inputs / "modules_nobuild.txt").write_text(
        "\n".join(m for m in lines if "generators.core.build" not in m and "demand_response" not in m) + "\n")
    with pytest.raises(CaseError, match="^modules_nobuild.txt: module 'switch_model.generators.core.build' "
                                        "is required"):
        read_case(toy, modules="nobuild")
    # a constraint family's own check of the list names the variant as well
    (inputs / "modules_reserves.txt").write_text(
        (inputs / "modules.txt").read_text() + "switch_model.balancing.operating_reserves.areas\n"
        "switch_model.balancing.operating_reserves.spinning_reserves\n")
    with pytest.raises(CaseError) as err:
        read_case(toy, modules="reserves")
    assert err.value.file == "modules_reserves.txt" and "commit.operate" in str(err.value)


def test_run_with_a_variant_records_it_and_solves_that_model(toy: Path, examples_dir: Path, tmp_path: Path) -> None:
    default_cost = float((examples_dir / "3zone_toy" / "expected" / "total_cost.txt").read_text())
    out = tmp_path / "small.h5"
    r = CliRunner().invoke(main, ["run", str(toy), "--modules", "small", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "module list modules_small.txt" in r.output
    with h5py.File(out, "r") as f:
        a = f.attrs
        assert (a["modules_variant"], a["modules_file"]) == ("small", "modules_small.txt")
        assert tuple(json.loads(a["modules"])) == _listed(toy / "inputs" / "modules_small.txt")
        objective = float(a["objective"])
    res = read_result(out)
    assert res.modules_variant == "small" and LOCAL_TD not in res.modules
    # the same list as the case's own modules.txt gives the same optimum; the full list costs more
    plain = tmp_path / "plain"
    shutil.copytree(toy, plain)
    shutil.copy(plain / "inputs" / "modules_small.txt", plain / "inputs" / "modules.txt")
    ref = tmp_path / "ref.h5"
    r = CliRunner().invoke(main, ["run", str(plain), "--out", str(ref)])
    assert r.exit_code == 0 and "module list modules.txt" in r.output, r.output
    with h5py.File(ref, "r") as f:
        assert f.attrs["modules_variant"] == "" and f.attrs["modules_file"] == "modules.txt"
        assert objective == pytest.approx(float(f.attrs["objective"]), rel=REL)
    assert objective < default_cost * (1 - 1e-3)


def test_validate_and_a_missing_variant_on_the_command_line(toy: Path) -> None:
    r = CliRunner().invoke(main, ["validate", str(toy), "--modules", "small"])
    assert r.exit_code == 0, r.output
    assert f"module list modules_small.txt: {len(_listed(toy / 'inputs' / 'modules_small.txt'))} modules" in r.output
    r = CliRunner().invoke(main, ["run", str(toy), "--modules", "nope"])
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: modules_nope.txt: no module-list variant 'nope'")
    assert "small (modules_small.txt)" in lines[0]
