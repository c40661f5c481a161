"""Tests of the Rust functions as Python sees them."""

import asyncio
import sys
import time

import pytest

import my_module_async_std_uvloop_patterns as pkg


class Boom(Exception):
    pass


async def value(x):
    await asyncio.sleep(0.01)
    return x


async def boom():
    await asyncio.sleep(0)
    raise Boom("raised in Python")


@pytest.mark.asyncio
async def test_rust_sleep_resolves_to_none():
    assert await pkg.rust_sleep(0.01) is None


@pytest.mark.asyncio
async def test_rust_sleeps_run_concurrently():
    start = time.perf_counter()
    await asyncio.gather(*(pkg.rust_sleep(0.2) for _ in range(50)))
    elapsed = time.perf_counter() - start
    assert 0.2 <= elapsed < 1.0


@pytest.mark.asyncio
async def test_rust_sleep_rejects_negative_seconds():
    with pytest.raises(ValueError, match="seconds must be a finite number >= 0"):
        await pkg.rust_sleep(-1)
    # The native function checks its argument when called, before any future exists.
    with pytest.raises(ValueError, match="seconds must be a finite number >= 0"):
        pkg._native.rust_sleep(-1)


@pytest.mark.asyncio
async def test_cancelling_a_rust_sleep_is_prompt():
    task = asyncio.ensure_future(pkg.rust_sleep(10))
    await asyncio.sleep(0.01)
    start = time.perf_counter()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.perf_counter() - start < 1.0


@pytest.mark.asyncio
async def test_await_coro_returns_the_result():
    assert await pkg.await_coro(value(42)) == 42


@pytest.mark.asyncio
async def test_await_coro_accepts_any_awaitable():
    future = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.01, future.set_result, "done")
    assert await pkg.await_coro(future) == "done"


@pytest.mark.asyncio
async def test_await_coro_propagates_exceptions_unchanged():
    with pytest.raises(Boom, match=r"^raised in Python$"):
        await pkg.await_coro(boom())


@pytest.mark.asyncio
async def test_await_callable_makes_a_fresh_coroutine_each_call():
    calls = []

    def make():
        calls.append(1)
        return value(len(calls))

    assert await pkg.await_callable(make) == 1
    assert await pkg.await_callable(make) == 2


@pytest.mark.asyncio
async def test_run_coro_refuses_inside_a_running_loop():
    coro = value(1)
    with pytest.raises(RuntimeError, match="cannot be called while an event loop is running"):
        pkg.run_coro(coro)
    assert coro.cr_frame is None  # closed, so Python does not warn it was never awaited


def test_run_coro_from_synchronous_code():
    assert pkg.run_coro(value(7)) == 7


def test_run_coro_propagates_exceptions_unchanged():
    with pytest.raises(Boom, match=r"^raised in Python$"):
        pkg.run_coro(boom())


def test_asyncio_run_of_a_native_awaitable_needs_a_running_loop():
    # The guide's pitfall, kept by the raw _native functions, which return asyncio futures
    # bound to the running loop: the argument is evaluated before asyncio.run starts one.
    with pytest.raises(RuntimeError, match="no running event loop"):
        asyncio.run(pkg._native.rust_sleep(0.01))

    # The package's functions are coroutines, made for this.
    assert asyncio.run(pkg.rust_sleep(0.01)) is None


def test_runs_under_uvloop_run():
    uvloop = pytest.importorskip("uvloop")

    async def main():
        await pkg.rust_sleep(0.01)
        return type(asyncio.get_running_loop())

    assert uvloop.run(main()) is uvloop.Loop


@pytest.mark.skipif(sys.version_info < (3, 11), reason="asyncio.Runner is new in Python 3.11")
def test_runs_under_an_asyncio_runner_with_uvloop_loops():
    uvloop = pytest.importorskip("uvloop")

    async def main():
        return await pkg.await_coro(value(type(asyncio.get_running_loop())))

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        assert runner.run(main()) is uvloop.Loop


def test_run_coro_uses_uvloop_when_installed():
    uvloop = pytest.importorskip("uvloop")

    async def loop_type():
        return type(asyncio.get_running_loop())

    assert pkg.run_coro(loop_type()) is uvloop.Loop
