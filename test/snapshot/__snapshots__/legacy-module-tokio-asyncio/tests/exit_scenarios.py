"""Programs that end while Rust futures are in flight; each must exit 0 with nothing on stderr.

`python tests/exit_scenarios.py NAME [asyncio|uvloop]` runs one and prints "ok", then the time
the package's exit hook took; tests/test_exit.py runs them all in fresh interpreters.
"""

import asyncio
import atexit
import sys
import threading
import time
from collections.abc import Callable, Coroutine

_finished = [0.0]


def _report_shutdown() -> None:
    print(f"shutdown_ms={(time.perf_counter() - _finished[0]) * 1000:.2f}")


if __name__ == "__main__":
    # Registered before the package is imported, so it runs after the package's exit hook
    # (atexit runs last-in, first-out): the time in between is what the shutdown took.
    atexit.register(_report_shutdown)

import my_legacy_module_tokio_asyncio as pkg  # noqa: E402


async def many_then_exit() -> None:
    """1,000 concurrent sleeps; the program exits while their results are handed back."""
    await asyncio.gather(*(pkg.rust_sleep(0.1) for _ in range(1000)))


async def pending_at_exit() -> None:
    """Rust futures still sleeping when asyncio.run returns (it cancels their tasks)."""
    pending = [asyncio.ensure_future(pkg.rust_sleep(10)) for _ in range(200)]
    await asyncio.sleep(0.01)
    assert not any(task.done() for task in pending)


async def cancel_then_exit() -> None:
    """Tasks awaiting Rust and Python work, cancelled just before the end."""
    tasks = [asyncio.ensure_future(pkg.await_coro(asyncio.sleep(10))) for _ in range(200)]
    tasks += [asyncio.ensure_future(pkg.rust_sleep(10)) for _ in range(200)]
    await asyncio.sleep(0.01)
    for task in tasks:
        task.cancel()


def _start_in_daemon_thread(forever: Callable[[], Coroutine[None, None, None]]) -> None:
    """Runs the coroutine function `forever` in a daemon thread's event loop, once it has begun."""
    started = threading.Event()

    def run() -> None:
        started.set()
        asyncio.run(forever())

    threading.Thread(target=run, daemon=True).start()
    started.wait()


def daemon_thread_at_exit() -> None:
    """A daemon thread runs a loop of Rust futures while the main thread exits."""

    async def forever() -> None:
        while True:
            await asyncio.gather(*(pkg.rust_sleep(0.001) for _ in range(20)))

    _start_in_daemon_thread(forever)
    asyncio.run(asyncio.sleep(0.02))


SCENARIOS = {
    "many_then_exit": many_then_exit,
    "pending_at_exit": pending_at_exit,
    "cancel_then_exit": cancel_then_exit,
    "daemon_thread_at_exit": daemon_thread_at_exit,
}


def main(name: str, loop: str) -> None:
    scenario = SCENARIOS[name]
    if not asyncio.iscoroutinefunction(scenario):
        scenario()
    elif loop == "uvloop":
        import uvloop

        uvloop.run(scenario())
    else:
        asyncio.run(scenario())
    print("ok", flush=True)
    _finished[0] = time.perf_counter()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "asyncio")
