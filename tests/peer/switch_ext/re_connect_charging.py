"""RE-connected battery charging limit, as a switch-model 2.0.9 custom module.

Used only by the live peer tests (tests/peer, tests/solves/test_live_peer.py): put this folder on
PYTHONPATH and list ``re_connect_charging`` in modules.txt, after
``switch_model.generators.extensions.storage``.

Input: an extra ``gen_info.csv`` column ``gen_is_re_connect`` (0/1, default 0; the column itself is
optional). SWITCH core ignores the column; this module reads it.

Constraint (MODEL.md §2), for every load zone z and timepoint t that has at least one active
RE-connected storage project:

    Σ_{g storage in z, gen_is_re_connect[g] = 1, (g, t) active} ChargeStorage[g, t]
        ≤ Σ_{g variable in z, (g, t) active} DispatchGen[g, t]

Discharged power and renewable output may still flow anywhere; only charging is limited.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any

from pyomo.environ import Binary, Constraint, Param


def define_components(m: Any) -> None:
    """Add ``gen_is_re_connect`` and ``RE_Connected_Charging_Limit[z, t]`` to the model."""
    m.gen_is_re_connect = Param(m.GENERATION_PROJECTS, within=Binary, default=0)

    def _members(m: Any) -> tuple[dict[tuple[Any, Any], list[Any]], dict[tuple[Any, Any], list[Any]]]:
        """(zone, tp) -> RE-connected storage projects active then; (zone, tp) -> variable projects."""
        cache = getattr(m, "_re_connect_members", None)
        if cache is None:
            storage: dict[tuple[Any, Any], list[Any]] = defaultdict(list)
            for g, t in m.ALL_STORAGE_GEN_TPS:
                if m.gen_is_re_connect[g]:
                    storage[m.gen_load_zone[g], t].append(g)
            variable: dict[tuple[Any, Any], list[Any]] = defaultdict(list)
            for g, t in m.VARIABLE_GEN_TPS:
                variable[m.gen_load_zone[g], t].append(g)
            cache = m._re_connect_members = (storage, variable)
        return cache

    def rule(m: Any, z: Any, t: Any) -> Any:
        storage, variable = _members(m)
        charging = storage.get((z, t), [])
        if not charging:
            return Constraint.Skip
        renewables = sum(m.DispatchGen[g, t] for g in variable.get((z, t), []))
        return sum(m.ChargeStorage[g, t] for g in charging) <= renewables

    m.RE_Connected_Charging_Limit = Constraint(m.LOAD_ZONES, m.TIMEPOINTS, rule=rule)


def load_inputs(m: Any, switch_data: Any, inputs_dir: str) -> None:
    """Read ``gen_is_re_connect`` from gen_info.csv (column optional, '.' = default 0)."""
    switch_data.load_aug(
        filename=os.path.join(inputs_dir, "gen_info.csv"),
        optional_params=["gen_is_re_connect"],
        param=(m.gen_is_re_connect,),
    )
