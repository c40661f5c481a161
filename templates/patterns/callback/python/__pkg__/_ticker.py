"""The `callback` pattern: a Rust task awaiting a Python async callback on a timer."""

from collections.abc import Awaitable, Callable

from . import _native


class Ticker:
    """A running ticker; `await ticker.stop()` ends it."""

    __slots__ = ("_ticker",)

    def __init__(self, ticker: _native.Ticker) -> None:
        self._ticker = ticker

    async def stop(self) -> int:
        """Stop the ticker and return the number of calls made.

        Raises the callback's exception instead if one ended the ticker.
        """
        return await self._ticker.stop()


def start_ticker(callback: Callable[[int], Awaitable[None]], interval: float) -> Ticker:
    """Await `callback(n)` (n = 0, 1, ...) every `interval` seconds from a Rust task.

    Call it from a running event loop: the callback runs there, in a copy of the caller's
    contextvars.
    """
    return Ticker(_native.start_ticker(callback, interval))
