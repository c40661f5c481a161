import asyncio
import sys


def pytest_asyncio_loop_factories(config, item):
    """Run every async test on asyncio's loop and, where uvloop is installed, on uvloop's."""
    factories = {"asyncio": asyncio.new_event_loop}
    if sys.platform != "win32":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            factories["uvloop"] = uvloop.new_event_loop
    return factories
