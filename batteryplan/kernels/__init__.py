"""Numba kernels: @njit(cache=True) functions over flat arrays, one file per constraint family."""
