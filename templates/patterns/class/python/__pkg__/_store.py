"""The `class` pattern: `Store`, whose state lives in Rust, with coroutine methods."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from . import _native

if TYPE_CHECKING:
    from typing_extensions import Self


class Store:
    """An in-memory key-value store kept in Rust; `async with Store() as store:` closes it.

    After `close()` every method raises `RuntimeError("store is closed")`.
    """

    __slots__ = ("_store",)

    def __init__(self) -> None:
        self._store = _native.Store()

    async def put(self, key: str, value: bytes) -> None:
        """Store `value` under `key`, replacing what was there."""
        await self._store.put(key, value)

    async def get(self, key: str) -> bytes | None:
        """The value stored under `key`, or None."""
        return await self._store.get(key)

    async def keys(self) -> list[str]:
        """Every key, sorted."""
        return await self._store.keys()

    async def close(self) -> None:
        """Drop the entries; closing a closed store does nothing."""
        await self._store.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
