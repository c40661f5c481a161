"""Finishes Rust futures right before interpreter exit: the race that used to crash the process."""

import asyncio
import importlib
import sys

m = importlib.import_module(sys.argv[1])


async def main():
    await asyncio.gather(*(m.rust_sleep(0.01) for _ in range(50)))
    task = asyncio.ensure_future(m.rust_sleep(10))
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


asyncio.run(main())
