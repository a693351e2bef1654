"""The study's figure tables (batteryplan/cases/china/study/): values as the study's Source Data workbook has them,
and ``scripts/derive_study_figures.py`` writes them deterministically.

The spot values below were read off ``Source_Data.xls`` (sheet and cell given with each) by hand. The
determinism test runs the script on ``data/source_data_cells.json``: the 491 workbook cells the script reads,
recorded from the workbook once, served through a stand-in for ``xlrd`` (a development tool that batteryplan does
not install).
"""
from __future__ import annotations

import importlib.util
import json
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
STUDY = REPO / "batteryplan" / "cases" / "china" / "study"
CELLS = Path(__file__).parent / "data" / "source_data_cells.json"

# (csv, row selector, column, value, workbook cell)
SPOT_VALUES = [
    ("fig2_normalised", {"scenario": "RE-Low-R", "year": 2030}, "co2_per_mwh_relative", 0.6183670699135649,
     "Figure2!C5"),
    ("fig2_normalised", {"scenario": "Demand-Low-R", "year": 2050}, "cost_per_mwh_relative", 0.8823527884742802,
     "Figure2!D18"),
    ("fig3_transmission", {"scenario": "Grid-Low-R", "period": 2038}, "tx_received_twh", 18576.692194374,
     "Figure3!D12"),
    ("fig3_transmission", {"scenario": "Demand-Low-R", "period": 2048}, "tx_cost_busd_per_yr", 64.3368423720424,
     "Figure3!E20"),
    ("fig3_transmission", {"scenario": "RE-Low-R", "period": 2023}, "tx_capacity_gw", 1412.620186772, "Figure3!C3"),
    ("fig3_transmitted_power", {"scenario": "RE-Low-R", "step": 8}, "tx_received_gw", 1937.834537, "Figure3!C33"),
    ("fig4_energy_balance", {"zone": "West_Inner_Mongolia", "scenario": "Grid-Low-R", "component": "net_imports"},
     "twh_per_yr", -3385.0, "Figure4!D16"),
    ("fig4_energy_balance", {"zone": "Chongqing", "scenario": "Demand-Low-R", "component": "battery_charge"},
     "twh_per_yr", 35.0, "Figure4!E10"),
    ("fig4_demand", {"zone": "Chongqing"}, "demand_twh_per_yr", 224.0, "Figure4!B23"),
    ("fig5_coal_battery", {"zone": "Chongqing", "scenario": "RE-Low-R", "year": 2025}, "coal_twh_per_yr", 177.1,
     "Figure5!C4"),
    ("fig5_coal_battery", {"zone": "West_Inner_Mongolia", "scenario": "Grid-Low-R", "year": 2050},
     "battery_discharge_twh_per_yr", 344.8, "Figure5!G15"),
    ("fig6_discharge_share", {"zone": "West_Inner_Mongolia", "attachment": "re"}, "share", 0.62, "Figure6!B3"),
    ("fig6_discharge_share", {"zone": "Chongqing", "attachment": "demand"}, "share", 1.0, "Figure6!D22"),
    ("fig6_discharge_share", {"zone": "East_Inner_Mongolia", "attachment": "grid"}, "share", 0.63, "Figure6!C10"),
    ("fig7_national_co2", {"scenario": "Grid-High-R", "year": 2050}, "co2_mt_per_yr", 85.0, "Figure7!N9"),
]


@pytest.mark.parametrize("csv, where, column, value, cell", SPOT_VALUES, ids=[s[-1] for s in SPOT_VALUES])
def test_spot_values_match_the_workbook(csv: str, where: dict, column: str, value: float, cell: str) -> None:
    df = pd.read_csv(STUDY / f"{csv}.csv")
    for k, v in where.items():
        df = df[df[k] == v]
    assert len(df) == 1, f"{csv}: {where} selects {len(df)} rows"
    assert df[column].iloc[0] == value, cell


def test_tables_have_every_row_and_known_labels() -> None:
    rows = {"fig2_normalised": 18, "fig3_transmission": 18, "fig3_transmitted_power": 39, "fig4_energy_balance": 42,
            "fig4_demand": 2, "fig5_coal_battery": 36, "fig6_discharge_share": 96, "fig7_national_co2": 12}
    for name, n in rows.items():
        assert len(pd.read_csv(STUDY / f"{name}.csv")) == n, name
    zones = set(pd.read_csv(REPO / "batteryplan" / "cases" / "china" / "inputs" / "load_zones.csv")["LOAD_ZONE"])
    fig6 = pd.read_csv(STUDY / "fig6_discharge_share.csv")
    assert set(fig6["zone"]) == zones                      # every province, named as the case names it
    sums = fig6.groupby("zone")["share"].sum()
    assert ((sums - 1.0).abs() <= 0.011).all(), sums[(sums - 1.0).abs() > 0.011]     # shares rounded to 0.01
    f2 = pd.read_csv(STUDY / "fig2_normalised.csv")
    first = f2[(f2["scenario"] == "Grid-Low-R") & (f2["year"] == 2025)].iloc[0]
    assert first["co2_per_mwh_relative"] == 1.0 and first["cost_per_mwh_relative"] == 1.0   # the normaliser
    assert set(pd.read_csv(STUDY / "fig5_coal_battery.csv")["period"]) == {2023, 2028, 2033, 2038, 2043, 2048}
    text = (STUDY / "SOURCES.md").read_text(encoding="utf-8")
    for name in rows:
        assert f"`{name}.csv`" in text, f"SOURCES.md does not describe {name}.csv"


def _fake_xlrd(cells: dict[str, dict[str, object]]) -> types.ModuleType:
    """A module with ``open_workbook`` serving `cells` ({sheet: {A1 reference: value}}); other cells are empty."""
    def ref(r: int, c: int) -> str:
        name, c = "", c + 1
        while c:
            c, k = divmod(c - 1, 26)
            name = chr(ord("A") + k) + name
        return f"{name}{r + 1}"

    class Sheet:
        def __init__(self, values: dict[str, object]) -> None:
            self.values = values

        def cell_value(self, r: int, c: int) -> object:
            return self.values.get(ref(r, c), "")

    class Book:
        def sheet_by_name(self, name: str) -> Sheet:
            return Sheet(cells[name])

    mod = types.ModuleType("xlrd")
    mod.open_workbook = lambda path: Book()
    return mod


def _script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("derive_study_figures", REPO / "scripts" / "derive_study_figures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_derivation_is_deterministic_and_matches_the_committed_tables(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlrd", _fake_xlrd(json.loads(CELLS.read_text(encoding="utf-8"))))
    mod = _script()
    first = mod.derive(Path("Source_Data.xls"), tmp_path / "a")
    second = mod.derive(Path("Source_Data.xls"), tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert a.read_bytes() == (STUDY / a.name).read_bytes(), f"{a.name} differs from the committed table"
    assert sorted(p.name for p in first) == sorted(p.name for p in STUDY.glob("*.csv"))


def test_a_changed_layout_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cells = json.loads(CELLS.read_text(encoding="utf-8"))
    cells["Figure5"]["F2"] = "Charged electricity of batteries"
    monkeypatch.setitem(sys.modules, "xlrd", _fake_xlrd(cells))
    mod = _script()
    with pytest.raises(ValueError, match=r"Figure5!F2"):
        mod.derive(Path("Source_Data.xls"), tmp_path)
