"""Exercises a generated module's four functions; prints one JSON report on stdout."""

import asyncio
import importlib
import json
import sys
import time

name, use_uvloop = sys.argv[1], sys.argv[2] == "uvloop"
m = importlib.import_module(name)


class Boom(Exception):
    pass


async def value(x):
    await asyncio.sleep(0.01)
    return x


async def boom():
    await asyncio.sleep(0)
    raise Boom("boom: ü")


def loop_name():
    loop = type(asyncio.get_running_loop())
    return f"{loop.__module__}.{loop.__qualname__}"


async def checks():
    r = {"loop": loop_name(), "rust_sleep": await m.rust_sleep(0.01)}
    start = time.perf_counter()
    await asyncio.gather(*(m.rust_sleep(0.2) for _ in range(50)))
    r["gather_50_seconds"] = time.perf_counter() - start
    r["await_coro"] = await m.await_coro(value(42))
    try:
        await m.await_coro(boom())
        r["await_coro_error"] = None
    except Boom as e:
        r["await_coro_error"] = [type(e).__name__, str(e)]
    r["await_callable"] = await m.await_callable(lambda: value("fresh"))
    try:
        m.run_coro(value(1))
        r["run_coro_in_loop"] = None
    except RuntimeError as e:
        r["run_coro_in_loop"] = str(e)
    try:
        await m.rust_sleep(-1)
    except ValueError as e:
        r["negative_sleep"] = str(e)
    return r


async def running_loop_name():
    return loop_name()


out = {"asyncio": asyncio.run(checks())}
out["run_coro"] = m.run_coro(value(7))
out["run_coro_loop"] = m.run_coro(running_loop_name())
try:
    m.run_coro(boom())
except Boom as e:
    out["run_coro_error"] = [type(e).__name__, str(e)]
try:
    asyncio.run(m._native.rust_sleep(0.01))
    out["pitfall"] = None
except RuntimeError as e:
    out["pitfall"] = str(e)
if use_uvloop:
    import uvloop

    out["uvloop_run"] = uvloop.run(checks())
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        out["uvloop_runner"] = runner.run(checks())
json.dump(out, sys.stdout)
