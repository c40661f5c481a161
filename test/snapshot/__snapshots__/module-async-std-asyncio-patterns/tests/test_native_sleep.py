"""The `native` pattern: PyO3's own `async fn`, work on the module's runtime, cancellation."""

import asyncio
import time

import pytest

from my_module_async_std_asyncio_patterns import native_sleep, pending_futures


async def until(predicate):
    """Waits, between event-loop steps, for `predicate()` to hold (at most 2 s)."""

    async def poll():
        while not predicate():
            await asyncio.sleep(0.005)

    await asyncio.wait_for(poll(), 2)


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
    before = pending_futures()
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
