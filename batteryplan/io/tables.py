"""CSV tables of a SWITCH inputs folder, with checks that point at file, line and column.

Every cell is read as text (pandas' C parser, no NA guessing); conversions happen per column
here, so a bad cell is reported as ``file, line N, column 'c': …`` with the line counted as an
editor counts it (the header is line 1). ``.`` means "no value", as in SWITCH.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..errors import CaseError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
MISSING = "."
_SHOW = 20


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> CaseError:
    """The line and column of a byte that is not UTF-8 (e.g. a Latin-1 'é'), as an editor counts them.
    pandas reads in chunks, so its `exc` counts bytes from a chunk's start: decode the whole file again."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as whole:
        exc = whole
    head = data[:exc.start]
    line = head.count(b"\n") + 1
    col = exc.start - (head.rfind(b"\n") + 1) + 1
    return CaseError(f"not UTF-8 text: byte {exc.object[exc.start]:#04x} at character {col} ({exc.reason}); "
                     f"save the file as UTF-8", path.name, line)


def _not_csv(file: str, exc: Exception) -> CaseError:
    """pandas' parser error in one line, with the line it names where it names one."""
    text = " ".join(str(exc).split())
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if m:
        return CaseError(f"{m.group(3)} cells where the header has {m.group(1)} (a stray comma?)", file,
                         int(m.group(2)))
    return CaseError(f"cannot parse the file as CSV ({text})", file)


def _refuse_other_delimiter(file: str, header: str) -> None:
    """A header that is one column but holds ';' or tabs: the file is separated by something other than
    commas, which SWITCH does not read."""
    for sep, name in ((";", "semicolons"), ("\t", "tabs")):
        if sep in header:
            raise CaseError(f"the columns are separated by {name}, not commas (header {header!r}); "
                            f"SWITCH inputs are comma-separated: save the file as CSV with commas", file, 1)


_READ = dict(dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=False, skipinitialspace=True,
             engine="c")


def _without_trailing_cell(path: Path, shifted: pd.DataFrame) -> pd.DataFrame:
    """The table of a file whose every data line has one cell more than its header (pandas then takes the first
    column as an index and shifts the columns): a trailing comma on the data lines only, as some spreadsheets
    write, is read without it; any other extra cell is an error."""
    raw = pd.read_csv(path, header=None, skiprows=1, **_READ)
    last = raw.iloc[:, -1].str.strip()
    if not (last == "").all():
        line = int(np.flatnonzero((last != "").to_numpy())[0]) + 2
        raise CaseError(f"{raw.shape[1]} cells where the header has {shifted.shape[1]} (every data line has one "
                        f"cell more than the header)", path.name, line)
    df = raw.iloc[:, :-1]
    df.columns = list(shifted.columns)
    return df


class Table:
    """One CSV file: text cells, their editor line numbers, and typed column accessors."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.name
        try:
            df = pd.read_csv(path, **_READ)
            if not isinstance(df.index, pd.RangeIndex):
                df = _without_trailing_cell(path, df)
        except pd.errors.EmptyDataError:
            raise CaseError("the file is empty; expected a header row", self.file, 1) from None
        except pd.errors.ParserError as exc:
            raise _not_csv(self.file, exc) from None
        except UnicodeDecodeError as exc:
            raise _not_utf8(path, exc) from None
        df.columns = [str(c).strip() for c in df.columns]
        if len(df.columns) == 1:
            _refuse_other_delimiter(self.file, str(df.columns[0]))
        lines = np.arange(len(df), dtype=np.int64) + 2
        if len(df):
            blank = (df.apply(lambda s: s.str.strip()) == "").all(axis=1).to_numpy()
            if blank.any():
                df, lines = df.loc[~blank].reset_index(drop=True), lines[~blank]
        self.df = df
        self.lines = lines
        self._memo: dict[tuple, object] = {}

    # The reader and the declared-table check (io/schema.py) both look at a file's columns; each column is
    # stripped and parsed once. ``df`` is not changed after construction (a transform makes a new Table).
    def _cells(self, column: str) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_]]:
        """The column's stripped cells and where they are missing ('.' or empty)."""
        key = ("cells", column)
        if key not in self._memo:
            raw = self.df[column].str.strip()
            self._memo[key] = (raw.to_numpy(dtype=object), ((raw == MISSING) | (raw == "")).to_numpy())
        return self._memo[key]  # type: ignore[return-value]

    def _floats(self, column: str) -> FloatArray:
        """The column parsed as float64 (missing cells as 0, text that is no number as NaN); read-only."""
        key = ("floats", column)
        if key not in self._memo:
            values, missing = self._cells(column)
            num = np.array(pd.to_numeric(pd.Series(np.where(missing, "0", values)), errors="coerce"),
                           dtype=np.float64)
            num.setflags(write=False)
            self._memo[key] = num
        return self._memo[key]  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self.df)

    def has(self, column: str) -> bool:
        return column in self.df.columns

    def require(self, columns: Sequence[str]) -> None:
        missing = [c for c in columns if c not in self.df.columns]
        if missing:
            raise CaseError(f"missing column(s) {', '.join(repr(c) for c in missing)}; "
                            f"the header has {', '.join(self.df.columns)}", self.file, 1, missing[0])

    def _fail(self, bad: npt.NDArray[np.bool_], column: str, what: str,
              values: npt.NDArray[np.object_]) -> None:
        rows = np.flatnonzero(bad)
        first = rows[0]
        more = [f"line {self.lines[r]}: got {values[r]!r}" for r in rows[1:_SHOW]]
        if len(rows) > _SHOW:
            more.append(f"and {len(rows) - _SHOW} more")
        raise CaseError(f"{what}, got {values[first]!r}", self.file, int(self.lines[first]),
                        column, more)

    def text(self, column: str) -> npt.NDArray[np.object_]:
        """The column's cells as stripped strings; '.' is an error (a label is required)."""
        self.require([column])
        values, bad = self._cells(column)
        if bad.any():
            self._fail(bad, column, "expected a value", values)
        return values.copy()

    def number(self, column: str, default: float | None = None, *,
               lo: float | None = None, hi: float | None = None,
               lo_open: bool = False, optional_column: bool = True) -> FloatArray:
        """The column as float64. '.' (or an absent column) takes `default`; with no default
        it is an error. NaN/inf text is rejected; `lo`/`hi` bound the values."""
        n = len(self.df)
        if column not in self.df.columns:
            if default is None or not optional_column:
                self.require([column])
            return np.full(n, default, dtype=np.float64)
        values, missing = self._cells(column)
        num = self._floats(column).copy()
        bad = ~np.isfinite(num) & ~missing
        if bad.any():
            nan_text = np.array([str(v).lower() in ("nan", "inf", "-inf", "infinity", "+inf")
                                 for v in values[bad]])
            huge = np.isinf(num[bad]) & ~nan_text         # '1e400': a number, but beyond float64
            what = ("expected a finite number (NaN and infinity are not allowed here)" if nan_text.all() else
                    "number out of range (beyond ±1.8e308)" if huge.all() else "expected a number")
            self._fail(bad, column, what, values)
        if missing.any():
            if default is None:
                self._fail(missing, column, "expected a number", values)
            num[missing] = default
        if lo is not None:
            bad = (num <= lo) if lo_open else (num < lo)
            bad &= ~missing
            if bad.any():
                self._fail(bad, column, f"expected a number {'>' if lo_open else '≥'} {lo:g}", values)
        if hi is not None:
            bad = (num > hi) & ~missing
            if bad.any():
                self._fail(bad, column, f"expected a number ≤ {hi:g}", values)
        return num

    def flag(self, column: str, default: bool = False) -> npt.NDArray[np.bool_]:
        """An optional boolean column: 0/1 or true/false in any case ('.' and absent mean 0),
        as Pyomo's Boolean domain accepts."""
        if column not in self.df.columns:
            return np.full(len(self.df), default, bool)
        raw = self.df[column].str.strip()
        low = raw.str.lower()
        words = low.isin(["true", "false"]).to_numpy()
        if words.any():
            frame = self.df.copy()
            frame[column] = np.where(words, np.where(low == "true", "1", "0"), raw)
            v = Table.from_frame(self.file, frame, self.lines).number(column, float(default))
        else:
            v = self.number(column, float(default))
        bad = (v != 0) & (v != 1)
        if bad.any():
            self._fail(bad, column, "expected 0 or 1 (or true / false)", self.df[column].to_numpy(dtype=object))
        return v.astype(bool)

    def integer(self, column: str) -> IntArray:
        v = self.number(column)
        bad = v != np.round(v)
        if bad.any():
            self._fail(bad, column, "expected a whole number", self.df[column].to_numpy(dtype=object))
        return v.astype(np.int64)

    def ref(self, column: str, labels: Sequence[str] | pd.Index, what: str,
            source: str) -> IntArray:
        """Positions of the column's labels in `labels`; an unknown label is an error naming
        the file that defines them (`source`)."""
        values = self.text(column)
        index = labels if isinstance(labels, pd.Index) else pd.Index(list(labels))
        pos = index.get_indexer(values)
        bad = pos < 0
        if bad.any():
            self._fail(bad, column, f"unknown {what} (not in {source})", values)
        return pos.astype(np.int64)

    def period_ref(self, column: str, periods: IntArray) -> IntArray:
        """Positions of period labels (numbers) in `periods`."""
        v = self.number(column)
        pos = pd.Index(periods.astype(np.float64)).get_indexer(v)
        bad = pos < 0
        if bad.any():
            self._fail(bad, column, "unknown period (not in periods.csv)",
                       self.df[column].to_numpy(dtype=object))
        return pos.astype(np.int64)

    def unique(self, keys: Sequence[str]) -> None:
        """Duplicate keys are an error naming the second occurrence and the first."""
        self.require(keys)
        if ("unique", tuple(keys)) in self._memo:
            return
        frame = self.df[list(keys)].apply(lambda s: s.str.strip())
        dup = frame.duplicated(keep="first").to_numpy()
        if dup.any():
            r = int(np.flatnonzero(dup)[0])
            same = (frame == frame.iloc[r]).all(axis=1).to_numpy()
            first_line = int(self.lines[np.flatnonzero(same)[0]])
            key = ", ".join(f"{k}={frame.iloc[r][k]}" for k in keys)
            raise CaseError(f"duplicate key ({key}); first given at line {first_line}",
                            self.file, int(self.lines[r]), keys[0])
        self._memo[("unique", tuple(keys))] = True

    @classmethod
    def from_frame(cls, file: str, df: pd.DataFrame, lines: IntArray) -> "Table":
        """A table made in memory (a strategy's or scenario's transform of a file)."""
        t = cls.__new__(cls)
        t.path, t.file = Path(file), file
        t.df, t.lines = df.reset_index(drop=True), np.asarray(lines, dtype=np.int64)
        t._memo = {}
        return t


# Index (key) columns of each file, in order. switch-model's DataPortal takes index columns by
# position, so a header that spells them differently (``load_zone`` for ``LOAD_ZONE``) still loads;
# the reader accepts the same and refers to them by these names.
KEYS: dict[str, tuple[str, ...]] = {
    "periods.csv": ("INVESTMENT_PERIOD",),
    "timeseries.csv": ("TIMESERIES",),
    "timepoints.csv": ("timepoint_id",),
    "load_zones.csv": ("LOAD_ZONE",),
    "loads.csv": ("LOAD_ZONE", "TIMEPOINT"),
    "zone_coincident_peak_demand.csv": ("LOAD_ZONE", "PERIOD"),
    "gen_info.csv": ("GENERATION_PROJECT",),
    "gen_build_costs.csv": ("GENERATION_PROJECT", "build_year"),
    "gen_build_predetermined.csv": ("GENERATION_PROJECT", "build_year"),
    "variable_capacity_factors.csv": ("GENERATION_PROJECT", "timepoint"),
    "hydro_timeseries.csv": ("hydro_project", "timeseries"),
    "transmission_lines.csv": ("TRANSMISSION_LINE",),
    "carbon_policies.csv": ("PERIOD",),
    "fuel_cost.csv": ("load_zone", "fuel", "period"),
    "fuels.csv": ("fuel",),
    "regional_fuel_markets.csv": ("regional_fuel_market",),
    "fuel_supply_curves.csv": ("regional_fuel_market", "period", "tier"),
    "zone_to_regional_fuel_market.csv": ("load_zone", "regional_fuel_market"),
}


def _align_keys(table: "Table") -> None:
    """Name the key columns as the reader expects: exact name, else a case-insensitive match,
    else the column in that position (as switch-model's DataPortal reads them)."""
    keys = KEYS.get(table.file)
    if not keys:
        return
    cols = list(table.df.columns)
    lower = {c.lower(): c for c in cols}
    for i, key in enumerate(keys):
        if key in cols:
            continue
        if key.lower() in lower:
            cols[cols.index(lower[key.lower()])] = key
        elif i < len(cols) and cols[i] not in keys:
            cols[i] = key
    table.df.columns = cols


def _check_declared(table: Table, modules: tuple[str, ...] | None) -> None:
    """Check `table` against its stage-1 spec, if it has one (types, required columns, unique keys, domains)."""
    from . import schema, stage1_inputs    # both import this module
    spec = stage1_inputs.spec_for(table.file, modules)
    if spec is not None:
        schema.check(table, spec)


class Folder:
    """A SWITCH inputs folder: tables are read on first use, and a declared file
    (``io/stage1_inputs.py``) is checked against its spec as it is read. ``modules`` (set by the reader from
    the module list it read, ``modules_file``) decides which module-specific columns are checked; with None
    (not known) only the columns that every module set reads are."""

    def __init__(self, path: Path, modules: Sequence[str] | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_dir():
            raise CaseError(f"no such inputs folder: {self.path}")
        self._cache: dict[str, Table] = {}
        self.modules = None if modules is None else tuple(modules)
        self.modules_file = "modules.txt"          # the module list `modules` came from, for messages

    def exists(self, name: str) -> bool:
        return (self.path / name).is_file()

    def table(self, name: str, optional: bool = False) -> Table | None:
        if name not in self._cache:
            p = self.path / name
            if not p.is_file():
                if optional:
                    return None
                raise CaseError(f"missing file (required by the modules in {self.modules_file}) in {self.path}", name)
            t = Table(p)
            _align_keys(t)
            _check_declared(t, self.modules)
            self._cache[name] = t
        return self._cache[name]

    def put(self, name: str, table: Table) -> None:
        """Replace a table in memory (strategies and scenarios transform tables)."""
        self._cache[name] = table
