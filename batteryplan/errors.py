"""The one exception type for bad input, and the solver-side errors."""
from __future__ import annotations


class CaseError(ValueError):
    """Bad input in a SWITCH inputs folder.

    ``file``, ``line`` (as an editor counts it: the header is line 1) and ``column`` point at
    the offending cell where one exists; the message reads like
    ``loads.csv, line 18, column 'zone_demand_mw': expected a number, got 'abc'``.
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: str | None = None, more: list[str] | None = None) -> None:
        self.file, self.line, self.column, self.detail = file, line, column, message
        self.more = more or []
        where = []
        if file:
            where.append(file)
        if line is not None:
            where.append(f"line {line}")
        if column:
            where.append(f"column '{column}'")
        text = (", ".join(where) + ": " if where else "") + message
        if self.more:
            text += "; " + "; ".join(self.more)
        super().__init__(text)


class SolveError(RuntimeError):
    """HiGHS did not reach an optimum; ``status`` is HiGHS's model status text."""

    def __init__(self, message: str, status: str = "") -> None:
        self.status = status
        super().__init__(message)


class MissingDependency(CaseError):
    """An optional package a feature needs is not installed; the message names the extra that brings it."""


def require(module: str, extra: str, feature: str):
    """Import `module` for `feature`, or raise MissingDependency naming ``pip install 'batteryplan[extra]'``."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency(f"{feature} needs the package '{module.split('.')[0]}', which is not installed: "
                                f"pip install 'batteryplan[{extra}]'") from None
