"""Derive small tidy CSVs of the study's figure numbers from its Source Data workbook.

    python scripts/derive_study_figures.py [--xls PATH] [--out batteryplan/cases/china/study]

Reads ``Source_Data.xls`` of Peng et al., Nature Communications 14:4858 (2023), doi:10.1038/s41467-023-40337-3
(in SWITCH-China's open repository, ``peng_et_al_nc_2023/``; a copy sits under
``../shared/data/raw/switch-china-open-model/peng_et_al_nc_2023/``) and writes one CSV per figure of Figs. 2-6
(every panel with data in the workbook) plus the national CO2 of Fig. 7, with zones, scenarios and periods in
batteryplan's terms. ``SOURCES.md`` beside the CSVs names sheet, cells, units and normalisation of each.

This is a development-time derivation, run by hand when the workbook changes: it needs ``xlrd`` (``pip install
xlrd``), which is not a dependency of batteryplan. ``batteryplan fidelity`` reads only the CSVs it writes.
The output is deterministic: same workbook, same bytes.
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_XLS = (ROOT.parent / "shared" / "data" / "raw" / "switch-china-open-model" / "peng_et_al_nc_2023"
               / "Source_Data.xls")
DEFAULT_OUT = ROOT / "batteryplan" / "cases" / "china" / "study"

# the study's representative years and the case's period labels (first year of each five-year period)
YEAR_TO_PERIOD = {2025: 2023, 2030: 2028, 2035: 2033, 2040: 2038, 2045: 2043, 2050: 2048}
PERIOD_TO_YEAR = {p: y for y, p in YEAR_TO_PERIOD.items()}
# column headers of Figs. 3-5 -> strategy
STRATEGY_OF_HEADER = {"RE-connected batteries": "RE", "Grid-connected batteries": "Grid",
                      "Demand-side batteries": "Demand"}
# the workbook's province labels that differ from the case's zone names
ZONE_OF_LABEL = {"Western Inner Mongolia": "West_Inner_Mongolia", "Western_IM": "West_Inner_Mongolia",
                 "Eastern_IM": "East_Inner_Mongolia"}
ATTACHMENT_OF_HEADER = {"RE-connected batteries": "re", "Grid-connected batteries": "grid",
                        "Demand-side batteries": "demand"}
FIG4_COMPONENT = {"Coal": "coal", "Hydro": "hydro", "Solar": "solar", "Wind": "wind",
                  "Transmitted power": "net_imports", "Battery Charge": "battery_charge",
                  "Battery Discharge": "battery_discharge"}


class Sheet:
    """Cells of one worksheet by A1 reference, with checks that the layout is the one this script expects."""

    def __init__(self, book, name: str) -> None:
        self.name = name
        self.sheet = book.sheet_by_name(name)

    def __call__(self, ref: str) -> object:
        col = 0
        letters = ref.rstrip("0123456789")
        for ch in letters:
            col = col * 26 + ord(ch) - ord("A") + 1
        return self.sheet.cell_value(int(ref[len(letters):]) - 1, col - 1)

    def number(self, ref: str) -> float:
        v = self(ref)
        if not isinstance(v, float):
            raise ValueError(f"{self.name}!{ref}: expected a number, got {v!r}")
        return v

    def zone(self, ref: str) -> str:
        """The case's zone name of the province label in `ref`."""
        label = str(self(ref)).strip()
        return ZONE_OF_LABEL.get(label, label)

    def expect(self, ref: str, text: str) -> None:
        if str(self(ref)).strip() != text:
            raise ValueError(f"{self.name}!{ref}: expected {text!r}, got {self(ref)!r}; the workbook's layout changed")


def _col(letter: str, offset: int) -> str:
    return chr(ord(letter) + offset)


def _fmt(v: object) -> str:
    """Numbers as repr (exact and stable), everything else as text."""
    return repr(float(v)) if isinstance(v, float) else str(v)


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([_fmt(v) for v in r])


def fig2(s: Sheet) -> list[list[object]]:
    """Rows 4-9 (CO2 per MWh) and 13-18 (cost per MWh), columns B-D: Grid, RE, Demand under Low-R."""
    s.expect("A2", "Normalized CO2 emissions (ton/MWh)")
    s.expect("A11", "Normalized electicity cost ($/MWh)")
    rows = []
    for k, header in enumerate(("Grid_Low_R", "RE_Low_R", "Demand_Low_R")):
        c = _col("B", k)
        s.expect(f"{c}3", header)
        s.expect(f"{c}12", header)
        for r in range(6):
            year = int(s.number(f"A{4 + r}"))
            if int(s.number(f"A{13 + r}")) != year:
                raise ValueError(f"{s.name}: the two tables list different years")
            rows.append([header.replace("_", "-"), year, YEAR_TO_PERIOD[year], s.number(f"{c}{4 + r}"),
                         s.number(f"{c}{13 + r}")])
    return rows


def fig3(s: Sheet) -> tuple[list[list[object]], list[list[object]]]:
    """Per period (rows 3-8, 9-14, 15-20) and the transmitted-power profile (rows 25-37), columns C-E."""
    s.expect("A3", "Installed capacity (GW)")
    s.expect("A9", "Total tranmitted electricity (TWh)")
    s.expect("A15", "Annual transmission cost (Billion dollars)")
    s.expect("A25", "Transmitted power (GW)")
    per_period, profile = [], []
    for k in range(3):
        c = _col("C", k)
        strategy = STRATEGY_OF_HEADER[str(s(f"{c}2"))]
        s.expect(f"{c}24", str(s(f"{c}2")))
        for r in range(6):
            period = int(s.number(f"B{3 + r}"))
            per_period.append([f"{strategy}-Low-R", PERIOD_TO_YEAR[period], period, s.number(f"{c}{3 + r}"),
                               s.number(f"{c}{9 + r}"), s.number(f"{c}{15 + r}")])
        for r in range(13):
            profile.append([f"{strategy}-Low-R", r, int(s.number(f"B{25 + r}")), s.number(f"{c}{25 + r}")])
    return per_period, profile


def fig4(s: Sheet) -> tuple[list[list[object]], list[list[object]]]:
    """Rows 5-11 (Chongqing) and 12-18 (Western Inner Mongolia), columns C-E; demand in A23:B24."""
    s.expect("C3", "Dispatched electricity (TWh)")
    s.expect("B22", "Demand (TWh)")
    balance = []
    for first in (5, 12):
        zone = s.zone(f"A{first}")
        for r in range(first, first + 7):
            component = FIG4_COMPONENT[str(s(f"B{r}"))]
            for k in range(3):
                c = _col("C", k)
                strategy = STRATEGY_OF_HEADER[str(s(f"{c}4"))]
                balance.append([zone, f"{strategy}-Low-R", 2040, 2038, component, s.number(f"{c}{r}")])
    demand = []
    for r in (23, 24):
        demand.append([s.zone(f"A{r}"), 2040, 2038, s.number(f"B{r}")])
    return balance, demand


def fig5(s: Sheet) -> list[list[object]]:
    """Rows 4-9 (Chongqing) and 10-15 (Western Inner Mongolia); coal in C-E, battery discharge in F-H."""
    s.expect("C2", "Coal-fired power generation")
    s.expect("F2", "Discharged electricity from batteries")
    rows = []
    for first in (4, 10):
        zone = s.zone(f"A{first}")
        for r in range(first, first + 6):
            year = int(s.number(f"B{r}"))
            for k in range(3):
                coal, dis = _col("C", k), _col("F", k)
                strategy = STRATEGY_OF_HEADER[str(s(f"{coal}3"))]
                if STRATEGY_OF_HEADER[str(s(f"{dis}3"))] != strategy:
                    raise ValueError(f"{s.name}: columns {coal} and {dis} are not the same strategy")
                rows.append([zone, f"{strategy}-Low-R", year, YEAR_TO_PERIOD[year], s.number(f"{coal}{r}"),
                             s.number(f"{dis}{r}")])
    return rows


def fig6(s: Sheet) -> list[list[object]]:
    """Rows 3-34: one province each; columns B-D: RE-connected, Grid-connected, Demand-side share."""
    s.expect("A2", "Province")
    rows = []
    for r in range(3, 35):
        zone = s.zone(f"A{r}")
        for k in range(3):
            c = _col("B", k)
            rows.append([zone, "Mixed-Low-R", ATTACHMENT_OF_HEADER[str(s(f"{c}2"))],
                         s.number(f"{c}{r}")])
    return rows


def fig7(s: Sheet) -> list[list[object]]:
    """Rows 4-9 (2025-2050; row 3 is the 2020 history), columns M (Grid-Low-R) and N (Grid-High-R)."""
    s.expect("M2", "Grid_Low_R")
    s.expect("N2", "Grid_High_R")
    rows = []
    for c in ("M", "N"):
        for r in range(4, 10):
            year = int(s.number(f"A{r}"))
            rows.append([str(s(f"{c}2")).replace("_", "-"), year, YEAR_TO_PERIOD[year], s.number(f"{c}{r}")])
    return rows


def derive(xls: Path, out: Path) -> list[Path]:
    """Write the CSVs into `out`; return their paths."""
    import xlrd
    book = xlrd.open_workbook(str(xls))
    out.mkdir(parents=True, exist_ok=True)
    per_period, profile = fig3(Sheet(book, "Figure3"))
    balance, demand = fig4(Sheet(book, "Figure4"))
    tables = {
        "fig2_normalised.csv": (["scenario", "year", "period", "co2_per_mwh_relative", "cost_per_mwh_relative"],
                                fig2(Sheet(book, "Figure2"))),
        "fig3_transmission.csv": (["scenario", "year", "period", "tx_capacity_gw", "tx_received_twh",
                                   "tx_cost_busd_per_yr"], per_period),
        "fig3_transmitted_power.csv": (["scenario", "step", "hour", "tx_received_gw"], profile),
        "fig4_energy_balance.csv": (["zone", "scenario", "year", "period", "component", "twh_per_yr"], balance),
        "fig4_demand.csv": (["zone", "year", "period", "demand_twh_per_yr"], demand),
        "fig5_coal_battery.csv": (["zone", "scenario", "year", "period", "coal_twh_per_yr",
                                   "battery_discharge_twh_per_yr"], fig5(Sheet(book, "Figure5"))),
        "fig6_discharge_share.csv": (["zone", "scenario", "attachment", "share"], fig6(Sheet(book, "Figure6"))),
        "fig7_national_co2.csv": (["scenario", "year", "period", "co2_mt_per_yr"], fig7(Sheet(book, "Figure7"))),
    }
    paths = []
    for name, (header, rows) in tables.items():
        write_csv(out / name, header, rows)
        paths.append(out / name)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--xls", type=Path, default=DEFAULT_XLS, help="the study's Source_Data.xls")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the CSVs")
    args = ap.parse_args()
    for p in derive(args.xls, args.out):
        print(p)


if __name__ == "__main__":
    main()
