"""The Rust functions as the extension module exports them.

The package wraps the awaitable ones in `async def`s; these return asyncio futures bound to the
event loop running when they are called, so `asyncio.run(_native.rust_sleep(1))` raises
RuntimeError ("no running event loop"): the argument is evaluated before the loop starts.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = [
    "await_callable",
    "await_coro",
    "pending_futures",
    "run_coro",
    "rust_sleep",
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

# create-pyo3-async: pattern stubs (do not remove this line)
