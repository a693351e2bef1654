"""Domain rules of the study's extension that several parts need (MODEL.md §2), in one place, numpy only.

- A battery is a storage project whose technology is one of the case's battery technologies, or, where
  none are given, whose technology name contains "Battery".
- A battery attaches to the grid, to renewables (RE-connected) or to the demand side, in this order
  (``Case.gen_attachment``, result files' ``attachments`` index, the strategies' copy suffixes).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import numpy.typing as npt

ATTACHMENTS = ("grid", "re", "demand")


def is_battery_tech(techs: npt.ArrayLike, battery_techs: Sequence[str] | None = None) -> npt.NDArray[np.bool_]:
    """Per technology name: a battery technology (listed in `battery_techs`, else named "...Battery...")."""
    names = np.asarray(techs).astype(str)
    names = np.char.strip(names)
    if battery_techs:
        return np.isin(names, list(battery_techs))
    return np.char.find(names, "Battery") >= 0
