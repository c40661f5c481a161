"""The `blocking` pattern: the GIL released while blocking, CPU work off the event loop."""

import asyncio
import os
import subprocess
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from my_module_tokio_uvloop_patterns import checksum, sleep_blocking

RUNS = int(os.environ.get("EXIT_STRESS_RUNS", "3"))


def exits_cleanly(main):
    """Runs the coroutine function source `main` in a daemon thread's event loop in a fresh
    interpreter, which exits while that loop still runs; RUNS times (`EXIT_STRESS_RUNS`), each
    of which must end with status 0 and nothing on stderr."""
    script = (
        "import asyncio, threading, time\n"
        "import my_module_tokio_uvloop_patterns as pkg\n\n"
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


def test_sleep_blocking_releases_the_gil():
    # Holding the GIL, 8 threads sleeping 0.2 s each would take 1.6 s.
    with ThreadPoolExecutor(8) as pool:
        start = time.perf_counter()
        list(pool.map(sleep_blocking, [0.2] * 8))
        elapsed = time.perf_counter() - start
    assert 0.2 <= elapsed < 0.6, elapsed


def test_sleep_blocking_refuses_a_negative_time():
    with pytest.raises(ValueError, match="seconds must be >= 0"):
        sleep_blocking(-1)


@pytest.mark.asyncio
@pytest.mark.parametrize("data", [b"", b"Wikipedia", bytes(range(256)) * 100])
async def test_checksum_is_adler32(data):
    assert await checksum(data) == zlib.adler32(data)


@pytest.mark.asyncio
async def test_the_event_loop_stays_responsive_during_a_checksum():
    data = bytes(range(256)) * (1 << 18)  # 64 MiB: about a second of work in a debug build
    gaps = []

    async def heartbeat():
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    beating = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.05)
    start = time.perf_counter()
    assert await checksum(data) == zlib.adler32(data)
    elapsed = time.perf_counter() - start
    beating.cancel()
    # Work done on the loop's thread would stop the heartbeat for all of `elapsed`.
    assert max(gaps) < 0.2, (max(gaps), elapsed)
    assert len(gaps) >= elapsed / 0.05


@pytest.mark.asyncio
async def test_many_checksums_at_once_all_resolve():
    data = bytes(range(256)) * (1 << 14)
    sums = await asyncio.gather(*(checksum(data) for _ in range(8)))
    assert sums == [zlib.adler32(data)] * 8


def test_exit_while_checksums_run_on_the_blocking_pool():
    exits_cleanly(
        """
async def main():
    data = bytes(1 << 20)
    while True:
        await asyncio.gather(*(pkg.checksum(data) for _ in range(8)))
"""
    )
