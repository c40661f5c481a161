"""The `native` pattern: PyO3's own `async fn`, work on the module's runtime, cancellation."""

import asyncio
import os
import subprocess
import sys
import time

import pytest

from my_module_tokio_asyncio_patterns import native_sleep, pending_futures

RUNS = int(os.environ.get("EXIT_STRESS_RUNS", "3"))


def exits_cleanly(main):
    """Runs the coroutine function source `main` in a daemon thread's event loop in a fresh
    interpreter, which exits while that loop still runs; RUNS times (`EXIT_STRESS_RUNS`), each
    of which must end with status 0 and nothing on stderr."""
    script = (
        "import asyncio, threading, time\n"
        "import my_module_tokio_asyncio_patterns as pkg\n\n"
        f"{main}\n\n"
        "threading.Thread(target=lambda: asyncio.run(main()), daemon=True).start()\n"
        "time.sleep(0.2)\n"
    )
    failures = []
    for _ in range(RUNS):
        run = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
        )
        if run.returncode != 0 or run.stderr:
            failures.append((run.returncode, run.stderr[-800:]))
    assert failures == []


async def until(predicate):
    """Waits, between event-loop steps, for `predicate()` to hold (at most 2 s)."""

    async def poll():
        while not predicate():
            await asyncio.sleep(0.005)

    await asyncio.wait_for(poll(), 2)


async def settled():
    """`pending_futures()` once it stops changing: futures of earlier tests may still be dropping."""
    last = pending_futures()
    while True:
        await asyncio.sleep(0.02)
        now = pending_futures()
        if now == last:
            return now
        last = now


def test_calling_it_makes_a_coroutine_that_asyncio_run_takes():
    coro = native_sleep(0.01)
    assert asyncio.iscoroutine(coro)
    assert asyncio.run(coro) is None


@pytest.mark.asyncio
async def test_native_sleeps_run_concurrently_on_the_runtime():
    start = time.perf_counter()
    await asyncio.gather(*(native_sleep(0.2) for _ in range(50)))
    elapsed = time.perf_counter() - start
    assert 0.2 <= elapsed < 1.0


@pytest.mark.asyncio
async def test_cancelling_it_is_prompt_and_stops_the_rust_timer():
    before = await settled()
    task = asyncio.create_task(native_sleep(3600))
    await until(lambda: pending_futures() > before)
    start = time.perf_counter()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.perf_counter() - start < 1.0
    await until(lambda: pending_futures() == before)


@pytest.mark.asyncio
async def test_a_negative_time_is_refused_when_awaited():
    with pytest.raises(ValueError, match="seconds must be >= 0"):
        await native_sleep(-1)


def test_exit_with_native_sleeps_pending_and_finishing():
    exits_cleanly(
        """
async def main():
    while True:
        await asyncio.gather(*(pkg.native_sleep(0.0001 * i) for i in range(100)))
"""
    )
