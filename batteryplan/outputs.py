"""Where results go: every output location is checked before any work starts, and a finished solve whose
file cannot be written is saved somewhere else rather than lost.

A check creates the folder if needed and then creates (and removes) a probe file in it: permission bits
alone do not tell (root ignores them, an immutable or read-only-mounted folder refuses root too).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import CaseError


class OutputError(CaseError):
    """An output location that cannot be written; the CLI prints it on one line and exits 2."""


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _probe(folder: Path, what: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".batteryplan-probe-", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise OutputError(f"cannot write {what} {folder}: {_reason(exc)}") from None


def check_folder(path: str | Path, what: str = "into the folder") -> Path:
    """Create `path` if needed and make sure files can be written in it; OutputError if not."""
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise OutputError(f"cannot write {what} {p}: it is a file, not a folder")
    _probe(p, what)
    return p


def check_file(path: str | Path, what: str = "the file") -> Path:
    """Make sure `path` can be written (its folder is created if needed); OutputError if not."""
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"cannot write {what} {p}: it is a folder; give a file name")
    if p.exists() and not os.access(p, os.W_OK):
        raise OutputError(f"cannot write {what} {p}: the file is read-only")
    _probe(p.parent, f"{what} {p.name} into the folder")
    return p


def save_result(res, path: str | Path) -> tuple[Path, str | None]:
    """Write `res` to `path`; if that fails, to the same name in the current folder, else in the temporary
    folder. Returns (where it went, why `path` failed or None). Raises OutputError only if nowhere worked."""
    path = Path(path)
    try:
        return res.to_hdf5(path), None
    except OSError as exc:
        why = _reason(exc)
    for folder in (Path.cwd(), Path(tempfile.gettempdir())):
        spare = folder / path.name
        if spare.resolve() == path.resolve():
            continue
        if spare.exists():
            spare = folder / f"{path.stem}-{os.getpid()}{path.suffix}"
        try:
            return res.to_hdf5(spare), why
        except OSError:
            continue
    raise OutputError(f"cannot write the result to {path} ({why}), nor to the current or the temporary folder")


def replace_atomically(path: str | Path, write) -> None:
    """Write `path` through `write(tmp)` to a temporary name beside it, then rename it into place: a crash leaves
    the old file or the new one, never half of one (a ``*.partial`` at most, removed here on a Python error)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
