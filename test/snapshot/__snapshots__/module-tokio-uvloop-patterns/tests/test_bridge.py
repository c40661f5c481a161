"""The bridge under real use: bad input, cancellation both ways, coroutines, bounded threads."""

import asyncio
import os
import sys

import pytest

import my_module_tokio_uvloop_patterns as pkg
from my_module_tokio_uvloop_patterns import _native, pending_futures


async def forever(state):
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        state["cancelled"] = True
        raise


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


async def never_called():
    return 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (42, "expected an awaitable, got int"),
        (None, "expected an awaitable, got NoneType"),
        (never_called, r"got function \(an async function: call it to get a coroutine\)"),
    ],
)
async def test_await_coro_refuses_what_is_not_awaitable_at_once(bad, message):
    with pytest.raises(TypeError, match=message):
        await asyncio.wait_for(pkg.await_coro(bad), 1)


@pytest.mark.asyncio
async def test_await_callable_refuses_a_non_callable_and_a_non_awaitable_result():
    with pytest.raises(TypeError, match="expected a callable returning an awaitable, got int"):
        await asyncio.wait_for(pkg.await_callable(42), 1)
    with pytest.raises(TypeError, match=r"expected fn\(\) to return an awaitable, got int"):
        await asyncio.wait_for(pkg.await_callable(lambda: 42), 1)


def test_run_coro_refuses_what_is_not_awaitable():
    with pytest.raises(TypeError, match="expected an awaitable, got int"):
        pkg.run_coro(42)


@pytest.mark.asyncio
async def test_cancelling_the_python_side_drops_the_rust_future():
    # Settled first: a future of the test before may still be dropping, and its decrement
    # would cancel out this one's increment.
    before = await settled()
    task = asyncio.ensure_future(pkg.rust_sleep(3600))
    await until(lambda: pending_futures() > before)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # <=: a future an earlier test left (finishing on its own) may end meanwhile too.
    await until(lambda: pending_futures() <= before)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "start",
    [
        lambda state: pkg.await_coro(forever(state)),
        lambda state: pkg.await_callable(lambda: forever(state)),
    ],
    ids=["await_coro", "await_callable"],
)
async def test_dropping_the_rust_future_cancels_the_awaited_task(start):
    state = {}
    task = asyncio.ensure_future(start(state))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await until(lambda: state.get("cancelled"))


@pytest.mark.asyncio
async def test_the_public_functions_are_coroutines_tasks_accept():
    assert asyncio.iscoroutinefunction(pkg.rust_sleep)
    assert await asyncio.create_task(pkg.rust_sleep(0.01)) is None
    assert await asyncio.create_task(pkg.await_coro(asyncio.sleep(0, "x"))) == "x"
    if sys.version_info >= (3, 11):
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(pkg.rust_sleep(0.01)) for _ in range(10)]
        assert [t.result() for t in tasks] == [None] * 10


@pytest.mark.asyncio
async def test_anyio_task_groups_accept_them():
    anyio = pytest.importorskip("anyio")
    async with anyio.create_task_group() as tg:
        tg.start_soon(pkg.rust_sleep, 0.01)
        tg.start_soon(pkg.await_callable, lambda: asyncio.sleep(0.01))


def test_asyncio_run_takes_them_directly():
    assert asyncio.run(pkg.await_coro(asyncio.sleep(0, "direct"))) == "direct"


@pytest.mark.asyncio
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts threads in /proc")
async def test_a_thousand_futures_leave_few_threads():
    before = len(os.listdir("/proc/self/task"))
    await asyncio.gather(*(pkg.rust_sleep(0.05) for _ in range(1000)))
    threads = len(os.listdir("/proc/self/task"))
    # Python's main thread, the runtime's workers and the hand-off thread (see the README); more
    # only if they were there before (idle blocking-pool threads that an earlier test started
    # stay for 10 s).
    assert threads <= max(before, 1 + _native.MAX_WORKER_THREADS + 1), (before, threads)
