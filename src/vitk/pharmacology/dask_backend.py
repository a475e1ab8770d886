"""Optional Dask backend: run cohort chunks on a ``distributed`` client.

Install with ``pip install vitk[dask]``. Chunks are the same as in a local run, and each
chunk is computed by the same deterministic code, so results are identical for a seed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from vitk.errors import InputError

__all__ = ["map_chunks"]

T = TypeVar("T")


def map_chunks(
    func: Callable[[int, int], T], bounds: Sequence[tuple[int, int]], *, client: Any = None
) -> list[T]:
    """Run ``func(a, b)`` for each chunk on a Dask client; results in chunk order.

    Raises
    ------
    InputError
        If ``distributed`` is not installed and no client is given.
    """
    if client is None:
        try:
            from distributed import get_client
        except ImportError:  # pragma: no cover - depends on the environment
            raise InputError(
                "backend='dask' needs the optional dependency: pip install 'vitk[dask]'."
            ) from None
        try:
            client = get_client()
        except ValueError:
            raise InputError(
                "backend='dask' needs a running distributed Client; create one first."
            ) from None
    futures = [client.submit(func, a, b, pure=False) for a, b in bounds]
    return list(client.gather(futures))
