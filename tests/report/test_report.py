"""``batteryplan report``: every file is written, index.html is self-contained and shows every figure, catalogs
are read (paths relative to the catalog, failed rows skipped), and the page renders in headless Chromium."""
from __future__ import annotations

import base64
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from batteryplan.cli import main
from batteryplan.report.page import FIGURES, ReportError, load_inputs, write_report

REPO = Path(__file__).resolve().parents[2]
TABLES = ("period", "zone", "tech", "zone_tech", "zone_attachment", "line")
PNG_MAX_BYTES = 150 * 1024


def _check_report(out: Path, scenarios: list[str]) -> str:
    for key in FIGURES:
        for ext in ("png", "svg", "csv"):
            assert (out / f"{key}.{ext}").stat().st_size > 0, f"{key}.{ext}"
        png = (out / f"{key}.png").read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) < PNG_MAX_BYTES, key
        assert (out / f"{key}.svg").read_text().lstrip().startswith(("<?xml", "<svg"))
    for name in TABLES:
        df = pd.read_csv(out / f"metrics_{name}.csv")
        assert set(df["scenario"]) == set(scenarios) or (name == "line" and df.empty), name
    assert list(pd.read_csv(out / "scenarios.csv")["scenario"]) == scenarios
    page = (out / "index.html").read_text(encoding="utf-8")
    for key in FIGURES:                                   # every figure: a section, its image, its files
        assert f'<section id="{key}">' in page and f'href="#{key}"' in page, key
        assert f'href="{key}.svg"' in page and f'href="{key}.csv"' in page, key
        png = base64.b64encode((out / f"{key}.png").read_bytes()).decode()
        assert f'src="data:image/png;base64,{png}"' in page, f"{key}: PNG not embedded"
    # self-contained: nothing loaded from elsewhere (links to the files next to it are not loads)
    assert not re.search(r'<(script|link|iframe)\b', page)
    assert re.findall(r'src="([^"]*)"', page) and all(s.startswith("data:") for s in re.findall(r'src="([^"]*)"', page))
    assert "http://" not in page and "https://" not in page
    return page


@pytest.fixture(scope="module")
def report_dir(solved: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of every solved scenario, written by the command line."""
    out = tmp_path_factory.mktemp("report") / "report"
    run = CliRunner().invoke(main, ["report", *map(str, solved.values()), "--out", str(out)])
    assert run.exit_code == 0, run.output
    return out


def test_report_command_writes_every_file(report_dir: Path) -> None:
    out = report_dir
    order = ["Grid-Low-R", "Grid-High-R", "RE-Low-R", "Demand-Low-R", "Mixed-Low-R", "Mixed-High-R"]
    page = _check_report(out, order)
    assert "Chongqing" in page and "West_Inner_Mongolia" in page
    assert "period 2040" in page and "Mixed-Low-R" in page
    # figure 1 normalises each scenario to the Grid scenario with the same carbon path and battery cost
    f1 = pd.read_csv(out / "fig1_national.csv")
    ref = dict(zip(f1["scenario"], f1["reference_scenario"]))
    assert ref["Mixed-High-R"] == "Grid-High-R" and ref["RE-Low-R"] == "Grid-Low-R"
    first = f1[(f1["scenario"] == "Grid-Low-R") & (f1["period"] == 2030)].iloc[0]
    assert first["co2_relative_to_reference_first_period"] == pytest.approx(1.0)
    # figure 3: the positive stack minus the negative stack is demand
    f3 = pd.read_csv(out / "fig3_province_balance.csv")
    for (sc, zone), d in f3.groupby(["scenario", "zone"]):
        supply = (d["sign"] * d["mwh_per_yr"]).sum()
        assert supply == pytest.approx(d.loc[d["component"] == "Demand", "mwh_per_yr"].iloc[0], rel=1e-9)
    # figure 5 covers both Mixed scenarios; its shares add to 1 where there is discharge
    f5 = pd.read_csv(out / "fig5_discharge_share.csv")
    assert set(f5["scenario"]) == {"Mixed-Low-R", "Mixed-High-R"}
    sums = f5.groupby(["scenario", "zone"])["discharge_share"].sum(min_count=1).dropna()
    assert len(sums) and (sums.round(9) == 1.0).all()


def test_report_reads_a_catalog(solved: dict[str, Path], tmp_path: Path) -> None:
    """Catalog files are relative to the catalog's folder; rows that failed or have no file are skipped."""
    folder = tmp_path / "sweep"
    (folder / "results").mkdir(parents=True)
    rows = []
    for name in ("Grid-Low-R", "Mixed-Low-R"):
        (folder / "results" / f"{name}.h5").write_bytes(solved[name].read_bytes())
        s, c, b = name.split("-")
        rows.append({"name": name, "strategy": s, "carbon": c, "battery_cost": b, "carbon_multiplier": 1.0,
                     "status": "optimal", "objective": 1.0, "file": f"results/{name}.h5"})
    rows.append({"name": "RE-Low-R", "strategy": "RE", "carbon": "Low", "battery_cost": "R",
                 "carbon_multiplier": 1.0, "status": "failed", "objective": None, "file": None})
    pd.DataFrame(rows).to_csv(folder / "catalog.csv", index=False)
    rep = write_report([folder / "catalog.csv"], tmp_path / "out", provinces=["chongqing"], year=2035)
    assert rep.scenarios == ["Grid-Low-R", "Mixed-Low-R"] and rep.provinces == ["Chongqing"]
    assert rep.period == 2030 and any("RE-Low-R" in n and "failed" in n for n in rep.notes)
    page = _check_report(tmp_path / "out", ["Grid-Low-R", "Mixed-Low-R"])
    assert "status &#x27;failed&#x27;" in page
    if importlib.util.find_spec("pyarrow") is not None:
        pd.DataFrame(rows).to_parquet(folder / "catalog.parquet")
        loaded, notes = load_inputs([folder / "catalog.parquet"])
        assert [e.name for e in loaded] == ["Grid-Low-R", "Mixed-Low-R"] and len(notes) == 1
        loaded, _ = load_inputs([folder])                  # a sweep folder stands for its catalog
        assert [e.name for e in loaded] == ["Grid-Low-R", "Mixed-Low-R"]


def test_report_input_errors(solved: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="Atlantis"):
        write_report([solved["Grid-Low-R"]], tmp_path / "a", provinces=["Atlantis"])
    with pytest.raises(ReportError, match="focus"):
        write_report([solved["Grid-Low-R"]], tmp_path / "b", focus="Mixed-High-B")
    (tmp_path / "bad.csv").write_text("name,path\nx,y.h5\n")
    run = CliRunner().invoke(main, ["report", str(tmp_path / "bad.csv"), "--out", str(tmp_path / "c")])
    assert run.exit_code == 1 and "'file' column" in run.output


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                    reason="Debian's chromium is not installed: run scripts/install_system_packages.sh "
                           "(the README's test command does)")
def test_index_renders_in_headless_chromium(report_dir: Path, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "screenshot_report.py"), str(report_dir),
                           "--out", str(shot), "--size", "1000,1400"], capture_output=True, text=True, timeout=180,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    from PIL import Image
    with Image.open(shot) as im:
        assert im.size == (1000, 1400)
        colours = im.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20        # a rendered page, not a blank one
