"""The `callback` pattern: a Rust task awaiting a Python async callback."""

import asyncio
import contextvars
import os
import subprocess
import sys

import pytest

from my_module_tokio_asyncio_patterns import pending_futures, start_ticker

request_id = contextvars.ContextVar("request_id", default="unset")


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


class Boom(Exception):
    pass


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
async def test_calls_the_callback_until_stopped_and_counts_the_calls():
    before = await settled()
    calls = []

    async def on_tick(n):
        await asyncio.sleep(0)
        calls.append(n)

    ticker = start_ticker(on_tick, 0.01)
    await until(lambda: len(calls) >= 5)
    made = await ticker.stop()
    assert made >= 5
    assert calls == list(range(made))
    await asyncio.sleep(0.05)
    assert len(calls) == made  # nothing runs after stop()
    await until(lambda: pending_futures() == before)


@pytest.mark.asyncio
async def test_the_callback_sees_the_contextvars_of_the_starter():
    seen = []

    async def on_tick(n):
        seen.append(request_id.get())

    token = request_id.set("started-here")
    ticker = start_ticker(on_tick, 0.01)
    request_id.reset(token)  # later changes are not seen: the ticker has a copy
    await until(lambda: len(seen) >= 2)
    await ticker.stop()
    assert set(seen) == {"started-here"}


@pytest.mark.asyncio
async def test_an_exception_in_the_callback_stops_the_ticker_and_stop_raises_it():
    calls = []

    async def on_tick(n):
        calls.append(n)
        if n == 2:
            raise Boom("at the third call")

    ticker = start_ticker(on_tick, 0.01)
    await until(lambda: len(calls) == 3)
    await asyncio.sleep(0.05)
    assert calls == [0, 1, 2]  # stopped by the exception, not by stop()
    with pytest.raises(Boom, match=r"^at the third call$"):
        await ticker.stop()


@pytest.mark.asyncio
async def test_stop_twice_and_bad_callbacks_are_refused():
    async def on_tick(n):
        pass

    ticker = start_ticker(on_tick, 0.01)
    await ticker.stop()
    with pytest.raises(RuntimeError, match=r"stop\(\) was called already"):
        await ticker.stop()
    with pytest.raises(TypeError, match="expected a callable returning an awaitable, got int"):
        start_ticker(42, 0.01)
    returns_int = start_ticker(lambda n: 42, 0)
    await asyncio.sleep(0.1)  # its first call fails at once and ends it
    with pytest.raises(TypeError, match=r"expected callback\(n\) to return an awaitable, got int"):
        await returns_int.stop()


def test_start_ticker_needs_a_running_loop():
    async def on_tick(n):
        pass

    with pytest.raises(RuntimeError, match="no running event loop"):
        start_ticker(on_tick, 0.01)


def test_exit_while_a_ticker_runs():
    exits_cleanly(
        """
async def on_tick(n):
    await asyncio.sleep(0)

async def main():
    pkg.start_ticker(on_tick, 0.0005)
    await asyncio.sleep(3600)
"""
    )
