"""The module smoke test: ``python -c <this file> <import name> <uvloop 0|1>``.

It proves the async bridge works (concurrency, exceptions, both event loops), not only that
the module imports, and prints one JSON list of checks on its last line. Runs on Python 3.10
and uses nothing outside the standard library (and uvloop, when asked for).
"""

import asyncio
import importlib
import json
import sys
import time

name, use_uvloop = sys.argv[1], sys.argv[2] == "1"
checks = []


def check(label, fn):
    start = time.perf_counter()
    try:
        detail = fn()
        ok = True
    except BaseException as e:  # noqa: BLE001 -- pyo3's PanicException derives from BaseException
        detail, ok = f"{type(e).__name__}: {e}", False
    seconds = round(time.perf_counter() - start, 4)
    checks.append({"name": label, "ok": ok, "seconds": seconds, "detail": detail})
    return ok


class SmokeError(Exception):
    pass


async def value(x):
    await asyncio.sleep(0.01)
    return x


async def boom():
    await asyncio.sleep(0)
    raise SmokeError("raised in Python")


m = None


def do_import():
    global m
    m = importlib.import_module(name)
    return getattr(m, "__file__", None)


def check_loop(loop_name, factory):
    def run(make):
        loop = factory()
        try:
            return loop.run_until_complete(make())
        finally:
            loop.close()

    async def loop_type():
        t = type(asyncio.get_running_loop())
        return f"{t.__module__}.{t.__qualname__}"

    def on_loop():
        found = run(loop_type)
        if loop_name == "uvloop" and found != "uvloop.Loop":
            raise SmokeError(f"expected uvloop.Loop, running on {found}")
        return found

    def sleep_once():
        async def go():
            return await m.rust_sleep(0.01)

        result = run(go)
        if result is not None:
            raise SmokeError(f"rust_sleep resolved to {result!r}, expected None")

    def concurrent():
        async def go():
            start = time.perf_counter()
            await asyncio.gather(*(m.rust_sleep(0.2) for _ in range(50)))
            return time.perf_counter() - start

        elapsed = run(go)
        if not 0.2 <= elapsed < 1.0:
            raise SmokeError(f"took {elapsed:.2f}s: the sleeps did not run concurrently")
        return f"{elapsed:.2f}s"

    def await_value():
        async def go():
            return await m.await_coro(value(42))

        got = run(go)
        if got != 42:
            raise SmokeError(f"returned {got!r}, expected 42")

    def await_error():
        async def go():
            try:
                await m.await_coro(boom())
            except SmokeError as e:
                return str(e)
            return None

        got = run(go)
        if got != "raised in Python":
            raise SmokeError(f"exception did not propagate unchanged: {got!r}")

    check(f"{loop_name}: event loop", on_loop)
    check(f"{loop_name}: rust_sleep resolves to None", sleep_once)
    check(f"{loop_name}: 50 concurrent rust_sleep(0.2) in under 1 s", concurrent)
    check(f"{loop_name}: await_coro returns the coroutine's value", await_value)
    check(f"{loop_name}: await_coro propagates the exception unchanged", await_error)


def sync_run():
    got = m.run_coro(value(7))
    if got != 7:
        raise SmokeError(f"returned {got!r}, expected 7")


GENERATED_API = ("rust_sleep", "await_coro", "run_coro")
missing = []
if check("import " + name, do_import):
    missing = [f for f in GENERATED_API if not hasattr(m, f)]
if missing:
    # Not a module create-pyo3-async generated (maturin new, or renamed functions): the import
    # is all that can be checked, and the report says what was left out.
    checks.append(
        {
            "name": "bridge checks",
            "ok": True,
            "seconds": 0,
            "detail": f"skipped: {name} has no {', '.join(missing)} (the API a generated module has)",
            "skipped": True,
        }
    )
elif checks[-1]["ok"]:
    loops = [("asyncio", asyncio.new_event_loop)]
    if use_uvloop:
        try:
            import uvloop

            loops.append(("uvloop", uvloop.new_event_loop))
        except ImportError as e:
            checks.append({"name": "uvloop installed", "ok": False, "seconds": 0, "detail": str(e)})
    for loop_name, factory in loops:
        check_loop(loop_name, factory)
    check("run_coro from synchronous code", sync_run)
print(json.dumps(checks))
