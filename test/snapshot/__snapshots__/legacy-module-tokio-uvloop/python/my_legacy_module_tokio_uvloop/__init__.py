"Async Rust on tokio, awaitable from Python asyncio (PyO3 + pyo3-asyncio)"

from ._native import await_callable, await_coro, run_coro, rust_sleep

__all__ = ["await_callable", "await_coro", "run_coro", "rust_sleep"]
