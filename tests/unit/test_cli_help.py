"""The command line documents itself, and the README's Use block lists every command it has."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from batteryplan.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def commands(group: click.Group, prefix: str = "batteryplan") -> list[tuple[str, click.Command]]:
    """Every command below `group`, nested groups included, with its full name."""
    out: list[tuple[str, click.Command]] = [(prefix, group)]
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            out += commands(cmd, f"{prefix} {name}")
        else:
            out.append((f"{prefix} {name}", cmd))
    return out


COMMANDS = commands(main)


def test_the_tree_is_walked() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"batteryplan run", "batteryplan sweep", "batteryplan export"} <= names


@pytest.mark.parametrize("name, cmd", COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_option_and_argument_has_help(name: str, cmd: click.Command) -> None:
    """An option needs its own help text; a click argument has none, so the command's docstring names it."""
    assert (cmd.help or "").strip(), f"{name} has no docstring"
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert (param.help or "").strip(), f"{name} {param.opts[0]} has no help text"
        elif isinstance(param, click.Argument):
            metavar = param.human_readable_name.upper()
            assert re.search(rf"\b{metavar}\b", cmd.help or ""), f"{name}'s docstring does not mention {metavar}"


def test_readme_use_block_lists_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    use = text.split("\n## Use\n", 1)[1].split("\n## ", 1)[0]
    for name, cmd in COMMANDS:
        if not isinstance(cmd, click.Group):
            assert re.search(rf"^\s+{name}\b", use, re.M), f"README's Use block does not show '{name}'"
