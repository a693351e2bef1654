"""SWITCH command-line options that change the model, as ``switch solve`` reads them from ``options.txt``.

switch-model reads ``options.txt`` from the folder it runs in (usually the one holding ``inputs/``), splits
each line like a shell does and drops ``#`` comments (switch_model/solve.py:984-999). A case may carry model
options there, for instance ``--spinning-requirement-rule 3+5``. batteryplan reads the same file beside the
inputs folder (or takes the tokens from ``read_case(..., options=[...])``); each constraint family picks out
the options it knows with :func:`option_value` / :func:`option_flag` and ignores the rest (solver settings).
"""
from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from ..errors import CaseError

FILE = "options.txt"


def read_options(inputs_dir: Path) -> tuple[str, ...]:
    """The tokens of ``options.txt`` in the folder that holds `inputs_dir`; () where there is none."""
    path = Path(inputs_dir).parent / FILE
    if not path.is_file():
        return ()
    tokens: list[str] = []
    for n, line in enumerate(path.read_text().splitlines(), start=1):
        try:
            tokens.extend(shlex.split(line, comments=True))
        except ValueError as exc:
            raise CaseError(f"cannot split the line as switch does ({exc})", FILE, n) from None
    return tuple(tokens)


def option_value(tokens: Sequence[str], name: str, choices: Sequence[str]) -> str | None:
    """The value of ``--name value`` (or ``--name=value``), the last one given, or None; checked against
    `choices` as switch-model's argument parser does."""
    found = None
    for k, tok in enumerate(tokens):
        if tok == name:
            if k + 1 >= len(tokens) or tokens[k + 1].startswith("--"):
                raise CaseError(f"option {name} needs a value (one of {', '.join(choices)})", FILE)
            found = tokens[k + 1]
        elif tok.startswith(name + "="):
            found = tok[len(name) + 1:]
    if found is not None and found not in choices:
        raise CaseError(f"option {name}: expected one of {', '.join(choices)}, got {found!r}", FILE)
    return found


def option_flag(tokens: Sequence[str], name: str) -> bool:
    """Whether the switch ``--name`` (a flag without a value) is given."""
    return name in tokens
