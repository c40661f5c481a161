"""The `native` pattern: `native_sleep`, a PyO3 `async fn`.

Re-exported as it is: calling it already returns a coroutine, which `asyncio.run`,
`create_task` and `TaskGroup` take.
"""

from ._native import native_sleep

__all__ = ["native_sleep"]
