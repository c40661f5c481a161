"""The `blocking` pattern: blocking and CPU-bound Rust work that leaves the event loop free."""

from . import _native
from ._native import sleep_blocking

__all__ = ["checksum", "sleep_blocking"]


async def checksum(data: bytes) -> int:
    """The Adler-32 checksum of `data` (as `zlib.adler32`), computed on Rust's blocking pool."""
    return await _native.checksum(data)
