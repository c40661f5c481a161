"""The `class` pattern: a Rust object with shared state and async methods."""

import asyncio

import pytest

from my_module_tokio_uvloop_patterns import Store


@pytest.mark.asyncio
async def test_put_get_and_keys():
    store = Store()
    await store.put("b", b"2")
    await store.put("a", b"1")
    assert await store.get("a") == b"1"
    assert await store.get("missing") is None
    assert await store.keys() == ["a", "b"]
    await store.put("a", b"one")
    assert await store.get("a") == b"one"


@pytest.mark.asyncio
async def test_a_thousand_concurrent_puts_from_many_tasks_stay_consistent():
    store = Store()

    async def writer(first):
        for i in range(first, first + 100):
            await store.put(f"key-{i:04}", i.to_bytes(2, "big"))

    await asyncio.gather(*(asyncio.create_task(writer(n * 100)) for n in range(10)))
    keys = await store.keys()
    assert keys == [f"key-{i:04}" for i in range(1000)]
    values = await asyncio.gather(*(store.get(key) for key in keys))
    assert values == [i.to_bytes(2, "big") for i in range(1000)]


@pytest.mark.asyncio
async def test_async_with_closes_it_and_every_method_then_raises():
    async with Store() as store:
        await store.put("k", b"v")
    for call in (store.put("k", b"v"), store.get("k"), store.keys()):
        with pytest.raises(RuntimeError, match=r"^store is closed$"):
            await call
    await store.close()  # closing again is allowed, like a file's close()


@pytest.mark.asyncio
async def test_values_must_be_bytes():
    store = Store()
    with pytest.raises(TypeError):
        await store.put("k", "not bytes")
    await store.close()
