"""The `stream` pattern: a Rust stream as a Python async iterator."""

import asyncio
import os
import subprocess
import sys

import pytest

from my_module_tokio_asyncio_patterns import pending_futures, ticks

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


@pytest.mark.asyncio
async def test_yields_every_tick_then_stops():
    assert [tick async for tick in ticks(5, 0.01)] == [0, 1, 2, 3, 4]
    assert [tick async for tick in ticks(0, 0.01)] == []


@pytest.mark.asyncio
async def test_anext_raises_stop_async_iteration_at_the_end():
    it = ticks(1, 0)
    assert await anext(it) == 0
    for _ in range(2):
        with pytest.raises(StopAsyncIteration):
            await anext(it)


@pytest.mark.asyncio
async def test_break_stops_the_rust_producer():
    before = await settled()
    async for tick in ticks(1_000_000, 0.001):
        if tick == 3:
            break
    # The iterator is gone, and with it the producer task.
    await until(lambda: pending_futures() == before)


@pytest.mark.asyncio
async def test_aclose_stops_the_rust_producer():
    before = await settled()
    it = ticks(1_000_000, 0.001)
    assert await anext(it) == 0
    await it.aclose()
    await until(lambda: pending_futures() == before)
    with pytest.raises(StopAsyncIteration):
        await anext(it)


@pytest.mark.asyncio
async def test_cancelling_a_task_waiting_in_anext_leaves_the_iterator_usable():
    it = ticks(2, 0.3)

    async def next_tick():
        return await anext(it)

    task = asyncio.create_task(next_tick())
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert [tick async for tick in it] == [0, 1]


@pytest.mark.asyncio
async def test_concurrent_anext_calls_are_served_in_order():
    it = ticks(3, 0.05)
    assert await asyncio.gather(anext(it), anext(it), anext(it)) == [0, 1, 2]
    with pytest.raises(StopAsyncIteration):
        await anext(it)


@pytest.mark.asyncio
async def test_aclose_ends_calls_waiting_their_turn():
    it = ticks(1_000_000, 0.2)
    first, second = anext(it), anext(it)
    await it.aclose()
    for call in (first, second):
        with pytest.raises(StopAsyncIteration):
            await call


def test_a_negative_interval_is_refused():
    with pytest.raises(ValueError, match="interval must be >= 0"):
        ticks(1, -1)


def test_exit_while_the_producer_runs():
    exits_cleanly(
        """
async def main():
    async for _ in pkg.ticks(10**9, 0.0005):
        pass
"""
    )
