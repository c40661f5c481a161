"""The `stream` pattern: `ticks()`, a Rust stream as an async iterator."""

from collections.abc import AsyncIterator

from . import _native

__all__ = ["ticks"]


def ticks(count: int, interval: float) -> AsyncIterator[int]:
    """An async iterator of `count` ticks (0, 1, ...), one every `interval` seconds.

    A Rust task makes them; `break`, `aclose()` or dropping the iterator stops it.
    """
    return _native.ticks(count, interval)
