"Async Rust on tokio, awaitable from Python asyncio (PyO3 + pyo3-async-runtimes)"

from collections.abc import Awaitable, Callable
from typing import TypeVar

from . import _native
from ._native import pending_futures, run_coro

# create-pyo3-async: pattern imports (do not remove this line)

__all__ = [
    "await_callable",
    "await_coro",
    "pending_futures",
    "run_coro",
    "rust_sleep",
    # create-pyo3-async: pattern exports (do not remove this line)
]

_T = TypeVar("_T")

# Coroutine functions around the native ones, which return asyncio futures bound to the loop
# running when they are called: as coroutines they work with asyncio.run, create_task,
# TaskGroup and anyio, and the future is made only once the coroutine runs on its loop.


async def rust_sleep(seconds: float) -> None:
    """Sleep on the Rust runtime without blocking the event loop."""
    return await _native.rust_sleep(seconds)


async def await_coro(coro: Awaitable[_T]) -> _T:
    """Await a Python awaitable from Rust and return its result; exceptions propagate unchanged.

    Cancelling this coroutine cancels the awaitable's task too.
    """
    return await _native.await_coro(coro)


async def await_callable(fn: Callable[[], Awaitable[_T]]) -> _T:
    """Call `fn()` for a fresh awaitable and await it from Rust."""
    return await _native.await_callable(fn)
