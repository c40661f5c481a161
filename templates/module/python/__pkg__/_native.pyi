from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["await_callable", "await_coro", "run_coro", "rust_sleep"]

_T = TypeVar("_T")

def rust_sleep(seconds: float) -> Awaitable[None]:
    """Sleep on the Rust runtime without blocking the event loop.

    Call it from inside a running event loop (in an `async def`), not directly as
    `asyncio.run(rust_sleep(1))`: the Rust future is bound to the loop when it is created.
    """

def await_coro(coro: Awaitable[_T]) -> Awaitable[_T]:
    """Await a Python awaitable from Rust and return its result; exceptions propagate unchanged."""

def await_callable(fn: Callable[[], Awaitable[_T]]) -> Awaitable[_T]:
    """Call `fn()` for a fresh awaitable and await it from Rust."""

def run_coro(coro: Awaitable[_T]) -> _T:
    """Run `coro` to completion on a new event loop and return its result.

    Synchronous; raises RuntimeError when called while an event loop is running in this thread.
    """

