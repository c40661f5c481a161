"""The Rust functions as the extension module exports them.

The package wraps the awaitable ones in `async def`s; these return asyncio futures bound to the
event loop running when they are called, so `asyncio.run(_native.rust_sleep(1))` raises
RuntimeError ("no running event loop"): the argument is evaluated before the loop starts.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = [
    "Store",
    "Ticker",
    "Ticks",
    "await_callable",
    "await_coro",
    "checksum",
    "native_sleep",
    "pending_futures",
    "run_coro",
    "rust_sleep",
    "sleep_blocking",
    "start_ticker",
    "ticks",
    # create-pyo3-async: pattern exports (do not remove this line)
]

_T = TypeVar("_T")

def rust_sleep(seconds: float) -> asyncio.Future[None]:
    """Sleep on the Rust runtime without blocking the event loop."""

def await_coro(coro: Awaitable[_T]) -> asyncio.Future[_T]:
    """Await a Python awaitable from Rust; TypeError at once if it is not awaitable."""

def await_callable(fn: Callable[[], Awaitable[_T]]) -> asyncio.Future[_T]:
    """Call `fn()` for a fresh awaitable and await it from Rust."""

def run_coro(coro: Awaitable[_T]) -> _T:
    """Run `coro` to completion on a new event loop and return its result.

    Synchronous; raises RuntimeError when called while an event loop is running in this thread.
    """

def pending_futures() -> int:
    """How many Rust futures of this module are alive (running or waiting)."""

from typing import final

@final
class Store:
    """An in-memory key-value store (the package's `Store` wraps it in coroutines)."""

    def put(self, key: str, value: bytes) -> asyncio.Future[None]:
        """Store `value` under `key`."""

    def get(self, key: str) -> asyncio.Future[bytes | None]:
        """The value stored under `key`, or None."""

    def keys(self) -> asyncio.Future[list[str]]:
        """Every key, sorted."""

    def close(self) -> asyncio.Future[None]:
        """Drop the entries; later calls raise RuntimeError("store is closed")."""

from typing import final

@final
class Ticks:
    """The async iterator `ticks()` returns."""

    def __aiter__(self) -> Ticks: ...
    def __anext__(self) -> asyncio.Future[int]: ...
    def aclose(self) -> asyncio.Future[None]:
        """Stop the Rust producer; iteration ends."""

def ticks(count: int, interval: float) -> Ticks:
    """An async iterator of `count` ticks (0, 1, ...), one every `interval` seconds."""

def sleep_blocking(seconds: float) -> None:
    """Block the calling thread for `seconds`, with the GIL released."""

def checksum(data: bytes) -> asyncio.Future[int]:
    """The Adler-32 checksum of `data`, computed on the runtime's blocking pool."""

from typing import final

@final
class Ticker:
    """A running ticker (the package's `Ticker` wraps it)."""

    def stop(self) -> asyncio.Future[int]:
        """Stop it; resolves to the calls made, or raises the callback's exception."""

def start_ticker(callback: Callable[[int], Awaitable[None]], interval: float) -> Ticker:
    """Await `callback(n)` every `interval` seconds from a Rust task (needs a running loop)."""

async def native_sleep(seconds: float) -> None:
    """Sleep on the Rust runtime: a PyO3 `async fn`, so calling it returns a coroutine."""

# create-pyo3-async: pattern stubs (do not remove this line)
