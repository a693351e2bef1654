"""Solving an LP: the solver policy (``policy``), the hand-over to HiGHS (``highs``, the only module that imports
highspy), capacity columns (``condense``), the solution split into result arrays (``solution``), the step from an
optimal solution to a :class:`~batteryplan.result.Result` (``solve``) and the diagnosis of an infeasible case
(``diagnose``). Nothing is imported here: ``batteryplan.solve`` is ``solver.solve.solve``.
"""
